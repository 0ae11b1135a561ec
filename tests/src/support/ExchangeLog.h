//
// ExchangeLog.h
//
// Library: OrgsTestSupport
// Package: Support
// Module:  ExchangeLog
//
// Records the requests the end-to-end tests send and the answers they get, for the contract
// check against the OpenAPI document.
//


#ifndef Orgs_ExchangeLog_INCLUDED
#define Orgs_ExchangeLog_INCLUDED


#include <string>


namespace Orgs {
namespace Test {


class ExchangeLog
	/// Appends one JSON line per HTTP exchange to a file of its own in the folder that
	/// ORGS_TEST_EXCHANGES_DIR names (ctest sets it for every sqlite.* and mariadb.* entry), so
	/// that the ctest entry contract.responses can validate every answer the suites received
	/// against api/openapi.json (tests/openapi/contract.mjs). Does nothing when the variable is
	/// unset or empty.
	///
	/// A line holds the test running (setCurrentTest()), the connector, the method, the request
	/// target as sent, the request's content type, the status, the response's content type and
	/// body. Thread-safe: racing tests send from many threads.
{
public:
	static void setCurrentTest(const std::string& name);
		/// Names the test whose exchanges follow (the driver calls this as each test starts).

	static void record(const std::string& method, const std::string& target, const std::string& requestContentType,
	                   int status, const std::string& contentType, const std::string& body);
		/// Appends one exchange, if recording is on. Never throws.
};


} // namespace Test
} // namespace Orgs


#endif // Orgs_ExchangeLog_INCLUDED
