//
// SsoConnectionServiceImpl.h
//
// Library: OrgsPlugin
// Package: Identity
// Module:  SsoConnectionServiceImpl
//
// SSO connections: validation, the transactions, and the test endpoint's explanation.
//


#ifndef Orgs_SsoConnectionServiceImpl_INCLUDED
#define Orgs_SsoConnectionServiceImpl_INCLUDED


#include "Orgs/SsoConnectionService.h"
#include "access/RoleResolver.h"
#include "identity/RuleTargets.h"
#include "data/ScopedGrantRepository.h"
#include "data/SsoConnectionRepository.h"
#include "identity/IssuerSpec.h"
#include "identity/SsoSignInStep.h"
#include "identity/VerifiedToken.h"
#include "service/EmailDomains.h"
#include "service/AuditTrail.h"
#include "service/Clock.h"
#include "service/Guard.h"
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>


namespace Orgs {
namespace Federation {


class SsoConnectionServiceImpl : public Orgs::SsoConnectionService
	/// Implements SsoConnectionService. A connection change commits with its audit event, and
	/// then tells the caches that depend on connections (enforcement, the issuers they name)
	/// through the changed function.
	///
	/// Nobody but the owner maps SSO users onto an organization role with permissions they do
	/// not hold themselves (ForbiddenException "role_exceeds_own"): else sso.manage would be a
	/// way to any role.
{
public:
	using Verify = std::function<VerifiedToken(const std::string& jwt)>;
		/// Verifies a JWT as a sign-in would (the trusted issuers, configured or named by a
		/// connection); throws UnauthenticatedException with the reason.

	using Changed = std::function<void(Id organizationId)>;
		/// Called once a transaction that changed a connection of the organization committed.

	SsoConnectionServiceImpl(Data::Database& database, Service::Guard& guard, Access::RoleResolver& roles,
	                         SsoSignInStep& step, Service::Clock::Ptr pClock,
	                         const std::vector<IssuerSpec>& configuredIssuers,
	                         const std::vector<std::string>& publicMailDomains, bool enabled = true);
		/// configuredIssuers are orgs.auth.oidc.*; publicMailDomains are refused as a
		/// connection's domains. Without enabled (orgs.sso.enabled), every call of a member
		/// holding sso.manage is ForbiddenException ("sso_disabled").

	void setVerify(Verify verify);
	void setChanged(Changed changed);

	Page<SsoConnection> listConnections(Id actorId, const std::string& org, const SsoConnectionQuery& query) override;
	SsoConnection createConnection(Id actorId, const std::string& org, const SsoConnectionSpec& spec) override;
	SsoConnection getConnection(Id actorId, const std::string& org, Id connectionId) override;
	SsoConnection updateConnection(Id actorId, const std::string& org, Id connectionId,
	                               const SsoConnectionChanges& changes) override;
	void deleteConnection(Id actorId, const std::string& org, Id connectionId) override;
	SsoTestReport testConnection(Id actorId, const std::string& org, Id connectionId,
	                             const std::string& token) override;

	SsoTestReport testConnection(Id actorId, const std::string& org, Id connectionId, const VerifiedToken& token);
		/// As above, for a token verified already.

	const IssuerSpec* configuredIssuer(const std::string& name) const;
		/// Returns the configured issuer of that name, or nullptr.

private:
	Service::Guard::Scope scopeOf(Poco::Data::Session& session, Id actorId, const std::string& org, bool lock = false);
		/// The organization with the actor's standing: 404, 403 without sso.manage, then 403
		/// "sso_disabled" when SSO is off.
	void checkFields(const SsoConnection& c) const;
		/// What needs no database: name, issuer, domains, rule shapes.
	std::vector<std::string> normalisedDomains(const std::vector<std::string>& domains) const;
	void afterChange(Id organizationId);
	Poco::Dynamic::Var summary(const SsoConnection& c) const;
	SsoConnection require(Poco::Data::Session& session, const Service::Guard::Scope& scope, Id connectionId,
	                      bool lock = false);

	Data::Database& _database;
	Service::Guard& _guard;
	Access::RoleResolver& _roles;
	SsoSignInStep& _step;
	Service::Clock::Ptr _pClock;
	std::map<std::string, IssuerSpec> _configured;
	Service::EmailDomains _emailDomains;
	bool _enabled;
	Verify _verify;
	Changed _changed;
	Data::SsoConnectionRepository _connections;
	RuleTargets _ruleTargets;
	Service::AuditTrail _audit;
};


} // namespace Federation
} // namespace Orgs


#endif // Orgs_SsoConnectionServiceImpl_INCLUDED
