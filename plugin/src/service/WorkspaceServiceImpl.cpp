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


WorkspaceServiceImpl::WorkspaceServiceImpl(Data::Database& database, Guard& guard, Access::RoleResolver& roles,
                                           ScopedGrants& members, Quotas& quotas, RequiredWorkspace& required,
                                           Clock::Ptr pClock)
    : _database(database), _guard(guard), _roles(roles), _members(members), _quotas(quotas), _required(required),
      _pClock(pClock), _workspaces(database), _audit(database, pClock)
{
}


std::string WorkspaceServiceImpl::checkName(const std::string& name)
{
	const std::string trimmed = Poco::trim(name);
	Validator::name("name", trimmed, 1, 100);
	return trimmed;
}


WorkspaceMember WorkspaceServiceImpl::member(const ScopedGrants::Grant& grant)
{
	return ScopedGrants::as(grant, &WorkspaceMember::workspaceId);
}


Workspace WorkspaceServiceImpl::workspace(Poco::Data::Session& session, const Guard::Scope& scope, Id actorId,
                                          Id workspaceId, ScopedGrants::Target& target, bool inTransaction)
{
	Poco::Nullable<Workspace> found = _workspaces.find(session, scope.organization.id, workspaceId);
	target = _members.visible(session, scope, actorId, workspaceId, ScopedGrants::of(found), inTransaction);
	return found.value();
}


Workspace WorkspaceServiceImpl::createWorkspace(Id actorId, const std::string& org, const std::string& name)
{
	const std::string n = checkName(name);
	_members.requireScope();
	return _database.transact([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.require(session, actorId, org, Permission::WorkspacesCreate, true);
		_quotas.requireWorkspace(session, scope.organization); // the organization row is locked
		const Poco::Timestamp now = _pClock->now();
		Workspace w = _workspaces.insert(session, scope.organization.id, n, actorId, now);
		_members.insert(session, scope.organization.id, w.id, actorId, _roles.catalog().creatorRole(WS_SCOPE), now);
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
		    (p.has(Permission::WorkspacesRead) && _roles.implied(scope.grant.role).has(Permission::WorkspaceRead)))
		{
			rows = _workspaces.list(session, orgId, after, page.limit + 1);
		}
		else if (p.has(Permission::WorkspacesRead))
		{
			// The roles granting workspace.read: the configuration's and the organization's own.
			PermissionSet reading;
			reading.add(Permission::WorkspaceRead);
			rows = _workspaces.listForMember(
			    session, orgId, actorId, _roles.rolesWith(session, orgId, WS_SCOPE, reading), after, page.limit + 1);
		}
		// Without workspaces.read the actor reaches its resources directly: the list is empty.
		return Paging::page(std::move(rows), page.limit, [](const Workspace& w) { return w.id; });
	});
}


Workspace WorkspaceServiceImpl::getWorkspace(Id actorId, const std::string& org, Id workspaceId)
{
	return _database.withSession([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.visible(session, actorId, org);
		ScopedGrants::Target target;
		return workspace(session, scope, actorId, workspaceId, target);
	});
}


Workspace WorkspaceServiceImpl::renameWorkspace(Id actorId, const std::string& org, Id workspaceId,
                                                const std::string& name)
{
	const std::string n = checkName(name);
	return _database.transact([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.visible(session, actorId, org, true);
		ScopedGrants::Target target;
		Workspace w = workspace(session, scope, actorId, workspaceId, target, true);
		_members.require(target, Permission::WorkspaceUpdate);
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
		ScopedGrants::Target target;
		const Workspace w = workspace(session, scope, actorId, workspaceId, target, true);
		_members.require(target, Permission::WorkspaceDelete);
		_required.requireNoSoleMember(session, scope.organization, w);
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
		ScopedGrants::Target target;
		workspace(session, scope, actorId, workspaceId, target);
		std::vector<WorkspaceMember> rows;
		for (const auto& g : _members.list(session, target, after, page.limit + 1))
			rows.push_back(member(g));
		return Paging::page(std::move(rows), page.limit, [](const WorkspaceMember& m) { return m.accountId; });
	});
}


WorkspaceMember WorkspaceServiceImpl::setWorkspaceMember(Id actorId, const std::string& org, Id workspaceId,
                                                         const std::string& account, const std::string& role)
{
	_members.checkRequest(role);
	return _database.transact([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.visible(session, actorId, org, true);
		ScopedGrants::Target target;
		workspace(session, scope, actorId, workspaceId, target, true);
		return member(_members.set(session, scope, actorId, target, account, role));
	});
}


void WorkspaceServiceImpl::removeWorkspaceMember(Id actorId, const std::string& org, Id workspaceId,
                                                 const std::string& account)
{
	_database.transact([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.visible(session, actorId, org, true);
		ScopedGrants::Target target;
		const Workspace w = workspace(session, scope, actorId, workspaceId, target, true);
		_members.remove(session, scope, actorId, target, account,
		                [&](const Account& a) { _required.requireAnother(session, scope.organization, w, a); });
	});
}


} // namespace Service
} // namespace Orgs
