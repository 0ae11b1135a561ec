//
// DomainApiTest.h
//
// Library: OrgsTests
// Package: EndToEnd
// Module:  DomainApiTest
//
// Verified domains over HTTP, with a real DNS server.
//


#ifndef Orgs_DomainApiTest_INCLUDED
#define Orgs_DomainApiTest_INCLUDED


#include <cppunit/extensions/HelperMacros.h>


class DomainApiTest : public CppUnit::TestFixture
	/// Verified domains through the real orgs-host, whose orgs.domains.nameservers is a real
	/// dnsmasq on loopback (support/DnsServer): claiming a domain and its challenge, verifying
	/// it (success, a wrong value, no record, an answer only TCP carries, name servers that do
	/// not answer), a domain
	/// verified by another organization (at claim and at verify), public mail domains and
	/// malformed names, who may manage domains, join modes, suggested organizations and the
	/// one call that joins one, removal, and seats under concurrent joins.
{
	CPPUNIT_TEST_SUITE(DomainApiTest);
	CPPUNIT_TEST(testClaimAndVerify);
	CPPUNIT_TEST(testWrongValueAndNoRecord);
	CPPUNIT_TEST(testAnswerTooLargeForUdp);
	CPPUNIT_TEST(testClaimedTwice);
	CPPUNIT_TEST(testPublicAndMalformedDomains);
	CPPUNIT_TEST(testWhoManagesDomains);
	CPPUNIT_TEST(testNameServersDoNotAnswer);
	CPPUNIT_TEST(testJoinModes);
	CPPUNIT_TEST(testSuggestAndJoin);
	CPPUNIT_TEST(testRemove);
	CPPUNIT_TEST(testSeatsUnderConcurrentJoins);
	CPPUNIT_TEST(testListingPages);
	CPPUNIT_TEST_SUITE_END();

public:
	void testClaimAndVerify();
	void testWrongValueAndNoRecord();
	void testAnswerTooLargeForUdp();
	void testClaimedTwice();
	void testPublicAndMalformedDomains();
	void testWhoManagesDomains();
	void testNameServersDoNotAnswer();
	void testJoinModes();
	void testSuggestAndJoin();
	void testRemove();
	void testSeatsUnderConcurrentJoins();
	void testListingPages();
};


#endif // Orgs_DomainApiTest_INCLUDED
