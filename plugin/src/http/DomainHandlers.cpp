//
// DomainHandlers.cpp
//
// Library: OrgsPlugin
// Package: Http
// Module:  DomainHandlers
//


#include "http/DomainHandlers.h"
#include "http/JsonBody.h"
#include "http/JsonCodec.h"
#include "http/RequestContext.h"


namespace Orgs {
namespace Http {


DomainHandlers::DomainHandlers(Orgs::DomainService& domains) : _domains(domains) {}


void DomainHandlers::addRoutes(Router& router)
{
	using A = Router::Auth;
	using B = Router::Body;
	router.add("POST", "/orgs/{org}/domains", A::Required, B::Json, [this](RequestContext& c) { add(c); });
	router.add("GET", "/orgs/{org}/domains", A::Required, B::None, [this](RequestContext& c) { list(c); });
	router.add("GET", "/orgs/{org}/domains/{domain}", A::Required, B::None, [this](RequestContext& c) { get(c); });
	router.add("PATCH", "/orgs/{org}/domains/{domain}", A::Required, B::Json, [this](RequestContext& c) { update(c); });
	router.add("DELETE", "/orgs/{org}/domains/{domain}", A::Required, B::None,
	           [this](RequestContext& c) { remove(c); });
	router.add("POST", "/orgs/{org}/domains/{domain}/verify", A::Required, B::Optional,
	           [this](RequestContext& c) { verify(c); });
	router.add("POST", "/me/suggested-organizations/{org}/join", A::Required, B::Optional,
	           [this](RequestContext& c) { join(c); });
}


Poco::JSON::Object::Ptr DomainHandlers::encode(const OrganizationDomain& d)
{
	Poco::JSON::Object::Ptr o = JsonCodec::object();
	o->set("id", d.id);
	o->set("organization_id", d.organizationId);
	o->set("domain", d.domain);
	o->set("verified", d.verified());
	if (d.verified())
		o->set("verified_at", JsonCodec::time(d.verifiedAt.value()));
	else
		o->set("verified_at", Poco::Dynamic::Var());
	Poco::JSON::Object::Ptr challenge = JsonCodec::object();
	challenge->set("type", "TXT");
	challenge->set("name", d.recordName);
	challenge->set("value", d.challenge);
	o->set("challenge", challenge);
	o->set("join_mode", d.joinMode);
	o->set("join_role", d.joinRole);
	o->set("created_at", JsonCodec::time(d.createdAt));
	return o;
}


Poco::JSON::Object::Ptr DomainHandlers::encode(const SuggestedOrganization& s)
{
	Poco::JSON::Object::Ptr o = JsonCodec::object();
	o->set("id", s.organizationId);
	o->set("username", s.username);
	o->set("title", s.title);
	o->set("domain", s.domain);
	o->set("role", s.role);
	return o;
}


void DomainHandlers::add(RequestContext& c)
{
	JsonBody body(c.body());
	const std::string domain = body.requiredString("domain");
	body.finish();
	const OrganizationDomain d = _domains.addDomain(c.actor(), c.param("org"), domain);
	c.setLocation("/orgs/" + c.param("org") + "/domains/" + d.domain);
	c.send(201, encode(d));
}


void DomainHandlers::list(RequestContext& c)
{
	const Page<OrganizationDomain> page = _domains.listDomains(c.actor(), c.param("org"), c.page());
	c.send(200, JsonCodec::page(page, [](const OrganizationDomain& d) { return encode(d); }));
}


void DomainHandlers::get(RequestContext& c)
{
	c.send(200, encode(_domains.getDomain(c.actor(), c.param("org"), c.param("domain"))));
}


void DomainHandlers::update(RequestContext& c)
{
	JsonBody body(c.body());
	DomainChanges changes;
	changes.joinMode = body.optionalString("join_mode");
	changes.joinRole = body.optionalString("join_role");
	body.finish();
	c.send(200, encode(_domains.updateDomain(c.actor(), c.param("org"), c.param("domain"), changes)));
}


void DomainHandlers::verify(RequestContext& c)
{
	JsonBody(c.body()).finish();
	c.send(200, encode(_domains.verifyDomain(c.actor(), c.param("org"), c.param("domain"))));
}


void DomainHandlers::remove(RequestContext& c)
{
	_domains.removeDomain(c.actor(), c.param("org"), c.param("domain"));
	c.sendNoContent();
}


void DomainHandlers::join(RequestContext& c)
{
	JsonBody(c.body()).finish();
	const Membership m = _domains.joinSuggested(c.actor(), c.param("org"));
	c.setLocation("/orgs/" + std::to_string(m.organizationId) + "/members/" + m.username);
	c.send(201, JsonCodec::membership(m));
}


} // namespace Http
} // namespace Orgs
