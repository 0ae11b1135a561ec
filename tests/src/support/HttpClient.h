//
// HttpClient.h
//
// Library: OrgsTestSupport
// Package: Support
// Module:  HttpClient
//
// A small blocking HTTP client for the end-to-end tests.
//


#ifndef Orgs_HttpClient_INCLUDED
#define Orgs_HttpClient_INCLUDED


#include "Poco/JSON/Array.h"
#include "Poco/JSON/Object.h"
#include "Poco/Net/HTTPClientSession.h"
#include "Poco/Net/NameValueCollection.h"
#include "Poco/Timespan.h"
#include "Poco/Types.h"
#include <string>
#include <utility>
#include <vector>


namespace Orgs {
namespace Test {


class HttpClient
	/// Sends requests over one keep-alive connection and returns whole responses.
	///
	/// request() sends the body and headers exactly as given, so tests can send malformed JSON,
	/// wrong content types or oversized bodies. The helpers get(), post(), patch(), put() and del()
	/// add "Content-Type: application/json" when the body is not empty and
	/// "Authorization: Bearer <token>" when the token is not empty.
	///
	/// A request that fails because the server closed an idle keep-alive connection is sent
	/// once more on a new connection.
	///
	/// Every exchange is recorded by ExchangeLog (when ORGS_TEST_EXCHANGES_DIR is set).
{
public:
	using Headers = std::vector<std::pair<std::string, std::string>>;

	struct Response
		/// A complete HTTP response.
	{
		int status = 0;
		std::string reason;
		std::string contentType;
		std::string body;
		Poco::Net::NameValueCollection headers;

		Poco::JSON::Object::Ptr json() const;
			/// Parses the body as a JSON object. Throws Poco::DataFormatException (with the status
			/// and body in the message) if it is not one.

		Poco::JSON::Array::Ptr jsonArray() const;
			/// Parses the body as a JSON array. Throws Poco::DataFormatException if it is not one.

		std::string header(const std::string& name, const std::string& defaultValue = std::string()) const;
			/// Returns the first header with the given name (case-insensitive), or defaultValue.

		std::string describe() const;
			/// Returns "<status> <reason>: <body>" for assertion messages.
	};

	HttpClient(const std::string& host, Poco::UInt16 port);
		/// Creates a client for http://host:port. No connection is made yet.

	explicit HttpClient(const std::string& baseUrl);
		/// Creates a client for a base URL "http://host:port" (any path is ignored).

	~HttpClient();

	Response request(const std::string& method, const std::string& path, const std::string& body = std::string(),
	                 const Headers& headers = Headers());
		/// Sends one request with exactly these headers (plus the default headers) and body. A
		/// Content-Length header in headers replaces the computed one, and "Transfer-Encoding:
		/// chunked" sends the body chunked.
		///
		/// Throws Poco::Net::NetException or Poco::TimeoutException if no response arrives.

	Response get(const std::string& path, const std::string& body = std::string(),
	             const std::string& token = std::string());
	Response post(const std::string& path, const std::string& body = std::string(),
	              const std::string& token = std::string());
	Response patch(const std::string& path, const std::string& body = std::string(),
	               const std::string& token = std::string());
	Response put(const std::string& path, const std::string& body = std::string(),
	             const std::string& token = std::string());
	Response del(const std::string& path, const std::string& body = std::string(),
	             const std::string& token = std::string());
		/// Send a JSON request (see the class description).

	void setDefaultHeader(const std::string& name, const std::string& value);
		/// Adds a header sent with every request (replacing one of the same name).

	void clearDefaultHeaders();
		/// Removes every default header.

	void setTimeout(const Poco::Timespan& timeout);
		/// Sets the connect, send and receive timeout (default 30 s).

	void reset();
		/// Closes the connection; the next request opens a new one.

	const std::string& host() const;
	Poco::UInt16 port() const;

private:
	HttpClient(const HttpClient&) = delete;
	HttpClient& operator=(const HttpClient&) = delete;

	Response jsonRequest(const std::string& method, const std::string& path, const std::string& body,
	                     const std::string& token);
	Response resend(const std::string& method, const std::string& path, const std::string& body,
	                const Headers& headers);
		/// Sends the request, once more on a new connection if the server had closed the idle one.

	Response readAfterFailedSend();
	Response send(const std::string& method, const std::string& path, const std::string& body, const Headers& headers);

	std::string _host;
	Poco::UInt16 _port;
	Poco::Net::HTTPClientSession _session;
	Headers _defaultHeaders;
};


//
// inlines
//
inline const std::string& HttpClient::host() const
{
	return _host;
}


inline Poco::UInt16 HttpClient::port() const
{
	return _port;
}


} // namespace Test
} // namespace Orgs


#endif // Orgs_HttpClient_INCLUDED
