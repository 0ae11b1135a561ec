//
// WebhookApiTest.h
//
// Library: OrgsTests
// Package: Events
// Module:  WebhookApiTest
//


#ifndef Orgs_WebhookApiTest_INCLUDED
#define Orgs_WebhookApiTest_INCLUDED


#include "support/ApiTestCase.h"
#include "support/WebhookReceiver.h"
#include <memory>


class WebhookApiTest : public Orgs::Test::ApiTestCase
	/// Webhook endpoints through orgs-host, delivering to a receiver in the test that checks
	/// every signature with its own implementation of the Standard Webhooks scheme.
{
	CPPUNIT_TEST_SUITE(WebhookApiTest);
	CPPUNIT_TEST(testSignedDeliveries);
	CPPUNIT_TEST(testEventTypesFilter);
	CPPUNIT_TEST(testReceiverDownThenUp);
	CPPUNIT_TEST(testTwoHostsDeliver);
	CPPUNIT_TEST(testSecretRotation);
	CPPUNIT_TEST(testSecretsAreStoredSealed);
	CPPUNIT_TEST(testDisablesAfterFailures);
	CPPUNIT_TEST(testGivesUpAfterSchedule);
	CPPUNIT_TEST(testRetryDelivery);
	CPPUNIT_TEST(testRefusesPrivateTargets);
	CPPUNIT_TEST(testValidation);
	CPPUNIT_TEST_SUITE_END();

public:
	void setUp() override;
	void tearDown() override;

	void testSignedDeliveries();
	void testEventTypesFilter();
	void testReceiverDownThenUp();
	void testTwoHostsDeliver();
	void testSecretRotation();
	void testSecretsAreStoredSealed();
	void testDisablesAfterFailures();
	void testGivesUpAfterSchedule();
	void testRetryDelivery();
	void testRefusesPrivateTargets();
	void testValidation();

private:
	struct Endpoint
	{
		std::string id;
		std::string secret;
	};

	void startWith(const Orgs::Test::HostProcess::Defines& extra);
	Endpoint createEndpoint(const User& owner, const std::string& org, const std::string& url,
	                        const std::vector<std::string>& types = {});
	Poco::JSON::Object::Ptr endpoint(const User& owner, const std::string& org, const std::string& id);
	Poco::JSON::Array::Ptr settledDeliveries(const User& owner, const std::string& org, const std::string& id);
		/// The endpoint's deliveries, newest first, once the newest is no longer pending.

	std::unique_ptr<Orgs::Test::WebhookReceiver> _pReceiver;
};


#endif // Orgs_WebhookApiTest_INCLUDED
