//
// PublishedServices.h
//
// Library: OrgsPlugin
// Package: Runtime
// Module:  PublishedServices
//
// The service interfaces the plugin publishes to its host.
//


#ifndef Orgs_PublishedServices_INCLUDED
#define Orgs_PublishedServices_INCLUDED


#include "Orgs/ServiceRegistry.h"
#include <string>
#include <vector>


namespace Orgs {


class Runtime;


class PublishedServices
	/// The one table of the service interfaces the plugin publishes in the host's
	/// ServiceRegistry, each with the runtime's object behind it. OrgsPlugin::start() publishes
	/// what it lists and OrgsPlugin::stop() withdraws it; PluginTest checks every entry against
	/// a loaded plugin, so a service added here is published, withdrawn and tested at once.
{
public:
	struct Entry
	{
		std::string name; ///< the interface, e.g. "Orgs::AccountService"
		void (*publish)(ServiceRegistry& registry, const Runtime& runtime); ///< adds the runtime's object
		void (*withdraw)(ServiceRegistry& registry);                        ///< removes whatever implements it
		bool (*isPublished)(const ServiceRegistry& registry);               ///< true if something implements it
	};

	static const std::vector<Entry>& entries();
		/// Returns the table, in the order of publication.

	static void publish(ServiceRegistry& registry, const Runtime& runtime);
		/// Publishes every entry's object of runtime.

	static void withdraw(ServiceRegistry& registry);
		/// Withdraws every entry, in reverse order.
};


} // namespace Orgs


#endif // Orgs_PublishedServices_INCLUDED
