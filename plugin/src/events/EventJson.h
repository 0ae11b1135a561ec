//
// EventJson.h
//
// Library: OrgsPlugin
// Package: Events
// Module:  EventJson
//
// The JSON form of an event: the feed's items and the webhooks' payloads.
//


#ifndef Orgs_Events_EventJson_INCLUDED
#define Orgs_Events_EventJson_INCLUDED


#include "Orgs/EventListener.h"
#include "Poco/JSON/Object.h"
#include <string>


namespace Orgs {
namespace Events {


class EventJson
	/// One encoding for both ways out, so a consumer of the feed and one of webhooks read the
	/// same fields.
{
public:
	static Poco::JSON::Object::Ptr data(const Event& event);
		/// {"id": "evt_<id>", "type", "organization_id", "sequence", "occurred_at",
		/// "actor": {"id"}, "target": {"type", "id", "label"}, "details": {...}}

	static std::string payload(const Event& event);
		/// The webhook body, in the Standard Webhooks envelope:
		/// {"type": ..., "timestamp": ..., "data": data(event)}.

	static std::string messageId(Id eventId);
		/// "evt_<id>": the event's id in the feed, the payload and webhook-id.

	static std::string time(const Poco::Timestamp& ts);
		/// ISO 8601 UTC with milliseconds.
};


} // namespace Events
} // namespace Orgs


#endif // Orgs_Events_EventJson_INCLUDED
