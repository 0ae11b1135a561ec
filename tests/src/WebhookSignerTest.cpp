//
// WebhookSignerTest.cpp
//
// Library: OrgsTests
// Package: Events
// Module:  WebhookSignerTest
//


#include "WebhookSignerTest.h"
#include "Orgs/Errors.h"
#include "events/Signer.h"
#include "events/TargetPolicy.h"
#include "support/Suites.h"
#include "support/WebhookReceiver.h"
#include "Poco/Base64Decoder.h"
#include "Poco/Timestamp.h"
#include <iterator>
#include <sstream>


using Orgs::Events::Signer;
using Orgs::Events::TargetPolicy;
using Orgs::Test::WebhookReceiver;


ORGS_TEST_SUITE(WebhookSignerTest, "WebhookSigner", UNIT);


namespace {


// The example the Standard Webhooks project publishes with its libraries' tests.
const std::string SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const std::string ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
const Poco::Int64 TIMESTAMP = 1614265330;
const std::string BODY = "{\"test\": 2432232314}";
const std::string SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";


bool refused(const std::string& address)
{
	return TargetPolicy::refused(Poco::Net::IPAddress(address));
}


} // namespace


void WebhookSignerTest::testReferenceVector()
{
	CPPUNIT_ASSERT_EQUAL(SIGNATURE, Signer::sign(SECRET, ID, TIMESTAMP, BODY));
	WebhookReceiver::Delivery d{ID, std::to_string(TIMESTAMP), SIGNATURE, BODY, 200};
	CPPUNIT_ASSERT(WebhookReceiver::verify(SECRET, d));
	d.body += " ";
	CPPUNIT_ASSERT(!WebhookReceiver::verify(SECRET, d));
}


void WebhookSignerTest::testTwoSecretsTwoSignatures()
{
	const std::string other = Signer::newSecret();
	const std::string header = Signer::header({other, SECRET}, ID, TIMESTAMP, BODY);
	CPPUNIT_ASSERT_EQUAL(Signer::sign(other, ID, TIMESTAMP, BODY) + " " + SIGNATURE, header);
	const WebhookReceiver::Delivery d{ID, std::to_string(TIMESTAMP), header, BODY, 200};
	CPPUNIT_ASSERT(WebhookReceiver::verify(SECRET, d));
	CPPUNIT_ASSERT(WebhookReceiver::verify(other, d));
	CPPUNIT_ASSERT(!WebhookReceiver::verify(Signer::newSecret(), d));
}


void WebhookSignerTest::testReferenceLibraryAgrees()
{
	// npm standardwebhooks, on fresh timestamps (it refuses any more than 5 minutes off).
	const std::string current = Signer::newSecret();
	const std::string previous = Signer::newSecret();
	const std::string timestamp = std::to_string(Poco::Timestamp().epochTime());
	const std::string body = "{\"type\":\"member.added\",\"data\":{\"label\":\"Zo\u00eb \u2603\"}}";
	std::vector<WebhookReceiver::Delivery> deliveries{
	    {"evt_1", timestamp, Signer::sign(current, "evt_1", std::stoll(timestamp), body), body, 200},
	    {"evt_2", timestamp, Signer::header({current, previous}, "evt_2", std::stoll(timestamp), body), body, 200},
	    {"evt_3", timestamp, Signer::sign(previous, "evt_3", std::stoll(timestamp), body), body, 200}};
	const std::vector<std::string> refused = WebhookReceiver::verifyWithLibrary(current, deliveries);
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), refused.size()); // evt_3 was signed with the other secret only
	CPPUNIT_ASSERT(refused[0].find("evt_3") != std::string::npos);
	CPPUNIT_ASSERT_EQUAL(std::size_t(0),
	                     WebhookReceiver::verifyWithLibrary(previous, {deliveries[1], deliveries[2]}).size());
}


void WebhookSignerTest::testNewSecrets()
{
	const std::string a = Signer::newSecret();
	const std::string b = Signer::newSecret();
	CPPUNIT_ASSERT(a != b);
	CPPUNIT_ASSERT_EQUAL(std::string("whsec_"), a.substr(0, 6));
	std::istringstream in(a.substr(6));
	Poco::Base64Decoder decoder(in);
	const std::string key((std::istreambuf_iterator<char>(decoder)), std::istreambuf_iterator<char>());
	CPPUNIT_ASSERT_EQUAL(static_cast<std::size_t>(Signer::SECRET_BYTES), key.size());
	const std::string signature = Signer::sign(a, "evt_1", 1, "{}");
	CPPUNIT_ASSERT(WebhookReceiver::verify(a, {"evt_1", "1", signature, "{}", 200}));
}


void WebhookSignerTest::testMalformedSecretIsRefused()
{
	CPPUNIT_ASSERT_THROW(Signer::sign("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", ID, TIMESTAMP, BODY),
	                     Poco::DataFormatException);
	CPPUNIT_ASSERT_THROW(Signer::sign("whsec_", ID, TIMESTAMP, BODY), Poco::DataFormatException);
}


void WebhookSignerTest::testRefusedAddresses()
{
	for (const char* a : {"127.0.0.1",
	                      "127.1.2.3",
	                      "10.0.0.1",
	                      "172.16.0.1",
	                      "172.31.255.255",
	                      "192.168.1.1",
	                      "169.254.169.254",
	                      "100.64.0.1",
	                      "100.127.255.254",
	                      "0.0.0.0",
	                      "224.0.0.1",
	                      "255.255.255.255",
	                      "::1",
	                      "::",
	                      "fc00::1",
	                      "fd12:3456::1",
	                      "fe80::1",
	                      "ff02::1",
	                      "::ffff:127.0.0.1",
	                      "::ffff:10.1.2.3",
	                      "::ffff:169.254.169.254"})
		CPPUNIT_ASSERT_MESSAGE(std::string(a) + " must be refused", refused(a));
	for (const char* a : {"8.8.8.8", "172.32.0.1", "100.128.0.1", "192.169.0.1", "203.0.113.10", "2001:db8::1",
	                      "2606:4700::1111", "::ffff:8.8.8.8"})
		CPPUNIT_ASSERT_MESSAGE(std::string(a) + " must be allowed", !refused(a));
}


void WebhookSignerTest::testUrlsAtCreation()
{
	const TargetPolicy strict(false);
	strict.checkUrl("https://hooks.example.com/in?x=1");
	strict.checkUrl("https://203.0.113.10:8443/in");
	const auto refusedWith = [&](const std::string& url, const std::string& code) {
		try
		{
			strict.checkUrl(url);
			CPPUNIT_FAIL(url + " was accepted");
		}
		catch (Orgs::InvalidInputException& exc)
		{
			CPPUNIT_ASSERT_EQUAL_MESSAGE(url, code, exc.reason());
		}
	};
	refusedWith("http://hooks.example.com/in", "invalid_url");
	refusedWith("ftp://hooks.example.com/in", "invalid_url");
	refusedWith("https://user:pw@hooks.example.com/in", "invalid_url");
	refusedWith("not a url", "invalid_url");
	refusedWith("https://127.0.0.1/in", "refused_address");
	refusedWith("https://10.1.2.3/in", "refused_address");
	refusedWith("https://[::1]/in", "refused_address");
	refusedWith("https://[fd00::1]/in", "refused_address");
	refusedWith("https://169.254.169.254/latest", "refused_address");
	refusedWith("https://localhost/in", "refused_address");
	const TargetPolicy lax(true);
	lax.checkUrl("http://127.0.0.1:8080/in");
}


void WebhookSignerTest::testResolvedLoopbackIsRefused()
{
	// A name is checked by what it resolves to at delivery time: "localhost" is refused at
	// creation by name, and here by its address, as any name pointing inside would be.
	CPPUNIT_ASSERT_THROW(TargetPolicy(false).resolve(Poco::URI("https://localhost:8443/in")),
	                     TargetPolicy::RefusedAddress);
	const Poco::Net::SocketAddress address = TargetPolicy(true).resolve(Poco::URI("https://localhost:8443/in"));
	CPPUNIT_ASSERT_EQUAL(Poco::UInt16(8443), address.port());
}
