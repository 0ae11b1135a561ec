//
// Api.cpp
//
// Library: OrgsPlugin
// Package: Http
// Module:  Api
//


#include "http/Api.h"
#include "http/HttpError.h"
#include "http/JsonReader.h"
#include "http/Problem.h"
#include "http/RequestContext.h"
#include "http/RequestId.h"
#include "data/TokenRepository.h"
#include "service/ApiUsage.h"
#include "Orgs/Errors.h"
#include "Poco/Clock.h"
#include "Poco/Net/HTTPRequestHandler.h"
#include "Poco/Net/MediaType.h"
#include "Poco/String.h"
#include "Poco/URI.h"
#include <utility>


namespace Orgs {
namespace Http {


namespace {


class ApiRequestHandler : public Poco::Net::HTTPRequestHandler
	/// One request, handed to the Api.
{
public:
	explicit ApiRequestHandler(Api& api) : _api(api) {}

	void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override
	{
		_api.handle(request, response);
	}

private:
	Api& _api;
};


class ApiRequestHandlerFactory : public Poco::Net::HTTPRequestHandlerFactory
	/// Returns a handler for paths under the API's base path and nullptr for any other, so the
	/// host can try its next factory.
{
public:
	explicit ApiRequestHandlerFactory(Api& api) : _api(api) {}

	Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest& request) override
	{
		return _api.owns(request.getURI()) ? new ApiRequestHandler(_api) : nullptr;
	}

private:
	Api& _api;
};


bool isJson(const std::string& contentType)
{
	try
	{
		Poco::Net::MediaType type(contentType);
		return Poco::icompare(type.getType(), "application") == 0 &&
		       (Poco::icompare(type.getSubType(), "json") == 0 ||
		        Poco::endsWith(Poco::toLower(type.getSubType()), std::string("+json")));
	}
	catch (Poco::Exception&)
	{
		return false;
	}
}


std::string pathOf(const std::string& uri)
{
	const std::string::size_type q = uri.find_first_of("?#");
	return q == std::string::npos ? uri : uri.substr(0, q);
}


} // namespace


Api::Api(const std::string& basePath, std::size_t maxBodyBytes, int errorLogWindowSeconds,
         RequestAuthenticator& authenticator, Data::Credential::Verifier& verifier, FailureLimiter& failures,
         Service::ApiUsage& usage, OrganizationId organizationId, MemberOrganization memberOrganization,
         Poco::Logger& logger, OrganizationCheck organizationCheck)
    : _basePath(basePath == "/" ? "" : basePath), _maxBodyBytes(maxBodyBytes), _authenticator(authenticator),
      _verifier(verifier), _failures(failures), _errorLog(logger, Poco::Timespan(errorLogWindowSeconds, 0)),
      _usage(usage), _organizationId(std::move(organizationId)), _memberOrganization(std::move(memberOrganization)),
      _organizationCheck(std::move(organizationCheck))
{
}


Api::~Api() = default;


void Api::setErrorWriter(const std::string& pathPrefix, ErrorWriter writer)
{
	_errorPrefix = pathPrefix;
	_errorWriter = std::move(writer);
}


bool Api::owns(const std::string& uri) const
{
	const std::string path = pathOf(uri);
	if (path.compare(0, _basePath.size(), _basePath) != 0)
		return false;
	return path.size() == _basePath.size() || path[_basePath.size()] == '/';
}


Poco::SharedPtr<Poco::Net::HTTPRequestHandlerFactory> Api::createFactory()
{
	return new ApiRequestHandlerFactory(*this);
}


Poco::JSON::Object::Ptr Api::readBody(Poco::Net::HTTPServerRequest& request, Router::Body kind, std::string& raw)
{
	if (request.hasContentLength() && request.getContentLength64() > static_cast<Poco::Int64>(_maxBodyBytes))
	{
		throw HttpError(413, "payload_too_large",
		                "The body is larger than the limit of " + std::to_string(_maxBodyBytes) + " bytes");
	}
	// Read at most one byte more than the limit: a chunked body cannot exhaust memory. A request
	// with neither Content-Length nor chunked encoding has no body (RFC 9112, section 6.3), whatever
	// its method: Poco's stream would wait for the end of the connection.
	std::string text;
	if (request.hasContentLength() || request.getChunkedTransferEncoding())
	{
		std::istream& in = request.stream();
		char buffer[8192];
		while (in && text.size() <= _maxBodyBytes)
		{
			in.read(buffer, sizeof(buffer));
			text.append(buffer, static_cast<std::size_t>(in.gcount()));
		}
	}
	if (text.size() > _maxBodyBytes)
		throw HttpError(413, "payload_too_large",
		                "The body is larger than the limit of " + std::to_string(_maxBodyBytes) + " bytes");

	if (kind == Router::Body::None)
		return nullptr;
	if (kind == Router::Body::Raw)
	{
		raw = std::move(text);
		return nullptr;
	}
	if (Poco::trim(text).empty())
	{
		if (kind == Router::Body::Json)
			throw InvalidInputException("This request needs a JSON object as its body", "missing_body");
		return nullptr;
	}
	if (!isJson(request.getContentType()))
	{
		throw HttpError(415, "unsupported_media_type",
		                "The body must be application/json, not '" + request.getContentType() + "'");
	}
	return JsonReader::parseObject(text);
}


void Api::countMember(Id accountId, const std::string& org)
{
	const Id organizationId = _memberOrganization(accountId, org);
	if (organizationId != 0)
		_usage.record(organizationId);
}


void Api::setObserver(Observer observer)
{
	_observer = std::move(observer);
}


void Api::handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response)
{
	const Poco::Clock started;
	const Router::Route* pRoute = nullptr;
	answer(request, response, pRoute);
	if (_observer)
	{
		try
		{
			_observer(request.getMethod(), pRoute ? pRoute->pattern : std::string(), response.getStatus(),
			          static_cast<double>(started.elapsed()) / 1e6);
		}
		catch (...)
		{
			// Counting never fails a request that was answered.
		}
	}
}


void Api::answer(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                 const Router::Route*& pRoute)
{
	bool bodyRead = false;
	const std::string requestId = RequestId::of(request);
	response.set(RequestId::HEADER, requestId);
	try
	{
		std::string path = pathOf(request.getURI()).substr(_basePath.size());
		Router::Match match = _router.match(request.getMethod(), path);
		pRoute = match.pRoute;
		if (!match.pRoute)
		{
			if (match.allowedMethods.empty())
				throw NotFoundException("No resource at " + pathOf(request.getURI()), "no_route");
			response.set("Allow",
			             Poco::cat(std::string(", "), match.allowedMethods.begin(), match.allowedMethods.end()));
			throw HttpError(405, "method_not_allowed", request.getMethod() + " is not allowed here");
		}
		const Router::Route& route = *match.pRoute;
		// Like the path, the query is decoded before authentication: a malformed URI is a 400
		// for everyone.
		Poco::Net::NameValueCollection query = RequestContext::parseQuery(request.getURI());
		RequestAuthenticator::Caller caller;
		if (route.auth == Router::Auth::Required)
		{
			_failures.admit(request);
			bool known = false;
			try
			{
				known = _authenticator.authenticate(request, caller);
			}
			catch (UnauthenticatedException&)
			{
				_failures.failed(request);
				throw;
			}
			if (!known)
				throw UnauthenticatedException("Sign in: send Authorization: Bearer <token>", "unauthenticated");
		}
		// Every write transaction of the handler checks the token first (Database::transact()).
		Data::Credential credential(_verifier, caller.tokenId);
		// A personal access token created by a request signed in with an identity provider's
		// token records that provider: an enforced SSO connection accepts it.
		std::unique_ptr<Data::TokenRepository::CreatedVia> pCreatedVia;
		if (caller.pToken)
			pCreatedVia.reset(new Data::TokenRepository::CreatedVia(caller.pToken->issuer, caller.pToken->audience));
		std::string rawBody;
		Poco::JSON::Object::Ptr pBody = readBody(request, route.body, rawBody);
		bodyRead = true;
		// Counted for a member of the organization, whatever the handler answers (see Api()).
		auto org = match.params.find("org");
		const bool countable = caller.accountId != 0 && org != match.params.end();
		const std::string reference = countable ? org->second : std::string();
		const Id organizationId = countable ? _organizationId(reference) : 0;
		RequestContext context(request, response, _basePath, std::move(match.params), std::move(query), pBody,
		                       caller.accountId);
		context.setRawBody(std::move(rawBody));
		try
		{
			if (organizationId != 0 && _organizationCheck)
				_organizationCheck(caller, organizationId, reference);
			route.handler(context);
		}
		catch (...)
		{
			try
			{
				if (countable)
					countMember(caller.accountId, reference);
			}
			catch (...)
			{
				// The handler's own error is the answer (the database may be down: then both are).
			}
			throw;
		}
		if (countable)
		{
			if (organizationId != 0 && response.getStatus() < 300)
				_usage.record(organizationId);
			else
				countMember(caller.accountId, reference);
		}
	}
	catch (std::exception& exc)
	{
		Problem problem = Problem::from(exc, _errorLog, requestId);
		if (!response.sent())
		{
			// A body left unread would be taken for the next request on this connection.
			const bool pendingBody = (request.hasContentLength() && request.getContentLength64() > 0) ||
			                         request.getChunkedTransferEncoding();
			if (!bodyRead && pendingBody)
				response.setKeepAlive(false);
			const std::string path = pathOf(request.getURI());
			if (_errorWriter && path.size() >= _basePath.size() &&
			    path.compare(_basePath.size(), _errorPrefix.size(), _errorPrefix) == 0)
				_errorWriter(problem, response);
			else
				problem.send(response);
		}
	}
}


} // namespace Http
} // namespace Orgs
