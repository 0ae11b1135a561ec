//
// TokenVerifierTest.h
//
// Library: OrgsTests
// Package: Identity
// Module:  TokenVerifierTest
//
// TokenVerifier on real tokens of the test OpenID Provider, in process, on a clock of the test's.
//


#ifndef Orgs_TokenVerifierTest_INCLUDED
#define Orgs_TokenVerifierTest_INCLUDED


#include "identity/ProviderClient.h"
#include "identity/TokenVerifier.h"
#include "support/ManualClock.h"
#include "support/OpenIdProvider.h"
#include <cppunit/extensions/HelperMacros.h>
#include <memory>


class TokenVerifierTest : public CppUnit::TestFixture
	/// Real ID tokens of the provider that the oidc.start fixture runs, and what an attacker
	/// makes of them (support/ForgedTokens.h), through Federation::TokenVerifier with a
	/// ManualClock: the claims read, every refusal with its reason, expiry and "not yet"
	/// either side of the clock skew, key fetches limited to one refetch per interval even
	/// under concurrent requests, discovery and TLS checks. Needs no database; registered as
	/// SQLITE because the provider fixture comes with those entries.
{
	CPPUNIT_TEST_SUITE(TokenVerifierTest);
	CPPUNIT_TEST(testRealTokenVerifies);
	CPPUNIT_TEST(testRefusals);
	CPPUNIT_TEST(testLifetimeAndClockSkew);
	CPPUNIT_TEST(testRefetchAtMostOncePerInterval);
	CPPUNIT_TEST(testConcurrentRequestsFetchOnce);
	CPPUNIT_TEST(testExplicitJwksUri);
	CPPUNIT_TEST(testDiscoveryMustNameTheIssuer);
	CPPUNIT_TEST(testUntrustedCertificateIsUnavailable);
	CPPUNIT_TEST(testEs256Tokens);
	CPPUNIT_TEST_SUITE_END();

public:
	void setUp() override;
	void tearDown() override;

	void testRealTokenVerifies();
	void testRefusals();
	void testLifetimeAndClockSkew();
	void testRefetchAtMostOncePerInterval();
	void testConcurrentRequestsFetchOnce();
	void testExplicitJwksUri();
	void testDiscoveryMustNameTheIssuer();
	void testUntrustedCertificateIsUnavailable();
	void testEs256Tokens();

private:
	Orgs::Federation::IssuerSpec primary() const;
	std::unique_ptr<Orgs::Federation::TokenVerifier> verifier(const Orgs::Federation::IssuerSpec& spec);
	std::string newUser(const std::string& prefix);

	std::unique_ptr<Orgs::Test::OpenIdProvider> _pProvider;
	std::unique_ptr<Orgs::Federation::ProviderClient> _pClient;
	Orgs::Test::ManualClock::Ptr _pClock;
};


#endif // Orgs_TokenVerifierTest_INCLUDED
