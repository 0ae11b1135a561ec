//
// ApiUsageStoreTest.cpp
//
// Library: OrgsTests
// Package: Service
// Module:  ApiUsageStoreTest
//


#include "ApiUsageStoreTest.h"
#include "support/Suites.h"
#include "Runtime.h"
#include "data/Database.h"
#include "service/ApiUsage.h"
#include "support/ApiServer.h"
#include "support/ManualClock.h"
#include "support/ReplayWorld.h"
#include "support/HttpAssert.h"
#include "support/HttpClient.h"
#include "support/TestRuntime.h"
#include "Poco/Data/Session.h"
#include "Poco/DateTime.h"
#include "Poco/JSON/Object.h"
#include "Poco/Path.h"
#include "Poco/Thread.h"
#include "Poco/Util/MapConfiguration.h"
#include <atomic>
#include <sstream>
#include <thread>
#include <vector>


using namespace Orgs;
using Orgs::Service::ApiUsage;
using Orgs::Test::HttpClient;
using Orgs::Test::json;
using Orgs::Test::ManualClock;
using Orgs::Test::ReplayWorld;
using Orgs::Test::TestDatabase;
using Orgs::Test::TestRuntime;


ORGS_TEST_SUITE(ApiUsageStoreTest, "ApiUsageStore", DATABASE);


namespace {


Poco::Int64 stored(TestRuntime& rt, Id orgId, int month)
{
	return rt.scalar("SELECT COALESCE(SUM(requests), 0) FROM api_usage WHERE month = " + std::to_string(month) +
	                     " AND organization_id = ?",
	                 orgId);
}


Poco::Int64 thisMonth(TestRuntime& rt, Id orgId)
{
	return rt.runtime().database().withSession(
	    [&](Poco::Data::Session& s) { return rt.runtime().apiUsage().requestsThisMonth(s, orgId); });
}


Poco::Int64 storedIn(const TestDatabase& db, const std::string& org)
	/// Returns every request stored for the organization named org, any month.
{
	using namespace Poco::Data::Keywords;
	Poco::Int64 n = 0;
	std::string name = org;
	Poco::Data::Session s = db.session();
	s << "SELECT COALESCE(SUM(u.requests), 0) FROM api_usage u JOIN organizations o ON o.id = u.organization_id "
	     "WHERE o.username = ?",
	    use(name), into(n), now;
	return n;
}


} // namespace


void ApiUsageStoreTest::testFlushAddsToTheTable()
{
	Poco::SharedPtr<ManualClock> pClock = new ManualClock(Poco::DateTime(2026, 11, 23, 8, 0, 0));
	TestRuntime rt(TestRuntime::Settings(), pClock);
	const Account ada = rt.account("ada");
	const Organization acme = rt.organization(ada, "acme");
	const Organization beta = rt.organization(ada, "beta");
	ApiUsage& usage = rt.runtime().apiUsage();

	for (int i = 0; i < 5; ++i)
		usage.record(acme.id);
	usage.record(beta.id);
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(5), thisMonth(rt, acme.id)); // all pending
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(0), stored(rt, acme.id, 202611));

	usage.flush();
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(5), stored(rt, acme.id, 202611));
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), stored(rt, beta.id, 202611));
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(0), usage.pending(acme.id, 202611));
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(5), thisMonth(rt, acme.id)); // all stored

	usage.record(acme.id);
	usage.record(acme.id);
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(7), thisMonth(rt, acme.id)); // stored + pending
	usage.flush();
	usage.flush(); // nothing pending: writes nothing
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(7), stored(rt, acme.id, 202611));
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(7), thisMonth(rt, acme.id));
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), thisMonth(rt, beta.id));
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(2), rt.scalar("SELECT COUNT(*) FROM api_usage WHERE organization_id > ?", 0));
}


void ApiUsageStoreTest::testTwoCountersAddUp()
{
	// A second process on the same database: its own counter, the same table.
	Poco::SharedPtr<ManualClock> pClock = new ManualClock(Poco::DateTime(2026, 11, 23, 8, 0, 0));
	TestRuntime rt(TestRuntime::Settings(), pClock);
	const Organization acme = rt.organization(rt.account("ada"), "acme");
	ApiUsage other(rt.runtime().database(), pClock, Poco::Logger::get("orgs-test"));
	for (int i = 0; i < 3; ++i)
		rt.runtime().apiUsage().record(acme.id);
	for (int i = 0; i < 4; ++i)
		other.record(acme.id);
	other.flush();
	// This process sees the other's flushed counts plus its own pending ones.
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(7), thisMonth(rt, acme.id));
	rt.runtime().apiUsage().flush();
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(7), stored(rt, acme.id, 202611));
	other.record(acme.id);
	other.stop(); // flushes on the way out
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(8), stored(rt, acme.id, 202611));
}


void ApiUsageStoreTest::testMonthRollover()
{
	Poco::SharedPtr<ManualClock> pClock = new ManualClock(Poco::DateTime(2026, 11, 30, 23, 59, 59));
	TestRuntime rt(TestRuntime::Settings(), pClock);
	const Organization acme = rt.organization(rt.account("ada"), "acme");
	ApiUsage& usage = rt.runtime().apiUsage();
	usage.record(acme.id);
	usage.record(acme.id);
	usage.flush();
	usage.record(acme.id); // still November, not flushed yet
	pClock->set(Poco::DateTime(2026, 12, 1, 0, 0, 1));
	usage.record(acme.id);
	// December starts from zero; November's counts stay November's.
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), thisMonth(rt, acme.id));
	usage.flush();
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(3), stored(rt, acme.id, 202611));
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), stored(rt, acme.id, 202612));
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), thisMonth(rt, acme.id));
}


void ApiUsageStoreTest::testDeletedOrganizationIsDropped()
{
	Poco::SharedPtr<ManualClock> pClock = new ManualClock(Poco::DateTime(2026, 11, 23, 8, 0, 0));
	TestRuntime rt(TestRuntime::Settings(), pClock);
	const Account ada = rt.account("ada");
	const Organization acme = rt.organization(ada, "acme");
	const Organization gone = rt.organization(ada, "gone");
	ApiUsage& usage = rt.runtime().apiUsage();
	usage.record(gone.id);
	usage.flush();
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), stored(rt, gone.id, 202611));
	usage.record(acme.id);
	usage.record(gone.id);
	rt.organizations().deleteOrganization(ada.id, "gone");
	// Deleted but restorable: its counts stay, those made before the deletion too.
	usage.flush();
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), stored(rt, acme.id, 202611));
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(2), stored(rt, gone.id, 202611));
	// Purged: its stored row goes with it (ON DELETE CASCADE) and a pending count fails nothing.
	usage.record(gone.id);
	{
		Poco::Data::Session s = rt.database().session();
		s << "UPDATE organizations SET deleted_at = 1 WHERE id = ?", Poco::Data::Keywords::bind(gone.id),
		    Poco::Data::Keywords::now; // deleted long ago
	}
	CPPUNIT_ASSERT_EQUAL(1, rt.runtime().purgeDeletedOrganizations());
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(0), stored(rt, gone.id, 202611));
	usage.flush();
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), stored(rt, acme.id, 202611));
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(0), stored(rt, gone.id, 202611));
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(0), usage.pending(gone.id, 202611));
}


void ApiUsageStoreTest::testRuntimeFlushesWhenItStops()
{
	TestDatabase::Ptr pDatabase = TestDatabase::create(TestRuntime::connector());
	Id orgId = 0;
	{
		// A flush period far longer than the test: only the stop writes.
		Poco::AutoPtr<Poco::Util::MapConfiguration> pConfig =
		    TestRuntime::configuration(*pDatabase, TestRuntime::Settings{{"orgs.usage.flushSeconds", "3600"}});
		Poco::Logger& logger = Poco::Logger::get("orgs-test");
		Runtime runtime(*pConfig, TestRuntime::resolveConfigPath, logger);
		AccountSpec spec;
		spec.username = "ada";
		spec.email = "ada@example.com";
		const Account ada = runtime.accounts()->createAccount(spec);
		OrganizationSpec org;
		org.username = "acme";
		org.title = "Acme";
		orgId = runtime.organizations()->createOrganization(ada.id, org).id;
		for (int i = 0; i < 4; ++i)
			runtime.apiUsage().record(orgId);
		CPPUNIT_ASSERT_EQUAL(Poco::Int64(0), storedIn(*pDatabase, "acme"));
	}
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(4), storedIn(*pDatabase, "acme"));
}


void ApiUsageStoreTest::testHostCountsRequestsPerOrganization()
{
	ReplayWorld world("default", {{"orgs.usage.flushSeconds", "1"}});
	TestDatabase* pDatabase = &world.database();
	auto signUp = [&](const std::string& username) { return world.signUp(username).token; };
	auto expect = [&](int status, const std::string& method, const std::string& path, const std::string& body,
	                  const std::string& token) { world.expect(status, method, path, body, token); };
	const std::string ada = signUp("ada");
	const std::string bob = signUp("bob");
	const std::string eve = signUp("eve");
	expect(201, "POST", "/orgs", json({{"username", "acme"}, {"title", "Acme"}}), ada); // not under /orgs/{org}
	expect(201, "POST", "/orgs", json({{"username", "beta"}, {"title", "Beta"}}), ada);
	// Counted for acme: requests by members, whatever they answer once acme resolved.
	expect(201, "POST", "/orgs/acme/members", json({{"username", "bob"}}), ada); // 1
	expect(200, "GET", "/orgs/acme", "", ada);                                   // 2
	expect(200, "GET", "/orgs/acme/members", "", bob);                           // 3
	expect(403, "PATCH", "/orgs/acme", json({{"title", "Bob's"}}), bob);         // 4: resolved, then refused
	expect(200, "GET", "/orgs/acme/workspaces", "", bob);                        // 5
	expect(404, "GET", "/orgs/acme/members/nobody", "", ada);                    // 6: acme resolved
	expect(200, "PUT", "/me/active-organization", json({{"org", "acme"}}), ada); // not under /orgs/{org}
	// Not counted: a non-member, no credentials, an unknown organization, other routes.
	expect(404, "GET", "/orgs/acme", "", eve);
	expect(401, "GET", "/orgs/acme", "", "");
	expect(404, "GET", "/orgs/nope", "", ada);
	expect(200, "GET", "/me", "", ada);
	expect(200, "GET", "/orgs", "", ada);
	// Counted for beta.
	expect(200, "GET", "/orgs/beta", "", ada);

	// Flushed within a second or so while the host runs...
	Poco::Int64 acme = 0;
	for (int i = 0; i < 100 && (acme = storedIn(*pDatabase, "acme")) < 6; ++i)
		Poco::Thread::sleep(100);
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(6), acme);
	// ... and once more when it stops, counting nothing twice.
	expect(200, "GET", "/orgs/acme", "", ada); // 7
	CPPUNIT_ASSERT_EQUAL(0, world.stop());
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(7), storedIn(*pDatabase, "acme"));
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), storedIn(*pDatabase, "beta"));
}


void ApiUsageStoreTest::testEachRequestCountsOnceForItsOrganization()
{
	Poco::SharedPtr<ManualClock> pClock = new ManualClock(Poco::DateTime(2026, 11, 23, 8, 0, 0));
	TestRuntime rt({{"orgs.usage.flushSeconds", "86400"}, {"orgs.mail.deliver", "false"}}, pClock);
	Orgs::Test::ApiServer server(rt.runtime());
	ApiUsage& usage = rt.runtime().apiUsage();
	const std::string api("/api/v1");
	const Account ada = rt.account("ada");
	const Account bob = rt.account("bob");
	const Account eve = rt.account("eve");
	const Id acme = rt.organization(ada, "acme").id;
	const Id beta = rt.organization(ada, "beta").id;
	rt.memberships().addMember(ada.id, "acme", "bob", "member");
	auto tokenOf = [&](const Account& a) { return rt.accounts().createToken(a.id, "usage").secret; };
	const std::string adaToken = tokenOf(ada);
	const std::string bobToken = tokenOf(bob);
	const std::string eveToken = tokenOf(eve);
	HttpClient client(server.baseUrl());
	Poco::Int64 expected = 0;
	auto counted = [&]() { return usage.pending(acme, 202611); };
	auto expect = [&](int status, HttpClient::Response r) {
		CPPUNIT_ASSERT_EQUAL_MESSAGE(r.describe(), status, r.status);
	};

	expect(200, client.get(api + "/orgs/acme", "", adaToken));
	CPPUNIT_ASSERT_EQUAL(++expected, counted());
	// By id, the same organization.
	expect(200, client.get(api + "/orgs/" + std::to_string(acme), "", adaToken));
	CPPUNIT_ASSERT_EQUAL(++expected, counted());
	// The handler resolves the organization twice (by username, then by id in its
	// transaction): one request.
	const Id gamma = rt.organization(ada, "gamma").id;
	rt.memberships().addMember(ada.id, "gamma", "bob", "member");
	expect(200, client.post(api + "/orgs/gamma/transfer-ownership", json({{"account", "bob"}}), adaToken));
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), usage.pending(gamma, 202611));
	CPPUNIT_ASSERT_EQUAL(expected, counted());
	// Refused after acme resolved: counted; refused because it did not resolve: not.
	expect(403, client.patch(api + "/orgs/acme", json({{"title", "Bob's"}}), bobToken));
	CPPUNIT_ASSERT_EQUAL(++expected, counted());
	expect(404, client.get(api + "/orgs/acme", "", eveToken));
	expect(401, client.get(api + "/orgs/acme", ""));
	expect(404, client.get(api + "/orgs/nope", "", adaToken));
	CPPUNIT_ASSERT_EQUAL(expected, counted());
	// Leaving ends the membership the request was counted for: it counts all the same, once.
	expect(204, client.post(api + "/orgs/acme/leave", "", bobToken));
	CPPUNIT_ASSERT_EQUAL(++expected, counted());
	expect(404, client.get(api + "/orgs/acme", "", bobToken));
	CPPUNIT_ASSERT_EQUAL(expected, counted());

	// Requests running at once on the server's threads count each for its own organization.
	const int THREADS = 4;
	const int PER_THREAD = 25;
	std::vector<std::thread> threads;
	std::atomic<int> failures{0};
	for (int t = 0; t < THREADS; ++t)
	{
		threads.emplace_back([&, t]() {
			HttpClient own(server.baseUrl());
			const std::string path = api + (t % 2 ? "/orgs/beta" : "/orgs/acme/members");
			for (int i = 0; i < PER_THREAD; ++i)
			{
				if (own.get(path, "", adaToken).status != 200)
					++failures;
			}
		});
	}
	for (auto& thread : threads)
		thread.join();
	CPPUNIT_ASSERT_EQUAL(0, failures.load());
	CPPUNIT_ASSERT_EQUAL(expected + THREADS / 2 * PER_THREAD, counted());
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(THREADS / 2 * PER_THREAD), usage.pending(beta, 202611));
}
