//
// OpenApiHandlers.cpp
//
// Library: OrgsPlugin
// Package: Http
// Module:  OpenApiHandlers
//


#include "http/OpenApiHandlers.h"
#include "http/RequestContext.h"
#include "Poco/Net/HTTPServerRequest.h"
#include "Poco/Net/HTTPServerResponse.h"
#include "Poco/String.h"
#include "Poco/StringTokenizer.h"


namespace Orgs {
namespace Http {


namespace {


bool matches(const std::string& ifNoneMatch, const std::string& tag)
	/// If-None-Match: "*" or a list of entity tags, weak ones compared weakly (RFC 9110 13.1.2).
{
	Poco::StringTokenizer tags(ifNoneMatch, ",",
	                           Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
	for (const auto& t : tags)
	{
		if (t == "*" || t == tag || (Poco::startsWith(t, std::string("W/")) && t.substr(2) == tag))
			return true;
	}
	return false;
}


} // namespace


OpenApiHandlers::OpenApiHandlers(const Orgs::ApiDescription& description) : _description(description) {}


void OpenApiHandlers::addRoutes(Router& router)
{
	router.add("GET", "/openapi.json", Router::Auth::None, Router::Body::None,
	           [this](RequestContext& c) { document(c); });
}


void OpenApiHandlers::document(RequestContext& c)
{
	const std::string& tag = _description.entityTag();
	c.response().set("ETag", tag);
	c.response().set("Cache-Control", "public, max-age=3600");
	if (matches(c.request().get("If-None-Match", ""), tag))
	{
		c.response().setStatusAndReason(Poco::Net::HTTPResponse::HTTP_NOT_MODIFIED);
		c.response().setContentLength(0);
		c.response().send();
		return;
	}
	c.sendJson(200, _description.openApiDocument());
}


} // namespace Http
} // namespace Orgs
