//
// LabelStudioPresetTest.h
//
// Library: OrgsTests
// Package: EndToEnd
// Module:  LabelStudioPresetTest
//
// Replays Label Studio Enterprise's "Organization management" with orgs.preset = labelstudio.
//


#ifndef Orgs_LabelStudioPresetTest_INCLUDED
#define Orgs_LabelStudioPresetTest_INCLUDED


#include <cppunit/extensions/HelperMacros.h>


class LabelStudioPresetTest : public CppUnit::TestFixture
	/// One test per heading of shared/seeds/002_*.txt (Label Studio Enterprise, "Organization
	/// management"), each through the real orgs-host with orgs.preset = labelstudio, step by
	/// step over HTTP, asserting what the document allows and what it refuses; plus the
	/// organization-wide invite link the product offers besides email invitations.
{
	CPPUNIT_TEST_SUITE(LabelStudioPresetTest);
	CPPUNIT_TEST(testCreateTheInitialOrganizationAccount);
	CPPUNIT_TEST(testSingleOrMultipleOrganizations);
	CPPUNIT_TEST(testChangeOrganizationName);
	CPPUNIT_TEST(testInviteLink);
	CPPUNIT_TEST(testSsoRole);
	CPPUNIT_TEST_SUITE_END();

public:
	void testCreateTheInitialOrganizationAccount();
		/// Sign-up creates the account's organization, owned by it; one owner; people who join
		/// from an invitation link or an invitation join the existing organization.
	void testSingleOrMultipleOrganizations();
		/// More organizations, workspaces and projects; roles hold for every workspace and
		/// project; managers see every workspace but act only where they may; reviewers and
		/// annotators see projects, never workspaces; only owner and administrators manage
		/// membership; the organization switcher.
	void testChangeOrganizationName();
		/// PATCH {"title"} by owner or administrator, with "Authorization: Token" and "Bearer".
	void testInviteLink();
		/// The invite link: owner or administrator create and reset it, it joins as annotator.
	void testSsoRole();
		/// "Users with an LDAP or SSO role join an existing organization": an SSO connection maps
		/// the identity provider's groups onto Administrator, Manager, Reviewer and Annotator
		/// (never Owner) at the first sign-in, through the real test OpenID Provider.
};


#endif // Orgs_LabelStudioPresetTest_INCLUDED
