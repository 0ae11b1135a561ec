//
// GroupProvisioning.h
//
// Library: OrgsPlugin
// Package: Scim
// Module:  GroupProvisioning
//
// The /Groups endpoint of a SCIM connection.
//


#ifndef Orgs_Scim_GroupProvisioning_INCLUDED
#define Orgs_Scim_GroupProvisioning_INCLUDED


#include "data/ScimGroupRepository.h"
#include "data/ScimUserRepository.h"
#include "scim/Call.h"
#include "scim/Directory.h"
#include "scim/Filter.h"
#include "scim/ListResponse.h"
#include "scim/Listing.h"
#include "Poco/JSON/Object.h"
#include <set>
#include <string>
#include <vector>


namespace Orgs {
namespace Scim {


class GroupProvisioning
	/// Creates, reads, lists, replaces, patches and deletes a connection's groups. A group
	/// maps to roles and workspaces through the connection's rules (claim "groups"): each
	/// write re-applies them, in its transaction, to every active user whose groups it changed
	/// (members added or removed; all members when the group is renamed or deleted). A group
	/// that no rule names is stored and listed, and takes effect once a rule names it (rules
	/// changed on the connection apply at once to its users).
	///
	/// displayName is unique per connection ignoring case: ConflictException ("uniqueness").
	/// Members are users of the same connection: another value is InvalidInputException
	/// ("invalidValue") when added, ignored when removed.
{
public:
	GroupProvisioning(Data::Database& database, Directory& directory, Service::Clock::Ptr pClock);

	Poco::JSON::Object::Ptr create(Call& call, const Poco::JSON::Object& body);
	Poco::JSON::Object::Ptr get(Call& call, const std::string& id, bool members);
	Listing list(Call& call, const Filter& filter, const ListResponse::Page& page, bool members);
	Poco::JSON::Object::Ptr replace(Call& call, const std::string& id, const Poco::JSON::Object& body);
	void patch(Call& call, const std::string& id, const Poco::JSON::Object& body);
	void remove(Call& call, const std::string& id);

private:
	Data::ScimGroupRepository::Row require(Poco::Data::Session& session, const Call& call, const std::string& id,
	                                       bool lock = false);
	Id memberId(Poco::Data::Session& session, const Call& call, const std::string& value, bool required);
		/// Returns the SCIM user id a member value names (0 for an unknown one when not required).
	void resync(Poco::Data::Session& session, const Organization& org, const Call& call, const std::set<Id>& users,
	            const std::vector<std::string>& groupNames);
		/// Applies the rules again to the active users among users, unless no rule can be
		/// decided by a change of membership in the groups named groupNames.
	static bool mayMatter(const ScimConnection& connection, const std::vector<std::string>& groupNames);
		/// Returns true if a change of membership in those groups can change what the rules
		/// give: a rule names one of them, or an "equals" rule (which looks at all of a user's
		/// groups) exists.
	Poco::JSON::Object::Ptr replaceIn(Poco::Data::Session& session, const Organization& org, Call& call,
	                                  const Data::ScimGroupRepository::Row& before, const Poco::JSON::Object& resource);

	Data::Database& _database;
	Directory& _directory;
	Service::Clock::Ptr _pClock;
	Data::ScimGroupRepository _groups;
	Data::ScimUserRepository _users;
};


} // namespace Scim
} // namespace Orgs


#endif // Orgs_Scim_GroupProvisioning_INCLUDED
