//
// MembershipApiTest.h
//
// Library: OrgsTests
// Package: EndToEnd
// Module:  MembershipApiTest
//
// Members of an organization through the HTTP API: the real orgs-host with the plugin loaded by
// ClassLoader, driven over a socket, on the database ORGS_TEST_CONNECTOR names.
//


#ifndef Orgs_MembershipApiTest_INCLUDED
#define Orgs_MembershipApiTest_INCLUDED


#include "support/ApiTestCase.h"
#include <cppunit/extensions/HelperMacros.h>


class MembershipApiTest : public Orgs::Test::ApiTestCase
	/// /orgs/{org}/members, leave and transfer-ownership: adding with a default or given role,
	/// listing with filters and pages, changing roles, the owner's immutable membership, leaving,
	/// and transferring ownership.
	/// Each test gets its own database and its own host (ApiTestCase).
{
	CPPUNIT_TEST_SUITE(MembershipApiTest);
	CPPUNIT_TEST(testAddMemberWithDefaultOrExplicitRole);
	CPPUNIT_TEST(testAddMemberErrors);
	CPPUNIT_TEST(testListMembersFiltersByRoleAndSearch);
	CPPUNIT_TEST(testMemberReadsOwnAndOtherMemberships);
	CPPUNIT_TEST(testChangeRole);
	CPPUNIT_TEST(testOwnerMembershipIsImmutable);
	CPPUNIT_TEST(testMemberLeaves);
	CPPUNIT_TEST(testTransferOwnershipNeedsAMember);
	CPPUNIT_TEST(testTransferOwnership);
	CPPUNIT_TEST(testAdminCannotTransferOwnership);
	CPPUNIT_TEST(testMemberPagesNeitherSkipNorRepeat);
	CPPUNIT_TEST_SUITE_END();

public:
	void testAddMemberWithDefaultOrExplicitRole();
	void testAddMemberErrors();
	void testListMembersFiltersByRoleAndSearch();
	void testMemberReadsOwnAndOtherMemberships();
	void testChangeRole();
	void testOwnerMembershipIsImmutable();
	void testMemberLeaves();
	void testTransferOwnershipNeedsAMember();
	void testTransferOwnership();
	void testAdminCannotTransferOwnership();
	void testMemberPagesNeitherSkipNorRepeat();
};


#endif // Orgs_MembershipApiTest_INCLUDED
