//
// EventSink.h
//
// Library: OrgsPlugin
// Package: Data
// Module:  EventSink
//
// What the events module hears of each organization event as it is written.
//


#ifndef Orgs_EventSink_INCLUDED
#define Orgs_EventSink_INCLUDED


#include "Orgs/EventListener.h"
#include "Poco/Data/Session.h"


namespace Orgs {
namespace Data {


class EventSink
	/// Told of every organization event inside the transaction that writes it, after its row is
	/// written (Database::setEventSink). It may write rows in session (the webhook deliveries)
	/// and register Database::afterCommit/afterRollback hooks; what it throws rolls the
	/// change back.
{
public:
	virtual ~EventSink() = default;

	virtual void recorded(Poco::Data::Session& session, const Event& event, bool withEndpoints) = 0;
		/// withEndpoints tells whether the organization has a webhook endpoint at all
		/// (organizations.webhook_endpoints, read under the row lock with the event's number):
		/// without one there is no delivery to write and nothing to look up.
};


} // namespace Data
} // namespace Orgs


#endif // Orgs_EventSink_INCLUDED
