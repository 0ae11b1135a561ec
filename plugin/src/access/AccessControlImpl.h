//
// AccessControlImpl.h
//
// Library: OrgsPlugin
// Package: Access
// Module:  AccessControlImpl
//
// The permission check: owner, or the member's role compiled to a PermissionSet.
//


#ifndef Orgs_AccessControlImpl_INCLUDED
#define Orgs_AccessControlImpl_INCLUDED


#include "Orgs/AccessControl.h"
#include "config/RoleCatalog.h"
#include "data/Database.h"
#include "data/MembershipRepository.h"


namespace Orgs {
namespace Access {


class AccessControlImpl : public Orgs::AccessControl
	/// Implements AccessControl for the HTTP layer, the services and in-process hosts alike.
	/// One indexed query per check: the organization row joined with the account's membership.
{
public:
	struct Grant
		/// An account's standing in an organization.
	{
		bool exists = false;      ///< the organization exists
		bool member = false;      ///< the account is a member
		bool owner = false;       ///< the account owns it (and so holds every permission)
		std::string role;         ///< the member's organization role
		PermissionSet permissions;
	};

	AccessControlImpl(Data::Database& database, const Config::RoleCatalog& roles);

	Grant grant(Id accountId, Id organizationId);
		/// Returns the account's standing, reading the database.

	Grant grant(Poco::Data::Session& session, Id accountId, Id organizationId);
		/// The same within a caller's session (and transaction).

	bool isMember(Id accountId, Id organizationId) override;
	bool isOwner(Id accountId, Id organizationId) override;
	bool isAllowed(Id accountId, Id organizationId, Permission permission) override;
	PermissionSet permissions(Id accountId, Id organizationId) override;
	std::vector<RoleScopeInfo> roles() const override;

	const Config::RoleCatalog& catalog() const;

private:
	Data::Database& _database;
	Data::MembershipRepository _memberships;
	const Config::RoleCatalog& _roles;
};


inline const Config::RoleCatalog& AccessControlImpl::catalog() const
{
	return _roles;
}


} // namespace Access
} // namespace Orgs


#endif // Orgs_AccessControlImpl_INCLUDED
