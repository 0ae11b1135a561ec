//
// OrganizationHandlers.cpp
//
// Library: OrgsPlugin
// Package: Http
// Module:  OrganizationHandlers
//


#include "http/OrganizationHandlers.h"
#include "http/JsonBody.h"
#include "http/JsonCodec.h"
#include "http/RequestContext.h"


namespace Orgs {
namespace Http {


OrganizationHandlers::OrganizationHandlers(Orgs::OrganizationService& organizations) : _organizations(organizations) {}


void OrganizationHandlers::addRoutes(Router& router)
{
	using A = Router::Auth;
	using B = Router::Body;
	router.add("POST", "/orgs", A::Required, B::Json, [this](RequestContext& c) { create(c); });
	router.add("GET", "/orgs", A::Required, B::None, [this](RequestContext& c) { list(c); });
	router.add("GET", "/orgs/{org}", A::Required, B::None, [this](RequestContext& c) { get(c); });
	router.add("PATCH", "/orgs/{org}", A::Required, B::Json, [this](RequestContext& c) { update(c); });
	router.add("DELETE", "/orgs/{org}", A::Required, B::None, [this](RequestContext& c) { remove(c); });
	router.add("POST", "/orgs/{org}/transfer-ownership", A::Required, B::Json,
	           [this](RequestContext& c) { transfer(c); });
	router.add("POST", "/orgs/{org}/restore", A::Required, B::None, [this](RequestContext& c) { restore(c); });
	router.add("GET", "/orgs/{org}/usage", A::Required, B::None, [this](RequestContext& c) { usage(c); });
}


void OrganizationHandlers::create(RequestContext& c)
{
	JsonBody body(c.body());
	OrganizationSpec spec;
	spec.username = body.requiredString("username");
	spec.title = body.requiredString("title");
	spec.region = body.optionalString("region").value("");
	body.finish();

	OrganizationMembership om;
	om.organization = _organizations.createOrganization(c.actor(), spec);
	om = _organizations.getOrganization(c.actor(), std::to_string(om.organization.id));
	c.setLocation("/orgs/" + om.organization.username);
	c.send(201, JsonCodec::organization(om));
}


void OrganizationHandlers::list(RequestContext& c)
{
	const Page<OrganizationMembership> page = _organizations.listOrganizations(c.actor(), c.page());
	c.send(200, JsonCodec::page(page, [](const OrganizationMembership& om) { return JsonCodec::organization(om); }));
}


void OrganizationHandlers::get(RequestContext& c)
{
	c.send(200, JsonCodec::organization(_organizations.getOrganization(c.actor(), c.param("org"))));
}


void OrganizationHandlers::update(RequestContext& c)
{
	JsonBody body(c.body());
	OrganizationChanges changes;
	changes.username = body.optionalString("username");
	changes.title = body.optionalString("title");
	changes.region = body.optionalString("region");
	changes.plan = body.optionalString("plan");
	changes.allowedEmailDomains = body.optionalStringList("allowed_email_domains");
	body.finish();

	const Organization o = _organizations.updateOrganization(c.actor(), c.param("org"), changes);
	c.send(200, JsonCodec::organization(_organizations.getOrganization(c.actor(), std::to_string(o.id))));
}


void OrganizationHandlers::remove(RequestContext& c)
{
	_organizations.deleteOrganization(c.actor(), c.param("org"));
	c.sendNoContent();
}


void OrganizationHandlers::transfer(RequestContext& c)
{
	JsonBody body(c.body());
	const std::string account = body.requiredString("account");
	body.finish();
	const Organization o = _organizations.transferOwnership(c.actor(), c.param("org"), account);
	c.send(200, JsonCodec::organization(_organizations.getOrganization(c.actor(), std::to_string(o.id))));
}


void OrganizationHandlers::restore(RequestContext& c)
{
	const Organization o = _organizations.restoreOrganization(c.actor(), c.param("org"));
	c.send(200, JsonCodec::organization(_organizations.getOrganization(c.actor(), std::to_string(o.id))));
}


void OrganizationHandlers::usage(RequestContext& c)
{
	c.send(200, JsonCodec::usage(_organizations.getUsage(c.actor(), c.param("org"))));
}


} // namespace Http
} // namespace Orgs
