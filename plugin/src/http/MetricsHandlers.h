//
// MetricsHandlers.h
//
// Library: OrgsPlugin
// Package: Http
// Module:  MetricsHandlers
//
// GET /metrics, GET /health/live and GET /health/ready.
//


#ifndef Orgs_MetricsHandlers_INCLUDED
#define Orgs_MetricsHandlers_INCLUDED


#include "Orgs/MetricsService.h"
#include "http/ClientAddress.h"
#include "http/FailureLimiter.h"
#include "http/Router.h"
#include <string>


namespace Orgs {
namespace Http {


class MetricsHandlers
	/// The operator's routes, outside the organizations (no account signs in to them):
	///
	///   GET /metrics       the Prometheus exposition, as orgs.metrics.exposure allows: "off"
	///                      answers 404 no_route as for a path that does not exist; "loopback"
	///                      (the default) the same to a client (ClientAddress: the peer, or the
	///                      address behind orgs.http.trustedProxies) not on 127.0.0.0/8 or ::1;
	///                      "token" requires Authorization: Bearer <orgs.metrics.token>, compared
	///                      in constant time (401 otherwise, counted by the FailureLimiter).
	///   GET /health/live   200 while the process serves requests; no database.
	///   GET /health/ready  200 when MetricsService::readiness() holds, else 503 problem+json
	///                      whose code is the first problem and "problems" lists them all.
{
public:
	MetricsHandlers(Orgs::MetricsService& metrics, const ClientAddress& clientAddress, FailureLimiter& failures,
	                const std::string& exposure, const std::string& token);

	void addRoutes(Router& router);

	static bool sameSecret(const std::string& given, const std::string& expected);
		/// Compares in time that depends only on the lengths.

private:
	void allow(Poco::Net::HTTPServerRequest& request);
		/// Throws as orgs.metrics.exposure says, or returns.

	Orgs::MetricsService& _metrics;
	const ClientAddress& _clientAddress;
	FailureLimiter& _failures;
	const std::string _exposure;
	const std::string _token;
};


} // namespace Http
} // namespace Orgs


#endif // Orgs_MetricsHandlers_INCLUDED
