//
// EventFeedTest.h
//
// Library: OrgsTests
// Package: Events
// Module:  EventFeedTest
//


#ifndef Orgs_EventFeedTest_INCLUDED
#define Orgs_EventFeedTest_INCLUDED


#include "support/ApiTestCase.h"


class EventFeedTest : public Orgs::Test::ApiTestCase
	/// GET /orgs/{org}/events through orgs-host: order, filters, cursors, permissions, and a
	/// reader that follows the feed while writers race never skips nor repeats an event.
{
	CPPUNIT_TEST_SUITE(EventFeedTest);
	CPPUNIT_TEST(testFeedInOrder);
	CPPUNIT_TEST(testCursorResumes);
	CPPUNIT_TEST(testTypesFilter);
	CPPUNIT_TEST(testPermissions);
	CPPUNIT_TEST(testConcurrentWritersNothingSkipped);
	CPPUNIT_TEST_SUITE_END();

public:
	void testFeedInOrder();
	void testCursorResumes();
	void testTypesFilter();
	void testPermissions();
	void testConcurrentWritersNothingSkipped();
};


#endif // Orgs_EventFeedTest_INCLUDED
