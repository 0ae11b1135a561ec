//
// SsoConnectionTest.h
//
// Library: OrgsTests
// Package: Identity
// Module:  SsoConnectionTest
//


#ifndef Orgs_SsoConnectionTest_INCLUDED
#define Orgs_SsoConnectionTest_INCLUDED


#include <cppunit/extensions/HelperMacros.h>


class SsoConnectionTest : public CppUnit::TestFixture
	/// SSO connections through the service, and their sign-in step, enforcement and issuer
	/// source, with tokens made by hand as the verifier would hand them over (the end-to-end
	/// suite signs in through a real OpenID Provider).
{
	CPPUNIT_TEST_SUITE(SsoConnectionTest);
	CPPUNIT_TEST(testCrudAndAudit);
	CPPUNIT_TEST(testValidation);
	CPPUNIT_TEST(testPermissions);
	CPPUNIT_TEST(testFirstSignInJoinsAndMaps);
	CPPUNIT_TEST(testGroupChangesMoveRoles);
	CPPUNIT_TEST(testRemoveUnmatched);
	CPPUNIT_TEST(testSeatRefusalDoesNotRefuseSignIn);
	CPPUNIT_TEST(testConcurrentFirstSignInsRespectSeats);
	CPPUNIT_TEST(testExplainWritesNothing);
	CPPUNIT_TEST(testEnforcement);
	CPPUNIT_TEST(testIssuerSource);
	CPPUNIT_TEST(testTokenRecordsWhereItWasCreated);
	CPPUNIT_TEST(testDisabled);
	CPPUNIT_TEST_SUITE_END();

public:
	void testCrudAndAudit();
	void testValidation();
	void testPermissions();
		/// sso.manage for every call; a non-member gets 404.
	void testFirstSignInJoinsAndMaps();
	void testGroupChangesMoveRoles();
		/// And the owner's role never changes.
	void testRemoveUnmatched();
	void testSeatRefusalDoesNotRefuseSignIn();
	void testConcurrentFirstSignInsRespectSeats();
	void testExplainWritesNothing();
	void testEnforcement();
	void testIssuerSource();
	void testTokenRecordsWhereItWasCreated();
	void testDisabled();
};


#endif // Orgs_SsoConnectionTest_INCLUDED
