//
// OpenApiTest.cpp
//
// Library: OrgsTests
// Package: EndToEnd
// Module:  OpenApiTest
//


#include "OpenApiTest.h"
#include "Runtime.h"
#include "http/Api.h"
#include "support/HttpAssert.h"
#include "support/Suites.h"
#include "support/TestRuntime.h"
#include "Poco/FileStream.h"
#include "Poco/JSON/Object.h"
#include "Poco/JSON/Parser.h"
#include "Poco/StreamCopier.h"
#include "Poco/String.h"
#include <set>
#include <string>


using Orgs::Test::HttpClient;
using Orgs::Test::TestRuntime;


ORGS_TEST_SUITE(OpenApiTest, "OpenApi", DATABASE);


namespace {


std::string sourceDocument()
{
	Poco::FileInputStream in(TestRuntime::sourceDir() + "/api/openapi.json");
	std::string text;
	Poco::StreamCopier::copyToString(in, text);
	return text;
}


std::set<std::string> documentedOperations(const std::string& document)
	/// "GET /orgs/{org}" for every operation of the document's paths.
{
	Poco::JSON::Parser parser;
	Poco::JSON::Object::Ptr pDoc = parser.parse(document).extract<Poco::JSON::Object::Ptr>();
	Poco::JSON::Object::Ptr pPaths = pDoc->getObject("paths");
	CPPUNIT_ASSERT_MESSAGE("the document has no paths", pPaths);
	std::set<std::string> operations;
	for (const auto& path : *pPaths)
	{
		Poco::JSON::Object::Ptr pItem = path.second.extract<Poco::JSON::Object::Ptr>();
		for (const char* method : {"get", "put", "post", "delete", "patch", "head", "options"})
		{
			if (pItem->has(method))
				operations.insert(Poco::toUpper(std::string(method)) + " " + path.first);
		}
	}
	return operations;
}


std::string list(const std::set<std::string>& operations)
{
	std::string text;
	for (const auto& op : operations)
		text += "\n  " + op;
	return text;
}


} // namespace


void OpenApiTest::testEveryRouteIsDescribedAndNothingElse()
{
	// The router's table as the plugin builds it, every module included, against the document
	// the plugin carries: a route added without its description fails here, and so does a
	// description left behind by a removed route.
	TestRuntime t;
	std::set<std::string> routed;
	for (const auto& route : t.runtime().api().router().routes())
		routed.insert(route.method + " " + route.pattern);
	const std::set<std::string> documented = documentedOperations(t.runtime().apiDescription()->openApiDocument());
	std::set<std::string> undocumented;
	std::set<std::string> unrouted;
	for (const auto& op : routed)
	{
		if (!documented.count(op))
			undocumented.insert(op);
	}
	for (const auto& op : documented)
	{
		if (!routed.count(op))
			unrouted.insert(op);
	}
	CPPUNIT_ASSERT_MESSAGE("routes api/openapi.json does not describe:" + list(undocumented), undocumented.empty());
	CPPUNIT_ASSERT_MESSAGE("operations of api/openapi.json no route serves:" + list(unrouted), unrouted.empty());
	CPPUNIT_ASSERT(routed.size() > 50);
}


void OpenApiTest::testPluginCarriesTheSourceDocument()
{
	TestRuntime t;
	Orgs::ApiDescription::Ptr pDescription = t.runtime().apiDescription();
	CPPUNIT_ASSERT(pDescription);
	CPPUNIT_ASSERT_MESSAGE("the plugin's document is not api/openapi.json: rebuild",
	                       pDescription->openApiDocument() == sourceDocument());
	const std::string& tag = pDescription->entityTag();
	CPPUNIT_ASSERT_MESSAGE(tag, tag.size() > 2 && tag.front() == '"' && tag.back() == '"');
}


void OpenApiTest::testServedToAnyoneWithEntityTag()
{
	// No credential at all, and a bad one, get the same document: it describes the API, not its data.
	Response r = client().get(API + "/openapi.json");
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(std::string("application/json"), r.contentType);
	CPPUNIT_ASSERT_MESSAGE("the served document is not api/openapi.json", r.body == sourceDocument());
	CPPUNIT_ASSERT_EQUAL(std::string("3.1.0"), text(r.json(), "openapi"));
	const std::string tag = r.header("ETag");
	TestRuntime t;
	CPPUNIT_ASSERT_EQUAL(t.runtime().apiDescription()->entityTag(), tag);
	CPPUNIT_ASSERT_MESSAGE(r.header("Cache-Control"), r.header("Cache-Control").find("public") != std::string::npos);
	CPPUNIT_ASSERT(!r.header("X-Request-Id").empty());

	Response bad = client().get(API + "/openapi.json", std::string(), "orgs_pat_not-a-token");
	ASSERT_STATUS(bad, 200);
	CPPUNIT_ASSERT_EQUAL(tag, bad.header("ETag"));
	ASSERT_PROBLEM(client().post(API + "/openapi.json", "{}"), 405, "method_not_allowed");
}


void OpenApiTest::testNotModifiedWhenTagMatches()
{
	const std::string tag = client().get(API + "/openapi.json").header("ETag");
	CPPUNIT_ASSERT(!tag.empty());
	for (const std::string& ifNoneMatch : {tag, "W/" + tag, "\"other\", " + tag, std::string("*")})
	{
		Response r = client().request("GET", API + "/openapi.json", std::string(), {{"If-None-Match", ifNoneMatch}});
		CPPUNIT_ASSERT_EQUAL_MESSAGE(ifNoneMatch, 304, r.status);
		CPPUNIT_ASSERT(r.body.empty());
		CPPUNIT_ASSERT_EQUAL(tag, r.header("ETag"));
	}
	Response r = client().request("GET", API + "/openapi.json", std::string(), {{"If-None-Match", "\"other\""}});
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT(!r.body.empty());
}
