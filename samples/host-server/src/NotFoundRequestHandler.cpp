//
// NotFoundRequestHandler.cpp
//
// Library: Orgs
// Package: HostServer
// Module:  NotFoundRequestHandler
//


#include "NotFoundRequestHandler.h"
#include "Poco/Net/HTTPResponse.h"
#include <cstdio>
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

	const std::string document = problemDocument(_method, _path);
	response.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_NOT_FOUND);
	response.setContentType("application/problem+json");
	response.sendBuffer(document.data(), document.size());
}


std::string NotFoundRequestHandler::problemDocument(const std::string& method, const std::string& path)
{
	std::string document(
	    "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,\"code\":\"not_found\",\"detail\":");
	document += jsonString("No route for " + method + " " + path);
	document += '}';
	return document;
}


std::string NotFoundRequestHandler::jsonString(const std::string& value)
{
	std::string result("\"");
	for (char c : value)
	{
		switch (c)
		{
		case '"':
			result += "\\\"";
			break;
		case '\\':
			result += "\\\\";
			break;
		case '\n':
			result += "\\n";
			break;
		case '\r':
			result += "\\r";
			break;
		case '\t':
			result += "\\t";
			break;
		default:
			if (static_cast<unsigned char>(c) < 0x20)
			{
				char escaped[8];
				std::snprintf(escaped, sizeof(escaped), "\\u%04x",
				              static_cast<unsigned>(static_cast<unsigned char>(c)));
				result += escaped;
			}
			else
			{
				result += c;
			}
		}
	}
	result += '"';
	return result;
}


} // namespace OrgsHost
