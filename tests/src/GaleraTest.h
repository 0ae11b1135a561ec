//
// GaleraTest.h
//
// Library: OrgsTests
// Package: Data
// Module:  GaleraTest
//


#ifndef Orgs_GaleraTest_INCLUDED
#define Orgs_GaleraTest_INCLUDED


#include <cppunit/extensions/HelperMacros.h>


class GaleraTest : public CppUnit::TestFixture
	/// What running on a MariaDB Galera cluster adds, on the private three-node cluster of
	/// scripts/galera.sh with hosts on different nodes: read-your-writes across hosts, a
	/// revocation reaching every host within maxStaleness, the invariants under racing hosts,
	/// certification conflicts retried, one migration run across nodes, and a host moving to
	/// another node when its node is killed, and back once it rejoined.
{
	CPPUNIT_TEST_SUITE(GaleraTest);
	CPPUNIT_TEST(testHostsOnThreeNodesReadTheirWrites);
	CPPUNIT_TEST(testRevocationReachesHostsOnOtherNodes);
	CPPUNIT_TEST(testInvariantsHoldUnderRacingHosts);
	CPPUNIT_TEST(testCertificationConflictsAreRetried);
	CPPUNIT_TEST(testTransactionEndedUnseenIsRunAgain);
	CPPUNIT_TEST(testTransactionsReadWhatOtherNodesCommitted);
	CPPUNIT_TEST(testUsageCountsDoNotCollideWithOrganizationChanges);
	CPPUNIT_TEST(testMigratorsOnThreeNodesApplyEachMigrationOnce);
	CPPUNIT_TEST(testHostMovesToAnotherNodeAndBack);
	CPPUNIT_TEST_SUITE_END();

public:
	void testHostsOnThreeNodesReadTheirWrites();
	void testRevocationReachesHostsOnOtherNodes();
	void testInvariantsHoldUnderRacingHosts();
	void testCertificationConflictsAreRetried();
	void testTransactionEndedUnseenIsRunAgain();
	void testTransactionsReadWhatOtherNodesCommitted();
	void testUsageCountsDoNotCollideWithOrganizationChanges();
	void testMigratorsOnThreeNodesApplyEachMigrationOnce();
	void testHostMovesToAnotherNodeAndBack();
};


#endif // Orgs_GaleraTest_INCLUDED
