//
// OidcApiTest.h
//
// Library: OrgsTests
// Package: Identity
// Module:  OidcApiTest
//
// Bearer JWTs of a real OpenID Provider through the real orgs-host.
//


#ifndef Orgs_OidcApiTest_INCLUDED
#define Orgs_OidcApiTest_INCLUDED


#include "support/ApiTestCase.h"
#include "support/OpenIdProvider.h"
#include <cppunit/extensions/HelperMacros.h>
#include <memory>
#include <string>


class OidcApiTest : public Orgs::Test::ApiTestCase
	/// Signing in with ID tokens of the test OpenID Provider (npm's oidc-provider, started by
	/// the oidc.start fixture), through orgs-host on both databases: tokens accepted on
	/// routes beside personal access tokens, accounts provisioned
	/// just in time, linking by verified email on and off, every refusal as 401 problem+json
	/// with its code, and the provider's key rotation followed without a restart.
{
	CPPUNIT_TEST_SUITE(OidcApiTest);
	CPPUNIT_TEST(testBearerJwtOnRoutes);
	CPPUNIT_TEST(testUsernamesAreDerivedAndUnique);
	CPPUNIT_TEST(testOneIdentityOneAccount);
	CPPUNIT_TEST(testConcurrentFirstSignInsMakeOneAccount);
	CPPUNIT_TEST(testNoLinkingByDefault);
	CPPUNIT_TEST(testLinkingVerifiedEmail);
	CPPUNIT_TEST(testRefusals);
	CPPUNIT_TEST(testExpiredToken);
	CPPUNIT_TEST(testRefusalsCountAsFailures);
	CPPUNIT_TEST(testKeyRotationWithoutRestart);
	CPPUNIT_TEST(testProviderUnreachableIs503);
	CPPUNIT_TEST_SUITE_END();

public:
	void setUp() override;
	void tearDown() override;

	void testBearerJwtOnRoutes();
	void testUsernamesAreDerivedAndUnique();
	void testOneIdentityOneAccount();
	void testConcurrentFirstSignInsMakeOneAccount();
	void testNoLinkingByDefault();
	void testLinkingVerifiedEmail();
	void testRefusals();
	void testExpiredToken();
	void testRefusalsCountAsFailures();
	void testKeyRotationWithoutRestart();
	void testProviderUnreachableIs503();

private:
	Orgs::Test::HostProcess::Defines issuers(const Orgs::Test::HostProcess::Defines& extra = {}) const;
		/// The keys that trust the provider's primary issuer, with extra.

	std::string newUser(const std::string& prefix, const std::string& email = std::string(), bool verified = true,
	                    const std::string& preferredUsername = std::string(), int ttl = 0);
		/// Adds an account of a sub of its own to the provider and returns its sub.

	Response me(const std::string& jwt);
		/// GET /me with jwt as the bearer token.

	std::unique_ptr<Orgs::Test::OpenIdProvider> _pProvider;
};


#endif // Orgs_OidcApiTest_INCLUDED
