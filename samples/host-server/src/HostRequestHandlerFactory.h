//
// HostRequestHandlerFactory.h
//
// Library: Orgs
// Package: HostServer
// Module:  HostRequestHandlerFactory
//
// The one request handler factory the host gives its HTTPServer.
//


#ifndef Orgs_HostRequestHandlerFactory_INCLUDED
#define Orgs_HostRequestHandlerFactory_INCLUDED


#include "RouteTable.h"
#include "Poco/Net/HTTPRequestHandlerFactory.h"
#include <string>


namespace OrgsHost {


class HostRequestHandlerFactory : public Poco::Net::HTTPRequestHandlerFactory
	/// Chains the factories the plugins mounted in the RouteTable and answers
	/// 404 (NotFoundRequestHandler) when none of them claims the request, so that
	/// the server never answers 501.
	///
	/// The RouteTable must outlive the factory: the host destroys its HTTPServer
	/// (which owns this factory) before it clears the table.
{
public:
	explicit HostRequestHandlerFactory(RouteTable& routes);
		/// Creates the factory serving the routes in routes.

	~HostRequestHandlerFactory() override;
		/// Destroys the factory.

	Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest& request) override;
		/// Returns the handler of the first plugin factory that claims the request,
		/// or a NotFoundRequestHandler.

	static std::string requestPath(const std::string& uri);
		/// Returns the path of a request target: the part before any '?' or '#', and for an
		/// absolute-form target ("http://host/x") the part after the authority.

private:
	RouteTable& _routes;
};


} // namespace OrgsHost


#endif // Orgs_HostRequestHandlerFactory_INCLUDED
