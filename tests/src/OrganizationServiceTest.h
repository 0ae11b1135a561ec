//
// OrganizationServiceTest.h
//
// Library: OrgsTests
// Package: Service
// Module:  OrganizationServiceTest
//


#ifndef Orgs_OrganizationServiceTest_INCLUDED
#define Orgs_OrganizationServiceTest_INCLUDED


#include "support/TestRuntime.h"
#include <cppunit/extensions/HelperMacros.h>
#include <memory>


class OrganizationServiceTest : public CppUnit::TestFixture
	/// Creating, reading, listing, changing, deleting organizations and transferring ownership.
{
	CPPUNIT_TEST_SUITE(OrganizationServiceTest);
	CPPUNIT_TEST(testCreatorBecomesOwnerAndMember);
	CPPUNIT_TEST(testRegions);
	CPPUNIT_TEST(testInvalidOrganizationsWriteNothing);
	CPPUNIT_TEST(testNonMemberCannotTellExistingFromMissing);
	CPPUNIT_TEST(testListMineIsKeysetPaginated);
	CPPUNIT_TEST(testRenameFreesTheOldUsername);
	CPPUNIT_TEST(testChangeElsewhereIsSeenWithinTheStalenessBound);
	CPPUNIT_TEST(testRegionIsImmutable);
	CPPUNIT_TEST(testUpdateNeedsPermission);
	CPPUNIT_TEST(testPlanNeedsBillingManage);
	CPPUNIT_TEST(testOnlyTheOwnerDeletes);
	CPPUNIT_TEST(testTransferOwnership);
	CPPUNIT_TEST(testTransferNeedsAMember);
	CPPUNIT_TEST(testAccessControlFollowsRoles);
	CPPUNIT_TEST_SUITE_END();

public:
	void setUp() override;
	void tearDown() override;

	void testCreatorBecomesOwnerAndMember();
	void testRegions();
	void testInvalidOrganizationsWriteNothing();
	void testNonMemberCannotTellExistingFromMissing();
	void testListMineIsKeysetPaginated();
	void testRenameFreesTheOldUsername();
	void testChangeElsewhereIsSeenWithinTheStalenessBound();
	void testRegionIsImmutable();
	void testUpdateNeedsPermission();
	void testPlanNeedsBillingManage();
	void testOnlyTheOwnerDeletes();
	void testTransferOwnership();
	void testTransferNeedsAMember();
	void testAccessControlFollowsRoles();

private:
	std::unique_ptr<Orgs::Test::TestRuntime> _pRuntime;
};


#endif // Orgs_OrganizationServiceTest_INCLUDED
