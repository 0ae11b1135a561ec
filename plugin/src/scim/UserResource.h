//
// UserResource.h
//
// Library: OrgsPlugin
// Package: Scim
// Module:  UserResource
//
// A provisioned user as a SCIM User resource, and back.
//


#ifndef Orgs_Scim_UserResource_INCLUDED
#define Orgs_Scim_UserResource_INCLUDED


#include "data/ScimUserRepository.h"
#include "scim/Discovery.h"
#include "Poco/JSON/Object.h"
#include <string>


namespace Orgs {
namespace Scim {


class UserResource
	/// Converts between a stored user (Data::ScimUserRepository::Row) and its JSON
	/// representation as Schema::user() describes it: userName, name{givenName, familyName,
	/// formatted}, displayName, emails, active, externalId and the enterprise extension's
	/// attributes (stored as sent, in the row's attributes text together with emails).
{
public:
	static void decode(const Poco::JSON::Object& resource, Data::ScimUserRepository::Row& row);
		/// Sets the row's attributes from a resource as Value::normalize() returns it. The
		/// primary email (else the first) is the row's email. Throws InvalidInputException
		/// ("invalidValue") for a userName or externalId that cannot be stored.

	static Poco::JSON::Object::Ptr encode(const Data::ScimUserRepository::Row& row, const Discovery& discovery);
		/// Returns the full representation, with meta (location under the connection's base URL).

	static std::string time(const Poco::Timestamp& at);
		/// Returns a meta dateTime: RFC 3339 in UTC.
};


} // namespace Scim
} // namespace Orgs


#endif // Orgs_Scim_UserResource_INCLUDED
