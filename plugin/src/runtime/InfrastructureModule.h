//
// InfrastructureModule.h
//
// Library: OrgsPlugin
// Package: Runtime
// Module:  InfrastructureModule
//
// What every layer stands on: clock, database, outbox and mail, the API request counter.
//


#ifndef Orgs_InfrastructureModule_INCLUDED
#define Orgs_InfrastructureModule_INCLUDED


#include "Orgs/Mailer.h"
#include "config/Configuration.h"
#include "data/Database.h"
#include "service/ApiUsage.h"
#include "service/Clock.h"
#include "service/Outbox.h"
#include "service/OutboxSender.h"
#include "service/SecretBox.h"
#include "Poco/Logger.h"


namespace Orgs {


class InfrastructureModule
	/// The first module of the Runtime: the clock every freshness decision reads, the key that
	/// seals stored secrets (orgs.secrets.keyFile), the database
	/// with its schema migrated (orgs.database.*), the outbox of mail with the mailer and the
	/// sender that deliver it (orgs.mail.*), and the API request counter (orgs.usage.*).
	///
	/// Its two threads start last, once everything they use is built: the counter's flush, and
	/// the outbox sender unless orgs.mail.deliver is false. Being built last, the sender stops
	/// first; the counter writes what it counted while the database is still there.
{
public:
	InfrastructureModule(const Config::Configuration& config, Poco::Logger& logger, Service::Clock::Ptr pClock,
	                     Orgs::Mailer::Ptr pHostMailer);
		/// Uses pClock, or the system clock if null. Mail goes through pHostMailer if given, else
		/// SMTP (orgs.mail.smtp.host), else the log. Throws Poco::Data exceptions when the
		/// database cannot be used or its schema is newer than this plugin's.

	Service::Clock::Ptr clock() const;
	const Service::SecretBox& secrets() const;
		/// Returns the box that seals stored secrets, with the key of orgs.secrets.keyFile (none
		/// if unset).
	Poco::Logger& logger() const;
		/// Returns the plugin's logger (the host's), for the modules built on this one.

	Data::Database& database();
	int schemaVersion() const;
		/// Returns the schema version after migration.

	Service::Outbox& outbox();
	Orgs::Mailer::Ptr mailer() const;
	Service::ApiUsage& usage();
	Service::OutboxSender& outboxSender();

private:
	InfrastructureModule(const InfrastructureModule&) = delete;
	InfrastructureModule& operator=(const InfrastructureModule&) = delete;

	Poco::Logger& _logger;
	Service::Clock::Ptr _pClock;
	const Service::SecretBox _secrets; ///< read before the database is touched: a bad key stops the start
	Data::Database _database;
	int _schemaVersion;
	Service::Outbox _outbox;
	Orgs::Mailer::Ptr _pMailer;
	Service::ApiUsage _usage;
	Service::OutboxSender _outboxSender;
};


//
// inlines
//
inline Service::Clock::Ptr InfrastructureModule::clock() const
{
	return _pClock;
}


inline const Service::SecretBox& InfrastructureModule::secrets() const
{
	return _secrets;
}


inline Poco::Logger& InfrastructureModule::logger() const
{
	return _logger;
}


inline Data::Database& InfrastructureModule::database()
{
	return _database;
}


inline int InfrastructureModule::schemaVersion() const
{
	return _schemaVersion;
}


inline Service::Outbox& InfrastructureModule::outbox()
{
	return _outbox;
}


inline Orgs::Mailer::Ptr InfrastructureModule::mailer() const
{
	return _pMailer;
}


inline Service::ApiUsage& InfrastructureModule::usage()
{
	return _usage;
}


inline Service::OutboxSender& InfrastructureModule::outboxSender()
{
	return _outboxSender;
}


} // namespace Orgs


#endif // Orgs_InfrastructureModule_INCLUDED
