//
// MetricsTest.h
//
// Library: OrgsTests
// Package: Metrics
// Module:  MetricsTest
//


#ifndef Orgs_MetricsTest_INCLUDED
#define Orgs_MetricsTest_INCLUDED


#include <cppunit/extensions/HelperMacros.h>


class MetricsTest : public CppUnit::TestFixture
	/// The metrics on their own (no database): the registry's families and series, the text
	/// format's escaping and numbers (checked by Prometheus's own parser), histogram buckets,
	/// the sharded counter's sums across threads (more threads than shards) without
	/// allocation, and the constant-time comparison of the scrape token.
{
	CPPUNIT_TEST_SUITE(MetricsTest);
	CPPUNIT_TEST(testCountersByLabels);
	CPPUNIT_TEST(testNamesAreChecked);
	CPPUNIT_TEST(testLabelValuesAndHelpAreEscaped);
	CPPUNIT_TEST(testNumbers);
	CPPUNIT_TEST(testHistogramBuckets);
	CPPUNIT_TEST(testCollectorsAreReadAtEachScrape);
	CPPUNIT_TEST(testAFailingCollectorLeavesTheOthers);
	CPPUNIT_TEST(testShardedCounterSumsEveryThread);
	CPPUNIT_TEST(testShardedCounterDoesNotAllocate);
	CPPUNIT_TEST(testSecretsCompare);
	CPPUNIT_TEST_SUITE_END();

public:
	void testCountersByLabels();
	void testNamesAreChecked();
	void testLabelValuesAndHelpAreEscaped();
	void testNumbers();
	void testHistogramBuckets();
	void testCollectorsAreReadAtEachScrape();
	void testAFailingCollectorLeavesTheOthers();
	void testShardedCounterSumsEveryThread();
	void testShardedCounterDoesNotAllocate();
	void testSecretsCompare();
};


#endif // Orgs_MetricsTest_INCLUDED
