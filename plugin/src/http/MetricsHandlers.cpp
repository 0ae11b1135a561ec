//
// MetricsHandlers.cpp
//
// Library: OrgsPlugin
// Package: Http
// Module:  MetricsHandlers
//


#include "http/MetricsHandlers.h"
#include "http/JsonCodec.h"
#include "http/Problem.h"
#include "http/RequestContext.h"
#include "http/RequestId.h"
#include "Orgs/Errors.h"
#include "Poco/JSON/Array.h"
#include "Poco/Net/HTTPServerRequest.h"
#include "Poco/Net/HTTPServerResponse.h"
#include "Poco/String.h"


namespace Orgs {
namespace Http {


MetricsHandlers::MetricsHandlers(Orgs::MetricsService& metrics, const ClientAddress& clientAddress,
                                 FailureLimiter& failures, const std::string& exposure, const std::string& token)
    : _metrics(metrics), _clientAddress(clientAddress), _failures(failures), _exposure(exposure), _token(token)
{
}


bool MetricsHandlers::sameSecret(const std::string& given, const std::string& expected)
{
	// Every byte of the longer one is looked at, whatever differs first.
	const std::size_t n = std::max(given.size(), expected.size());
	unsigned char diff = given.size() == expected.size() ? 0 : 1;
	for (std::size_t i = 0; i < n; ++i)
	{
		const unsigned char a = i < given.size() ? static_cast<unsigned char>(given[i]) : 0;
		const unsigned char b = i < expected.size() ? static_cast<unsigned char>(expected[i]) : 0;
		diff |= static_cast<unsigned char>(a ^ b);
	}
	return diff == 0;
}


void MetricsHandlers::allow(Poco::Net::HTTPServerRequest& request)
{
	// Refused as a path that does not exist: a scanner learns nothing from the answer.
	const std::string path = request.getURI().substr(0, request.getURI().find('?'));
	if (_exposure == "off" || (_exposure == "loopback" && !_clientAddress.isLoopback(request)))
		throw NotFoundException("No resource at " + path, "no_route");
	if (_exposure != "token")
		return;
	_failures.admit(request);
	const std::string authorization = request.get("Authorization", "");
	const std::string scheme = "bearer ";
	const bool bearer =
	    authorization.size() > scheme.size() && Poco::icompare(authorization.substr(0, scheme.size()), scheme) == 0;
	if (!bearer || !sameSecret(Poco::trim(authorization.substr(scheme.size())), _token))
	{
		_failures.failed(request);
		throw UnauthenticatedException("Send Authorization: Bearer <orgs.metrics.token>", "unauthenticated");
	}
}


void MetricsHandlers::addRoutes(Router& router)
{
	router.add("GET", "/metrics", Router::Auth::None, Router::Body::None, [this](RequestContext& c) {
		allow(c.request());
		const std::string text = _metrics.exposition();
		Poco::Net::HTTPServerResponse& response = c.response();
		response.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_OK);
		response.setContentType(Orgs::MetricsService::CONTENT_TYPE);
		response.set("Cache-Control", "no-store");
		response.setContentLength(static_cast<std::streamsize>(text.size()));
		response.send() << text;
	});
	router.add("GET", "/health/live", Router::Auth::None, Router::Body::None, [](RequestContext& c) {
		Poco::JSON::Object::Ptr o = JsonCodec::object();
		o->set("status", "ok");
		c.send(200, o);
	});
	router.add("GET", "/health/ready", Router::Auth::None, Router::Body::None, [this](RequestContext& c) {
		const Orgs::Readiness r = _metrics.readiness();
		if (r.ready)
		{
			Poco::JSON::Object::Ptr o = JsonCodec::object();
			o->set("status", "ok");
			c.send(200, o);
			return;
		}
		// Sent here, not thrown: a probe that fails every few seconds is not an error to log.
		Problem problem;
		problem.status = 503;
		problem.code = r.problems.front();
		problem.detail = r.detail;
		Poco::JSON::Array::Ptr problems = new Poco::JSON::Array;
		for (const std::string& p : r.problems)
			problems->add(p);
		problem.extensions.emplace_back("problems", problems);
		problem.requestId = c.response().get(RequestId::HEADER, "");
		problem.retryAfterSeconds = Problem::UNAVAILABLE_RETRY_AFTER;
		problem.send(c.response());
	});
}


} // namespace Http
} // namespace Orgs
