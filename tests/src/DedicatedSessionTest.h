//
// DedicatedSessionTest.h
//
// Library: OrgsTests
// Package: Data
// Module:  DedicatedSessionTest
//


#ifndef Orgs_DedicatedSessionTest_INCLUDED
#define Orgs_DedicatedSessionTest_INCLUDED


#include <cppunit/extensions/HelperMacros.h>


class DedicatedSessionTest : public CppUnit::TestFixture
	/// A sender thread's own session: a claim another writer holds is lost, not an error.
{
	CPPUNIT_TEST_SUITE(DedicatedSessionTest);
	CPPUNIT_TEST(testClaimHeldByAnotherWriterIsLost);
	CPPUNIT_TEST(testOtherFailuresStillThrow);
	CPPUNIT_TEST_SUITE_END();

public:
	void testClaimHeldByAnotherWriterIsLost();
	void testOtherFailuresStillThrow();
};


#endif // Orgs_DedicatedSessionTest_INCLUDED
