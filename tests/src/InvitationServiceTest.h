//
// InvitationServiceTest.h
//
// Library: OrgsTests
// Package: Service
// Module:  InvitationServiceTest
//


#ifndef Orgs_InvitationServiceTest_INCLUDED
#define Orgs_InvitationServiceTest_INCLUDED


#include <cppunit/extensions/HelperMacros.h>


class InvitationServiceTest : public CppUnit::TestFixture
	/// The whole life of an invitation on both databases (create, mail, list, resend, accept with
	/// and without an account, decline, revoke, expiry with an injected clock, wrong email,
	/// domains, the daily limit), plans and seats (members plus pending invitations, workspaces,
	/// pending invitations, plan changes, the usage report) and concurrent invitations that
	/// never exceed the seats.
{
	CPPUNIT_TEST_SUITE(InvitationServiceTest);
	CPPUNIT_TEST(testCreateMailsTheTokenAndStoresItsHash);
	CPPUNIT_TEST(testExposeTokenAnswersTheMailedToken);
	CPPUNIT_TEST(testAcceptMakesMemberWithRolesAndWorkspaces);
	CPPUNIT_TEST(testInviteeWithoutAccountSignsUpThenAccepts);
	CPPUNIT_TEST(testExpiryResendAndList);
	CPPUNIT_TEST(testRevokeAndDecline);
	CPPUNIT_TEST(testEmailMustMatch);
	CPPUNIT_TEST(testOnePendingInvitationPerEmail);
	CPPUNIT_TEST(testAllowedDomains);
	CPPUNIT_TEST(testDailyLimit);
	CPPUNIT_TEST(testPermissions);
	CPPUNIT_TEST(testSeatsCountPendingInvitations);
	CPPUNIT_TEST(testWorkspaceAndPendingLimits);
	CPPUNIT_TEST(testPlanChangesAndUsage);
	CPPUNIT_TEST(testConcurrentInvitationsNeverExceedSeats);
	CPPUNIT_TEST(testConcurrentAcceptsWinOnce);
	CPPUNIT_TEST(testRequireWorkspace);
	CPPUNIT_TEST(testTransferOwnershipWaitsForAcceptance);
	CPPUNIT_TEST_SUITE_END();

public:
	void testCreateMailsTheTokenAndStoresItsHash();
	void testExposeTokenAnswersTheMailedToken();
	void testAcceptMakesMemberWithRolesAndWorkspaces();
	void testInviteeWithoutAccountSignsUpThenAccepts();
	void testExpiryResendAndList();
	void testRevokeAndDecline();
	void testEmailMustMatch();
	void testOnePendingInvitationPerEmail();
	void testAllowedDomains();
	void testDailyLimit();
	void testPermissions();
	void testSeatsCountPendingInvitations();
	void testWorkspaceAndPendingLimits();
	void testPlanChangesAndUsage();
	void testConcurrentInvitationsNeverExceedSeats();
	void testConcurrentAcceptsWinOnce();
	void testRequireWorkspace();
	void testTransferOwnershipWaitsForAcceptance();
};


#endif // Orgs_InvitationServiceTest_INCLUDED
