//
// ReconnectTest.h
//
// Library: OrgsTests
// Package: Data
// Module:  ReconnectTest
//


#ifndef Orgs_ReconnectTest_INCLUDED
#define Orgs_ReconnectTest_INCLUDED


#include <cppunit/extensions/HelperMacros.h>


class ReconnectTest : public CppUnit::TestFixture
	/// MariaDB restarted under load (MySQL only): while it is down calls fail with
	/// UnavailableException (HTTP 503) and nothing else, and afterwards every pooled session
	/// works again, through the services and through a real orgs-host.
{
	CPPUNIT_TEST_SUITE(ReconnectTest);
	CPPUNIT_TEST(testRestartUnderLoad);
	CPPUNIT_TEST(testHealthFollowsTheDatabase);
	CPPUNIT_TEST(testOutageRevealsNothing);
	CPPUNIT_TEST_SUITE_END();

public:
	void testRestartUnderLoad();
	void testHealthFollowsTheDatabase();

	void testOutageRevealsNothing();
		/// While MariaDB is down, /health (anonymous) and authenticated routes answer 503
		/// problem documents that say only what a client can do (no driver text, error number,
		/// address or statement), with Retry-After and the request id; the host's log holds the
		/// cause once per burst, naming a request id, and one summary of the repeats.
};


#endif // Orgs_ReconnectTest_INCLUDED
