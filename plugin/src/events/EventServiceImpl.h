//
// EventServiceImpl.h
//
// Library: OrgsPlugin
// Package: Events
// Module:  EventServiceImpl
//
// The event feed and in-process subscriptions.
//


#ifndef Orgs_Events_EventServiceImpl_INCLUDED
#define Orgs_Events_EventServiceImpl_INCLUDED


#include "Orgs/EventService.h"
#include "data/EventRepository.h"
#include "events/ListenerHub.h"
#include "service/Guard.h"


namespace Orgs {
namespace Events {


class EventServiceImpl : public Orgs::EventService
	/// Reads the feed by the organizations' sequence numbers (keyset: "seq > cursor"), which
	/// are assigned in commit order, so a cursor never passes an event that commits later.
{
public:
	static const std::size_t MAX_TYPES = 20;

	EventServiceImpl(Data::Database& database, Service::Guard& guard, ListenerHub& listeners);

	EventFeed listEvents(Id actorId, const std::string& org, const EventQuery& query) override;
	void subscribe(EventListener::Ptr pListener) override;
	void unsubscribe(EventListener::Ptr pListener) override;

	static void checkType(const std::string& type);
		/// Throws InvalidInputException ("invalid_event_type") unless type looks like an event
		/// type: lowercase dotted words ("member.added"), at most 64 characters.

private:
	Data::Database& _database;
	Service::Guard& _guard;
	Data::EventRepository _events;
	ListenerHub& _listeners;
};


} // namespace Events
} // namespace Orgs


#endif // Orgs_Events_EventServiceImpl_INCLUDED
