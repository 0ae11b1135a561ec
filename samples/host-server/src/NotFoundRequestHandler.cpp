//
// NotFoundRequestHandler.cpp
//
// Library: Orgs
// Package: HostServer
// Module:  NotFoundRequestHandler
//


#include "NotFoundRequestHandler.h"
#include "ProblemResponse.h"
#include "Poco/Net/HTTPResponse.h"
#include <istream>


namespace OrgsHost {


NotFoundRequestHandler::NotFoundRequestHandler(const std::string& method, const std::string& path)
    : _method(method), _path(path)
{
}


NotFoundRequestHandler::~NotFoundRequestHandler() {}


void NotFoundRequestHandler::handleRequest(Poco::Net::HTTPServerRequest& request,
                                           Poco::Net::HTTPServerResponse& response)
{
	// Read the request body, so that the connection can serve the next request. A large
	// body is not worth reading: close the connection instead. A request with neither a
	// Content-Length nor chunked encoding has no body (reading it would wait for EOF).
	if (request.getChunkedTransferEncoding() || request.hasContentLength())
	{
		if (request.hasContentLength() && request.getContentLength64() > MAX_DISCARDED_BODY)
		{
			response.setKeepAlive(false);
		}
		else
		{
			std::istream& body = request.stream();
			char buffer[4096];
			std::streamsize discarded = 0;
			while (body.good() && discarded <= MAX_DISCARDED_BODY)
			{
				body.read(buffer, sizeof(buffer));
				discarded += body.gcount();
			}
			if (!body.eof())
				response.setKeepAlive(false);
		}
	}

	ProblemResponse::send(response, Poco::Net::HTTPResponse::HTTP_NOT_FOUND, "not_found",
	                      "No route for " + _method + " " + _path);
}


} // namespace OrgsHost
