//
// EventsModule.h
//
// Library: OrgsPlugin
// Package: Runtime
// Module:  EventsModule
//
// Events, their feed, in-process listeners and webhooks.
//


#ifndef Orgs_EventsModule_INCLUDED
#define Orgs_EventsModule_INCLUDED


#include "config/Configuration.h"
#include "events/EventPublisher.h"
#include "events/EventServiceImpl.h"
#include "events/ListenerHub.h"
#include "events/WebhookSender.h"
#include "events/WebhookServiceImpl.h"
#include "runtime/AccessModule.h"
#include "runtime/InfrastructureModule.h"
#include "Poco/Logger.h"
#include "Poco/SharedPtr.h"


namespace Orgs {


class EventsModule
	/// The organizations' events: the sink that turns each audit event into webhook deliveries
	/// and in-process notifications inside its transaction (EventPublisher), the listeners'
	/// threads (ListenerHub), the webhook sender's thread (started unless
	/// orgs.webhooks.deliver is false), and the services behind Orgs::EventService and
	/// Orgs::WebhookService. Destroyed before the database: the sender and the listeners stop,
	/// and the sink is unregistered, first.
{
public:
	EventsModule(const Config::Configuration& config, InfrastructureModule& infrastructure, AccessModule& access,
	             Poco::Logger& logger);

	Poco::SharedPtr<Events::EventServiceImpl> events() const;
	Poco::SharedPtr<Events::WebhookServiceImpl> webhooks() const;
	Events::WebhookSender& sender();

private:
	EventsModule(const EventsModule&) = delete;
	EventsModule& operator=(const EventsModule&) = delete;

	Events::ListenerHub _listeners;
	Events::WebhookSender _sender;
	Events::EventPublisher _publisher;
	Poco::SharedPtr<Events::EventServiceImpl> _pEvents;
	Poco::SharedPtr<Events::WebhookServiceImpl> _pWebhooks;
};


//
// inlines
//
inline Poco::SharedPtr<Events::EventServiceImpl> EventsModule::events() const
{
	return _pEvents;
}


inline Poco::SharedPtr<Events::WebhookServiceImpl> EventsModule::webhooks() const
{
	return _pWebhooks;
}


inline Events::WebhookSender& EventsModule::sender()
{
	return _sender;
}


} // namespace Orgs


#endif // Orgs_EventsModule_INCLUDED
