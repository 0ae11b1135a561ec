//
// ConfigurationTest.h
//
// Library: OrgsTests
// Package: Config
// Module:  ConfigurationTest
//


#ifndef Orgs_ConfigurationTest_INCLUDED
#define Orgs_ConfigurationTest_INCLUDED


#include <cppunit/extensions/HelperMacros.h>


class ConfigurationTest : public CppUnit::TestFixture
	/// The rules that tie keys of different files together, checked once at start by
	/// Config::Configuration, and every shipped preset against them.
{
	CPPUNIT_TEST_SUITE(ConfigurationTest);
	CPPUNIT_TEST(testEveryShippedPresetHoldsTogether);
	CPPUNIT_TEST(testPlanMemberRoleIsAnOrganizationRole);
	CPPUNIT_TEST(testLinkRoleIsAnOrganizationRole);
	CPPUNIT_TEST(testWorkspaceKeysNeedWorkspaceRoles);
	CPPUNIT_TEST(testMembershipRequiredNeedsADefaultWorkspace);
	CPPUNIT_TEST_SUITE_END();

public:
	void testEveryShippedPresetHoldsTogether();
	void testPlanMemberRoleIsAnOrganizationRole();
	void testLinkRoleIsAnOrganizationRole();
	void testWorkspaceKeysNeedWorkspaceRoles();
	void testMembershipRequiredNeedsADefaultWorkspace();
};


#endif // Orgs_ConfigurationTest_INCLUDED
