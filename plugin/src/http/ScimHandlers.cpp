//
// ScimHandlers.cpp
//
// Library: OrgsPlugin
// Package: Http
// Module:  ScimHandlers
//


#include "http/ScimHandlers.h"
#include "http/Problem.h"
#include "http/RequestContext.h"
#include "http/RequestId.h"
#include "http/TokenAuthenticator.h"
#include "scim/ErrorDocument.h"
#include "service/Validator.h"
#include "Orgs/Errors.h"
#include "Poco/JSON/Stringifier.h"
#include "Poco/Net/MediaType.h"
#include "Poco/String.h"
#include <sstream>


namespace Orgs {
namespace Http {


namespace {


bool acceptedType(const std::string& contentType)
{
	try
	{
		Poco::Net::MediaType type(contentType);
		return Poco::icompare(type.getType(), "application") == 0 &&
		       (Poco::icompare(type.getSubType(), "scim+json") == 0 || Poco::icompare(type.getSubType(), "json") == 0);
	}
	catch (Poco::Exception&)
	{
		return false;
	}
}


std::string stringify(const Poco::JSON::Object::Ptr& pObject)
{
	std::ostringstream out;
	Poco::JSON::Stringifier::stringify(pObject, out);
	return out.str();
}


} // namespace


const std::string ScimHandlers::CONTENT_TYPE("application/scim+json");


ScimHandlers::ScimHandlers(Orgs::ScimService& service, FailureLimiter& failures)
    : _service(service), _failures(failures)
{
}


void ScimHandlers::addRoutes(Router& router)
{
	using A = Router::Auth;
	using B = Router::Body;
	// {resource}: Users, Groups and the discovery endpoints (the service answers 404 for others).
	for (const char* method : {"GET", "POST"})
	{
		router.add(method, "/scim/v2/{connection}/{resource}", A::None, B::Raw,
		           [this](RequestContext& c) { serve(c); });
	}
	for (const char* method : {"GET", "PUT", "PATCH", "DELETE"})
	{
		router.add(method, "/scim/v2/{connection}/{resource}/{id}", A::None, B::Raw,
		           [this](RequestContext& c) { serve(c); });
	}
}


ScimResponse ScimHandlers::error(const std::exception& exc, BurstLog& log, const std::string& requestId)
{
	const Problem problem = Problem::from(exc, log, requestId);
	ScimResponse r;
	r.status = problem.status;
	r.body = stringify(Scim::ErrorDocument::make(problem.status, problem.code, problem.detail));
	return r;
}


void ScimHandlers::send(const Problem& problem, Poco::Net::HTTPServerResponse& response)
{
	const std::string body = stringify(Scim::ErrorDocument::make(problem.status, problem.code, problem.detail));
	if (problem.status == 401)
		response.set("WWW-Authenticate", "Bearer realm=\"scim\"");
	response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(problem.status),
	                            Problem::title(problem.status));
	response.setContentType(CONTENT_TYPE);
	response.setContentLength64(static_cast<Poco::Int64>(body.size()));
	response.send() << body;
}


void ScimHandlers::serve(RequestContext& c)
{
	Poco::Net::HTTPServerRequest& request = c.request();
	ScimResponse answer;
	std::string token;
	try
	{
		_failures.admit(request);
	}
	catch (RateLimitedException& exc)
	{
		answer.status = 429;
		answer.body = stringify(Scim::ErrorDocument::make(429, exc.reason(), exc.message()));
	}
	if (answer.status != 429)
	{
		const std::string method = request.getMethod();
		if ((method == "POST" || method == "PUT" || method == "PATCH") && !Poco::trim(c.rawBody()).empty() &&
		    !acceptedType(request.getContentType()))
		{
			answer.status = 415;
			answer.body = stringify(Scim::ErrorDocument::make(
			    415, "",
			    "The body must be application/scim+json or application/json, not '" + request.getContentType() + "'"));
		}
		else
		{
			TokenAuthenticator::credentials(request, token);
			Id connectionId = 0;
			if (!Service::Validator::parseId(c.param("connection"), connectionId))
				connectionId = -1; // no connection has it: a 404 once the token is known
			ScimRequest scim;
			scim.method = method;
			scim.path = "/" + c.param("resource");
			if (c.hasParam("id"))
				scim.path += "/" + c.param("id");
			for (const auto& kv : c.queryParameters())
				scim.query[kv.first] = kv.second;
			scim.body = c.rawBody();
			scim.baseUrl = std::string(request.secure() ? "https://" : "http://") + request.getHost() + c.basePath() +
			               "/scim/v2/" + c.param("connection");
			answer = _service.serve(token, connectionId, scim);
		}
	}
	if (answer.status == 401)
	{
		// A refused credential counts against the address; a request without one does not.
		if (!token.empty())
			_failures.failed(request);
		c.response().set("WWW-Authenticate", "Bearer realm=\"scim\"");
	}
	Poco::Net::HTTPServerResponse& response = c.response();
	if (!answer.location.empty())
		response.set("Location", answer.location);
	response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(answer.status),
	                            Problem::title(answer.status));
	if (answer.body.empty())
	{
		response.setContentLength(0);
		response.send();
		return;
	}
	response.setContentType(CONTENT_TYPE);
	response.setContentLength64(static_cast<Poco::Int64>(answer.body.size()));
	response.send() << answer.body;
}


} // namespace Http
} // namespace Orgs
