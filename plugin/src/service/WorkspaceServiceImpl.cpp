//
// WorkspaceServiceImpl.cpp
//
// Library: OrgsPlugin
// Package: Service
// Module:  WorkspaceServiceImpl
//


#include "service/WorkspaceServiceImpl.h"
#include "service/Paging.h"
#include "service/Validator.h"
#include "Orgs/Errors.h"
#include "Poco/String.h"


namespace Orgs {
namespace Service {


namespace {


const std::string& WS_SCOPE = Config::RoleCatalog::WORKSPACE;


} // namespace


WorkspaceServiceImpl::WorkspaceServiceImpl(Data::Database& database, Guard& guard, Clock::Ptr pClock, Quotas* pQuotas,
                                           RequiredWorkspace* pRequired)
    : _database(database), _guard(guard), _pClock(pClock), _workspaces(database), _memberships(database),
      _pQuotas(pQuotas), _readerRoles(guard.roles().rolesWith(WS_SCOPE, Permission::WorkspaceRead)),
      _audit(database, pClock), _pRequired(pRequired)
{
}


std::string WorkspaceServiceImpl::checkName(const std::string& name)
{
	const std::string trimmed = Poco::trim(name);
	Validator::name("name", trimmed, 1, 100);
	return trimmed;
}


void WorkspaceServiceImpl::requireWorkspaceScope() const
{
	if (!_guard.roles().hasScope(WS_SCOPE))
		throw InvalidInputException("This server defines no workspace roles (orgs.roles.workspace)",
		                            "workspaces_disabled");
}


Workspace WorkspaceServiceImpl::createWorkspace(Id actorId, const std::string& org, const std::string& name)
{
	const std::string n = checkName(name);
	requireWorkspaceScope();
	return _database.transact([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.require(session, actorId, org, Permission::WorkspacesCreate, true);
		if (_pQuotas)
			_pQuotas->requireWorkspace(session, scope.organization); // the organization row is locked
		const Poco::Timestamp now = _pClock->now();
		Workspace w = _workspaces.insert(session, scope.organization.id, n, actorId, now);
		_workspaces.insertMember(session, scope.organization.id, w.id, actorId, _guard.roles().creatorRole(WS_SCOPE),
		                         now);
		_audit.record(session, scope.organization.id, actorId, "workspace.created", {"workspace", w.id, w.name},
		              AuditDetails().after("name", w.name));
		return w;
	});
}


Page<Workspace> WorkspaceServiceImpl::listWorkspaces(Id actorId, const std::string& org, const PageRequest& page)
{
	Paging::checkLimit(page.limit);
	const Id after = Paging::decode(page.cursor);
	return _database.withSession([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.visible(session, actorId, org);
		const PermissionSet p = scope.grant.permissions;
		const Id orgId = scope.organization.id;
		std::vector<Workspace> rows;
		if (p.has(Permission::WorkspacesListAll) ||
		    (p.has(Permission::WorkspacesRead) &&
		     _guard.impliedWorkspacePermissions(scope).has(Permission::WorkspaceRead)))
		{
			rows = _workspaces.list(session, orgId, after, page.limit + 1);
		}
		else if (p.has(Permission::WorkspacesRead))
		{
			// The organization's custom workspace roles granting workspace.read count too.
			PermissionSet reading;
			reading.add(Permission::WorkspaceRead);
			std::vector<std::string> readers = _readerRoles;
			for (auto& r : _guard.customRolesWith(session, orgId, WS_SCOPE, reading))
				readers.push_back(r);
			rows = _workspaces.listForMember(session, orgId, actorId, readers, after, page.limit + 1);
		}
		// Without workspaces.read the actor reaches its resources directly: the list is empty.
		return Paging::page(std::move(rows), page.limit, [](const Workspace& w) { return w.id; });
	});
}


Workspace WorkspaceServiceImpl::getWorkspace(Id actorId, const std::string& org, Id workspaceId)
{
	return _database.withSession([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.visible(session, actorId, org);
		return _guard.workspace(session, scope, actorId, workspaceId).workspace;
	});
}


Workspace WorkspaceServiceImpl::renameWorkspace(Id actorId, const std::string& org, Id workspaceId,
                                                const std::string& name)
{
	const std::string n = checkName(name);
	return _database.transact([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.visible(session, actorId, org, true);
		Workspace w =
		    _guard.requireWorkspace(session, scope, actorId, workspaceId, Permission::WorkspaceUpdate, true).workspace;
		if (w.name != n)
		{
			const std::string before = w.name;
			w.name = n;
			w.updatedAt = _pClock->now();
			_workspaces.rename(session, w);
			_audit.record(session, scope.organization.id, actorId, "workspace.updated", {"workspace", w.id, w.name},
			              AuditDetails().change("name", before, w.name));
		}
		return w;
	});
}


void WorkspaceServiceImpl::deleteWorkspace(Id actorId, const std::string& org, Id workspaceId)
{
	_database.transact([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.visible(session, actorId, org, true);
		const Workspace w =
		    _guard.requireWorkspace(session, scope, actorId, workspaceId, Permission::WorkspaceDelete, true).workspace;
		if (_pRequired)
			_pRequired->requireNoSoleMember(session, scope.organization, w);
		// Its memberships go with it; its resources stay, outside any workspace (foreign keys).
		_workspaces.remove(session, scope.organization.id, workspaceId);
		_audit.record(session, scope.organization.id, actorId, "workspace.deleted", {"workspace", w.id, w.name},
		              AuditDetails().before("name", w.name));
	});
}


Page<WorkspaceMember> WorkspaceServiceImpl::listWorkspaceMembers(Id actorId, const std::string& org, Id workspaceId,
                                                                 const PageRequest& page)
{
	Paging::checkLimit(page.limit);
	const Id after = Paging::decode(page.cursor);
	return _database.withSession([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.visible(session, actorId, org);
		_guard.requireWorkspace(session, scope, actorId, workspaceId, Permission::WorkspaceRead);
		return Paging::page(_workspaces.listMembers(session, workspaceId, after, page.limit + 1), page.limit,
		                    [](const WorkspaceMember& m) { return m.accountId; });
	});
}


WorkspaceMember WorkspaceServiceImpl::setWorkspaceMember(Id actorId, const std::string& org, Id workspaceId,
                                                         const std::string& account, const std::string& role)
{
	requireWorkspaceScope();
	return _database.transact([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.visible(session, actorId, org, true);
		const Id orgId = scope.organization.id;
		const std::string r = _guard.checkRole(session, orgId, WS_SCOPE, role); // a custom role too
		const Guard::InWorkspace ws =
		    _guard.requireWorkspace(session, scope, actorId, workspaceId, Permission::WorkspaceMembersManage, true);
		const Account a = _guard.account(session, account);
		if (_memberships.find(session, orgId, a.id).isNull())
			throw ConflictException("'" + a.username + "' is not a member of the organization", "not_a_member");
		_guard.requireWithin(scope, ws.permissions, _guard.rolePermissions(session, orgId, WS_SCOPE, r),
		                     "Granting role '" + r + "'");
		Poco::Nullable<WorkspaceMember> current = _workspaces.findMember(session, workspaceId, a.id);
		const AuditTarget target{"account", a.id, a.username};
		if (current.isNull())
		{
			_workspaces.insertMember(session, orgId, workspaceId, a.id, r, _pClock->now());
			_audit.record(session, orgId, actorId, "workspace_member.set", target,
			              AuditDetails().within("workspace", workspaceId, ws.workspace.name).after("role", r));
		}
		else if (current.value().role != r)
		{
			_guard.requireWithin(scope, ws.permissions,
			                     _guard.rolePermissions(session, orgId, WS_SCOPE, current.value().role),
			                     "Changing '" + a.username + "'");
			_workspaces.updateMember(session, orgId, workspaceId, a.id, r);
			_audit.record(session, orgId, actorId, "workspace_member.set", target,
			              AuditDetails()
			                  .within("workspace", workspaceId, ws.workspace.name)
			                  .change("role", current.value().role, r));
		}
		return _workspaces.findMember(session, workspaceId, a.id).value();
	});
}


void WorkspaceServiceImpl::removeWorkspaceMember(Id actorId, const std::string& org, Id workspaceId,
                                                 const std::string& account)
{
	_database.transact([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.visible(session, actorId, org, true);
		const Guard::InWorkspace ws =
		    _guard.requireWorkspace(session, scope, actorId, workspaceId, Permission::WorkspaceMembersManage, true);
		const Account a = _guard.account(session, account);
		Poco::Nullable<WorkspaceMember> current = _workspaces.findMember(session, workspaceId, a.id);
		if (current.isNull())
		{
			throw NotFoundException("'" + a.username + "' is not a member of workspace '" + ws.workspace.name + "'",
			                        "workspace_member_not_found");
		}
		_guard.requireWithin(scope, ws.permissions,
		                     _guard.rolePermissions(session, scope.organization.id, WS_SCOPE, current.value().role),
		                     "Removing '" + a.username + "'");
		if (_pRequired)
			_pRequired->requireAnother(session, scope.organization, ws.workspace, a);
		_workspaces.removeMember(session, scope.organization.id, workspaceId, a.id);
		_audit.record(
		    session, scope.organization.id, actorId, "workspace_member.removed", {"account", a.id, a.username},
		    AuditDetails().within("workspace", workspaceId, ws.workspace.name).before("role", current.value().role));
	});
}


} // namespace Service
} // namespace Orgs
