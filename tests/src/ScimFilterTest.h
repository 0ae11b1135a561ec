//
// ScimFilterTest.h
//
// Library: OrgsTests
// Package: Scim
// Module:  ScimFilterTest
//


#ifndef Orgs_ScimFilterTest_INCLUDED
#define Orgs_ScimFilterTest_INCLUDED


#include <cppunit/extensions/HelperMacros.h>


class ScimFilterTest : public CppUnit::TestFixture
	/// SCIM filters (RFC 7644 §3.4.2.2) and the attribute table behind them, without a database.
{
	CPPUNIT_TEST_SUITE(ScimFilterTest);
	CPPUNIT_TEST(testSchemaLookup);
	CPPUNIT_TEST(testComparisonOperators);
	CPPUNIT_TEST(testCaseRules);
	CPPUNIT_TEST(testLogicalOperators);
	CPPUNIT_TEST(testValuePaths);
	CPPUNIT_TEST(testQualifiedPaths);
	CPPUNIT_TEST(testTypes);
	CPPUNIT_TEST(testStrings);
	CPPUNIT_TEST(testIgnoredAttributes);
	CPPUNIT_TEST(testIndexedEquality);
	CPPUNIT_TEST(testEqualities);
	CPPUNIT_TEST(testInvalidFilters);
	CPPUNIT_TEST(testCanonicalText);
	CPPUNIT_TEST_SUITE_END();

public:
	void testSchemaLookup();
		/// Paths resolve ignoring case, with or without their URN; unknown, ignored and too deep
		/// paths are told apart.
	void testComparisonOperators();
	void testCaseRules();
		/// Operators and names ignore case; values follow the attribute's caseExact.
	void testLogicalOperators();
		/// "and" binds tighter than "or"; not(...) and parentheses.
	void testValuePaths();
		/// emails[type eq "work"].value eq "x" needs one element with both.
	void testQualifiedPaths();
	void testTypes();
		/// Booleans, dateTimes, null, pr on empty values; operators a type refuses.
	void testStrings();
		/// JSON string escapes in values.
	void testIgnoredAttributes();
	void testIndexedEquality();
	void testEqualities();
	void testInvalidFilters();
	void testCanonicalText();
};


#endif // Orgs_ScimFilterTest_INCLUDED
