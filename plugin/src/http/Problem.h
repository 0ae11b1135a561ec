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


#include "Poco/Dynamic/Var.h"
#include "Poco/Logger.h"
#include "Poco/Net/HTTPServerResponse.h"
#include <exception>
#include <string>
#include <utility>
#include <vector>


namespace Orgs {
namespace Http {


struct Problem
	/// An error response: {"type":"about:blank","title":...,"status":...,"code":...,"detail":...}.
{
	int status = 500;
	std::string code;
	std::string detail;
	std::vector<std::pair<std::string, Poco::Dynamic::Var>> extensions; ///< extra members, e.g. "limit"
	Poco::Int64 retryAfterSeconds = 0;                                  ///< sent as Retry-After when > 0

	static Problem from(const std::exception& exc, Poco::Logger& logger);
		/// Maps an exception to a problem. Orgs exceptions keep their reason and message;
		/// anything else is a 500 whose detail reveals nothing, logged with its full text.

	void send(Poco::Net::HTTPServerResponse& response) const;
		/// Writes the problem with Content-Type application/problem+json (and WWW-Authenticate
		/// for 401, Retry-After when retryAfterSeconds is set), extensions after detail.

	static std::string title(int status);
		/// Returns the reason phrase of a status.
};


} // namespace Http
} // namespace Orgs


#endif // Orgs_Problem_INCLUDED
