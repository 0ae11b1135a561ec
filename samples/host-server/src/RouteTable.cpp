//
// RouteTable.cpp
//
// Library: Orgs
// Package: HostServer
// Module:  RouteTable
//


#include "RouteTable.h"
#include "Poco/Exception.h"


namespace OrgsHost {


RouteTable::RouteTable() {}


RouteTable::~RouteTable() {}


void RouteTable::add(const std::string& pathPrefix, FactoryPtr pFactory, const std::string& owner)
{
	if (pathPrefix.empty() || pathPrefix[0] != '/')
		throw Poco::InvalidArgumentException("A route prefix must start with '/'", pathPrefix);
	if (!pFactory)
		throw Poco::InvalidArgumentException("No request handler factory for route", pathPrefix);

	std::string prefix(pathPrefix);
	while (prefix.size() > 1 && prefix.back() == '/')
		prefix.pop_back();

	Poco::ScopedWriteRWLock lock(_lock);
	// Keep the table ordered by decreasing prefix length, stable for equal lengths.
	auto it = _routes.begin();
	while (it != _routes.end() && it->prefix.size() >= prefix.size())
		++it;
	_routes.insert(it, Route{prefix, pFactory, owner});
}


Poco::Net::HTTPRequestHandler* RouteTable::createRequestHandler(const Poco::Net::HTTPServerRequest& request,
                                                                const std::string& path)
{
	Poco::ScopedReadRWLock lock(_lock);
	for (auto& route : _routes)
	{
		if (matches(route.prefix, path))
		{
			Poco::Net::HTTPRequestHandler* pHandler = route.pFactory->createRequestHandler(request);
			if (pHandler)
				return pHandler;
		}
	}
	return nullptr;
}


void RouteTable::clear()
{
	// Release the factories outside the lock: their destructors run plugin code.
	std::vector<Route> routes;
	{
		Poco::ScopedWriteRWLock lock(_lock);
		routes.swap(_routes);
	}
}


std::size_t RouteTable::size() const
{
	Poco::ScopedReadRWLock lock(_lock);
	return _routes.size();
}


bool RouteTable::matches(const std::string& pathPrefix, const std::string& path)
{
	if (pathPrefix == "/")
		return !path.empty() && path[0] == '/';
	if (path.compare(0, pathPrefix.size(), pathPrefix) != 0)
		return false;
	return path.size() == pathPrefix.size() || path[pathPrefix.size()] == '/';
}


} // namespace OrgsHost
