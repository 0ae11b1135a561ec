//
// MembershipServiceImpl.cpp
//
// Library: OrgsPlugin
// Package: Service
// Module:  MembershipServiceImpl
//


#include "service/MembershipServiceImpl.h"
#include "service/Paging.h"
#include "service/Validator.h"
#include "Orgs/Errors.h"


namespace Orgs {
namespace Service {


namespace {


const std::string& ORG_SCOPE = Config::RoleCatalog::ORGANIZATION;


} // namespace


MembershipServiceImpl::MembershipServiceImpl(Data::Database& database, Guard& guard, Clock::Ptr pClock, Quotas* pQuotas,
                                             RequiredWorkspace* pRequired)
    : _database(database), _guard(guard), _pClock(pClock), _memberships(database), _audit(database, pClock),
      _pQuotas(pQuotas), _pRequired(pRequired), _workspaces(database)
{
}


Membership MembershipServiceImpl::member(Poco::Data::Session& session, const Guard::Scope& scope, Id accountId)
{
	Poco::Nullable<Membership> m = _memberships.find(session, scope.organization.id, accountId);
	if (m.isNull())
		throw NotFoundException("The account is not a member of '" + scope.organization.username + "'",
		                        "membership_not_found");
	Membership result = m.value(); // with its default roles
	result.owner = result.accountId == scope.organization.ownerAccountId;
	return result;
}


Page<Membership> MembershipServiceImpl::listMembers(Id actorId, const std::string& org, const MemberQuery& query)
{
	Paging::checkLimit(query.limit);
	const Id after = Paging::decode(query.cursor);
	if (query.search.size() > 100)
		throw InvalidInputException("q must be at most 100 characters", "invalid_query");
	if (!query.role.empty())
		_guard.checkRole(ORG_SCOPE, query.role);
	return _database.withSession([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.require(session, actorId, org, Permission::MembersRead);
		std::vector<Membership> rows =
		    _memberships.list(session, scope.organization.id, query.role, query.search, after, query.limit + 1);
		for (auto& m : rows)
			m.owner = m.accountId == scope.organization.ownerAccountId;
		return Paging::page(std::move(rows), query.limit, [](const Membership& m) { return m.accountId; });
	});
}


Membership MembershipServiceImpl::addMember(Id actorId, const std::string& org, const MemberSpec& spec)
{
	const std::string checked = _guard.checkRole(ORG_SCOPE, spec.role);
	_guard.checkWorkspaceList(spec.workspaces);
	return _database.transact([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.require(session, actorId, org, Permission::MembersAdd, true);
		_guard.checkDefaultRoles(session, scope.organization.id, spec.defaultRoles); // custom roles too
		_guard.requireAcceptsMembers(scope);
		// The plan may allow no other members, or give every member one role.
		if (_pQuotas)
			_pQuotas->requireMembersAllowed(scope.organization);
		std::string r = _pQuotas ? _pQuotas->memberRole(scope.organization, spec.role.empty() ? "" : checked) : "";
		if (r.empty())
			r = checked;
		_guard.requireWithin(scope, _guard.roles().permissions(ORG_SCOPE, r), "Granting role '" + r + "'");
		// The workspaces it joins, checked as an invitation's: named, or (when every member must
		// belong to one) the default workspace with the default role, as if named.
		std::vector<InvitationWorkspace> named = spec.workspaces;
		if (named.empty() && _pRequired && _pRequired->required())
			named.push_back({_pRequired->defaultWorkspace(session, scope.organization).id, ""});
		const std::vector<InvitationWorkspace> workspaces =
		    _guard.requireWorkspaceGrants(session, scope, actorId, named, "Adding");
		const Account a = _guard.account(session, spec.account);
		if (_pQuotas)
		{
			if (!_memberships.find(session, scope.organization.id, a.id).isNull())
				throw ConflictException("The account is already a member of the organization", "already_member");
			_pQuotas->requireSeats(session, scope.organization, 1); // the organization row is locked
		}
		_memberships.insert(session, scope.organization.id, a.id, r, _pClock->now());
		_memberships.setDefaultRoles(session, scope.organization.id, a.id, spec.defaultRoles);
		AuditDetails details;
		details.after("role", r);
		if (!spec.defaultRoles.empty())
			details.after("default_roles", AuditDetails::roles(spec.defaultRoles));
		_audit.record(session, scope.organization.id, actorId, "member.added", {"account", a.id, a.username}, details);
		const Poco::Timestamp now = _pClock->now();
		for (const auto& w : workspaces)
		{
			_workspaces.insertMember(session, scope.organization.id, w.workspaceId, a.id, w.role, now);
			const Workspace ws = _workspaces.find(session, scope.organization.id, w.workspaceId).value();
			_audit.record(session, scope.organization.id, actorId, "workspace_member.set",
			              {"account", a.id, a.username},
			              AuditDetails().within("workspace", ws.id, ws.name).after("role", w.role));
		}
		return member(session, scope, a.id);
	});
}


Membership MembershipServiceImpl::getMember(Id actorId, const std::string& org, const std::string& account)
{
	return _database.withSession([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.visible(session, actorId, org);
		const Account a = _guard.account(session, account);
		if (a.id != actorId && !scope.grant.permissions.has(Permission::MembersRead))
			throw ForbiddenException("Your role does not grant members.read", "permission_denied");
		return member(session, scope, a.id);
	});
}


Membership MembershipServiceImpl::updateMember(Id actorId, const std::string& org, const std::string& account,
                                               const MemberChanges& changes)
{
	if (!changes.role.isNull() && changes.role.value().empty())
		throw InvalidInputException("role must name a role", "unknown_role");
	const std::string r = changes.role.isNull() ? std::string() : _guard.checkRole(ORG_SCOPE, changes.role.value());
	return _database.transact([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.require(session, actorId, org, Permission::MembersUpdate, true);
		if (!changes.defaultRoles.isNull())
			_guard.checkDefaultRoles(session, scope.organization.id, changes.defaultRoles.value());
		const Account a = _guard.account(session, account);
		Membership current = member(session, scope, a.id);
		_guard.requireWithin(scope, _guard.roles().permissions(ORG_SCOPE, current.role),
		                     "Changing '" + a.username + "'");
		if (!r.empty() && r != current.role)
		{
			if (current.owner)
				throw ConflictException("The owner's role cannot be changed; transfer ownership first",
				                        "owner_immutable");
			_guard.requireWithin(scope, _guard.roles().permissions(ORG_SCOPE, r), "Granting role '" + r + "'");
			if (_pQuotas)
				_pQuotas->requireMemberRole(scope.organization, r);
			_memberships.updateRole(session, scope.organization.id, a.id, r, _pClock->now());
			_audit.record(session, scope.organization.id, actorId, "member.role_changed", {"account", a.id, a.username},
			              AuditDetails().change("role", current.role, r));
		}
		if (!changes.defaultRoles.isNull())
		{
			_memberships.setDefaultRoles(session, scope.organization.id, a.id, changes.defaultRoles.value());
			RoleMap updated = current.defaultRoles;
			for (const auto& kv : changes.defaultRoles.value())
				updated[kv.first] = kv.second;
			if (updated != current.defaultRoles)
			{
				_audit.record(session, scope.organization.id, actorId, "member.default_roles_changed",
				              {"account", a.id, a.username},
				              AuditDetails().change("default_roles", AuditDetails::roles(current.defaultRoles),
				                                    AuditDetails::roles(updated)));
			}
		}
		return member(session, scope, a.id);
	});
}


void MembershipServiceImpl::removeMember(Id actorId, const std::string& org, const std::string& account)
{
	_database.transact([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.require(session, actorId, org, Permission::MembersRemove, true);
		const Account a = _guard.account(session, account);
		Membership current = member(session, scope, a.id);
		if (current.owner)
			throw ConflictException("The owner cannot be removed; transfer ownership first", "owner_immutable");
		_guard.requireWithin(scope, _guard.roles().permissions(ORG_SCOPE, current.role),
		                     "Removing '" + a.username + "'");
		// Workspace memberships, resource roles and default roles go with it (foreign keys).
		_memberships.remove(session, scope.organization.id, a.id);
		// The event names the account: it stays readable after the membership is gone.
		_audit.record(session, scope.organization.id, actorId, "member.removed", {"account", a.id, a.username},
		              AuditDetails().before("role", current.role));
	});
}


void MembershipServiceImpl::leave(Id actorId, const std::string& org)
{
	_database.transact([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.visible(session, actorId, org, true);
		if (scope.grant.owner)
			throw ConflictException("The owner cannot leave; transfer ownership first", "transfer_ownership_first");
		_memberships.remove(session, scope.organization.id, actorId);
		const Account self = _guard.account(session, std::to_string(actorId));
		_audit.record(session, scope.organization.id, actorId, "member.left", {"account", actorId, self.username},
		              AuditDetails().before("role", scope.grant.role));
	});
}


} // namespace Service
} // namespace Orgs
