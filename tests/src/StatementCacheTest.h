//
// StatementCacheTest.h
//
// Library: OrgsTests
// Package: Data
// Module:  StatementCacheTest
//


#ifndef Orgs_StatementCacheTest_INCLUDED
#define Orgs_StatementCacheTest_INCLUDED


#include <cppunit/extensions/HelperMacros.h>


class StatementCacheTest : public CppUnit::TestFixture
	/// Prepared SELECTs kept per connection: reused, correct for every value, dropped on failure.
{
	CPPUNIT_TEST_SUITE(StatementCacheTest);
	CPPUNIT_TEST(testOneStatementServesEveryValue);
	CPPUNIT_TEST(testEachConnectionPreparesItsOwn);
	CPPUNIT_TEST(testFailuresAreNotCached);
	CPPUNIT_TEST(testWorksInsideTransactions);
	CPPUNIT_TEST_SUITE_END();

public:
	void testOneStatementServesEveryValue();
	void testEachConnectionPreparesItsOwn();
	void testFailuresAreNotCached();
	void testWorksInsideTransactions();
};


#endif // Orgs_StatementCacheTest_INCLUDED
