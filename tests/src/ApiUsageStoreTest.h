//
// ApiUsageStoreTest.h
//
// Library: OrgsTests
// Package: Service
// Module:  ApiUsageStoreTest
//


#ifndef Orgs_ApiUsageStoreTest_INCLUDED
#define Orgs_ApiUsageStoreTest_INCLUDED


#include <cppunit/extensions/HelperMacros.h>


class ApiUsageStoreTest : public CppUnit::TestFixture
	/// The API request counter on both databases: flushes add up (also from two processes),
	/// months roll over, a deleted organization's counts are dropped, and requests through
	/// the real host are counted for the organization they address.
{
	CPPUNIT_TEST_SUITE(ApiUsageStoreTest);
	CPPUNIT_TEST(testFlushAddsToTheTable);
	CPPUNIT_TEST(testTwoCountersAddUp);
	CPPUNIT_TEST(testMonthRollover);
	CPPUNIT_TEST(testDeletedOrganizationIsDropped);
	CPPUNIT_TEST(testRuntimeFlushesWhenItStops);
	CPPUNIT_TEST(testHostCountsRequestsPerOrganization);
	CPPUNIT_TEST(testEachRequestCountsOnceForItsOrganization);
	CPPUNIT_TEST_SUITE_END();

public:
	void testFlushAddsToTheTable();
	void testTwoCountersAddUp();
	void testMonthRollover();
	void testDeletedOrganizationIsDropped();
	void testRuntimeFlushesWhenItStops();
	void testHostCountsRequestsPerOrganization();
	void testEachRequestCountsOnceForItsOrganization();
		/// The API resolves the organization of the path for the caller and counts the request
		/// once for it: not again when the handler resolves it once more (by username or by
		/// id), still when the handler then ends the membership, not for another request
		/// running at the same time on another thread, never for a non-member.
};


#endif // Orgs_ApiUsageStoreTest_INCLUDED
