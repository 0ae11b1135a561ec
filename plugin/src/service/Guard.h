//
// Guard.h
//
// Library: OrgsPlugin
// Package: Service
// Module:  Guard
//
// Resolves references to organizations and accounts and checks the actor's standing.
//


#ifndef Orgs_Guard_INCLUDED
#define Orgs_Guard_INCLUDED


#include "Orgs/Model.h"
#include "Orgs/Permission.h"
#include "access/AccessControlImpl.h"
#include "data/AccountRepository.h"
#include "data/OrganizationRepository.h"


namespace Orgs {
namespace Service {


class Guard
	/// The one place where services turn "{org}" into an organization the actor may see.
	/// A non-member gets the same NotFoundException for an existing organization as for a
	/// missing one; a member without the permission gets ForbiddenException.
{
public:
	struct Scope
		/// An organization and the actor's standing in it.
	{
		Organization organization;
		Access::AccessControlImpl::Grant grant;
	};

	Guard(Data::Database& database, Access::AccessControlImpl& access);

	Scope visible(Poco::Data::Session& session, Id actorId, const std::string& org, bool lock = false);
		/// Returns the organization if the actor is a member; with lock, its row stays locked
		/// until the transaction ends. Throws NotFoundException ("organization_not_found").

	Scope require(Poco::Data::Session& session, Id actorId, const std::string& org, Permission permission, bool lock = false);
		/// As visible(), and throws ForbiddenException ("permission_denied") without the permission.

	Scope requireOwner(Poco::Data::Session& session, Id actorId, const std::string& org, bool lock = false);
		/// As visible(), and throws ForbiddenException ("owner_only") unless the actor owns it.

	Account account(Poco::Data::Session& session, const std::string& account);
		/// Returns an account by id or username. Throws NotFoundException ("account_not_found").

	void requireWithin(const Scope& scope, PermissionSet permissions, const std::string& what);
		/// Throws ForbiddenException ("role_exceeds_own") unless the actor owns the organization or
		/// holds every permission in permissions: nobody grants or touches more than they hold.

	const Config::RoleCatalog& roles() const;

private:
	Data::Database& _database;
	Access::AccessControlImpl& _access;
	Data::OrganizationRepository _organizations;
	Data::AccountRepository _accounts;
};


} // namespace Service
} // namespace Orgs


#endif // Orgs_Guard_INCLUDED
