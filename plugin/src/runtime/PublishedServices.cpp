//
// PublishedServices.cpp
//
// Library: OrgsPlugin
// Package: Runtime
// Module:  PublishedServices
//


#include "runtime/PublishedServices.h"
#include "Runtime.h"


namespace Orgs {


namespace {


template <class S, Poco::SharedPtr<S> (Runtime::*object)() const>
PublishedServices::Entry entry(const char* name)
	/// The entry of interface S, implemented by the object that runtime.*object() returns.
{
	return PublishedServices::Entry{
	    name, [](ServiceRegistry& registry, const Runtime& runtime) { registry.add<S>((runtime.*object)()); },
	    [](ServiceRegistry& registry) { registry.remove<S>(); },
	    [](const ServiceRegistry& registry) { return !registry.find<S>().isNull(); }};
}


} // namespace


const std::vector<PublishedServices::Entry>& PublishedServices::entries()
{
	static const std::vector<Entry> ENTRIES{
	    entry<AccountService, &Runtime::accounts>("Orgs::AccountService"),
	    entry<OrganizationService, &Runtime::organizations>("Orgs::OrganizationService"),
	    entry<MembershipService, &Runtime::memberships>("Orgs::MembershipService"),
	    entry<WorkspaceService, &Runtime::workspaces>("Orgs::WorkspaceService"),
	    entry<ResourceService, &Runtime::resources>("Orgs::ResourceService"),
	    entry<AccessControl, &Runtime::accessControl>("Orgs::AccessControl"),
	    entry<AuditLog, &Runtime::auditLog>("Orgs::AuditLog"),
	    entry<InvitationService, &Runtime::invitations>("Orgs::InvitationService"),
	    entry<InviteLinkService, &Runtime::inviteLinks>("Orgs::InviteLinkService"),
	    entry<RoleService, &Runtime::customRoles>("Orgs::RoleService"),
	    entry<SsoConnectionService, &Runtime::ssoConnections>("Orgs::SsoConnectionService"),
	    entry<SignInService, &Runtime::signIn>("Orgs::SignInService"),
	    entry<DomainService, &Runtime::domains>("Orgs::DomainService"),
	    entry<ScimService, &Runtime::scim>("Orgs::ScimService"),
	    entry<MetricsService, &Runtime::metrics>("Orgs::MetricsService"),
	    entry<EventService, &Runtime::events>("Orgs::EventService"),
	    entry<WebhookService, &Runtime::webhooks>("Orgs::WebhookService"),
	    entry<ApiDescription, &Runtime::apiDescription>("Orgs::ApiDescription"),
	};
	return ENTRIES;
}


void PublishedServices::publish(ServiceRegistry& registry, const Runtime& runtime)
{
	for (const auto& e : entries())
		e.publish(registry, runtime);
}


void PublishedServices::withdraw(ServiceRegistry& registry)
{
	for (auto it = entries().rbegin(); it != entries().rend(); ++it)
		it->withdraw(registry);
}


} // namespace Orgs
