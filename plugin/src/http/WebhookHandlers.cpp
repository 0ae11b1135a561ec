//
// WebhookHandlers.cpp
//
// Library: OrgsPlugin
// Package: Http
// Module:  WebhookHandlers
//


#include "http/WebhookHandlers.h"
#include "Orgs/Errors.h"
#include "http/JsonBody.h"
#include "http/JsonCodec.h"
#include "http/RequestContext.h"
#include "service/Validator.h"
#include "Poco/JSON/Array.h"


namespace Orgs {
namespace Http {


namespace {


Poco::Dynamic::Var timeOrNull(const Poco::Nullable<Poco::Timestamp>& t)
{
	return t.isNull() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(JsonCodec::time(t.value()));
}


Poco::Dynamic::Var intOrNull(const Poco::Nullable<int>& v)
{
	return v.isNull() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(v.value());
}


Poco::JSON::Object::Ptr takeEnabled(const Poco::JSON::Object::Ptr& pBody, Poco::Nullable<bool>& enabled)
	/// Takes "enabled" (which JsonBody has no getter for) out of the body.
{
	if (!pBody || !pBody->has("enabled"))
		return pBody;
	Poco::JSON::Object::Ptr pRest = new Poco::JSON::Object(*pBody);
	const Poco::Dynamic::Var v = pRest->get("enabled");
	if (v.type() != typeid(bool))
		throw InvalidInputException("enabled must be true or false", "invalid_type");
	enabled = v.extract<bool>();
	pRest->remove("enabled");
	return pRest;
}


} // namespace


WebhookHandlers::WebhookHandlers(Orgs::WebhookService& webhooks) : _webhooks(webhooks) {}


void WebhookHandlers::addRoutes(Router& router)
{
	using A = Router::Auth;
	using B = Router::Body;
	router.add("GET", "/orgs/{org}/webhooks", A::Required, B::None, [this](RequestContext& c) { list(c); });
	router.add("POST", "/orgs/{org}/webhooks", A::Required, B::Json, [this](RequestContext& c) { create(c); });
	router.add("GET", "/orgs/{org}/webhooks/{id}", A::Required, B::None, [this](RequestContext& c) { get(c); });
	router.add("PATCH", "/orgs/{org}/webhooks/{id}", A::Required, B::Json, [this](RequestContext& c) { update(c); });
	router.add("DELETE", "/orgs/{org}/webhooks/{id}", A::Required, B::None, [this](RequestContext& c) { remove(c); });
	router.add("POST", "/orgs/{org}/webhooks/{id}/secret", A::Required, B::None,
	           [this](RequestContext& c) { rotate(c); });
	router.add("GET", "/orgs/{org}/webhooks/{id}/deliveries", A::Required, B::None,
	           [this](RequestContext& c) { deliveries(c); });
	router.add("POST", "/orgs/{org}/webhooks/{id}/deliveries/{delivery}/retry", A::Required, B::None,
	           [this](RequestContext& c) { retry(c); });
}


Id WebhookHandlers::idOf(const RequestContext& c, const std::string& param, const std::string& code)
{
	Id id = 0;
	if (!Service::Validator::parseId(c.param(param), id))
		throw NotFoundException("No such " + param + " '" + c.param(param) + "'", code);
	return id;
}


Poco::JSON::Object::Ptr WebhookHandlers::encode(const WebhookEndpoint& e)
{
	Poco::JSON::Object::Ptr o = JsonCodec::object();
	o->set("id", e.id);
	o->set("organization_id", e.organizationId);
	o->set("url", e.url);
	o->set("description", e.description);
	Poco::JSON::Array::Ptr types = new Poco::JSON::Array;
	for (const auto& t : e.eventTypes)
		types->add(t);
	o->set("event_types", types);
	o->set("enabled", e.enabled);
	o->set("disabled_reason", e.enabled ? Poco::Dynamic::Var() : Poco::Dynamic::Var(e.disabledReason));
	o->set("disabled_at", timeOrNull(e.disabledAt));
	o->set("failing_since", timeOrNull(e.failingSince));
	o->set("consecutive_failures", e.consecutiveFailures);
	o->set("previous_secret_until", timeOrNull(e.previousSecretUntil));
	if (!e.secret.empty())
		o->set("secret", e.secret);
	o->set("created_by", e.createdBy);
	o->set("created_at", JsonCodec::time(e.createdAt));
	o->set("updated_at", JsonCodec::time(e.updatedAt));
	return o;
}


Poco::JSON::Object::Ptr WebhookHandlers::encode(const WebhookDelivery& d)
{
	Poco::JSON::Object::Ptr o = JsonCodec::object();
	o->set("id", d.id);
	o->set("endpoint_id", d.endpointId);
	o->set("event_id", "evt_" + std::to_string(d.eventId));
	o->set("sequence", d.sequence);
	o->set("event_type", d.eventType);
	o->set("state", d.state);
	o->set("attempts", d.attempts);
	o->set("last_status", intOrNull(d.lastStatus));
	o->set("last_duration_ms", intOrNull(d.lastDurationMs));
	o->set("last_error_class", d.lastErrorClass.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(d.lastErrorClass));
	o->set("last_error", d.lastError.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(d.lastError));
	o->set("next_attempt_at", timeOrNull(d.nextAttemptAt));
	o->set("delivered_at", timeOrNull(d.deliveredAt));
	o->set("created_at", JsonCodec::time(d.createdAt));
	return o;
}


void WebhookHandlers::list(RequestContext& c)
{
	const Page<WebhookEndpoint> page = _webhooks.listEndpoints(c.actor(), c.param("org"), c.page());
	c.send(200, JsonCodec::page(page, [](const WebhookEndpoint& e) { return encode(e); }));
}


void WebhookHandlers::create(RequestContext& c)
{
	JsonBody body(c.body());
	WebhookSpec spec;
	spec.url = body.requiredString("url");
	spec.description = body.optionalString("description").value("");
	spec.eventTypes = body.optionalStringList("event_types").value(std::vector<std::string>());
	body.finish();
	const WebhookEndpoint created = _webhooks.createEndpoint(c.actor(), c.param("org"), spec);
	c.setLocation("/orgs/" + c.param("org") + "/webhooks/" + std::to_string(created.id));
	c.send(201, encode(created));
}


void WebhookHandlers::get(RequestContext& c)
{
	c.send(200, encode(_webhooks.getEndpoint(c.actor(), c.param("org"), idOf(c, "id", "webhook_not_found"))));
}


void WebhookHandlers::update(RequestContext& c)
{
	WebhookChanges changes;
	JsonBody body(takeEnabled(c.body(), changes.enabled));
	changes.url = body.optionalString("url");
	changes.description = body.optionalString("description");
	changes.eventTypes = body.optionalStringList("event_types");
	body.finish();
	c.send(200,
	       encode(_webhooks.updateEndpoint(c.actor(), c.param("org"), idOf(c, "id", "webhook_not_found"), changes)));
}


void WebhookHandlers::remove(RequestContext& c)
{
	_webhooks.deleteEndpoint(c.actor(), c.param("org"), idOf(c, "id", "webhook_not_found"));
	c.sendNoContent();
}


void WebhookHandlers::rotate(RequestContext& c)
{
	c.send(200, encode(_webhooks.rotateSecret(c.actor(), c.param("org"), idOf(c, "id", "webhook_not_found"))));
}


void WebhookHandlers::deliveries(RequestContext& c)
{
	const Page<WebhookDelivery> page =
	    _webhooks.listDeliveries(c.actor(), c.param("org"), idOf(c, "id", "webhook_not_found"), c.page());
	c.send(200, JsonCodec::page(page, [](const WebhookDelivery& d) { return encode(d); }));
}


void WebhookHandlers::retry(RequestContext& c)
{
	c.send(200, encode(_webhooks.retryDelivery(c.actor(), c.param("org"), idOf(c, "id", "webhook_not_found"),
	                                           idOf(c, "delivery", "delivery_not_found"))));
}


} // namespace Http
} // namespace Orgs
