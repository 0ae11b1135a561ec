//
// WorkspaceApiTest.h
//
// Library: OrgsTests
// Package: EndToEnd
// Module:  WorkspaceApiTest
//
// Workspaces through the HTTP API: the real orgs-host with the plugin loaded by
// ClassLoader, driven over a socket, on the database ORGS_TEST_CONNECTOR names.
//


#ifndef Orgs_WorkspaceApiTest_INCLUDED
#define Orgs_WorkspaceApiTest_INCLUDED


#include "support/ApiTestCase.h"
#include <cppunit/extensions/HelperMacros.h>


class WorkspaceApiTest : public Orgs::Test::ApiTestCase
	/// /orgs/{org}/workspaces and their members: the lifecycle, who sees which workspace, errors.
	/// Each test gets its own database and its own host (ApiTestCase).
{
	CPPUNIT_TEST_SUITE(WorkspaceApiTest);
	CPPUNIT_TEST(testWorkspaceLifecycle);
	CPPUNIT_TEST(testWorkspaceVisibilityAndErrors);
	CPPUNIT_TEST_SUITE_END();

public:
	void testWorkspaceLifecycle();
	void testWorkspaceVisibilityAndErrors();
};


#endif // Orgs_WorkspaceApiTest_INCLUDED
