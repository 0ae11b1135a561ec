//
// EventsModule.cpp
//
// Library: OrgsPlugin
// Package: Runtime
// Module:  EventsModule
//


#include "runtime/EventsModule.h"


namespace Orgs {


EventsModule::EventsModule(const Config::Configuration& config, InfrastructureModule& infrastructure,
                           AccessModule& access, Poco::Logger& logger)
    : _listeners(logger),
      _sender(infrastructure.database(), infrastructure.clock(), config.settings().webhooks, logger),
      _publisher(infrastructure.database(), _listeners, infrastructure.clock(), [this]() { _sender.wake(); }),
      _pEvents(new Events::EventServiceImpl(infrastructure.database(), access.guard(), _listeners)),
      _pWebhooks(new Events::WebhookServiceImpl(infrastructure.database(), access.guard(), infrastructure.clock(),
                                                config.settings().webhooks, [this]() { _sender.wake(); }))
{
	if (config.settings().webhooks.deliver)
		_sender.start();
}


} // namespace Orgs
