//
// EmbeddingContext.h
//
// Library: Orgs
// Package: EmbeddingSample
// Module:  EmbeddingContext
//
// The smallest Orgs::PluginContext a host can give the plugin.
//


#ifndef Orgs_EmbeddingContext_INCLUDED
#define Orgs_EmbeddingContext_INCLUDED


#include "Orgs/ServerPlugin.h"
#include "Orgs/ServiceRegistry.h"
#include "Poco/AutoPtr.h"
#include "Poco/Logger.h"
#include "Poco/Util/AbstractConfiguration.h"
#include <string>


namespace OrgsEmbedding {


class EmbeddingContext : public Orgs::PluginContext
	/// What the plugin sees of this host while it starts: a configuration, a logger, a place
	/// to mount routes and the service registry.
	///
	/// This host serves no HTTP: addRoutes() only keeps the plugin's factory, which the host
	/// must release (releaseRoutes()) before it stops the plugin. A host with a Poco
	/// HTTPServer would chain the factory into its own (see samples/host-server).
{
public:
	EmbeddingContext(Poco::AutoPtr<Poco::Util::AbstractConfiguration> pConfiguration, const std::string& baseDirectory);
		/// Creates the context. Relative paths in the plugin's configuration (orgs.roles.file,
		/// a SQLite file) are resolved against baseDirectory, the folder of orgs.properties.

	~EmbeddingContext() override;

	const std::string& pluginName() const override;
	Poco::Util::AbstractConfiguration& configuration() override;
	std::string resolvePath(const std::string& path) const override;
	Poco::Logger& logger() override;
	void addRoutes(const std::string& pathPrefix,
	               Poco::SharedPtr<Poco::Net::HTTPRequestHandlerFactory> pFactory) override;
	Orgs::ServiceRegistry& services() override;

	void releaseRoutes();
		/// Drops the plugin's request handler factory: call it before ServerPlugin::stop().

private:
	std::string _pluginName;
	Poco::AutoPtr<Poco::Util::AbstractConfiguration> _pConfiguration;
	std::string _baseDirectory;
	Poco::SharedPtr<Poco::Net::HTTPRequestHandlerFactory> _pRoutes;
	Orgs::ServiceRegistry _services;
};


} // namespace OrgsEmbedding


#endif // Orgs_EmbeddingContext_INCLUDED
