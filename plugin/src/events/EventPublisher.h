//
// EventPublisher.h
//
// Library: OrgsPlugin
// Package: Events
// Module:  EventPublisher
//
// Turns each organization event, inside its transaction, into webhook deliveries and an
// in-process notification.
//


#ifndef Orgs_Events_EventPublisher_INCLUDED
#define Orgs_Events_EventPublisher_INCLUDED


#include "data/EventSink.h"
#include "data/WebhookRepository.h"
#include "events/ListenerHub.h"
#include "service/Clock.h"
#include <functional>


namespace Orgs {
namespace Events {


class EventPublisher : public Data::EventSink
	/// The database's event sink while the events module exists. For each event it writes one
	/// outbox row per enabled endpoint of the organization that takes the event's type, in the
	/// event's transaction (so a rolled-back change sends nothing and a committed one cannot
	/// be lost), and queues it for the in-process listeners.
{
public:
	EventPublisher(Data::Database& database, ListenerHub& listeners, Service::Clock::Ptr pClock,
	               std::function<void()> wakeSender);
		/// Registers itself as the database's event sink; wakeSender is called after a commit
		/// that queued deliveries.

	~EventPublisher();
		/// Unregisters.

	void recorded(Poco::Data::Session& session, const Event& event, bool withEndpoints) override;

private:
	Data::Database& _database;
	Data::WebhookRepository _webhooks;
	ListenerHub& _listeners;
	Service::Clock::Ptr _pClock;
	std::function<void()> _wakeSender;
};


} // namespace Events
} // namespace Orgs


#endif // Orgs_Events_EventPublisher_INCLUDED
