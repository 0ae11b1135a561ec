//
// HttpClient.cpp
//
// Library: OrgsTestSupport
// Package: Support
// Module:  HttpClient
//


#include "support/HttpClient.h"
#include "support/ExchangeLog.h"
#include "Poco/Exception.h"
#include "Poco/JSON/Parser.h"
#include "Poco/Net/HTTPRequest.h"
#include "Poco/Net/HTTPResponse.h"
#include "Poco/Net/NetException.h"
#include "Poco/Net/StreamSocket.h"
#include "Poco/NumberFormatter.h"
#include "Poco/NumberParser.h"
#include "Poco/StreamCopier.h"
#include "Poco/String.h"
#include "Poco/URI.h"
#include <cerrno>
#include <csignal>
#include <initializer_list>
#include <istream>
#include <sstream>
#include <ostream>


namespace Orgs {
namespace Test {


namespace {


Poco::Dynamic::Var parseJson(const HttpClient::Response& response)
{
	try
	{
		Poco::JSON::Parser parser;
		return parser.parse(response.body);
	}
	catch (Poco::Exception& exc)
	{
		throw Poco::DataFormatException("response is not JSON (" + exc.displayText() + ")", response.describe());
	}
}


void ignoreSigpipe()
{
	// Writing to a connection the server closed must fail with EPIPE, not kill the test.
	static const bool ignored = (std::signal(SIGPIPE, SIG_IGN), true);
	(void)ignored;
}


} // namespace


Poco::JSON::Object::Ptr HttpClient::Response::json() const
{
	Poco::Dynamic::Var value = parseJson(*this);
	if (value.type() != typeid(Poco::JSON::Object::Ptr))
		throw Poco::DataFormatException("response is not a JSON object", describe());
	return value.extract<Poco::JSON::Object::Ptr>();
}


Poco::JSON::Array::Ptr HttpClient::Response::jsonArray() const
{
	Poco::Dynamic::Var value = parseJson(*this);
	if (value.type() != typeid(Poco::JSON::Array::Ptr))
		throw Poco::DataFormatException("response is not a JSON array", describe());
	return value.extract<Poco::JSON::Array::Ptr>();
}


std::string HttpClient::Response::header(const std::string& name, const std::string& defaultValue) const
{
	return headers.get(name, defaultValue);
}


std::string HttpClient::Response::describe() const
{
	std::string text = Poco::NumberFormatter::format(status) + " " + reason + ": ";
	if (body.size() > 2000)
		text += body.substr(0, 2000) + "...";
	else
		text += body;
	return text;
}


HttpClient::HttpClient(const std::string& host, Poco::UInt16 port) : _host(host), _port(port), _session(host, port)
{
	ignoreSigpipe();
	_session.setKeepAlive(true);
	setTimeout(Poco::Timespan(30, 0));
}


HttpClient::HttpClient(const std::string& baseUrl)
    : _host(Poco::URI(baseUrl).getHost()), _port(Poco::URI(baseUrl).getPort()), _session(_host, _port)
{
	ignoreSigpipe();
	_session.setKeepAlive(true);
	setTimeout(Poco::Timespan(30, 0));
}


HttpClient::~HttpClient()
{
	try
	{
		_session.reset();
	}
	catch (...)
	{
	}
}


void HttpClient::setDefaultHeader(const std::string& name, const std::string& value)
{
	for (auto& header : _defaultHeaders)
	{
		if (Poco::icompare(header.first, name) == 0)
		{
			header.second = value;
			return;
		}
	}
	_defaultHeaders.emplace_back(name, value);
}


void HttpClient::clearDefaultHeaders()
{
	_defaultHeaders.clear();
}


void HttpClient::setTimeout(const Poco::Timespan& timeout)
{
	_session.setTimeout(timeout, timeout, timeout);
}


void HttpClient::reset()
{
	_session.reset();
}


HttpClient::Response HttpClient::request(const std::string& method, const std::string& path, const std::string& body,
                                         const Headers& headers)
{
	Response response = resend(method, path, body, headers);
	std::string requestContentType;
	for (const Headers* list : std::initializer_list<const Headers*>{&_defaultHeaders, &headers})
	{
		for (const auto& header : *list)
		{
			if (Poco::icompare(header.first, "Content-Type") == 0)
				requestContentType = header.second;
		}
	}
	ExchangeLog::record(method, path, requestContentType, response.status, response.contentType, response.body);
	return response;
}


HttpClient::Response HttpClient::resend(const std::string& method, const std::string& path, const std::string& body,
                                        const Headers& headers)
{
	const bool reused = _session.connected();
	try
	{
		return send(method, path, body, headers);
	}
	catch (Poco::Net::NoMessageException&)
	{
		if (!reused)
			throw;
	}
	catch (Poco::Net::ConnectionResetException&)
	{
		if (!reused)
			throw;
	}
	catch (Poco::Net::ConnectionAbortedException&)
	{
		if (!reused)
			throw;
	}
	// The server closed the idle keep-alive connection: try once more on a new one.
	_session.reset();
	return send(method, path, body, headers);
}


HttpClient::Response HttpClient::send(const std::string& method, const std::string& path, const std::string& body,
                                      const Headers& headers)
{
	Poco::Net::HTTPRequest req(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
	req.setKeepAlive(true);
	bool contentLengthGiven = false;
	for (const Headers* list : std::initializer_list<const Headers*>{&_defaultHeaders, &headers})
	{
		for (const auto& header : *list)
		{
			if (Poco::icompare(header.first, "Content-Length") == 0)
				contentLengthGiven = true;
			if (Poco::icompare(header.first, "Transfer-Encoding") == 0 && Poco::icompare(header.second, "chunked") == 0)
			{
				req.setChunkedTransferEncoding(true);
				continue;
			}
			req.set(header.first, header.second);
		}
	}
	if (!contentLengthGiven && !req.getChunkedTransferEncoding() &&
	    (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH"))
	{
		req.setContentLength(static_cast<std::streamsize>(body.size()));
	}

	bool sendFailed = false;
	try
	{
		std::ostream& out = _session.sendRequest(req);
		out.write(body.data(), static_cast<std::streamsize>(body.size()));
		out.flush();
		sendFailed = out.bad() || _session.networkException();
	}
	catch (Poco::Exception& exc)
	{
		if (exc.code() != EPIPE && exc.code() != ECONNRESET &&
		    !dynamic_cast<Poco::Net::ConnectionResetException*>(&exc))
			throw;
		sendFailed = true;
	}
	if (sendFailed)
	{
		// The server answered (413, 400, ...) and closed before it had read the whole body.
		// HTTPClientSession would only rethrow the write error: read the answer from the socket.
		return readAfterFailedSend();
	}

	Response response;
	Poco::Net::HTTPResponse res;
	std::istream& in = _session.receiveResponse(res);
	Poco::StreamCopier::copyToString(in, response.body);
	response.status = static_cast<int>(res.getStatus());
	response.reason = res.getReason();
	response.contentType =
	    res.getContentType() == Poco::Net::HTTPMessage::UNKNOWN_CONTENT_TYPE ? std::string() : res.getContentType();
	response.headers = res;
	if (!res.getKeepAlive())
		_session.reset();
	return response;
}


HttpClient::Response HttpClient::readAfterFailedSend()
{
	std::string raw;
	std::string::size_type headerEnd = std::string::npos;
	std::streamsize contentLength = -1;
	char buffer[8192];
	try
	{
		Poco::Net::StreamSocket& socket = _session.socket();
		while (true)
		{
			if (headerEnd != std::string::npos && contentLength >= 0 &&
			    static_cast<std::streamsize>(raw.size() - headerEnd) >= contentLength)
				break;
			int n = socket.receiveBytes(buffer, sizeof(buffer));
			if (n <= 0)
				break;
			raw.append(buffer, static_cast<std::string::size_type>(n));
			if (headerEnd == std::string::npos && (headerEnd = raw.find("\r\n\r\n")) != std::string::npos)
			{
				headerEnd += 4;
				std::istringstream head(raw.substr(0, headerEnd));
				Poco::Net::HTTPResponse res;
				res.read(head);
				contentLength = res.getContentLength();
			}
		}
	}
	catch (Poco::Exception&)
	{
	}
	_session.reset();
	if (headerEnd == std::string::npos)
	{
		throw Poco::Net::ConnectionResetException(
		    "the server closed the connection while the request was being sent, without an answer");
	}
	std::istringstream in(raw);
	Poco::Net::HTTPResponse res;
	res.read(in);
	Response response;
	response.status = static_cast<int>(res.getStatus());
	response.reason = res.getReason();
	response.contentType =
	    res.getContentType() == Poco::Net::HTTPMessage::UNKNOWN_CONTENT_TYPE ? std::string() : res.getContentType();
	response.headers = res;
	response.body = raw.substr(headerEnd);
	if (contentLength >= 0 && static_cast<std::streamsize>(response.body.size()) > contentLength)
		response.body.resize(static_cast<std::string::size_type>(contentLength));
	return response;
}


HttpClient::Response HttpClient::jsonRequest(const std::string& method, const std::string& path,
                                             const std::string& body, const std::string& token)
{
	Headers headers;
	headers.emplace_back("Accept", "application/json");
	if (!body.empty())
		headers.emplace_back("Content-Type", "application/json");
	if (!token.empty())
		headers.emplace_back("Authorization", "Bearer " + token);
	return request(method, path, body, headers);
}


HttpClient::Response HttpClient::get(const std::string& path, const std::string& body, const std::string& token)
{
	return jsonRequest(Poco::Net::HTTPRequest::HTTP_GET, path, body, token);
}


HttpClient::Response HttpClient::post(const std::string& path, const std::string& body, const std::string& token)
{
	return jsonRequest(Poco::Net::HTTPRequest::HTTP_POST, path, body, token);
}


HttpClient::Response HttpClient::patch(const std::string& path, const std::string& body, const std::string& token)
{
	return jsonRequest(Poco::Net::HTTPRequest::HTTP_PATCH, path, body, token);
}


HttpClient::Response HttpClient::put(const std::string& path, const std::string& body, const std::string& token)
{
	return jsonRequest(Poco::Net::HTTPRequest::HTTP_PUT, path, body, token);
}


HttpClient::Response HttpClient::del(const std::string& path, const std::string& body, const std::string& token)
{
	return jsonRequest(Poco::Net::HTTPRequest::HTTP_DELETE, path, body, token);
}


} // namespace Test
} // namespace Orgs
