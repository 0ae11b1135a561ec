//
// Runtime.cpp
//
// Library: OrgsPlugin
// Package: Plugin
// Module:  Runtime
//


#include "Runtime.h"
#include "runtime/AccessModule.h"
#include "runtime/EventsModule.h"
#include "runtime/HttpModule.h"
#include "runtime/InfrastructureModule.h"
#include "runtime/ScimModule.h"
#include "runtime/ServiceModule.h"
#include "runtime/SsoModule.h"
#include "runtime/MetricsModule.h"


namespace Orgs {


Runtime::Runtime(const Poco::Util::AbstractConfiguration& config, const Config::Settings::PathResolver& resolvePath,
                 Poco::Logger& logger, Poco::SharedPtr<Orgs::Authenticator> pHostAuthenticator,
                 Service::Clock::Ptr pClock, Orgs::Mailer::Ptr pHostMailer)
    : _config(config, resolvePath), _pInfrastructure(new InfrastructureModule(_config, logger, pClock, pHostMailer)),
      _pAccess(new AccessModule(_config, *_pInfrastructure)),
      _pServices(new ServiceModule(_config, *_pInfrastructure, *_pAccess)),
      _pSso(new SsoModule(_config, *_pInfrastructure, *_pAccess, *_pServices, logger)),
      _pScim(new ScimModule(_config, *_pInfrastructure, *_pAccess, *_pServices, *_pSso, logger)),
      _pEvents(new EventsModule(_config, *_pInfrastructure, *_pAccess, logger)),
      _pHttp(new HttpModule(_config, *_pInfrastructure, *_pAccess, *_pServices, *_pSso, *_pScim, *_pEvents,
                            pHostAuthenticator, logger)),
      _pMetrics(new MetricsModule(_config, *_pInfrastructure, *_pAccess, *_pServices, *_pHttp))
{
	// Modules built before the metrics report their own counts to it.
	_pMetrics->addDeliveries("webhook", _pEvents->sender().deliveries());
	_pMetrics->addScimRequests(_pScim->service()->requests());
	if (!_config.preset().empty())
		logger.information("Preset %s", _config.preset());
}


Runtime::~Runtime() = default;


const Config::Settings& Runtime::settings() const
{
	return _config.settings();
}


const Config::RoleCatalog& Runtime::roles() const
{
	return _config.roles();
}


Data::Database& Runtime::database()
{
	return _pInfrastructure->database();
}


Service::Outbox& Runtime::outbox()
{
	return _pInfrastructure->outbox();
}


Service::OutboxSender& Runtime::outboxSender()
{
	return _pInfrastructure->outboxSender();
}


Orgs::Mailer::Ptr Runtime::mailer() const
{
	return _pInfrastructure->mailer();
}


int Runtime::schemaVersion() const
{
	return _pInfrastructure->schemaVersion();
}


Service::ApiUsage& Runtime::apiUsage()
{
	return _pInfrastructure->usage();
}


Orgs::AccessControl::Ptr Runtime::accessControl() const
{
	return _pAccess->accessControl();
}


Orgs::AccountService::Ptr Runtime::accounts() const
{
	return _pServices->accounts();
}


Orgs::OrganizationService::Ptr Runtime::organizations() const
{
	return _pServices->organizations();
}


Orgs::MembershipService::Ptr Runtime::memberships() const
{
	return _pServices->memberships();
}


Orgs::WorkspaceService::Ptr Runtime::workspaces() const
{
	return _pServices->workspaces();
}


Orgs::ResourceService::Ptr Runtime::resources() const
{
	return _pServices->resources();
}


Orgs::InvitationService::Ptr Runtime::invitations() const
{
	return _pServices->invitations();
}


Orgs::DomainService::Ptr Runtime::domains() const
{
	return _pServices->domains();
}


Orgs::InviteLinkService::Ptr Runtime::inviteLinks() const
{
	return _pServices->inviteLinks();
}


Orgs::RoleService::Ptr Runtime::customRoles() const
{
	return _pServices->customRoles();
}


Orgs::AuditLog::Ptr Runtime::auditLog() const
{
	return _pServices->auditLog();
}


Orgs::ApiDescription::Ptr Runtime::apiDescription() const
{
	return _pHttp->apiDescription();
}


Orgs::SsoConnectionService::Ptr Runtime::ssoConnections() const
{
	return _pSso->connections();
}


Orgs::ScimService::Ptr Runtime::scim() const
{
	return _pScim->service();
}


SsoModule& Runtime::sso()
{
	return *_pSso;
}


Orgs::EventService::Ptr Runtime::events() const
{
	return _pEvents->events();
}


Orgs::WebhookService::Ptr Runtime::webhooks() const
{
	return _pEvents->webhooks();
}


EventsModule& Runtime::eventsModule()
{
	return *_pEvents;
}


Orgs::SignInService::Ptr Runtime::signIn() const
{
	return _pServices->signIn();
}


Orgs::MetricsService::Ptr Runtime::metrics() const
{
	return _pMetrics->service();
}


MetricsModule& Runtime::metricsModule()
{
	return *_pMetrics;
}


Http::Api& Runtime::api()
{
	return _pHttp->api();
}


int Runtime::purgeDeletedOrganizations()
{
	return _pServices->organizations()->purgeDeleted();
}


} // namespace Orgs
