//
// EventFeedTest.cpp
//
// Library: OrgsTests
// Package: Events
// Module:  EventFeedTest
//


#include "EventFeedTest.h"
#include "support/HttpClient.h"
#include "support/Racing.h"
#include "support/Suites.h"
#include "Poco/JSON/Array.h"
#include <atomic>
#include <thread>
#include <vector>


ORGS_TEST_SUITE(EventFeedTest, "EventFeed", DATABASE);


using Orgs::Test::HttpClient;
using Orgs::Test::json;
using Orgs::Test::StartGate;


void EventFeedTest::testFeedInOrder()
{
	const User ada = signUp("ada");
	signUp("bob");
	createOrganization(ada, "acme");
	addMember(ada, "acme", "bob");
	ASSERT_STATUS(client().patch(API + "/orgs/acme/members/bob", json({{"role", "admin"}}), ada.token), 200);
	ASSERT_STATUS(client().del(API + "/orgs/acme/members/bob", "", ada.token), 204);
	Response r = client().get(API + "/orgs/acme/events", "", ada.token);
	ASSERT_STATUS(r, 200);
	Poco::JSON::Array::Ptr list = items(r);
	CPPUNIT_ASSERT(list->size() >= 4);
	CPPUNIT_ASSERT_EQUAL(std::string("organization.created"), text(list->getObject(0), "type"));
	for (unsigned i = 0; i < list->size(); ++i)
	{
		Poco::JSON::Object::Ptr e = list->getObject(i);
		CPPUNIT_ASSERT_EQUAL(Poco::Int64(i + 1), number(e, "sequence"));
		CPPUNIT_ASSERT_EQUAL(std::string("evt_"), text(e, "id").substr(0, 4));
		CPPUNIT_ASSERT(!text(e, "cursor").empty());
		CPPUNIT_ASSERT(e->has("details"));
	}
	CPPUNIT_ASSERT_EQUAL(std::string("member.removed"), text(list->getObject(list->size() - 1), "type"));
	CPPUNIT_ASSERT(!flag(r.json(), "more"));
	CPPUNIT_ASSERT_EQUAL(text(list->getObject(list->size() - 1), "cursor"), text(r.json(), "next_cursor"));
}


void EventFeedTest::testCursorResumes()
{
	const User ada = signUp("ada");
	createOrganization(ada, "acme");
	for (int i = 0; i < 5; ++i)
		ASSERT_STATUS(
		    client().post(API + "/orgs/acme/workspaces", json({{"name", "ws" + std::to_string(i)}}), ada.token), 201);
	std::vector<Poco::Int64> seen;
	std::string cursor;
	for (int page = 0; page < 10; ++page)
	{
		Response r = client().get(API + "/orgs/acme/events?limit=2&after=" + cursor, "", ada.token);
		ASSERT_STATUS(r, 200);
		for (unsigned i = 0; i < items(r)->size(); ++i)
			seen.push_back(number(items(r)->getObject(i), "sequence"));
		cursor = text(r.json(), "next_cursor");
		if (!flag(r.json(), "more"))
			break;
	}
	for (std::size_t i = 0; i < seen.size(); ++i)
		CPPUNIT_ASSERT_EQUAL(static_cast<Poco::Int64>(i + 1), seen[i]);
	// At the end: nothing new, the same cursor to poll with; a new event shows up after it.
	Response idle = client().get(API + "/orgs/acme/events?after=" + cursor, "", ada.token);
	CPPUNIT_ASSERT_EQUAL(std::size_t(0), items(idle)->size());
	CPPUNIT_ASSERT_EQUAL(cursor, text(idle.json(), "next_cursor"));
	ASSERT_STATUS(client().post(API + "/orgs/acme/workspaces", json({{"name", "late"}}), ada.token), 201);
	Response late = client().get(API + "/orgs/acme/events?after=" + cursor, "", ada.token);
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), items(late)->size());
	CPPUNIT_ASSERT_EQUAL(static_cast<Poco::Int64>(seen.size() + 1), number(items(late)->getObject(0), "sequence"));
	ASSERT_PROBLEM(client().get(API + "/orgs/acme/events?after=nonsense", "", ada.token), 400, "invalid_cursor");
	ASSERT_PROBLEM(client().get(API + "/orgs/acme/events?limit=0", "", ada.token), 400, "invalid_limit");
}


void EventFeedTest::testTypesFilter()
{
	const User ada = signUp("ada");
	signUp("bob");
	createOrganization(ada, "acme");
	addMember(ada, "acme", "bob");
	ASSERT_STATUS(client().post(API + "/orgs/acme/workspaces", json({{"name", "lab"}}), ada.token), 201);
	ASSERT_STATUS(client().del(API + "/orgs/acme/members/bob", "", ada.token), 204);
	Response r = client().get(API + "/orgs/acme/events?types=member.added,member.removed", "", ada.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), items(r)->size());
	CPPUNIT_ASSERT_EQUAL(std::string("member.added"), text(items(r)->getObject(0), "type"));
	CPPUNIT_ASSERT_EQUAL(std::string("member.removed"), text(items(r)->getObject(1), "type"));
	ASSERT_PROBLEM(client().get(API + "/orgs/acme/events?types=DROP%20TABLE", "", ada.token), 400,
	               "invalid_event_type");
}


void EventFeedTest::testPermissions()
{
	const User ada = signUp("ada");
	const User bob = signUp("bob");
	const User eve = signUp("eve");
	createOrganization(ada, "acme");
	addMember(ada, "acme", "bob"); // the default role, without events.read
	ASSERT_PROBLEM(client().get(API + "/orgs/acme/events", "", bob.token), 403, "permission_denied");
	ASSERT_PROBLEM(client().get(API + "/orgs/acme/events", "", eve.token), 404, "organization_not_found");
	ASSERT_STATUS(client().get(API + "/orgs/acme/events", ""), 401);
}


void EventFeedTest::testConcurrentWritersNothingSkipped()
{
	const User ada = signUp("ada");
	createOrganization(ada, "acme");
	const int WRITERS = 4;
	const int EACH = 8;
	StartGate gate(WRITERS + 1);
	std::atomic<int> finished{0};
	std::atomic<int> failures{0};
	std::vector<std::thread> writers;
	const std::string base = world().host().baseUrl();
	for (int w = 0; w < WRITERS; ++w)
	{
		writers.emplace_back([&, w]() {
			HttpClient c(base);
			gate.arriveAndWait();
			for (int i = 0; i < EACH; ++i)
			{
				const std::string title = "Acme " + std::to_string(w) + "-" + std::to_string(i);
				if (c.patch(API + "/orgs/acme", json({{"title", title}}), ada.token).status != 200)
					++failures;
			}
			++finished;
		});
	}
	// The reader follows the feed while the writers race, then reads what is left.
	std::vector<Poco::Int64> seen;
	std::string cursor;
	HttpClient reader(base);
	gate.arriveAndWait();
	for (;;)
	{
		const bool last = finished == WRITERS;
		Response r = reader.get(API + "/orgs/acme/events?limit=3&after=" + cursor, "", ada.token);
		ASSERT_STATUS(r, 200);
		for (unsigned i = 0; i < items(r)->size(); ++i)
			seen.push_back(number(items(r)->getObject(i), "sequence"));
		cursor = text(r.json(), "next_cursor");
		if (last && !flag(r.json(), "more"))
			break;
	}
	for (auto& t : writers)
		t.join();
	CPPUNIT_ASSERT_EQUAL(0, failures.load());
	// organization.created (and the default workspace's, if any) and one event per write: each
	// exactly once, in order, none skipped.
	CPPUNIT_ASSERT(seen.size() >= static_cast<std::size_t>(WRITERS * EACH + 1));
	for (std::size_t i = 0; i < seen.size(); ++i)
		CPPUNIT_ASSERT_EQUAL(static_cast<Poco::Int64>(i + 1), seen[i]);
	Response all = client().get(API + "/orgs/acme/events?limit=100", "", ada.token);
	CPPUNIT_ASSERT_EQUAL(seen.size(), items(all)->size());
}
