//
// HttpApiTest.h
//
// Library: OrgsTests
// Package: EndToEnd
// Module:  HttpApiTest
//
// The HTTP layer itself, whatever the resource through the HTTP API: the real orgs-host with the plugin loaded by
// ClassLoader, driven over a socket, on the database ORGS_TEST_CONNECTOR names.
//


#ifndef Orgs_HttpApiTest_INCLUDED
#define Orgs_HttpApiTest_INCLUDED


#include "support/ApiTestCase.h"
#include <cppunit/extensions/HelperMacros.h>


class HttpApiTest : public Orgs::Test::ApiTestCase
	/// What every route shares: the health route, unknown paths and methods, request bodies (JSON
	/// only, objects only, typed and known fields, a size limit) and list paging (limit, cursor).
	/// Each test gets its own database and its own host (ApiTestCase).
{
	CPPUNIT_TEST_SUITE(HttpApiTest);
	CPPUNIT_TEST(testHealthNeedsNoAuthentication);
	CPPUNIT_TEST(testUnknownApiPathIsProblem404);
	CPPUNIT_TEST(testUnknownPathOutsideApiIsProblem404FromHost);
	CPPUNIT_TEST(testWrongMethodIs405WithAllow);
	CPPUNIT_TEST(testMalformedJsonIs400);
	CPPUNIT_TEST(testJsonArrayBodyIs400);
	CPPUNIT_TEST(testJsonScalarBodyIs400);
	CPPUNIT_TEST(testWrongFieldTypeIs400);
	CPPUNIT_TEST(testUnknownFieldIs400);
	CPPUNIT_TEST(testMissingFieldIs400);
	CPPUNIT_TEST(testEmptyBodyIs400);
	CPPUNIT_TEST(testNonJsonContentTypeIs415);
	CPPUNIT_TEST(testOversizedBodyIs413);
	CPPUNIT_TEST(testOversizedChunkedBodyIs413);
	CPPUNIT_TEST(testLimitOutOfRangeIs400);
	CPPUNIT_TEST(testForeignCursorIs400);
	CPPUNIT_TEST(testLastPageHasNoCursor);
	CPPUNIT_TEST_SUITE_END();

public:
	void testHealthNeedsNoAuthentication();
	void testUnknownApiPathIsProblem404();
	void testUnknownPathOutsideApiIsProblem404FromHost();
	void testWrongMethodIs405WithAllow();
	void testMalformedJsonIs400();
	void testJsonArrayBodyIs400();
	void testJsonScalarBodyIs400();
	void testWrongFieldTypeIs400();
	void testUnknownFieldIs400();
	void testMissingFieldIs400();
	void testEmptyBodyIs400();
	void testNonJsonContentTypeIs415();
	void testOversizedBodyIs413();
	void testOversizedChunkedBodyIs413();
	void testLimitOutOfRangeIs400();
	void testForeignCursorIs400();
	void testLastPageHasNoCursor();
};


#endif // Orgs_HttpApiTest_INCLUDED
