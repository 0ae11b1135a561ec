//
// ConcurrencyTest.cpp
//
// Library: OrgsTests
// Package: Service
// Module:  ConcurrencyTest
//


#include "ConcurrencyTest.h"
#include "support/Suites.h"
#include "support/Expect.h"
#include "support/Racing.h"
#include "support/ReplayWorld.h"
#include "support/HttpClient.h"
#include "support/TestDatabase.h"
#include "support/TestRuntime.h"
#include "data/Database.h"
#include "Orgs/Errors.h"
#include "Poco/Path.h"
#include "Poco/JSON/Object.h"
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <mutex>
#include <thread>
#include <typeinfo>
#include <vector>


using namespace Orgs;
using namespace Poco::Data::Keywords;
using Orgs::Test::HostProcess;
using Orgs::Test::HttpClient;
using Orgs::Test::ReplayWorld;
using Orgs::Test::TestDatabase;
using Orgs::Test::TestRuntime;

using Orgs::Test::StartGate;
using Orgs::Test::typeName;


ORGS_TEST_SUITE(ConcurrencyTest, "Concurrency", DATABASE);


namespace {


const int ROUNDS = 20;
const long REQUEST_TIMEOUT_S = 10;


struct Outcome
	/// How one racer's call ended.
{
	bool ok = false;
	std::string type;   ///< the exception's type, empty on success
	std::string reason; ///< OrgsException::reason()
	std::string message;

	bool is(const std::string& expectedType, const std::string& expectedReason) const
	{
		return !ok && type == expectedType && reason == expectedReason;
	}

	std::string describe() const { return ok ? std::string("success") : type + " (" + reason + "): " + message; }
};


template <class Fn>
Outcome attempt(Fn&& fn)
{
	Outcome o;
	try
	{
		fn();
		o.ok = true;
	}
	catch (OrgsException& exc)
	{
		o.type = typeName(exc);
		o.reason = exc.reason();
		o.message = exc.displayText();
	}
	catch (Poco::Exception& exc)
	{
		o.type = typeName(exc);
		o.message = exc.displayText();
	}
	catch (std::exception& exc)
	{
		o.type = typeName(exc);
		o.message = exc.what();
	}
	return o;
}


template <class Fn>
std::vector<Outcome> race(std::size_t n, Fn fn, int round = 0)
	/// Runs fn(0) .. fn(n - 1) on n threads released together and returns how each ended.
	/// In odd rounds each racer first waits a few hundred microseconds (different for each
	/// racer and round), so that calls made of several steps also interleave in other orders.
{
	std::vector<Outcome> outcomes(n);
	StartGate gate(n);
	std::vector<std::thread> threads;
	for (std::size_t i = 0; i < n; ++i)
	{
		const int delayMicros = round % 2 == 0 ? 0 : static_cast<int>((round * 7 + i * 13) % 10) * 150;
		threads.emplace_back([&, i, delayMicros] {
			gate.arriveAndWait();
			if (delayMicros > 0)
				std::this_thread::sleep_for(std::chrono::microseconds(delayMicros));
			outcomes[i] = attempt([&] { fn(i); });
		});
	}
	for (auto& t : threads)
		t.join();
	return outcomes;
}


std::string describe(const std::vector<Outcome>& outcomes)
{
	std::string text;
	for (std::size_t i = 0; i < outcomes.size(); ++i)
		text += "\n  racer " + std::to_string(i) + ": " + outcomes[i].describe();
	return text;
}


std::size_t assertOneWinner(const std::vector<Outcome>& outcomes, const std::string& where)
	/// Asserts that exactly one racer succeeded and returns its index.
{
	std::size_t winners = 0;
	std::size_t winner = 0;
	for (std::size_t i = 0; i < outcomes.size(); ++i)
	{
		if (outcomes[i].ok)
		{
			++winners;
			winner = i;
		}
	}
	CPPUNIT_ASSERT_MESSAGE(where + ": " + std::to_string(winners) + " winners instead of one" + describe(outcomes),
	                       winners == 1);
	return winner;
}


void assertLosersGot(const std::vector<Outcome>& outcomes, const std::string& type, const std::string& reason,
                     const std::string& where)
{
	for (const auto& o : outcomes)
	{
		CPPUNIT_ASSERT_MESSAGE(where + ": a loser did not get " + type + " '" + reason + "'" + describe(outcomes),
		                       o.ok || o.is(type, reason));
	}
}


Poco::Int64 scalar(TestRuntime& rt, const std::string& sql)
{
	Poco::Data::Session s = rt.database().session();
	Poco::Int64 n = -1;
	s << sql, into(n), now;
	return n;
}


std::string text(TestRuntime& rt, const std::string& sql)
{
	Poco::Data::Session s = rt.database().session();
	std::string value;
	s << sql, into(value), now;
	return value;
}


std::string quoted(const std::string& text)
{
	return "'" + text + "'";
}


void assertOwnersAreMembers(TestRuntime& rt, const std::string& where)
{
	CPPUNIT_ASSERT_EQUAL_MESSAGE(where + ": organizations whose owner is not a member", Poco::Int64(0),
	                             scalar(rt, "SELECT COUNT(*) FROM organizations o LEFT JOIN memberships m "
	                                        "ON m.organization_id = o.id AND m.account_id = o.owner_account_id "
	                                        "WHERE m.account_id IS NULL"));
}


std::string roleOf(TestRuntime& rt, Id orgId, Id accountId)
	/// Returns the role of a membership, or "" if there is none.
{
	Poco::Data::Session s = rt.database().session();
	std::vector<std::string> roles;
	s << "SELECT role FROM memberships WHERE organization_id = " + std::to_string(orgId) +
	         " AND account_id = " + std::to_string(accountId),
	    into(roles), now;
	return roles.empty() ? std::string() : roles.front();
}


const std::string CONFLICT("Orgs::ConflictException");
const std::string FORBIDDEN("Orgs::ForbiddenException");


} // namespace


void ConcurrencyTest::testAddSameMemberOnce()
{
	TestRuntime rt;
	const Account owner = rt.account("owner");
	const std::size_t RACERS = 3;
	for (int round = 0; round < ROUNDS; ++round)
	{
		const std::string where = "round " + std::to_string(round);
		const Organization org = rt.organization(owner, "org-" + std::to_string(round));
		const Account joiner = rt.account("joiner-" + std::to_string(round));

		std::vector<Outcome> outcomes = race(
		    RACERS, [&](std::size_t) { rt.memberships().addMember(owner.id, org.username, joiner.username, ""); },
		    round);
		assertOneWinner(outcomes, where);
		assertLosersGot(outcomes, CONFLICT, "already_member", where);

		CPPUNIT_ASSERT_EQUAL_MESSAGE(
		    where, Poco::Int64(1),
		    scalar(rt, "SELECT COUNT(*) FROM memberships WHERE organization_id = " + std::to_string(org.id) +
		                   " AND account_id = " + std::to_string(joiner.id)));
		CPPUNIT_ASSERT_EQUAL_MESSAGE(
		    where, Poco::Int64(2),
		    scalar(rt, "SELECT COUNT(*) FROM memberships WHERE organization_id = " + std::to_string(org.id)));
		CPPUNIT_ASSERT_EQUAL(std::string("member"),
		                     rt.memberships().getMember(owner.id, org.username, joiner.username).role);
	}
	assertOwnersAreMembers(rt, "after the races");
}


void ConcurrencyTest::testCreateSameOrganizationUsernameOnce()
{
	TestRuntime rt;
	const std::size_t RACERS = 3;
	std::vector<Account> creators;
	for (std::size_t i = 0; i < RACERS; ++i)
		creators.push_back(rt.account("creator-" + std::to_string(i)));

	for (int round = 0; round < ROUNDS; ++round)
	{
		const std::string where = "round " + std::to_string(round);
		const std::string username = "shared-" + std::to_string(round);
		std::vector<Outcome> outcomes = race(
		    RACERS,
		    [&](std::size_t i) {
			    OrganizationSpec spec;
			    spec.username = username;
			    spec.title = "Created by racer " + std::to_string(i);
			    rt.organizations().createOrganization(creators[i].id, spec);
		    },
		    round);
		const std::size_t winner = assertOneWinner(outcomes, where);
		assertLosersGot(outcomes, CONFLICT, "username_taken", where);

		CPPUNIT_ASSERT_EQUAL_MESSAGE(where, Poco::Int64(1),
		                             scalar(rt, "SELECT COUNT(*) FROM handles WHERE handle = " + quoted(username)));
		CPPUNIT_ASSERT_EQUAL_MESSAGE(
		    where, Poco::Int64(1),
		    scalar(rt, "SELECT COUNT(*) FROM organizations WHERE username = " + quoted(username)));
		CPPUNIT_ASSERT_EQUAL_MESSAGE(
		    where, creators[winner].id,
		    scalar(rt, "SELECT owner_account_id FROM organizations WHERE username = " + quoted(username)));
		// The winner's organization has exactly its owner as member; the losers left nothing behind.
		CPPUNIT_ASSERT_EQUAL_MESSAGE(where, Poco::Int64(1),
		                             scalar(rt, "SELECT COUNT(*) FROM memberships m JOIN organizations o ON "
		                                        "o.id = m.organization_id WHERE o.username = " +
		                                            quoted(username)));
	}
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(ROUNDS), scalar(rt, "SELECT COUNT(*) FROM organizations"));
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(ROUNDS), scalar(rt, "SELECT COUNT(*) FROM memberships"));
	assertOwnersAreMembers(rt, "after the races");
}


void ConcurrencyTest::testAccountAndOrganizationRaceForOneUsername()
{
	TestRuntime rt;
	const Account owner = rt.account("owner");
	for (int round = 0; round < ROUNDS; ++round)
	{
		const std::string where = "round " + std::to_string(round);
		const std::string username = "handle-" + std::to_string(round);
		std::vector<Outcome> outcomes = race(
		    2,
		    [&](std::size_t i) {
			    if (i == 0)
			    {
				    rt.account(username);
			    }
			    else
			    {
				    rt.organization(owner, username);
			    }
		    },
		    round);
		assertOneWinner(outcomes, where);
		assertLosersGot(outcomes, CONFLICT, "username_taken", where);

		CPPUNIT_ASSERT_EQUAL_MESSAGE(where, Poco::Int64(1),
		                             scalar(rt, "SELECT COUNT(*) FROM handles WHERE handle = " + quoted(username)));
		const Poco::Int64 accounts = scalar(rt, "SELECT COUNT(*) FROM accounts WHERE username = " + quoted(username));
		const Poco::Int64 organizations =
		    scalar(rt, "SELECT COUNT(*) FROM organizations WHERE username = " + quoted(username));
		CPPUNIT_ASSERT_EQUAL_MESSAGE(where, Poco::Int64(1), accounts + organizations);
		CPPUNIT_ASSERT_EQUAL_MESSAGE(where + ": the handle's kind is not its holder's",
		                             std::string(outcomes[0].ok ? "a" : "o"),
		                             text(rt, "SELECT kind FROM handles WHERE handle = " + quoted(username)));
	}
	assertOwnersAreMembers(rt, "after the races");
}


void ConcurrencyTest::testConcurrentTransfersLeaveOneOwner()
{
	TestRuntime rt;
	const Account owner = rt.account("owner");
	const Account a = rt.account("heir-a");
	const Account b = rt.account("heir-b");
	const Account targets[2] = {a, b};
	int ownershipChanged = 0;
	int ownerOnly = 0;
	for (int round = 0; round < ROUNDS; ++round)
	{
		const std::string where = "round " + std::to_string(round);
		const Organization org = rt.organization(owner, "estate-" + std::to_string(round));
		rt.memberships().addMember(owner.id, org.username, a.username, "member");
		rt.memberships().addMember(owner.id, org.username, b.username, "member");

		std::vector<Outcome> outcomes = race(
		    2,
		    [&](std::size_t i) { rt.organizations().transferOwnership(owner.id, org.username, targets[i].username); },
		    round);
		const std::size_t winner = assertOneWinner(outcomes, where);
		const Outcome& loser = outcomes[1 - winner];
		CPPUNIT_ASSERT_MESSAGE(where +
		                           ": the loser got neither ConflictException 'ownership_changed' nor "
		                           "ForbiddenException 'owner_only'" +
		                           describe(outcomes),
		                       loser.is(CONFLICT, "ownership_changed") || loser.is(FORBIDDEN, "owner_only"));
		if (loser.reason == "ownership_changed")
			++ownershipChanged;
		else
			++ownerOnly;

		const Account& heir = targets[winner];
		const Account& other = targets[1 - winner];
		CPPUNIT_ASSERT_EQUAL_MESSAGE(
		    where, heir.id,
		    scalar(rt, "SELECT owner_account_id FROM organizations WHERE id = " + std::to_string(org.id)));
		CPPUNIT_ASSERT_EQUAL_MESSAGE(where + ": the new owner's membership", std::string("member"),
		                             roleOf(rt, org.id, heir.id));
		CPPUNIT_ASSERT_EQUAL_MESSAGE(where + ": the former owner's role", std::string("admin"),
		                             roleOf(rt, org.id, owner.id));
		CPPUNIT_ASSERT_EQUAL_MESSAGE(where + ": the other heir's role", std::string("member"),
		                             roleOf(rt, org.id, other.id));
		CPPUNIT_ASSERT_EQUAL_MESSAGE(
		    where, Poco::Int64(3),
		    scalar(rt, "SELECT COUNT(*) FROM memberships WHERE organization_id = " + std::to_string(org.id)));

		// Through the services too: the heir owns it, the former owner does not.
		CPPUNIT_ASSERT(rt.organizations().getOrganization(heir.id, org.username).owner);
		OrganizationMembership former = rt.organizations().getOrganization(owner.id, org.username);
		CPPUNIT_ASSERT(!former.owner);
		CPPUNIT_ASSERT_EQUAL(std::string("admin"), former.role);
		CPPUNIT_ASSERT(!rt.organizations().getOrganization(other.id, org.username).owner);
	}
	assertOwnersAreMembers(rt, "after the races");
	std::cout << "  transfer races: " << ownershipChanged << " lost with ownership_changed, " << ownerOnly
	          << " with owner_only" << std::endl;
}


void ConcurrencyTest::testRemoveOrLeaveWhileTransferringToThem()
{
	TestRuntime rt;
	const Account owner = rt.account("owner");
	const Account admin = rt.account("admin");
	int transfersWon = 0;
	for (int round = 0; round < ROUNDS; ++round)
	{
		// Even rounds: an admin removes the heir; odd rounds: the heir leaves.
		const bool leaving = round % 2 == 1;
		const std::string where = "round " + std::to_string(round) + (leaving ? " (leave)" : " (remove)");
		const Organization org = rt.organization(owner, "house-" + std::to_string(round));
		const Account heir = rt.account("heir-" + std::to_string(round));
		rt.memberships().addMember(owner.id, org.username, admin.username, "admin");
		rt.memberships().addMember(owner.id, org.username, heir.username, "member");

		std::vector<Outcome> outcomes = race(
		    2,
		    [&](std::size_t i) {
			    if (i == 0)
				    rt.organizations().transferOwnership(owner.id, org.username, heir.username);
			    else if (leaving)
				    rt.memberships().leave(heir.id, org.username);
			    else
				    rt.memberships().removeMember(admin.id, org.username, heir.username);
		    },
		    round);
		const std::size_t winner = assertOneWinner(outcomes, where);
		const Id ownerId =
		    scalar(rt, "SELECT owner_account_id FROM organizations WHERE id = " + std::to_string(org.id));
		if (winner == 0)
		{
			++transfersWon;
			const std::string reason = leaving ? "transfer_ownership_first" : "owner_immutable";
			CPPUNIT_ASSERT_MESSAGE(where + ": the " + (leaving ? "leave" : "removal") + " did not get '" + reason +
			                           "'" + describe(outcomes),
			                       outcomes[1].is(CONFLICT, reason));
			CPPUNIT_ASSERT_EQUAL_MESSAGE(where, heir.id, ownerId);
			CPPUNIT_ASSERT_EQUAL_MESSAGE(where, std::string("member"), roleOf(rt, org.id, heir.id));
			CPPUNIT_ASSERT_EQUAL_MESSAGE(where, std::string("admin"), roleOf(rt, org.id, owner.id));
		}
		else
		{
			CPPUNIT_ASSERT_MESSAGE(where + ": the transfer did not get 'not_a_member'" + describe(outcomes),
			                       outcomes[0].is(CONFLICT, "not_a_member"));
			CPPUNIT_ASSERT_EQUAL_MESSAGE(where, owner.id, ownerId);
			CPPUNIT_ASSERT_EQUAL_MESSAGE(where + ": the heir is still a member", std::string(),
			                             roleOf(rt, org.id, heir.id));
			CPPUNIT_ASSERT_EQUAL_MESSAGE(where, std::string("admin"), roleOf(rt, org.id, owner.id));
		}
		assertOwnersAreMembers(rt, where);
	}
	std::cout << "  transfer vs remove/leave: the transfer won " << transfersWon << " of " << ROUNDS << std::endl;
}


void ConcurrencyTest::testTwoHostsRaceToCreateOneUsername()
{
	// One after the other: two hosts starting at once on a fresh database is MigratorTest's race.
	ReplayWorld world("default", {{"orgs.database.maxSessions", "4"}});
	HostProcess& first = world.host();
	const std::unique_ptr<HostProcess> pSecond = world.startHost();
	HostProcess& second = *pSecond;
	HostProcess* hosts[2] = {&first, &second};

	const std::string token = world.signUp("racer", "", "", "Racer").token;

	// The same user on both hosts, as behind a load balancer. Every request must answer within
	// a few seconds: a lock left behind by one host must not stall the other.
	std::unique_ptr<HttpClient> clients[2];
	for (int i = 0; i < 2; ++i)
	{
		clients[i].reset(new HttpClient(hosts[i]->baseUrl()));
		clients[i]->setTimeout(Poco::Timespan(REQUEST_TIMEOUT_S, 0));
		HttpClient::Response me;
		Outcome o = attempt([&] { me = clients[i]->get("/api/v1/me", "", token); });
		CPPUNIT_ASSERT_MESSAGE("GET /api/v1/me on host " + std::to_string(i + 1) +
		                           " with the token used on host 1: " + o.describe(),
		                       o.ok);
		CPPUNIT_ASSERT_EQUAL_MESSAGE(me.describe(), 200, me.status);
	}

	for (int round = 0; round < ROUNDS; ++round)
	{
		const std::string where = "round " + std::to_string(round);
		const std::string username = "web-" + std::to_string(round);
		HttpClient::Response responses[2];
		std::vector<Outcome> sent = race(2, [&](std::size_t i) {
			responses[i] =
			    clients[i]->post("/api/v1/orgs", R"({"username":")" + username + R"(","title":"Web"})", token);
		});
		for (int i = 0; i < 2; ++i)
		{
			CPPUNIT_ASSERT_MESSAGE(where + ": the request to host " + std::to_string(i + 1) +
			                           " failed: " + sent[i].describe() + "\nhost 1:\n" + first.output() +
			                           "\nhost 2:\n" + second.output(),
			                       sent[i].ok);
		}
		const std::string both = "\n  host 1: " + responses[0].describe() + "\n  host 2: " + responses[1].describe();
		const int created = (responses[0].status == 201) + (responses[1].status == 201);
		CPPUNIT_ASSERT_EQUAL_MESSAGE(where + ": creations" + both, 1, created);
		const HttpClient::Response& loser = responses[0].status == 201 ? responses[1] : responses[0];
		CPPUNIT_ASSERT_EQUAL_MESSAGE(where + both, 409, loser.status);
		CPPUNIT_ASSERT_EQUAL_MESSAGE(where + both, std::string("application/problem+json"), loser.contentType);
		CPPUNIT_ASSERT_EQUAL_MESSAGE(where + both, std::string("username_taken"),
		                             loser.json()->getValue<std::string>("code"));

		// Both hosts see the one organization.
		for (auto& client : clients)
		{
			HttpClient::Response got;
			Outcome o = attempt([&] { got = client->get("/api/v1/orgs/" + username, "", token); });
			CPPUNIT_ASSERT_MESSAGE(where + ": GET /api/v1/orgs/" + username + ": " + o.describe(), o.ok);
			CPPUNIT_ASSERT_EQUAL_MESSAGE(where + ": " + got.describe(), 200, got.status);
		}
	}

	Poco::Data::Session s = world.database().session();
	Poco::Int64 organizations = 0;
	Poco::Int64 handles = 0;
	s << "SELECT COUNT(*) FROM organizations", into(organizations), now;
	s << "SELECT COUNT(*) FROM handles WHERE kind = 'o'", into(handles), now;
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(ROUNDS), organizations);
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(ROUNDS), handles);

	CPPUNIT_ASSERT_EQUAL_MESSAGE(first.output(), 0, first.stop());
	CPPUNIT_ASSERT_EQUAL_MESSAGE(second.output(), 0, second.stop());
}


void ConcurrencyTest::testWritesOutsideTransactionsAreCommitted()
{
	TestRuntime rt;
	const Account ada = rt.account("ada");
	// A transaction on a pooled session (as every change is) ...
	const IssuedToken token = rt.accounts().createToken(ada.id, "cli");
	// ... then a write outside any transaction on the same pool: the first use of a token records
	// last_used_at. Another connection (another host) must see it at once, and the pooled
	// session must not keep a transaction (and its row locks) open.
	Id accountId = 0;
	CPPUNIT_ASSERT(rt.accounts().authenticateToken(token.secret, accountId));
	CPPUNIT_ASSERT_EQUAL(ada.id, accountId);

	CPPUNIT_ASSERT_EQUAL_MESSAGE(
	    "last_used_at, read from another connection, is not set: the write is not committed", Poco::Int64(1),
	    scalar(rt, "SELECT COUNT(*) FROM access_tokens WHERE id = " + std::to_string(token.token.id) +
	                   " AND last_used_at IS NOT NULL"));
	if (rt.database().isMySQL())
	{
		const int autocommit = rt.runtime().database().withSession([](Poco::Data::Session& s) {
			int value = -1;
			s << "SELECT @@autocommit", into(value), now;
			return value;
		});
		CPPUNIT_ASSERT_EQUAL_MESSAGE("a pooled session is left with autocommit off after a transaction", 1, autocommit);
	}
}


void ConcurrencyTest::testConcurrentAddsToOneOrganizationAllSucceed()
{
	TestRuntime rt;
	const Account owner = rt.account("owner");
	const Organization org = rt.organization(owner, "busy");
	const std::size_t RACERS = 4;
	const int ADDS = 10;
	std::vector<std::vector<Account>> joiners(RACERS);
	for (std::size_t i = 0; i < RACERS; ++i)
	{
		for (int k = 0; k < ADDS; ++k)
			joiners[i].push_back(rt.account("j" + std::to_string(i) + "-" + std::to_string(k)));
	}

	// Different accounts into the same organization at once: nothing conflicts, so every call
	// succeeds (a deadlock between them is the database's business, not the caller's).
	std::vector<std::vector<Outcome>> results(RACERS);
	race(RACERS, [&](std::size_t i) {
		for (const auto& joiner : joiners[i])
			results[i].push_back(
			    attempt([&] { rt.memberships().addMember(owner.id, org.username, joiner.username, ""); }));
	});
	for (std::size_t i = 0; i < RACERS; ++i)
	{
		for (std::size_t k = 0; k < results[i].size(); ++k)
		{
			CPPUNIT_ASSERT_MESSAGE("adding " + joiners[i][k].username + ": " + results[i][k].describe(),
			                       results[i][k].ok);
		}
	}
	CPPUNIT_ASSERT_EQUAL(
	    Poco::Int64(1 + RACERS * ADDS),
	    scalar(rt, "SELECT COUNT(*) FROM memberships WHERE organization_id = " + std::to_string(org.id)));
}


void ConcurrencyTest::testSecondHostSeesCommittedChanges()
{
	TestRuntime rt;
	// A second runtime on the same database, as a second host behind a load balancer.
	Poco::AutoPtr<Poco::Util::MapConfiguration> pConfig = TestRuntime::configuration(rt.database(), {});
	Runtime other(*pConfig, TestRuntime::resolveConfigPath, Poco::Logger::get("orgs-test"));

	const Account ada = rt.account("ada");                             // a transaction on this host's pool
	CPPUNIT_ASSERT_EQUAL(ada.id, rt.accounts().findAccount("ada").id); // then a read outside one
	CPPUNIT_ASSERT_EQUAL(ada.id, other.accounts()->findAccount("ada").id);

	const Account bob = other.accounts()->createAccount([] {
		AccountSpec spec;
		spec.username = "bob";
		spec.email = "bob@example.com";
		return spec;
	}());
	// Committed on the other host: found here, by a read and by a change.
	Id foundId = 0;
	Outcome found = attempt([&] { foundId = rt.accounts().findAccount("bob").id; });
	CPPUNIT_ASSERT_MESSAGE("an account created on the other host is not found here: " + found.describe(), found.ok);
	CPPUNIT_ASSERT_EQUAL(bob.id, foundId);
	const Organization org = rt.organization(ada, "shared");
	Outcome added = attempt([&] { rt.memberships().addMember(ada.id, org.username, "bob", ""); });
	CPPUNIT_ASSERT_MESSAGE("adding an account created on the other host: " + added.describe(), added.ok);

	// And the other way round.
	Outcome seen = attempt([&] { other.organizations()->getOrganization(bob.id, "shared"); });
	CPPUNIT_ASSERT_MESSAGE("the other host does not see the new membership: " + seen.describe(), seen.ok);
}


void ConcurrencyTest::testAsManyConcurrentCallsAsSessions()
{
	const int SESSIONS = 4;
	const int CALLS = 20;
	TestRuntime rt({{"orgs.database.maxSessions", std::to_string(SESSIONS)}});
	const Account owner = rt.account("owner");
	const Organization org = rt.organization(owner, "pool");
	std::vector<std::vector<Account>> readers(SESSIONS);
	for (int i = 0; i < SESSIONS; ++i)
	{
		for (int k = 0; k < CALLS; ++k)
		{
			readers[i].push_back(rt.account("r" + std::to_string(i) + "-" + std::to_string(k)));
			rt.memberships().addMember(owner.id, org.username, readers[i].back().username, "");
		}
	}

	// maxSessions callers at once, each reading as a member not seen before: a pool of
	// maxSessions sessions serves them all (one session per call), so none is refused as busy.
	std::vector<std::vector<Outcome>> results(SESSIONS);
	race(SESSIONS, [&](std::size_t i) {
		for (const auto& reader : readers[i])
			results[i].push_back(attempt([&] { rt.organizations().getOrganization(reader.id, org.username); }));
	});
	for (int i = 0; i < SESSIONS; ++i)
	{
		for (std::size_t k = 0; k < results[i].size(); ++k)
		{
			CPPUNIT_ASSERT_MESSAGE(std::to_string(SESSIONS) + " concurrent callers on a pool of " +
			                           std::to_string(SESSIONS) + " sessions, " + readers[i][k].username +
			                           " reading: " + results[i][k].describe(),
			                       results[i][k].ok);
		}
	}
}


void ConcurrencyTest::testCallersWaitForAFreeSession()
{
	// Every session of the pool is held (as by long requests): a call waits for one to come
	// back within orgs.database.sessionWaitMs, and only then is refused as busy.
	for (const int waitMs : {3000, 100})
	{
		TestRuntime rt(TestRuntime::Settings{{"orgs.database.maxSessions", "2"},
		                                     {"orgs.database.sessionWaitMs", std::to_string(waitMs)}});
		const Account owner = rt.account("owner");
		rt.organization(owner, "pool");
		std::unique_ptr<Poco::Data::Session> pOne(new Poco::Data::Session(rt.runtime().database().session()));
		std::unique_ptr<Poco::Data::Session> pTwo(new Poco::Data::Session(rt.runtime().database().session()));
		std::thread release([&] {
			std::this_thread::sleep_for(std::chrono::milliseconds(400));
			pOne.reset();
		});
		const auto started = std::chrono::steady_clock::now();
		std::string reason;
		try
		{
			rt.memberships().listMembers(owner.id, "pool", MemberQuery());
		}
		catch (UnavailableException& exc)
		{
			reason = exc.reason();
		}
		const auto waited =
		    std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
		release.join();
		if (waitMs > 400)
		{
			CPPUNIT_ASSERT_EQUAL_MESSAGE("a call waits for the session released after 400 ms", std::string(), reason);
			CPPUNIT_ASSERT(waited >= 300);
		}
		else
		{
			CPPUNIT_ASSERT_EQUAL(std::string("database_busy"), reason);
			CPPUNIT_ASSERT(waited >= 90 && waited < 400);
		}
	}
}
