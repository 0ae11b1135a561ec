//
// SecretBoxTest.h
//
// Library: OrgsTests
// Package: Service
// Module:  SecretBoxTest
//


#ifndef Orgs_SecretBoxTest_INCLUDED
#define Orgs_SecretBoxTest_INCLUDED


#include <cppunit/extensions/HelperMacros.h>


class SecretBoxTest : public CppUnit::TestFixture
	/// Stored secrets sealed with AES-256-GCM: they open with their key and context only.
{
	CPPUNIT_TEST_SUITE(SecretBoxTest);
	CPPUNIT_TEST(testSealedOpensWithItsKeyAndContextOnly);
	CPPUNIT_TEST(testAlteredValuesDoNotOpen);
	CPPUNIT_TEST(testWithoutKeyNothingIsSealed);
	CPPUNIT_TEST(testKeyFiles);
	CPPUNIT_TEST_SUITE_END();

public:
	void testSealedOpensWithItsKeyAndContextOnly();
	void testAlteredValuesDoNotOpen();
	void testWithoutKeyNothingIsSealed();
	void testKeyFiles();
};


#endif // Orgs_SecretBoxTest_INCLUDED
