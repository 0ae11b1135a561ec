//
// HostPluginContext.cpp
//
// Library: Orgs
// Package: HostServer
// Module:  HostPluginContext
//


#include "HostPluginContext.h"
#include "Poco/Path.h"


namespace OrgsHost {


HostPluginContext::HostPluginContext(const std::string& pluginName, Poco::Util::AbstractConfiguration& configuration,
                                     const std::string& baseDirectory, RouteTable& routes,
                                     Orgs::ServiceRegistry& services)
    : _pluginName(pluginName), _configuration(configuration), _baseDirectory(baseDirectory), _routes(routes),
      _services(services), _logger(Poco::Logger::get(pluginName))
{
}


HostPluginContext::~HostPluginContext() {}


const std::string& HostPluginContext::pluginName() const
{
	return _pluginName;
}


Poco::Util::AbstractConfiguration& HostPluginContext::configuration()
{
	return _configuration;
}


std::string HostPluginContext::resolvePath(const std::string& path) const
{
	Poco::Path resolved(path);
	if (path.empty() || resolved.isAbsolute())
		return path;
	return Poco::Path::forDirectory(_baseDirectory).resolve(resolved).toString();
}


Poco::Logger& HostPluginContext::logger()
{
	return _logger;
}


void HostPluginContext::addRoutes(const std::string& pathPrefix,
                                  Poco::SharedPtr<Poco::Net::HTTPRequestHandlerFactory> pFactory)
{
	_routes.add(pathPrefix, pFactory, _pluginName);
	_logger.debug("Mounted routes at %s", pathPrefix);
}


Orgs::ServiceRegistry& HostPluginContext::services()
{
	return _services;
}


const std::string& HostPluginContext::baseDirectory() const
{
	return _baseDirectory;
}


} // namespace OrgsHost
