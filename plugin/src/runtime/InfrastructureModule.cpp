//
// InfrastructureModule.cpp
//
// Library: OrgsPlugin
// Package: Runtime
// Module:  InfrastructureModule
//


#include "runtime/InfrastructureModule.h"
#include "data/Migrator.h"
#include "service/LogMailer.h"
#include "service/SmtpMailer.h"


namespace Orgs {


namespace {


Orgs::Mailer::Ptr chooseMailer(const Config::MailSettings& settings, Orgs::Mailer::Ptr pHostMailer,
                               Poco::Logger& logger)
{
	if (pHostMailer)
		return pHostMailer;
	if (!settings.smtp.host.empty())
		return new Service::SmtpMailer(settings.smtp);
	return new Service::LogMailer(logger);
}


} // namespace


InfrastructureModule::InfrastructureModule(const Config::Configuration& config, Poco::Logger& logger,
                                           Service::Clock::Ptr pClock, Orgs::Mailer::Ptr pHostMailer)
    : _logger(logger), _pClock(pClock ? pClock : Service::Clock::Ptr(new Service::Clock)),
      _secrets(config.settings().secretsKeyFile.empty()
                   ? Service::SecretBox()
                   : Service::SecretBox::fromFile(config.settings().secretsKeyFile)),
      _database(config.settings().database),
      _schemaVersion(Data::Migrator(_database, logger).migrate(config.settings().database.migrate)),
      _outbox(_database, _pClock), _pMailer(chooseMailer(config.settings().mail, pHostMailer, logger)),
      _usage(_database, _pClock, logger),
      _outboxSender(_database, _outbox, _pMailer, _pClock, config.settings().mail, logger)
{
	_usage.start(config.settings().usageFlushSeconds);
	if (config.settings().mail.deliver)
		_outboxSender.start();
}


} // namespace Orgs
