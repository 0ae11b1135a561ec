//
// WebhookSignerTest.h
//
// Library: OrgsTests
// Package: Events
// Module:  WebhookSignerTest
//


#ifndef Orgs_WebhookSignerTest_INCLUDED
#define Orgs_WebhookSignerTest_INCLUDED


#include <cppunit/extensions/HelperMacros.h>


class WebhookSignerTest : public CppUnit::TestFixture
	/// The Standard Webhooks signer against the specification's reference vector and the
	/// independent verifier of the tests; the SSRF guard's address classes.
{
	CPPUNIT_TEST_SUITE(WebhookSignerTest);
	CPPUNIT_TEST(testReferenceVector);
	CPPUNIT_TEST(testTwoSecretsTwoSignatures);
	CPPUNIT_TEST(testReferenceLibraryAgrees);
	CPPUNIT_TEST(testNewSecrets);
	CPPUNIT_TEST(testMalformedSecretIsRefused);
	CPPUNIT_TEST(testRefusedAddresses);
	CPPUNIT_TEST(testUrlsAtCreation);
	CPPUNIT_TEST(testResolvedLoopbackIsRefused);
	CPPUNIT_TEST_SUITE_END();

public:
	void testReferenceVector();
	void testTwoSecretsTwoSignatures();
	void testReferenceLibraryAgrees();
	void testNewSecrets();
	void testMalformedSecretIsRefused();
	void testRefusedAddresses();
	void testUrlsAtCreation();
	void testResolvedLoopbackIsRefused();
};


#endif // Orgs_WebhookSignerTest_INCLUDED
