//
// AuditApiTest.h
//
// Library: OrgsTests
// Package: EndToEnd
// Module:  AuditApiTest
//
// The audit log through the HTTP API: the real orgs-host with the plugin loaded by
// ClassLoader, driven over a socket, on the database ORGS_TEST_CONNECTOR names.
//


#ifndef Orgs_AuditApiTest_INCLUDED
#define Orgs_AuditApiTest_INCLUDED


#include "support/ApiTestCase.h"
#include <cppunit/extensions/HelperMacros.h>


class AuditApiTest : public Orgs::Test::ApiTestCase
	/// GET /orgs/{org}/audit: the events changes write, and its filters.
	/// Each test gets its own database and its own host (ApiTestCase).
{
	CPPUNIT_TEST_SUITE(AuditApiTest);
	CPPUNIT_TEST(testAuditLog);
	CPPUNIT_TEST(testAuditLogFilters);
	CPPUNIT_TEST_SUITE_END();

public:
	void testAuditLog();
	void testAuditLogFilters();
};


#endif // Orgs_AuditApiTest_INCLUDED
