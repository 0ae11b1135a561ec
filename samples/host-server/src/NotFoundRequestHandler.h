//
// NotFoundRequestHandler.h
//
// Library: Orgs
// Package: HostServer
// Module:  NotFoundRequestHandler
//
// Answers requests that no plugin claims.
//


#ifndef Orgs_NotFoundRequestHandler_INCLUDED
#define Orgs_NotFoundRequestHandler_INCLUDED


#include "Poco/Net/HTTPRequestHandler.h"
#include "Poco/Net/HTTPServerRequest.h"
#include "Poco/Net/HTTPServerResponse.h"
#include <ios>
#include <string>


namespace OrgsHost {


class NotFoundRequestHandler : public Poco::Net::HTTPRequestHandler
	/// Answers 404 with a problem document (ProblemResponse):
	///
	///     {"type":"about:blank","title":"Not Found","status":404,"code":"not_found",
	///      "detail":"No route for GET /x"}
	///
	/// Without it, a factory returning nullptr would make Poco answer 501 Not Implemented.
{
public:
	NotFoundRequestHandler(const std::string& method, const std::string& path);
		/// Creates the handler for a request with the given method and path.

	~NotFoundRequestHandler() override;
		/// Destroys the handler.

	void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override;
		/// Discards the request body and sends the 404 problem document.

private:
	static constexpr std::streamsize MAX_DISCARDED_BODY = 64 * 1024;
		/// A larger request body is not read: the connection is closed instead.

	std::string _method;
	std::string _path;
};


} // namespace OrgsHost


#endif // Orgs_NotFoundRequestHandler_INCLUDED
