//
// MappingRulesTest.h
//
// Library: OrgsTests
// Package: Identity
// Module:  MappingRulesTest
//


#ifndef Orgs_MappingRulesTest_INCLUDED
#define Orgs_MappingRulesTest_INCLUDED


#include <cppunit/extensions/HelperMacros.h>


class MappingRulesTest : public CppUnit::TestFixture
	/// SSO mapping rules and which tokens a connection sees, without a database.
{
	CPPUNIT_TEST_SUITE(MappingRulesTest);
	CPPUNIT_TEST(testFirstMatchPerScopeWins);
	CPPUNIT_TEST(testDefaultRoleAndNoAdmission);
	CPPUNIT_TEST(testOperators);
	CPPUNIT_TEST(testOtherClaims);
	CPPUNIT_TEST(testRoleClaim);
	CPPUNIT_TEST(testSharedIssuerSeesOnlyVerifiedDomains);
	CPPUNIT_TEST(testOwnIssuerSeesItsAudience);
	CPPUNIT_TEST_SUITE_END();

public:
	void testFirstMatchPerScopeWins();
		/// The organization and each workspace are decided by their first matching rule.
	void testDefaultRoleAndNoAdmission();
		/// No organization rule: the default role admits; without one nothing does, and the
		/// workspace rules that matched decide nothing.
	void testOperators();
	void testOtherClaims();
		/// Claims beside groups: strings, lists, booleans, numbers; a missing claim matches nothing.
	void testRoleClaim();
	void testSharedIssuerSeesOnlyVerifiedDomains();
	void testOwnIssuerSeesItsAudience();
};


#endif // Orgs_MappingRulesTest_INCLUDED
