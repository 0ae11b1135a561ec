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


MembershipServiceImpl::MembershipServiceImpl(Data::Database& database, Guard& guard, Access::RoleResolver& roles,
                                             Admission& admission, Quotas& quotas, Clock::Ptr pClock)
    : _database(database), _guard(guard), _roles(roles), _admission(admission), _quotas(quotas), _pClock(pClock),
      _memberships(database), _audit(database, pClock)
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
		_roles.check(ORG_SCOPE, query.role);
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
	Admission::Request request;
	request.role = spec.role;
	request.defaultRoles = spec.defaultRoles;
	request.workspaces = spec.workspaces;
	_admission.checkRequest(Admission::Way::ADDED, request);
	return _database.transact([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.require(session, actorId, org, Permission::MembersAdd, true);
		bool member = false;
		const Account a = _guard.account(session, spec.account, scope.organization.id, member);
		Admission::Candidate candidate{a.id, a.username, a.email, &a};
		candidate.member = member;
		const Admission::Decision decision =
		    _admission.admit(session, scope, actorId, Admission::Way::ADDED, candidate, request);
		AuditDetails details;
		details.after("role", decision.role);
		if (!decision.defaultRoles.empty())
			details.after("default_roles", AuditDetails::roles(decision.defaultRoles));
		return _admission.enrol(session, scope.organization, actorId, candidate, decision, "member.added",
		                        {"account", a.id, a.username}, details);
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
	const std::string r = changes.role.isNull() ? std::string() : _roles.check(ORG_SCOPE, changes.role.value());
	return _database.transact([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.require(session, actorId, org, Permission::MembersUpdate, true);
		if (!changes.defaultRoles.isNull())
			_roles.checkDefaultRoles(session, scope.organization.id, changes.defaultRoles.value());
		const Account a = _guard.account(session, account);
		Membership current = member(session, scope, a.id);
		Guard::requireWithin(scope, _roles.permissions(ORG_SCOPE, current.role), "Changing '" + a.username + "'");
		if (!r.empty() && r != current.role)
		{
			if (current.owner)
				throw ConflictException("The owner's role cannot be changed; transfer ownership first",
				                        "owner_immutable");
			Guard::requireWithin(scope, _roles.permissions(ORG_SCOPE, r), "Granting role '" + r + "'");
			_quotas.requireMemberRole(scope.organization, r);
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
		Guard::requireWithin(scope, _roles.permissions(ORG_SCOPE, current.role), "Removing '" + a.username + "'");
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
