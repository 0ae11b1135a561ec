//
// MetricsApiTest.h
//
// Library: OrgsTests
// Package: Metrics
// Module:  MetricsApiTest
//


#ifndef Orgs_MetricsApiTest_INCLUDED
#define Orgs_MetricsApiTest_INCLUDED


#include "support/ApiTestCase.h"
#include <cppunit/extensions/HelperMacros.h>
#include <string>


class MetricsApiTest : public Orgs::Test::ApiTestCase
	/// GET /api/v1/metrics, /health/live and /health/ready through orgs-host: every scrape is
	/// read by Prometheus's own parser; the series move with the requests, checks, errors and
	/// deliveries that cause them, by route pattern and never by name; the exposure settings
	/// (off, loopback behind a trusted proxy, token) and the readiness probe's reasons.
{
	CPPUNIT_TEST_SUITE(MetricsApiTest);
	CPPUNIT_TEST(testSeriesMoveWithRequests);
	CPPUNIT_TEST(testLabelsNameRoutesNotOrganizations);
	CPPUNIT_TEST(testStatementErrorsAndDeliveries);
	CPPUNIT_TEST(testRefusedTokensAreCountedByCode);
	CPPUNIT_TEST(testExposureOff);
	CPPUNIT_TEST(testLoopbackOnly);
	CPPUNIT_TEST(testBearerToken);
	CPPUNIT_TEST(testHealthProbes);
	CPPUNIT_TEST(testStuckOutboxFailsReadiness);
	CPPUNIT_TEST(testPendingMigrationFailsReadiness);
	CPPUNIT_TEST_SUITE_END();

public:
	void setUp() override {}

	void testSeriesMoveWithRequests();
	void testLabelsNameRoutesNotOrganizations();
	void testStatementErrorsAndDeliveries();
	void testRefusedTokensAreCountedByCode();
	void testExposureOff();
	void testLoopbackOnly();
	void testBearerToken();
	void testHealthProbes();
	void testStuckOutboxFailsReadiness();
	void testPendingMigrationFailsReadiness();

private:
	std::string scrape(const std::string& token = std::string());
		/// GET /metrics (with the bearer token if given); asserts 200 and the media type.
};


#endif // Orgs_MetricsApiTest_INCLUDED
