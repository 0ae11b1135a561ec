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
    : _pAccessControl(new Access::AccessControlImpl(infrastructure.database(), config.roles(),
                                                    config.settings().maxStalenessNs, config.settings().cacheEntries)),
      _guard(infrastructure.database(), *_pAccessControl, config.settings().personalAllowsMembers)
{
}


} // namespace Orgs
