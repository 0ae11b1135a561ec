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


MembershipServiceImpl::MembershipServiceImpl(Data::Database& database, Guard& guard, Clock::Ptr pClock) :
	_database(database),
	_guard(guard),
	_pClock(pClock),
	_organizations(database),
	_memberships(database)
{
}


std::string MembershipServiceImpl::checkRole(const std::string& role) const
{
	const std::string r = role.empty() ? _guard.roles().defaultRole(ORG_SCOPE) : role;
	if (!_guard.roles().hasRole(ORG_SCOPE, r))
		throw InvalidInputException("role '" + r + "' is not an organization role (see GET /roles)", "unknown_role");
	return r;
}


Membership MembershipServiceImpl::member(Poco::Data::Session& session, const Guard::Scope& scope, Id accountId)
{
	Poco::Nullable<Membership> m = _memberships.find(session, scope.organization.id, accountId);
	if (m.isNull())
		throw NotFoundException("The account is not a member of '" + scope.organization.username + "'", "membership_not_found");
	Membership result = m.value();
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
		checkRole(query.role);
	return _database.withSession([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.require(session, actorId, org, Permission::MembersRead);
		std::vector<Membership> rows =
			_memberships.list(session, scope.organization.id, query.role, query.search, after, query.limit + 1);
		for (auto& m : rows)
			m.owner = m.accountId == scope.organization.ownerAccountId;
		return Paging::page(std::move(rows), query.limit, [](const Membership& m) { return m.accountId; });
	});
}


Membership MembershipServiceImpl::addMember(Id actorId, const std::string& org, const std::string& account, const std::string& role)
{
	const std::string r = checkRole(role);
	return _database.transact([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.require(session, actorId, org, Permission::MembersAdd);
		_guard.requireWithin(scope, _guard.roles().permissions(ORG_SCOPE, r), "Granting role '" + r + "'");
		const Account a = _guard.account(session, account);
		_memberships.insert(session, scope.organization.id, a.id, r, _pClock->now());
		_organizations.bumpAclVersion(session, scope.organization.id);
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


Membership MembershipServiceImpl::changeRole(Id actorId, const std::string& org, const std::string& account, const std::string& role)
{
	if (role.empty())
		throw InvalidInputException("role is required", "missing_field");
	const std::string r = checkRole(role);
	return _database.transact([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.require(session, actorId, org, Permission::MembersUpdate, true);
		const Account a = _guard.account(session, account);
		Membership current = member(session, scope, a.id);
		if (current.owner)
			throw ConflictException("The owner's membership cannot be changed; transfer ownership first", "owner_immutable");
		_guard.requireWithin(scope, _guard.roles().permissions(ORG_SCOPE, current.role), "Changing the role of '" + a.username + "'");
		_guard.requireWithin(scope, _guard.roles().permissions(ORG_SCOPE, r), "Granting role '" + r + "'");
		if (current.role != r)
		{
			_memberships.updateRole(session, scope.organization.id, a.id, r, _pClock->now());
			_organizations.bumpAclVersion(session, scope.organization.id);
			current.role = r;
		}
		return current;
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
		_guard.requireWithin(scope, _guard.roles().permissions(ORG_SCOPE, current.role), "Removing '" + a.username + "'");
		_memberships.remove(session, scope.organization.id, a.id);
		_organizations.bumpAclVersion(session, scope.organization.id);
	});
}


void MembershipServiceImpl::leave(Id actorId, const std::string& org)
{
	_database.transact([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.visible(session, actorId, org, true);
		if (scope.grant.owner)
			throw ConflictException("The owner cannot leave; transfer ownership first", "transfer_ownership_first");
		_memberships.remove(session, scope.organization.id, actorId);
		_organizations.bumpAclVersion(session, scope.organization.id);
	});
}


} // namespace Service
} // namespace Orgs
