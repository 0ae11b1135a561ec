//
// ScopedGrants.cpp
//
// Library: OrgsPlugin
// Package: Service
// Module:  ScopedGrants
//


#include "service/ScopedGrants.h"
#include "Orgs/Errors.h"


namespace Orgs {
namespace Service {


using Config::RoleCatalog;


namespace {


PermissionSet setOf(std::initializer_list<Permission> permissions)
{
	PermissionSet s;
	for (Permission p : permissions)
		s.add(p);
	return s;
}


} // namespace


const ScopedGrants::Kind ScopedGrants::WORKSPACE{"workspace",
                                                 RoleCatalog::WORKSPACE,
                                                 Data::ScopedGrantRepository::WORKSPACE_MEMBERS,
                                                 "workspace_member",
                                                 "workspace_not_found",
                                                 "workspace_member_not_found",
                                                 "is not a member of workspace",
                                                 "in workspace ",
                                                 setOf({Permission::WorkspaceRead}),
                                                 setOf({Permission::WorkspacesListAll}),
                                                 setOf({Permission::WorkspaceRead}),
                                                 Permission::WorkspaceMembersManage,
                                                 true,
                                                 false};

const ScopedGrants::Kind ScopedGrants::RESOURCE{"resource",
                                                "",
                                                Data::ScopedGrantRepository::RESOURCE_COLLABORATORS,
                                                "collaborator",
                                                "resource_not_found",
                                                "collaborator_not_found",
                                                "is not a collaborator on",
                                                "on ",
                                                setOf({Permission::ResourceRead, Permission::ResourcesRead}),
                                                PermissionSet(),
                                                setOf({Permission::ResourceRead}),
                                                Permission::ResourceManage,
                                                false,
                                                true};


ScopedGrants::ScopedGrants(Data::Database& database, Guard& guard, Access::Grants& grants, Access::RoleResolver& roles,
                           Clock::Ptr pClock, const Kind& kind)
    : _guard(guard), _grants(grants), _roles(roles), _pClock(pClock), _kind(kind), _rows(database, kind.table),
      _memberships(database), _audit(database, pClock)
{
}


Poco::Nullable<ScopedGrants::Target> ScopedGrants::of(const Poco::Nullable<Workspace>& workspace)
{
	if (workspace.isNull())
		return Poco::Nullable<Target>();
	Target t;
	t.id = workspace.value().id;
	t.name = workspace.value().name;
	t.roleScope = RoleCatalog::WORKSPACE;
	return t;
}


Poco::Nullable<ScopedGrants::Target> ScopedGrants::of(const Poco::Nullable<Resource>& resource)
{
	if (resource.isNull())
		return Poco::Nullable<Target>();
	Target t;
	t.id = resource.value().id;
	t.name = resource.value().name;
	t.roleScope = resource.value().type;
	return t;
}


void ScopedGrants::requireScope() const
{
	if (!_kind.roleScope.empty() && !_roles.catalog().hasScope(_kind.roleScope))
		throw InvalidInputException("This server defines no " + _kind.roleScope + " roles (orgs.roles." +
		                                _kind.roleScope + ")",
		                            _kind.roleScope + "s_disabled");
}


void ScopedGrants::checkRequest(const std::string& role) const
{
	requireScope();
	if (role.empty() && !_kind.emptyRoleIsDefault)
		throw InvalidInputException(std::string("role must name a role") + (_kind.noneRemoves ? " (or none)" : ""),
		                            "unknown_role");
}


PermissionSet ScopedGrants::permissions(Poco::Data::Session& session, Id organizationId, Id actorId, Id id,
                                        bool inTransaction)
{
	if (&_kind == &WORKSPACE)
	{
		return inTransaction ? _grants.currentPermissions(session, actorId, organizationId, WorkspaceId{id})
		                     : _grants.cachedPermissions(session, actorId, organizationId, WorkspaceId{id});
	}
	return inTransaction ? _grants.currentPermissions(session, actorId, organizationId, ResourceId{id})
	                     : _grants.cachedPermissions(session, actorId, organizationId, ResourceId{id});
}


ScopedGrants::Target ScopedGrants::visible(Poco::Data::Session& session, const Guard::Scope& scope, Id actorId, Id id,
                                           bool inTransaction)
{
	Poco::Nullable<Target> found;
	const Poco::Nullable<Data::ScopedGrantRepository::Scope> row = _rows.findScope(session, scope.organization.id, id);
	if (!row.isNull())
	{
		Target t;
		t.id = row.value().id;
		t.name = row.value().name;
		t.roleScope = row.value().type.empty() ? _kind.roleScope : row.value().type;
		found = t;
	}
	return visible(session, scope, actorId, id, found, inTransaction);
}


ScopedGrants::Target ScopedGrants::visible(Poco::Data::Session& session, const Guard::Scope& scope, Id actorId, Id id,
                                           const Poco::Nullable<Target>& found, bool inTransaction)
{
	Target result;
	if (!found.isNull())
	{
		result = found.value();
		result.permissions = permissions(session, scope.organization.id, actorId, id, inTransaction);
	}
	if (found.isNull() || ((result.permissions.bits() & _kind.seenWith.bits()) == 0 &&
	                       (scope.grant.permissions.bits() & _kind.seenOrgWide.bits()) == 0))
	{
		throw NotFoundException("No " + _kind.name + " " + std::to_string(id) + " in '" + scope.organization.username +
		                            "' is visible to you",
		                        _kind.notFound);
	}
	return result;
}


void ScopedGrants::require(const Target& target, PermissionSet anyOf) const
{
	if ((target.permissions.bits() & anyOf.bits()) != 0)
		return;
	std::string names;
	for (const auto& n : anyOf.names())
		names += (names.empty() ? "" : " or ") + n;
	throw ForbiddenException("Your roles " + _kind.rolesThere + "'" + target.name + "' do not grant " + names,
	                         "permission_denied");
}


void ScopedGrants::require(const Target& target, Permission permission) const
{
	PermissionSet one;
	one.add(permission);
	require(target, one);
}


std::vector<ScopedGrants::Grant> ScopedGrants::list(Poco::Data::Session& session, const Target& target,
                                                    Id afterAccountId, int limit)
{
	require(target, _kind.listWith);
	return _rows.list(session, target.id, afterAccountId, limit);
}


AuditDetails ScopedGrants::details(const Target& target) const
{
	AuditDetails d;
	d.within(_kind.name, target.id, target.name);
	return d;
}


ScopedGrants::Grant ScopedGrants::set(Poco::Data::Session& session, const Guard::Scope& scope, Id actorId,
                                      const Target& target, const std::string& account, const std::string& role)
{
	const Id orgId = scope.organization.id;
	require(target, _kind.manageWith);
	const std::string r = _roles.check(session, orgId, target.roleScope, role); // a custom role too
	const Account a = _guard.account(session, account);
	if (_memberships.find(session, orgId, a.id).isNull())
		throw ConflictException("'" + a.username + "' is not a member of the organization", "not_a_member");
	Guard::requireWithin(scope, target.permissions, _roles.permissions(session, orgId, target.roleScope, r),
	                     "Granting role '" + r + "'");
	Poco::Nullable<Grant> current = _rows.find(session, target.id, a.id);
	if (!current.isNull() && current.value().role != r)
	{
		Guard::requireWithin(scope, target.permissions,
		                     _roles.permissions(session, orgId, target.roleScope, current.value().role),
		                     "Changing '" + a.username + "'");
	}
	const AuditTarget who{"account", a.id, a.username};
	AuditDetails changes = details(target);
	if (!current.isNull())
		changes.before("role", current.value().role);
	if (_kind.noneRemoves && r == RoleCatalog::NONE)
	{
		// "none" is no role: the account stops holding one.
		if (!current.isNull())
		{
			_rows.remove(session, orgId, target.id, a.id);
			_audit.record(session, orgId, actorId, _kind.audit + ".removed", who, changes);
		}
		Grant none;
		none.scopeId = target.id;
		none.accountId = a.id;
		none.username = a.username;
		none.name = a.name;
		none.role = RoleCatalog::NONE;
		none.createdAt = _pClock->now();
		return none;
	}
	if (current.isNull())
	{
		_rows.insert(session, orgId, target.id, a.id, r, _pClock->now());
		_audit.record(session, orgId, actorId, _kind.audit + ".set", who, changes.after("role", r));
	}
	else if (current.value().role != r)
	{
		_rows.update(session, orgId, target.id, a.id, r);
		_audit.record(session, orgId, actorId, _kind.audit + ".set", who, changes.after("role", r));
	}
	return _rows.find(session, target.id, a.id).value();
}


void ScopedGrants::remove(Poco::Data::Session& session, const Guard::Scope& scope, Id actorId, const Target& target,
                          const std::string& account, const std::function<void(const Account&)>& beforeRemoving)
{
	const Id orgId = scope.organization.id;
	require(target, _kind.manageWith);
	const Account a = _guard.account(session, account);
	Poco::Nullable<Grant> current = _rows.find(session, target.id, a.id);
	if (current.isNull())
	{
		throw NotFoundException("'" + a.username + "' " + _kind.notHolding + " '" + target.name + "'",
		                        _kind.grantNotFound);
	}
	Guard::requireWithin(scope, target.permissions,
	                     _roles.permissions(session, orgId, target.roleScope, current.value().role),
	                     "Removing '" + a.username + "'");
	if (beforeRemoving)
		beforeRemoving(a);
	_rows.remove(session, orgId, target.id, a.id);
	_audit.record(session, orgId, actorId, _kind.audit + ".removed", {"account", a.id, a.username},
	              details(target).before("role", current.value().role));
}


void ScopedGrants::place(Poco::Data::Session& session, Id organizationId, Id actorId, const Target& target,
                         const AuditTarget& account, const std::string& role, bool record)
{
	_rows.insert(session, organizationId, target.id, account.id, role, _pClock->now());
	if (record)
		_audit.record(session, organizationId, actorId, _kind.audit + ".set", account,
		              details(target).after("role", role));
}


void ScopedGrants::insert(Poco::Data::Session& session, Id organizationId, Id scopeId, Id accountId,
                          const std::string& role, const Poco::Timestamp& at)
{
	_rows.insert(session, organizationId, scopeId, accountId, role, at);
}


} // namespace Service
} // namespace Orgs
