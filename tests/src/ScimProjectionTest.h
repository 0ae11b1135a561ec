//
// ScimProjectionTest.h
//
// Library: OrgsTests
// Package: Scim
// Module:  ScimProjectionTest
//


#ifndef Orgs_ScimProjectionTest_INCLUDED
#define Orgs_ScimProjectionTest_INCLUDED


#include <cppunit/extensions/HelperMacros.h>


class ScimProjectionTest : public CppUnit::TestFixture
	/// The attributes and excludedAttributes parameters (RFC 7644 §3.9), without a database.
{
	CPPUNIT_TEST_SUITE(ScimProjectionTest);
	CPPUNIT_TEST(testDefault);
	CPPUNIT_TEST(testAttributes);
	CPPUNIT_TEST(testSubAttributes);
	CPPUNIT_TEST(testExcludedAttributes);
	CPPUNIT_TEST(testExtension);
	CPPUNIT_TEST(testWants);
	CPPUNIT_TEST(testUnknownAndInvalidNames);
	CPPUNIT_TEST_SUITE_END();

public:
	void testDefault();
	void testAttributes();
		/// Only those asked for, plus id, schemas and meta.
	void testSubAttributes();
	void testExcludedAttributes();
		/// Entra reads groups with excludedAttributes=members; id and meta cannot be excluded.
	void testExtension();
		/// URN-qualified names; the extension's URN leaves "schemas" with its last attribute.
	void testWants();
	void testUnknownAndInvalidNames();
};


#endif // Orgs_ScimProjectionTest_INCLUDED
