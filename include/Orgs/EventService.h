//
// EventService.h
//
// Library: Orgs
// Package: Services
// Module:  EventService
//
// The replayable event feed of an organization and in-process subscriptions.
//


#ifndef Orgs_EventService_INCLUDED
#define Orgs_EventService_INCLUDED


#include "Orgs/EventListener.h"
#include "Orgs/Model.h"
#include "Poco/SharedPtr.h"
#include <string>
#include <vector>


namespace Orgs {


struct EventQuery
	/// A read of the feed: at most limit (1..100) events after the cursor (empty: from the
	/// first), of the listed types (empty: every type).
{
	std::string after;
	std::vector<std::string> types;
	int limit = 50;
};


struct EventFeed
	/// One read of the feed. nextCursor is always set: the cursor to resume from (the last
	/// event's, or the one asked for when nothing newer exists yet).
{
	std::vector<Event> items;
	std::vector<std::string> cursors; ///< the cursor of each item, to resume right after it
	std::string nextCursor;
	bool more = false; ///< true if more events were already there past this page
};


class EventService
	/// Events are the committed changes of organizations (the audit log's), in each
	/// organization's order.
{
public:
	using Ptr = Poco::SharedPtr<EventService>;

	virtual ~EventService() = default;

	virtual EventFeed listEvents(Id actorId, const std::string& org, const EventQuery& query) = 0;
		/// Returns the organization's events after query.after, oldest first (permission
		/// events.read). Reading again from a returned cursor never skips nor repeats an event.
		/// Throws NotFoundException for a non-member, ForbiddenException without the
		/// permission, InvalidInputException ("invalid_cursor", "invalid_limit",
		/// "invalid_event_type").

	virtual void subscribe(EventListener::Ptr pListener) = 0;
		/// Delivers every event committed through this process from now on to pListener, on a
		/// thread of its own. Subscribing the same listener twice does nothing.

	virtual void unsubscribe(EventListener::Ptr pListener) = 0;
		/// Stops deliveries to pListener; waits for a call in progress to return. Events still
		/// queued for it are dropped.
};


} // namespace Orgs


#endif // Orgs_EventService_INCLUDED
