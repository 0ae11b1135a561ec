//
// HttpModule.h
//
// Library: OrgsPlugin
// Package: Runtime
// Module:  HttpModule
//
// The HTTP API: request authentication and one handler object per resource.
//


#ifndef Orgs_HttpModule_INCLUDED
#define Orgs_HttpModule_INCLUDED


#include "Orgs/Authenticator.h"
#include "config/Configuration.h"
#include "http/AccountHandlers.h"
#include "http/Api.h"
#include "http/AuditHandlers.h"
#include "http/DomainHandlers.h"
#include "http/ClientAddress.h"
#include "http/FailureLimiter.h"
#include "http/InvitationHandlers.h"
#include "http/InviteLinkHandlers.h"
#include "http/MembershipHandlers.h"
#include "http/OpenApiDocument.h"
#include "http/OpenApiHandlers.h"
#include "http/OrganizationHandlers.h"
#include "http/PermissionHandlers.h"
#include "http/RequestAuthenticator.h"
#include "http/ResourceHandlers.h"
#include "http/RoleHandlers.h"
#include "http/ScimConnectionHandlers.h"
#include "http/ScimHandlers.h"
#include "http/SsoConnectionHandlers.h"
#include "http/EventHandlers.h"
#include "http/WebhookHandlers.h"
#include "http/SystemHandlers.h"
#include "http/WorkspaceHandlers.h"
#include "runtime/AccessModule.h"
#include "runtime/InfrastructureModule.h"
#include "runtime/ServiceModule.h"
#include "runtime/ScimModule.h"
#include "runtime/SsoModule.h"
#include "runtime/EventsModule.h"
#include "Poco/Logger.h"
#include "Poco/SharedPtr.h"
#include <utility>


namespace Orgs {


class HttpModule
	/// The last module of the Runtime: the API under orgs.http.basePath, a thin adapter that
	/// decodes a request, calls a service and encodes its answer (orgs.http.*).
	///
	/// A request's caller is authenticated by the host's Orgs::Authenticator if it published
	/// one, else by a personal access token; refused credentials count against the client's
	/// address (FailureLimiter, orgs.auth.*; the address behind orgs.http.trustedProxies).
	/// Each resource has one handler object, which adds its routes to the API's router as it
	/// is built, in the order of the members below.
{
public:
	HttpModule(const Config::Configuration& config, InfrastructureModule& infrastructure, AccessModule& access,
	           ServiceModule& services, SsoModule& sso, ScimModule& scim, EventsModule& events,
	           Poco::SharedPtr<Orgs::Authenticator> pHostAuthenticator, Poco::Logger& logger);

	Http::Api& api();
	const Http::ClientAddress& clientAddress() const;
	Http::FailureLimiter& failures();
		/// The client address and the guessing limit of the API, for routes other modules add.

	Poco::SharedPtr<Http::OpenApiDocument> apiDescription() const;
		/// The API's OpenAPI document (published as Orgs::ApiDescription).

private:
	HttpModule(const HttpModule&) = delete;
	HttpModule& operator=(const HttpModule&) = delete;

	template <class Handlers>
	struct Routed : Handlers
		/// A handler object that adds its routes to the router as it is built.
	{
		template <class... Args>
		Routed(Http::Router& router, Args&&... args) : Handlers(std::forward<Args>(args)...)
		{
			this->addRoutes(router);
		}
	};

	Http::RequestAuthenticator _authenticator;
	Http::ClientAddress _clientAddress;
	Http::FailureLimiter _failures;
	Http::Api _api;
	Poco::SharedPtr<Http::OpenApiDocument> _pDescription;
	Routed<Http::SystemHandlers> _system;
	Routed<Http::AccountHandlers> _accounts;
	Routed<Http::OrganizationHandlers> _organizations;
	Routed<Http::MembershipHandlers> _memberships;
	Routed<Http::PermissionHandlers> _permissions;
	Routed<Http::WorkspaceHandlers> _workspaces;
	Routed<Http::ResourceHandlers> _resources;
	Routed<Http::InvitationHandlers> _invitations;
	Routed<Http::RoleHandlers> _roles;
	Routed<Http::AuditHandlers> _audit;
	Routed<Http::InviteLinkHandlers> _inviteLinks;
	Routed<Http::DomainHandlers> _domains;
	Routed<Http::SsoConnectionHandlers> _ssoConnections;
	Routed<Http::ScimConnectionHandlers> _scimConnections;
	Routed<Http::ScimHandlers> _scim;
	Routed<Http::EventHandlers> _events;
	Routed<Http::WebhookHandlers> _webhooks;
	Routed<Http::OpenApiHandlers> _openApi;
};


//
// inlines
//
inline Http::Api& HttpModule::api()
{
	return _api;
}


inline const Http::ClientAddress& HttpModule::clientAddress() const
{
	return _clientAddress;
}


inline Http::FailureLimiter& HttpModule::failures()
{
	return _failures;
}


inline Poco::SharedPtr<Http::OpenApiDocument> HttpModule::apiDescription() const
{
	return _pDescription;
}


} // namespace Orgs


#endif // Orgs_HttpModule_INCLUDED
