//
// Runtime.h
//
// Library: OrgsPlugin
// Package: Plugin
// Module:  Runtime
//
// The composition root: configuration, infrastructure, access, services and HTTP API.
//


#ifndef Orgs_Runtime_INCLUDED
#define Orgs_Runtime_INCLUDED


#include "Orgs/AccessControl.h"
#include "Orgs/ApiDescription.h"
#include "Orgs/AccountService.h"
#include "Orgs/AuditLog.h"
#include "Orgs/Authenticator.h"
#include "Orgs/DomainService.h"
#include "Orgs/EventService.h"
#include "Orgs/InvitationService.h"
#include "Orgs/InviteLinkService.h"
#include "Orgs/Mailer.h"
#include "Orgs/MembershipService.h"
#include "Orgs/MetricsService.h"
#include "Orgs/OrganizationService.h"
#include "Orgs/ResourceService.h"
#include "Orgs/RoleService.h"
#include "Orgs/ScimService.h"
#include "Orgs/SsoConnectionService.h"
#include "Orgs/SignInService.h"
#include "Orgs/WebhookService.h"
#include "Orgs/WorkspaceService.h"
#include "config/Configuration.h"
#include "service/Clock.h"
#include "Poco/Logger.h"
#include "Poco/SharedPtr.h"
#include "Poco/Util/AbstractConfiguration.h"
#include <memory>


namespace Orgs {


namespace Data {
class Database;
}
namespace Service {
class ApiUsage;
class Outbox;
class OutboxSender;
} // namespace Service
namespace Http {
class Api;
}
class InfrastructureModule;
class AccessModule;
class ServiceModule;
class SsoModule;
class ScimModule;
class EventsModule;
class HttpModule;
class MetricsModule;


class Runtime
	/// The plugin, assembled: each part below is built by its constructor from the parts
	/// above it, and goes away in the reverse order (the HTTP API first, the database last).
	///
	///     Config::Configuration  the keys, read and checked (preset, settings, role model)
	///     InfrastructureModule   clock, database and migrations, outbox and mail, usage counter
	///     AccessModule           AccessControl and its caches, the services' Guard
	///     ServiceModule          the services behind the public interfaces
	///     SsoModule              SSO connections: service, sign-in step, issuers, enforcement
	///     ScimModule             SCIM connections: service, users and groups, the SSO step's directory
	///     EventsModule           events: the feed, in-process listeners, webhooks and their sender
	///     HttpModule             the API: authentication, one handler object per resource
	///     MetricsModule          orgs_* series, GET /metrics and the health probes
	///
	/// The plugin owns one and publishes its services (PublishedServices); tests build their
	/// own on a scratch database. The published objects refer to the runtime's database: they
	/// must not be used after the runtime is destroyed (the host drops them when the plugin
	/// stops).
{
public:
	Runtime(const Poco::Util::AbstractConfiguration& config, const Config::Settings::PathResolver& resolvePath,
	        Poco::Logger& logger, Poco::SharedPtr<Orgs::Authenticator> pHostAuthenticator = nullptr,
	        Service::Clock::Ptr pClock = nullptr, Orgs::Mailer::Ptr pHostMailer = nullptr);
		/// Reads the configuration (over the preset that orgs.preset names, see
		/// Config::Configuration), migrates the schema and builds every service. Requests are
		/// authenticated by pHostAuthenticator if given, else by personal access tokens. Mail
		/// goes through pHostMailer if given, else SMTP (orgs.mail.smtp.host) or the log; the
		/// outbox sender starts unless orgs.mail.deliver is false. pClock replaces the system
		/// clock (tests). Throws Poco::DataFormatException for bad configuration and Poco::Data
		/// exceptions when the database cannot be used.

	~Runtime();

	const Config::Settings& settings() const;
	const Config::RoleCatalog& roles() const;
	Data::Database& database();
	Service::Outbox& outbox();
	Service::OutboxSender& outboxSender();
	Orgs::Mailer::Ptr mailer() const;
	int schemaVersion() const;
	Service::ApiUsage& apiUsage();
		/// The API request counter (requests per organization and month) that GET /orgs/{org}/usage reads.

	Orgs::AccessControl::Ptr accessControl() const;

	Orgs::AccountService::Ptr accounts() const;
	Orgs::OrganizationService::Ptr organizations() const;
	Orgs::MembershipService::Ptr memberships() const;
	Orgs::WorkspaceService::Ptr workspaces() const;
	Orgs::ResourceService::Ptr resources() const;
	Orgs::InvitationService::Ptr invitations() const;
	Orgs::InviteLinkService::Ptr inviteLinks() const;
	Orgs::DomainService::Ptr domains() const;
		/// The organization-wide invitation link.
	Orgs::RoleService::Ptr customRoles() const;
		/// Per-organization custom roles.
	Orgs::AuditLog::Ptr auditLog() const;
	Orgs::SsoConnectionService::Ptr ssoConnections() const;
		/// Per-organization SSO connections.

	Orgs::ScimService::Ptr scim() const;
		/// Per-organization SCIM provisioning connections, and the SCIM protocol.

	SsoModule& sso();
		/// The SSO module: its sign-in step and caches (tests, and the sign-in pipeline).
	Orgs::EventService::Ptr events() const;
		/// The organizations' event feed and in-process listeners.

	Orgs::WebhookService::Ptr webhooks() const;
		/// Per-organization webhook endpoints.

	EventsModule& eventsModule();
		/// The events module: its webhook sender (tests).

	Orgs::SignInService::Ptr signIn() const;
		/// Signing in with a bearer JWT of a trusted issuer.

	Http::Api& api();

	Orgs::MetricsService::Ptr metrics() const;
		/// The Prometheus exposition and the readiness checks.

	MetricsModule& metricsModule();
		/// The metrics module: where other modules' counts are reported (addDeliveries(),
		/// addScimRequests()).

	Orgs::ApiDescription::Ptr apiDescription() const;
		/// The API's OpenAPI document.

	int purgeDeletedOrganizations();
		/// Removes for good the organizations deleted more than orgs.organizations.retentionDays
		/// ago (see OrganizationServiceImpl::purgeDeleted()) and returns how many.

private:
	Runtime(const Runtime&) = delete;
	Runtime& operator=(const Runtime&) = delete;

	const Config::Configuration _config;
	const std::unique_ptr<InfrastructureModule> _pInfrastructure;
	const std::unique_ptr<AccessModule> _pAccess;
	const std::unique_ptr<ServiceModule> _pServices;
	const std::unique_ptr<SsoModule> _pSso;
	const std::unique_ptr<ScimModule> _pScim;
	const std::unique_ptr<EventsModule> _pEvents;
	const std::unique_ptr<HttpModule> _pHttp;
	const std::unique_ptr<MetricsModule> _pMetrics;
};


} // namespace Orgs


#endif // Orgs_Runtime_INCLUDED
