//
// DomainService.h
//
// Library: Orgs
// Package: Services
// Module:  DomainService
//
// Domains an organization verifies by DNS, and joining an organization by one.
//


#ifndef Orgs_DomainService_INCLUDED
#define Orgs_DomainService_INCLUDED


#include "Orgs/Model.h"
#include "Poco/Nullable.h"
#include "Poco/SharedPtr.h"
#include "Poco/Timestamp.h"
#include <string>
#include <vector>


namespace Orgs {


struct OrganizationDomain
	/// A domain an organization claimed, with the DNS challenge that proves it owns it.
{
	Id id = 0;
	Id organizationId = 0;
	std::string domain;                         ///< in lower case, e.g. "example.com"
	std::string recordName;                     ///< where the challenge is published: "_orgs-challenge.<domain>"
	std::string challenge;                      ///< the value the TXT record must have (not a secret: DNS publishes it)
	Poco::Nullable<Poco::Timestamp> verifiedAt; ///< null until verified
	std::string joinMode; ///< "off", "suggest" or "auto" (only a verified domain has another than "off")
	std::string joinRole; ///< the organization role of whoever joins by the domain
	Poco::Timestamp createdAt;

	bool verified() const { return !verifiedAt.isNull(); }
};


struct DomainChanges
	/// A partial update of a domain's joining; null fields are left as they are.
{
	Poco::Nullable<std::string> joinMode; ///< "off", "suggest" or "auto"
	Poco::Nullable<std::string> joinRole; ///< an organization role
};


struct SuggestedOrganization
	/// An organization an account may join in one call: it verified the domain of the
	/// account's verified email and lets its accounts join (join mode "suggest").
{
	Id organizationId = 0;
	std::string username;
	std::string title;
	std::string domain; ///< the verified domain the suggestion comes from
	std::string role;   ///< the role a joiner gets
};


class DomainService
	/// Verified domains. An organization claims a domain and gets a random challenge; once the
	/// TXT record _orgs-challenge.<domain> has that value in DNS (orgs.domains.nameservers),
	/// verifying it proves the organization controls the domain. One organization at most has
	/// a domain verified; public mail domains (orgs.domains.publicDomains) cannot be claimed.
	///
	/// A verified domain lets accounts whose email an identity provider verified in that domain
	/// join: "suggest" lists the organization to them (suggestedOrganizations) and they join in
	/// one call; "auto" makes them members at their first sign-in through an identity
	/// provider. Both go through the admission policy (seats, plans, allowed email domains).
	///
	/// The organization-side calls act on behalf of an actor: a non-member gets
	/// NotFoundException ("organization_not_found"), a member lacking domains.manage
	/// ForbiddenException ("permission_denied"); a domain the organization did not claim is
	/// NotFoundException ("domain_not_found").
{
public:
	using Ptr = Poco::SharedPtr<DomainService>;

	virtual ~DomainService() = default;

	virtual OrganizationDomain addDomain(Id actorId, const std::string& org, const std::string& domain) = 0;
		/// Claims a domain (an ASCII host name, at least two labels, in any case; stored in lower
		/// case) and returns it with its challenge. InvalidInputException ("invalid_domain",
		/// "public_domain"), ConflictException ("domain_exists" if the organization claimed it
		/// already, "domain_claimed" if another organization verified it).

	virtual Page<OrganizationDomain> listDomains(Id actorId, const std::string& org, const PageRequest& page) = 0;
		/// Returns the organization's domains in the order they were claimed.

	virtual OrganizationDomain getDomain(Id actorId, const std::string& org, const std::string& domain) = 0;
		/// Returns one domain.

	virtual OrganizationDomain verifyDomain(Id actorId, const std::string& org, const std::string& domain) = 0;
		/// Looks the TXT record up and marks the domain verified when one of its values is the
		/// challenge (a verified domain is returned as it is). ConflictException
		/// ("domain_verification_failed": the record is absent or has other values; the message
		/// says which name and value were expected and what was found; "domain_claimed": another
		/// organization verified it first), UnavailableException ("dns_unavailable": the name
		/// servers failed or did not answer in time).

	virtual OrganizationDomain updateDomain(Id actorId, const std::string& org, const std::string& domain,
	                                        const DomainChanges& changes) = 0;
		/// Changes the join mode and role. InvalidInputException ("invalid_join_mode",
		/// "unknown_role"), ConflictException ("domain_not_verified" for a mode other than "off"
		/// on an unverified domain), ForbiddenException ("role_exceeds_own" for a role with
		/// permissions the actor lacks, unless it owns the organization).

	virtual void removeDomain(Id actorId, const std::string& org, const std::string& domain) = 0;
		/// Deletes the claim; a verified domain becomes free for another organization.

	virtual std::vector<SuggestedOrganization> suggestedOrganizations(Id accountId) = 0;
		/// Returns the organizations the account may join by its verified email's domain (join
		/// mode "suggest"), not deleted and not already joined; empty for an account whose email
		/// no identity provider verified.

	virtual Membership joinSuggested(Id accountId, const std::string& org) = 0;
		/// Makes the account a member of a suggested organization with the domain's role.
		/// NotFoundException ("organization_not_found") unless the organization is one of its
		/// suggestions; ConflictException ("already_member", "personal_organization"),
		/// QuotaExceededException ("seat_limit"), ForbiddenException ("domain_not_allowed",
		/// "plan_requires_upgrade") as the admission policy decides.
};


} // namespace Orgs


#endif // Orgs_DomainService_INCLUDED
