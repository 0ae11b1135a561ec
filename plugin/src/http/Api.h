//
// Api.h
//
// Library: OrgsPlugin
// Package: Http
// Module:  Api
//
// The HTTP API: routes, authentication and request limits, and its handler factory.
//


#ifndef Orgs_Api_INCLUDED
#define Orgs_Api_INCLUDED


#include "http/BurstLog.h"
#include "data/Credential.h"
#include "http/FailureLimiter.h"
#include "http/Problem.h"
#include "http/RequestAuthenticator.h"
#include "http/Router.h"
#include "Poco/JSON/Object.h"
#include "Poco/Logger.h"
#include "Poco/Net/HTTPRequestHandlerFactory.h"
#include "Poco/Net/HTTPServerRequest.h"
#include "Poco/Net/HTTPServerResponse.h"
#include <functional>
#include <memory>
#include <string>


namespace Orgs {
namespace Service {
class ApiUsage;
}
namespace Http {


class Api
	/// Serves every request under the base path: matches a route, authenticates, reads and
	/// parses the body within the size limit, runs the handler, and turns any exception into
	/// a problem document.
	///
	/// A request to a route that needs authentication is first admitted by the FailureLimiter
	/// (429 while its client address is refused for guessing), and credentials it refuses count
	/// against that address. The handler of an authenticated request runs in a Data::Credential
	/// scope naming its token, so that each of its write transactions checks the token first.
{
public:
	using MemberOrganization = std::function<Id(Id actorId, const std::string& org)>;
		/// Returns the id of the organization that the reference org names if actorId is a
		/// member of it, else 0 (Service::Guard::memberOrganization(): cached, no SQL then).

	using OrganizationId = std::function<Id(const std::string& org)>;
		/// Returns the id of the organization that the reference org names, else 0
		/// (Service::Guard::organizationId(): cached, no SQL then).

	using OrganizationCheck =
	    std::function<void(const RequestAuthenticator::Caller& caller, Id organizationId, const std::string& org)>;
		/// Asked before the handler of an authenticated request under /orgs/{org} naming an
		/// existing organization; throws to refuse it (SSO enforcement: "sso_required").

	Api(const std::string& basePath, std::size_t maxBodyBytes, int errorLogWindowSeconds,
	    RequestAuthenticator& authenticator, Data::Credential::Verifier& verifier, FailureLimiter& failures,
	    Service::ApiUsage& usage, OrganizationId organizationId, MemberOrganization memberOrganization,
	    Poco::Logger& logger, OrganizationCheck organizationCheck = nullptr);
		/// verifier checks the token of a request inside its write transactions. Repeats of a
		/// 5xx's cause within errorLogWindowSeconds are counted instead of logged (BurstLog; 0
		/// logs each). Every authenticated request under /orgs/{org} by a member of the
		/// organization is counted in usage, whatever the handler answers: a 2xx answer proves
		/// the membership (anyone else is answered 404), so organizationId() (taken before the
		/// handler, which may rename or delete the organization) is enough then; any other
		/// answer asks memberOrganization(). authenticator, verifier, failures, usage and what
		/// the functions refer to must outlive the API. organizationCheck, if given, is asked
		/// once the organization's id is known, before the handler (and the request is still
		/// counted when it refuses).

	~Api();

	using Observer =
	    std::function<void(const std::string& method, const std::string& route, int status, double seconds)>;
		/// Told of every answered request: its method, its route's pattern under the base path
		/// ("/orgs/{org}/members"; "" when no route matched), the status sent and the seconds
		/// from the request's start to its answer.

	void setObserver(Observer observer);
		/// Sets the observer (the metrics). Not thread-safe: call it while the runtime is built,
		/// before the first request, or after the last.

	using ErrorWriter = std::function<void(const Problem& problem, Poco::Net::HTTPServerResponse& response)>;
		/// Writes an error in another format than problem+json.

	void setErrorWriter(const std::string& pathPrefix, ErrorWriter writer);
		/// Has writer answer the errors of requests whose path (under the base path) starts
		/// with pathPrefix, the route's own and those before it (no route, a method not
		/// allowed, a body too large): the SCIM routes answer SCIM error documents.

	Router& router();
	const std::string& basePath() const;

	bool owns(const std::string& uri) const;
		/// Returns true if the request URI is under the base path.

	void handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response);
		/// Handles one request. Never throws. Every answer carries X-Request-Id (RequestId).

	Poco::SharedPtr<Poco::Net::HTTPRequestHandlerFactory> createFactory();
		/// Returns a factory that hands requests under the base path to this API and returns
		/// nullptr for any other path. The API must outlive it.

private:
	void countMember(Id accountId, const std::string& org);
		/// Counts the request for the organization if the account is a member of it.

	void answer(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
	            const Router::Route*& pRoute);
		/// handle() without the observer; pRoute is set to the route once one matches.

	Poco::JSON::Object::Ptr readBody(Poco::Net::HTTPServerRequest& request, Router::Body kind, std::string& raw);

	std::string _basePath;
	std::size_t _maxBodyBytes;
	RequestAuthenticator& _authenticator;
	Data::Credential::Verifier& _verifier;
	FailureLimiter& _failures;
	BurstLog _errorLog;
	Router _router;
	Service::ApiUsage& _usage;
	OrganizationId _organizationId;
	MemberOrganization _memberOrganization;
	OrganizationCheck _organizationCheck;
	Observer _observer;
	std::string _errorPrefix;
	ErrorWriter _errorWriter;
};


inline Router& Api::router()
{
	return _router;
}


inline const std::string& Api::basePath() const
{
	return _basePath;
}


} // namespace Http
} // namespace Orgs


#endif // Orgs_Api_INCLUDED
