//
// SsoConnectionHandlers.cpp
//
// Library: OrgsPlugin
// Package: Http
// Module:  SsoConnectionHandlers
//


#include "http/SsoConnectionHandlers.h"
#include "http/JsonBody.h"
#include "http/JsonCodec.h"
#include "http/RequestContext.h"
#include "service/Validator.h"
#include "Orgs/Errors.h"
#include "Poco/JSON/Array.h"


namespace Orgs {
namespace Http {


namespace {


Poco::Dynamic::Var textOrNull(const std::string& text)
{
	return text.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(text);
}


Poco::Dynamic::Var positionOrNull(const Poco::Nullable<std::size_t>& position)
{
	return position.isNull() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(static_cast<Poco::Int64>(position.value()));
}


struct Special
	/// The fields JsonBody has no getter for (booleans, a string or null), taken out of the body.
{
	Poco::Nullable<bool> enforced;
	bool hasDefaultRole = false;
	Poco::Nullable<std::string> defaultRole; ///< null with hasDefaultRole: JSON null (no default role)
};


Poco::JSON::Object::Ptr takeSpecial(const Poco::JSON::Object::Ptr& pBody, Special& special)
{
	if (!pBody)
		return pBody;
	Poco::JSON::Object::Ptr pRest = new Poco::JSON::Object(*pBody);
	if (pRest->has("enforced"))
	{
		const Poco::Dynamic::Var v = pRest->get("enforced");
		if (v.type() != typeid(bool))
			throw InvalidInputException("enforced must be true or false", "invalid_type");
		special.enforced = v.extract<bool>();
		pRest->remove("enforced");
	}
	if (pRest->has("default_role"))
	{
		special.hasDefaultRole = true;
		const Poco::Dynamic::Var v = pRest->get("default_role");
		if (!v.isEmpty())
		{
			if (!v.isString())
				throw InvalidInputException("default_role must be a role name or null", "invalid_type");
			special.defaultRole = v.convert<std::string>();
		}
		pRest->remove("default_role");
	}
	return pRest;
}


} // namespace


SsoConnectionHandlers::SsoConnectionHandlers(Orgs::SsoConnectionService& connections) : _connections(connections) {}


void SsoConnectionHandlers::addRoutes(Router& router)
{
	using A = Router::Auth;
	using B = Router::Body;
	router.add("GET", "/orgs/{org}/sso-connections", A::Required, B::None, [this](RequestContext& c) { list(c); });
	router.add("POST", "/orgs/{org}/sso-connections", A::Required, B::Json, [this](RequestContext& c) { create(c); });
	router.add("GET", "/orgs/{org}/sso-connections/{id}", A::Required, B::None, [this](RequestContext& c) { get(c); });
	router.add("PATCH", "/orgs/{org}/sso-connections/{id}", A::Required, B::Json,
	           [this](RequestContext& c) { update(c); });
	router.add("DELETE", "/orgs/{org}/sso-connections/{id}", A::Required, B::None,
	           [this](RequestContext& c) { remove(c); });
	router.add("GET", "/orgs/{org}/sso-connections/{id}/test", A::Required, B::None,
	           [this](RequestContext& c) { testGet(c); });
	router.add("POST", "/orgs/{org}/sso-connections/{id}/test", A::Required, B::Json,
	           [this](RequestContext& c) { testPost(c); });
}


Id SsoConnectionHandlers::connectionId(const RequestContext& c)
{
	Id id = 0;
	if (!Service::Validator::parseId(c.param("id"), id))
		throw NotFoundException("No SSO connection '" + c.param("id") + "'", "sso_connection_not_found");
	return id;
}


std::vector<SsoMappingRule> SsoConnectionHandlers::decodeRules(const std::vector<Poco::JSON::Object::Ptr>& items,
                                                               const std::string& defaultClaim)
{
	std::vector<SsoMappingRule> rules;
	for (const auto& pItem : items)
	{
		JsonBody item(pItem);
		SsoMappingRule r;
		r.claim =
		    defaultClaim.empty() ? item.requiredString("claim") : item.optionalString("claim").value(defaultClaim);
		r.op = item.optionalString("operator").value(SsoMappingRule::CONTAINS);
		r.value = item.requiredString("value");
		const Poco::Nullable<Poco::Int64> workspace = item.optionalId("workspace_id");
		r.workspaceId = workspace.isNull() ? 0 : workspace.value();
		r.target = item.optionalString("target").value(workspace.isNull() ? SsoMappingRule::ORGANIZATION
		                                                                  : SsoMappingRule::WORKSPACE);
		r.role = item.requiredString("role");
		item.finish();
		rules.push_back(r);
	}
	return rules;
}


Poco::JSON::Object::Ptr SsoConnectionHandlers::encode(const SsoConnection& connection)
{
	Poco::JSON::Object::Ptr o = JsonCodec::object();
	o->set("id", connection.id);
	o->set("organization_id", connection.organizationId);
	o->set("name", connection.name);
	o->set("issuer_name", textOrNull(connection.issuerName));
	o->set("issuer", textOrNull(connection.issuer));
	o->set("audience", textOrNull(connection.audience));
	o->set("jwks_uri", textOrNull(connection.jwksUri));
	Poco::JSON::Array::Ptr domains = new Poco::JSON::Array;
	for (const auto& d : connection.domains)
		domains->add(d);
	o->set("domains", domains);
	o->set("enforced", connection.enforced);
	o->set("default_role",
	       connection.defaultRole.isNull() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(connection.defaultRole.value()));
	o->set("rules", encodeRules(connection.rules));
	o->set("created_by", connection.createdBy);
	o->set("created_at", JsonCodec::time(connection.createdAt));
	o->set("updated_at", JsonCodec::time(connection.updatedAt));
	return o;
}


Poco::JSON::Array::Ptr SsoConnectionHandlers::encodeRules(const std::vector<SsoMappingRule>& items)
{
	Poco::JSON::Array::Ptr rules = new Poco::JSON::Array;
	for (const auto& r : items)
	{
		Poco::JSON::Object::Ptr rule = JsonCodec::object();
		rule->set("claim", r.claim);
		rule->set("operator", r.op);
		rule->set("value", r.value);
		rule->set("target", r.target);
		rule->set("workspace_id", r.workspaceId == 0 ? Poco::Dynamic::Var() : Poco::Dynamic::Var(r.workspaceId));
		rule->set("role", r.role);
		rules->add(rule);
	}
	return rules;
}


Poco::JSON::Object::Ptr SsoConnectionHandlers::encode(const SsoTestReport& r)
{
	Poco::JSON::Object::Ptr o = JsonCodec::object();
	o->set("connection_id", r.connectionId);
	o->set("sees", r.sees);
	o->set("not_seen_because", textOrNull(r.notSeenBecause));
	Poco::JSON::Object::Ptr token = JsonCodec::object();
	token->set("subject", r.subject);
	token->set("email", textOrNull(r.email));
	token->set("email_verified", r.emailVerified);
	o->set("token", token);
	if (r.accountId == 0)
		o->set("account", Poco::Dynamic::Var());
	else
	{
		Poco::JSON::Object::Ptr account = JsonCodec::object();
		account->set("id", r.accountId);
		account->set("username", r.username);
		o->set("account", account);
	}
	o->set("member", r.member);
	o->set("owner", r.owner);
	o->set("current_role", textOrNull(r.currentRole));
	o->set("admitted", r.admitted);
	Poco::JSON::Object::Ptr org = JsonCodec::object();
	org->set("role", textOrNull(r.role));
	org->set("rule", positionOrNull(r.organizationRule));
	org->set("by_claim", r.byClaim);
	org->set("by_default", r.byDefault);
	o->set("organization", org);
	o->set("action", r.action);
	o->set("note", textOrNull(r.note));
	Poco::JSON::Object::Ptr admission = JsonCodec::object();
	admission->set("allowed", r.admission);
	admission->set("code", textOrNull(r.refusal));
	admission->set("message", textOrNull(r.refusalMessage));
	o->set("admission", admission);
	Poco::JSON::Array::Ptr workspaces = new Poco::JSON::Array;
	for (const auto& w : r.workspaces)
	{
		Poco::JSON::Object::Ptr ws = JsonCodec::object();
		ws->set("id", w.workspaceId);
		ws->set("name", w.workspaceName);
		ws->set("rule", positionOrNull(w.rule));
		ws->set("role", w.role);
		ws->set("current_role", textOrNull(w.currentRole));
		ws->set("action", w.action);
		workspaces->add(ws);
	}
	o->set("workspaces", workspaces);
	Poco::JSON::Array::Ptr rules = new Poco::JSON::Array;
	for (const auto& result : r.rules)
	{
		Poco::JSON::Object::Ptr rule = JsonCodec::object();
		rule->set("position", static_cast<Poco::Int64>(result.position));
		rule->set("matched", result.matched);
		rule->set("applied", result.applied);
		rules->add(rule);
	}
	o->set("rules", rules);
	return o;
}


void SsoConnectionHandlers::list(RequestContext& c)
{
	SsoConnectionQuery query;
	static_cast<PageRequest&>(query) = c.page();
	const Page<SsoConnection> page = _connections.listConnections(c.actor(), c.param("org"), query);
	c.send(200, JsonCodec::page(page, [](const SsoConnection& s) { return encode(s); }));
}


void SsoConnectionHandlers::create(RequestContext& c)
{
	Special special;
	JsonBody body(takeSpecial(c.body(), special));
	SsoConnectionSpec spec;
	spec.name = body.requiredString("name");
	spec.issuerName = body.optionalString("issuer_name").value("");
	spec.issuer = body.optionalString("issuer").value("");
	spec.audience = body.optionalString("audience").value("");
	spec.jwksUri = body.optionalString("jwks_uri").value("");
	spec.domains = body.optionalStringList("domains").value(std::vector<std::string>());
	spec.rules = decodeRules(body.optionalObjectList("rules"));
	body.finish();
	spec.enforced = special.enforced.value(false);
	spec.defaultRole = special.defaultRole;
	const SsoConnection created = _connections.createConnection(c.actor(), c.param("org"), spec);
	c.setLocation("/orgs/" + c.param("org") + "/sso-connections/" + std::to_string(created.id));
	c.send(201, encode(created));
}


void SsoConnectionHandlers::get(RequestContext& c)
{
	c.send(200, encode(_connections.getConnection(c.actor(), c.param("org"), connectionId(c))));
}


void SsoConnectionHandlers::update(RequestContext& c)
{
	Special special;
	JsonBody body(takeSpecial(c.body(), special));
	SsoConnectionChanges changes;
	changes.name = body.optionalString("name");
	changes.issuerName = body.optionalString("issuer_name");
	changes.issuer = body.optionalString("issuer");
	changes.audience = body.optionalString("audience");
	changes.jwksUri = body.optionalString("jwks_uri");
	changes.domains = body.optionalStringList("domains");
	const bool hasRules = c.body()->has("rules");
	const std::vector<SsoMappingRule> rules = decodeRules(body.optionalObjectList("rules"));
	if (hasRules)
		changes.rules = rules;
	body.finish();
	changes.enforced = special.enforced;
	if (special.hasDefaultRole)
		changes.defaultRole = special.defaultRole.value("");
	c.send(200, encode(_connections.updateConnection(c.actor(), c.param("org"), connectionId(c), changes)));
}


void SsoConnectionHandlers::remove(RequestContext& c)
{
	_connections.deleteConnection(c.actor(), c.param("org"), connectionId(c));
	c.sendNoContent();
}


void SsoConnectionHandlers::testGet(RequestContext& c)
{
	c.send(200, encode(_connections.testConnection(c.actor(), c.param("org"), connectionId(c), c.query("token"))));
}


void SsoConnectionHandlers::testPost(RequestContext& c)
{
	JsonBody body(c.body());
	const std::string token = body.requiredString("token");
	body.finish();
	c.send(200, encode(_connections.testConnection(c.actor(), c.param("org"), connectionId(c), token)));
}


} // namespace Http
} // namespace Orgs
