//
// MembershipServiceImpl.h
//
// Library: OrgsPlugin
// Package: Service
// Module:  MembershipServiceImpl
//
// Memberships: the rules and the transactions.
//


#ifndef Orgs_MembershipServiceImpl_INCLUDED
#define Orgs_MembershipServiceImpl_INCLUDED


#include "Orgs/MembershipService.h"
#include "access/RoleResolver.h"
#include "data/MembershipRepository.h"
#include "service/Admission.h"
#include "service/AuditTrail.h"
#include "service/Clock.h"
#include "service/Guard.h"
#include "service/Quotas.h"


namespace Orgs {
namespace Service {


class MembershipServiceImpl : public Orgs::MembershipService
	/// Implements MembershipService. Every change bumps the organization's acl_version in the
	/// same transaction. Adding a member is a way into the organization: Admission decides it
	/// (Way::ADDED). Nobody but the owner grants, or changes the role of someone holding,
	/// permissions they do not hold themselves (ForbiddenException "role_exceeds_own").
{
public:
	MembershipServiceImpl(Data::Database& database, Guard& guard, Access::RoleResolver& roles, Admission& admission,
	                      Quotas& quotas, Clock::Ptr pClock);

	Page<Membership> listMembers(Id actorId, const std::string& org, const MemberQuery& query) override;
	Membership addMember(Id actorId, const std::string& org, const MemberSpec& spec) override;
	Membership getMember(Id actorId, const std::string& org, const std::string& account) override;
	Membership updateMember(Id actorId, const std::string& org, const std::string& account,
	                        const MemberChanges& changes) override;
	void removeMember(Id actorId, const std::string& org, const std::string& account) override;
	void leave(Id actorId, const std::string& org) override;

private:
	Membership member(Poco::Data::Session& session, const Guard::Scope& scope, Id accountId);

	Data::Database& _database;
	Guard& _guard;
	Access::RoleResolver& _roles;
	Admission& _admission;
	Quotas& _quotas;
	Clock::Ptr _pClock;
	Data::MembershipRepository _memberships;
	AuditTrail _audit;
};


} // namespace Service
} // namespace Orgs


#endif // Orgs_MembershipServiceImpl_INCLUDED
