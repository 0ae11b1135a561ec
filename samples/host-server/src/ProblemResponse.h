//
// ProblemResponse.h
//
// Library: Orgs
// Package: HostServer
// Module:  ProblemResponse
//
// The host's own error answers, as RFC 9457 problem documents.
//


#ifndef Orgs_ProblemResponse_INCLUDED
#define Orgs_ProblemResponse_INCLUDED


#include "Poco/Net/HTTPResponse.h"
#include "Poco/Net/HTTPServerResponse.h"
#include <cstddef>
#include <string>


namespace OrgsHost {


class ProblemResponse
	/// Writes the answers the host gives itself (no route, a request it cannot read, too many
	/// connections) in the plugins' problem format, application/problem+json:
	///
	///     {"type":"about:blank","title":"Not Found","status":404,"code":"not_found",
	///      "detail":"No route for GET /x"}
	///
	/// The title is the status's reason phrase; code is stable and meant for programs, detail
	/// for people.
{
public:
	static std::string document(Poco::Net::HTTPResponse::HTTPStatus status, const std::string& code,
	                            const std::string& detail);
		/// Returns the problem document.

	static void send(Poco::Net::HTTPServerResponse& response, Poco::Net::HTTPResponse::HTTPStatus status,
	                 const std::string& code, const std::string& detail);
		/// Sends the problem document as the response to a request Poco has parsed.

	static std::string message(Poco::Net::HTTPResponse::HTTPStatus status, const std::string& code,
	                           const std::string& detail);
		/// Returns a complete HTTP/1.1 response carrying the problem document, with
		/// "Connection: close", for a connection the host answers before any request is
		/// parsed and then closes. A 503 also says "Retry-After: 1".

	static std::string jsonString(const std::string& value);
		/// Returns value as a quoted JSON string. UTF-8 is kept as it is; quotes,
		/// backslashes and control characters are escaped, and a byte that is not part of
		/// valid UTF-8 becomes U+FFFD.

	static const std::string CONTENT_TYPE;
		/// "application/problem+json".

private:
	static std::size_t utf8SequenceLength(const std::string& text, std::size_t pos);
		/// Returns the length of the valid UTF-8 sequence starting at pos, or 0 if there is none.
};


} // namespace OrgsHost


#endif // Orgs_ProblemResponse_INCLUDED
