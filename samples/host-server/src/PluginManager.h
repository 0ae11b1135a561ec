//
// PluginManager.h
//
// Library: Orgs
// Package: HostServer
// Module:  PluginManager
//
// Loads plugin libraries with Poco::ClassLoader and drives the plugins' lifecycle.
//


#ifndef Orgs_PluginManager_INCLUDED
#define Orgs_PluginManager_INCLUDED


#include "HostPluginContext.h"
#include "RouteTable.h"
#include "Orgs/ServerPlugin.h"
#include "Orgs/ServiceRegistry.h"
#include "Poco/ClassLoader.h"
#include "Poco/Logger.h"
#include "Poco/Util/AbstractConfiguration.h"
#include <cstddef>
#include <memory>
#include <string>
#include <vector>


namespace OrgsHost {


class PluginManager
	/// Owns the plugins of the host: the ClassLoader, the plugin objects and their
	/// HostPluginContext objects.
	///
	/// The host calls, in this order:
	///
	///   1. load() for every plugin, in the configured order;
	///   2. startAll(), then starts its HTTP server;
	///   3. after stopping the HTTP server and clearing the RouteTable (which releases
	///      the plugins' request handler factories): stopAll();
	///   4. ServiceRegistry::clear(), which releases the services the plugins published;
	///   5. unloadAll(), which destroys the plugin objects and only then unloads the
	///      libraries. Destroying an object after its library is unloaded would crash.
{
public:
	using Loader = Poco::ClassLoader<Orgs::ServerPlugin>;

	PluginManager(Poco::Util::AbstractConfiguration& configuration, RouteTable& routes, Orgs::ServiceRegistry& services,
	              Poco::Logger& logger);
		/// Creates a manager whose plugins see configuration, mount their routes in
		/// routes and publish their services in services. Progress goes to logger.

	~PluginManager();
		/// Stops and unloads whatever is still loaded. The owner must have released the
		/// plugins' routes and services before.

	void load(const std::string& name, const std::string& libraryPath, const std::string& className,
	          const std::string& baseDirectory);
		/// Loads the library at libraryPath (an absolute path) and creates the plugin named
		/// name from the class className of its manifest, or from the first class of the
		/// manifest if className is empty. Paths the plugin resolves are relative to
		/// baseDirectory.
		///
		/// Throws Poco::LibraryLoadException if the library cannot be loaded or has no
		/// Orgs::ServerPlugin manifest, and Poco::NotFoundException if the class is not in it.

	void startAll();
		/// Calls start() on every loaded plugin, in load order.
		///
		/// Throws a Poco::RuntimeException naming the plugin if one fails to start; the
		/// plugins started before it stay started (the owner shuts down as usual).

	void stopAll();
		/// Calls stop() on every started plugin, in reverse order. Exceptions are logged.

	void unloadAll();
		/// Destroys every plugin object, in reverse order, then unloads its library.

	std::size_t count() const;
		/// Returns the number of loaded plugins.

	PluginManager(const PluginManager&) = delete;
	PluginManager& operator=(const PluginManager&) = delete;

private:
	struct Plugin
	{
		std::string name;
		std::string libraryPath;
		std::string className;
		const Loader::Meta* pMeta = nullptr;
		Orgs::ServerPlugin* pPlugin = nullptr;
		std::unique_ptr<HostPluginContext> pContext;
		bool started = false;
	};

	static std::string manifestClasses(const Loader::Manif& manifest);

	Poco::Util::AbstractConfiguration& _configuration;
	RouteTable& _routes;
	Orgs::ServiceRegistry& _services;
	Poco::Logger& _logger;
	Loader _loader;
	std::vector<std::unique_ptr<Plugin>> _plugins;
};


} // namespace OrgsHost


#endif // Orgs_PluginManager_INCLUDED
