//
// ScimConnectionTest.h
//
// Library: OrgsTests
// Package: Scim
// Module:  ScimConnectionTest
//


#ifndef Orgs_ScimConnectionTest_INCLUDED
#define Orgs_ScimConnectionTest_INCLUDED


#include <cppunit/extensions/HelperMacros.h>


class ScimConnectionTest : public CppUnit::TestFixture
	/// SCIM connections through the published service (Orgs::ScimService, as a host calls it),
	/// with the database read directly where only it can tell (the token is stored hashed),
	/// and the rules that need state an HTTP client cannot make cheaply: verified domains and
	/// verified emails for account linking and the owner's protection. ScimApi drives the
	/// same over HTTP.
{
	CPPUNIT_TEST_SUITE(ScimConnectionTest);
	CPPUNIT_TEST(testCrudTokenShownOnceAndHashed);
	CPPUNIT_TEST(testListedConnectionsCarryTheirOwnRules);
	CPPUNIT_TEST(testRotationStopsTheOldTokenAtOnce);
	CPPUNIT_TEST(testPermissions);
	CPPUNIT_TEST(testValidation);
	CPPUNIT_TEST(testLinkingNeedsVerifiedEmailInVerifiedDomain);
	CPPUNIT_TEST(testOwnerIsNeverDeprovisioned);
	CPPUNIT_TEST(testSsoDefersToTheDirectory);
	CPPUNIT_TEST_SUITE_END();

public:
	void testCrudTokenShownOnceAndHashed();
	void testListedConnectionsCarryTheirOwnRules();
	void testRotationStopsTheOldTokenAtOnce();
	void testPermissions();
		/// scim.manage for every call; a non-member gets 404.
	void testValidation();
	void testLinkingNeedsVerifiedEmailInVerifiedDomain();
		/// An existing account is linked only when its email is verified and in a domain this
		/// organization verified; otherwise a new account is made.
	void testOwnerIsNeverDeprovisioned();
	void testSsoDefersToTheDirectory();
		/// A deprovisioned user does not join through SSO; a managed member's role is not
		/// changed by SSO.
};


#endif // Orgs_ScimConnectionTest_INCLUDED
