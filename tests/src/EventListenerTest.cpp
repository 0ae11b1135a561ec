//
// EventListenerTest.cpp
//
// Library: OrgsTests
// Package: Events
// Module:  EventListenerTest
//


#include "EventListenerTest.h"
#include "Orgs/Errors.h"
#include "Orgs/EventService.h"
#include "Runtime.h"
#include "service/AuditTrail.h"
#include "support/Racing.h"
#include "support/Suites.h"
#include "support/TestRuntime.h"
#include "Poco/Thread.h"
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>


ORGS_TEST_SUITE(EventListenerTest, "EventListener", DATABASE);


using namespace Orgs;
using Orgs::Test::TestRuntime;


namespace {


class Recorder : public EventListener
{
public:
	explicit Recorder(int delayMillis = 0, bool throws = false) : _delayMillis(delayMillis), _throws(throws) {}

	void onEvent(const Event& event) override
	{
		if (_delayMillis > 0)
			Poco::Thread::sleep(_delayMillis);
		{
			std::lock_guard<std::mutex> lock(_mutex);
			_events.push_back(event);
		}
		_changed.notify_all();
		if (_throws)
			throw Poco::RuntimeException("a listener that throws");
	}

	std::vector<Event> events()
	{
		std::lock_guard<std::mutex> lock(_mutex);
		return _events;
	}

	bool waitFor(std::size_t count, long millis)
	{
		std::unique_lock<std::mutex> lock(_mutex);
		return _changed.wait_for(lock, std::chrono::milliseconds(millis), [&]() { return _events.size() >= count; });
	}

private:
	int _delayMillis;
	bool _throws;
	std::mutex _mutex;
	std::condition_variable _changed;
	std::vector<Event> _events;
};


void assertOrdered(const std::vector<Event>& events)
{
	std::map<Id, Poco::Int64> last;
	for (const auto& e : events)
	{
		CPPUNIT_ASSERT_EQUAL_MESSAGE(e.type, last[e.organizationId] + 1, e.sequence);
		last[e.organizationId] = e.sequence;
	}
}


} // namespace


void EventListenerTest::testCommittedEventsInOrder()
{
	TestRuntime rt;
	Poco::SharedPtr<Recorder> pRecorder = new Recorder;
	rt.runtime().events()->subscribe(pRecorder);
	const Account ada = rt.account("ada");
	rt.account("bob");
	const Organization acme = rt.organization(ada, "acme");
	MemberSpec bob;
	bob.account = "bob";
	rt.memberships().addMember(ada.id, "acme", bob);
	rt.memberships().removeMember(ada.id, "acme", "bob");
	CPPUNIT_ASSERT(pRecorder->waitFor(3, 5000));
	const std::vector<Event> got = pRecorder->events();
	assertOrdered(got);
	CPPUNIT_ASSERT_EQUAL(std::string("organization.created"), got[0].type);
	CPPUNIT_ASSERT_EQUAL(acme.id, got[0].organizationId);
	CPPUNIT_ASSERT_EQUAL(std::string("member.removed"), got.back().type);
	CPPUNIT_ASSERT_EQUAL(std::string("bob"), got.back().targetLabel);
	rt.runtime().events()->unsubscribe(pRecorder);
}


void EventListenerTest::testSlowAndThrowingListenersHoldUpNobody()
{
	TestRuntime rt;
	Poco::SharedPtr<Recorder> pSlow = new Recorder(300);
	Poco::SharedPtr<Recorder> pThrowing = new Recorder(0, true);
	Poco::SharedPtr<Recorder> pFast = new Recorder;
	rt.runtime().events()->subscribe(pSlow);
	rt.runtime().events()->subscribe(pThrowing);
	rt.runtime().events()->subscribe(pFast);
	const Account ada = rt.account("ada");
	rt.organization(ada, "acme");
	const auto started = std::chrono::steady_clock::now();
	for (int i = 0; i < 5; ++i)
	{
		rt.workspaces().createWorkspace(ada.id, "acme", "ws" + std::to_string(i));
	}
	const auto took = std::chrono::steady_clock::now() - started;
	// The writes did not wait for the slow listener (5 events x 300 ms).
	CPPUNIT_ASSERT(took < std::chrono::milliseconds(1200));
	CPPUNIT_ASSERT(pFast->waitFor(6, 5000));
	CPPUNIT_ASSERT(pThrowing->waitFor(6, 5000));
	CPPUNIT_ASSERT(pSlow->events().size() < 6);
	CPPUNIT_ASSERT(pSlow->waitFor(6, 10000));
	assertOrdered(pFast->events());
	assertOrdered(pThrowing->events());
	assertOrdered(pSlow->events());
}


void EventListenerTest::testRolledBackChangeHasNoEvent()
{
	TestRuntime rt;
	Poco::SharedPtr<Recorder> pRecorder = new Recorder;
	rt.runtime().events()->subscribe(pRecorder);
	const Account ada = rt.account("ada");
	const Organization acme = rt.organization(ada, "acme");
	// An event written, then the transaction rolls back: no event, and its number is given back.
	Service::AuditTrail audit(rt.runtime().database(), new Service::Clock);
	CPPUNIT_ASSERT_THROW(rt.runtime().database().transact([&](Poco::Data::Session& session) {
		audit.record(session, acme.id, ada.id, "test.rolled_back", {"organization", acme.id, "acme"});
		throw Orgs::ConflictException("changed my mind", "test");
	}),
	                     Orgs::ConflictException);
	rt.workspaces().createWorkspace(ada.id, "acme", "after");
	CPPUNIT_ASSERT(pRecorder->waitFor(2, 5000));
	Poco::Thread::sleep(100);
	const std::vector<Event> got = pRecorder->events();
	assertOrdered(got);
	for (const auto& e : got)
		CPPUNIT_ASSERT(e.type != "test.rolled_back");
	CPPUNIT_ASSERT_EQUAL(std::string("workspace.created"), got.back().type);
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(0), rt.scalar("SELECT COUNT(*) FROM audit_events WHERE organization_id = ? "
	                                               "AND action = 'test.rolled_back'",
	                                               acme.id));
}


void EventListenerTest::testUnsubscribe()
{
	TestRuntime rt;
	Poco::SharedPtr<Recorder> pRecorder = new Recorder;
	rt.runtime().events()->subscribe(pRecorder);
	rt.runtime().events()->subscribe(pRecorder); // once only
	const Account ada = rt.account("ada");
	rt.organization(ada, "acme");
	CPPUNIT_ASSERT(pRecorder->waitFor(1, 5000));
	Poco::Thread::sleep(100);
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), pRecorder->events().size());
	rt.runtime().events()->unsubscribe(pRecorder);
	rt.organization(ada, "beta");
	Poco::Thread::sleep(200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), pRecorder->events().size());
}


void EventListenerTest::testConcurrentWritersInOrder()
{
	TestRuntime rt;
	Poco::SharedPtr<Recorder> pRecorder = new Recorder;
	rt.runtime().events()->subscribe(pRecorder);
	const Account ada = rt.account("ada");
	rt.organization(ada, "acme");
	rt.organization(ada, "beta");
	const int THREADS = 4;
	const int EACH = 6;
	Orgs::Test::StartGate gate(THREADS);
	std::vector<std::thread> threads;
	std::atomic<int> failures{0};
	for (int t = 0; t < THREADS; ++t)
	{
		threads.emplace_back([&, t]() {
			gate.arriveAndWait();
			for (int i = 0; i < EACH; ++i)
			{
				try
				{
					OrganizationChanges changes;
					changes.title = "Title " + std::to_string(t) + "-" + std::to_string(i);
					rt.organizations().updateOrganization(ada.id, t % 2 ? "acme" : "beta", changes);
				}
				catch (...)
				{
					++failures;
				}
			}
		});
	}
	for (auto& t : threads)
		t.join();
	CPPUNIT_ASSERT_EQUAL(0, failures.load());
	CPPUNIT_ASSERT(pRecorder->waitFor(2 + THREADS * EACH, 10000));
	assertOrdered(pRecorder->events());
}
