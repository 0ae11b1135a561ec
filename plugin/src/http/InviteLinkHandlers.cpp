//
// InviteLinkHandlers.cpp
//
// Library: OrgsPlugin
// Package: Http
// Module:  InviteLinkHandlers
//


#include "http/InviteLinkHandlers.h"
#include "http/JsonBody.h"
#include "http/JsonCodec.h"
#include "http/RequestContext.h"


namespace Orgs {
namespace Http {


InviteLinkHandlers::InviteLinkHandlers(Orgs::InviteLinkService& links) : _links(links) {}


void InviteLinkHandlers::addRoutes(Router& router)
{
	using A = Router::Auth;
	using B = Router::Body;
	router.add("POST", "/orgs/{org}/invite-link", A::Required, B::Optional, [this](RequestContext& c) { reset(c); });
	router.add("GET", "/orgs/{org}/invite-link", A::Required, B::None, [this](RequestContext& c) { get(c); });
	router.add("DELETE", "/orgs/{org}/invite-link", A::Required, B::None, [this](RequestContext& c) { disable(c); });
	router.add("GET", "/invite-links/{token}", A::Required, B::None, [this](RequestContext& c) { view(c); });
	router.add("POST", "/invite-links/{token}/accept", A::Required, B::Optional,
	           [this](RequestContext& c) { accept(c); });
}


Poco::JSON::Object::Ptr InviteLinkHandlers::encode(const InviteLink& link)
{
	Poco::JSON::Object::Ptr o = JsonCodec::object();
	o->set("organization_id", link.organizationId);
	o->set("role", link.role);
	o->set("created_at", JsonCodec::time(link.createdAt));
	Poco::JSON::Object::Ptr by = JsonCodec::object();
	by->set("id", link.createdBy);
	by->set("username", link.creatorUsername);
	o->set("created_by", by);
	o->set("uses", link.uses);
	return o;
}


void InviteLinkHandlers::reset(RequestContext& c)
{
	JsonBody body(c.body());
	const std::string role = body.optionalString("role").value("");
	body.finish();
	const IssuedInviteLink issued = _links.resetLink(c.actor(), c.param("org"), role);
	Poco::JSON::Object::Ptr o = encode(issued.link);
	o->set("token", issued.token);
	o->set("url", issued.url);
	c.setLocation("/orgs/" + c.param("org") + "/invite-link");
	c.send(201, o);
}


void InviteLinkHandlers::get(RequestContext& c)
{
	c.send(200, encode(_links.getLink(c.actor(), c.param("org"))));
}


void InviteLinkHandlers::disable(RequestContext& c)
{
	_links.disableLink(c.actor(), c.param("org"));
	c.sendNoContent();
}


void InviteLinkHandlers::view(RequestContext& c)
{
	const InviteLinkView v = _links.viewLink(c.actor(), c.param("token"));
	Poco::JSON::Object::Ptr o = JsonCodec::object();
	Poco::JSON::Object::Ptr org = JsonCodec::object();
	org->set("id", v.organizationId);
	org->set("username", v.organizationUsername);
	org->set("title", v.organizationTitle);
	o->set("organization", org);
	o->set("role", v.role);
	c.send(200, o);
}


void InviteLinkHandlers::accept(RequestContext& c)
{
	JsonBody(c.body()).finish();
	const Membership m = _links.joinByLink(c.actor(), c.param("token"));
	c.setLocation("/orgs/" + std::to_string(m.organizationId) + "/members/" + m.username);
	c.send(201, JsonCodec::membership(m));
}


} // namespace Http
} // namespace Orgs
