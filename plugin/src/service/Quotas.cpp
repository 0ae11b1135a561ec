//
// Quotas.cpp
//
// Library: OrgsPlugin
// Package: Service
// Module:  Quotas
//


#include "service/Quotas.h"
#include "service/ApiUsage.h"
#include "Orgs/Errors.h"
#include "Poco/DateTime.h"


namespace Orgs {
namespace Service {


Quotas::Quotas(Data::Database& database, const Config::PlanCatalog& plans, Clock::Ptr pClock, ApiUsage* pUsage)
    : _plans(plans), _pClock(pClock), _counts(database), _invitations(database), _pUsage(pUsage)
{
}


const Config::PlanCatalog& Quotas::plans() const
{
	return _plans;
}


const Plan& Quotas::planOf(const Organization& org) const
{
	return _plans.effective(org.plan);
}


void Quotas::exceeded(const Organization& org, const Plan& plan, const std::string& reason, const std::string& quota,
                      Poco::Int64 limit, Poco::Int64 current, const std::string& what)
{
	throw QuotaExceededException("'" + org.username + "' is on plan '" + plan.name + "', which allows " +
	                                 std::to_string(limit) + " " + what + "; it has " + std::to_string(current),
	                             reason, quota, limit, current, plan.name);
}


void Quotas::requireSeats(Poco::Data::Session& session, const Organization& org, Poco::Int64 adding)
{
	const Plan& plan = planOf(org);
	if (plan.maxMembers == 0)
		return;
	const Poco::Int64 used = _invitations.countSeats(session, org.id, _pClock->now());
	if (used + adding > plan.maxMembers)
		exceeded(org, plan, "seat_limit", "members", plan.maxMembers, used, "seats (members and pending invitations)");
}


bool Quotas::limitsSeats(const Organization& org) const
{
	return planOf(org).maxMembers != 0;
}


void Quotas::requireWorkspace(Poco::Data::Session& session, const Organization& org)
{
	const Plan& plan = planOf(org);
	if (plan.maxWorkspaces == 0)
		return;
	const Poco::Int64 used = _counts.workspaces(session, org.id);
	if (used + 1 > plan.maxWorkspaces)
		exceeded(org, plan, "plan_limit", "workspaces", plan.maxWorkspaces, used, "workspaces");
}


void Quotas::requirePendingInvitation(Poco::Data::Session& session, const Organization& org)
{
	const Plan& plan = planOf(org);
	if (plan.maxPendingInvitations == 0)
		return;
	const Poco::Int64 used = _invitations.countPending(session, org.id, _pClock->now());
	if (used + 1 > plan.maxPendingInvitations)
		exceeded(org, plan, "plan_limit", "pending_invitations", plan.maxPendingInvitations, used,
		         "pending invitations");
}


void Quotas::requireFits(Poco::Data::Session& session, const Organization& org, const Plan& plan)
{
	const Usage u = usage(session, org);
	const Poco::Int64 seats = u.members + u.pendingInvitations;
	if (plan.maxMembers && seats > plan.maxMembers)
		exceeded(org, plan, "plan_limit", "members", plan.maxMembers, seats, "seats (members and pending invitations)");
	if (plan.maxWorkspaces && u.workspaces > plan.maxWorkspaces)
		exceeded(org, plan, "plan_limit", "workspaces", plan.maxWorkspaces, u.workspaces, "workspaces");
	if (plan.maxPendingInvitations && u.pendingInvitations > plan.maxPendingInvitations)
		exceeded(org, plan, "plan_limit", "pending_invitations", plan.maxPendingInvitations, u.pendingInvitations,
		         "pending invitations");
}


void Quotas::requireMembersAllowed(const Organization& org) const
{
	const Plan& plan = planOf(org);
	if (!plan.allowsMembers && !org.personal)
		throw ForbiddenException("'" + org.username + "' is on plan '" + plan.name +
		                             "', which allows no other members; its owner must change to a plan that does",
		                         "plan_requires_upgrade");
}


std::string Quotas::memberRole(const Organization& org, const std::string& requested) const
{
	const Plan& plan = planOf(org);
	if (plan.memberRole.empty())
		return requested;
	requireMemberRole(org, requested.empty() ? plan.memberRole : requested);
	return plan.memberRole;
}


void Quotas::requireMemberRole(const Organization& org, const std::string& role) const
{
	const Plan& plan = planOf(org);
	if (!plan.memberRole.empty() && role != plan.memberRole)
		throw ConflictException("'" + org.username + "' is on plan '" + plan.name + "', on which every member is '" +
		                            plan.memberRole + "'",
		                        "plan_member_role");
}


Usage Quotas::usage(Poco::Data::Session& session, const Organization& org)
{
	const Poco::Timestamp now = _pClock->now();
	Usage u;
	u.organizationId = org.id;
	u.plan = planOf(org);
	u.members = _counts.members(session, org.id);
	u.pendingInvitations = _invitations.countPending(session, org.id, now);
	u.workspaces = _counts.workspaces(session, org.id);
	u.resources = _counts.resources(session, org.id);
	u.monthStart = monthStart(now);
	u.apiRequestsMonth = _pUsage ? _pUsage->requestsThisMonth(session, org.id) : 0;
	return u;
}


Poco::Timestamp Quotas::monthStart(const Poco::Timestamp& at)
{
	const Poco::DateTime dt(at);
	return Poco::DateTime(dt.year(), dt.month(), 1).timestamp();
}


} // namespace Service
} // namespace Orgs
