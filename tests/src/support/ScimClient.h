//
// ScimClient.h
//
// Library: OrgsTestSupport
// Package: Support
// Module:  ScimClient
//
// A SCIM 2.0 client for the end-to-end tests that checks every response it receives.
//


#ifndef Orgs_ScimClient_INCLUDED
#define Orgs_ScimClient_INCLUDED


#include "support/HttpClient.h"
#include "support/ScimValidator.h"
#include "Poco/JSON/Object.h"
#include <string>


namespace Orgs {
namespace Test {


class ScimClient
	/// Sends SCIM requests as a directory does (Authorization: Bearer <SCIM token>,
	/// Content-Type and Accept application/scim+json) to a connection's base path, and checks
	/// every response before returning it: a body must be application/scim+json and valid for
	/// the independent ScimValidator (schema chosen from its "schemas"); an error's "status"
	/// must be the HTTP status. A violation fails the running test (CPPUNIT_FAIL) naming the
	/// request, the response and each violation. Only 204 responses may have no body.
	///
	///   ScimClient scim(world().client(), "/api/v1/scim/v2/" + connectionId, token, validator);
	///   auto created = scim.post("/Users", R"({"schemas":[...],"userName":"ada@example.com"})");
	///   CPPUNIT_ASSERT_EQUAL(201, created.status);
{
public:
	using Response = HttpClient::Response;

	ScimClient(HttpClient& http, const std::string& basePath, const std::string& token, ScimValidator& validator);
		/// Creates a client for the connection at basePath (e.g. "/api/v1/scim/v2/<id>", no
		/// trailing slash) with its bearer token. http and validator must outlive it.

	Response get(const std::string& path);
	Response post(const std::string& path, const std::string& body);
	Response put(const std::string& path, const std::string& body);
	Response patch(const std::string& path, const std::string& body);
	Response del(const std::string& path);
		/// Send one request to basePath + path ("/Users", "/Users?filter=...", "/Groups/<id>")
		/// and return its checked response. Query values must be percent-encoded by the caller
		/// (see encode()).

	Response request(const std::string& method, const std::string& path, const std::string& body,
	                 const HttpClient::Headers& headers, bool check = true);
		/// Sends a request with exactly these headers besides Authorization (no content type is
		/// added), checking the response unless check is false: for tests of what Orgs does
		/// with a wrong token or content type.

	void check(const std::string& what, const Response& response);
		/// Checks a response as the requests do (what names the request in failures).

	static std::string encode(const std::string& queryValue);
		/// Returns the value percent-encoded for a query string (filter=userName%20eq%20%22x%22).

	static Poco::JSON::Object::Ptr json(const Response& response);
		/// Returns the body as an object (fails the test if it is not one).

	void setToken(const std::string& token);
		/// Replaces the bearer token (e.g. after rotating it).

	const std::string& basePath() const;

private:
	HttpClient& _http;
	std::string _basePath;
	std::string _token;
	ScimValidator& _validator;
};


inline const std::string& ScimClient::basePath() const
{
	return _basePath;
}


} // namespace Test
} // namespace Orgs


#endif // Orgs_ScimClient_INCLUDED
