//
// LangSmithPresetTest.h
//
// Library: OrgsTests
// Package: EndToEnd
// Module:  LangSmithPresetTest
//
// Replays the LangSmith seed (shared/seeds/004) through orgs-host with orgs.preset=langsmith.
//


#ifndef Orgs_LangSmithPresetTest_INCLUDED
#define Orgs_LangSmithPresetTest_INCLUDED


#include <cppunit/extensions/HelperMacros.h>


class LangSmithPresetTest : public CppUnit::TestFixture
	/// One test per heading of "Set up an organization | LangSmith", each replaying that
	/// heading's flow over HTTP and asserting what is allowed and what is refused.
{
	CPPUNIT_TEST_SUITE(LangSmithPresetTest);
	CPPUNIT_TEST(testCreateAnOrganization);
	CPPUNIT_TEST(testManageAndNavigateWorkspaces);
	CPPUNIT_TEST(testManageUsers);
	CPPUNIT_TEST(testOrganizationRoles);
	CPPUNIT_TEST_SUITE_END();

public:
	void testCreateAnOrganization();
	void testManageAndNavigateWorkspaces();
	void testManageUsers();
	void testOrganizationRoles();
};


#endif // Orgs_LangSmithPresetTest_INCLUDED
