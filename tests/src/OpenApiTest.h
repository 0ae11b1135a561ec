//
// OpenApiTest.h
//
// Library: OrgsTests
// Package: EndToEnd
// Module:  OpenApiTest
//
// The OpenAPI document: it names exactly the routes the plugin has, and the plugin serves it.
//


#ifndef Orgs_OpenApiTest_INCLUDED
#define Orgs_OpenApiTest_INCLUDED


#include "support/ApiTestCase.h"
#include <cppunit/extensions/HelperMacros.h>


class OpenApiTest : public Orgs::Test::ApiTestCase
	/// api/openapi.json against the running code: the router's table and the document's
	/// operations are the same (method and path template, both ways), the plugin carries the
	/// file as it is in the source tree, serves it to anyone with an ETag, and publishes it
	/// in-process as Orgs::ApiDescription. (Every answer the other suites get is checked against
	/// the document by the ctest entry contract.responses; the document itself by
	/// contract.document and README's table by contract.readme.)
{
	CPPUNIT_TEST_SUITE(OpenApiTest);
	CPPUNIT_TEST(testEveryRouteIsDescribedAndNothingElse);
	CPPUNIT_TEST(testPluginCarriesTheSourceDocument);
	CPPUNIT_TEST(testServedToAnyoneWithEntityTag);
	CPPUNIT_TEST(testNotModifiedWhenTagMatches);
	CPPUNIT_TEST_SUITE_END();

public:
	void testEveryRouteIsDescribedAndNothingElse();
	void testPluginCarriesTheSourceDocument();
	void testServedToAnyoneWithEntityTag();
	void testNotModifiedWhenTagMatches();
};


#endif // Orgs_OpenApiTest_INCLUDED
