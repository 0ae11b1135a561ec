//
// TestPeersTest.h
//
// Library: OrgsTests
// Package: Support
// Module:  TestPeersTest
//


#ifndef Orgs_TestPeersTest_INCLUDED
#define Orgs_TestPeersTest_INCLUDED


#include <cppunit/extensions/HelperMacros.h>


class TestPeersTest : public CppUnit::TestFixture
	/// The real peers the identity and domain tests rely on do what those tests take for granted:
	/// the OpenID Provider of the oidc.start fixture (OpenIdProvider) and dnsmasq (DnsServer).
{
	CPPUNIT_TEST_SUITE(TestPeersTest);
	CPPUNIT_TEST(testSignInThroughBothIssuers);
	CPPUNIT_TEST(testUnknownAccountIsRefused);
	CPPUNIT_TEST(testKeyRotation);
	CPPUNIT_TEST(testAlgorithmAndShortLivedToken);
	CPPUNIT_TEST(testDnsTxtRecords);
	CPPUNIT_TEST_SUITE_END();

public:
	void testSignInThroughBothIssuers();
		/// An account signs in at both issuers through the authorization-code flow: each ID token
		/// names its issuer and client, carries the account's claims and groups, and is signed
		/// with the issuer's first RS256 key, which its JWKS (over HTTPS, trusting the test CA)
		/// publishes; the issuers' keys differ. A change of the account shows in the next token.

	void testUnknownAccountIsRefused();
		/// An account the users file does not have cannot sign in.

	void testKeyRotation();
		/// Rotating keeps the process: the JWKS puts new keys first (the old ones after them, or
		/// gone), new tokens carry the new kid, and the other issuer's keys stay as they were.

	void testAlgorithmAndShortLivedToken();
		/// ES256 tokens on request, signed with the ES256 key; idTokenTtl shortens a token's life.

	void testDnsTxtRecords();
		/// dnsmasq serves the TXT records set (several per name), the changed ones after a
		/// change, and NXDOMAIN for names it has none for.
};


#endif // Orgs_TestPeersTest_INCLUDED
