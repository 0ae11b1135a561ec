//
// GroupResource.h
//
// Library: OrgsPlugin
// Package: Scim
// Module:  GroupResource
//
// A provisioned group as a SCIM Group resource, and back.
//


#ifndef Orgs_Scim_GroupResource_INCLUDED
#define Orgs_Scim_GroupResource_INCLUDED


#include "data/ScimGroupRepository.h"
#include "scim/Discovery.h"
#include "Poco/JSON/Object.h"
#include <string>
#include <vector>


namespace Orgs {
namespace Scim {


class GroupResource
	/// Converts between a stored group with its members and its JSON representation as
	/// Schema::group() describes it: displayName, externalId, members[{value, display, $ref, type}].
{
public:
	static void decode(const Poco::JSON::Object& resource, Data::ScimGroupRepository::Row& row,
	                   std::vector<std::string>& members);
		/// Sets the row from a resource as Value::normalize() returns it, and members to its
		/// members' values (SCIM user ids, as sent). Throws InvalidInputException
		/// ("invalidValue") for a displayName or externalId that cannot be stored.

	static Poco::JSON::Object::Ptr encode(const Data::ScimGroupRepository::Row& row,
	                                      const std::vector<Data::ScimGroupRepository::Member>* pMembers,
	                                      const Discovery& discovery);
		/// Returns the representation, with its members unless pMembers is null (not asked
		/// for), with meta.
};


} // namespace Scim
} // namespace Orgs


#endif // Orgs_Scim_GroupResource_INCLUDED
