//
// Guard.cpp
//
// Library: OrgsPlugin
// Package: Service
// Module:  Guard
//


#include "service/Guard.h"
#include "service/Validator.h"
#include "Orgs/Errors.h"
#include "Poco/Delegate.h"
#include <algorithm>
#include <set>


namespace Orgs {
namespace Service {


Guard::Guard(Data::Database& database, Access::AccessControlImpl& access)
    : _database(database), _access(access),
      _organizationCache(access.maxStalenessNs(), access.cacheEntries(), access.ticker()), _organizations(database),
      _accounts(database), _standings(database), _workspaces(database), _resources(database), _customRoles(database)
{
	_database.committed += Poco::delegate(this, &Guard::onCommitted);
}


Guard::~Guard()
{
	_database.committed -= Poco::delegate(this, &Guard::onCommitted);
}


void Guard::onCommitted(const void*, const Data::Database::Changes& changes)
{
	if (!changes.organizations.empty())
		_organizationCache.clear();
}


Guard::Scope Guard::visible(Id actorId, const std::string& org)
{
	Organization organization;
	if (cachedOrganization(org, organization))
		return standing(organization, _access.grant(actorId, organization.id), org);
	return _database.withSession([&](Poco::Data::Session& session) { return visible(session, actorId, org); });
}


Id Guard::memberOrganization(Id actorId, const std::string& org)
{
	// The path of visible(actorId, org), a missing organization included (id 0).
	Organization organization;
	if (cachedOrganization(org, organization))
		return _access.grant(actorId, organization.id).member ? organization.id : 0;
	return _database.withSession([&](Poco::Data::Session& session) {
		Poco::Nullable<Organization> found = findOrganization(session, org, false);
		const Id id = found.isNull() ? 0 : found.value().id;
		return _access.cachedGrant(session, actorId, id).member ? id : 0;
	});
}


Guard::Scope Guard::visible(Poco::Data::Session& session, Id actorId, const std::string& org, bool lock)
{
	Organization organization; // id 0 while there is no such organization
	if (lock || !cachedOrganization(org, organization))
	{
		Poco::Nullable<Organization> found = findOrganization(session, org, lock);
		if (!found.isNull())
			organization = found.value();
	}
	// A missing organization goes the same way as one the actor is not a member of (a grant of
	// organization 0, cached as any other), so the answer time tells them apart no more than
	// the answer does.
	return standing(organization,
	                lock ? _access.grant(session, actorId, organization.id)
	                     : _access.cachedGrant(session, actorId, organization.id),
	                org);
}


Poco::Nullable<Organization> Guard::findOrganization(Poco::Data::Session& session, const std::string& org, bool lock)
{
	Id id = 0;
	const bool byId = Validator::parseId(org, id);
	if (lock)
		return byId ? _organizations.findById(session, id, true) : _organizations.findByUsername(session, org, true);
	// Read outside any write, so it may be cached. The stamp is taken before the read: if a
	// change of an organization row commits meanwhile, the value is not stored.
	// A missing organization is remembered too (as id 0), so that it costs no more than an
	// existing one: creating, restoring or renaming one here clears the cache at once (see
	// onCommitted()); one another host creates is seen within maxStaleness. A reference
	// longer than MAX_CACHED_REFERENCE (no username or id is) is not kept: memory stays bounded.
	const auto stamp = _organizationCache.stamp();
	Poco::Nullable<Organization> found =
	    byId ? _organizations.findById(session, id, false) : _organizations.findByUsername(session, org, false);
	if (org.size() <= MAX_CACHED_REFERENCE)
		_organizationCache.put(org, found.isNull() ? Organization() : found.value(), stamp);
	return found;
}


bool Guard::cachedOrganization(const std::string& org, Organization& organization) const
{
	return _organizationCache.get(org, organization);
}


Guard::Scope Guard::standing(const Organization& organization, const Access::AccessControlImpl::Grant& grant,
                             const std::string& org) const
{
	if (!grant.member)
		throw NotFoundException("No organization '" + org + "' is visible to you", "organization_not_found");
	Scope scope;
	scope.organization = organization;
	scope.grant = grant;
	return scope;
}


Guard::Scope Guard::require(Poco::Data::Session& session, Id actorId, const std::string& org, Permission permission,
                            bool lock)
{
	Scope scope = visible(session, actorId, org, lock);
	require(scope, permission);
	return scope;
}


void Guard::require(const Scope& scope, Permission permission) const
{
	if (!scope.grant.permissions.has(permission))
	{
		throw ForbiddenException("Your role in '" + scope.organization.username + "' does not grant " +
		                             permissionName(permission),
		                         "permission_denied");
	}
}


Guard::Scope Guard::requireOwner(Poco::Data::Session& session, Id actorId, const std::string& org, bool lock)
{
	Scope scope = visible(session, actorId, org, lock);
	if (!scope.grant.owner)
		throw ForbiddenException("Only the owner of '" + scope.organization.username + "' can do this", "owner_only");
	return scope;
}


Account Guard::account(Poco::Data::Session& session, const std::string& account)
{
	Id id = 0;
	Poco::Nullable<Account> found =
	    Validator::parseId(account, id) ? _accounts.findById(session, id) : _accounts.findByUsername(session, account);
	if (found.isNull())
		throw NotFoundException("No account '" + account + "'", "account_not_found");
	return found.value();
}


void Guard::checkWorkspaceList(const std::vector<InvitationWorkspace>& workspaces) const
{
	std::set<Id> seen;
	for (const auto& w : workspaces)
	{
		if (!roles().hasScope(Config::RoleCatalog::WORKSPACE))
			throw InvalidInputException("This server defines no workspace roles (orgs.roles.workspace)",
			                            "workspaces_disabled");
		if (!seen.insert(w.workspaceId).second)
			throw InvalidInputException("workspace " + std::to_string(w.workspaceId) + " is named twice",
			                            "duplicate_workspace");
	}
}


std::vector<InvitationWorkspace> Guard::requireWorkspaceGrants(Poco::Data::Session& session, const Scope& scope,
                                                               Id actorId,
                                                               const std::vector<InvitationWorkspace>& workspaces,
                                                               const std::string& what)
{
	const std::string& wsScope = Config::RoleCatalog::WORKSPACE;
	std::vector<InvitationWorkspace> checked = workspaces;
	for (auto& w : checked)
		w.role = checkRole(session, scope.organization.id, wsScope, w.role);
	for (const auto& w : checked)
	{
		const InWorkspace ws =
		    requireWorkspace(session, scope, actorId, w.workspaceId, Permission::WorkspaceMembersManage, true);
		requireWithin(scope, ws.permissions, rolePermissions(session, scope.organization.id, wsScope, w.role),
		              what + " to workspace '" + ws.workspace.name + "' as '" + w.role + "'");
	}
	return checked;
}


void Guard::requireWithin(const Scope& scope, PermissionSet permissions, const std::string& what)
{
	if (scope.grant.owner)
		return;
	if ((permissions.bits() & ~scope.grant.permissions.bits()) != 0)
		throw ForbiddenException(what + " would need permissions your own role does not have", "role_exceeds_own");
}


void Guard::requireWithin(const Scope& scope, PermissionSet held, PermissionSet permissions, const std::string& what)
{
	if (scope.grant.owner)
		return;
	if ((permissions.bits() & ~held.bits()) != 0)
		throw ForbiddenException(what + " would need permissions your own roles here do not have", "role_exceeds_own");
}


Guard::InWorkspace Guard::workspace(Poco::Data::Session& session, const Scope& scope, Id actorId, Id workspaceId,
                                    bool inTransaction)
{
	const Id orgId = scope.organization.id;
	Poco::Nullable<Workspace> found = _workspaces.find(session, orgId, workspaceId);
	InWorkspace result;
	if (!found.isNull())
	{
		result.workspace = found.value();
		result.permissions = inTransaction
		                         ? _access.evaluate(_standings.workspace(session, actorId, orgId, workspaceId), actorId)
		                         : _access.cachedPermissions(session, actorId, orgId, WorkspaceId{workspaceId});
	}
	if (found.isNull() || (!result.permissions.has(Permission::WorkspaceRead) &&
	                       !scope.grant.permissions.has(Permission::WorkspacesListAll)))
	{
		throw NotFoundException("No workspace " + std::to_string(workspaceId) + " in '" + scope.organization.username +
		                            "' is visible to you",
		                        "workspace_not_found");
	}
	return result;
}


Guard::InWorkspace Guard::requireWorkspace(Poco::Data::Session& session, const Scope& scope, Id actorId, Id workspaceId,
                                           Permission permission, bool inTransaction)
{
	InWorkspace result = workspace(session, scope, actorId, workspaceId, inTransaction);
	if (!result.permissions.has(permission))
	{
		throw ForbiddenException("Your roles in workspace '" + result.workspace.name + "' do not grant " +
		                             permissionName(permission),
		                         "permission_denied");
	}
	return result;
}


Guard::OnResource Guard::resource(Poco::Data::Session& session, const Scope& scope, Id actorId, Id resourceId,
                                  bool inTransaction)
{
	const Id orgId = scope.organization.id;
	Poco::Nullable<Resource> found = _resources.find(session, orgId, resourceId);
	OnResource result;
	if (!found.isNull())
	{
		result.resource = found.value();
		result.permissions = inTransaction
		                         ? _access.evaluate(_standings.resource(session, actorId, orgId, resourceId), actorId)
		                         : _access.cachedPermissions(session, actorId, orgId, ResourceId{resourceId});
	}
	if (found.isNull() ||
	    (!result.permissions.has(Permission::ResourceRead) && !result.permissions.has(Permission::ResourcesRead)))
	{
		throw NotFoundException("No resource " + std::to_string(resourceId) + " in '" + scope.organization.username +
		                            "' is visible to you",
		                        "resource_not_found");
	}
	return result;
}


Guard::OnResource Guard::requireResource(Poco::Data::Session& session, const Scope& scope, Id actorId, Id resourceId,
                                         PermissionSet anyOf, bool inTransaction)
{
	OnResource result = resource(session, scope, actorId, resourceId, inTransaction);
	if ((result.permissions.bits() & anyOf.bits()) == 0)
	{
		std::string names;
		for (const auto& n : anyOf.names())
			names += (names.empty() ? "" : " or ") + n;
		throw ForbiddenException("Your roles on '" + result.resource.name + "' do not grant " + names,
		                         "permission_denied");
	}
	return result;
}


PermissionSet Guard::impliedWorkspacePermissions(const Scope& scope) const
{
	const Config::RoleCatalog::Role* pRole = roles().findRole(Config::RoleCatalog::ORGANIZATION, scope.grant.role);
	return pRole ? pRole->impliedPermissions : PermissionSet();
}


std::string Guard::checkRole(const std::string& scope, const std::string& role) const
{
	const std::string r = role.empty() ? roles().defaultRole(scope) : role;
	if (!roles().hasRole(scope, r))
		throw InvalidInputException("role '" + r + "' is not a " + scope + " role (see GET /roles)", "unknown_role");
	return r;
}


void Guard::checkDefaultRoles(const RoleMap& defaultRoles) const
{
	for (const auto& kv : defaultRoles)
	{
		const auto& types = roles().resourceTypes();
		if (std::find(types.begin(), types.end(), kv.first) == types.end())
			throw InvalidInputException("'" + kv.first + "' is not a resource type (orgs.resources.types)",
			                            "unknown_resource_type");
		if (!roles().hasRole(kv.first, kv.second))
			throw InvalidInputException("role '" + kv.second + "' is not a " + kv.first + " role (see GET /roles)",
			                            "unknown_role");
	}
}


bool Guard::knowsRole(Poco::Data::Session& session, Id organizationId, const std::string& scope,
                      const std::string& role)
{
	if (roles().hasRole(scope, role))
		return true;
	if (scope == Config::RoleCatalog::ORGANIZATION || !roles().hasScope(scope) || role.empty())
		return false;
	return !_customRoles.find(session, organizationId, scope, role).isNull();
}


std::string Guard::checkRole(Poco::Data::Session& session, Id organizationId, const std::string& scope,
                             const std::string& role)
{
	const std::string r = role.empty() ? roles().defaultRole(scope) : role;
	if (!knowsRole(session, organizationId, scope, r))
		throw InvalidInputException("role '" + r + "' is not a " + scope + " role (see GET /orgs/{org}/roles)",
		                            "unknown_role");
	return r;
}


PermissionSet Guard::rolePermissions(Poco::Data::Session& session, Id organizationId, const std::string& scope,
                                     const std::string& role)
{
	if (const Config::RoleCatalog::Role* pRole = roles().findRole(scope, role))
		return pRole->permissions;
	if (scope == Config::RoleCatalog::ORGANIZATION || role.empty())
		return PermissionSet();
	Poco::Nullable<CustomRole> custom = _customRoles.find(session, organizationId, scope, role);
	if (custom.isNull())
		return PermissionSet();
	PermissionSet set;
	for (const auto& name : custom.value().permissions)
	{
		Permission p;
		if (parsePermission(name, p))
			set.add(p);
	}
	return PermissionSet(set.bits() & roles().scopePermissions(scope).bits());
}


void Guard::checkDefaultRoles(Poco::Data::Session& session, Id organizationId, const RoleMap& defaultRoles)
{
	for (const auto& kv : defaultRoles)
	{
		const auto& types = roles().resourceTypes();
		if (std::find(types.begin(), types.end(), kv.first) == types.end())
			throw InvalidInputException("'" + kv.first + "' is not a resource type (orgs.resources.types)",
			                            "unknown_resource_type");
		if (!knowsRole(session, organizationId, kv.first, kv.second))
			throw InvalidInputException(
			    "role '" + kv.second + "' is not a " + kv.first + " role (see GET /orgs/{org}/roles)", "unknown_role");
	}
}


std::vector<std::string> Guard::customRolesWith(Poco::Data::Session& session, Id organizationId,
                                                const std::string& scope, PermissionSet anyOf)
{
	std::vector<std::string> result;
	const PermissionSet meaningful = roles().scopePermissions(scope);
	for (const auto& role : _customRoles.list(session, organizationId))
	{
		if (role.scope != scope)
			continue;
		Poco::UInt64 bits = 0;
		for (const auto& name : role.permissions)
		{
			Permission p;
			if (parsePermission(name, p))
				bits |= Poco::UInt64(1) << static_cast<unsigned>(p);
		}
		if (bits & meaningful.bits() & anyOf.bits())
			result.push_back(role.name);
	}
	return result;
}


Access::AccessControlImpl& Guard::access()
{
	return _access;
}


const Config::RoleCatalog& Guard::roles() const
{
	return _access.catalog();
}


void Guard::setPersonalAllowsMembers(bool allow)
{
	_personalAllowsMembers = allow;
}


void Guard::requireAcceptsMembers(const Scope& scope) const
{
	if (scope.organization.personal && !_personalAllowsMembers)
		throw ConflictException("'" + scope.organization.username +
		                            "' is a personal organization: it takes no other members; create an "
		                            "organization to work with others",
		                        "personal_organization");
}


} // namespace Service
} // namespace Orgs
