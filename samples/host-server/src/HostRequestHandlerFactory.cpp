//
// HostRequestHandlerFactory.cpp
//
// Library: Orgs
// Package: HostServer
// Module:  HostRequestHandlerFactory
//


#include "HostRequestHandlerFactory.h"
#include "NotFoundRequestHandler.h"
#include "Poco/Net/HTTPServerRequest.h"


namespace OrgsHost {


HostRequestHandlerFactory::HostRequestHandlerFactory(RouteTable& routes) : _routes(routes) {}


HostRequestHandlerFactory::~HostRequestHandlerFactory() {}


Poco::Net::HTTPRequestHandler*
HostRequestHandlerFactory::createRequestHandler(const Poco::Net::HTTPServerRequest& request)
{
	const std::string path = requestPath(request.getURI());
	Poco::Net::HTTPRequestHandler* pHandler = _routes.createRequestHandler(request, path);
	if (pHandler)
		return pHandler;
	return new NotFoundRequestHandler(request.getMethod(), path);
}


std::string HostRequestHandlerFactory::requestPath(const std::string& uri)
{
	std::string path = uri.substr(0, uri.find_first_of("?#"));
	if (!path.empty() && path[0] != '/')
	{
		// Absolute form: scheme "://" authority path.
		const std::string::size_type schemeEnd = path.find("://");
		if (schemeEnd != std::string::npos)
		{
			const std::string::size_type pathStart = path.find('/', schemeEnd + 3);
			path = pathStart == std::string::npos ? std::string("/") : path.substr(pathStart);
		}
	}
	return path;
}


} // namespace OrgsHost
