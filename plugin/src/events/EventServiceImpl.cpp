//
// EventServiceImpl.cpp
//
// Library: OrgsPlugin
// Package: Events
// Module:  EventServiceImpl
//


#include "events/EventServiceImpl.h"
#include "Orgs/Errors.h"
#include "Orgs/Permission.h"
#include "service/Paging.h"


namespace Orgs {
namespace Events {


EventServiceImpl::EventServiceImpl(Data::Database& database, Service::Guard& guard, ListenerHub& listeners)
    : _database(database), _guard(guard), _events(database), _listeners(listeners)
{
}


void EventServiceImpl::checkType(const std::string& type)
{
	bool ok = !type.empty() && type.size() <= 64 && type.front() != '.' && type.back() != '.' &&
	          type.find('.') != std::string::npos && type.find("..") == std::string::npos;
	for (char c : type)
		ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.');
	if (!ok)
		throw InvalidInputException("'" + type.substr(0, 64) + "' is not an event type such as member.added",
		                            "invalid_event_type");
}


EventFeed EventServiceImpl::listEvents(Id actorId, const std::string& org, const EventQuery& query)
{
	Service::Paging::checkLimit(query.limit);
	const Poco::Int64 after = static_cast<Poco::Int64>(Service::Paging::decode(query.after));
	if (query.types.size() > MAX_TYPES)
		throw InvalidInputException("types: at most " + std::to_string(MAX_TYPES) + " event types",
		                            "invalid_event_type");
	for (const auto& type : query.types)
		checkType(type);
	return _database.withSession([&](Poco::Data::Session& session) {
		const Service::Guard::Scope scope = _guard.require(session, actorId, org, Permission::EventsRead);
		EventFeed feed;
		feed.items = _events.after(session, scope.organization.id, after, query.types, query.limit + 1);
		feed.more = feed.items.size() > static_cast<std::size_t>(query.limit);
		if (feed.more)
			feed.items.resize(static_cast<std::size_t>(query.limit));
		for (const auto& e : feed.items)
			feed.cursors.push_back(Service::Paging::encode(static_cast<Id>(e.sequence)));
		feed.nextCursor = feed.cursors.empty() ? Service::Paging::encode(static_cast<Id>(after)) : feed.cursors.back();
		return feed;
	});
}


void EventServiceImpl::subscribe(EventListener::Ptr pListener)
{
	_listeners.subscribe(pListener);
}


void EventServiceImpl::unsubscribe(EventListener::Ptr pListener)
{
	_listeners.unsubscribe(pListener);
}


} // namespace Events
} // namespace Orgs
