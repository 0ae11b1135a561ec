//
// WebhookApiTest.cpp
//
// Library: OrgsTests
// Package: Events
// Module:  WebhookApiTest
//


#include "WebhookApiTest.h"
#include "support/HttpClient.h"
#include "support/Suites.h"
#include "Poco/Data/Session.h"
#include "Poco/FileStream.h"
#include "Poco/JSON/Array.h"
#include "Poco/TemporaryFile.h"
#include "Poco/Thread.h"
#include "Poco/Timestamp.h"
#include <map>
#include <set>


ORGS_TEST_SUITE(WebhookApiTest, "WebhookApi", DATABASE);


using Orgs::Test::HostProcess;
using Orgs::Test::HttpClient;
using Orgs::Test::json;
using Orgs::Test::WebhookReceiver;
using Delivery = Orgs::Test::WebhookReceiver::Delivery;


namespace {


const long WAIT_MS = 20000;


std::string jsonList(const std::vector<std::string>& items)
{
	std::string text = "[";
	for (const auto& i : items)
		text += (text.size() > 1 ? ",\"" : "\"") + i + "\"";
	return text + "]";
}


std::set<std::string> ids(const std::vector<Delivery>& deliveries)
{
	std::set<std::string> result;
	for (const auto& d : deliveries)
		result.insert(d.id);
	return result;
}


void assertInOrder(const std::vector<Delivery>& accepted)
	/// The first arrival of each event comes in the organization's order.
{
	std::set<std::string> seen;
	std::map<Poco::Int64, Poco::Int64> last; // organization -> sequence
	for (const auto& d : accepted)
	{
		if (!seen.insert(d.id).second)
			continue;
		const Poco::Int64 org = d.organization();
		const Poco::Int64 seq = d.sequence();
		CPPUNIT_ASSERT_MESSAGE("event " + std::to_string(seq) + " after " + std::to_string(last[org]), seq > last[org]);
		last[org] = seq;
	}
}


} // namespace


void WebhookApiTest::setUp()
{
	_pReceiver.reset(new WebhookReceiver);
	startWith({});
}


void WebhookApiTest::tearDown()
{
	ApiTestCase::tearDown();
	_pReceiver.reset();
}


void WebhookApiTest::startWith(const HostProcess::Defines& extra)
{
	HostProcess::Defines defines{{"orgs.webhooks.allowPrivateTargets", "true"},
	                             {"orgs.webhooks.pollMillis", "50"},
	                             {"orgs.webhooks.retrySchedule", "0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1,"
	                                                             "0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1"},
	                             {"orgs.webhooks.retryJitterPercent", "0"},
	                             {"orgs.webhooks.timeoutSeconds", "2"},
	                             {"orgs.webhooks.leaseSeconds", "6"}};
	for (const auto& kv : extra)
		defines[kv.first] = kv.second;
	ApiTestCase::tearDown(); // the world of setUp(), if any
	start(defines);
}


WebhookApiTest::Endpoint WebhookApiTest::createEndpoint(const User& owner, const std::string& org,
                                                        const std::string& url, const std::vector<std::string>& types)
{
	const std::string body =
	    types.empty() ? json({{"url", url}}) : "{\"url\":\"" + url + "\",\"event_types\":" + jsonList(types) + "}";
	Response r = client().post(API + "/orgs/" + org + "/webhooks", body, owner.token);
	ASSERT_STATUS(r, 201);
	Endpoint e;
	e.id = std::to_string(number(r.json(), "id"));
	e.secret = text(r.json(), "secret");
	return e;
}


Poco::JSON::Object::Ptr WebhookApiTest::endpoint(const User& owner, const std::string& org, const std::string& id)
{
	Response r = client().get(API + "/orgs/" + org + "/webhooks/" + id, "", owner.token);
	ASSERT_STATUS(r, 200);
	return r.json();
}


Poco::JSON::Array::Ptr WebhookApiTest::settledDeliveries(const User& owner, const std::string& org,
                                                         const std::string& id)
{
	// The receiver sees a delivery before the sender records its answer: wait for the record.
	Poco::JSON::Array::Ptr rows;
	for (int i = 0; i < 100; ++i)
	{
		Response r = client().get(API + "/orgs/" + org + "/webhooks/" + id + "/deliveries", "", owner.token);
		ASSERT_STATUS(r, 200);
		rows = items(r);
		if (rows->size() > 0 && text(rows->getObject(0), "state") != "pending")
			break;
		Poco::Thread::sleep(50);
	}
	return rows;
}


void WebhookApiTest::testSignedDeliveries()
{
	const User ada = signUp("ada");
	signUp("bob");
	createOrganization(ada, "acme");
	const Endpoint e = createEndpoint(ada, "acme", _pReceiver->url());
	CPPUNIT_ASSERT_EQUAL(std::string("whsec_"), e.secret.substr(0, 6));
	// The secret is shown once.
	CPPUNIT_ASSERT(!endpoint(ada, "acme", e.id)->has("secret"));
	Response list = client().get(API + "/orgs/acme/webhooks", "", ada.token);
	ASSERT_STATUS(list, 200);
	CPPUNIT_ASSERT(!items(list)->getObject(0)->has("secret"));

	addMember(ada, "acme", "bob");
	CPPUNIT_ASSERT(_pReceiver->waitFor(
	    [](const std::vector<Delivery>& all) {
		    for (const auto& d : all)
			    if (d.type() == "member.added")
				    return true;
		    return false;
	    },
	    WAIT_MS));
	const std::vector<Delivery> got = _pReceiver->accepted();
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), got.size()); // webhook.created, member.added
	CPPUNIT_ASSERT_EQUAL(std::string("webhook.created"), got[0].type());
	CPPUNIT_ASSERT_EQUAL(std::string("member.added"), got[1].type());
	for (const auto& d : got)
	{
		CPPUNIT_ASSERT_MESSAGE("signature of " + d.id, WebhookReceiver::verify(e.secret, d));
		CPPUNIT_ASSERT_EQUAL(d.json()->getObject("data")->getValue<std::string>("id"), d.id);
		const Poco::Int64 age = Poco::Timestamp().epochTime() - std::stoll(d.timestamp);
		CPPUNIT_ASSERT(age >= -5 && age <= 300);
	}
	CPPUNIT_ASSERT_EQUAL(std::string("bob"),
	                     got[1].json()->getObject("data")->getObject("target")->getValue<std::string>("label"));
	// And by the Standard Webhooks reference library; a wrong secret is refused there too.
	CPPUNIT_ASSERT_EQUAL(std::size_t(0), WebhookReceiver::verifyWithLibrary(e.secret, got).size());
	CPPUNIT_ASSERT_EQUAL(got.size(),
	                     WebhookReceiver::verifyWithLibrary("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", got).size());
	CPPUNIT_ASSERT(got[0].sequence() < got[1].sequence());

	Poco::JSON::Object::Ptr newest = settledDeliveries(ada, "acme", e.id)->getObject(0);
	CPPUNIT_ASSERT_EQUAL(std::string("delivered"), text(newest, "state"));
	CPPUNIT_ASSERT_EQUAL(std::string("member.added"), text(newest, "event_type"));
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(200), number(newest, "last_status"));
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), number(newest, "attempts"));
	CPPUNIT_ASSERT(!isNull(newest, "last_duration_ms"));
	CPPUNIT_ASSERT(isNull(newest, "next_attempt_at"));
	CPPUNIT_ASSERT_EQUAL(got[1].id, text(newest, "event_id"));
}


void WebhookApiTest::testEventTypesFilter()
{
	const User ada = signUp("ada");
	signUp("bob");
	createOrganization(ada, "acme");
	createEndpoint(ada, "acme", _pReceiver->url("/removed"), {"member.removed"});
	addMember(ada, "acme", "bob");
	ASSERT_STATUS(client().del(API + "/orgs/acme/members/bob", "", ada.token), 204);
	CPPUNIT_ASSERT(_pReceiver->waitFor([](const std::vector<Delivery>& all) { return !all.empty(); }, WAIT_MS));
	Poco::Thread::sleep(300);
	const std::vector<Delivery> got = _pReceiver->accepted();
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), got.size());
	CPPUNIT_ASSERT_EQUAL(std::string("member.removed"), got[0].type());
}


void WebhookApiTest::testReceiverDownThenUp()
{
	const User ada = signUp("ada");
	for (int i = 0; i < 6; ++i)
		signUp("user" + std::to_string(i));
	createOrganization(ada, "acme");
	_pReceiver->down();
	const Endpoint e = createEndpoint(ada, "acme", _pReceiver->url());
	for (int i = 0; i < 6; ++i)
		addMember(ada, "acme", "user" + std::to_string(i));
	// The head is tried again and again (every 0.1 s here) while the receiver is down.
	Poco::JSON::Array::Ptr rows;
	Poco::JSON::Object::Ptr oldest;
	for (int i = 0; i < 100; ++i)
	{
		Response pending = client().get(API + "/orgs/acme/webhooks/" + e.id + "/deliveries", "", ada.token);
		ASSERT_STATUS(pending, 200);
		rows = items(pending);
		oldest = rows->getObject(static_cast<unsigned>(rows->size() - 1));
		if (number(oldest, "attempts") >= 2 && !isNull(oldest, "last_error_class"))
			break;
		Poco::Thread::sleep(100);
	}
	CPPUNIT_ASSERT_EQUAL(std::size_t(7), rows->size());
	CPPUNIT_ASSERT_EQUAL(std::string("pending"), text(oldest, "state"));
	CPPUNIT_ASSERT(number(oldest, "attempts") >= 2);
	CPPUNIT_ASSERT_EQUAL(std::string("connection"), text(oldest, "last_error_class"));
	// Only the head of the queue is tried while the receiver is down.
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(0), number(rows->getObject(0), "attempts"));

	_pReceiver->up();
	CPPUNIT_ASSERT(_pReceiver->waitFor([](const std::vector<Delivery>& all) { return ids(all).size() >= 7; }, WAIT_MS));
	Poco::Thread::sleep(200);
	const std::vector<Delivery> got = _pReceiver->accepted();
	CPPUNIT_ASSERT_EQUAL(std::size_t(7), ids(got).size());
	assertInOrder(got);
	for (const auto& d : got)
		CPPUNIT_ASSERT(WebhookReceiver::verify(e.secret, d));
	CPPUNIT_ASSERT_EQUAL(std::size_t(0), WebhookReceiver::verifyWithLibrary(e.secret, got).size());
}


void WebhookApiTest::testTwoHostsDeliver()
{
	const User ada = signUp("ada");
	const int N = 12;
	for (int i = 0; i < N; ++i)
		signUp("user" + std::to_string(i));
	createOrganization(ada, "acme");
	std::unique_ptr<HostProcess> pSecond = world().startHost();
	HttpClient second(pSecond->baseUrl());
	const Endpoint e = createEndpoint(ada, "acme", _pReceiver->url());
	for (int i = 0; i < N; ++i)
	{
		const std::string body = json({{"username", "user" + std::to_string(i)}});
		HttpClient& via = i % 2 == 0 ? client() : second;
		ASSERT_STATUS(via.post(API + "/orgs/acme/members", body, ada.token), 201);
	}
	CPPUNIT_ASSERT(_pReceiver->waitFor(
	    [N](const std::vector<Delivery>& all) { return ids(all).size() >= static_cast<std::size_t>(N + 1); }, WAIT_MS));
	Poco::Thread::sleep(300);
	const std::vector<Delivery> got = _pReceiver->accepted();
	CPPUNIT_ASSERT_EQUAL(static_cast<std::size_t>(N + 1), ids(got).size());
	assertInOrder(got);
	// A repeat (at-least-once) is the same message: same webhook-id, same body.
	std::map<std::string, std::string> bodies;
	for (const auto& d : got)
	{
		auto it = bodies.emplace(d.id, d.body).first;
		CPPUNIT_ASSERT_EQUAL(it->second, d.body);
		CPPUNIT_ASSERT(WebhookReceiver::verify(e.secret, d));
	}
	CPPUNIT_ASSERT_EQUAL(0, pSecond->stop());
}


void WebhookApiTest::testSecretRotation()
{
	const User ada = signUp("ada");
	signUp("bob");
	createOrganization(ada, "acme");
	const Endpoint e = createEndpoint(ada, "acme", _pReceiver->url());
	Response rotated = client().post(API + "/orgs/acme/webhooks/" + e.id + "/secret", "", ada.token);
	ASSERT_STATUS(rotated, 200);
	const std::string fresh = text(rotated.json(), "secret");
	CPPUNIT_ASSERT(fresh != e.secret);
	CPPUNIT_ASSERT(!isNull(rotated.json(), "previous_secret_until"));
	CPPUNIT_ASSERT(!endpoint(ada, "acme", e.id)->has("secret"));
	addMember(ada, "acme", "bob");
	CPPUNIT_ASSERT(_pReceiver->waitFor(
	    [](const std::vector<Delivery>& all) {
		    for (const auto& d : all)
			    if (d.type() == "member.added")
				    return true;
		    return false;
	    },
	    WAIT_MS));
	std::vector<Delivery> overlapping;
	for (const auto& d : _pReceiver->accepted())
		if (d.type() == "member.added")
			overlapping.push_back(d);
	CPPUNIT_ASSERT_EQUAL(std::size_t(0), WebhookReceiver::verifyWithLibrary(fresh, overlapping).size());
	CPPUNIT_ASSERT_EQUAL(std::size_t(0), WebhookReceiver::verifyWithLibrary(e.secret, overlapping).size());
	for (const auto& d : _pReceiver->accepted())
	{
		if (d.type() != "member.added")
			continue;
		CPPUNIT_ASSERT_MESSAGE(d.signature, d.signature.find(' ') != std::string::npos);
		CPPUNIT_ASSERT(WebhookReceiver::verify(fresh, d));
		CPPUNIT_ASSERT(WebhookReceiver::verify(e.secret, d));
	}
}


void WebhookApiTest::testSecretsAreStoredSealed()
{
	using namespace Poco::Data::Keywords;
	const auto stored = [this](const std::string& id, const std::string& column) {
		Poco::Data::Session s = world().database().session();
		Poco::Int64 key = std::stoll(id);
		std::string value;
		s << "SELECT COALESCE(" + column + ", '') FROM webhook_endpoints WHERE id = ?", use(key), into(value), now;
		return value;
	};
	const auto memberAdded = [this](const std::string& username) {
		return _pReceiver->waitFor(
		    [&](const std::vector<Delivery>& all) {
			    for (const auto& d : all)
				    if (d.type() == "member.added" &&
				        d.json()->getObject("data")->getObject("target")->getValue<std::string>("label") == username)
					    return true;
			    return false;
		    },
		    WAIT_MS);
	};
	const User ada = signUp("ada");
	signUp("bob");
	signUp("cy");
	createOrganization(ada, "acme");
	// Without orgs.secrets.keyFile a secret is stored as it is.
	const Endpoint e = createEndpoint(ada, "acme", _pReceiver->url());
	CPPUNIT_ASSERT_EQUAL(e.secret, stored(e.id, "secret"));

	// With a key, the host seals what was stored before as it starts, and new secrets at once.
	Poco::TemporaryFile keyFile;
	{
		Poco::FileOutputStream out(keyFile.path());
		out << "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\n";
	}
	world().restart({{"orgs.secrets.keyFile", keyFile.path()}});
	const std::string sealed = stored(e.id, "secret");
	CPPUNIT_ASSERT_EQUAL_MESSAGE(sealed, std::string("sealed:v1:"), sealed.substr(0, 10));
	CPPUNIT_ASSERT_EQUAL(std::string::npos, sealed.find(e.secret.substr(6)));
	Response rotated = client().post(API + "/orgs/acme/webhooks/" + e.id + "/secret", "", ada.token);
	ASSERT_STATUS(rotated, 200);
	const std::string fresh = text(rotated.json(), "secret");
	CPPUNIT_ASSERT_EQUAL(std::string("sealed:v1:"), stored(e.id, "secret").substr(0, 10));
	CPPUNIT_ASSERT_EQUAL(sealed, stored(e.id, "previous_secret")); // the old one, as it was stored
	// Both still sign, opened by the sender.
	addMember(ada, "acme", "bob");
	CPPUNIT_ASSERT(memberAdded("bob"));
	std::vector<Delivery> signedBoth;
	for (const auto& d : _pReceiver->accepted())
		if (d.type() == "member.added")
			signedBoth.push_back(d);
	CPPUNIT_ASSERT_EQUAL(std::size_t(0), WebhookReceiver::verifyWithLibrary(fresh, signedBoth).size());
	CPPUNIT_ASSERT_EQUAL(std::size_t(0), WebhookReceiver::verifyWithLibrary(e.secret, signedBoth).size());

	// A host without the key sends nothing it cannot sign, and says why.
	world().restart({{"orgs.secrets.keyFile", ""}});
	addMember(ada, "acme", "cy");
	Poco::JSON::Object::Ptr newest;
	for (int i = 0; i < 200; ++i)
	{
		newest = settledDeliveries(ada, "acme", e.id)->getObject(0);
		if (number(newest, "attempts") > 0 && !isNull(newest, "last_error_class"))
			break;
		Poco::Thread::sleep(50);
	}
	CPPUNIT_ASSERT_EQUAL(std::string("member.added"), text(newest, "event_type"));
	CPPUNIT_ASSERT_EQUAL(std::string("secret"), text(newest, "last_error_class"));
	CPPUNIT_ASSERT_EQUAL(std::string::npos, text(newest, "last_error").find("whsec_"));
	for (const auto& d : _pReceiver->accepted())
	{
		CPPUNIT_ASSERT(d.type() != "member.added" ||
		               d.json()->getObject("data")->getObject("target")->getValue<std::string>("label") != "cy");
	}
}


void WebhookApiTest::testDisablesAfterFailures()
{
	startWith({{"orgs.webhooks.disableAfterFailures", "3"}});
	const User ada = signUp("ada");
	signUp("bob");
	createOrganization(ada, "acme");
	_pReceiver->setStatus(500);
	const Endpoint e = createEndpoint(ada, "acme", _pReceiver->url());
	Poco::JSON::Object::Ptr shown;
	for (int i = 0; i < 100; ++i)
	{
		shown = endpoint(ada, "acme", e.id);
		if (!flag(shown, "enabled"))
			break;
		Poco::Thread::sleep(100);
	}
	CPPUNIT_ASSERT(!flag(shown, "enabled"));
	CPPUNIT_ASSERT(text(shown, "disabled_reason").find("3 deliveries failed") != std::string::npos);
	CPPUNIT_ASSERT(!isNull(shown, "disabled_at"));
	CPPUNIT_ASSERT(!isNull(shown, "failing_since"));
	CPPUNIT_ASSERT_EQUAL(std::size_t(3), _pReceiver->received().size());
	// Disabled: new events are not queued for it, and nothing is sent.
	addMember(ada, "acme", "bob");
	Poco::Thread::sleep(400);
	CPPUNIT_ASSERT_EQUAL(std::size_t(3), _pReceiver->received().size());
	Response deliveries = client().get(API + "/orgs/acme/webhooks/" + e.id + "/deliveries", "", ada.token);
	Poco::JSON::Object::Ptr first = items(deliveries)->getObject(0);
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(500), number(first, "last_status"));
	CPPUNIT_ASSERT_EQUAL(std::string("http_status"), text(first, "last_error_class"));

	// On again: what waited goes out.
	_pReceiver->setStatus(204);
	Response on = client().patch(API + "/orgs/acme/webhooks/" + e.id, "{\"enabled\":true}", ada.token);
	ASSERT_STATUS(on, 200);
	CPPUNIT_ASSERT(flag(on.json(), "enabled"));
	CPPUNIT_ASSERT(isNull(on.json(), "disabled_reason"));
	CPPUNIT_ASSERT(
	    _pReceiver->waitFor([](const std::vector<Delivery>& all) { return all.back().answered == 204; }, WAIT_MS));
	const std::vector<Delivery> got = _pReceiver->accepted();
	CPPUNIT_ASSERT_EQUAL(std::string("webhook.created"), got.front().type());
	CPPUNIT_ASSERT(WebhookReceiver::verify(e.secret, got.front()));
}


void WebhookApiTest::testGivesUpAfterSchedule()
{
	startWith({{"orgs.webhooks.retrySchedule", "0.05,0.05"}});
	const User ada = signUp("ada");
	signUp("bob");
	createOrganization(ada, "acme");
	_pReceiver->setStatus(503);
	const Endpoint e = createEndpoint(ada, "acme", _pReceiver->url());
	CPPUNIT_ASSERT(_pReceiver->waitFor([](const std::vector<Delivery>& all) { return all.size() >= 3; }, WAIT_MS));
	Poco::Thread::sleep(300);
	CPPUNIT_ASSERT_EQUAL(std::size_t(3), _pReceiver->received().size()); // the first try and two retries
	_pReceiver->setStatus(200);
	addMember(ada, "acme", "bob");
	CPPUNIT_ASSERT(
	    _pReceiver->waitFor([](const std::vector<Delivery>& all) { return all.back().answered == 200; }, WAIT_MS));
	CPPUNIT_ASSERT_EQUAL(std::string("member.added"), _pReceiver->accepted().back().type());
	Poco::JSON::Array::Ptr rows = settledDeliveries(ada, "acme", e.id);
	CPPUNIT_ASSERT_EQUAL(std::string("delivered"), text(rows->getObject(0), "state"));
	CPPUNIT_ASSERT_EQUAL(std::string("failed"), text(rows->getObject(1), "state"));
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(3), number(rows->getObject(1), "attempts"));
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(503), number(rows->getObject(1), "last_status"));
}


void WebhookApiTest::testRetryDelivery()
{
	const User ada = signUp("ada");
	createOrganization(ada, "acme");
	const Endpoint e = createEndpoint(ada, "acme", _pReceiver->url());
	CPPUNIT_ASSERT(_pReceiver->waitFor([](const std::vector<Delivery>& all) { return all.size() == 1; }, WAIT_MS));
	// Once recorded as delivered (a retry of a delivery in flight is absorbed by its outcome).
	const std::string delivery = std::to_string(number(settledDeliveries(ada, "acme", e.id)->getObject(0), "id"));
	Response r =
	    client().post(API + "/orgs/acme/webhooks/" + e.id + "/deliveries/" + delivery + "/retry", "", ada.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT(_pReceiver->waitFor([](const std::vector<Delivery>& all) { return all.size() >= 2; }, WAIT_MS));
	const std::vector<Delivery> got = _pReceiver->received();
	CPPUNIT_ASSERT_EQUAL(got[0].id, got[1].id);
	CPPUNIT_ASSERT_EQUAL(got[0].body, got[1].body);
	ASSERT_PROBLEM(client().post(API + "/orgs/acme/webhooks/" + e.id + "/deliveries/999999/retry", "", ada.token), 404,
	               "delivery_not_found");
}


void WebhookApiTest::testRefusesPrivateTargets()
{
	startWith({{"orgs.webhooks.allowPrivateTargets", "false"}});
	const User ada = signUp("ada");
	createOrganization(ada, "acme");
	const auto refused = [&](const std::string& url, const std::string& code) {
		ASSERT_PROBLEM(client().post(API + "/orgs/acme/webhooks", json({{"url", url}}), ada.token), 400, code);
	};
	refused(_pReceiver->url(), "invalid_url"); // http://
	refused("https://127.0.0.1:" + _pReceiver->url().substr(_pReceiver->url().rfind(':') + 1), "refused_address");
	refused("https://10.0.0.7/hook", "refused_address");
	refused("https://192.168.1.1/hook", "refused_address");
	refused("https://169.254.169.254/latest/meta-data", "refused_address");
	refused("https://[::1]/hook", "refused_address");
	refused("https://[fd00::1]/hook", "refused_address");
	refused("https://100.64.0.1/hook", "refused_address");
	refused("https://localhost/hook", "refused_address");
	Response list = client().get(API + "/orgs/acme/webhooks", "", ada.token);
	CPPUNIT_ASSERT_EQUAL(std::size_t(0), items(list)->size());
	CPPUNIT_ASSERT(_pReceiver->received().empty());
}


void WebhookApiTest::testValidation()
{
	const User ada = signUp("ada");
	createOrganization(ada, "acme");
	ASSERT_PROBLEM(client().post(API + "/orgs/acme/webhooks",
	                             "{\"url\":\"" + _pReceiver->url() + "\",\"event_types\":[\"Member Added\"]}",
	                             ada.token),
	               400, "invalid_event_type");
	ASSERT_PROBLEM(client().post(API + "/orgs/acme/webhooks", "{}", ada.token), 400, "missing_field");
	ASSERT_PROBLEM(client().get(API + "/orgs/acme/webhooks/12345", "", ada.token), 404, "webhook_not_found");
	ASSERT_PROBLEM(client().patch(API + "/orgs/acme/webhooks/1", "{\"enabled\":\"yes\"}", ada.token), 400,
	               "invalid_type");
	const Endpoint e = createEndpoint(ada, "acme", _pReceiver->url());
	Response changed = client().patch(API + "/orgs/acme/webhooks/" + e.id,
	                                  "{\"event_types\":[\"member.added\"],\"description\":\"CRM\"}", ada.token);
	ASSERT_STATUS(changed, 200);
	CPPUNIT_ASSERT_EQUAL(std::string("CRM"), text(changed.json(), "description"));
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), changed.json()->getArray("event_types")->size());
	ASSERT_STATUS(client().del(API + "/orgs/acme/webhooks/" + e.id, "", ada.token), 204);
	ASSERT_PROBLEM(client().get(API + "/orgs/acme/webhooks/" + e.id, "", ada.token), 404, "webhook_not_found");
}
