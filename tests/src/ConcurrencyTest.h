//
// ConcurrencyTest.h
//
// Library: OrgsTests
// Package: Service
// Module:  ConcurrencyTest
//


#ifndef Orgs_ConcurrencyTest_INCLUDED
#define Orgs_ConcurrencyTest_INCLUDED


#include <cppunit/extensions/HelperMacros.h>


class ConcurrencyTest : public CppUnit::TestFixture
	/// Races on the service interfaces of one runtime (threads released together by a start
	/// gate, each race repeated) and between two orgs-host processes on one database:
	/// exactly one winner, the others a typed conflict, and the invariants hold afterwards.
{
	CPPUNIT_TEST_SUITE(ConcurrencyTest);
	CPPUNIT_TEST(testAddSameMemberOnce);
	CPPUNIT_TEST(testCreateSameOrganizationUsernameOnce);
	CPPUNIT_TEST(testAccountAndOrganizationRaceForOneUsername);
	CPPUNIT_TEST(testConcurrentTransfersLeaveOneOwner);
	CPPUNIT_TEST(testRemoveOrLeaveWhileTransferringToThem);
	CPPUNIT_TEST(testTwoHostsRaceToCreateOneUsername);
	CPPUNIT_TEST(testWritesOutsideTransactionsAreCommitted);
	CPPUNIT_TEST(testConcurrentAddsToOneOrganizationAllSucceed);
	CPPUNIT_TEST(testSecondHostSeesCommittedChanges);
	CPPUNIT_TEST(testAsManyConcurrentCallsAsSessions);
	CPPUNIT_TEST(testCallersWaitForAFreeSession);
	CPPUNIT_TEST_SUITE_END();

public:
	void testAddSameMemberOnce();
	void testCreateSameOrganizationUsernameOnce();
	void testAccountAndOrganizationRaceForOneUsername();
	void testConcurrentTransfersLeaveOneOwner();
	void testRemoveOrLeaveWhileTransferringToThem();
	void testTwoHostsRaceToCreateOneUsername();
	void testWritesOutsideTransactionsAreCommitted();
	void testConcurrentAddsToOneOrganizationAllSucceed();
	void testSecondHostSeesCommittedChanges();
	void testAsManyConcurrentCallsAsSessions();
	void testCallersWaitForAFreeSession();
};


#endif // Orgs_ConcurrencyTest_INCLUDED
