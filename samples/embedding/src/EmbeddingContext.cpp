//
// EmbeddingContext.cpp
//
// Library: Orgs
// Package: EmbeddingSample
// Module:  EmbeddingContext
//


#include "EmbeddingContext.h"
#include "Poco/Path.h"


namespace OrgsEmbedding {


EmbeddingContext::EmbeddingContext(Poco::AutoPtr<Poco::Util::AbstractConfiguration> pConfiguration,
                                   const std::string& baseDirectory)
    : _pluginName("orgs"), _pConfiguration(pConfiguration), _baseDirectory(baseDirectory)
{
}


EmbeddingContext::~EmbeddingContext() {}


const std::string& EmbeddingContext::pluginName() const
{
	return _pluginName;
}


Poco::Util::AbstractConfiguration& EmbeddingContext::configuration()
{
	return *_pConfiguration;
}


std::string EmbeddingContext::resolvePath(const std::string& path) const
{
	Poco::Path resolved(path);
	if (path.empty() || resolved.isAbsolute())
		return path;
	return Poco::Path::forDirectory(_baseDirectory).resolve(resolved).toString();
}


Poco::Logger& EmbeddingContext::logger()
{
	return Poco::Logger::get(_pluginName);
}


void EmbeddingContext::addRoutes(const std::string&, Poco::SharedPtr<Poco::Net::HTTPRequestHandlerFactory> pFactory)
{
	// No HTTP server here: keep the factory only so that it is released at the right time.
	_pRoutes = pFactory;
}


Orgs::ServiceRegistry& EmbeddingContext::services()
{
	return _services;
}


void EmbeddingContext::releaseRoutes()
{
	_pRoutes = nullptr;
}


} // namespace OrgsEmbedding
