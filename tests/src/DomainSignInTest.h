//
// DomainSignInTest.h
//
// Library: OrgsTests
// Package: EndToEnd
// Module:  DomainSignInTest
//
// Joining by a verified domain through real sign-ins at the tests' OpenID Provider.
//


#ifndef Orgs_DomainSignInTest_INCLUDED
#define Orgs_DomainSignInTest_INCLUDED


#include <cppunit/extensions/HelperMacros.h>


class DomainSignInTest : public CppUnit::TestFixture
	/// orgs-host trusting the tests' OpenID Provider (support/OpenIdProvider) and asking a real
	/// dnsmasq: an account whose provider-verified email is in a domain with join mode "auto"
	/// joins at its first sign-in (authorization-code flow, the ID token sent as a bearer
	/// token), not when the provider did not verify the email; "suggest" lists the organization
	/// in GET /me for such an account and one call joins it; concurrent first sign-ins never
	/// exceed the plan's seats, and the ones left out still sign in.
{
	CPPUNIT_TEST_SUITE(DomainSignInTest);
	CPPUNIT_TEST(testAutoJoinAtFirstSignIn);
	CPPUNIT_TEST(testSuggestAfterSignIn);
	CPPUNIT_TEST(testSeatsUnderConcurrentFirstSignIns);
	CPPUNIT_TEST_SUITE_END();

public:
	void testAutoJoinAtFirstSignIn();
	void testSuggestAfterSignIn();
	void testSeatsUnderConcurrentFirstSignIns();
};


#endif // Orgs_DomainSignInTest_INCLUDED
