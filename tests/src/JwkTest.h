//
// JwkTest.h
//
// Library: OrgsTests
// Package: Identity
// Module:  JwkTest
//
// JSON Web Keys, JWS signatures, compact tokens and the verification cache, without a provider.
//


#ifndef Orgs_JwkTest_INCLUDED
#define Orgs_JwkTest_INCLUDED


#include <cppunit/extensions/HelperMacros.h>


class JwkTest : public CppUnit::TestFixture
	/// The pieces of token verification that need no provider: base64url, the compact JWS
	/// parser, JWK reading (RSA n/e, EC P-256/P-384 x/y) and JWS verification with keys made
	/// here by OpenSSL, JWKS documents with keys to leave out, the verification cache, and the
	/// orgs.auth.oidc.* settings.
{
	CPPUNIT_TEST_SUITE(JwkTest);
	CPPUNIT_TEST(testBase64Url);
	CPPUNIT_TEST(testCompactJws);
	CPPUNIT_TEST(testRsaSignatures);
	CPPUNIT_TEST(testEcSignatures);
	CPPUNIT_TEST(testKeyFitsItsAlgorithm);
	CPPUNIT_TEST(testKeySetLeavesOutUnusableKeys);
	CPPUNIT_TEST(testVerificationCache);
	CPPUNIT_TEST(testSettings);
	CPPUNIT_TEST(testBadSettingsNameTheKey);
	CPPUNIT_TEST_SUITE_END();

public:
	void testBase64Url();
	void testCompactJws();
	void testRsaSignatures();
	void testEcSignatures();
	void testKeyFitsItsAlgorithm();
	void testKeySetLeavesOutUnusableKeys();
	void testVerificationCache();
	void testSettings();
	void testBadSettingsNameTheKey();
};


#endif // Orgs_JwkTest_INCLUDED
