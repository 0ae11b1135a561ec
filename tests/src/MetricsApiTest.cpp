//
// MetricsApiTest.cpp
//
// Library: OrgsTests
// Package: Metrics
// Module:  MetricsApiTest
//


#include "MetricsApiTest.h"
#include "support/ExpositionParser.h"
#include "support/ForgedTokens.h"
#include "support/Suites.h"
#include "Poco/JSON/Array.h"
#include "Poco/Thread.h"
#include "Poco/Timestamp.h"


ORGS_TEST_SUITE(MetricsApiTest, "MetricsApi", DATABASE);


using Orgs::Test::HostProcess;
using Orgs::Test::json;


namespace {


const std::string TOKEN = "metrics-token-0123456789abcdef";


} // namespace


std::string MetricsApiTest::scrape(const std::string& token)
{
	Orgs::Test::HttpClient::Headers headers;
	if (!token.empty())
		headers.emplace_back("Authorization", "Bearer " + token);
	Response r = client().request("GET", API + "/metrics", "", headers);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(std::string("text/plain; version=0.0.4; charset=utf-8"), r.contentType);
	return r.body;
}


void MetricsApiTest::testSeriesMoveWithRequests()
{
	start();
	const User ada = signUp("ada");
	createOrganization(ada, "acme");
	const ExpositionParser before(scrape());
	const std::string ok = "orgs_http_requests_total{method=GET,route=/orgs/{org},status=200}";
	const std::string missing = "orgs_http_requests_total{method=GET,route=/orgs/{org},status=404}";
	const std::string checks = "orgs_permission_checks_total{result=";
	const double checked =
	    before.value(checks + "hit}") + before.value(checks + "miss}") + before.value(checks + "revalidated}");

	for (int i = 0; i < 3; ++i)
		ASSERT_STATUS(client().get(API + "/orgs/acme", "", ada.token), 200);
	ASSERT_STATUS(client().get(API + "/orgs/nowhere", "", ada.token), 404);
	ASSERT_STATUS(client().get(API + "/no/such/route"), 404);

	const ExpositionParser after(scrape());
	CPPUNIT_ASSERT_EQUAL(before.valueOr(ok, 0) + 3, after.value(ok));
	CPPUNIT_ASSERT_EQUAL(before.valueOr(missing, 0) + 1, after.value(missing));
	CPPUNIT_ASSERT(after.value("orgs_http_requests_total{method=GET,route=unmatched,status=404}") >= 1);
	// Every answered request is in its route's latency histogram, +Inf and _count alike.
	const std::string latency = "orgs_http_request_duration_seconds";
	const double counted = after.value(latency + "_count{method=GET,route=/orgs/{org}}");
	CPPUNIT_ASSERT_EQUAL(before.valueOr(latency + "_count{method=GET,route=/orgs/{org}}", 0) + 4, counted);
	CPPUNIT_ASSERT_EQUAL(counted, after.value(latency + "_bucket{le=+Inf,method=GET,route=/orgs/{org}}"));
	CPPUNIT_ASSERT(after.value(latency + "_sum{method=GET,route=/orgs/{org}}") > 0);
	CPPUNIT_ASSERT_EQUAL(std::string("histogram"), after.type(latency));
	// The previous scrape is counted too, under its own route.
	CPPUNIT_ASSERT(after.value("orgs_http_requests_total{method=GET,route=/metrics,status=200}") >= 1);

	// The member's checks went through the grant cache; the cache holds entries.
	const double checkedAfter =
	    after.value(checks + "hit}") + after.value(checks + "miss}") + after.value(checks + "revalidated}");
	CPPUNIT_ASSERT(checkedAfter > checked);
	CPPUNIT_ASSERT(after.value("orgs_grant_cache_entries{}") >= 1);
	CPPUNIT_ASSERT(after.value("orgs_grant_cache_capacity{}") >= 65536);
	CPPUNIT_ASSERT(after.has("orgs_grant_cache_evictions_total{}"));

	// The pool: the scrape's own session is back, so none is in use beyond the limit.
	CPPUNIT_ASSERT(after.value("orgs_db_sessions{state=in_use}") >= 0);
	CPPUNIT_ASSERT(after.value("orgs_db_sessions{state=idle}") >= 1);
	CPPUNIT_ASSERT(after.value("orgs_db_sessions_max{}") >= 1);
	CPPUNIT_ASSERT_EQUAL(0.0, after.value("orgs_db_session_waits_total{}"));
	// One server: its only node, never moved away from.
	CPPUNIT_ASSERT_EQUAL(0.0, after.value("orgs_db_node{}"));
	CPPUNIT_ASSERT_EQUAL(0.0, after.value("orgs_db_failovers_total{}"));
	CPPUNIT_ASSERT_EQUAL(std::string("counter"), after.type("orgs_db_failovers"));
	CPPUNIT_ASSERT_EQUAL(std::string("gauge"), after.type("orgs_db_sessions"));
	CPPUNIT_ASSERT(after.has("orgs_outbox_depth{kind=mail}"));
	CPPUNIT_ASSERT(after.has("orgs_outbox_oldest_age_seconds{kind=mail}"));
	CPPUNIT_ASSERT_EQUAL(std::string("counter"), after.type("orgs_scim_requests"));
}


void MetricsApiTest::testLabelsNameRoutesNotOrganizations()
{
	start();
	const User ada = signUp("adalovelace", "Ada Lovelace");
	createOrganization(ada, "secretorg");
	ASSERT_STATUS(client().get(API + "/orgs/secretorg/members", "", ada.token), 200);
	ASSERT_STATUS(client().get(API + "/orgs/secretorg/members/adalovelace", "", ada.token), 200);
	ASSERT_STATUS(client().get(API + "/orgs/secretorg/members/nobody%40example.com", "", ada.token), 404);
	// A method of the client's invention is "other": it cannot make series without end.
	ASSERT_STATUS(client().request("XYZZY", API + "/orgs/secretorg"), 405);
	const std::string text = scrape();
	CPPUNIT_ASSERT_MESSAGE(text, text.find("XYZZY") == std::string::npos);
	CPPUNIT_ASSERT_MESSAGE(text, text.find("secretorg") == std::string::npos);
	CPPUNIT_ASSERT_MESSAGE(text, text.find("adalovelace") == std::string::npos);
	CPPUNIT_ASSERT_MESSAGE(text, text.find("example.com") == std::string::npos);
	CPPUNIT_ASSERT_MESSAGE(text, text.find("Lovelace") == std::string::npos);
	ExpositionParser p(text);
	CPPUNIT_ASSERT_EQUAL(1.0, p.value("orgs_http_requests_total{method=GET,route=/orgs/{org}/members,status=200}"));
	CPPUNIT_ASSERT_EQUAL(
	    1.0, p.value("orgs_http_requests_total{method=GET,route=/orgs/{org}/members/{account},status=200}"));
	CPPUNIT_ASSERT_EQUAL(
	    1.0, p.value("orgs_http_requests_total{method=GET,route=/orgs/{org}/members/{account},status=404}"));
	CPPUNIT_ASSERT_EQUAL(1.0, p.value("orgs_http_requests_total{method=other,route=unmatched,status=405}"));
	// Each series' route is one of the router's patterns (or "unmatched").
	for (const auto& kv : p.samples())
	{
		const std::string::size_type at = kv.first.find("route=");
		if (at == std::string::npos)
			continue;
		const std::string route = kv.first.substr(at + 6, kv.first.find_first_of(",}", at) - at - 6);
		CPPUNIT_ASSERT_MESSAGE(kv.first, route == "unmatched" || route.compare(0, 1, "/") == 0);
	}
}


void MetricsApiTest::testStatementErrorsAndDeliveries()
{
	start();
	const User ada = signUp("ada");
	createOrganization(ada, "acme");
	const ExpositionParser before(scrape());
	const std::string duplicate = "orgs_db_statement_errors_total{class=duplicate_key}";
	// A second account named ada: the unique index refuses it, the API answers 409.
	Response r = client().post(API + "/accounts",
	                           json({{"username", "ada"}, {"email", "ada2@example.com"}, {"name", "Ada Two"}}));
	ASSERT_STATUS(r, 409);
	const ExpositionParser afterDuplicate(scrape());
	CPPUNIT_ASSERT(afterDuplicate.value(duplicate) >= before.value(duplicate) + 1);
	CPPUNIT_ASSERT_EQUAL(before.value("orgs_db_statement_errors_total{class=deadlock}"),
	                     afterDuplicate.value("orgs_db_statement_errors_total{class=deadlock}"));

	// An invitation is mailed through the outbox: the log mailer sends it at once.
	const std::string sent = "orgs_outbox_deliveries_total{kind=mail,outcome=sent}";
	ASSERT_STATUS(client().post(API + "/orgs/acme/invitations", json({{"email", "grace@example.com"}}), ada.token),
	              201);
	double delivered = 0;
	for (int i = 0; i < 100 && delivered < before.value(sent) + 1; ++i)
	{
		Poco::Thread::sleep(50);
		delivered = ExpositionParser(scrape()).value(sent);
	}
	CPPUNIT_ASSERT_EQUAL(before.value(sent) + 1, delivered);
	const ExpositionParser after(scrape());
	CPPUNIT_ASSERT_EQUAL(0.0, after.value("orgs_outbox_deliveries_total{kind=mail,outcome=retried}"));
	CPPUNIT_ASSERT_EQUAL(0.0, after.value("orgs_outbox_deliveries_total{kind=mail,outcome=failed}"));
}


void MetricsApiTest::testRefusedTokensAreCountedByCode()
{
	start();
	// A JWT of an issuer nobody trusts: the verifier refuses it, and the sign-in is counted
	// under the verifier's code, never the token or its issuer.
	Poco::JSON::Object::Ptr header = new Poco::JSON::Object;
	header->set("alg", "RS256");
	header->set("kid", "k1");
	Poco::JSON::Object::Ptr claims = new Poco::JSON::Object;
	claims->set("iss", "https://untrusted-issuer.invalid");
	claims->set("aud", "orgs");
	claims->set("sub", "subject-1");
	claims->set("exp", Poco::Timestamp().epochTime() + 600);
	const std::string token =
	    Orgs::Test::ForgedTokens::encode(header) + "." + Orgs::Test::ForgedTokens::encode(claims) + ".c2lnbmF0dXJl";
	Response refused = client().get(API + "/me", "", token);
	ASSERT_STATUS(refused, 401);
	const std::string code = text(refused.json(), "code");
	const std::string text = scrape();
	CPPUNIT_ASSERT_MESSAGE(text, text.find("untrusted-issuer") == std::string::npos);
	CPPUNIT_ASSERT_MESSAGE(text, text.find("subject-1") == std::string::npos);
	ExpositionParser p(text);
	CPPUNIT_ASSERT_EQUAL(1.0, p.value("orgs_sso_sign_ins_total{outcome=token_refused,reason=" + code + "}"));
	CPPUNIT_ASSERT_EQUAL(0.0, p.valueOr("orgs_sso_sign_ins_total{outcome=admitted,reason=}", 0));
}


void MetricsApiTest::testExposureOff()
{
	start({{"orgs.metrics.exposure", "off"}});
	ASSERT_PROBLEM(client().get(API + "/metrics"), 404, "no_route");
	ASSERT_STATUS(client().get(API + "/health/live"), 200);
	ASSERT_STATUS(client().get(API + "/health/ready"), 200);
}


void MetricsApiTest::testLoopbackOnly()
{
	// The default exposure, behind a proxy on loopback: the client is the forwarded address.
	start({{"orgs.http.trustedProxies", "127.0.0.1"}});
	ASSERT_PROBLEM(client().request("GET", API + "/metrics", "", {{"X-Forwarded-For", "203.0.113.7"}}), 404,
	               "no_route");
	ASSERT_PROBLEM(client().request("GET", API + "/metrics", "", {{"X-Forwarded-For", "2001:db8::1"}}), 404,
	               "no_route");
	// The proxy's own request, and a client on loopback behind it, may scrape.
	ExpositionParser direct(scrape());
	Response r = client().request("GET", API + "/metrics", "", {{"X-Forwarded-For", "127.0.0.1"}});
	ASSERT_STATUS(r, 200);
	ExpositionParser forwarded(r.body);
	r = client().request("GET", API + "/metrics", "", {{"X-Forwarded-For", "::1"}});
	ASSERT_STATUS(r, 200);
	// The refused scrapes are counted like any request: by route and status.
	CPPUNIT_ASSERT_EQUAL(
	    2.0, ExpositionParser(r.body).value("orgs_http_requests_total{method=GET,route=/metrics,status=404}"));
}


void MetricsApiTest::testBearerToken()
{
	start({{"orgs.metrics.exposure", "token"}, {"orgs.metrics.token", TOKEN}});
	ASSERT_PROBLEM(client().get(API + "/metrics"), 401, "unauthenticated");
	ASSERT_PROBLEM(client().request("GET", API + "/metrics", "", {{"Authorization", "Bearer " + TOKEN + "x"}}), 401,
	               "unauthenticated");
	ASSERT_PROBLEM(client().request("GET", API + "/metrics", "", {{"Authorization", "Basic " + TOKEN}}), 401,
	               "unauthenticated");
	// A personal access token is not the scrape token.
	const User ada = signUp("ada");
	ASSERT_PROBLEM(client().get(API + "/metrics", "", ada.token), 401, "unauthenticated");
	ExpositionParser p(scrape(TOKEN));
	CPPUNIT_ASSERT_EQUAL(4.0, p.value("orgs_http_requests_total{method=GET,route=/metrics,status=401}"));
	// Also from an address that is not loopback: the token is the whole check.
	Response r = client().request("GET", API + "/metrics", "",
	                              {{"Authorization", "bearer " + TOKEN}, {"X-Forwarded-For", "203.0.113.7"}});
	ASSERT_STATUS(r, 200);
	// A bad token is refused at start-up naming the key only.
	world().stopCleanly();
	std::unique_ptr<Orgs::Test::ReplayWorld> pWorld;
	try
	{
		pWorld.reset(new Orgs::Test::ReplayWorld(
		    "default", {{"orgs.metrics.exposure", "token"}, {"orgs.metrics.token", "short-secret"}}));
	}
	catch (Poco::Exception& exc)
	{
		CPPUNIT_ASSERT_MESSAGE(exc.displayText(), exc.displayText().find("orgs.metrics.token") != std::string::npos);
		CPPUNIT_ASSERT_MESSAGE(exc.displayText(), exc.displayText().find("short-secret") == std::string::npos);
		return;
	}
	CPPUNIT_FAIL("a host with a 12-character metrics token started");
}


void MetricsApiTest::testHealthProbes()
{
	start();
	Response live = client().get(API + "/health/live");
	ASSERT_STATUS(live, 200);
	CPPUNIT_ASSERT_EQUAL(std::string("ok"), text(live.json(), "status"));
	Response ready = client().get(API + "/health/ready");
	ASSERT_STATUS(ready, 200);
	CPPUNIT_ASSERT_EQUAL(std::string("ok"), text(ready.json(), "status"));
	// /health is as it was.
	Response health = client().get(API + "/health");
	ASSERT_STATUS(health, 200);
	CPPUNIT_ASSERT_EQUAL(std::string("{\"status\":\"ok\"}"), health.body);
	ASSERT_PROBLEM(client().post(API + "/health/ready"), 405, "method_not_allowed");
}


void MetricsApiTest::testStuckOutboxFailsReadiness()
{
	// No sender: what is due stays due.
	start({{"orgs.mail.deliver", "false"}, {"orgs.health.outboxStuckSeconds", "60"}});
	ASSERT_STATUS(client().get(API + "/health/ready"), 200);
	const Poco::Int64 now = Poco::Timestamp().epochMicroseconds();
	{
		Poco::Data::Session s = world().database().session();
		Poco::Int64 created = now - 300 * Poco::Int64(1000000);
		Poco::Int64 due = now - 120 * Poco::Int64(1000000);
		s << "INSERT INTO outbox (recipient, subject, body, created_at, attempts, next_attempt_at) "
		     "VALUES ('stuck@example.com', 'Stuck', 'Body', ?, 0, ?)",
		    Poco::Data::Keywords::use(created), Poco::Data::Keywords::use(due), Poco::Data::Keywords::now;
	}
	// The backlog is read at most once a second.
	Response r;
	for (int i = 0; i < 40; ++i)
	{
		r = client().get(API + "/health/ready");
		if (r.status == 503)
			break;
		Poco::Thread::sleep(100);
	}
	ASSERT_PROBLEM(r, 503, "outbox_stuck");
	Poco::JSON::Array::Ptr problems = r.json()->getArray("problems");
	CPPUNIT_ASSERT(!problems.isNull());
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), problems->size());
	CPPUNIT_ASSERT_EQUAL(std::string("outbox_stuck"), problems->getElement<std::string>(0));
	CPPUNIT_ASSERT_MESSAGE(r.body,
	                       text(r.json(), "detail").find("orgs.health.outboxStuckSeconds") != std::string::npos);
	CPPUNIT_ASSERT_MESSAGE(r.body, r.body.find("stuck@example.com") == std::string::npos);
	// Alive all the same, and the backlog shows in the metrics.
	ASSERT_STATUS(client().get(API + "/health/live"), 200);
	ExpositionParser p(scrape());
	CPPUNIT_ASSERT_EQUAL(1.0, p.value("orgs_outbox_depth{kind=mail}"));
	CPPUNIT_ASSERT(p.value("orgs_outbox_oldest_age_seconds{kind=mail}") >= 300);
	CPPUNIT_ASSERT(p.value("orgs_http_requests_total{method=GET,route=/health/ready,status=503}") >= 1);
}


void MetricsApiTest::testPendingMigrationFailsReadiness()
{
	// The database's schema falls behind the plugin's (as if restored from an older backup).
	start();
	ASSERT_STATUS(client().get(API + "/health/ready"), 200);
	{
		Poco::Data::Session s = world().database().session();
		int version = 0;
		s << "SELECT MAX(version) FROM schema_migrations", Poco::Data::Keywords::into(version),
		    Poco::Data::Keywords::now;
		CPPUNIT_ASSERT(version > 1);
		s << "DELETE FROM schema_migrations WHERE version = ?", Poco::Data::Keywords::use(version),
		    Poco::Data::Keywords::now;
	}
	Response r = client().get(API + "/health/ready");
	ASSERT_PROBLEM(r, 503, "migrations_pending");
	CPPUNIT_ASSERT_EQUAL(std::string("1"), r.header("Retry-After"));
	ASSERT_STATUS(client().get(API + "/health/live"), 200);
	ASSERT_STATUS(client().get(API + "/health"), 200); // unchanged: the database answers
}
