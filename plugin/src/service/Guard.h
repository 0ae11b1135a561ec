//
// Guard.h
//
// Library: OrgsPlugin
// Package: Service
// Module:  Guard
//
// Resolves references to organizations and accounts and checks the actor's standing in them.
//


#ifndef Orgs_Guard_INCLUDED
#define Orgs_Guard_INCLUDED


#include "Orgs/Model.h"
#include "Orgs/Permission.h"
#include "access/Grants.h"
#include "access/Ticker.h"
#include "data/AccountRepository.h"
#include "data/OrganizationRepository.h"
#include "service/FreshCache.h"


namespace Orgs {
namespace Service {


class Guard
	/// The one place where services turn "{org}" into an organization the actor may see, and
	/// "{account}" into an account. A non-member gets the same NotFoundException for an
	/// existing organization as for a missing one, after the same work (both are cached
	/// alike); a member without the permission gets ForbiddenException.
	///
	/// The actor's standing comes from access control (Access::Grants); what a role grants is
	/// the RoleResolver's, what a workspace or resource grants the ScopedGrants', who may join
	/// the Admission's.
{
public:
	struct Scope
		/// An organization and the actor's standing in it.
	{
		Organization organization;
		Access::Grants::Grant grant;
	};

	Guard(Data::Database& database, Access::Grants& grants, const Access::Ticker& time, Poco::Int64 maxStalenessNs,
	      std::size_t cacheEntries);
		/// Organizations, and the absence of one, are cached for maxStalenessNs (orgs.access.maxStaleness)
		/// of the staleness time (the grant cache's), at most cacheEntries of them
		/// (orgs.access.cacheEntries). time must outlive the guard.

	~Guard();
		/// Listens to the database's committed changes until destroyed.

	const Access::Ticker& time() const;
		/// Returns the staleness time every cache of the services reckons freshness in.

	Scope visible(Id actorId, const std::string& org);
		/// As visible(session, ...) for reads, without a database session while the organization
		/// and the actor's grant are cached (the hot path: no SQL at all); takes a pooled session
		/// only to load what is missing.

	Scope visible(Poco::Data::Session& session, Id actorId, const std::string& org, bool lock = false);
		/// Returns the organization if the actor is a member. Without lock the organization (or
		/// its absence) and the actor's standing come from caches (trusted for
		/// orgs.access.maxStaleness; a change committed in this process is seen at once);
		/// with lock (inside a write transaction) the row stays locked until the transaction ends
		/// and the standing is read in the transaction.
		/// Throws NotFoundException ("organization_not_found").

	Id organizationId(const std::string& org);
		/// Returns the id of the organization org names, else 0: the organization cache's
		/// answer, for the API's request counting. No SQL while it is cached.

	Id memberOrganization(Id actorId, const std::string& org);
		/// Returns the id of the organization org names if the actor is a member of it, else 0
		/// (a missing organization too): visible(actorId, org) without the exception, for the
		/// API's request counting. No SQL while the organization and the grant are cached.

	Scope require(Poco::Data::Session& session, Id actorId, const std::string& org, Permission permission,
	              bool lock = false);
		/// As visible(), and throws ForbiddenException ("permission_denied") without the permission.

	void require(const Scope& scope, Permission permission) const;
		/// Throws ForbiddenException ("permission_denied") unless the scope's grant holds the
		/// permission: for a change that needs a second permission.

	Scope requireOwner(Poco::Data::Session& session, Id actorId, const std::string& org, bool lock = false);
		/// As visible(), and throws ForbiddenException ("owner_only") unless the actor owns it.

	Account account(Poco::Data::Session& session, const std::string& account);
		/// Returns an account by id or username. Throws NotFoundException ("account_not_found").

	Account account(Poco::Data::Session& session, const std::string& account, Id organizationId, bool& member);
		/// As account(session, account), and sets member to whether the account is a member of
		/// the organization, in the same statement.

	static void requireWithin(const Scope& scope, PermissionSet permissions, const std::string& what);
		/// Throws ForbiddenException ("role_exceeds_own") unless the actor owns the organization or
		/// holds every permission in permissions: nobody grants or touches more than they hold.

	static void requireWithin(const Scope& scope, PermissionSet held, PermissionSet permissions,
	                          const std::string& what);
		/// As above, against the permissions the actor holds in a workspace or on a resource.


private:
	static constexpr std::size_t MAX_CACHED_REFERENCE = 64; ///< longer "{org}" references are never cached

	bool cachedOrganization(const std::string& org, Organization& organization) const;
	void onCommitted(const void* pSender, const Data::Database::Changes& changes);
		/// Forgets the cached organizations once a transaction that changed an organization row
		/// commits (they are cached by id and by username: all of them; changes are rare).
		/// Other processes re-read them within maxStaleness.
	Poco::Nullable<Organization> findOrganization(Poco::Data::Session& session, const std::string& org);
	Scope standing(const Organization& organization, const Access::Grants::Grant& grant, const std::string& org) const;

	Data::Database& _database;
	Access::Grants& _access;
	const Access::Ticker& _time;
	FreshCache<std::string, Organization> _organizationCache;
	Data::OrganizationRepository _organizations;
	Data::AccountRepository _accounts;
};


} // namespace Service
} // namespace Orgs


#endif // Orgs_Guard_INCLUDED
