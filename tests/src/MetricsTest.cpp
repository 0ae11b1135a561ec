//
// MetricsTest.cpp
//
// Library: OrgsTests
// Package: Metrics
// Module:  MetricsTest
//


#include "MetricsTest.h"
#include "support/ExpositionParser.h"
#include "support/Suites.h"
#include "http/MetricsHandlers.h"
#include "metrics/Histogram.h"
#include "metrics/Registry.h"
#include "metrics/ShardedCounter.h"
#include "metrics/TextFormat.h"
#include "Poco/Exception.h"
#include <cmath>
#include <malloc.h>
#include <stdexcept>
#include <thread>
#include <vector>


using Orgs::Metrics::Histogram;
using Orgs::Metrics::Registry;
using Orgs::Metrics::ShardedCounter;
using Orgs::Metrics::TextFormat;


ORGS_TEST_SUITE(MetricsTest, "Metrics", UNIT);


namespace {


std::size_t allocatedBytes()
{
	const struct mallinfo2 mi = mallinfo2();
	return mi.uordblks + mi.hblkhd;
}


} // namespace


void MetricsTest::testCountersByLabels()
{
	Registry r;
	auto& requests = r.counter("orgs_test_requests_total", "Requests.", {"route", "status"});
	Registry::Counter& ok = requests.series({"/orgs/{org}", "200"});
	ok.add();
	ok.add(2);
	requests.series({"/orgs/{org}", "404"}).add();
	// The same labels are the same series.
	CPPUNIT_ASSERT(&ok == &requests.series({"/orgs/{org}", "200"}));
	CPPUNIT_ASSERT_THROW(requests.series({"/orgs/{org}"}), Poco::InvalidArgumentException);
	auto& plain = r.counter("orgs_test_plain_total", "No labels.");
	plain.series({}).add(7);

	const std::string text = r.exposition();
	CPPUNIT_ASSERT(text.find("# HELP orgs_test_requests_total Requests.\n# TYPE orgs_test_requests_total counter\n") ==
	               0);
	ExpositionParser p(text);
	CPPUNIT_ASSERT_EQUAL(3.0, p.value("orgs_test_requests_total{route=/orgs/{org},status=200}"));
	CPPUNIT_ASSERT_EQUAL(1.0, p.value("orgs_test_requests_total{route=/orgs/{org},status=404}"));
	CPPUNIT_ASSERT_EQUAL(7.0, p.value("orgs_test_plain_total{}"));
	CPPUNIT_ASSERT_EQUAL(std::string("counter"), p.type("orgs_test_requests"));
	CPPUNIT_ASSERT_EQUAL(std::size_t(3), p.samples().size());
}


void MetricsTest::testNamesAreChecked()
{
	Registry r;
	r.counter("orgs_a_total", "A.");
	CPPUNIT_ASSERT_THROW(r.counter("orgs_a_total", "Again."), Poco::ExistsException);
	CPPUNIT_ASSERT_THROW(r.counter("orgs-b_total", "Dash."), Poco::InvalidArgumentException);
	CPPUNIT_ASSERT_THROW(r.counter("9orgs_total", "Digit first."), Poco::InvalidArgumentException);
	CPPUNIT_ASSERT_THROW(r.counter("orgs_c_total", "Bad label.", {"a:b"}), Poco::InvalidArgumentException);
	CPPUNIT_ASSERT_THROW(r.counter("orgs_d_total", "Reserved label.", {"__x"}), Poco::InvalidArgumentException);
	CPPUNIT_ASSERT_THROW(r.histogram("orgs_e_seconds", "le is the buckets'.", {"le"}, {1}),
	                     Poco::InvalidArgumentException);
	CPPUNIT_ASSERT_THROW(r.histogram("orgs_f_seconds", "Descending.", {}, {2, 1}), Poco::InvalidArgumentException);
	CPPUNIT_ASSERT_THROW(r.collect("orgs_g", "A collected histogram.", Registry::Type::Histogram, {}, nullptr),
	                     Poco::InvalidArgumentException);
	CPPUNIT_ASSERT(Registry::validName("orgs:ns_x1", false));
	CPPUNIT_ASSERT(!Registry::validName("orgs:ns_x1", true));
}


void MetricsTest::testLabelValuesAndHelpAreEscaped()
{
	CPPUNIT_ASSERT_EQUAL(std::string("a\\\\b\\\"c\\nd"), TextFormat::escapeLabelValue("a\\b\"c\nd"));
	CPPUNIT_ASSERT_EQUAL(std::string("a\\\\b\"c\\nd"), TextFormat::escapeHelp("a\\b\"c\nd"));

	Registry r;
	const std::string nasty = "quote \" backslash \\ line\nfeed } , = ünïcödé";
	r.counter("orgs_test_total", "Help with a backslash \\ and a\nline feed.", {"value"}).series({nasty}).add();
	const std::string text = r.exposition();
	CPPUNIT_ASSERT(text.find("# HELP orgs_test_total Help with a backslash \\\\ and a\\nline feed.\n") == 0);
	CPPUNIT_ASSERT(text.find("orgs_test_total{value=\"quote \\\" backslash \\\\ line\\nfeed } , = ünïcödé\"} 1\n") !=
	               std::string::npos);
	// Prometheus's parser reads back the value as it was.
	ExpositionParser p(text);
	CPPUNIT_ASSERT_EQUAL(1.0, p.value("orgs_test_total{value=" + nasty + "}"));
}


void MetricsTest::testNumbers()
{
	CPPUNIT_ASSERT_EQUAL(std::string("0"), TextFormat::number(0));
	CPPUNIT_ASSERT_EQUAL(std::string("42"), TextFormat::number(42));
	CPPUNIT_ASSERT_EQUAL(std::string("123456789012345"), TextFormat::number(123456789012345.0));
	CPPUNIT_ASSERT_EQUAL(std::string("1.8446744073709552e+19"), TextFormat::number(18446744073709551616.0));
	CPPUNIT_ASSERT_EQUAL(std::string("0.001"), TextFormat::number(0.001));
	CPPUNIT_ASSERT_EQUAL(std::string("0.1"), TextFormat::number(0.1));
	CPPUNIT_ASSERT_EQUAL(std::string("2.5"), TextFormat::number(2.5));
	CPPUNIT_ASSERT_EQUAL(std::string("-3.25"), TextFormat::number(-3.25));
	CPPUNIT_ASSERT_EQUAL(0.1 + 0.2, std::stod(TextFormat::number(0.1 + 0.2))); // 17 digits when 15 do not round-trip
	CPPUNIT_ASSERT_EQUAL(std::string("+Inf"), TextFormat::number(HUGE_VAL));
	CPPUNIT_ASSERT_EQUAL(std::string("-Inf"), TextFormat::number(-HUGE_VAL));
	CPPUNIT_ASSERT_EQUAL(std::string("NaN"), TextFormat::number(std::nan("")));
}


void MetricsTest::testHistogramBuckets()
{
	Registry r;
	auto& latency = r.histogram("orgs_test_seconds", "Latency.", {"route"}, {0.1, 1, 10});
	Histogram& h = latency.series({"/x"});
	h.observe(0.05);
	h.observe(0.1); // le is inclusive
	h.observe(0.5);
	h.observe(10);
	h.observe(11); // +Inf only
	const Histogram::Snapshot s = h.snapshot();
	CPPUNIT_ASSERT_EQUAL(std::size_t(4), s.cumulative.size());
	CPPUNIT_ASSERT_EQUAL(Poco::UInt64(2), s.cumulative[0]);
	CPPUNIT_ASSERT_EQUAL(Poco::UInt64(3), s.cumulative[1]);
	CPPUNIT_ASSERT_EQUAL(Poco::UInt64(4), s.cumulative[2]);
	CPPUNIT_ASSERT_EQUAL(Poco::UInt64(5), s.cumulative[3]);
	CPPUNIT_ASSERT_EQUAL(Poco::UInt64(5), s.count);
	CPPUNIT_ASSERT_DOUBLES_EQUAL(21.65, s.sum, 1e-9);

	const std::string text = r.exposition();
	CPPUNIT_ASSERT(text.find("orgs_test_seconds_bucket{route=\"/x\",le=\"0.1\"} 2\n") != std::string::npos);
	CPPUNIT_ASSERT(text.find("orgs_test_seconds_bucket{route=\"/x\",le=\"+Inf\"} 5\n") != std::string::npos);
	ExpositionParser p(text);
	CPPUNIT_ASSERT_EQUAL(std::string("histogram"), p.type("orgs_test_seconds"));
	CPPUNIT_ASSERT_EQUAL(2.0, p.value("orgs_test_seconds_bucket{le=0.1,route=/x}"));
	CPPUNIT_ASSERT_EQUAL(3.0, p.value("orgs_test_seconds_bucket{le=1,route=/x}"));
	CPPUNIT_ASSERT_EQUAL(4.0, p.value("orgs_test_seconds_bucket{le=10,route=/x}"));
	CPPUNIT_ASSERT_EQUAL(5.0, p.value("orgs_test_seconds_bucket{le=+Inf,route=/x}"));
	CPPUNIT_ASSERT_EQUAL(5.0, p.value("orgs_test_seconds_count{route=/x}"));
	CPPUNIT_ASSERT_DOUBLES_EQUAL(21.65, p.value("orgs_test_seconds_sum{route=/x}"), 1e-9);
}


void MetricsTest::testCollectorsAreReadAtEachScrape()
{
	Registry r;
	double pool = 3;
	r.collect("orgs_test_sessions", "Sessions.", Registry::Type::Gauge, {"state"},
	          [&pool](std::vector<Registry::Sample>& s) {
		          s.push_back({{"in_use"}, pool});
		          s.push_back({{"idle"}, 10 - pool});
	          });
	ExpositionParser first(r.exposition());
	CPPUNIT_ASSERT_EQUAL(3.0, first.value("orgs_test_sessions{state=in_use}"));
	CPPUNIT_ASSERT_EQUAL(std::string("gauge"), first.type("orgs_test_sessions"));
	pool = 5;
	ExpositionParser second(r.exposition());
	CPPUNIT_ASSERT_EQUAL(5.0, second.value("orgs_test_sessions{state=in_use}"));
	CPPUNIT_ASSERT_EQUAL(5.0, second.value("orgs_test_sessions{state=idle}"));
}


void MetricsTest::testAFailingCollectorLeavesTheOthers()
{
	Registry r;
	r.collect("orgs_test_broken", "Throws.", Registry::Type::Gauge, {}, [](std::vector<Registry::Sample>& s) {
		s.push_back({{}, 1});
		throw std::runtime_error("the database is down");
	});
	r.counter("orgs_test_total", "Fine.").series({}).add(4);
	const std::string text = r.exposition();
	ExpositionParser p(text);
	CPPUNIT_ASSERT(!p.has("orgs_test_broken{}"));
	CPPUNIT_ASSERT_EQUAL(4.0, p.value("orgs_test_total{}"));
	CPPUNIT_ASSERT(text.find("# TYPE orgs_test_broken gauge\n") != std::string::npos);
}


void MetricsTest::testShardedCounterSumsEveryThread()
{
	// More threads than shards: the late ones share the last shard atomically, nothing is lost.
	ShardedCounter counter;
	const int threads = static_cast<int>(ShardedCounter::SHARDS) + 16;
	const int perThread = 20000;
	std::vector<std::thread> pool;
	for (int t = 0; t < threads; ++t)
	{
		pool.emplace_back([&counter] {
			for (int i = 0; i < perThread; ++i)
				counter.add();
		});
	}
	for (std::thread& t : pool)
		t.join();
	CPPUNIT_ASSERT_EQUAL(Poco::UInt64(threads) * perThread, counter.value());
	counter.add(5);
	CPPUNIT_ASSERT_EQUAL(Poco::UInt64(threads) * perThread + 5, counter.value());
	CPPUNIT_ASSERT(ShardedCounter::shard() < ShardedCounter::SHARDS);
}


void MetricsTest::testShardedCounterDoesNotAllocate()
{
	ShardedCounter counter;
	counter.add(); // this thread's shard is assigned
	const std::size_t before = allocatedBytes();
	for (int i = 0; i < 100000; ++i)
		counter.add();
	CPPUNIT_ASSERT_EQUAL(before, allocatedBytes());
	CPPUNIT_ASSERT_EQUAL(Poco::UInt64(100001), counter.value());
}


void MetricsTest::testSecretsCompare()
{
	using Orgs::Http::MetricsHandlers;
	CPPUNIT_ASSERT(MetricsHandlers::sameSecret("0123456789abcdef", "0123456789abcdef"));
	CPPUNIT_ASSERT(!MetricsHandlers::sameSecret("0123456789abcdeF", "0123456789abcdef"));
	CPPUNIT_ASSERT(!MetricsHandlers::sameSecret("0123456789abcde", "0123456789abcdef"));
	CPPUNIT_ASSERT(!MetricsHandlers::sameSecret("0123456789abcdef0", "0123456789abcdef"));
	CPPUNIT_ASSERT(!MetricsHandlers::sameSecret("", "0123456789abcdef"));
	// A prefix of zero bytes is not the empty string.
	CPPUNIT_ASSERT(!MetricsHandlers::sameSecret(std::string(1, '\0'), ""));
}
