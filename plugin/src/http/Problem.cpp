//
// Problem.cpp
//
// Library: OrgsPlugin
// Package: Http
// Module:  Problem
//


#include "http/Problem.h"
#include "http/HttpError.h"
#include "service/Utf8.h"
#include "Poco/JSON/Object.h"
#include "Poco/Net/HTTPResponse.h"
#include <sstream>


namespace Orgs {
namespace Http {


namespace {


std::string causeOf(const Poco::Exception& exc)
{
	const Poco::Exception* pCause = exc.nested() ? exc.nested() : &exc;
	return pCause->displayText();
}


} // namespace


Problem Problem::from(const std::exception& exc, BurstLog& log, const std::string& requestId)
{
	Problem p;
	p.requestId = requestId;
	if (const auto* orgs = dynamic_cast<const OrgsException*>(&exc))
	{
		p.code = orgs->reason();
		p.detail = orgs->message();
		if (const auto* http = dynamic_cast<const HttpError*>(&exc))
			p.status = http->status();
		else if (dynamic_cast<const InvalidInputException*>(&exc))
			p.status = 400;
		else if (dynamic_cast<const UnauthenticatedException*>(&exc))
			p.status = 401;
		else if (dynamic_cast<const ForbiddenException*>(&exc))
			p.status = 403;
		else if (dynamic_cast<const NotFoundException*>(&exc))
			p.status = 404;
		else if (dynamic_cast<const ConflictException*>(&exc))
			p.status = 409;
		else if (dynamic_cast<const GoneException*>(&exc))
			p.status = 410;
		else if (dynamic_cast<const LimitExceededException*>(&exc))
			p.status = 429;
		else if (dynamic_cast<const UnavailableException*>(&exc))
			p.status = 503;
		if (const auto* quota = dynamic_cast<const QuotaExceededException*>(&exc))
		{
			p.extensions.emplace_back("quota", quota->quota());
			p.extensions.emplace_back("limit", quota->limit());
			p.extensions.emplace_back("current", quota->current());
			p.extensions.emplace_back("plan", quota->plan());
		}
		if (const auto* rate = dynamic_cast<const RateLimitedException*>(&exc))
		{
			p.extensions.emplace_back("limit", rate->limit());
			p.extensions.emplace_back("retry_after", rate->retryAfterSeconds());
			p.retryAfterSeconds = rate->retryAfterSeconds();
		}
		if (p.status == 503)
		{
			if (p.retryAfterSeconds == 0)
				p.retryAfterSeconds = UNAVAILABLE_RETRY_AFTER;
			// One line per burst, keyed by the code: while the database is down every request
			// fails the same way, with a different statement in the driver's text.
			log.log(Poco::Message::PRIO_WARNING, "503 " + p.code,
			        "Request " + requestId + " answered 503 " + p.code + ": " + causeOf(*orgs));
		}
		if (p.status != 500)
			return p;
	}
	const auto* poco = dynamic_cast<const Poco::Exception*>(&exc);
	const std::string text = poco ? poco->displayText() : std::string(exc.what());
	log.log(Poco::Message::PRIO_ERROR, "500 " + text.substr(0, 200), "Request " + requestId + " answered 500: " + text);
	p.status = 500;
	p.code = "internal_error";
	p.detail = "The server failed to handle the request; the error is in its log";
	return p;
}


void Problem::send(Poco::Net::HTTPServerResponse& response) const
{
	Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
	body.set("type", "about:blank");
	body.set("title", title(status));
	body.set("status", status);
	body.set("code", code);
	body.set("detail", Service::Utf8::valid(detail));
	for (const auto& extension : extensions)
		body.set(extension.first, extension.second);
	if (!requestId.empty())
	{
		body.set("instance", "urn:orgs:request:" + requestId);
		body.set("request_id", requestId);
	}
	std::ostringstream out;
	body.stringify(out);
	const std::string text = out.str();

	response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
	if (status == 401)
		response.set("WWW-Authenticate", "Bearer realm=\"orgs\"");
	if (retryAfterSeconds > 0)
		response.set("Retry-After", std::to_string(retryAfterSeconds));
	response.setContentType("application/problem+json");
	response.setContentLength(static_cast<std::streamsize>(text.size()));
	response.send() << text;
}


std::string Problem::title(int status)
{
	return Poco::Net::HTTPResponse::getReasonForStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
}


} // namespace Http
} // namespace Orgs
