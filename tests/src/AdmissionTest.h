//
// AdmissionTest.h
//
// Library: OrgsTests
// Package: Service
// Module:  AdmissionTest
//


#ifndef Orgs_AdmissionTest_INCLUDED
#define Orgs_AdmissionTest_INCLUDED


#include <cppunit/extensions/HelperMacros.h>


class AdmissionTest : public CppUnit::TestFixture
	/// The one admission policy on every way into an organization: adding a member, inviting,
	/// sending an invitation again, accepting it, signing up with its token, joining by the
	/// invite link and signing up with the link's token. Each test makes one reason true and
	/// tries every way; the order test makes two reasons true and expects the first one's
	/// status on every way where both apply.
{
	CPPUNIT_TEST_SUITE(AdmissionTest);
	CPPUNIT_TEST(testEveryWayAdmits);
	CPPUNIT_TEST(testPersonalOrganization);
	CPPUNIT_TEST(testPlanAllowsNoMembers);
	CPPUNIT_TEST(testPlanMemberRole);
	CPPUNIT_TEST(testAllowedDomains);
	CPPUNIT_TEST(testExistingMembership);
	CPPUNIT_TEST(testSeats);
	CPPUNIT_TEST(testRoles);
	CPPUNIT_TEST(testWorkspaces);
	CPPUNIT_TEST(testRequiredWorkspace);
	CPPUNIT_TEST(testFirstReasonWins);
	CPPUNIT_TEST_SUITE_END();

public:
	void testEveryWayAdmits();
		/// Without a reason to refuse, every way makes the candidate a member.
	void testPersonalOrganization();
	void testPlanAllowsNoMembers();
	void testPlanMemberRole();
		/// A member's request for another role is refused; the accepted ways get the plan's role.
	void testAllowedDomains();
		/// 403 wherever it is checked: inviting, sending again, the invite link.
	void testExistingMembership();
	void testSeats();
	void testRoles();
		/// Default roles and role_exceeds_own for a member's request; the accepted ways fall back
		/// to the configured roles when the requested ones are gone.
	void testWorkspaces();
	void testRequiredWorkspace();
		/// orgs.workspaces.membershipRequired: every way ends in a workspace, or is refused.
	void testFirstReasonWins();
		/// Two reasons at once: the status of the one that comes first in the documented order.
};


#endif // Orgs_AdmissionTest_INCLUDED
