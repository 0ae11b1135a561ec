//
// ApiUsageTest.cpp
//
// Library: OrgsTests
// Package: Service
// Module:  ApiUsageTest
//


#include "ApiUsageTest.h"
#include "support/Suites.h"
#include "config/Settings.h"
#include "data/Database.h"
#include "service/ApiUsage.h"
#include "support/ManualClock.h"
#include "support/Racing.h"
#include "Poco/DateTime.h"
#include "Poco/File.h"
#include "Poco/Logger.h"
#include "Poco/Path.h"
#include "Poco/TemporaryFile.h"
#include "Poco/Util/MapConfiguration.h"
#include <atomic>
#include <memory>
#include <thread>
#include <vector>


using namespace Orgs;
using Orgs::Service::ApiUsage;
using Orgs::Test::ManualClock;


ORGS_TEST_SUITE(ApiUsageTest, "ApiUsage", UNIT);


namespace {


struct Scratch
	/// A counter on a SQLite file that has no schema: counting never touches it, a flush fails.
{
	Scratch(Service::Clock::Ptr pClock) : file(Poco::TemporaryFile::tempName())
	{
		Config::DatabaseSettings settings;
		settings.connector = "SQLite";
		settings.connectionString = file;
		pDatabase.reset(new Data::Database(settings));
		Poco::Logger& logger = Poco::Logger::get("orgs-test.api-usage");
		logger.setLevel(Poco::Message::PRIO_FATAL); // the failing flushes are expected
		pUsage.reset(new ApiUsage(*pDatabase, pClock, logger));
	}

	~Scratch()
	{
		pUsage.reset();
		pDatabase.reset();
		for (const char* suffix : {"", "-wal", "-shm", "-journal"})
		{
			try
			{
				Poco::File(file + suffix).remove();
			}
			catch (Poco::Exception&)
			{
			}
		}
	}

	std::string file;
	std::unique_ptr<Data::Database> pDatabase;
	std::unique_ptr<ApiUsage> pUsage;
};


} // namespace


void ApiUsageTest::testMonthOfMatchesCalendar()
{
	CPPUNIT_ASSERT_EQUAL(197001, ApiUsage::monthOf(Poco::Timestamp(0)));
	CPPUNIT_ASSERT_EQUAL(196912, ApiUsage::monthOf(Poco::Timestamp(-1)));
	CPPUNIT_ASSERT_EQUAL(202611, ApiUsage::monthOf(Poco::DateTime(2026, 11, 30, 23, 59, 59, 999, 999).timestamp()));
	CPPUNIT_ASSERT_EQUAL(202612, ApiUsage::monthOf(Poco::DateTime(2026, 12, 1).timestamp()));
	CPPUNIT_ASSERT_EQUAL(202402, ApiUsage::monthOf(Poco::DateTime(2024, 2, 29, 12, 0, 0).timestamp()));
	CPPUNIT_ASSERT_EQUAL(210001, ApiUsage::monthOf(Poco::DateTime(2100, 1, 1).timestamp()));
	// Every day from 1999 to 2101, at its first and last microsecond, against Poco's calendar.
	for (Poco::DateTime day(1999, 1, 1); day.year() < 2102; day += Poco::Timespan(1, 0, 0, 0, 0))
	{
		const int expected = day.year() * 100 + day.month();
		CPPUNIT_ASSERT_EQUAL(expected, ApiUsage::monthOf(day.timestamp()));
		CPPUNIT_ASSERT_EQUAL(expected, ApiUsage::monthOf(day.timestamp() + Poco::Timespan::DAYS - 1));
		if (day.day() == 1)
			CPPUNIT_ASSERT(day.timestamp() == ApiUsage::monthStart(expected));
	}
	CPPUNIT_ASSERT(Poco::DateTime(1969, 12, 1).timestamp() == ApiUsage::monthStart(196912));
}


void ApiUsageTest::testCountsFromSeveralThreads()
{
	Poco::SharedPtr<ManualClock> pClock = new ManualClock(Poco::DateTime(2026, 11, 23, 8, 0, 0));
	Scratch scratch(pClock);
	ApiUsage& usage = *scratch.pUsage;
	const int THREADS = 8;
	const int PER_THREAD = 20000;
	const Id ORGS = 40; // more organizations than shards, so shards are shared
	Orgs::Test::StartGate gate(THREADS);
	std::vector<std::thread> threads;
	for (int t = 0; t < THREADS; ++t)
	{
		threads.emplace_back([&, t]() {
			gate.arriveAndWait();
			for (int i = 0; i < PER_THREAD; ++i)
				usage.record(1 + (t + i) % ORGS);
		});
	}
	for (auto& thread : threads)
		thread.join();
	Poco::Int64 total = 0;
	for (Id org = 1; org <= ORGS; ++org)
	{
		const Poco::Int64 n = usage.pending(org, 202611);
		CPPUNIT_ASSERT_EQUAL(Poco::Int64(THREADS * PER_THREAD / ORGS), n);
		total += n;
	}
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(THREADS) * PER_THREAD, total);
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(0), usage.pending(ORGS + 1, 202611));
}


void ApiUsageTest::testMonthRollover()
{
	Poco::SharedPtr<ManualClock> pClock = new ManualClock(Poco::DateTime(2026, 11, 30, 23, 59, 59));
	Scratch scratch(pClock);
	ApiUsage& usage = *scratch.pUsage;
	usage.record(7);
	usage.record(7);
	pClock->set(Poco::DateTime(2026, 12, 1, 0, 0, 0));
	usage.record(7);
	// A clock set back is followed too (the per-thread month cache is checked both ways).
	pClock->set(Poco::DateTime(2026, 11, 30, 23, 59, 59, 999, 999));
	usage.record(7);
	pClock->set(Poco::DateTime(2026, 12, 1, 0, 0, 0));
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(3), usage.pending(7, 202611));
	usage.record(7);
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(2), usage.pending(7, 202612));
	pClock->set(Poco::DateTime(2027, 1, 1, 0, 0, 0));
	usage.record(7);
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), usage.pending(7, 202701));
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(2), usage.pending(7, 202612));
}


void ApiUsageTest::testFailedFlushKeepsCounts()
{
	Poco::SharedPtr<ManualClock> pClock = new ManualClock(Poco::DateTime(2026, 11, 23, 8, 0, 0));
	Scratch scratch(pClock);
	ApiUsage& usage = *scratch.pUsage;
	for (int i = 0; i < 3; ++i)
		usage.record(1);
	usage.record(2);
	// No api_usage table: the flush fails and nothing is lost.
	CPPUNIT_ASSERT_THROW(usage.flush(), Poco::Exception);
	usage.record(1);
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(4), usage.pending(1, 202611));
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), usage.pending(2, 202611));
	// The background thread keeps trying and stop() gives up with a log line, not an exception.
	usage.start(1);
	usage.stop();
	usage.stop();
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(4), usage.pending(1, 202611));
}


void ApiUsageTest::testSettings()
{
	auto resolve = [](const std::string& p) { return "/etc/orgs/" + p; };
	Poco::AutoPtr<Poco::Util::MapConfiguration> c = new Poco::Util::MapConfiguration;
	Config::Settings s = Config::Settings::load(*c, resolve);
	CPPUNIT_ASSERT_EQUAL(10, s.usageFlushSeconds);
	CPPUNIT_ASSERT(!s.personalOnSignup);
	CPPUNIT_ASSERT(!s.personalAllowsMembers);

	c->setString("orgs.usage.flushSeconds", "2");
	c->setString("orgs.organizations.personalOnSignup", "true");
	c->setString("orgs.organizations.personalAllowsMembers", "yes");
	s = Config::Settings::load(*c, resolve);
	CPPUNIT_ASSERT_EQUAL(2, s.usageFlushSeconds);
	CPPUNIT_ASSERT(s.personalOnSignup);
	CPPUNIT_ASSERT(s.personalAllowsMembers);

	for (const char* bad : {"0", "-1", "ten", "86401"})
	{
		c->setString("orgs.usage.flushSeconds", bad);
		try
		{
			Config::Settings::load(*c, resolve);
			CPPUNIT_FAIL(std::string("orgs.usage.flushSeconds = ") + bad + " was accepted");
		}
		catch (Poco::DataFormatException& exc)
		{
			CPPUNIT_ASSERT_MESSAGE(exc.message(), exc.message().find("orgs.usage.flushSeconds") != std::string::npos);
		}
	}
	c->setString("orgs.usage.flushSeconds", "10");
	c->setString("orgs.organizations.personalOnSignup", "perhaps");
	CPPUNIT_ASSERT_THROW(Config::Settings::load(*c, resolve), Poco::DataFormatException);
}
