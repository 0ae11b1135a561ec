//
// ReadmeContext.cpp
//
// Library: Orgs
// Package: ReadmeSample
// Module:  ReadmeContext
//


#include "ReadmeContext.h"
#include "Poco/Path.h"


namespace OrgsReadme {


ReadmeContext::ReadmeContext(Poco::AutoPtr<Poco::Util::AbstractConfiguration> pConfiguration,
                             const std::string& baseDirectory)
    : _pluginName("orgs"), _pConfiguration(pConfiguration), _baseDirectory(baseDirectory)
{
}


ReadmeContext::~ReadmeContext() {}


const std::string& ReadmeContext::pluginName() const
{
	return _pluginName;
}


Poco::Util::AbstractConfiguration& ReadmeContext::configuration()
{
	return *_pConfiguration;
}


std::string ReadmeContext::resolvePath(const std::string& path) const
{
	Poco::Path resolved(path);
	if (path.empty() || resolved.isAbsolute())
		return path;
	return Poco::Path::forDirectory(_baseDirectory).resolve(resolved).toString();
}


Poco::Logger& ReadmeContext::logger()
{
	return Poco::Logger::get(_pluginName);
}


void ReadmeContext::addRoutes(const std::string&, Poco::SharedPtr<Poco::Net::HTTPRequestHandlerFactory>)
{
	// No HTTP server: the factory is released here, long before stop().
}


Orgs::ServiceRegistry& ReadmeContext::services()
{
	return _services;
}


} // namespace OrgsReadme
