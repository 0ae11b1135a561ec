//
// OutboxTest.h
//
// Library: OrgsTests
// Package: Mail
// Module:  OutboxTest
//
// The outbox and its sender, against a real SMTP server (Postfix's smtp-sink).
//


#ifndef Orgs_OutboxTest_INCLUDED
#define Orgs_OutboxTest_INCLUDED


#include <cppunit/extensions/HelperMacros.h>


class OutboxTest : public CppUnit::TestFixture
	/// Enqueueing inside transactions, delivery by SMTP (UTF-8 subject and body), an SMTP
	/// outage (the message waits with its error and back-off, then goes out exactly once),
	/// order, a host Mailer that fails then succeeds, two senders on one database, a sender
	/// that dies mid-send (the lease), purging, and a prompt stop.
{
	CPPUNIT_TEST_SUITE(OutboxTest);
	CPPUNIT_TEST(testRolledBackMessageIsNeverSent);
	CPPUNIT_TEST(testCommittedMessageIsDeliveredBySmtp);
	CPPUNIT_TEST(testSmtpAuthentication);
	CPPUNIT_TEST(testOutageLosesNothingAndDeliversOnce);
	CPPUNIT_TEST(testSlowAndRefusingServersAreRetried);
	CPPUNIT_TEST(testMessagesAreDeliveredInOrder);
	CPPUNIT_TEST(testHostMailerFailsThenSucceeds);
	CPPUNIT_TEST(testWithoutSmtpTheLogGetsTheMessage);
	CPPUNIT_TEST(testTwoSendersNeverDeliverTwice);
	CPPUNIT_TEST(testDeadSenderIsRetriedAfterLease);
	CPPUNIT_TEST(testPurgeKeepsRecentAndUnsent);
	CPPUNIT_TEST(testEnqueueValidates);
	CPPUNIT_TEST(testSenderStopsPromptly);
	CPPUNIT_TEST_SUITE_END();

public:
	void testRolledBackMessageIsNeverSent();
	void testCommittedMessageIsDeliveredBySmtp();
	void testSmtpAuthentication();
	void testOutageLosesNothingAndDeliversOnce();
	void testSlowAndRefusingServersAreRetried();
	void testMessagesAreDeliveredInOrder();
	void testHostMailerFailsThenSucceeds();
	void testWithoutSmtpTheLogGetsTheMessage();
	void testTwoSendersNeverDeliverTwice();
	void testDeadSenderIsRetriedAfterLease();
	void testPurgeKeepsRecentAndUnsent();
	void testEnqueueValidates();
	void testSenderStopsPromptly();
};


#endif // Orgs_OutboxTest_INCLUDED
