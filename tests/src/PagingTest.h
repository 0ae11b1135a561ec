//
// PagingTest.h
//
// Library: OrgsTests
// Package: Service
// Module:  PagingTest
//


#ifndef Orgs_PagingTest_INCLUDED
#define Orgs_PagingTest_INCLUDED


#include <cppunit/extensions/HelperMacros.h>


class PagingTest : public CppUnit::TestFixture
	/// Limits and opaque cursors.
{
	CPPUNIT_TEST_SUITE(PagingTest);
	CPPUNIT_TEST(testLimits);
	CPPUNIT_TEST(testCursorRoundTrip);
	CPPUNIT_TEST(testForeignCursorsAreRefused);
	CPPUNIT_TEST(testPageFromRows);
	CPPUNIT_TEST_SUITE_END();

public:
	void testLimits();
	void testCursorRoundTrip();
	void testForeignCursorsAreRefused();
	void testPageFromRows();
};


#endif // Orgs_PagingTest_INCLUDED
