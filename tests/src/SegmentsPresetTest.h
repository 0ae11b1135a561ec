//
// SegmentsPresetTest.h
//
// Library: OrgsTests
// Package: EndToEnd
// Module:  SegmentsPresetTest
//
// Seeds 000 and 001 (Segments.ai, "Create an organization") replayed through orgs-host with
// orgs.preset = segments.
//


#ifndef Orgs_SegmentsPresetTest_INCLUDED
#define Orgs_SegmentsPresetTest_INCLUDED


#include <cppunit/extensions/HelperMacros.h>


class SegmentsPresetTest : public CppUnit::TestFixture
	/// One test per heading of the seed document, each doing that heading's flow over HTTP step
	/// by step and asserting every rule it states, allowed and refused, on both databases.
{
	CPPUNIT_TEST_SUITE(SegmentsPresetTest);
	CPPUNIT_TEST(testCreateAnOrganization);
	CPPUNIT_TEST(testCreateADatasetWithinAnOrganization);
	CPPUNIT_TEST(testManageOrganizationMembers);
	CPPUNIT_TEST(testOrganizationRole);
	CPPUNIT_TEST(testDefaultDatasetRole);
	CPPUNIT_TEST(testLeaveAnOrganization);
	CPPUNIT_TEST(testNoSso);
	CPPUNIT_TEST_SUITE_END();

public:
	void testCreateAnOrganization();
	void testCreateADatasetWithinAnOrganization();
	void testManageOrganizationMembers();
	void testOrganizationRole();
	void testDefaultDatasetRole();
	void testLeaveAnOrganization();
	void testNoSso();
		/// Segments.ai has no SSO: no role holds sso.manage, and the routes are off even for the owner.
};


#endif // Orgs_SegmentsPresetTest_INCLUDED
