//
// Problem.h
//
// Library: OrgsPlugin
// Package: Http
// Module:  Problem
//
// RFC 9457 problem documents: the one place where exceptions become HTTP statuses.
//


#ifndef Orgs_Problem_INCLUDED
#define Orgs_Problem_INCLUDED


#include "http/BurstLog.h"
#include "Poco/Dynamic/Var.h"
#include "Poco/Net/HTTPServerResponse.h"
#include <exception>
#include <string>
#include <utility>
#include <vector>


namespace Orgs {
namespace Http {


struct Problem
	/// An error response: {"type":"about:blank","title":...,"status":...,"code":...,"detail":...,
	/// "instance":"urn:orgs:request:<id>","request_id":"<id>"}.
{
	int status = 500;
	std::string code;
	std::string detail;
	std::string requestId;                                              ///< see RequestId
	std::vector<std::pair<std::string, Poco::Dynamic::Var>> extensions; ///< extra members, e.g. "limit"
	Poco::Int64 retryAfterSeconds = 0;                                  ///< sent as Retry-After when > 0

	static const Poco::Int64 UNAVAILABLE_RETRY_AFTER = 1; ///< Retry-After of a 503, in seconds

	static Problem from(const std::exception& exc, BurstLog& log, const std::string& requestId);
		/// Maps an exception to a problem. Orgs exceptions keep their reason and message. A 503
		/// (UnavailableException) keeps its message, which says only what the client can do,
		/// and gets Retry-After; its cause (the nested driver error) goes to the log. Anything
		/// else is a 500 whose detail reveals nothing, logged with its full text. Both log lines
		/// name the request id and go through log, once per burst.

	void send(Poco::Net::HTTPServerResponse& response) const;
		/// Writes the problem with Content-Type application/problem+json (and WWW-Authenticate
		/// for 401, Retry-After when retryAfterSeconds is set), extensions after detail, then
		/// instance and request_id. Text that is not valid UTF-8 (echoed from a request) is
		/// written with U+FFFD in place of each invalid byte.

	static std::string title(int status);
		/// Returns the reason phrase of a status.
};


} // namespace Http
} // namespace Orgs


#endif // Orgs_Problem_INCLUDED
