//
// ReconnectTest.cpp
//
// Library: OrgsTests
// Package: Data
// Module:  ReconnectTest
//


#include "ReconnectTest.h"
#include "support/Suites.h"
#include "support/Racing.h"
#include "data/Database.h"
#include "support/HostProcess.h"
#include "support/ReplayWorld.h"
#include "support/HttpClient.h"
#include "support/TestDatabase.h"
#include "support/TestRuntime.h"
#include "Orgs/Errors.h"
#include "Poco/Environment.h"
#include "Poco/Exception.h"
#include "Poco/JSON/Object.h"
#include "Poco/Pipe.h"
#include "Poco/PipeStream.h"
#include "Poco/Process.h"
#include "Poco/StreamCopier.h"
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <iostream>
#include <map>
#include <mutex>
#include <sstream>
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
using Clock = std::chrono::steady_clock;

using Orgs::Test::StartGate;
using Orgs::Test::typeName;


ORGS_TEST_SUITE(ReconnectTest, "Reconnect", MARIADB);


namespace {


const int MAX_SESSIONS = 8;
const int LOAD_THREADS = 4;
const int BACKOFF_MS = 50;
const std::string UNAVAILABLE("Orgs::UnavailableException");


struct Call
	/// One service call made by a load thread.
{
	std::string op;
	Clock::time_point start;
	bool ok = false;
	std::string type; ///< the exception's type, empty on success
	std::string message;
};


template <class Fn>
Call call(const std::string& op, Fn&& fn)
{
	Call c;
	c.op = op;
	c.start = Clock::now();
	try
	{
		fn();
		c.ok = true;
	}
	catch (OrgsException& exc)
	{
		c.type = typeName(exc);
		c.message = exc.reason() + ": " + exc.displayText();
	}
	catch (Poco::Exception& exc)
	{
		c.type = typeName(exc);
		c.message = exc.displayText();
	}
	catch (std::exception& exc)
	{
		c.type = typeName(exc);
		c.message = exc.what();
	}
	return c;
}


void requireMySQL()
{
	CPPUNIT_ASSERT_EQUAL_MESSAGE("the Reconnect suite runs on MariaDB only: set ORGS_TEST_CONNECTOR=MySQL",
	                             TestDatabase::MYSQL, TestRuntime::connector());
}


void runMariaDbScript(const std::string& command)
	/// Runs "$ORGS_MARIADB_SCRIPT command $ORGS_MARIADB_DIR" (stop, restart) and waits for it.
{
	const std::string script = Poco::Environment::get("ORGS_MARIADB_SCRIPT", "");
	const std::string dir = Poco::Environment::get("ORGS_MARIADB_DIR", "");
	if (script.empty() || dir.empty())
		throw Poco::IOException("ORGS_MARIADB_SCRIPT and ORGS_MARIADB_DIR must be set: run the suite through ctest");
	Poco::Process::Args args{command, dir};
	Poco::Pipe outPipe;
	Poco::ProcessHandle handle = Poco::Process::launch(script, args, nullptr, &outPipe, &outPipe);
	Poco::PipeInputStream out(outPipe);
	std::string output;
	Poco::StreamCopier::copyToString(out, output);
	const int rc = handle.wait();
	if (rc != 0)
		throw Poco::IOException(script + " " + command + " failed (exit code " + std::to_string(rc) + "): " + output);
}


class StoppedServer
	/// Stops the private MariaDB; start() or the destructor brings it back on the same port.
{
public:
	StoppedServer() : _stopped(false)
	{
		runMariaDbScript("stop");
		_stopped = true;
	}

	~StoppedServer()
	{
		try
		{
			start();
		}
		catch (...)
		{
		}
	}

	void start()
	{
		if (_stopped)
		{
			runMariaDbScript("restart");
			_stopped = false;
		}
	}

private:
	bool _stopped;
};


template <class Fn>
std::vector<Call> atOnce(int n, Fn fn)
	/// Runs fn(0) .. fn(n - 1) on n threads released together and returns how each call ended.
{
	StartGate gate(n);
	std::vector<Call> results(n);
	std::vector<std::thread> threads;
	for (int i = 0; i < n; ++i)
	{
		threads.emplace_back([&, i] {
			gate.arriveAndWait();
			results[i] = call("concurrent", [&] { fn(i); });
		});
	}
	for (auto& t : threads)
		t.join();
	return results;
}


Poco::Int64 scalar(TestDatabase& db, const std::string& sql)
{
	Poco::Data::Session s = db.session();
	Poco::Int64 n = -1;
	s << sql, into(n), now;
	return n;
}


double seconds(Clock::duration d)
{
	return std::chrono::duration<double>(d).count();
}


} // namespace


void ReconnectTest::testRestartUnderLoad()
{
	requireMySQL();
	TestRuntime rt({{"orgs.database.minSessions", "1"}, {"orgs.database.maxSessions", std::to_string(MAX_SESSIONS)}});
	const Account owner = rt.account("owner");
	const Organization org = rt.organization(owner, "load");
	// Everything that went wrong, reported together at the end.
	std::vector<std::string> problems;

	// Warm the pool: every session open, and then idle while the server goes away.
	for (const auto& c : atOnce(MAX_SESSIONS, [&](int) { rt.organizations().getOrganization(owner.id, org.username); }))
	{
		if (!c.ok)
			problems.push_back("warming the pool with " + std::to_string(MAX_SESSIONS) +
			                   " concurrent reads, before any restart: " + c.type + " " + c.message);
	}

	// Load: reads and writes in a loop on LOAD_THREADS threads.
	std::atomic<bool> stop(false);
	std::vector<std::vector<Call>> calls(LOAD_THREADS);
	std::vector<std::thread> load;
	for (int t = 0; t < LOAD_THREADS; ++t)
	{
		load.emplace_back([&, t] {
			std::vector<Call>& mine = calls[t];
			for (int k = 0; !stop; ++k)
			{
				const std::string unique = "t" + std::to_string(t) + "-" + std::to_string(k);
				switch (k % 4)
				{
				case 0:
					mine.push_back(
					    call("getOrganization", [&] { rt.organizations().getOrganization(owner.id, org.username); }));
					break;
				case 1:
					mine.push_back(call("listMembers",
					                    [&] { rt.memberships().listMembers(owner.id, org.username, MemberQuery()); }));
					break;
				case 2:
					mine.push_back(call("createAccount " + unique, [&] { rt.account("a-" + unique); }));
					if (mine.back().ok)
					{
						mine.push_back(call("addMember " + unique, [&] {
							rt.memberships().addMember(owner.id, org.username, "a-" + unique, "");
						}));
					}
					break;
				default:
					mine.push_back(
					    call("createOrganization " + unique, [&] { rt.organization(owner, "o-" + unique); }));
					break;
				}
				// A client backs off after a 503 instead of spinning on a server that is down.
				if (!mine.back().ok)
					std::this_thread::sleep_for(std::chrono::milliseconds(BACKOFF_MS));
			}
		});
	}

	std::this_thread::sleep_for(std::chrono::milliseconds(500));
	const Clock::time_point restartStarted = Clock::now();
	std::string restartError;
	try
	{
		TestDatabase::restartServer();
	}
	catch (Poco::Exception& exc)
	{
		restartError = exc.displayText();
	}
	const Clock::time_point serverBack = Clock::now();
	std::this_thread::sleep_for(std::chrono::seconds(3));
	stop = true;
	for (auto& t : load)
		t.join();
	CPPUNIT_ASSERT_MESSAGE("the restart failed: " + restartError, restartError.empty());

	// Every failure is a 503 (UnavailableException); every call started a second after the
	// server was back succeeded.
	std::map<std::string, int> failuresByType;
	std::map<std::string, std::string> sampleByType;
	int successesBefore = 0, successesDuring = 0, successesAfter = 0, failures = 0;
	std::vector<std::string> lateFailures;
	for (const auto& mine : calls)
	{
		for (const auto& c : mine)
		{
			if (c.ok)
			{
				if (c.start < restartStarted)
					++successesBefore;
				else if (c.start < serverBack)
					++successesDuring;
				else
					++successesAfter;
				continue;
			}
			++failures;
			++failuresByType[c.type];
			if (sampleByType.find(c.type) == sampleByType.end())
				sampleByType[c.type] = c.op + " at " + std::to_string(seconds(c.start - restartStarted)) +
				                       " s after the restart began: " + c.message;
			if (c.start > serverBack + std::chrono::seconds(1))
			{
				lateFailures.push_back(c.op + " at +" + std::to_string(seconds(c.start - serverBack)) +
				                       " s: " + c.type + " " + c.message);
			}
		}
	}
	std::string summary;
	for (const auto& kv : failuresByType)
		summary += "\n    " + std::to_string(kv.second) + " x " + kv.first + ", e.g. " + sampleByType[kv.first];
	std::cout << "  restart took " << seconds(serverBack - restartStarted) << " s; successes " << successesBefore
	          << " before, " << successesDuring << " during, " << successesAfter << " after; " << failures
	          << " failures" << summary << std::endl;

	for (const auto& kv : failuresByType)
	{
		if (kv.first != UNAVAILABLE)
			problems.push_back(std::to_string(kv.second) + " calls failed with " + kv.first + " instead of " +
			                   UNAVAILABLE + ", e.g. " + sampleByType[kv.first]);
	}
	if (successesBefore == 0)
		problems.push_back("no call succeeded before the restart");
	if (successesAfter == 0)
		problems.push_back("no call succeeded after the restart");
	for (std::size_t i = 0; i < lateFailures.size() && i < 5; ++i)
		problems.push_back("a call failed more than 1 s after the server was back: " + lateFailures[i]);

	// Every pooled session recovered: 2 x maxSessions calls one after the other, then all the
	// sessions at once, twice.
	for (int i = 0; i < 2 * MAX_SESSIONS; ++i)
	{
		Call c = call("sequential", [&] { rt.organizations().getOrganization(owner.id, org.username); });
		if (!c.ok)
			problems.push_back("sequential call " + std::to_string(i) + " after the restart: " + c.type + " " +
			                   c.message);
	}
	for (int round = 0; round < 2; ++round)
	{
		for (const auto& c : atOnce(MAX_SESSIONS, [&](int i) {
			     if (i % 2 == 0)
				     rt.organizations().getOrganization(owner.id, org.username);
			     else
				     rt.account("after-" + std::to_string(round) + "-" + std::to_string(i));
		     }))
		{
			if (!c.ok)
				problems.push_back("one of " + std::to_string(MAX_SESSIONS) +
				                   " concurrent calls after the restart: " + c.type + " " + c.message);
		}
	}

	// The data is consistent: what succeeded is there, and every change was all or nothing.
	TestDatabase& db = rt.database();
	for (const auto& mine : calls)
	{
		for (const auto& c : mine)
		{
			if (!c.ok)
				continue;
			std::string table, name;
			if (c.op.compare(0, 14, "createAccount ") == 0)
			{
				table = "accounts";
				name = "a-" + c.op.substr(14);
			}
			else if (c.op.compare(0, 19, "createOrganization ") == 0)
			{
				table = "organizations";
				name = "o-" + c.op.substr(19);
			}
			else if (c.op.compare(0, 10, "addMember ") == 0)
			{
				const Poco::Int64 n =
				    scalar(db, "SELECT COUNT(*) FROM memberships m JOIN accounts a ON a.id = m.account_id "
				               "WHERE m.organization_id = " +
				                   std::to_string(org.id) + " AND a.username = 'a-" + c.op.substr(10) + "'");
				if (n != 1)
					problems.push_back(c.op + " succeeded, but there are " + std::to_string(n) + " such memberships");
			}
			if (!table.empty())
			{
				const Poco::Int64 n = scalar(db, "SELECT COUNT(*) FROM " + table + " WHERE username = '" + name + "'");
				if (n != 1)
					problems.push_back(c.op + " succeeded, but there are " + std::to_string(n) + " " + table +
					                   " named " + name);
			}
		}
	}
	if (const Poco::Int64 n = scalar(db, "SELECT COUNT(*) FROM organizations o LEFT JOIN memberships m "
	                                     "ON m.organization_id = o.id AND m.account_id = o.owner_account_id "
	                                     "WHERE m.account_id IS NULL"))
		problems.push_back(std::to_string(n) + " organizations whose owner is not a member");
	if (const Poco::Int64 n = scalar(db, "SELECT COUNT(*) FROM handles h "
	                                     "LEFT JOIN accounts a ON a.username = h.handle AND h.kind = 'a' "
	                                     "LEFT JOIN organizations o ON o.username = h.handle AND h.kind = 'o' "
	                                     "WHERE a.id IS NULL AND o.id IS NULL"))
		problems.push_back(std::to_string(n) + " handles held by no account and no organization");

	std::string report;
	for (const auto& p : problems)
		report += "\n  - " + p;
	CPPUNIT_ASSERT_MESSAGE(std::to_string(problems.size()) + " problems:" + report, problems.empty());
}


void ReconnectTest::testOutageRevealsNothing()
{
	requireMySQL();
	ReplayWorld world("default", {{"orgs.http.errorLogWindowSeconds", "3"}});
	HostProcess& host = world.host();
	HttpClient& client = world.client();
	client.setTimeout(Poco::Timespan(15, 0));
	const std::string token = world.signUp("ada", "", "", "Ada").token;
	HttpClient::Response r = client.post("/api/v1/orgs", R"({"username":"acme","title":"Acme"})", token);
	CPPUNIT_ASSERT_EQUAL_MESSAGE(r.describe(), 201, r.status);

	static const std::vector<std::string> internals{
	    "SELECT",    "INSERT",   "UPDATE ", "FROM ",     "WHERE",     "errno",  "MySQL",
	    "mysql",     "MariaDB",  "SQL",     "127.0.0.1", "localhost", "socket", "Poco",
	    "Exception", "statemnt", "Can't",   "2002",      "2003",      "2006",   "2013"};
	const int requests = 60;
	{
		StoppedServer stopped;
		const Clock::time_point started = Clock::now();
		for (int i = 0; i < requests; ++i)
		{
			const std::string id = "outage-" + std::to_string(i);
			HttpClient::Headers headers{{"X-Request-Id", id}};
			std::string path = "/api/v1/health";
			if (i % 3 == 1)
			{
				headers.emplace_back("Authorization", "Bearer " + token);
				path = "/api/v1/me";
			}
			else if (i % 3 == 2)
			{
				headers.emplace_back("Authorization", "Bearer " + token);
				path = "/api/v1/orgs/acme/members";
			}
			r = client.request("GET", path, "", headers);
			CPPUNIT_ASSERT_EQUAL_MESSAGE(path + " while MariaDB is stopped: " + r.describe(), 503, r.status);
			CPPUNIT_ASSERT_EQUAL(std::string("application/problem+json"), r.contentType);
			Poco::JSON::Object::Ptr problem = r.json();
			const std::string code = problem->getValue<std::string>("code");
			CPPUNIT_ASSERT_MESSAGE(r.body, code == "database_unavailable" || code == "database_busy");
			for (const auto& word : internals)
				CPPUNIT_ASSERT_MESSAGE("'" + word + "' in " + r.body, r.body.find(word) == std::string::npos);
			CPPUNIT_ASSERT_EQUAL(id, r.header("X-Request-Id"));
			CPPUNIT_ASSERT_EQUAL("urn:orgs:request:" + id, problem->getValue<std::string>("instance"));
			CPPUNIT_ASSERT_EQUAL(id, problem->getValue<std::string>("request_id"));
			CPPUNIT_ASSERT_MESSAGE(r.describe(), !r.header("Retry-After").empty());
		}
		const double outageSeconds = std::chrono::duration<double>(Clock::now() - started).count();

		// The log: the cause once per burst (a line per code at most, within the window), not
		// once per request.
		auto answered = [&host] {
			std::vector<std::string> lines;
			std::istringstream in(host.errorOutput());
			for (std::string line; std::getline(in, line);)
			{
				if (line.find("answered 503") != std::string::npos)
					lines.push_back(line);
			}
			return lines;
		};
		std::vector<std::string> lines = answered();
		std::string text;
		for (const auto& l : lines)
			text += "\n  " + l;
		// A line per code and window: the requests took outageSeconds, the window is 3 s.
		const std::size_t bound = 2 * (static_cast<std::size_t>(outageSeconds / 3) + 1);
		CPPUNIT_ASSERT_MESSAGE(std::to_string(lines.size()) + " log lines for " + std::to_string(requests) +
		                           " failed requests in " + std::to_string(outageSeconds) + " s:" + text,
		                       !lines.empty() && lines.size() <= bound);
		CPPUNIT_ASSERT_MESSAGE(text, lines.front().find("Request outage-0 answered 503") != std::string::npos);
		// The cause is there, for the operator.
		CPPUNIT_ASSERT_MESSAGE(text, lines.front().find("MySQL") != std::string::npos ||
		                                 lines.front().find("mysql") != std::string::npos);

		// The repeats are summarised once the window ends, even though no request follows.
		std::string summary;
		for (int waited = 0; waited < 100 && summary.empty(); ++waited)
		{
			std::istringstream in(host.errorOutput());
			for (std::string line; std::getline(in, line);)
			{
				if (line.find("more times in") != std::string::npos && line.find("503 database_") != std::string::npos)
					summary = line;
			}
			if (summary.empty())
				std::this_thread::sleep_for(std::chrono::milliseconds(100));
		}
		CPPUNIT_ASSERT_MESSAGE("no summary of the repeats in the log:\n" + host.errorOutput(), !summary.empty());
		std::cout << "  " << requests << " requests answered 503 in " << outageSeconds << " s; the log holds "
		          << lines.size() << " line(s) with the cause:" << text << "\n  and the summary:\n  " << summary
		          << std::endl;
		stopped.start();
	}
	r = client.get("/api/v1/health");
	CPPUNIT_ASSERT_EQUAL_MESSAGE(r.describe(), 200, r.status);
	CPPUNIT_ASSERT_EQUAL_MESSAGE(host.output(), 0, host.stop());
}


void ReconnectTest::testHealthFollowsTheDatabase()
{
	requireMySQL();
	const int hostSessions = 4;
	ReplayWorld world("default",
	                  {{"orgs.database.maxSessions", std::to_string(hostSessions)}, {"logging.level", "error"}});
	HostProcess& host = world.host();
	HttpClient& client = world.client();
	client.setTimeout(Poco::Timespan(15, 0));

	HttpClient::Response health = client.get("/api/v1/health");
	CPPUNIT_ASSERT_EQUAL_MESSAGE(health.describe(), 200, health.status);
	CPPUNIT_ASSERT_EQUAL(std::string("ok"), health.json()->getValue<std::string>("status"));
	const std::string token = world.signUp("ada", "", "", "Ada").token;

	{
		StoppedServer stopped;
		for (int i = 0; i < 3; ++i)
		{
			health = client.get("/api/v1/health");
			CPPUNIT_ASSERT_EQUAL_MESSAGE("health while MariaDB is stopped: " + health.describe(), 503, health.status);
			CPPUNIT_ASSERT_EQUAL(std::string("application/problem+json"), health.contentType);
			Poco::JSON::Object::Ptr problem = health.json();
			CPPUNIT_ASSERT_EQUAL(503, problem->getValue<int>("status"));
			CPPUNIT_ASSERT(!problem->getValue<std::string>("code").empty());
			CPPUNIT_ASSERT(problem->has("title"));
			CPPUNIT_ASSERT(problem->has("detail"));
		}
		// An authenticated call needs the database too: 503, not 401 or 500.
		HttpClient::Response me = client.get("/api/v1/me", "", token);
		CPPUNIT_ASSERT_EQUAL_MESSAGE("GET /me while MariaDB is stopped: " + me.describe(), 503, me.status);
		stopped.start();
	}

	// Back: the very first request succeeds, and so does every one after it (each pooled
	// session has to recover).
	for (int i = 0; i < 2 * hostSessions; ++i)
	{
		health = client.get("/api/v1/health");
		CPPUNIT_ASSERT_EQUAL_MESSAGE("health request " + std::to_string(i) + " after the restart: " + health.describe(),
		                             200, health.status);
		HttpClient::Response me = client.get("/api/v1/me", "", token);
		CPPUNIT_ASSERT_EQUAL_MESSAGE("GET /me " + std::to_string(i) + " after the restart: " + me.describe(), 200,
		                             me.status);
	}
	HttpClient::Response created =
	    client.post("/api/v1/orgs", R"({"username":"after-restart","title":"After"})", token);
	CPPUNIT_ASSERT_EQUAL_MESSAGE(created.describe(), 201, created.status);

	CPPUNIT_ASSERT_EQUAL_MESSAGE(host.output(), 0, host.stop());
}
