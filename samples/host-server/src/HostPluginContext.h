//
// HostPluginContext.h
//
// Library: Orgs
// Package: HostServer
// Module:  HostPluginContext
//
// The host's implementation of Orgs::PluginContext: what one plugin sees of the host.
//


#ifndef Orgs_HostPluginContext_INCLUDED
#define Orgs_HostPluginContext_INCLUDED


#include "RouteTable.h"
#include "Orgs/ServerPlugin.h"
#include "Orgs/ServiceRegistry.h"
#include "Poco/Logger.h"
#include "Poco/Util/AbstractConfiguration.h"
#include <string>


namespace OrgsHost {


class HostPluginContext : public Orgs::PluginContext
	/// Gives one plugin the host's configuration, a logger named after the plugin,
	/// the host's RouteTable and the shared ServiceRegistry.
	///
	/// The PluginManager creates one context per plugin and keeps it until the plugin
	/// is destroyed.
{
public:
	HostPluginContext(const std::string& pluginName, Poco::Util::AbstractConfiguration& configuration,
	                  const std::string& baseDirectory, RouteTable& routes, Orgs::ServiceRegistry& services);
		/// Creates the context of the plugin named pluginName. Relative paths given to
		/// resolvePath() are resolved against baseDirectory (an absolute path), the folder of
		/// the plugin's configuration file or, if it has none, of the host's.

	~HostPluginContext() override;
		/// Destroys the context.

	const std::string& pluginName() const override;
	Poco::Util::AbstractConfiguration& configuration() override;
	std::string resolvePath(const std::string& path) const override;
	Poco::Logger& logger() override;
	void addRoutes(const std::string& pathPrefix,
	               Poco::SharedPtr<Poco::Net::HTTPRequestHandlerFactory> pFactory) override;
	Orgs::ServiceRegistry& services() override;

	const std::string& baseDirectory() const;
		/// Returns the folder relative paths are resolved against.

private:
	std::string _pluginName;
	Poco::Util::AbstractConfiguration& _configuration;
	std::string _baseDirectory;
	RouteTable& _routes;
	Orgs::ServiceRegistry& _services;
	Poco::Logger& _logger;
};


} // namespace OrgsHost


#endif // Orgs_HostPluginContext_INCLUDED
