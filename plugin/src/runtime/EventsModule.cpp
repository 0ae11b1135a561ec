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
    : _listeners(logger), _sender(infrastructure.database(), infrastructure.clock(), config.settings().webhooks,
                                  infrastructure.secrets(), logger),
      _publisher(infrastructure.database(), _listeners, infrastructure.clock(), [this]() { _sender.wake(); }),
      _pEvents(new Events::EventServiceImpl(infrastructure.database(), access.guard(), _listeners)),
      _pWebhooks(new Events::WebhookServiceImpl(infrastructure.database(), access.guard(), infrastructure.clock(),
                                                config.settings().webhooks, infrastructure.secrets(),
                                                [this]() { _sender.wake(); }))
{
	// Secrets stored before orgs.secrets.keyFile was set are sealed before anything signs.
	const std::size_t sealed = Events::WebhookSecrets(infrastructure.secrets()).sealStored(infrastructure.database());
	if (sealed > 0)
		logger.notice("Sealed the stored signing secrets of " + std::to_string(sealed) + " webhook endpoint(s)");
	if (config.settings().webhooks.deliver)
		_sender.start();
}


} // namespace Orgs
