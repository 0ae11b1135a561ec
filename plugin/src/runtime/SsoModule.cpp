//
// SsoModule.cpp
//
// Library: OrgsPlugin
// Package: Runtime
// Module:  SsoModule
//


#include "runtime/SsoModule.h"
#include "data/ExternalIdentityRepository.h"
#include "identity/FederatedSignIn.h"


namespace Orgs {


SsoModule::SsoModule(const Config::Configuration& config, InfrastructureModule& infrastructure, AccessModule& access,
                     ServiceModule& services, Poco::Logger& logger)
    : _issuers(infrastructure.database(), access.guard().time(), config.settings().maxStalenessNs,
               config.settings().cacheEntries),
      _enforcement(infrastructure.database(), access.guard().time(), config.settings().maxStalenessNs,
                   config.settings().cacheEntries, Federation::FederatedSignIn::issuersOf(config.settings().oidc)),
      _step(infrastructure.database(), access.roleResolver(), services.admission(), services.quotas(),
            infrastructure.clock(), config.settings().ssoEnabled, config.settings().ssoRemoveUnmatched,
            config.settings().ssoRoleClaim, logger),
      _pConnections(new Federation::SsoConnectionServiceImpl(
          infrastructure.database(), access.guard(), access.roleResolver(), _step, infrastructure.clock(),
          Federation::FederatedSignIn::issuersOf(config.settings().oidc), config.settings().domains.publicDomains,
          config.settings().ssoEnabled))
{
	// The ServiceModule, built before this module, outlives it.
	Federation::FederatedSignIn* pSignIn = services.signIn().get();
	pSignIn->addStep(_step);
	pSignIn->setIssuerSource(&_issuers);
	// The test endpoint verifies as a sign-in does, without signing in (no account is made).
	_pConnections->setVerify([pSignIn](const std::string& jwt) { return *pSignIn->verifier().verify(jwt); });
	_step.setAccountOf(
	    [&database = infrastructure.database()](Poco::Data::Session& session, const Federation::VerifiedToken& token) {
		    Data::ExternalIdentityRepository identities(database);
		    Data::ExternalIdentityRepository::Identity identity;
		    return identities.find(session, token.issuer, token.subject, identity) ? identity.accountId : Id(0);
	    });
	_pConnections->setChanged([this, pSignIn](Id organizationId) {
		_enforcement.forget(organizationId);
		_issuers.forget();
		// A token verified under the connection as it was (its issuer, its rules) is judged again.
		pSignIn->cache().clear();
	});
}


} // namespace Orgs
