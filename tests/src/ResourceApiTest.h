//
// ResourceApiTest.h
//
// Library: OrgsTests
// Package: EndToEnd
// Module:  ResourceApiTest
//
// Resources through the HTTP API: the real orgs-host with the plugin loaded by
// ClassLoader, driven over a socket, on the database ORGS_TEST_CONNECTOR names.
//


#ifndef Orgs_ResourceApiTest_INCLUDED
#define Orgs_ResourceApiTest_INCLUDED


#include "support/ApiTestCase.h"
#include <cppunit/extensions/HelperMacros.h>


class ResourceApiTest : public Orgs::Test::ApiTestCase
	/// /orgs/{org}/resources and their collaborators: the lifecycle, visibility and filters.
	/// Each test gets its own database and its own host (ApiTestCase).
{
	CPPUNIT_TEST_SUITE(ResourceApiTest);
	CPPUNIT_TEST(testResourceAndCollaboratorLifecycle);
	CPPUNIT_TEST(testResourceVisibilityAndFilters);
	CPPUNIT_TEST_SUITE_END();

public:
	void testResourceAndCollaboratorLifecycle();
	void testResourceVisibilityAndFilters();
};


#endif // Orgs_ResourceApiTest_INCLUDED
