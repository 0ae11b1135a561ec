//
// SsoApiTest.h
//
// Library: OrgsTests
// Package: Identity
// Module:  SsoApiTest
//


#ifndef Orgs_SsoApiTest_INCLUDED
#define Orgs_SsoApiTest_INCLUDED


#include "support/ApiTestCase.h"
#include "support/OpenIdProvider.h"
#include <cppunit/extensions/HelperMacros.h>
#include <memory>
#include <string>


class SsoApiTest : public Orgs::Test::ApiTestCase
	/// SSO connections end to end, through orgs-host on both databases, with ID tokens of the
	/// real test OpenID Provider: the connection names the provider's "other" issuer as its
	/// own (the provider's "primary" issuer is configured, shared), first sign-ins provision
	/// and map, group changes at the provider move roles, removeUnmatched, enforcement, the
	/// test endpoint, and seats under concurrent first sign-ins.
{
	CPPUNIT_TEST_SUITE(SsoApiTest);
	CPPUNIT_TEST(testRoutes);
	CPPUNIT_TEST(testFirstSignInProvisionsAndMaps);
	CPPUNIT_TEST(testSharedIssuerNeedsVerifiedDomain);
	CPPUNIT_TEST(testGroupChangesMoveRoles);
	CPPUNIT_TEST(testRemoveUnmatched);
	CPPUNIT_TEST(testEnforcement);
	CPPUNIT_TEST(testTestEndpoint);
	CPPUNIT_TEST(testSeatsUnderConcurrentFirstSignIns);
	CPPUNIT_TEST_SUITE_END();

public:
	void setUp() override;
	void tearDown() override;

	void testRoutes();
		/// CRUD as problem+json and JSON; a non-member 404, a member without sso.manage 403.
	void testFirstSignInProvisionsAndMaps();
	void testSharedIssuerNeedsVerifiedDomain();
		/// A connection on a configured (shared) issuer admits people of a domain only once the
		/// organization verified that domain: naming it is not enough.
	void testGroupChangesMoveRoles();
	void testRemoveUnmatched();
	void testEnforcement();
		/// A member's personal token is refused (403 sso_required) unless created through the
		/// connection; a token of another issuer too; a token of the connection passes.
	void testTestEndpoint();
	void testSeatsUnderConcurrentFirstSignIns();

private:
	void startWith(const Orgs::Test::HostProcess::Defines& extra = {});
	std::string newUser(const std::string& prefix, const std::vector<std::string>& groups,
	                    const std::string& domain = "acme.test");
		/// Adds an account of a sub of its own to the provider; returns its sub.
	void setGroups(const std::string& sub, const std::vector<std::string>& groups,
	               const std::string& domain = "acme.test");
	Poco::Int64 connect(const User& owner, const std::string& org, bool enforced, bool withDefault,
	                    Poco::Int64 workspace);
		/// Creates the connection on the provider's other issuer; returns its id.
	std::string jwt(const std::string& sub, const std::string& issuer = Orgs::Test::OpenIdProvider::OTHER);
	std::string roleOf(const User& owner, const std::string& org, const std::string& username);
	std::string usernameOf(const std::string& jwt);

	std::unique_ptr<Orgs::Test::OpenIdProvider> _pProvider;
};


#endif // Orgs_SsoApiTest_INCLUDED
