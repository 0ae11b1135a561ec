//
// ApiUsageTest.h
//
// Library: OrgsTests
// Package: Service
// Module:  ApiUsageTest
//


#ifndef Orgs_ApiUsageTest_INCLUDED
#define Orgs_ApiUsageTest_INCLUDED


#include <cppunit/extensions/HelperMacros.h>


class ApiUsageTest : public CppUnit::TestFixture
	/// The in-memory API request counter without a schema: months, threads, rollover, and a
	/// flush that fails keeping its counts (which request counts: ApiUsageStoreTest).
{
	CPPUNIT_TEST_SUITE(ApiUsageTest);
	CPPUNIT_TEST(testMonthOfMatchesCalendar);
	CPPUNIT_TEST(testCountsFromSeveralThreads);
	CPPUNIT_TEST(testMonthRollover);
	CPPUNIT_TEST(testFailedFlushKeepsCounts);
	CPPUNIT_TEST(testSettings);
	CPPUNIT_TEST_SUITE_END();

public:
	void testMonthOfMatchesCalendar();
	void testCountsFromSeveralThreads();
	void testMonthRollover();
	void testFailedFlushKeepsCounts();
	void testSettings();
		/// orgs.usage.flushSeconds and the orgs.organizations.personal* keys.
};


#endif // Orgs_ApiUsageTest_INCLUDED
