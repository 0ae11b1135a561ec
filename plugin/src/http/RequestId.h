//
// RequestId.h
//
// Library: OrgsPlugin
// Package: Http
// Module:  RequestId
//
// The id that names a request in its answer and in the log.
//


#ifndef Orgs_RequestId_INCLUDED
#define Orgs_RequestId_INCLUDED


#include "Poco/Net/HTTPRequest.h"
#include <string>


namespace Orgs {
namespace Http {


class RequestId
	/// Every answer carries the request's id in X-Request-Id, every problem document in
	/// "instance" (urn:orgs:request:<id>) and "request_id", and the log line of a 5xx names it,
	/// so that an operator finds the line a client reports.
	///
	/// A client's X-Request-Id is kept when it is sane: 1 to 128 characters of A-Z, a-z, 0-9,
	/// '.', '_', ':' and '-'. Anything else (or none) is replaced by a generated id: a prefix
	/// drawn at random once per process and a counter ("q7d2m4xk-1A3"), unique within the
	/// process and, with high probability, among processes; making one takes no system call.
{
public:
	static const std::string HEADER; ///< "X-Request-Id"
	static const std::size_t MAX_LENGTH = 128;

	static std::string of(const Poco::Net::HTTPRequest& request);
		/// Returns the request's sane X-Request-Id, or a new id.

	static std::string generate();
		/// Returns a new id.

	static bool isSane(const std::string& id);
		/// Returns true if id may be echoed (see the class description).
};


} // namespace Http
} // namespace Orgs


#endif // Orgs_RequestId_INCLUDED
