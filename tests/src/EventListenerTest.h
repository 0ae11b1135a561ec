//
// EventListenerTest.h
//
// Library: OrgsTests
// Package: Events
// Module:  EventListenerTest
//


#ifndef Orgs_EventListenerTest_INCLUDED
#define Orgs_EventListenerTest_INCLUDED


#include <cppunit/extensions/HelperMacros.h>


class EventListenerTest : public CppUnit::TestFixture
	/// In-process listeners (Orgs::EventService::subscribe) on a runtime of the test.
{
	CPPUNIT_TEST_SUITE(EventListenerTest);
	CPPUNIT_TEST(testCommittedEventsInOrder);
	CPPUNIT_TEST(testSlowAndThrowingListenersHoldUpNobody);
	CPPUNIT_TEST(testRolledBackChangeHasNoEvent);
	CPPUNIT_TEST(testUnsubscribe);
	CPPUNIT_TEST(testConcurrentWritersInOrder);
	CPPUNIT_TEST_SUITE_END();

public:
	void testCommittedEventsInOrder();
	void testSlowAndThrowingListenersHoldUpNobody();
	void testRolledBackChangeHasNoEvent();
	void testUnsubscribe();
	void testConcurrentWritersInOrder();
};


#endif // Orgs_EventListenerTest_INCLUDED
