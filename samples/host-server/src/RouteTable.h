//
// RouteTable.h
//
// Library: Orgs
// Package: HostServer
// Module:  RouteTable
//
// The path prefixes the plugins have mounted, each with the request handler factory
// that serves it.
//


#ifndef Orgs_RouteTable_INCLUDED
#define Orgs_RouteTable_INCLUDED


#include "Poco/Net/HTTPRequestHandler.h"
#include "Poco/Net/HTTPRequestHandlerFactory.h"
#include "Poco/Net/HTTPServerRequest.h"
#include "Poco/RWLock.h"
#include "Poco/SharedPtr.h"
#include <cstddef>
#include <string>
#include <vector>


namespace OrgsHost {


class RouteTable
	/// Maps path prefixes to the request handler factories of the plugins.
	///
	/// A prefix matches a path equal to it or continuing it after a '/': "/api/v1" matches
	/// "/api/v1" and "/api/v1/orgs" but not "/api/v10". "/" matches every path. Longer
	/// prefixes are tried first; prefixes of the same length in the order they were added.
	/// The first factory that returns a handler wins; a factory returns nullptr for a path
	/// it does not own.
	///
	/// The table holds the only references the host keeps to the plugins' factories: clear()
	/// releases them, and must be called before the plugins are stopped and unloaded.
	/// Routes are added while the plugins start; lookups are thread-safe.
{
public:
	using FactoryPtr = Poco::SharedPtr<Poco::Net::HTTPRequestHandlerFactory>;

	RouteTable();
		/// Creates an empty table.

	~RouteTable();
		/// Destroys the table and releases the factories it still holds.

	void add(const std::string& pathPrefix, FactoryPtr pFactory, const std::string& owner);
		/// Mounts pFactory at pathPrefix on behalf of the plugin named owner.
		/// A trailing '/' of the prefix is ignored.
		///
		/// Throws Poco::InvalidArgumentException if pathPrefix does not start with '/'
		/// or pFactory is null.

	Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest& request,
	                                                    const std::string& path);
		/// Asks the factories whose prefix matches path, in order, for a handler.
		/// Returns the first handler returned, or nullptr if no factory claims the request.

	void clear();
		/// Releases every route and factory.

	std::size_t size() const;
		/// Returns the number of routes.

	static bool matches(const std::string& pathPrefix, const std::string& path);
		/// Returns true if path is pathPrefix or continues it after a '/'.

	RouteTable(const RouteTable&) = delete;
	RouteTable& operator=(const RouteTable&) = delete;

private:
	struct Route
	{
		std::string prefix;
		FactoryPtr pFactory;
		std::string owner;
	};

	std::vector<Route> _routes;
	mutable Poco::RWLock _lock;
};


} // namespace OrgsHost


#endif // Orgs_RouteTable_INCLUDED
