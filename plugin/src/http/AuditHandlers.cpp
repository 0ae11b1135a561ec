//
// AuditHandlers.cpp
//
// Library: OrgsPlugin
// Package: Http
// Module:  AuditHandlers
//


#include "http/AuditHandlers.h"
#include "http/JsonCodec.h"
#include "http/RequestContext.h"
#include "Orgs/Errors.h"
#include "Poco/DateTime.h"
#include "Poco/DateTimeFormat.h"
#include "Poco/DateTimeParser.h"
#include "Poco/JSON/Parser.h"
#include "Poco/RegularExpression.h"


namespace Orgs {
namespace Http {


AuditHandlers::AuditHandlers(Orgs::AuditLog& audit) : _audit(audit) {}


void AuditHandlers::addRoutes(Router& router)
{
	router.add("GET", "/orgs/{org}/audit", Router::Auth::Required, Router::Body::None,
	           [this](RequestContext& c) { list(c); });
}


Poco::Nullable<Poco::Timestamp> AuditHandlers::parseTime(const std::string& name, const std::string& text)
{
	if (text.empty())
		return Poco::Nullable<Poco::Timestamp>();
	// RFC 3339: a full date, 'T', a full time with optional fraction, and Z or an offset.
	static const Poco::RegularExpression re(
	    "^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?([Zz]|[+-][0-9]{2}:[0-9]{2})$");
	Poco::DateTime dt;
	int tz = 0;
	if (!re.match(text) || !Poco::DateTimeParser::tryParse(Poco::DateTimeFormat::ISO8601_FRAC_FORMAT, text, dt, tz))
	{
		throw InvalidInputException(name + " must be an RFC 3339 time such as 2026-11-23T05:20:44Z", "invalid_" + name);
	}
	dt.makeUTC(tz);
	return dt.timestamp();
}


Poco::JSON::Object::Ptr AuditHandlers::event(const AuditEvent& e)
{
	Poco::JSON::Object::Ptr o = JsonCodec::object();
	o->set("id", e.id);
	o->set("created_at", JsonCodec::time(e.createdAt));
	o->set("action", e.action);
	Poco::JSON::Object::Ptr actor = JsonCodec::object();
	actor->set("id", e.actorAccountId);
	actor->set("username", e.actorUsername);
	if (!e.actorVia.empty())
		actor->set("via", e.actorVia); // e.g. "scim:okta": only where the actor acted as something else
	o->set("actor", actor);
	Poco::JSON::Object::Ptr target = JsonCodec::object();
	target->set("type", e.targetType);
	target->set("id", e.targetId == 0 ? Poco::Dynamic::Var() : Poco::Dynamic::Var(e.targetId));
	target->set("label", e.targetLabel);
	o->set("target", target);
	Poco::Dynamic::Var details;
	try
	{
		details = Poco::JSON::Parser().parse(e.details.empty() ? std::string("{}") : e.details);
	}
	catch (Poco::Exception&)
	{
		details = e.details; // never written by this plugin; shown as it is
	}
	o->set("details", details);
	return o;
}


void AuditHandlers::list(RequestContext& c)
{
	AuditQuery query;
	static_cast<PageRequest&>(query) = c.page();
	query.action = c.query("action");
	query.actor = c.query("actor");
	query.since = parseTime("since", c.query("since"));
	query.until = parseTime("until", c.query("until"));
	const Page<AuditEvent> page = _audit.listEvents(c.actor(), c.param("org"), query);
	c.send(200, JsonCodec::page(page, [](const AuditEvent& e) { return event(e); }));
}


} // namespace Http
} // namespace Orgs
