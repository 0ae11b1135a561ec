//
// MembershipRepository.h
//
// Library: OrgsPlugin
// Package: Data
// Module:  MembershipRepository
//
// SQL for the memberships table.
//


#ifndef Orgs_MembershipRepository_INCLUDED
#define Orgs_MembershipRepository_INCLUDED


#include "Orgs/Model.h"
#include "data/Database.h"
#include "Poco/Nullable.h"
#include <string>
#include <vector>


namespace Orgs {
namespace Data {


class MembershipRepository
	/// One row per (organization, account); listings are keyset-paginated by account id,
	/// which the primary key orders, so the last page costs what the first does.
{
public:
	explicit MembershipRepository(Database& database);

	void insert(Poco::Data::Session& session, Id orgId, Id accountId, const std::string& role,
	            const Poco::Timestamp& at);
		/// Inserts a membership. Throws ConflictException ("already_member") if it exists.

	Poco::Nullable<Membership> find(Poco::Data::Session& session, Id orgId, Id accountId, bool lock = false);
		/// Returns the membership with the account's public fields and its default roles (owner
		/// is left false).

	bool updateRole(Poco::Data::Session& session, Id orgId, Id accountId, const std::string& role,
	                const Poco::Timestamp& at);
	bool remove(Poco::Data::Session& session, Id orgId, Id accountId);

	std::size_t setEveryRole(Poco::Data::Session& session, Id orgId, const std::string& role,
	                         const Poco::Timestamp& at);
		/// Gives every member of the organization the role (a plan with memberRole); returns how
		/// many memberships changed.

	std::vector<Membership> list(Poco::Data::Session& session, Id orgId, const std::string& role,
	                             const std::string& search, Id afterAccountId, int limit);
		/// Returns up to limit members with account id above afterAccountId, by account id,
		/// optionally only those with the role and those whose username or name contains search,
		/// each with its default roles (one statement, reading memberships.default_roles).

	void setDefaultRoles(Poco::Data::Session& session, Id orgId, Id accountId, const RoleMap& roles);
		/// Sets the member's default role for each resource type named in roles, in
		/// member_default_roles and in the membership's copy that find() and list() read
		/// (memberships.default_roles).

	static std::string encodeDefaultRoles(const RoleMap& roles);
		/// Returns roles as memberships.default_roles holds them: "type=role,type=role".

	static RoleMap decodeDefaultRoles(const std::string& text);
		/// Reads a text written by encodeDefaultRoles().

private:
	void loadDefaultRoles(Poco::Data::Session& session, Id orgId, std::vector<Membership>& members);
		/// Fills defaultRoles of members (sorted by account id) from member_default_roles with
		/// one query: for the copy setDefaultRoles() writes, and for a copy that overflowed.

	Database& _database;
};


} // namespace Data
} // namespace Orgs


#endif // Orgs_MembershipRepository_INCLUDED
