//
// PersonalOrganizationTest.h
//
// Library: OrgsTests
// Package: Service
// Module:  PersonalOrganizationTest
//


#ifndef Orgs_PersonalOrganizationTest_INCLUDED
#define Orgs_PersonalOrganizationTest_INCLUDED


#include "support/TestRuntime.h"
#include <cppunit/extensions/HelperMacros.h>
#include <memory>


class PersonalOrganizationTest : public CppUnit::TestFixture
	/// Personal organizations (orgs.organizations.personalOnSignup and personalAllowsMembers),
	/// the active organization of an account, and further organizations of a member of others.
{
	CPPUNIT_TEST_SUITE(PersonalOrganizationTest);
	CPPUNIT_TEST(testOffByDefault);
	CPPUNIT_TEST(testEveryNewAccountGetsOne);
	CPPUNIT_TEST(testUsernameDerivation);
	CPPUNIT_TEST(testUsernameCollisionsTakeTheNextSuffix);
	CPPUNIT_TEST(testTitle);
	CPPUNIT_TEST(testDefaultWorkspace);
	CPPUNIT_TEST(testRefusesMembers);
	CPPUNIT_TEST(testAllowsMembersWhenConfigured);
	CPPUNIT_TEST(testFailedSignUpLeavesNothing);
	CPPUNIT_TEST(testFurtherOrganizationsWhileMemberOfOthers);
	CPPUNIT_TEST(testActiveOrganization);
	CPPUNIT_TEST(testActiveOrganizationNeedsMembership);
	CPPUNIT_TEST(testLeavingHidesTheActiveOrganization);
	CPPUNIT_TEST(testDeletingClearsTheActiveOrganization);
	CPPUNIT_TEST_SUITE_END();

public:
	void tearDown() override;

	void testOffByDefault();
	void testEveryNewAccountGetsOne();
	void testUsernameDerivation();
	void testUsernameCollisionsTakeTheNextSuffix();
	void testTitle();
	void testDefaultWorkspace();
	void testRefusesMembers();
	void testAllowsMembersWhenConfigured();
	void testFailedSignUpLeavesNothing();
	void testFurtherOrganizationsWhileMemberOfOthers();
	void testActiveOrganization();
	void testActiveOrganizationNeedsMembership();
	void testLeavingHidesTheActiveOrganization();
	void testDeletingClearsTheActiveOrganization();

private:
	Orgs::Test::TestRuntime& start(const Orgs::Test::TestRuntime::Settings& settings);

	std::unique_ptr<Orgs::Test::TestRuntime> _pRuntime;
};


#endif // Orgs_PersonalOrganizationTest_INCLUDED
