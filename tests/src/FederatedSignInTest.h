//
// FederatedSignInTest.h
//
// Library: OrgsTests
// Package: Identity
// Module:  FederatedSignInTest
//
// The sign-in pipeline in process: steps, issuers of SSO connections, the published service.
//


#ifndef Orgs_FederatedSignInTest_INCLUDED
#define Orgs_FederatedSignInTest_INCLUDED


#include "support/OpenIdProvider.h"
#include <cppunit/extensions/HelperMacros.h>
#include <memory>


class FederatedSignInTest : public CppUnit::TestFixture
	/// Federation::FederatedSignIn of a runtime on a fresh database (both databases) with the
	/// provider's primary issuer configured: the steps other modules add run once per token
	/// with what the sign-in did, a step's refusal refuses the sign-in and is not remembered,
	/// an issuer that only an IssuerSource (an SSO connection) names is trusted but never
	/// links by email nor verifies an account's email, and Orgs::SignInService signs in.
{
	CPPUNIT_TEST_SUITE(FederatedSignInTest);
	CPPUNIT_TEST(testStepsRunOncePerToken);
	CPPUNIT_TEST(testStepRefusesTheSignIn);
	CPPUNIT_TEST(testConnectionIssuerNeverLinksByEmail);
	CPPUNIT_TEST(testLinkingNeedsOneAccount);
	CPPUNIT_TEST(testPublishedService);
	CPPUNIT_TEST(testIdentityRows);
	CPPUNIT_TEST_SUITE_END();

public:
	void setUp() override;
	void tearDown() override;

	void testStepsRunOncePerToken();
	void testStepRefusesTheSignIn();
	void testConnectionIssuerNeverLinksByEmail();
	void testLinkingNeedsOneAccount();
	void testPublishedService();
	void testIdentityRows();

private:
	std::string newUser(const std::string& prefix, const std::string& email = std::string());

	std::unique_ptr<Orgs::Test::OpenIdProvider> _pProvider;
};


#endif // Orgs_FederatedSignInTest_INCLUDED
