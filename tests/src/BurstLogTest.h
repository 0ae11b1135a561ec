//
// BurstLogTest.h
//
// Library: OrgsTests
// Package: Http
// Module:  BurstLogTest
//


#ifndef Orgs_BurstLogTest_INCLUDED
#define Orgs_BurstLogTest_INCLUDED


#include <cppunit/extensions/HelperMacros.h>


class BurstLogTest : public CppUnit::TestFixture
	/// The log of recurring errors: once per burst, with a summary when the window ends.
{
	CPPUNIT_TEST_SUITE(BurstLogTest);
	CPPUNIT_TEST(testRepeatsAreCountedAndSummarised);
	CPPUNIT_TEST(testDistinctCausesAreLoggedAtOnce);
	CPPUNIT_TEST(testNextBurstIsLoggedAgain);
	CPPUNIT_TEST(testDestructorSummarises);
	CPPUNIT_TEST(testZeroWindowLogsEach);
	CPPUNIT_TEST(testKeysAreBounded);
	CPPUNIT_TEST_SUITE_END();

public:
	void testRepeatsAreCountedAndSummarised();
		/// 1,000 identical errors: one line at once, one summary line when the window ends.

	void testDistinctCausesAreLoggedAtOnce();
	void testNextBurstIsLoggedAgain();
	void testDestructorSummarises();
	void testZeroWindowLogsEach();

	void testKeysAreBounded();
		/// Beyond MAX_KEYS distinct keys in a window, the rest share one burst.
};


#endif // Orgs_BurstLogTest_INCLUDED
