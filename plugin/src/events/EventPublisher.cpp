//
// EventPublisher.cpp
//
// Library: OrgsPlugin
// Package: Events
// Module:  EventPublisher
//


#include "events/EventPublisher.h"
#include "events/EventJson.h"
#include <algorithm>


namespace Orgs {
namespace Events {


EventPublisher::EventPublisher(Data::Database& database, ListenerHub& listeners, Service::Clock::Ptr pClock,
                               std::function<void()> wakeSender)
    : _database(database), _webhooks(database), _listeners(listeners), _pClock(pClock),
      _wakeSender(std::move(wakeSender))
{
	_database.setEventSink(this);
}


EventPublisher::~EventPublisher()
{
	_database.setEventSink(nullptr);
}


void EventPublisher::recorded(Poco::Data::Session& session, const Event& event, bool withEndpoints)
{
	std::string payload;
	const Poco::Int64 now = Data::Database::toMicros(_pClock->now());
	const auto subscribers = withEndpoints ? _webhooks.subscribers(session, event.organizationId)
	                                       : std::vector<Data::WebhookRepository::Subscriber>();
	for (const auto& subscriber : subscribers)
	{
		if (!subscriber.eventTypes.empty() && std::find(subscriber.eventTypes.begin(), subscriber.eventTypes.end(),
		                                                event.type) == subscriber.eventTypes.end())
			continue;
		if (payload.empty())
			payload = EventJson::payload(event);
		_webhooks.insertDelivery(session, subscriber.id, event, payload, now);
	}
	if (!payload.empty() && _wakeSender)
		Data::Database::afterCommit(_wakeSender);
	_listeners.recorded(event);
}


} // namespace Events
} // namespace Orgs
