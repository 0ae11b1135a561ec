//
// RequestContext.h
//
// Library: OrgsPlugin
// Package: Http
// Module:  RequestContext
//
// What a route handler gets: the request, its parameters, its body and the caller.
//


#ifndef Orgs_RequestContext_INCLUDED
#define Orgs_RequestContext_INCLUDED


#include "Orgs/Model.h"
#include "Poco/JSON/Object.h"
#include "Poco/Net/HTTPServerRequest.h"
#include "Poco/Net/HTTPServerResponse.h"
#include "Poco/Net/NameValueCollection.h"
#include <map>
#include <string>


namespace Orgs {
namespace Http {


class RequestContext
	/// One request as a handler sees it. Handlers decode with it, call a service, and encode
	/// the answer with send(); errors are thrown and turned into problems by the caller.
{
public:
	RequestContext(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
	               const std::string& basePath, std::map<std::string, std::string> params,
	               Poco::Net::NameValueCollection query, Poco::JSON::Object::Ptr pBody, Id actorId);

	static Poco::Net::NameValueCollection parseQuery(const std::string& uri);
		/// Returns the decoded parameters of the URI's query ('+' is a space). Throws
		/// InvalidInputException ("invalid_encoding") as Router::decode() does.

	const std::string& param(const std::string& name) const;

	bool hasParam(const std::string& name) const;
		/// Returns true if the route has the path parameter.
		/// Returns a path parameter ("org" for /orgs/{org}).

	std::string query(const std::string& name, const std::string& deflt = "") const;
		/// Returns a query parameter.

	PageRequest page(int defaultLimit = 50) const;
		/// Returns limit and cursor from the query. Throws InvalidInputException ("invalid_limit")
		/// for a limit that is not an integer from 1 to 100, written as Validator::parseNumber()
		/// reads numbers.

	Poco::JSON::Object::Ptr body() const;
		/// Returns the JSON body, or null if none was sent.

	const std::string& rawBody() const;
		/// Returns the body as sent, on a route that takes it raw (Router::Body::Raw).

	void setRawBody(std::string text);

	const std::string& basePath() const;
		/// Returns the API's base path ("" or e.g. "/api/v1").

	const Poco::Net::NameValueCollection& queryParameters() const;
		/// Returns every decoded query parameter.

	Id actor() const;
		/// Returns the signed-in account (0 on routes without authentication).

	void send(int status, const Poco::JSON::Object::Ptr& pObject);
		/// Sends a JSON response.

	void sendJson(int status, const std::string& json);
		/// Sends a JSON response already encoded (JsonWriter).

	void sendNoContent();
		/// Sends 204 No Content.

	void setLocation(const std::string& path);
		/// Sets the Location header to path (relative to the API, e.g. "/orgs/acme") under the base path.

	Poco::Net::HTTPServerRequest& request();
	Poco::Net::HTTPServerResponse& response();

private:
	Poco::Net::HTTPServerRequest& _request;
	Poco::Net::HTTPServerResponse& _response;
	const std::string& _basePath;
	std::map<std::string, std::string> _params;
	Poco::Net::NameValueCollection _query;
	Poco::JSON::Object::Ptr _pBody;
	Id _actorId;
	std::string _rawBody;
};


inline bool RequestContext::hasParam(const std::string& name) const
{
	return _params.count(name) != 0;
}


inline const std::string& RequestContext::rawBody() const
{
	return _rawBody;
}


inline void RequestContext::setRawBody(std::string text)
{
	_rawBody = std::move(text);
}


inline const std::string& RequestContext::basePath() const
{
	return _basePath;
}


inline const Poco::Net::NameValueCollection& RequestContext::queryParameters() const
{
	return _query;
}


inline Poco::JSON::Object::Ptr RequestContext::body() const
{
	return _pBody;
}


inline Id RequestContext::actor() const
{
	return _actorId;
}


inline Poco::Net::HTTPServerRequest& RequestContext::request()
{
	return _request;
}


inline Poco::Net::HTTPServerResponse& RequestContext::response()
{
	return _response;
}


} // namespace Http
} // namespace Orgs


#endif // Orgs_RequestContext_INCLUDED
