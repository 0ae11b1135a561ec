//
// SsoModule.cpp
//
// Library: OrgsPlugin
// Package: Runtime
// Module:  SsoModule
//


#include "runtime/SsoModule.h"


namespace Orgs {


SsoModule::SsoModule(const Config::Configuration& config, InfrastructureModule& infrastructure, AccessModule& access,
                     ServiceModule& services, const std::vector<Federation::IssuerSpec>& configuredIssuers,
                     Poco::Logger& logger)
    : _issuers(infrastructure.database(), access.guard().time(), config.settings().maxStalenessNs,
               config.settings().cacheEntries),
      _enforcement(infrastructure.database(), access.guard().time(), config.settings().maxStalenessNs,
                   config.settings().cacheEntries, configuredIssuers),
      _step(infrastructure.database(), access.roleResolver(), services.admission(), services.quotas(),
            infrastructure.clock(), config.settings().ssoEnabled, config.settings().ssoRemoveUnmatched,
            config.settings().ssoRoleClaim, logger),
      _pConnections(new Federation::SsoConnectionServiceImpl(
          infrastructure.database(), access.guard(), access.roleResolver(), _step, infrastructure.clock(),
          configuredIssuers, Federation::SsoConnectionServiceImpl::defaultPublicMailDomains(),
          config.settings().ssoEnabled))
{
	_pConnections->setChanged([this](Id organizationId) {
		_enforcement.forget(organizationId);
		_issuers.forget();
	});
}


} // namespace Orgs
