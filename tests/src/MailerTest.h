//
// MailerTest.h
//
// Library: OrgsTests
// Package: Mail
// Module:  MailerTest
//
// The parts of mail delivery that need no database or server.
//


#ifndef Orgs_MailerTest_INCLUDED
#define Orgs_MailerTest_INCLUDED


#include <cppunit/extensions/HelperMacros.h>


class MailerTest : public CppUnit::TestFixture
	/// The back-off schedule, error truncation, the AUTH line of an EHLO response, message
	/// composition (encoded subject, UTF-8 body, no header injection) and the orgs.mail.* keys.
{
	CPPUNIT_TEST_SUITE(MailerTest);
	CPPUNIT_TEST(testRetryDelayDoublesUpToTheCap);
	CPPUNIT_TEST(testErrorIsTruncatedAtCharacterBoundary);
	CPPUNIT_TEST(testAuthMechanisms);
	CPPUNIT_TEST(testCompose);
	CPPUNIT_TEST(testSettingsDefaults);
	CPPUNIT_TEST(testSettingsValidation);
	CPPUNIT_TEST(testSmtpServerDownThrows);
	CPPUNIT_TEST(testLogMailerLogsTheWholeMessage);
	CPPUNIT_TEST_SUITE_END();

public:
	void testRetryDelayDoublesUpToTheCap();
	void testErrorIsTruncatedAtCharacterBoundary();
	void testAuthMechanisms();
	void testCompose();
	void testSettingsDefaults();
	void testSettingsValidation();
	void testSmtpServerDownThrows();
	void testLogMailerLogsTheWholeMessage();
};


#endif // Orgs_MailerTest_INCLUDED
