//
// ServerPlugin.h
//
// Library: Orgs
// Package: Plugin
// Module:  ServerPlugin
//
// The contract between a host server and the plugins it loads with
// Poco::ClassLoader<Orgs::ServerPlugin>. Both classes are header-only so that the
// host and the plugin compile the same definitions (ClassLoader compares typeid names).
//


#ifndef Orgs_ServerPlugin_INCLUDED
#define Orgs_ServerPlugin_INCLUDED


#include "Orgs/Orgs.h"
#include "Orgs/ServiceRegistry.h"
#include "Poco/Logger.h"
#include "Poco/Net/HTTPRequestHandlerFactory.h"
#include "Poco/SharedPtr.h"
#include "Poco/Util/AbstractConfiguration.h"
#include <string>


namespace Orgs {


class PluginContext
	/// What the host gives a plugin while it starts: configuration, a logger,
	/// route registration and the service registry. Implemented by the host.
{
public:
	virtual ~PluginContext() = default;

	virtual const std::string& pluginName() const = 0;
		/// Returns the name under which the host's configuration lists the plugin
		/// (the NAME of plugins.NAME.library).

	virtual Poco::Util::AbstractConfiguration& configuration() = 0;
		/// Returns the host's configuration: the plugin's own file beneath the host's file,
		/// beneath any --define on the command line.

	virtual std::string resolvePath(const std::string& path) const = 0;
		/// Resolves a path found in the plugin's configuration against the folder of the
		/// plugin's configuration file. Absolute paths are returned as they are.

	virtual Poco::Logger& logger() = 0;
		/// Returns the logger the plugin should write to.

	virtual void addRoutes(const std::string& pathPrefix,
	                       Poco::SharedPtr<Poco::Net::HTTPRequestHandlerFactory> pFactory) = 0;
		/// Mounts a request handler factory for every request whose path starts with pathPrefix.
		/// The factory returns nullptr for a path it does not own; the host then tries the
		/// next factory and finally answers 404 itself. The host releases the factory before
		/// it calls stop().

	virtual ServiceRegistry& services() = 0;
		/// Returns the registry shared by the host and all plugins.
};


class ServerPlugin
	/// Base class of every plugin. A plugin library exports exactly one subclass in its
	/// ClassLoader manifest.
	///
	/// Lifecycle: the host creates the plugin, calls start() once, serves requests, then
	/// stops its HTTP server, releases the plugin's route factories, calls stop(), destroys
	/// the plugin and only then unloads the library.
{
public:
	ServerPlugin() = default;
	virtual ~ServerPlugin() = default;

	virtual void start(PluginContext& context) = 0;
		/// Builds the plugin's services, publishes them in context.services() and mounts its
		/// routes. Throws a Poco::Exception whose displayText() says what is wrong if the
		/// plugin cannot start (bad configuration, database not reachable, ...).

	virtual void stop() = 0;
		/// Withdraws the plugin's services and releases its resources, in reverse order of start().

	ServerPlugin(const ServerPlugin&) = delete;
	ServerPlugin& operator=(const ServerPlugin&) = delete;
};


} // namespace Orgs


#endif // Orgs_ServerPlugin_INCLUDED
