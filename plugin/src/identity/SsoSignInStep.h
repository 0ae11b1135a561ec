//
// SsoSignInStep.h
//
// Library: OrgsPlugin
// Package: Identity
// Module:  SsoSignInStep
//
// Applies the mapping rules of every SSO connection that sees a sign-in.
//


#ifndef Orgs_SsoSignInStep_INCLUDED
#define Orgs_SsoSignInStep_INCLUDED


#include "Orgs/SsoConnectionService.h"
#include "access/RoleResolver.h"
#include "data/AccountRepository.h"
#include "data/DomainRepository.h"
#include "data/MembershipRepository.h"
#include "data/OrganizationRepository.h"
#include "data/ScopedGrantRepository.h"
#include "data/SsoConnectionRepository.h"
#include "identity/SignInStep.h"
#include "service/Admission.h"
#include "service/AuditTrail.h"
#include "service/Clock.h"
#include "service/Quotas.h"
#include "Poco/Logger.h"
#include <functional>


namespace Orgs {
namespace Federation {


class SsoSignInStep : public SignInStep
	/// At every sign-in, each SSO connection that sees the token (MappingRules::sees) applies
	/// its rules to the account, in one transaction per connection that first locks the
	/// organization's row (as Admission requires, so that concurrent first sign-ins count seats
	/// one after the other):
	///
	///   - not a member, and admitted: joins through Admission (Way::SSO_MAPPED: seats, plan
	///     switches, allowed domains), with the rules' role and workspaces ("sso.joined");
	///   - a member whose mapped role differs: the role changes ("member.role_changed"), except
	///     the owner's (never changed) and a role other than a plan's memberRole;
	///   - a member: the workspaces the rules name are joined or their roles changed
	///     ("workspace_member.set"); rules never take a workspace away;
	///   - a member no longer admitted, with orgs.sso.removeUnmatched: removed ("member.removed"),
	///     never the owner.
	///
	/// Every event's actor is the account, and its details name the connection
	/// ({"sso_connection": {"id", "name"}}, or "sso_connection": id beside a workspace). A refusal
	/// by the organization (seats, plan, domains) does not refuse the sign-in: it is logged, and
	/// the test endpoint shows it.
{
public:
	using AccountOf = std::function<Id(Poco::Data::Session& session, const VerifiedToken& token)>;
		/// Returns the account of the token's identity (issuer, subject), 0 if it has none yet.

	SsoSignInStep(Data::Database& database, Access::RoleResolver& roles, Service::Admission& admission,
	              Service::Quotas& quotas, Service::Clock::Ptr pClock, bool enabled, bool removeUnmatched,
	              const std::string& roleClaim, Poco::Logger& logger);
		/// enabled is orgs.sso.enabled (false: signedIn() does nothing), removeUnmatched
		/// orgs.sso.removeUnmatched, roleClaim orgs.sso.roleClaim.

	void setAccountOf(AccountOf accountOf);
		/// Sets how explain() finds the account of a token that is not signing in (the test endpoint).

	enum class Directory
		/// What the organization's SCIM directories say about an account.
	{
		NONE,         ///< none provisioned it: the rules apply as they say
		MANAGED,      ///< provisioned and active: the directory owns its membership; SSO changes
		              ///< neither its role nor its workspaces, and never removes it
		DEPROVISIONED ///< provisioned, and deactivated or deleted: it does not join through SSO
	};

	using DirectoryOf = std::function<Directory(Poco::Data::Session& session, Id organizationId, Id accountId)>;

	void setDirectory(DirectoryOf directoryOf);
		/// Sets how the step asks the SCIM directories (none set: NONE for everyone).

	void signedIn(const SignIn& signIn) override;

	SsoTestReport apply(const SsoConnection& connection, Id accountId, const VerifiedToken& token);
		/// Applies one connection's rules to the account in one transaction and returns what it
		/// did (action "join" with admission false: refused, nothing written). Throws only
		/// what the database throws.

	SsoTestReport explain(Poco::Data::Session& session, const Organization& org, const SsoConnection& connection,
	                      Id accountId, const VerifiedToken& token);
		/// Returns what apply() would do, within the caller's session, writing nothing.
		/// accountId 0: the token's account as setAccountOf() finds it.

	bool removeUnmatched() const;

private:
	struct Plan
	{
		SsoTestReport report;
		Service::Admission::Candidate candidate;
		Service::Admission::Decision decision;
		Account account;
	};

	Plan plan(Poco::Data::Session& session, const Organization& org, const SsoConnection& connection, Id accountId,
	          const VerifiedToken& token);
	void carryOut(Poco::Data::Session& session, const Organization& org, const SsoConnection& connection,
	              const Plan& plan);
	Service::AuditDetails details(const SsoConnection& connection) const;

	Data::Database& _database;
	Access::RoleResolver& _roles;
	Service::Admission& _admission;
	Service::Quotas& _quotas;
	Service::Clock::Ptr _pClock;
	bool _enabled;
	bool _removeUnmatched;
	std::string _roleClaim;
	Poco::Logger& _logger;
	AccountOf _accountOf;
	DirectoryOf _directoryOf;
	Data::SsoConnectionRepository _connections;
	Data::OrganizationRepository _organizations;
	Data::AccountRepository _accounts;
	Data::MembershipRepository _memberships;
	Data::DomainRepository _domains;
	Data::ScopedGrantRepository _workspaceMembers;
	Service::AuditTrail _audit;
};


//
// inlines
//
inline bool SsoSignInStep::removeUnmatched() const
{
	return _removeUnmatched;
}


} // namespace Federation
} // namespace Orgs


#endif // Orgs_SsoSignInStep_INCLUDED
