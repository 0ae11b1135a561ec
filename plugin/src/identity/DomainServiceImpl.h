//
// DomainServiceImpl.h
//
// Library: OrgsPlugin
// Package: Identity
// Module:  DomainServiceImpl
//
// Verified domains: claims, the DNS check, join modes and joining by domain.
//


#ifndef Orgs_DomainServiceImpl_INCLUDED
#define Orgs_DomainServiceImpl_INCLUDED


#include "Orgs/DomainService.h"
#include "access/RoleResolver.h"
#include "config/Settings.h"
#include "data/AccountRepository.h"
#include "data/DomainRepository.h"
#include "data/OrganizationRepository.h"
#include "identity/DnsTxtResolver.h"
#include "identity/SignInStep.h"
#include "service/Admission.h"
#include "service/EmailDomains.h"
#include "service/AuditTrail.h"
#include "service/Clock.h"
#include "service/Guard.h"
#include "Poco/Logger.h"
#include "Poco/Nullable.h"
#include <set>
#include <string>


namespace Orgs {
namespace Federation {


class DomainServiceImpl : public Orgs::DomainService, public SignInStep
	/// Implements DomainService, and the sign-in step of the join mode "auto".
	///
	/// Every change locks the organization row first (Guard::require(..., lock = true)). The
	/// DNS lookup of verifyDomain() runs before its transaction, so that no lock is held while
	/// the name servers are asked; the transaction then re-reads the claim. Joining by a domain
	/// is a way into the organization: Admission decides it (Way::DOMAIN_JOINED) with seats
	/// counted under the organization row's lock.
	///
	/// A domain is matched exactly: a verified example.com does not cover eng.example.com.
{
public:
	DomainServiceImpl(Data::Database& database, Service::Guard& guard, Access::RoleResolver& roles,
	                  Service::Admission& admission, Service::Clock::Ptr pClock,
	                  const Config::DomainSettings& settings);

	OrganizationDomain addDomain(Id actorId, const std::string& org, const std::string& domain) override;
	Page<OrganizationDomain> listDomains(Id actorId, const std::string& org, const PageRequest& page) override;
	OrganizationDomain getDomain(Id actorId, const std::string& org, const std::string& domain) override;
	OrganizationDomain verifyDomain(Id actorId, const std::string& org, const std::string& domain) override;
	OrganizationDomain updateDomain(Id actorId, const std::string& org, const std::string& domain,
	                                const DomainChanges& changes) override;
	void removeDomain(Id actorId, const std::string& org, const std::string& domain) override;
	std::vector<SuggestedOrganization> suggestedOrganizations(Id accountId) override;
	Membership joinSuggested(Id accountId, const std::string& org) override;

	void signedIn(const SignIn& signIn) override;
		/// At the first sign-in of an identity (or the sign-in that created the account) whose
		/// email the provider verified, joins the organization that verified the email's domain
		/// with join mode "auto". A refusal of the admission policy (a full organization, a plan
		/// that takes no members) is logged and does not refuse the sign-in.

	Poco::Nullable<Membership> joinAutomatically(Id accountId, const std::string& email);
		/// The join of signedIn(): makes the account a member of the organization whose verified
		/// domain (join mode "auto") is email's, if there is one and it is not a member yet.
		/// Returns the membership, or null if there was nothing to join. Throws what the
		/// admission policy refuses.


private:
	std::vector<SuggestedOrganization> suggestions(Poco::Data::Session& session, Id accountId);
	OrganizationDomain claimed(Poco::Data::Session& session, Id orgId, const std::string& domain, bool lock = false);
	Membership join(Id accountId, Id orgId, const std::string& domain, const std::string& joinMode);

	Data::Database& _database;
	Service::Guard& _guard;
	Access::RoleResolver& _roles;
	Service::Admission& _admission;
	Service::Clock::Ptr _pClock;
	DnsTxtResolver _resolver;
	Service::EmailDomains _emailDomains;
	Data::DomainRepository _domains;
	Data::OrganizationRepository _organizations;
	Data::AccountRepository _accounts;
	Service::AuditTrail _audit;
	Poco::Logger& _logger;
};


} // namespace Federation
} // namespace Orgs


#endif // Orgs_DomainServiceImpl_INCLUDED
