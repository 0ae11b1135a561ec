//
// GaleraTest.cpp
//
// Library: OrgsTests
// Package: Data
// Module:  GaleraTest
//


#include "GaleraTest.h"
#include "data/ApiUsageRepository.h"
#include "data/Database.h"
#include "data/Migrator.h"
#include "data/Rows.h"
#include "Orgs/Errors.h"
#include "support/ExpositionParser.h"
#include "support/HostProcess.h"
#include "support/HttpAssert.h"
#include "support/HttpClient.h"
#include "support/Racing.h"
#include "support/ReplayWorld.h"
#include "support/Suites.h"
#include "support/TestDatabase.h"
#include "support/TestRuntime.h"
#include "Poco/Data/Session.h"
#include "Poco/Logger.h"
#include "Poco/StringTokenizer.h"
#include "Poco/Timestamp.h"
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>


using namespace Poco::Data::Keywords;
using Orgs::Data::Database;
using Orgs::Data::Migrator;
using Orgs::Test::HostProcess;
using Orgs::Test::HttpClient;
using Orgs::Test::ReplayWorld;
using Orgs::Test::TestDatabase;


ORGS_TEST_SUITE(GaleraTest, "Galera", GALERA);


namespace {


using User = ReplayWorld::User;
using Response = HttpClient::Response;

const std::string API = "/api/v1";


std::unique_ptr<HttpClient> clientOf(const HostProcess& host)
{
	std::unique_ptr<HttpClient> pClient(new HttpClient(host.baseUrl()));
	pClient->setTimeout(Poco::Timespan(20, 0));
	return pClient;
}


std::string membersBody(const std::string& username)
{
	return "{\"username\":\"" + username + "\"}";
}


Poco::Int64 count(TestDatabase& db, std::size_t node, const std::string& sql)
{
	Poco::Data::Session s = db.session(node);
	Poco::Int64 n = -1;
	s << sql, into(n), now;
	return n;
}


void assertAnswerIsAllowed(const Response& r, const std::string& where)
	/// On a cluster as anywhere: a 2xx, a 4xx, or a 503 problem+json; never a 500.
{
	const bool problem = r.contentType == "application/problem+json";
	CPPUNIT_ASSERT_MESSAGE(where + ": " + r.describe(), (r.status >= 200 && r.status < 300) ||
	                                                        (r.status >= 400 && r.status < 500 && problem) ||
	                                                        (r.status == 503 && problem));
}


Orgs::Config::DatabaseSettings settingsOn(const TestDatabase& db, std::size_t preferredNode)
	/// A Database of a host that prefers preferredNode, as TestDatabase::hostDefines() says.
{
	Orgs::Config::DatabaseSettings s;
	s.connector = "MySQL";
	s.connectionString = db.connectionString(preferredNode);
	Poco::StringTokenizer nodes(db.nodesSetting(preferredNode), ",",
	                            Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
	s.nodes.assign(nodes.begin(), nodes.end());
	s.maxSessions = 8;
	return s;
}


TestDatabase::Ptr databaseWith(const std::vector<std::string>& statements)
	/// A fresh database on the cluster with the statements (a table, its rows) run through node 0.
{
	TestDatabase::Ptr pDb = TestDatabase::create(TestDatabase::MYSQL);
	Poco::Data::Session s = pDb->session(0);
	for (const std::string& statement : statements)
		s << statement, now;
	return pDb;
}


double metric(HttpClient& client, const std::string& sample)
{
	const Response r = client.get(API + "/metrics");
	CPPUNIT_ASSERT_EQUAL_MESSAGE(r.describe(), 200, r.status);
	return ExpositionParser(r.body).value(sample);
}


} // namespace


void GaleraTest::testHostsOnThreeNodesReadTheirWrites()
{
	// Each write through one host is read at once through the hosts on the two other nodes:
	// the plugin's sessions wait (wsrep_sync_wait) until their node applied it.
	ReplayWorld world("default");
	CPPUNIT_ASSERT(world.database().isCluster());
	const std::unique_ptr<HostProcess> pSecond = world.startHost();
	const std::unique_ptr<HostProcess> pThird = world.startHost();
	std::unique_ptr<HttpClient> clients[3] = {clientOf(world.host()), clientOf(*pSecond), clientOf(*pThird)};

	const User owner = world.signUp("reader");
	for (int round = 0; round < 15; ++round)
	{
		const std::string where = "round " + std::to_string(round);
		HttpClient& writer = *clients[round % 3];
		const std::string org = "ryw-" + std::to_string(round);
		const std::string member = "ryw-member-" + std::to_string(round);
		// A sign-up through one host, its token used at once through the next.
		const Response signedUp = writer.post(API + "/accounts", "{\"username\":\"" + member + "\",\"email\":\"" +
		                                                             member + "@example.com\",\"name\":\"Member\"}");
		CPPUNIT_ASSERT_EQUAL_MESSAGE(where + ": " + signedUp.describe(), 201, signedUp.status);
		const std::string memberToken = signedUp.json()->getObject("token")->getValue<std::string>("token");
		const Response me = clients[(round + 1) % 3]->get(API + "/me", "", memberToken);
		CPPUNIT_ASSERT_EQUAL_MESSAGE(where + ": the new account's token on another node: " + me.describe(), 200,
		                             me.status);

		const Response created =
		    writer.post(API + "/orgs", "{\"username\":\"" + org + "\",\"title\":\"Org\"}", owner.token);
		CPPUNIT_ASSERT_EQUAL_MESSAGE(where + ": " + created.describe(), 201, created.status);
		const Response added =
		    clients[(round + 1) % 3]->post(API + "/orgs/" + org + "/members", membersBody(member), owner.token);
		CPPUNIT_ASSERT_EQUAL_MESSAGE(where + ": adding through the next node: " + added.describe(), 201, added.status);
		// The new member reads the organization through the third node at once.
		const Response read = clients[(round + 2) % 3]->get(API + "/orgs/" + org + "/members", "", memberToken);
		CPPUNIT_ASSERT_EQUAL_MESSAGE(where + ": the member on the third node: " + read.describe(), 200, read.status);
		CPPUNIT_ASSERT_MESSAGE(where + ": " + read.body, read.body.find("\"" + member + "\"") != std::string::npos);
	}
	// Every node holds every write.
	for (std::size_t node = 0; node < world.database().nodes().size(); ++node)
	{
		CPPUNIT_ASSERT_EQUAL(Poco::Int64(15), count(world.database(), node,
		                                            "SELECT COUNT(*) FROM organizations WHERE username LIKE 'ryw-%'"));
	}
	CPPUNIT_ASSERT_EQUAL_MESSAGE(pSecond->output(), 0, pSecond->stop());
	CPPUNIT_ASSERT_EQUAL_MESSAGE(pThird->output(), 0, pThird->stop());
	world.stopCleanly();
}


void GaleraTest::testRevocationReachesHostsOnOtherNodes()
{
	// A removal through one host denies the removed member on a host on another node within
	// orgs.access.maxStaleness, although that host had the member's grants cached.
	ReplayWorld world("default", {{"orgs.access.maxStaleness", "1"}});
	const std::unique_ptr<HostProcess> pOther = world.startHost();
	std::unique_ptr<HttpClient> other = clientOf(*pOther);

	const User owner = world.signUp("revoker");
	const User member = world.signUp("revoked");
	world.organization(owner, "revoking", "Revoking");
	ASSERT_STATUS(world.post("/orgs/revoking/members", membersBody("revoked"), owner), 201);
	for (int i = 0; i < 3; ++i) // cached on the other host now
		ASSERT_STATUS(other->get(API + "/orgs/revoking/members", "", member.token), 200);

	ASSERT_STATUS(world.del("/orgs/revoking/members/revoked", owner), 204);
	const Poco::Timestamp removed;
	Response r;
	do
	{
		r = other->get(API + "/orgs/revoking/members", "", member.token);
		assertAnswerIsAllowed(r, "after the removal");
		if (r.status == 404)
			break;
		Poco::Thread::sleep(20);
	} while (removed.elapsed() < 3000000);
	const double seconds = removed.elapsed() / 1e6;
	CPPUNIT_ASSERT_EQUAL_MESSAGE("still allowed " + std::to_string(seconds) + " s after the removal: " + r.describe(),
	                             404, r.status);
	// maxStaleness, and the time of one request.
	CPPUNIT_ASSERT_MESSAGE("denied only after " + std::to_string(seconds) + " s", seconds <= 1.5);
	CPPUNIT_ASSERT_EQUAL_MESSAGE(pOther->output(), 0, pOther->stop());
	world.stopCleanly();
}


void GaleraTest::testInvariantsHoldUnderRacingHosts()
{
	// Racing writers on three nodes: a node does not see another's row locks, so the invariants
	// rest on certification (every change of an organization writes its row, and conflicting
	// writes of one row abort all but the first at COMMIT) and on unique keys, which Galera
	// certifies too. A seat limit and one membership per account hold anyway.
	ReplayWorld world("default", {{"orgs.plans.free.maxMembers", "5"}});
	const std::unique_ptr<HostProcess> pSecond = world.startHost();
	const std::unique_ptr<HostProcess> pThird = world.startHost();
	const std::string urls[3] = {world.host().baseUrl(), pSecond->baseUrl(), pThird->baseUrl()};

	const User owner = world.signUp("seats-owner");
	world.organization(owner, "seats", "Seats");
	const int CANDIDATES = 12;
	for (int i = 0; i < CANDIDATES; ++i)
		world.signUp("seat-" + std::to_string(i));
	world.signUp("twice");

	std::vector<Response> seats(CANDIDATES);
	std::vector<Response> twice(6);
	std::vector<std::thread> threads;
	Orgs::Test::StartGate gate(CANDIDATES + 6);
	for (int i = 0; i < CANDIDATES; ++i)
	{
		threads.emplace_back([&, i] {
			HttpClient client(urls[i % 3]);
			client.setTimeout(Poco::Timespan(20, 0));
			gate.arriveAndWait();
			seats[i] = client.post(API + "/orgs/seats/members", membersBody("seat-" + std::to_string(i)), owner.token);
		});
	}
	for (int i = 0; i < 6; ++i)
	{
		threads.emplace_back([&, i] {
			HttpClient client(urls[i % 3]);
			client.setTimeout(Poco::Timespan(20, 0));
			gate.arriveAndWait();
			twice[i] = client.post(API + "/orgs/seats/members", membersBody("twice"), owner.token);
		});
	}
	for (auto& t : threads)
		t.join();

	int admitted = 0;
	int refused = 0;
	for (const Response& r : seats)
	{
		assertAnswerIsAllowed(r, "a seat");
		admitted += r.status == 201;
		refused += r.status == 409 || r.status == 403;
	}
	int addedTwice = 0;
	for (const Response& r : twice)
	{
		assertAnswerIsAllowed(r, "the same account");
		addedTwice += r.status == 201;
	}
	TestDatabase& db = world.database();
	const Poco::Int64 members = count(db, 1,
	                                  "SELECT COUNT(*) FROM memberships m JOIN organizations o ON "
	                                  "o.id = m.organization_id WHERE o.username = 'seats'");
	const Poco::Int64 twiceRows = count(db, 2,
	                                    "SELECT COUNT(*) FROM memberships m JOIN accounts a ON "
	                                    "a.id = m.account_id WHERE a.username = 'twice'");
	const std::string summary = std::to_string(admitted) + " seats admitted, " + std::to_string(refused) +
	                            " refused; 'twice' added " + std::to_string(addedTwice) + " times; " +
	                            std::to_string(members) + " members";
	std::cout << "  " << summary << std::endl;
	CPPUNIT_ASSERT_MESSAGE(summary, twiceRows <= 1 && addedTwice == twiceRows);
	// The owner, the admitted and 'twice' if it got in: never over the plan's 5 seats.
	CPPUNIT_ASSERT_MESSAGE(summary, members <= 5);
	CPPUNIT_ASSERT_EQUAL_MESSAGE(summary, Poco::Int64(1 + admitted + addedTwice), members);
	CPPUNIT_ASSERT_MESSAGE(summary, admitted + addedTwice >= 1);
	// One owner, who is a member.
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(1),
	                     count(db, 0,
	                           "SELECT COUNT(*) FROM organizations o JOIN memberships m ON m.organization_id "
	                           "= o.id AND m.account_id = o.owner_account_id WHERE o.username = 'seats'"));
	CPPUNIT_ASSERT_EQUAL_MESSAGE(pSecond->output(), 0, pSecond->stop());
	CPPUNIT_ASSERT_EQUAL_MESSAGE(pThird->output(), 0, pThird->stop());
	world.stopCleanly();
}


void GaleraTest::testCertificationConflictsAreRetried()
{
	// Two processes' worth of writers on two nodes, each incrementing one row by reading it
	// (FOR UPDATE: a lock only on its own node) and writing it back. A single server would
	// make them wait; the cluster lets both run and aborts one at COMMIT (1213). transact()
	// runs it again, so no increment is lost and none is made twice.
	TestDatabase::Ptr pDb =
	    databaseWith({"CREATE TABLE counter (id INT NOT NULL PRIMARY KEY, n BIGINT NOT NULL) ENGINE=InnoDB",
	                  "INSERT INTO counter (id, n) VALUES (1, 0)"});
	Database first(settingsOn(*pDb, 0));
	Database second(settingsOn(*pDb, 1));
	Database* databases[2] = {&first, &second};
	const auto increment = [](Database& db, Poco::Data::Session& s, const std::function<void()>& betweenReadAndWrite) {
		Poco::Data::RecordSet rs = db.select(s, "SELECT n FROM counter WHERE id = 1 FOR UPDATE", {});
		const Poco::Int64 n = Orgs::Data::Rows(rs).integer(0, 0);
		betweenReadAndWrite();
		db.execute(s, "UPDATE counter SET n = ? WHERE id = 1", {n + 1});
	};

	// First, collisions made certain: in each round one writer per node reads the row, both
	// wait until both have read it, then both write. Only one can commit; the other is aborted
	// and runs again.
	const int ROUNDS = 10;
	std::atomic<int> collidingAttempts{0};
	{
		std::vector<std::unique_ptr<Orgs::Test::StartGate>> gates;
		for (int r = 0; r < ROUNDS; ++r)
			gates.emplace_back(new Orgs::Test::StartGate(2));
		std::vector<std::thread> pair;
		for (int w = 0; w < 2; ++w)
		{
			pair.emplace_back([&, w] {
				Database& db = *databases[w];
				for (int r = 0; r < ROUNDS; ++r)
				{
					bool met = false;
					db.transact([&](Poco::Data::Session& s) {
						++collidingAttempts;
						increment(db, s, [&] {
							if (!met)
								gates[r]->arriveAndWait();
							met = true;
						});
					});
				}
			});
		}
		for (auto& t : pair)
			t.join();
	}
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(2 * ROUNDS), count(*pDb, 2, "SELECT n FROM counter WHERE id = 1"));
	const int rerun = collidingAttempts.load() - 2 * ROUNDS;
	CPPUNIT_ASSERT_MESSAGE("only " + std::to_string(rerun) + " of " + std::to_string(ROUNDS) + " collisions ran again",
	                       rerun >= ROUNDS);

	// Then writers running freely, three per node.
	const int WRITERS = 6;
	const int INCREMENTS = 50;
	std::atomic<int> done{0};
	std::atomic<int> busy{0};
	std::mutex mutex;
	std::string unexpected;
	std::vector<std::thread> threads;
	Orgs::Test::StartGate gate(WRITERS);
	for (int w = 0; w < WRITERS; ++w)
	{
		threads.emplace_back([&, w] {
			Database& db = *databases[w % 2];
			gate.arriveAndWait();
			for (int i = 0; i < INCREMENTS; ++i)
			{
				try
				{
					db.transact([&](Poco::Data::Session& s) { increment(db, s, [] {}); });
					++done;
				}
				catch (Orgs::UnavailableException&)
				{
					++busy; // every attempt collided: told, not made
				}
				catch (Poco::Exception& exc)
				{
					std::lock_guard<std::mutex> lock(mutex);
					if (unexpected.empty())
						unexpected = exc.displayText();
				}
			}
		});
	}
	for (auto& t : threads)
		t.join();
	CPPUNIT_ASSERT_MESSAGE(unexpected, unexpected.empty());
	const Poco::UInt64 conflicts = first.statementErrors(Database::StatementError::Deadlock) +
	                               second.statementErrors(Database::StatementError::Deadlock);
	const Poco::Int64 n = count(*pDb, 2, "SELECT n FROM counter WHERE id = 1");
	const std::string summary = std::to_string(rerun) + " of " + std::to_string(ROUNDS) +
	                            " certain collisions ran again; then " + std::to_string(done.load()) +
	                            " increments made, " + std::to_string(busy.load()) + " refused as busy, " +
	                            std::to_string(conflicts) + " conflicts (1213) in all; n = " + std::to_string(n);
	std::cout << "  " << summary << std::endl;
	CPPUNIT_ASSERT_EQUAL_MESSAGE(summary, Poco::Int64(2 * ROUNDS + done.load()), n);
	CPPUNIT_ASSERT_EQUAL_MESSAGE(summary, WRITERS * INCREMENTS, done.load() + busy.load());
	CPPUNIT_ASSERT_MESSAGE(summary, done.load() >= WRITERS * INCREMENTS * 9 / 10);
}


void GaleraTest::testTransactionEndedUnseenIsRunAgain()
{
	// A conflicting write of another node may abort a transaction between two of its
	// statements; if the client library loses that error, the unit goes on. Here the unit's
	// first attempt ends its own transaction unseen (as the abort would) after its first write:
	// its second write must not commit without the first. The marker row tells, and the unit
	// runs again whole.
	TestDatabase::Ptr pDb = databaseWith({"CREATE TABLE halves (id INT NOT NULL PRIMARY KEY) ENGINE=InnoDB"});
	Database db(settingsOn(*pDb, 0));
	int attempts = 0;
	db.transact([&](Poco::Data::Session& s) {
		++attempts;
		db.execute(s, "INSERT INTO halves (id) VALUES (1)", {});
		if (attempts == 1)
			s << "ROLLBACK", now;
		db.execute(s, "INSERT INTO halves (id) VALUES (2)", {});
	});
	CPPUNIT_ASSERT_EQUAL(2, attempts);
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(2), count(*pDb, 1, "SELECT COUNT(*) FROM halves"));
	// Autocommit is back on the pooled session: a later autocommitted write is kept.
	db.withSession([&](Poco::Data::Session& s) { db.execute(s, "INSERT INTO halves (id) VALUES (3)", {}); });
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(3), count(*pDb, 2, "SELECT COUNT(*) FROM halves"));

	// The unit may fail before its COMMIT because of it: a row it wrote is not there when it
	// reads it back, and it throws (as a lookup of a just-inserted invitation did under load,
	// answering 500). It runs again whole, and its exception is never seen.
	attempts = 0;
	db.transact([&](Poco::Data::Session& s) {
		++attempts;
		db.execute(s, "INSERT INTO halves (id) VALUES (4)", {});
		if (attempts == 1)
			s << "ROLLBACK", now;
		Poco::Int64 found = 0;
		s << "SELECT COUNT(*) FROM halves WHERE id = 4", into(found), now;
		if (found != 1)
			throw Poco::NullValueException("the row just written is not there");
	});
	CPPUNIT_ASSERT_EQUAL(2, attempts);
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(4), count(*pDb, 1, "SELECT COUNT(*) FROM halves"));
	// A unit that throws with its transaction alive is not run again.
	attempts = 0;
	CPPUNIT_ASSERT_THROW(db.transact([&](Poco::Data::Session& s) {
		++attempts;
		db.execute(s, "INSERT INTO halves (id) VALUES (5)", {});
		throw Poco::NullValueException("a failure of the unit's own");
	}),
	                     Poco::NullValueException);
	CPPUNIT_ASSERT_EQUAL(1, attempts);
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(4), count(*pDb, 2, "SELECT COUNT(*) FROM halves"));
}


void GaleraTest::testTransactionsReadWhatOtherNodesCommitted()
{
	// A unit of work reads inside its transaction; what another node committed before the unit
	// began must be there, or a rule is decided on an old row (an organization still personal,
	// a seat still free). The transaction's first statement waits until its node has applied
	// the cluster's earlier commits (a causal read, which Galera counts).
	TestDatabase::Ptr pDb =
	    databaseWith({"CREATE TABLE seen (id INT NOT NULL PRIMARY KEY, v INT NOT NULL) ENGINE=InnoDB",
	                  "INSERT INTO seen (id, v) VALUES (1, 0)"});
	Database db(settingsOn(*pDb, 0));
	Poco::Data::Session other = pDb->session(1);
	Poco::Data::Session counter = pDb->session(0);
	counter << "SET SESSION wsrep_sync_wait = 0", now;
	const auto causalReads = [&counter]() {
		std::string value;
		counter << "SHOW GLOBAL STATUS LIKE 'wsrep_causal_reads'", into(value), into(value), now;
		return std::stoll(value);
	};
	const int rounds = 50;
	int stale = 0;
	for (int v = 1; v <= rounds; ++v)
	{
		other << "UPDATE seen SET v = ? WHERE id = 1", use(v), now;
		db.transact([&](Poco::Data::Session& s) {
			Poco::Int64 read = -1;
			db.execute(s, "UPDATE seen SET id = id WHERE id = 2", {});
			s << "SELECT v FROM seen WHERE id = 1", into(read), now;
			if (read != v)
				++stale;
		});
	}
	CPPUNIT_ASSERT_EQUAL_MESSAGE("transactions that read a row older than a commit made before they began", 0, stale);
	// Each transaction waits once, at its start.
	const long long before = causalReads();
	for (int i = 0; i < 10; ++i)
		db.transact([&](Poco::Data::Session& s) { db.execute(s, "UPDATE seen SET id = id WHERE id = 2", {}); });
	CPPUNIT_ASSERT_EQUAL(10LL, causalReads() - before);
}


void GaleraTest::testUsageCountsDoNotCollideWithOrganizationChanges()
{
	// A flush of API request counts is open on node 0 while node 1 changes the organization
	// (a member added bumps its acl_version). Adding to the month's count checks no foreign
	// key, so the organization's row is nothing to the flush and it commits at its first
	// attempt. The month's first count is an INSERT, whose foreign key check does take the
	// organization's row: it collides and runs again (what every flush did before).
	Orgs::Test::TestRuntime rt;
	const Orgs::Organization acme = rt.organization(rt.account("ada"), "acme");
	Database& db = rt.runtime().database();
	Orgs::Data::ApiUsageRepository usage(db);
	Poco::Data::Session other = rt.database().session(1);
	const auto flushWhileChanged = [&](int month) {
		int attempts = 0;
		db.transact([&](Poco::Data::Session& s) {
			++attempts;
			usage.add(s, acme.id, month, 5);
			if (attempts == 1)
			{
				Poco::Int64 id = acme.id;
				other << "UPDATE organizations SET acl_version = acl_version + 1 WHERE id = ?", use(id), now;
			}
		});
		return attempts;
	};
	CPPUNIT_ASSERT_EQUAL(2, flushWhileChanged(202612)); // the first count: an INSERT
	CPPUNIT_ASSERT_EQUAL(1, flushWhileChanged(202612)); // the next ones: an UPDATE
	CPPUNIT_ASSERT_EQUAL(1, flushWhileChanged(202612));
	CPPUNIT_ASSERT_EQUAL(
	    Poco::Int64(15),
	    rt.scalar("SELECT requests FROM api_usage WHERE month = 202612 AND organization_id = ?", acme.id));
}


void GaleraTest::testMigratorsOnThreeNodesApplyEachMigrationOnce()
{
	// Three hosts starting together on a fresh database, each through its own node: the lease
	// row is replicated, so one migrates and the others find the schema done.
	for (int round = 0; round < 2; ++round)
	{
		TestDatabase::Ptr pDb = TestDatabase::create(TestDatabase::MYSQL);
		const std::size_t n = pDb->nodes().size();
		std::vector<std::unique_ptr<Database>> databases;
		for (std::size_t i = 0; i < n; ++i)
			databases.emplace_back(new Database(settingsOn(*pDb, i)));
		std::vector<int> versions(n, -1);
		std::vector<std::string> errors(n);
		Orgs::Test::StartGate gate(static_cast<int>(n));
		std::vector<std::thread> threads;
		for (std::size_t i = 0; i < n; ++i)
		{
			threads.emplace_back([&, i] {
				gate.arriveAndWait();
				try
				{
					versions[i] = Migrator(*databases[i], Poco::Logger::get("orgs-test.galera")).migrate(true);
				}
				catch (Poco::Exception& exc)
				{
					errors[i] = exc.displayText();
				}
			});
		}
		for (auto& t : threads)
			t.join();
		const Migrator migrator(*databases[0], Poco::Logger::get("orgs-test.galera"));
		const int latest = migrator.migrations().back().version;
		for (std::size_t i = 0; i < n; ++i)
		{
			CPPUNIT_ASSERT_MESSAGE("the migrator on node " + std::to_string(i) + ": " + errors[i], errors[i].empty());
			CPPUNIT_ASSERT_EQUAL(latest, versions[i]);
			// Each node has each migration once, and nobody holds the lease.
			CPPUNIT_ASSERT_EQUAL(Poco::Int64(migrator.migrations().size()),
			                     count(*pDb, i, "SELECT COUNT(DISTINCT version) FROM schema_migrations"));
			CPPUNIT_ASSERT_EQUAL(Poco::Int64(migrator.migrations().size()),
			                     count(*pDb, i, "SELECT COUNT(*) FROM schema_migrations"));
			CPPUNIT_ASSERT_EQUAL(Poco::Int64(0), count(*pDb, i, "SELECT COUNT(*) FROM schema_lock"));
		}
	}
}


void GaleraTest::testHostMovesToAnotherNodeAndBack()
{
	ReplayWorld world("default");
	// The second host prefers node 2: neither the first host's nor the test's checking node.
	const std::unique_ptr<HostProcess> pHost = world.startHost();
	std::unique_ptr<HttpClient> client = clientOf(*pHost);
	const User user = world.signUp("mover");
	ASSERT_STATUS(client->get(API + "/me", "", user.token), 200);
	CPPUNIT_ASSERT_EQUAL(0.0, metric(*client, "orgs_db_node{}"));

	TestDatabase::killNode(2);
	const Poco::Timestamp killed;
	// Every answer meanwhile is a 201 or a 503 problem+json; 201 again within failoverSeconds
	// (5 s). Most of the wait is the cluster's: the surviving nodes commit nothing until they
	// have declared the lost one gone (evs.suspect_timeout, 2 s in scripts/galera.sh).
	int unavailable = 0;
	double firstSuccess = -1;
	int written = 0;
	while (killed.elapsed() < 6000000)
	{
		const Response r = client->post(
		    API + "/orgs", "{\"username\":\"moved-" + std::to_string(written + unavailable) + "\",\"title\":\"Moved\"}",
		    user.token);
		assertAnswerIsAllowed(r, "while node 2 is down");
		if (r.status == 201)
		{
			++written;
			if (firstSuccess < 0)
				firstSuccess = killed.elapsed() / 1e6;
		}
		else
		{
			CPPUNIT_ASSERT_EQUAL_MESSAGE(r.describe(), 503, r.status);
			++unavailable;
		}
		if (written >= 10)
			break;
		Poco::Thread::sleep(50);
	}
	std::cout << "  node 2 killed: first write after " << firstSuccess << " s, " << unavailable << " answers 503"
	          << std::endl;
	CPPUNIT_ASSERT_MESSAGE("no write within 6 s of the node's loss", firstSuccess >= 0);
	CPPUNIT_ASSERT_MESSAGE("first write only after " + std::to_string(firstSuccess) + " s", firstSuccess <= 5.0);
	CPPUNIT_ASSERT_MESSAGE(pHost->output(), metric(*client, "orgs_db_failovers_total{}") >= 1);
	CPPUNIT_ASSERT(metric(*client, "orgs_db_node{}") != 0.0);

	// The node rejoins by state transfer with what was written meanwhile; the host returns to
	// it within failoverSeconds of its being in sync (it looks while serving requests).
	TestDatabase::startNode(2);
	CPPUNIT_ASSERT_EQUAL(
	    Poco::Int64(written),
	    count(world.database(), 2, "SELECT COUNT(*) FROM organizations WHERE username LIKE 'moved-%'"));
	const Poco::Timestamp rejoined;
	double node = -1;
	while (rejoined.elapsed() < 10000000)
	{
		ASSERT_STATUS(client->get(API + "/me", "", user.token), 200);
		node = metric(*client, "orgs_db_node{}");
		if (node == 0.0)
			break;
		Poco::Thread::sleep(200);
	}
	CPPUNIT_ASSERT_EQUAL_MESSAGE("the host did not return to its preferred node", 0.0, node);
	CPPUNIT_ASSERT_EQUAL_MESSAGE(pHost->output(), 0, pHost->stop());
	world.stopCleanly();
}
