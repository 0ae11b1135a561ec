//
// PermissionHandlers.cpp
//
// Library: OrgsPlugin
// Package: Http
// Module:  PermissionHandlers
//


#include "http/PermissionHandlers.h"
#include "http/JsonCodec.h"
#include "http/RequestContext.h"
#include "service/Validator.h"
#include "Orgs/Errors.h"


namespace Orgs {
namespace Http {


namespace {


Poco::Nullable<Id> idParam(const RequestContext& c, const std::string& name)
{
	const std::string text = c.query(name);
	if (text.empty())
		return Poco::Nullable<Id>();
	Id id = 0;
	if (!Service::Validator::parseId(text, id))
		throw InvalidInputException(name + " must be an id", "invalid_" + name);
	return id;
}


Poco::Dynamic::Var nullableId(const Poco::Nullable<Id>& id)
{
	return id.isNull() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(id.value());
}


} // namespace


PermissionHandlers::PermissionHandlers(Service::PermissionReport& report) : _report(report) {}


void PermissionHandlers::addRoutes(Router& router)
{
	router.add("GET", "/orgs/{org}/permissions", Router::Auth::Required, Router::Body::None,
	           [this](RequestContext& c) { get(c); });
}


void PermissionHandlers::get(RequestContext& c)
{
	const Service::PermissionReport::Subject s =
	    _report.explain(c.actor(), c.param("org"), c.query("account"), idParam(c, "workspace"), idParam(c, "resource"));
	Poco::JSON::Object::Ptr o = JsonCodec::object();
	o->set("organization_id", s.organizationId);
	o->set("account_id", s.accountId);
	o->set("workspace_id", nullableId(s.workspaceId));
	o->set("resource_id", nullableId(s.resourceId));
	o->set("member", s.explanation.member);
	o->set("owner", s.explanation.owner);
	Poco::JSON::Array::Ptr permissions = new Poco::JSON::Array;
	for (const auto& p : s.explanation.permissions)
		permissions->add(p);
	o->set("permissions", permissions);
	Poco::JSON::Array::Ptr grants = new Poco::JSON::Array;
	for (const auto& g : s.explanation.grants)
	{
		Poco::JSON::Object::Ptr grant = JsonCodec::object();
		grant->set("source", g.source);
		grant->set("role", g.role);
		grant->set("scope_id", g.scopeId == 0 ? Poco::Dynamic::Var() : Poco::Dynamic::Var(g.scopeId));
		Poco::JSON::Array::Ptr granted = new Poco::JSON::Array;
		for (const auto& p : g.permissions)
			granted->add(p);
		grant->set("permissions", granted);
		grants->add(grant);
	}
	o->set("grants", grants);
	c.send(200, o);
}


} // namespace Http
} // namespace Orgs
