//
// HostServerTest.h
//
// Library: OrgsTests
// Package: EndToEnd
// Module:  HostServerTest
//


#ifndef Orgs_HostServerTest_INCLUDED
#define Orgs_HostServerTest_INCLUDED


#include <cppunit/extensions/HelperMacros.h>


class HostServerTest : public CppUnit::TestFixture
	/// orgs-host's HTTP server (ConnectionGate) driven with raw sockets, through the real host
	/// and plugin: requests without a body answer at once, slow and idle clients hold no
	/// request thread, heads that never complete and idle connections are closed in time,
	/// connection caps answer 503, requests Poco cannot read answer problem documents,
	/// pipelined requests answer in order, and the host stops with connections open.
{
	CPPUNIT_TEST_SUITE(HostServerTest);
	CPPUNIT_TEST(testBodylessRequestsAnswerAtOnce);
	CPPUNIT_TEST(testServesWhileSlowAndIdleClientsHold);
	CPPUNIT_TEST(testHeadTimeoutAndKeepAliveTimeout);
	CPPUNIT_TEST(testConnectionCapsAnswer503);
	CPPUNIT_TEST(testUnreadableRequestsAnswerProblems);
	CPPUNIT_TEST(testPipelinedRequestsAndBodies);
	CPPUNIT_TEST(testStopsWithConnectionsOpen);
	CPPUNIT_TEST_SUITE_END();

public:
	void testBodylessRequestsAnswerAtOnce();
	void testServesWhileSlowAndIdleClientsHold();
	void testHeadTimeoutAndKeepAliveTimeout();
	void testConnectionCapsAnswer503();
	void testUnreadableRequestsAnswerProblems();
	void testPipelinedRequestsAndBodies();
	void testStopsWithConnectionsOpen();
};


#endif // Orgs_HostServerTest_INCLUDED
