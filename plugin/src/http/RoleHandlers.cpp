//
// RoleHandlers.cpp
//
// Library: OrgsPlugin
// Package: Http
// Module:  RoleHandlers
//


#include "http/RoleHandlers.h"
#include "http/JsonBody.h"
#include "http/JsonCodec.h"
#include "http/RequestContext.h"
#include "Orgs/Errors.h"


namespace Orgs {
namespace Http {


namespace {


std::string scopeParam(const RequestContext& c)
{
	return c.query("scope", "workspace");
}


} // namespace


RoleHandlers::RoleHandlers(Orgs::RoleService& roles) : _roles(roles) {}


void RoleHandlers::addRoutes(Router& router)
{
	using A = Router::Auth;
	using B = Router::Body;
	router.add("POST", "/orgs/{org}/roles", A::Required, B::Json, [this](RequestContext& c) { create(c); });
	router.add("GET", "/orgs/{org}/roles", A::Required, B::None, [this](RequestContext& c) { list(c); });
	router.add("PATCH", "/orgs/{org}/roles/{name}", A::Required, B::Json, [this](RequestContext& c) { update(c); });
	router.add("DELETE", "/orgs/{org}/roles/{name}", A::Required, B::None, [this](RequestContext& c) { remove(c); });
}


Poco::JSON::Object::Ptr RoleHandlers::encode(const CustomRole& r)
{
	Poco::JSON::Object::Ptr o = JsonCodec::object();
	o->set("scope", r.scope);
	o->set("name", r.name);
	Poco::JSON::Array::Ptr perms = new Poco::JSON::Array;
	for (const auto& p : r.permissions)
		perms->add(p);
	o->set("permissions", perms);
	o->set("description", r.description);
	o->set("custom", r.custom);
	if (r.custom)
	{
		o->set("id", r.id);
		o->set("created_by", r.createdBy);
		o->set("created_at", JsonCodec::time(r.createdAt));
		o->set("updated_at", JsonCodec::time(r.updatedAt));
	}
	return o;
}


void RoleHandlers::create(RequestContext& c)
{
	JsonBody body(c.body());
	CustomRoleSpec spec;
	spec.scope = body.requiredString("scope");
	spec.name = body.requiredString("name");
	const Poco::Nullable<std::vector<std::string>> permissions = body.optionalStringList("permissions");
	if (permissions.isNull())
		throw InvalidInputException("Send permissions: an array of permission names", "missing_field");
	spec.permissions = permissions.value();
	const Poco::Nullable<std::string> description = body.optionalString("description");
	if (!description.isNull())
		spec.description = description.value();
	body.finish();
	const CustomRole r = _roles.createRole(c.actor(), c.param("org"), spec);
	c.setLocation("/orgs/" + c.param("org") + "/roles/" + r.name + "?scope=" + r.scope);
	c.send(201, encode(r));
}


void RoleHandlers::list(RequestContext& c)
{
	Poco::JSON::Object::Ptr result = JsonCodec::object();
	Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
	for (const auto& r : _roles.listRoles(c.actor(), c.param("org")))
		items->add(encode(r));
	result->set("items", items);
	result->set("next_cursor", Poco::Dynamic::Var());
	c.send(200, result);
}


void RoleHandlers::update(RequestContext& c)
{
	JsonBody body(c.body());
	CustomRoleChanges changes;
	changes.permissions = body.optionalStringList("permissions");
	changes.description = body.optionalString("description");
	body.finish();
	if (changes.permissions.isNull() && changes.description.isNull())
		throw InvalidInputException("Send permissions or description", "missing_field");
	c.send(200, encode(_roles.updateRole(c.actor(), c.param("org"), scopeParam(c), c.param("name"), changes)));
}


void RoleHandlers::remove(RequestContext& c)
{
	_roles.deleteRole(c.actor(), c.param("org"), scopeParam(c), c.param("name"));
	c.sendNoContent();
}


} // namespace Http
} // namespace Orgs
