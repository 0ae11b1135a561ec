//
// AccessModule.cpp
//
// Library: OrgsPlugin
// Package: Runtime
// Module:  AccessModule
//


#include "runtime/AccessModule.h"


namespace Orgs {


AccessModule::AccessModule(const Config::Configuration& config, InfrastructureModule& infrastructure)
    : _roleResolver(infrastructure.database(), config.roles()),
      // Every freshness decision (grants, organizations, live tokens) reads the one clock.
      _pAccessControl(new Access::AccessControlImpl(
          infrastructure.database(), _roleResolver, config.settings().maxStalenessNs, config.settings().cacheEntries,
          [pClock = infrastructure.clock()]() { return pClock->monotonic(); })),
      _guard(infrastructure.database(), *_pAccessControl, _pAccessControl->ticker(), config.settings().maxStalenessNs,
             config.settings().cacheEntries)
{
}


} // namespace Orgs
