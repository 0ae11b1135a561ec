//
// RoleCatalogTest.h
//
// Library: OrgsTests
// Package: Config
// Module:  RoleCatalogTest
//


#ifndef Orgs_RoleCatalogTest_INCLUDED
#define Orgs_RoleCatalogTest_INCLUDED


#include <cppunit/extensions/HelperMacros.h>


class RoleCatalogTest : public CppUnit::TestFixture
	/// The role model: the shipped file, compilation to permission sets, and every start-up
	/// error naming the file and the key.
{
	CPPUNIT_TEST_SUITE(RoleCatalogTest);
	CPPUNIT_TEST(testShippedRolesFollowSegments);
	CPPUNIT_TEST(testStarGrantsEveryPermission);
	CPPUNIT_TEST(testUnknownPermissionNamesFileAndKey);
	CPPUNIT_TEST(testDefaultMustBeDefined);
	CPPUNIT_TEST(testFormerOwnerMustBeDefined);
	CPPUNIT_TEST(testMalformedListIsRefused);
	CPPUNIT_TEST(testDuplicateRoleIsRefused);
	CPPUNIT_TEST(testRoleWithoutPermissionListIsRefused);
	CPPUNIT_TEST(testResourceTypesBecomeScopes);
	CPPUNIT_TEST(testDescribeListsScopesInOrder);
	CPPUNIT_TEST_SUITE_END();

public:
	void testShippedRolesFollowSegments();
	void testStarGrantsEveryPermission();
	void testUnknownPermissionNamesFileAndKey();
	void testDefaultMustBeDefined();
	void testFormerOwnerMustBeDefined();
	void testMalformedListIsRefused();
	void testDuplicateRoleIsRefused();
	void testRoleWithoutPermissionListIsRefused();
	void testResourceTypesBecomeScopes();
	void testDescribeListsScopesInOrder();
};


#endif // Orgs_RoleCatalogTest_INCLUDED
