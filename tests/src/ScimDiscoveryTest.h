//
// ScimDiscoveryTest.h
//
// Library: OrgsTests
// Package: Scim
// Module:  ScimDiscoveryTest
//


#ifndef Orgs_ScimDiscoveryTest_INCLUDED
#define Orgs_ScimDiscoveryTest_INCLUDED


#include <cppunit/extensions/HelperMacros.h>


class ScimDiscoveryTest : public CppUnit::TestFixture
	/// The discovery documents, list responses, paging and error documents, without a database.
{
	CPPUNIT_TEST_SUITE(ScimDiscoveryTest);
	CPPUNIT_TEST(testServiceProviderConfig);
	CPPUNIT_TEST(testSchemas);
	CPPUNIT_TEST(testResourceTypes);
	CPPUNIT_TEST(testListResponse);
	CPPUNIT_TEST(testPaging);
	CPPUNIT_TEST(testErrorDocument);
	CPPUNIT_TEST_SUITE_END();

public:
	void testServiceProviderConfig();
		/// Says what is supported, truthfully: patch and filter (maxResults 200), nothing else.
	void testSchemas();
		/// The attribute table as /Schemas shows it, with each characteristic of RFC 7643 §7.
	void testResourceTypes();
	void testListResponse();
	void testPaging();
		/// startIndex below 1 is 1, count capped at 200, negative count 0, text refused.
	void testErrorDocument();
		/// status as a string, scimType only for RFC 7644's values, detail as valid UTF-8.
};


#endif // Orgs_ScimDiscoveryTest_INCLUDED
