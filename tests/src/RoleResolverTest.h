//
// RoleResolverTest.h
//
// Library: OrgsTests
// Package: Access
// Module:  RoleResolverTest
//


#ifndef Orgs_RoleResolverTest_INCLUDED
#define Orgs_RoleResolverTest_INCLUDED


#include <cppunit/extensions/HelperMacros.h>


class RoleResolverTest : public CppUnit::TestFixture
	/// The one place where a role becomes permissions: configuration roles, custom roles of an
	/// organization (limited to their scope), the workspace role an organization role implies,
	/// a standing's union; and that the permission check answers what the resolver says.
{
	CPPUNIT_TEST_SUITE(RoleResolverTest);
	CPPUNIT_TEST(testConfigurationRoles);
	CPPUNIT_TEST(testCustomRoles);
	CPPUNIT_TEST(testChecks);
	CPPUNIT_TEST(testStanding);
	CPPUNIT_TEST(testRolesWith);
	CPPUNIT_TEST(testTheCheckAgrees);
	CPPUNIT_TEST_SUITE_END();

public:
	void testConfigurationRoles();
	void testCustomRoles();
	void testChecks();
		/// check(), knows(), checkDefaultRoles(): the errors of a role named in a request.
	void testStanding();
	void testRolesWith();
	void testTheCheckAgrees();
		/// AccessControl's grants are compiled by the resolver: the same permissions.
};


#endif // Orgs_RoleResolverTest_INCLUDED
