//
// ScimModule.cpp
//
// Library: OrgsPlugin
// Package: Runtime
// Module:  ScimModule
//


#include "runtime/ScimModule.h"
#include "data/ScimUserRepository.h"
#include "http/ScimHandlers.h"


namespace Orgs {


ScimModule::ScimModule(const Config::Configuration& config, InfrastructureModule& infrastructure, AccessModule& access,
                       ServiceModule& services, SsoModule& sso, Poco::Logger& logger)
    : _errorLog(logger, Poco::Timespan(config.settings().errorLogWindowSeconds, 0)),
      _directory(infrastructure.database(), access.roleResolver(), services.admission(), services.quotas(),
                 infrastructure.clock()),
      _users(infrastructure.database(), _directory, *services.accounts(), infrastructure.clock()),
      _groups(infrastructure.database(), _directory, infrastructure.clock()),
      _pService(new Scim::ScimConnectionServiceImpl(infrastructure.database(), access.guard(), access.roleResolver(),
                                                    _directory, _users, _groups, infrastructure.clock()))
{
	_pService->setErrors([this](const std::exception& exc) { return Http::ScimHandlers::error(exc, _errorLog, ""); });
	// The SSO module, built before this one, outlives it.
	sso.signInStep().setDirectory(
	    [&database = infrastructure.database()](Poco::Data::Session& session, Id organizationId, Id accountId) {
		    Data::ScimUserRepository users(database);
		    switch (users.state(session, organizationId, accountId))
		    {
		    case Data::ScimUserRepository::State::MANAGED:
			    return Federation::SsoSignInStep::Directory::MANAGED;
		    case Data::ScimUserRepository::State::DEPROVISIONED:
			    return Federation::SsoSignInStep::Directory::DEPROVISIONED;
		    default:
			    return Federation::SsoSignInStep::Directory::NONE;
		    }
	    });
}


} // namespace Orgs
