//
// InviteLinkApiTest.h
//
// Library: OrgsTests
// Package: EndToEnd
// Module:  InviteLinkApiTest
//
// The organization-wide invite link and signing up to join, over HTTP.
//


#ifndef Orgs_InviteLinkApiTest_INCLUDED
#define Orgs_InviteLinkApiTest_INCLUDED


#include <cppunit/extensions/HelperMacros.h>


class InviteLinkApiTest : public CppUnit::TestFixture
	/// The invite link through the real orgs-host: one per organization, the secret shown only
	/// when created or reset, metadata without it, viewing and joining with the configured role,
	/// reset and disable (the old token stops working), who may manage it, the rules of joining
	/// (already a member, seats, personal and deleted organizations, allowed domains), the audit
	/// events, signing up with an invitation or link token (joins instead of creating an
	/// organization, all or nothing), and the Token authorization scheme.
{
	CPPUNIT_TEST_SUITE(InviteLinkApiTest);
	CPPUNIT_TEST(testCreateViewJoin);
	CPPUNIT_TEST(testResetAndDisable);
	CPPUNIT_TEST(testWhoManagesTheLink);
	CPPUNIT_TEST(testJoiningRules);
	CPPUNIT_TEST(testConfiguredRoleAndPersonalOrganizations);
	CPPUNIT_TEST(testSignUpToJoin);
	CPPUNIT_TEST(testTokenScheme);
	CPPUNIT_TEST(testPlanSwitches);
	CPPUNIT_TEST_SUITE_END();

public:
	void testCreateViewJoin();
	void testResetAndDisable();
	void testWhoManagesTheLink();
	void testJoiningRules();
	void testConfiguredRoleAndPersonalOrganizations();
	void testSignUpToJoin();
	void testTokenScheme();
	void testPlanSwitches();
};


#endif // Orgs_InviteLinkApiTest_INCLUDED
