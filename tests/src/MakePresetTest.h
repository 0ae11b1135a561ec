//
// MakePresetTest.h
//
// Library: OrgsTests
// Package: EndToEnd
// Module:  MakePresetTest
//
// Seed 003 (Make, "Organizations & teams") replayed through orgs-host with orgs.preset = make.
//


#ifndef Orgs_MakePresetTest_INCLUDED
#define Orgs_MakePresetTest_INCLUDED


#include <cppunit/extensions/HelperMacros.h>


class MakePresetTest : public CppUnit::TestFixture
	/// One test per heading of the seed document, each doing that heading's flow over HTTP step
	/// by step and asserting every rule it states, allowed and refused, on both databases.
{
	CPPUNIT_TEST_SUITE(MakePresetTest);
	CPPUNIT_TEST(testOrganizations);
	CPPUNIT_TEST(testCreateAnOrganization);
	CPPUNIT_TEST(testAddUsersToAnOrganization);
	CPPUNIT_TEST(testRemoveAUser);
	CPPUNIT_TEST(testOrganizationRoles);
	CPPUNIT_TEST(testEveryUserIsInATeam);
	CPPUNIT_TEST(testSwitchOrganizations);
	CPPUNIT_TEST(testTransferOwnership);
	CPPUNIT_TEST_SUITE_END();

public:
	void testOrganizations();
	void testCreateAnOrganization();
	void testAddUsersToAnOrganization();
	void testRemoveAUser();
	void testOrganizationRoles();
	void testEveryUserIsInATeam();
	void testSwitchOrganizations();
	void testTransferOwnership();
};


#endif // Orgs_MakePresetTest_INCLUDED
