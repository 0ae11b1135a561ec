//
// ScimConnectionHandlers.cpp
//
// Library: OrgsPlugin
// Package: Http
// Module:  ScimConnectionHandlers
//


#include "http/ScimConnectionHandlers.h"
#include "http/JsonBody.h"
#include "http/JsonCodec.h"
#include "http/RequestContext.h"
#include "http/SsoConnectionHandlers.h"
#include "service/Validator.h"
#include "Orgs/Errors.h"


namespace Orgs {
namespace Http {


namespace {


Poco::JSON::Object::Ptr takeDefaultRole(const Poco::JSON::Object::Ptr& pBody, bool& has,
                                        Poco::Nullable<std::string>& defaultRole)
{
	if (!pBody || !pBody->has("default_role"))
		return pBody;
	Poco::JSON::Object::Ptr pRest = new Poco::JSON::Object(*pBody);
	has = true;
	const Poco::Dynamic::Var v = pRest->get("default_role");
	if (!v.isEmpty())
	{
		if (!v.isString())
			throw InvalidInputException("default_role must be a role name or null", "invalid_type");
		defaultRole = v.convert<std::string>();
	}
	pRest->remove("default_role");
	return pRest;
}


} // namespace


ScimConnectionHandlers::ScimConnectionHandlers(Orgs::ScimService& connections) : _connections(connections) {}


void ScimConnectionHandlers::addRoutes(Router& router)
{
	using A = Router::Auth;
	using B = Router::Body;
	router.add("GET", "/orgs/{org}/scim-connections", A::Required, B::None, [this](RequestContext& c) { list(c); });
	router.add("POST", "/orgs/{org}/scim-connections", A::Required, B::Json, [this](RequestContext& c) { create(c); });
	router.add("GET", "/orgs/{org}/scim-connections/{id}", A::Required, B::None, [this](RequestContext& c) { get(c); });
	router.add("PATCH", "/orgs/{org}/scim-connections/{id}", A::Required, B::Json,
	           [this](RequestContext& c) { update(c); });
	router.add("DELETE", "/orgs/{org}/scim-connections/{id}", A::Required, B::None,
	           [this](RequestContext& c) { remove(c); });
	router.add("POST", "/orgs/{org}/scim-connections/{id}/token", A::Required, B::None,
	           [this](RequestContext& c) { rotate(c); });
}


Id ScimConnectionHandlers::connectionId(const RequestContext& c)
{
	Id id = 0;
	if (!Service::Validator::parseId(c.param("id"), id))
		throw NotFoundException("No SCIM connection '" + c.param("id") + "'", "scim_connection_not_found");
	return id;
}


Poco::JSON::Object::Ptr ScimConnectionHandlers::encode(const ScimConnection& connection, const std::string& basePath)
{
	Poco::JSON::Object::Ptr o = JsonCodec::object();
	o->set("id", connection.id);
	o->set("organization_id", connection.organizationId);
	o->set("name", connection.name);
	o->set("base_url", basePath + "/scim/v2/" + std::to_string(connection.id));
	o->set("token_prefix", connection.tokenPrefix);
	o->set("default_role",
	       connection.defaultRole.isNull() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(connection.defaultRole.value()));
	o->set("rules", SsoConnectionHandlers::encodeRules(connection.rules));
	o->set("created_by", connection.createdBy);
	o->set("created_at", JsonCodec::time(connection.createdAt));
	o->set("updated_at", JsonCodec::time(connection.updatedAt));
	o->set("token_created_at", JsonCodec::time(connection.tokenCreatedAt));
	return o;
}


void ScimConnectionHandlers::list(RequestContext& c)
{
	ScimConnectionQuery query;
	static_cast<PageRequest&>(query) = c.page();
	const Page<ScimConnection> page = _connections.listConnections(c.actor(), c.param("org"), query);
	const std::string base = c.basePath();
	c.send(200, JsonCodec::page(page, [&base](const ScimConnection& s) { return encode(s, base); }));
}


void ScimConnectionHandlers::create(RequestContext& c)
{
	bool hasDefaultRole = false;
	ScimConnectionSpec spec;
	JsonBody body(takeDefaultRole(c.body(), hasDefaultRole, spec.defaultRole));
	spec.name = body.requiredString("name");
	spec.rules = SsoConnectionHandlers::decodeRules(body.optionalObjectList("rules"), "groups");
	body.finish();
	const IssuedScimConnection issued = _connections.createConnection(c.actor(), c.param("org"), spec);
	Poco::JSON::Object::Ptr o = encode(issued.connection, c.basePath());
	o->set("token", issued.token); // shown once
	c.setLocation("/orgs/" + c.param("org") + "/scim-connections/" + std::to_string(issued.connection.id));
	c.send(201, o);
}


void ScimConnectionHandlers::get(RequestContext& c)
{
	c.send(200, encode(_connections.getConnection(c.actor(), c.param("org"), connectionId(c)), c.basePath()));
}


void ScimConnectionHandlers::update(RequestContext& c)
{
	bool hasDefaultRole = false;
	Poco::Nullable<std::string> defaultRole;
	JsonBody body(takeDefaultRole(c.body(), hasDefaultRole, defaultRole));
	ScimConnectionChanges changes;
	changes.name = body.optionalString("name");
	const bool hasRules = c.body()->has("rules");
	const std::vector<SsoMappingRule> rules =
	    SsoConnectionHandlers::decodeRules(body.optionalObjectList("rules"), "groups");
	if (hasRules)
		changes.rules = rules;
	body.finish();
	if (hasDefaultRole)
		changes.defaultRole = defaultRole.value("");
	c.send(200,
	       encode(_connections.updateConnection(c.actor(), c.param("org"), connectionId(c), changes), c.basePath()));
}


void ScimConnectionHandlers::remove(RequestContext& c)
{
	_connections.deleteConnection(c.actor(), c.param("org"), connectionId(c));
	c.sendNoContent();
}


void ScimConnectionHandlers::rotate(RequestContext& c)
{
	const IssuedScimConnection issued = _connections.rotateToken(c.actor(), c.param("org"), connectionId(c));
	Poco::JSON::Object::Ptr o = encode(issued.connection, c.basePath());
	o->set("token", issued.token); // shown once
	c.send(200, o);
}


} // namespace Http
} // namespace Orgs
