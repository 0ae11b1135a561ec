//
// MembershipHandlers.cpp
//
// Library: OrgsPlugin
// Package: Http
// Module:  MembershipHandlers
//


#include "http/MembershipHandlers.h"
#include "http/JsonBody.h"
#include "http/JsonCodec.h"
#include "http/RequestContext.h"
#include "Orgs/Errors.h"


namespace Orgs {
namespace Http {


MembershipHandlers::MembershipHandlers(Orgs::MembershipService& memberships) : _memberships(memberships) {}


void MembershipHandlers::addRoutes(Router& router)
{
	using A = Router::Auth;
	using B = Router::Body;
	router.add("GET", "/orgs/{org}/members", A::Required, B::None, [this](RequestContext& c) { list(c); });
	router.add("POST", "/orgs/{org}/members", A::Required, B::Json, [this](RequestContext& c) { add(c); });
	router.add("GET", "/orgs/{org}/members/{account}", A::Required, B::None, [this](RequestContext& c) { get(c); });
	router.add("PATCH", "/orgs/{org}/members/{account}", A::Required, B::Json,
	           [this](RequestContext& c) { update(c); });
	router.add("DELETE", "/orgs/{org}/members/{account}", A::Required, B::None,
	           [this](RequestContext& c) { remove(c); });
	router.add("POST", "/orgs/{org}/leave", A::Required, B::Optional, [this](RequestContext& c) { leave(c); });
}


void MembershipHandlers::list(RequestContext& c)
{
	MemberQuery query;
	static_cast<PageRequest&>(query) = c.page();
	query.role = c.query("role");
	query.search = c.query("q");
	const Page<Membership> page = _memberships.listMembers(c.actor(), c.param("org"), query);
	// The longest page of the API: written straight into one string, not through Poco::JSON.
	std::string json;
	json.reserve(256 * (page.items.size() + 1));
	JsonWriter w(json);
	JsonCodec::writePage(w, page);
	c.sendJson(200, json);
}


void MembershipHandlers::add(RequestContext& c)
{
	JsonBody body(c.body());
	MemberSpec spec;
	spec.account = body.requiredString("username");
	spec.role = body.optionalString("role").value("");
	spec.defaultRoles = body.optionalStringMap("default_roles").value(RoleMap());
	spec.workspaces = body.optionalWorkspaces("workspaces");
	body.finish();
	const Membership m = _memberships.addMember(c.actor(), c.param("org"), spec);
	c.setLocation("/orgs/" + c.param("org") + "/members/" + m.username);
	c.send(201, JsonCodec::membership(m));
}


void MembershipHandlers::get(RequestContext& c)
{
	c.send(200, JsonCodec::membership(_memberships.getMember(c.actor(), c.param("org"), c.param("account"))));
}


void MembershipHandlers::update(RequestContext& c)
{
	JsonBody body(c.body());
	MemberChanges changes;
	changes.role = body.optionalString("role");
	changes.defaultRoles = body.optionalStringMap("default_roles");
	body.finish();
	if (changes.role.isNull() && changes.defaultRoles.isNull())
		throw InvalidInputException("Send role, default_roles or both", "missing_field");
	c.send(200,
	       JsonCodec::membership(_memberships.updateMember(c.actor(), c.param("org"), c.param("account"), changes)));
}


void MembershipHandlers::remove(RequestContext& c)
{
	_memberships.removeMember(c.actor(), c.param("org"), c.param("account"));
	c.sendNoContent();
}


void MembershipHandlers::leave(RequestContext& c)
{
	JsonBody(c.body()).finish();
	_memberships.leave(c.actor(), c.param("org"));
	c.sendNoContent();
}


} // namespace Http
} // namespace Orgs
