//
// ScimHandlers.h
//
// Library: OrgsPlugin
// Package: Http
// Module:  ScimHandlers
//
// The SCIM 2.0 protocol routes: {base}/scim/v2/{connection}/...
//


#ifndef Orgs_ScimHandlers_INCLUDED
#define Orgs_ScimHandlers_INCLUDED


#include "Orgs/ScimService.h"
#include "http/BurstLog.h"
#include "http/FailureLimiter.h"
#include "http/Problem.h"
#include "http/Router.h"
#include <exception>
#include <string>


namespace Orgs {
namespace Http {


class ScimHandlers
	/// GET/POST {base}/scim/v2/{connection}/{Users|Groups}, GET/PUT/PATCH/DELETE
	/// {base}/scim/v2/{connection}/{Users|Groups}/{id}, and GET of ServiceProviderConfig,
	/// Schemas[/{id}] and ResourceTypes[/{name}].
	///
	/// These routes take no account's credentials: the request's bearer token must be the
	/// connection's SCIM token (ScimService::serve() checks it), and a SCIM token is no
	/// credential anywhere else (it is no personal access token). A refused token counts
	/// against the client's address as any refused credential does (FailureLimiter). Bodies
	/// are application/scim+json or application/json; answers application/scim+json, errors
	/// SCIM error documents.
{
public:
	ScimHandlers(Orgs::ScimService& service, FailureLimiter& failures);

	void addRoutes(Router& router);

	static ScimResponse error(const std::exception& exc, BurstLog& log, const std::string& requestId);
		/// Maps an exception as every route does (Problem::from: status, reason, a detail that
		/// shows no internals) to a SCIM error document.

	static void send(const Problem& problem, Poco::Net::HTTPServerResponse& response);
		/// Writes a problem as a SCIM error document (Api::setErrorWriter() for the SCIM routes).

	static const std::string CONTENT_TYPE; ///< "application/scim+json"

private:
	void serve(RequestContext& c);

	Orgs::ScimService& _service;
	FailureLimiter& _failures;
};


} // namespace Http
} // namespace Orgs


#endif // Orgs_ScimHandlers_INCLUDED
