//
// EventHandlers.cpp
//
// Library: OrgsPlugin
// Package: Http
// Module:  EventHandlers
//


#include "http/EventHandlers.h"
#include "events/EventJson.h"
#include "http/JsonCodec.h"
#include "http/RequestContext.h"
#include "Poco/JSON/Array.h"
#include "Poco/StringTokenizer.h"


namespace Orgs {
namespace Http {


EventHandlers::EventHandlers(Orgs::EventService& events) : _events(events) {}


void EventHandlers::addRoutes(Router& router)
{
	router.add("GET", "/orgs/{org}/events", Router::Auth::Required, Router::Body::None,
	           [this](RequestContext& c) { list(c); });
}


void EventHandlers::list(RequestContext& c)
{
	EventQuery query;
	const PageRequest page = c.page();
	query.limit = page.limit;
	query.after = c.query("after");
	for (const auto& type : Poco::StringTokenizer(
	         c.query("types"), ",", Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY))
		query.types.push_back(type);
	const EventFeed feed = _events.listEvents(c.actor(), c.param("org"), query);
	Poco::JSON::Object::Ptr result = JsonCodec::object();
	Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
	for (std::size_t i = 0; i < feed.items.size(); ++i)
	{
		Poco::JSON::Object::Ptr item = Events::EventJson::data(feed.items[i]);
		item->set("cursor", feed.cursors[i]);
		items->add(item);
	}
	result->set("items", items);
	result->set("next_cursor", feed.nextCursor);
	result->set("more", feed.more);
	c.send(200, result);
}


} // namespace Http
} // namespace Orgs
