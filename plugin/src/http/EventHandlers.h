//
// EventHandlers.h
//
// Library: OrgsPlugin
// Package: Http
// Module:  EventHandlers
//
// HTTP route of an organization's event feed.
//


#ifndef Orgs_EventHandlers_INCLUDED
#define Orgs_EventHandlers_INCLUDED


#include "Orgs/EventService.h"
#include "http/Router.h"


namespace Orgs {
namespace Http {


class EventHandlers
	/// GET /orgs/{org}/events?after=<cursor>&types=a,b&limit=N: the replayable feed, oldest
	/// first; {"items": [...], "next_cursor": "...", "more": bool}. next_cursor is always
	/// there: poll again with it.
{
public:
	explicit EventHandlers(Orgs::EventService& events);

	void addRoutes(Router& router);

private:
	void list(RequestContext& c);

	Orgs::EventService& _events;
};


} // namespace Http
} // namespace Orgs


#endif // Orgs_EventHandlers_INCLUDED
