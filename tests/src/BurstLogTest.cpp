//
// BurstLogTest.cpp
//
// Library: OrgsTests
// Package: Http
// Module:  BurstLogTest
//


#include "BurstLogTest.h"
#include "support/Suites.h"
#include "http/BurstLog.h"
#include "Poco/AutoPtr.h"
#include "Poco/Channel.h"
#include "Poco/Logger.h"
#include "Poco/Message.h"
#include "Poco/Mutex.h"
#include <chrono>
#include <string>
#include <thread>
#include <vector>


using Orgs::Http::BurstLog;


ORGS_TEST_SUITE(BurstLogTest, "BurstLog", UNIT);


namespace {


class CaptureChannel : public Poco::Channel
	/// Keeps every message's text.
{
public:
	void log(const Poco::Message& msg) override
	{
		Poco::FastMutex::ScopedLock lock(_mutex);
		_texts.push_back(msg.getText());
	}

	std::vector<std::string> texts()
	{
		Poco::FastMutex::ScopedLock lock(_mutex);
		return _texts;
	}

private:
	Poco::FastMutex _mutex;
	std::vector<std::string> _texts;
};


struct Capture
	/// A logger of its own, writing into a CaptureChannel.
{
	Capture(const std::string& name) : pChannel(new CaptureChannel), logger(Poco::Logger::get(name))
	{
		logger.setChannel(pChannel);
		logger.setLevel(Poco::Message::PRIO_TRACE);
	}

	std::vector<std::string> texts() { return pChannel->texts(); }

	std::vector<std::string> waitFor(std::size_t n, int ms = 5000)
	{
		for (int waited = 0; waited < ms && texts().size() < n; waited += 10)
			std::this_thread::sleep_for(std::chrono::milliseconds(10));
		return texts();
	}

	Poco::AutoPtr<CaptureChannel> pChannel;
	Poco::Logger& logger;
};


const auto WARNING = Poco::Message::PRIO_WARNING;


} // namespace


void BurstLogTest::testRepeatsAreCountedAndSummarised()
{
	Capture capture("BurstLogTest.repeats");
	BurstLog log(capture.logger, Poco::Timespan(1, 0));
	for (int i = 0; i < 1000; ++i)
		log.log(WARNING, "503 database_unavailable", "Request r" + std::to_string(i) + ": lost connection");
	std::vector<std::string> texts = capture.texts();
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), texts.size());
	CPPUNIT_ASSERT_EQUAL(std::string("Request r0: lost connection"), texts[0]);
	texts = capture.waitFor(2);
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), texts.size());
	CPPUNIT_ASSERT_EQUAL(std::string("503 database_unavailable: 999 more times in 1 s; the last: Request r999: "
	                                 "lost connection"),
	                     texts[1]);
	std::this_thread::sleep_for(std::chrono::milliseconds(200));
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), capture.texts().size());
}


void BurstLogTest::testDistinctCausesAreLoggedAtOnce()
{
	Capture capture("BurstLogTest.distinct");
	BurstLog log(capture.logger, Poco::Timespan(60, 0));
	log.log(WARNING, "a", "first a");
	log.log(WARNING, "b", "first b");
	log.log(WARNING, "a", "second a");
	log.log(WARNING, "b", "second b");
	const std::vector<std::string> texts = capture.texts();
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), texts.size());
	CPPUNIT_ASSERT_EQUAL(std::string("first a"), texts[0]);
	CPPUNIT_ASSERT_EQUAL(std::string("first b"), texts[1]);
}


void BurstLogTest::testNextBurstIsLoggedAgain()
{
	Capture capture("BurstLogTest.next");
	BurstLog log(capture.logger, Poco::Timespan(0, 300000));
	log.log(WARNING, "k", "one");
	std::this_thread::sleep_for(std::chrono::milliseconds(500));
	log.log(WARNING, "k", "two");
	const std::vector<std::string> texts = capture.texts();
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), texts.size()); // no repeat: no summary
	CPPUNIT_ASSERT_EQUAL(std::string("two"), texts[1]);
}


void BurstLogTest::testDestructorSummarises()
{
	Capture capture("BurstLogTest.destructor");
	{
		BurstLog log(capture.logger, Poco::Timespan(3600, 0));
		for (int i = 0; i < 3; ++i)
			log.log(WARNING, "k", "text " + std::to_string(i));
	}
	const std::vector<std::string> texts = capture.texts();
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), texts.size());
	CPPUNIT_ASSERT_MESSAGE(texts[1], texts[1].find("k: 2 more times in 0 s; the last: text 2") == 0);
}


void BurstLogTest::testZeroWindowLogsEach()
{
	Capture capture("BurstLogTest.zero");
	BurstLog log(capture.logger, Poco::Timespan(0));
	for (int i = 0; i < 5; ++i)
		log.log(WARNING, "k", "text");
	CPPUNIT_ASSERT_EQUAL(std::size_t(5), capture.texts().size());
}


void BurstLogTest::testKeysAreBounded()
{
	Capture capture("BurstLogTest.bounded");
	BurstLog log(capture.logger, Poco::Timespan(3600, 0));
	for (std::size_t i = 0; i < BurstLog::MAX_KEYS + 100; ++i)
		log.log(WARNING, "key " + std::to_string(i), "text " + std::to_string(i));
	CPPUNIT_ASSERT_EQUAL(BurstLog::MAX_KEYS + 1, capture.texts().size());
}
