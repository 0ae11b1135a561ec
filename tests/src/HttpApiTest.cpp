//
// HttpApiTest.cpp
//
// Library: OrgsTests
// Package: EndToEnd
// Module:  HttpApiTest
//


#include "HttpApiTest.h"
#include "support/Suites.h"
#include "support/HttpAssert.h"
#include "Poco/JSON/Array.h"
#include "Poco/JSON/Object.h"
#include "Poco/String.h"
#include "Poco/Thread.h"
#include <cppunit/SourceLine.h>
#include <set>
#include <string>
#include <vector>


using Orgs::Test::HostProcess;
using Orgs::Test::HttpClient;
using Orgs::Test::json;


ORGS_TEST_SUITE(HttpApiTest, "HttpApi", DATABASE);


namespace {


const std::size_t MAX_BODY_BYTES = 1048576; // orgs.http.maxBodyBytes, default


} // namespace


void HttpApiTest::testHealthNeedsNoAuthentication()
{
	Response r = client().get(API + "/health");
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT(Poco::startsWith(r.contentType, std::string("application/json")));
	CPPUNIT_ASSERT_EQUAL(std::string("ok"), text(r.json(), "status"));
}


void HttpApiTest::testUnknownApiPathIsProblem404()
{
	ASSERT_PROBLEM(client().get(API + "/nothing-here"), 404, "no_route");
	ASSERT_PROBLEM(client().get(API + "/orgs/a/b/c/d/e"), 404, "no_route");
	// The API still answers on the same connection.
	ASSERT_STATUS(client().get(API + "/health"), 200);
}


void HttpApiTest::testUnknownPathOutsideApiIsProblem404FromHost()
{
	ASSERT_PROBLEM(client().get("/nothing-here"), 404, "not_found");
	// A path that merely starts like the base path is not the API's.
	ASSERT_PROBLEM(client().get("/api/v1x/health"), 404, "not_found");
	ASSERT_PROBLEM(client().post("/elsewhere", "{\"a\":1}"), 404, "not_found");
	ASSERT_STATUS(client().get(API + "/health"), 200);
}


void HttpApiTest::testWrongMethodIs405WithAllow()
{
	User u = signUp("ada");
	Response r = client().put(API + "/orgs", json({{"username", "acme"}}), u.token);
	ASSERT_PROBLEM(r, 405, "method_not_allowed");
	const std::string allow = r.header("Allow");
	CPPUNIT_ASSERT_MESSAGE(allow, allow.find("GET") != std::string::npos);
	CPPUNIT_ASSERT_MESSAGE(allow, allow.find("POST") != std::string::npos);
	CPPUNIT_ASSERT_MESSAGE(allow, allow.find("PUT") == std::string::npos);

	r = client().del(API + "/health");
	ASSERT_PROBLEM(r, 405, "method_not_allowed");
	CPPUNIT_ASSERT_EQUAL(std::string("GET"), Poco::trim(r.header("Allow")));
	ASSERT_STATUS(client().get(API + "/health"), 200);
}


void HttpApiTest::testMalformedJsonIs400()
{
	User ada = signUp("ada");
	ASSERT_PROBLEM(client().post(API + "/orgs", "{\"username\": \"acme\",", ada.token), 400, "malformed_json");
	ASSERT_PROBLEM(client().post(API + "/orgs", "{username: acme}", ada.token), 400, "malformed_json");
	ASSERT_PROBLEM(client().patch(API + "/orgs/x", "}", ada.token), 400, "malformed_json");
	ASSERT_PROBLEM(client().post(API + "/accounts", "nope"), 400, "malformed_json");
	ASSERT_STATUS(client().get(API + "/health"), 200);
}


void HttpApiTest::testJsonArrayBodyIs400()
{
	User ada = signUp("ada");
	ASSERT_PROBLEM(client().post(API + "/orgs", "[{\"username\":\"acme\",\"title\":\"Acme\"}]", ada.token), 400,
	               "invalid_body");
	ASSERT_PROBLEM(client().post(API + "/orgs", "[]", ada.token), 400, "invalid_body");
	ASSERT_PROBLEM(client().post(API + "/accounts", "[\"ada\"]"), 400, "invalid_body");
}


void HttpApiTest::testJsonScalarBodyIs400()
{
	// Valid JSON texts (RFC 8259), but not objects: the body is wrong, not malformed.
	User ada = signUp("ada");
	ASSERT_PROBLEM(client().post(API + "/orgs", "\"acme\"", ada.token), 400, "invalid_body");
	ASSERT_PROBLEM(client().post(API + "/orgs", "42", ada.token), 400, "invalid_body");
	ASSERT_PROBLEM(client().post(API + "/orgs", "null", ada.token), 400, "invalid_body");
	ASSERT_PROBLEM(client().post(API + "/orgs", "true", ada.token), 400, "invalid_body");
}


void HttpApiTest::testWrongFieldTypeIs400()
{
	User ada = signUp("ada");
	ASSERT_PROBLEM(client().post(API + "/orgs", "{\"username\":\"acme\",\"title\":5}", ada.token), 400, "invalid_type");
	ASSERT_PROBLEM(client().post(API + "/orgs", "{\"username\":[\"acme\"],\"title\":\"T\"}", ada.token), 400,
	               "invalid_type");
	ASSERT_PROBLEM(client().post(API + "/orgs", "{\"username\":\"acme\",\"title\":null}", ada.token), 400,
	               "invalid_type");
	ASSERT_PROBLEM(client().post(API + "/orgs", "{\"username\":\"acme\",\"title\":\"T\",\"region\":true}", ada.token),
	               400, "invalid_type");
	ASSERT_PROBLEM(client().get(API + "/orgs/acme", "", ada.token), 404, "organization_not_found");
}


void HttpApiTest::testUnknownFieldIs400()
{
	User ada = signUp("ada");
	ASSERT_PROBLEM(
	    client().post(API + "/orgs", json({{"username", "acme"}, {"title", "T"}, {"colour", "red"}}), ada.token), 400,
	    "unknown_field");
	createOrganization(ada, "acme");
	ASSERT_PROBLEM(client().patch(API + "/orgs/acme", json({{"owner", "bob"}}), ada.token), 400, "unknown_field");
	ASSERT_PROBLEM(client().post(API + "/orgs/acme/leave", json({{"why", "bored"}}), ada.token), 400, "unknown_field");
}


void HttpApiTest::testMissingFieldIs400()
{
	User ada = signUp("ada");
	ASSERT_PROBLEM(client().post(API + "/orgs", json({{"title", "T"}}), ada.token), 400, "missing_field");
	ASSERT_PROBLEM(client().post(API + "/orgs", json({{"username", "acme"}}), ada.token), 400, "missing_field");
	ASSERT_PROBLEM(client().post(API + "/orgs", "{}", ada.token), 400, "missing_field");
}


void HttpApiTest::testEmptyBodyIs400()
{
	User ada = signUp("ada");
	ASSERT_PROBLEM(client().post(API + "/orgs", "", ada.token), 400, "missing_body");
	ASSERT_PROBLEM(client().post(API + "/orgs", "  \r\n ", ada.token), 400, "missing_body");
	ASSERT_PROBLEM(client().post(API + "/accounts", ""), 400, "missing_body");
}


void HttpApiTest::testNonJsonContentTypeIs415()
{
	User ada = signUp("ada");
	const std::string body = json({{"username", "acme"}, {"title", "Acme"}});
	for (const char* type : {"text/plain", "application/xml", "application/x-www-form-urlencoded"})
	{
		Response r = client().request("POST", API + "/orgs", body,
		                              {{"Content-Type", type}, {"Authorization", "Bearer " + ada.token}});
		checkProblem(r, 415, "unsupported_media_type", CppUnit::SourceLine(__FILE__, __LINE__));
	}
	ASSERT_PROBLEM(client().get(API + "/orgs/acme", "", ada.token), 404, "organization_not_found");

	// JSON with parameters, and a +json type, are JSON.
	Response r = client().request(
	    "POST", API + "/orgs", body,
	    {{"Content-Type", "application/json; charset=utf-8"}, {"Authorization", "Bearer " + ada.token}});
	ASSERT_STATUS(r, 201);
	r = client().request("PATCH", API + "/orgs/acme", json({{"title", "Acme Two"}}),
	                     {{"Content-Type", "application/merge-patch+json"}, {"Authorization", "Bearer " + ada.token}});
	ASSERT_STATUS(r, 200);
}


void HttpApiTest::testOversizedBodyIs413()
{
	User ada = signUp("ada");
	// One byte over the limit, sent with a Content-Length.
	const std::string head = "{\"username\":\"big\",\"title\":\"";
	const std::string tail = "\"}";
	const std::string over = head + std::string(MAX_BODY_BYTES + 1 - head.size() - tail.size(), 'x') + tail;
	CPPUNIT_ASSERT_EQUAL(MAX_BODY_BYTES + 1, over.size());
	ASSERT_PROBLEM(client().post(API + "/orgs", over, ada.token), 413, "payload_too_large");
	// A much larger one.
	ASSERT_PROBLEM(client().post(API + "/orgs", head + std::string(4 * MAX_BODY_BYTES, 'x') + tail, ada.token), 413,
	               "payload_too_large");
	// The server still answers.
	ASSERT_STATUS(client().get(API + "/health"), 200);

	// Exactly at the limit: read and judged on its content (the title is too long).
	const std::string at = head + std::string(MAX_BODY_BYTES - head.size() - tail.size(), 'x') + tail;
	CPPUNIT_ASSERT_EQUAL(MAX_BODY_BYTES, at.size());
	ASSERT_PROBLEM(client().post(API + "/orgs", at, ada.token), 400, "invalid_title");
	ASSERT_PROBLEM(client().get(API + "/orgs/big", "", ada.token), 404, "organization_not_found");
}


void HttpApiTest::testOversizedChunkedBodyIs413()
{
	User ada = signUp("ada");
	const std::string head = "{\"username\":\"big\",\"title\":\"";
	const std::string tail = "\"}";
	const HttpClient::Headers headers = {{"Content-Type", "application/json"},
	                                     {"Authorization", "Bearer " + ada.token},
	                                     {"Transfer-Encoding", "chunked"}};
	Response r = client().request(
	    "POST", API + "/orgs", head + std::string(MAX_BODY_BYTES + 1 - head.size() - tail.size(), 'x') + tail, headers);
	ASSERT_PROBLEM(r, 413, "payload_too_large");
	r = client().request("POST", API + "/orgs", head + std::string(3 * MAX_BODY_BYTES, 'x') + tail, headers);
	ASSERT_PROBLEM(r, 413, "payload_too_large");
	ASSERT_STATUS(client().get(API + "/health"), 200);

	// A small chunked body is read as usual.
	r = client().request("POST", API + "/orgs", json({{"username", "small"}, {"title", "Small"}}), headers);
	ASSERT_STATUS(r, 201);
	ASSERT_PROBLEM(client().get(API + "/orgs/big", "", ada.token), 404, "organization_not_found");
}


void HttpApiTest::testLimitOutOfRangeIs400()
{
	User ada = signUp("ada");
	createOrganization(ada, "acme");
	for (const std::string& path : {API + "/orgs", API + "/orgs/acme/members"})
	{
		for (const char* limit : {"0", "101", "abc", "-1", "10x", "1e1"})
		{
			Response r = client().get(path + "?limit=" + limit, "", ada.token);
			CPPUNIT_ASSERT_EQUAL_MESSAGE(path + "?limit=" + limit + ": " + r.describe(), 400, r.status);
			checkProblem(r, 400, "invalid_limit", CppUnit::SourceLine(__FILE__, __LINE__));
		}
		for (const char* limit : {"1", "100", "50"})
		{
			Response r = client().get(path + "?limit=" + limit, "", ada.token);
			CPPUNIT_ASSERT_EQUAL_MESSAGE(path + "?limit=" + limit + ": " + r.describe(), 200, r.status);
		}
	}
}


void HttpApiTest::testForeignCursorIs400()
{
	User ada = signUp("ada");
	createOrganization(ada, "acme");
	for (const std::string& path : {API + "/orgs", API + "/orgs/acme/members"})
	{
		// Not base64, base64 of something else, a negative key, a number.
		for (const char* cursor : {"garbage!", "aGVsbG8", "azE6LTE", "12"})
		{
			Response r = client().get(path + "?cursor=" + cursor, "", ada.token);
			CPPUNIT_ASSERT_EQUAL_MESSAGE(path + "?cursor=" + cursor + ": " + r.describe(), 400, r.status);
			checkProblem(r, 400, "invalid_cursor", CppUnit::SourceLine(__FILE__, __LINE__));
		}
		// A control character is no query value at all.
		checkProblem(client().get(path + "?cursor=%00", "", ada.token), 400, "invalid_encoding",
		             CppUnit::SourceLine(__FILE__, __LINE__));
	}
}


void HttpApiTest::testLastPageHasNoCursor()
{
	User owner = signUp("owner");
	createOrganization(owner, "acme");
	for (int i = 0; i < 9; ++i)
		addMember(owner, "acme", signUp("m" + std::to_string(i)).username);

	// Ten members: two full pages of five, and no empty third page.
	Response r = client().get(API + "/orgs/acme/members?limit=5", "", owner.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(5), items(r)->size());
	CPPUNIT_ASSERT_MESSAGE(r.body, !isNull(r.json(), "next_cursor"));
	r = client().get(API + "/orgs/acme/members?limit=5&cursor=" + text(r.json(), "next_cursor"), "", owner.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(5), items(r)->size());
	CPPUNIT_ASSERT_MESSAGE(r.body, isNull(r.json(), "next_cursor"));

	// One page of exactly the limit; the default limit holds them all.
	ASSERT_STATUS(r = client().get(API + "/orgs/acme/members?limit=10", "", owner.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(10), items(r)->size());
	CPPUNIT_ASSERT_MESSAGE(r.body, isNull(r.json(), "next_cursor"));
	ASSERT_STATUS(r = client().get(API + "/orgs/acme/members", "", owner.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(10), items(r)->size());
	CPPUNIT_ASSERT_MESSAGE(r.body, isNull(r.json(), "next_cursor"));
}
