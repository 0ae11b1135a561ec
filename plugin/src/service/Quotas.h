//
// Quotas.h
//
// Library: OrgsPlugin
// Package: Service
// Module:  Quotas
//
// Plan limits (seats, workspaces, pending invitations) and the usage report.
//


#ifndef Orgs_Quotas_INCLUDED
#define Orgs_Quotas_INCLUDED


#include "Orgs/Model.h"
#include "config/PlanCatalog.h"
#include "data/InvitationRepository.h"
#include "data/UsageRepository.h"
#include "service/Clock.h"


namespace Orgs {
namespace Service {


class ApiUsage;


class Quotas
	/// Checks an organization's plan limits inside the transaction of the change that would
	/// exceed them. The caller must have locked the organization row first (Guard with
	/// lock=true, or OrganizationRepository::findById with lock), as the first statement of its
	/// transaction: concurrent changes then count one after the other, and on MariaDB the counts
	/// (plain reads) see everything committed before the lock was granted.
	///
	/// Seats are members plus pending invitations that have not expired.
{
public:
	Quotas(Data::Database& database, const Config::PlanCatalog& plans, Clock::Ptr pClock, ApiUsage* pUsage = nullptr);
		/// pUsage, if given, answers the API requests of the current month (ApiUsage).

	const Config::PlanCatalog& plans() const;

	const Plan& planOf(const Organization& org) const;
		/// Returns the organization's plan (the default plan for an organization without one).

	void requireSeats(Poco::Data::Session& session, const Organization& org, Poco::Int64 adding);
		/// Throws QuotaExceededException ("seat_limit", quota "members") if adding more seats
		/// would exceed the plan's maxMembers.

	bool limitsSeats(const Organization& org) const;
		/// Returns true if the organization's plan has a maxMembers: only then does
		/// requireSeats() count anything.

	void requireWorkspace(Poco::Data::Session& session, const Organization& org);
		/// Throws QuotaExceededException ("plan_limit", quota "workspaces") if one more workspace
		/// would exceed the plan's maxWorkspaces.

	void requirePendingInvitation(Poco::Data::Session& session, const Organization& org);
		/// Throws QuotaExceededException ("plan_limit", quota "pending_invitations") if one more
		/// pending invitation would exceed the plan's maxPendingInvitations.

	void requireFits(Poco::Data::Session& session, const Organization& org, const Plan& plan);
		/// Throws QuotaExceededException ("plan_limit") if the organization's current usage is
		/// above one of the plan's limits (a plan change that would leave it over).

	void requireMembersAllowed(const Organization& org) const;
		/// Throws ForbiddenException ("plan_requires_upgrade") if the organization is a shared
		/// (non-personal) one on a plan with allowsMembers = false: it takes no other members,
		/// by being added or invited, until its owner changes to a plan that allows them.

	std::string memberRole(const Organization& org, const std::string& requested) const;
		/// Returns the organization role a new member gets: requested as it is on a plan without
		/// memberRole; on a plan with one (orgs.plans.<plan>.memberRole), that role, and throws
		/// ConflictException ("plan_member_role") if requested names another.

	void requireMemberRole(const Organization& org, const std::string& role) const;
		/// Throws ConflictException ("plan_member_role") if the plan has a memberRole and role is
		/// another one (changing a member's role on such a plan).

	Usage usage(Poco::Data::Session& session, const Organization& org);
		/// Returns the counts and the plan.

	static Poco::Timestamp monthStart(const Poco::Timestamp& at);
		/// Returns the first instant of at's month, UTC.

private:
	[[noreturn]] void exceeded(const Organization& org, const Plan& plan, const std::string& reason,
	                           const std::string& quota, Poco::Int64 limit, Poco::Int64 current,
	                           const std::string& what);

	const Config::PlanCatalog& _plans;
	Clock::Ptr _pClock;
	Data::UsageRepository _counts;
	Data::InvitationRepository _invitations;
	ApiUsage* _pUsage;
};


} // namespace Service
} // namespace Orgs


#endif // Orgs_Quotas_INCLUDED
