//
// HttpModule.cpp
//
// Library: OrgsPlugin
// Package: Runtime
// Module:  HttpModule
//


#include "runtime/HttpModule.h"
#include "http/TokenAuthenticator.h"


namespace Orgs {


HttpModule::HttpModule(const Config::Configuration& config, InfrastructureModule& infrastructure, AccessModule& access,
                       ServiceModule& services, SsoModule& sso, ScimModule& scim, EventsModule& events,
                       Poco::SharedPtr<Orgs::Authenticator> pHostAuthenticator, Poco::Logger& logger)
    : _authenticator(pHostAuthenticator, new Http::TokenAuthenticator(*services.accounts()), *services.accounts(),
                     services.signIn().get()),
      _clientAddress(config.settings().trustedProxies),
      _failures(config.settings().authFailureLimit, config.settings().authMaxAddresses, _clientAddress, logger),
      _api(
          config.settings().basePath, config.settings().maxBodyBytes, config.settings().errorLogWindowSeconds,
          _authenticator, *services.accounts(), _failures, infrastructure.usage(),
          [&guard = access.guard()](const std::string& org) { return guard.organizationId(org); },
          [&guard = access.guard()](Id actorId, const std::string& org) {
	          return guard.memberOrganization(actorId, org);
          },
          logger,
          [&enforcement = sso.enforcement(), &guard = access.guard(),
           &config](const Http::RequestAuthenticator::Caller& caller, Id organizationId, const std::string& org) {
	          // With SSO off (orgs.sso.enabled), connections left from before enforce nothing.
	          if (!config.settings().ssoEnabled)
		          return;
	          Federation::SsoEnforcement::Caller means;
	          means.accountId = caller.accountId;
	          means.tokenId = caller.tokenId;
	          means.pToken = caller.pToken.get();
	          enforcement.check(means, organizationId,
	                            [&]() { return guard.memberOrganization(caller.accountId, org) != 0; });
          }),
      _pDescription(new Http::OpenApiDocument),
      _system(_api.router(), infrastructure.database(), *access.accessControl()),
      _accounts(_api.router(), *services.accounts(), *services.organizations(), *services.domains(),
                config.settings().selfSignup),
      _organizations(_api.router(), *services.organizations()), _memberships(_api.router(), *services.memberships()),
      _permissions(_api.router(), services.permissionReport()), _workspaces(_api.router(), *services.workspaces()),
      _resources(_api.router(), *services.resources()), _invitations(_api.router(), *services.invitations()),
      _roles(_api.router(), *services.customRoles()), _audit(_api.router(), *services.auditLog()),
      _inviteLinks(_api.router(), *services.inviteLinks()), _domains(_api.router(), *services.domains()),
      _ssoConnections(_api.router(), *sso.connections()), _scimConnections(_api.router(), *scim.service()),
      _scim(_api.router(), *scim.service(), _failures), _events(_api.router(), *events.events()),
      _webhooks(_api.router(), *events.webhooks()), _openApi(_api.router(), *_pDescription)
{
	// Errors on the SCIM routes, also those before a route is found, are SCIM error documents.
	_api.setErrorWriter("/scim/v2/", &Http::ScimHandlers::send);
}


} // namespace Orgs
