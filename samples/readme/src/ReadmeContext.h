//
// ReadmeContext.h
//
// Library: Orgs
// Package: ReadmeSample
// Module:  ReadmeContext
//
// The Orgs::PluginContext the README's host example is run with.
//


#ifndef Orgs_ReadmeContext_INCLUDED
#define Orgs_ReadmeContext_INCLUDED


#include "Orgs/ServerPlugin.h"
#include "Orgs/ServiceRegistry.h"
#include "Poco/AutoPtr.h"
#include "Poco/Logger.h"
#include "Poco/Util/AbstractConfiguration.h"
#include <string>


namespace OrgsReadme {


class ReadmeContext : public Orgs::PluginContext
	/// A host without an HTTP server: addRoutes() releases the plugin's factory at once, which
	/// is what the example's "release the plugin's request handler factories" asks of a host
	/// before stop(). Relative paths resolve against baseDirectory.
{
public:
	ReadmeContext(Poco::AutoPtr<Poco::Util::AbstractConfiguration> pConfiguration, const std::string& baseDirectory);
	~ReadmeContext() override;

	const std::string& pluginName() const override;
	Poco::Util::AbstractConfiguration& configuration() override;
	std::string resolvePath(const std::string& path) const override;
	Poco::Logger& logger() override;
	void addRoutes(const std::string& pathPrefix,
	               Poco::SharedPtr<Poco::Net::HTTPRequestHandlerFactory> pFactory) override;
	Orgs::ServiceRegistry& services() override;

private:
	std::string _pluginName;
	Poco::AutoPtr<Poco::Util::AbstractConfiguration> _pConfiguration;
	std::string _baseDirectory;
	Orgs::ServiceRegistry _services;
};


} // namespace OrgsReadme


#endif // Orgs_ReadmeContext_INCLUDED
