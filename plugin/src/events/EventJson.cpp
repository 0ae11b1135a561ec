//
// EventJson.cpp
//
// Library: OrgsPlugin
// Package: Events
// Module:  EventJson
//


#include "events/EventJson.h"
#include "Poco/DateTimeFormatter.h"
#include "Poco/JSON/Parser.h"
#include <sstream>


namespace Orgs {
namespace Events {


Poco::JSON::Object::Ptr EventJson::data(const Event& e)
{
	Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
	o->set("id", messageId(e.id));
	o->set("type", e.type);
	o->set("organization_id", e.organizationId);
	o->set("sequence", e.sequence);
	o->set("occurred_at", time(e.occurredAt));
	Poco::JSON::Object::Ptr actor = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
	actor->set("id", e.actorAccountId);
	if (!e.actorVia.empty())
		actor->set("via", e.actorVia); // as in the audit log: only where the actor acted as something else
	o->set("actor", actor);
	Poco::JSON::Object::Ptr target = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
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


std::string EventJson::payload(const Event& e)
{
	Poco::JSON::Object envelope(Poco::JSON_PRESERVE_KEY_ORDER);
	envelope.set("type", e.type);
	envelope.set("timestamp", time(e.occurredAt));
	envelope.set("data", data(e));
	std::ostringstream out;
	envelope.stringify(out);
	return out.str();
}


std::string EventJson::messageId(Id eventId)
{
	return "evt_" + std::to_string(eventId);
}


std::string EventJson::time(const Poco::Timestamp& ts)
{
	return Poco::DateTimeFormatter::format(ts, "%Y-%m-%dT%H:%M:%S.%iZ");
}


} // namespace Events
} // namespace Orgs
