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
#include "data/AccessRepository.h"
#include "data/AccountRepository.h"
#include "data/OrganizationRepository.h"
#include "data/ResourceRepository.h"
#include "data/RoleRepository.h"
#include "data/WorkspaceRepository.h"
#include "service/FreshCache.h"


namespace Orgs {
namespace Service {


class Guard
	/// The one place where services turn "{org}" into an organization the actor may see.
	/// A non-member gets the same NotFoundException for an existing organization as for a
	/// missing one, after the same work (both are cached alike); a member without the
	/// permission gets ForbiddenException.
{
public:
	struct Scope
		/// An organization and the actor's standing in it.
	{
		Organization organization;
		Access::AccessControlImpl::Grant grant;
	};

	struct InWorkspace
		/// A workspace the actor may see and the permissions it holds there.
	{
		Workspace workspace;
		PermissionSet permissions;
	};

	struct OnResource
		/// A resource the actor may see and the permissions it holds on it.
	{
		Resource resource;
		PermissionSet permissions;
	};

	Guard(Data::Database& database, Access::AccessControlImpl& access);
		/// Listens to the database's committed changes until destroyed.

	~Guard();

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

	void requireWithin(const Scope& scope, PermissionSet permissions, const std::string& what);
		/// Throws ForbiddenException ("role_exceeds_own") unless the actor owns the organization or
		/// holds every permission in permissions: nobody grants or touches more than they hold.

	void requireWithin(const Scope& scope, PermissionSet held, PermissionSet permissions, const std::string& what);
		/// As above, against the permissions the actor holds in a workspace or on a resource.

	InWorkspace workspace(Poco::Data::Session& session, const Scope& scope, Id actorId, Id workspaceId,
	                      bool inTransaction = false);
		/// Returns a workspace of the scope's organization if the actor may see it: its permissions
		/// in the workspace include workspace.read, or its organization permissions include
		/// workspaces.list_all. The permissions come from the cache, or with inTransaction are
		/// read within the caller's transaction (for decisions a write depends on).
		/// Throws NotFoundException ("workspace_not_found") for a missing or invisible workspace.

	InWorkspace requireWorkspace(Poco::Data::Session& session, const Scope& scope, Id actorId, Id workspaceId,
	                             Permission permission, bool inTransaction = false);
		/// As workspace(), and throws ForbiddenException ("permission_denied") unless the actor
		/// holds the permission in the workspace.

	OnResource resource(Poco::Data::Session& session, const Scope& scope, Id actorId, Id resourceId,
	                    bool inTransaction = false);
		/// Returns a resource of the scope's organization if the actor may see it: its permissions
		/// on the resource include resource.read or resources.read. Permissions as in workspace().
		/// Throws NotFoundException ("resource_not_found") for a missing or invisible resource.

	OnResource requireResource(Poco::Data::Session& session, const Scope& scope, Id actorId, Id resourceId,
	                           PermissionSet anyOf, bool inTransaction = false);
		/// As resource(), and throws ForbiddenException ("permission_denied") unless the actor holds
		/// at least one of the permissions in anyOf on the resource.

	PermissionSet impliedWorkspacePermissions(const Scope& scope) const;
		/// Returns the permissions the actor's organization role implies in every workspace.

	std::string checkRole(const std::string& scope, const std::string& role) const;
		/// Returns role, or the scope's default role if role is empty. Throws InvalidInputException
		/// ("unknown_role") for a role the scope does not define.

	void checkDefaultRoles(const RoleMap& roles) const;
		/// Throws InvalidInputException ("unknown_resource_type", "unknown_role") unless every key
		/// is a configured resource type and every value one of its roles.

	std::string checkRole(Poco::Data::Session& session, Id organizationId, const std::string& scope,
	                      const std::string& role);
		/// As checkRole(scope, role), and for the workspace scope and resource types also accepts
		/// a custom role of the organization (RoleService).

	bool knowsRole(Poco::Data::Session& session, Id organizationId, const std::string& scope, const std::string& role);
		/// Returns true if the scope defines the role in the configuration or, for the workspace
		/// scope and resource types, as a custom role of the organization.

	PermissionSet rolePermissions(Poco::Data::Session& session, Id organizationId, const std::string& scope,
	                              const std::string& role);
		/// Returns the permissions of a configuration role or of the organization's custom role
		/// (empty for an unknown role).

	void checkDefaultRoles(Poco::Data::Session& session, Id organizationId, const RoleMap& roles);
		/// As checkDefaultRoles(roles), also accepting the organization's custom resource roles.

	void checkWorkspaceList(const std::vector<InvitationWorkspace>& workspaces) const;
		/// Before the transaction, for the workspaces an account is to join (an invitation's, or a
		/// member's added directly): throws InvalidInputException ("workspaces_disabled") if
		/// there are some but no workspace roles, ("duplicate_workspace") for one named twice.

	std::vector<InvitationWorkspace> requireWorkspaceGrants(Poco::Data::Session& session, const Scope& scope,
	                                                        Id actorId,
	                                                        const std::vector<InvitationWorkspace>& workspaces,
	                                                        const std::string& what);
		/// Within the transaction: resolves each role (empty: the default; a custom role too;
		/// InvalidInputException "unknown_role"), requires workspace.members.manage in each
		/// workspace (NotFoundException "workspace_not_found", ForbiddenException
		/// "permission_denied") and, unless the actor owns the organization, every permission of
		/// the role there ("role_exceeds_own"; what says what was attempted). Returns the
		/// workspaces with their resolved roles.

	std::vector<std::string> customRolesWith(Poco::Data::Session& session, Id organizationId, const std::string& scope,
	                                         PermissionSet anyOf);
		/// Returns the organization's custom roles of the scope granting any of anyOf.

	Access::AccessControlImpl& access();
	const Config::RoleCatalog& roles() const;

	void setPersonalAllowsMembers(bool allow);
		/// Sets orgs.organizations.personalAllowsMembers (default false).

	void requireAcceptsMembers(const Scope& scope) const;
		/// Throws ConflictException ("personal_organization") if the organization is a personal
		/// one and orgs.organizations.personalAllowsMembers is false: nobody joins it (by being
		/// added, invited or given ownership).

private:
	static constexpr std::size_t MAX_CACHED_REFERENCE = 64; ///< longer "{org}" references are never cached

	bool cachedOrganization(const std::string& org, Organization& organization) const;
	void onCommitted(const void* pSender, const Data::Database::Changes& changes);
		/// Forgets the cached organizations once a transaction that changed an organization row
		/// commits (they are cached by id and by username: all of them; changes are rare).
		/// Other processes re-read them within maxStaleness.
	Poco::Nullable<Organization> findOrganization(Poco::Data::Session& session, const std::string& org, bool lock);
	Scope standing(const Organization& organization, const Access::AccessControlImpl::Grant& grant,
	               const std::string& org) const;

	Data::Database& _database;
	Access::AccessControlImpl& _access;
	FreshCache<std::string, Organization> _organizationCache;
	Data::OrganizationRepository _organizations;
	Data::AccountRepository _accounts;
	Data::AccessRepository _standings;
	Data::WorkspaceRepository _workspaces;
	Data::ResourceRepository _resources;
	Data::RoleRepository _customRoles;
	bool _personalAllowsMembers = false;
};


} // namespace Service
} // namespace Orgs


#endif // Orgs_Guard_INCLUDED
