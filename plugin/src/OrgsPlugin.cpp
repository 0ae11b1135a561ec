//
// OrgsPlugin.cpp
//
// Library: OrgsPlugin
// Package: Plugin
// Module:  OrgsPlugin
//
// The ClassLoader manifest and the plugin object a host creates.
//


#include "Runtime.h"
#include "data/Database.h"
#include "http/Api.h"
#include "runtime/PublishedServices.h"
#include "Orgs/Mailer.h"
#include "Orgs/ServerPlugin.h"
#include "Poco/ClassLibrary.h"
#include "Poco/ThreadPool.h"
#include "Poco/Timer.h"
#include <memory>


namespace Orgs {


class OrgsPlugin : public Orgs::ServerPlugin
	/// Starts the Orgs runtime inside a host: publishes the services PublishedServices lists
	/// in the host's registry and mounts the API under orgs.http.basePath (default /api/v1). A host that authenticates its users itself
	/// publishes an Orgs::Authenticator before start(); one that delivers mail itself publishes
	/// an Orgs::Mailer. Every orgs.organizations.purgeIntervalSeconds a timer purges the
	/// organizations deleted longer ago than their retention period.
{
public:
	void start(Orgs::PluginContext& context) override
	{
		Poco::Logger& logger = context.logger();
		Orgs::ServiceRegistry& services = context.services();
		_pRuntime.reset(new Runtime(
		    context.configuration(), [&context](const std::string& p) { return context.resolvePath(p); }, logger,
		    services.find<Orgs::Authenticator>(), nullptr, services.find<Orgs::Mailer>()));
		_pServices = &services;
		PublishedServices::publish(services, *_pRuntime);
		context.addRoutes(_pRuntime->settings().basePath, _pRuntime->api().createFactory());
		logger.information("Orgs %s started: %s database at schema version %d, API under %s",
		                   std::string(ORGS_VERSION_STRING), _pRuntime->database().connector(),
		                   _pRuntime->schemaVersion(), _pRuntime->settings().basePath);
		const long purgeMs = 1000L * _pRuntime->settings().purgeIntervalSeconds;
		if (purgeMs > 0)
		{
			_pLogger = &logger;
			// A thread of the plugin's own, ended in stop(): a thread of Poco's default pool
			// would outlive the library it ran, with the thread-local state the database
			// client library left on it (LeakSanitizer trips over it at the host's exit).
			_pPurgeThreads.reset(new Poco::ThreadPool("orgs-purge", 1, 1));
			_pPurgeTimer.reset(new Poco::Timer(purgeMs, purgeMs));
			_pPurgeTimer->start(Poco::TimerCallback<OrgsPlugin>(*this, &OrgsPlugin::onPurge), *_pPurgeThreads);
		}
	}

	void onPurge(Poco::Timer&)
	{
		try
		{
			const int purged = _pRuntime->purgeDeletedOrganizations();
			if (purged > 0)
				_pLogger->information("Orgs purged %d deleted organization(s)", purged);
		}
		catch (Poco::Exception& exc)
		{
			_pLogger->warning("Orgs could not purge deleted organizations: %s", exc.displayText());
		}
		catch (std::exception& exc)
		{
			_pLogger->warning("Orgs could not purge deleted organizations: %s", std::string(exc.what()));
		}
	}

	void stop() override
	{
		if (_pPurgeTimer)
			_pPurgeTimer->stop(); // waits for a purge in progress
		_pPurgeTimer.reset();
		_pPurgeThreads.reset(); // ends its thread
		if (_pServices)
		{
			PublishedServices::withdraw(*_pServices);
			_pServices = nullptr;
		}
		_pRuntime.reset();
	}

private:
	std::unique_ptr<Runtime> _pRuntime;
	Orgs::ServiceRegistry* _pServices = nullptr;
	std::unique_ptr<Poco::ThreadPool> _pPurgeThreads;
	std::unique_ptr<Poco::Timer> _pPurgeTimer;
	Poco::Logger* _pLogger = nullptr;
};


} // namespace Orgs


using Orgs::OrgsPlugin;


POCO_BEGIN_MANIFEST(Orgs::ServerPlugin)
POCO_EXPORT_CLASS(OrgsPlugin)
POCO_END_MANIFEST
