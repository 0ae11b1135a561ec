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
      _pAccessControl(new Access::AccessControlImpl(infrastructure.database(), _roleResolver,
                                                    config.settings().maxStalenessNs, config.settings().cacheEntries)),
      _guard(infrastructure.database(), *_pAccessControl, config.settings().maxStalenessNs,
             config.settings().cacheEntries)
{
}


} // namespace Orgs
