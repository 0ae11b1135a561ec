//
// InvitationApiTest.h
//
// Library: OrgsTests
// Package: EndToEnd
// Module:  InvitationApiTest
//
// Invitations, plans and usage through the real orgs-host.
//


#ifndef Orgs_InvitationApiTest_INCLUDED
#define Orgs_InvitationApiTest_INCLUDED


#include <cppunit/extensions/HelperMacros.h>


class InvitationApiTest : public CppUnit::TestFixture
	/// The invitation life over HTTP: the token read from the mail in the outbox (never in an
	/// answer by default) or exposed for development, view, accept before and after signing up,
	/// resend, revoke, decline, expiry (410), wrong email (403), domains (400), the daily limit
	/// (429 with Retry-After), seat limits with the limit in the problem document, plan changes
	/// and the usage report.
{
	CPPUNIT_TEST_SUITE(InvitationApiTest);
	CPPUNIT_TEST(testTokenComesOnlyByMail);
	CPPUNIT_TEST(testExposedTokenResendRevokeDecline);
	CPPUNIT_TEST(testExpiredWrongEmailAndDomains);
	CPPUNIT_TEST(testDailyLimitIs429WithRetryAfter);
	CPPUNIT_TEST(testSeatLimitPlansAndUsage);
	CPPUNIT_TEST_SUITE_END();

public:
	void testTokenComesOnlyByMail();
	void testExposedTokenResendRevokeDecline();
	void testExpiredWrongEmailAndDomains();
	void testDailyLimitIs429WithRetryAfter();
	void testSeatLimitPlansAndUsage();
};


#endif // Orgs_InvitationApiTest_INCLUDED
