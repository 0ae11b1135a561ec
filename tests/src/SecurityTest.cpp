//
// SecurityTest.cpp
//
// Library: OrgsTests
// Package: EndToEnd
// Module:  SecurityTest
//


#include "SecurityTest.h"
#include "support/Suites.h"
#include "Runtime.h"
#include "data/Credential.h"
#include "data/Database.h"
#include "http/Api.h"
#include "http/Router.h"
#include "service/AccountServiceImpl.h"
#include "support/HttpAssert.h"
#include "support/ReplayWorld.h"
#include "support/TestRuntime.h"
#include "Orgs/Errors.h"
#include "Poco/Data/LOB.h"
#include "Poco/Data/RecordSet.h"
#include "Poco/Data/Statement.h"
#include "Poco/Event.h"
#include "Poco/NumberParser.h"
#include "Poco/Stopwatch.h"
#include "Poco/Thread.h"
#include <algorithm>
#include <set>
#include <thread>
#include <vector>


using Orgs::Test::HostProcess;
using Orgs::Test::HttpClient;
using Orgs::Test::json;
using Orgs::Test::ReplayWorld;
using Orgs::Test::TestDatabase;
using Orgs::Test::TestRuntime;
using Response = Orgs::Test::HttpClient::Response;
using User = Orgs::Test::ReplayWorld::User;


ORGS_TEST_SUITE(SecurityTest, "Security", DATABASE);


namespace {


const std::string API("/api/v1");


std::string cell(Poco::Data::RecordSet& rs, std::size_t column, std::size_t row)
{
	const Poco::Dynamic::Var v = rs.value(column, row);
	if (v.isEmpty())
		return "NULL";
	if (v.type() == typeid(Poco::Data::BLOB))
	{
		const Poco::Data::BLOB& blob = v.extract<Poco::Data::BLOB>();
		return std::string(blob.rawContent(), blob.rawContent() + blob.size());
	}
	return v.convert<std::string>();
}


std::string snapshot(const TestDatabase& db)
	/// Every row of every table a change through the API writes, sorted (not api_usage, which
	/// counts requests, nor the outbox's bodies: its rows are counted).
{
	static const char* TABLES[] = {"handles",
	                               "accounts",
	                               "organizations",
	                               "memberships",
	                               "access_tokens",
	                               "workspaces",
	                               "workspace_members",
	                               "member_default_roles",
	                               "resources",
	                               "resource_collaborators",
	                               "invitations",
	                               "invitation_workspaces",
	                               "invitation_default_roles",
	                               "audit_events",
	                               "custom_roles",
	                               "invite_links"};
	Poco::Data::Session s = db.session();
	std::string out;
	for (const char* table : TABLES)
	{
		Poco::Data::Statement st(s);
		st << "SELECT * FROM " << table;
		st.execute();
		Poco::Data::RecordSet rs(st);
		std::vector<std::string> rows;
		for (std::size_t r = 0; r < rs.rowCount(); ++r)
		{
			std::string line;
			for (std::size_t c = 0; c < rs.columnCount(); ++c)
				line += cell(rs, c, r) + "|";
			rows.push_back(line);
		}
		std::sort(rows.begin(), rows.end());
		out += std::string(table) + ":\n";
		for (const auto& line : rows)
			out += "  " + line + "\n";
	}
	Poco::Int64 mails = 0;
	s << "SELECT COUNT(*) FROM outbox", Poco::Data::Keywords::into(mails), Poco::Data::Keywords::now;
	return out + "outbox: " + std::to_string(mails) + " rows\n";
}


Poco::Int64 idOf(const Response& r)
{
	return r.json()->getValue<Poco::Int64>("id");
}


struct Change
	/// One request of a change route.
{
	std::string method;
	std::string pattern; ///< the route, as the Router has it
	std::string path;
	std::string body;
};


Response send(HttpClient& client, const std::string& method, const std::string& path, const std::string& token,
              const std::string& forwardedFor = std::string(), const std::string& body = std::string())
{
	HttpClient::Headers headers;
	if (!token.empty())
		headers.emplace_back("Authorization", "Bearer " + token);
	if (!forwardedFor.empty())
		headers.emplace_back("X-Forwarded-For", forwardedFor);
	if (!body.empty())
		headers.emplace_back("Content-Type", "application/json");
	return client.request(method, API + path, body, headers);
}


std::size_t occurrences(const std::string& text, const std::string& what)
{
	std::size_t n = 0;
	for (std::string::size_type at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
		++n;
	return n;
}


std::string waitForOutput(HostProcess& host, const std::string& what)
	/// Returns the host's output once it contains what (its pipes are drained by threads), or
	/// after 5 s.
{
	for (int i = 0; i < 100 && host.output().find(what) == std::string::npos; ++i)
		Poco::Thread::sleep(50);
	return host.output();
}


Orgs::Service::AccountServiceImpl& accountsOf(TestRuntime& rt)
{
	return dynamic_cast<Orgs::Service::AccountServiceImpl&>(rt.accounts());
}


template <class F>
std::string reasonOf(F&& fn)
	/// Runs fn and returns the reason of the OrgsException it throws ("" if none).
{
	try
	{
		fn();
	}
	catch (Orgs::OrgsException& exc)
	{
		return exc.reason();
	}
	return "";
}


Poco::Int64 questions(const TestDatabase& db)
	/// MariaDB's count of statements run by clients (this query included).
{
	Poco::Data::Session s = db.session();
	std::string value;
	s << "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'QUESTIONS'",
	    Poco::Data::Keywords::into(value), Poco::Data::Keywords::now;
	return Poco::NumberParser::parse64(value);
}


} // namespace


void SecurityTest::testRevokedTokenChangesNothingOnAnotherHost()
{
	// maxStaleness 30 s: host B trusts what it cached for the whole test.
	const HostProcess::Defines extra = {{"orgs.access.maxStaleness", "30"},
	                                    {"orgs.mail.deliver", "false"},
	                                    {"orgs.plans.enterprise.customRoles", "true"}};
	ReplayWorld a("default", extra);
	const std::unique_ptr<HostProcess> pHostB = a.startHost();
	HostProcess& hostB = *pHostB;
	HttpClient b(hostB.baseUrl());

	// Something for every change route to change.
	const User ada = a.signUp("ada");
	const User carol = a.signUp("carol");
	a.signUp("bob");
	a.signUp("dave");
	a.organization(ada, "acme");
	ASSERT_STATUS(a.patch("/orgs/acme", json({{"plan", "enterprise"}}), ada), 200);
	ASSERT_STATUS(a.post("/orgs/acme/members", json({{"username", "bob"}}), ada), 201);
	const std::string ws = std::to_string(idOf(a.post("/orgs/acme/workspaces", json({{"name", "ws"}}), ada)));
	ASSERT_STATUS(a.put("/orgs/acme/workspaces/" + ws + "/members/bob", json({{"role", "viewer"}}), ada), 200);
	const std::string res =
	    std::to_string(idOf(a.post("/orgs/acme/resources", json({{"type", "dataset"}, {"name", "data"}}), ada)));
	ASSERT_STATUS(a.put("/orgs/acme/resources/" + res + "/collaborators/bob", json({{"role", "labeler"}}), ada), 200);
	ASSERT_STATUS(a.post("/orgs/acme/roles",
	                     "{\"scope\":\"workspace\",\"name\":\"auditor\",\"permissions\":[\"workspace.read\"]}", ada),
	              201);
	const std::string inv =
	    std::to_string(idOf(a.post("/orgs/acme/invitations", json({{"email", "erin@example.com"}}), ada)));
	ASSERT_STATUS(a.post("/orgs/acme/invite-link", "", ada), 201);
	a.organization(ada, "old");
	ASSERT_STATUS(a.del("/orgs/old", ada), 204);
	a.organization(carol, "beta");
	ASSERT_STATUS(a.post("/orgs/beta/members", json({{"username", "ada"}}), carol), 201);
	a.organization(carol, "gamma");
	ASSERT_STATUS(a.post("/orgs/gamma/invitations", json({{"email", "ada@example.com"}}), carol), 201);
	const std::string invitation = a.mailedToken("ada@example.com");
	const Response link = a.post("/orgs/gamma/invite-link", "", carol);
	ASSERT_STATUS(link, 201);
	const std::string linkToken = link.json()->getValue<std::string>("token");
	const std::string sso = std::to_string(
	    idOf(a.post("/orgs/acme/sso-connections",
	                "{\"name\":\"Okta\",\"issuer\":\"https://idp.acme.test\",\"audience\":\"orgs\"}", ada)));
	const std::string scim = std::to_string(idOf(a.post("/orgs/acme/scim-connections", json({{"name", "Okta"}}), ada)));

	const std::string hook =
	    std::to_string(idOf(a.post("/orgs/acme/webhooks", json({{"url", "https://hooks.acme.invalid/in"}}), ada)));
	const Response hookDeliveries = a.get("/orgs/acme/webhooks/" + hook + "/deliveries", ada);
	ASSERT_STATUS(hookDeliveries, 200);
	const std::string delivery =
	    std::to_string(hookDeliveries.json()->getArray("items")->getObject(0)->getValue<Poco::Int64>("id"));

	// Ada's second token, seen by host B, then revoked on host A.
	const Response issued = a.post("/me/tokens", json({{"name", "laptop"}}), ada);
	ASSERT_STATUS(issued, 201);
	User laptop = ada;
	laptop.token = issued.json()->getValue<std::string>("token");
	const Poco::Int64 laptopId = idOf(issued);
	ASSERT_STATUS(b.get(API + "/me", "", laptop.token), 200);
	ASSERT_STATUS(b.get(API + "/orgs/acme", "", laptop.token), 200);
	const Response tokens = a.get("/me/tokens", ada);
	Poco::Int64 mainId = 0;
	Poco::JSON::Array::Ptr items = tokens.json()->getArray("items");
	for (std::size_t i = 0; i < items->size(); ++i)
	{
		const Poco::Int64 id = items->getObject(static_cast<unsigned>(i))->getValue<Poco::Int64>("id");
		if (id != laptopId)
			mainId = id;
	}
	CPPUNIT_ASSERT(mainId != 0);
	ASSERT_STATUS(a.del("/me/tokens/" + std::to_string(laptopId), ada), 204);

	// Host A forgot it at once; host B may still answer a read with it (bounded staleness).
	ASSERT_PROBLEM(a.get("/me", laptop), 401, "invalid_token");
	ASSERT_STATUS(b.get(API + "/orgs/acme", "", laptop.token), 200);

	const std::vector<Change> changes = {
	    {"PUT", "/me/active-organization", "/me/active-organization", json({{"org", "acme"}})},
	    {"POST", "/me/tokens", "/me/tokens", json({{"name", "minted"}})},
	    {"DELETE", "/me/tokens/{id}", "/me/tokens/" + std::to_string(mainId), ""},
	    {"POST", "/orgs", "/orgs", json({{"username", "newco"}, {"title", "New"}})},
	    {"PATCH", "/orgs/{org}", "/orgs/acme", json({{"title", "Changed"}})},
	    {"PATCH", "/orgs/{org}", "/orgs/acme", json({{"plan", "team"}})},
	    {"DELETE", "/orgs/{org}", "/orgs/acme", ""},
	    {"POST", "/orgs/{org}/transfer-ownership", "/orgs/acme/transfer-ownership", json({{"account", "bob"}})},
	    {"POST", "/orgs/{org}/restore", "/orgs/old/restore", ""},
	    {"POST", "/orgs/{org}/members", "/orgs/acme/members", json({{"username", "dave"}})},
	    {"PATCH", "/orgs/{org}/members/{account}", "/orgs/acme/members/bob", json({{"role", "admin"}})},
	    {"DELETE", "/orgs/{org}/members/{account}", "/orgs/acme/members/bob", ""},
	    {"POST", "/orgs/{org}/leave", "/orgs/beta/leave", ""},
	    {"POST", "/orgs/{org}/invitations", "/orgs/acme/invitations", json({{"email", "frank@example.com"}})},
	    {"DELETE", "/orgs/{org}/invitations/{id}", "/orgs/acme/invitations/" + inv, ""},
	    {"POST", "/orgs/{org}/invitations/{id}/resend", "/orgs/acme/invitations/" + inv + "/resend", ""},
	    {"POST", "/invitations/{token}/accept", "/invitations/" + invitation + "/accept", ""},
	    {"POST", "/invitations/{token}/decline", "/invitations/" + invitation + "/decline", ""},
	    {"POST", "/orgs/{org}/invite-link", "/orgs/acme/invite-link", ""},
	    {"DELETE", "/orgs/{org}/invite-link", "/orgs/acme/invite-link", ""},
	    {"POST", "/invite-links/{token}/accept", "/invite-links/" + linkToken + "/accept", ""},
	    {"POST", "/orgs/{org}/workspaces", "/orgs/acme/workspaces", json({{"name", "more"}})},
	    {"PATCH", "/orgs/{org}/workspaces/{ws}", "/orgs/acme/workspaces/" + ws, json({{"name", "renamed"}})},
	    {"DELETE", "/orgs/{org}/workspaces/{ws}", "/orgs/acme/workspaces/" + ws, ""},
	    {"PUT", "/orgs/{org}/workspaces/{ws}/members/{account}", "/orgs/acme/workspaces/" + ws + "/members/bob",
	     json({{"role", "editor"}})},
	    {"DELETE", "/orgs/{org}/workspaces/{ws}/members/{account}", "/orgs/acme/workspaces/" + ws + "/members/bob", ""},
	    {"POST", "/orgs/{org}/resources", "/orgs/acme/resources", json({{"type", "dataset"}, {"name", "more"}})},
	    {"DELETE", "/orgs/{org}/resources/{id}", "/orgs/acme/resources/" + res, ""},
	    {"PUT", "/orgs/{org}/resources/{id}/collaborators/{account}",
	     "/orgs/acme/resources/" + res + "/collaborators/bob", json({{"role", "reviewer"}})},
	    {"DELETE", "/orgs/{org}/resources/{id}/collaborators/{account}",
	     "/orgs/acme/resources/" + res + "/collaborators/bob", ""},
	    {"POST", "/orgs/{org}/roles", "/orgs/acme/roles",
	     "{\"scope\":\"workspace\",\"name\":\"checker\",\"permissions\":[\"workspace.read\"]}"},
	    {"PATCH", "/orgs/{org}/roles/{name}", "/orgs/acme/roles/auditor?scope=workspace",
	     json({{"description", "Reads"}})},
	    {"DELETE", "/orgs/{org}/roles/{name}", "/orgs/acme/roles/auditor?scope=workspace", ""},
	    {"POST", "/orgs/{org}/domains", "/orgs/acme/domains", json({{"domain", "acme.test"}})},
	    {"PATCH", "/orgs/{org}/domains/{domain}", "/orgs/acme/domains/acme.test", json({{"join_mode", "off"}})},
	    {"DELETE", "/orgs/{org}/domains/{domain}", "/orgs/acme/domains/acme.test", ""},
	    {"POST", "/orgs/{org}/domains/{domain}/verify", "/orgs/acme/domains/acme.test/verify", ""},
	    {"POST", "/me/suggested-organizations/{org}/join", "/me/suggested-organizations/beta/join", ""},
	    {"POST", "/orgs/{org}/sso-connections", "/orgs/acme/sso-connections",
	     "{\"name\":\"Second\",\"issuer\":\"https://idp2.acme.test\",\"audience\":\"orgs\"}"},
	    {"PATCH", "/orgs/{org}/sso-connections/{id}", "/orgs/acme/sso-connections/" + sso, "{\"enforced\":true}"},
	    {"DELETE", "/orgs/{org}/sso-connections/{id}", "/orgs/acme/sso-connections/" + sso, ""},
	    {"POST", "/orgs/{org}/sso-connections/{id}/test", "/orgs/acme/sso-connections/" + sso + "/test",
	     "{\"token\":\"a.b.c\"}"},
	    {"POST", "/orgs/{org}/webhooks", "/orgs/acme/webhooks", json({{"url", "https://hooks2.acme.invalid/in"}})},
	    {"PATCH", "/orgs/{org}/webhooks/{id}", "/orgs/acme/webhooks/" + hook, json({{"description", "x"}})},
	    {"POST", "/orgs/{org}/webhooks/{id}/secret", "/orgs/acme/webhooks/" + hook + "/secret", ""},
	    {"POST", "/orgs/{org}/webhooks/{id}/deliveries/{delivery}/retry",
	     "/orgs/acme/webhooks/" + hook + "/deliveries/" + delivery + "/retry", ""},
	    {"DELETE", "/orgs/{org}/webhooks/{id}", "/orgs/acme/webhooks/" + hook, ""},
	    {"POST", "/orgs/{org}/scim-connections", "/orgs/acme/scim-connections", json({{"name", "Second"}})},
	    {"PATCH", "/orgs/{org}/scim-connections/{id}", "/orgs/acme/scim-connections/" + scim,
	     json({{"name", "Renamed"}})},
	    {"DELETE", "/orgs/{org}/scim-connections/{id}", "/orgs/acme/scim-connections/" + scim, ""},
	    {"POST", "/orgs/{org}/scim-connections/{id}/token", "/orgs/acme/scim-connections/" + scim + "/token", ""},
	};

	// Every change route of the API is in the list (a new one must be added here).
	std::set<std::string> listed;
	for (const auto& c : changes)
		listed.insert(c.method + " " + c.pattern);
	{
		TestRuntime rt;
		for (const auto& route : rt.runtime().api().router().routes())
		{
			if (route.method == "GET" || route.auth != Orgs::Http::Router::Auth::Required)
				continue;
			CPPUNIT_ASSERT_MESSAGE("no request of the change route " + route.method + " " + route.pattern,
			                       listed.count(route.method + " " + route.pattern) == 1);
		}
	}

	// On host B every change with the revoked token is refused, and nothing changes anywhere.
	const std::string before = snapshot(a.database());
	for (const auto& c : changes)
	{
		const Response r = send(b, c.method, c.path, laptop.token, "", c.body);
		CPPUNIT_ASSERT_EQUAL_MESSAGE(c.method + " " + c.path + ": " + r.describe(), 401, r.status);
		ASSERT_PROBLEM(r, 401, "token_revoked");
	}
	CPPUNIT_ASSERT_EQUAL(before, snapshot(a.database()));

	// The token that was not revoked still changes things on host B.
	ASSERT_STATUS(b.post(API + "/me/tokens", json({{"name", "desktop"}}), ada.token), 201);
	ASSERT_STATUS(b.patch(API + "/orgs/acme", json({{"title", "Changed"}}), ada.token), 200);
	CPPUNIT_ASSERT_EQUAL(0, hostB.stop());
}


void SecurityTest::testWriteChecksTheTokenInItsTransaction()
{
	TestRuntime rt({{"orgs.access.maxStaleness", "30"}, {"orgs.mail.deliver", "false"}});
	Orgs::Service::AccountServiceImpl& accounts = accountsOf(rt);
	const Orgs::Account ada = rt.account("ada");
	const Orgs::IssuedToken token = rt.accounts().createToken(ada.id, "laptop");
	auto count = [&] { return rt.scalar("SELECT COUNT(*) FROM organizations WHERE id > ?", 0); };

	{
		Orgs::Data::Credential credential(accounts, token.token.id);
		rt.organization(ada, "acme"); // live: changes as before
	}
	rt.accounts().revokeToken(ada.id, token.token.id); // in-process: no token, no check
	{
		Orgs::Data::Credential credential(accounts, token.token.id);
		CPPUNIT_ASSERT_EQUAL(std::string("token_revoked"), reasonOf([&] { rt.organization(ada, "beta"); }));
		CPPUNIT_ASSERT_EQUAL(std::string("token_revoked"),
		                     reasonOf([&] { rt.accounts().createToken(ada.id, "minted"); }));
		CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), count());
		// Reads are not checked: they answer within maxStaleness anyway.
		CPPUNIT_ASSERT_EQUAL(std::string("acme"),
		                     rt.organizations().getOrganization(ada.id, "acme").organization.username);
		{
			// A request signed in by a host's own Authenticator carries no token.
			Orgs::Data::Credential hostSignedIn(accounts, 0);
			rt.organization(ada, "gamma");
		}
	}
	// In-process callers are not checked at all.
	rt.organization(ada, "beta");
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(3), count());
	CPPUNIT_ASSERT(Orgs::Data::Credential::current() == nullptr);
}


void SecurityTest::testRevocationWaitsForAChangeInFlight()
{
	TestRuntime rt(TestRuntime::Settings{{"orgs.mail.deliver", "false"}});
	Orgs::Service::AccountServiceImpl& accounts = accountsOf(rt);
	const Orgs::Account ada = rt.account("ada");
	const Orgs::IssuedToken token = rt.accounts().createToken(ada.id, "laptop");
	Poco::Event checked;
	std::thread change([&] {
		Orgs::Data::Credential credential(accounts, token.token.id);
		rt.runtime().database().transact([&](Poco::Data::Session&) {
			checked.set(); // the token was checked: its change is under way
			Poco::Thread::sleep(800);
		});
	});
	checked.wait();
	Poco::Stopwatch watch;
	watch.start();
	rt.accounts().revokeToken(ada.id, token.token.id);
	watch.stop();
	change.join();
	CPPUNIT_ASSERT_MESSAGE("the revocation did not wait for the change (" + std::to_string(watch.elapsed() / 1000) +
	                           " ms)",
	                       watch.elapsed() >= 500000);
	Orgs::Data::Credential credential(accounts, token.token.id);
	CPPUNIT_ASSERT_EQUAL(std::string("token_revoked"), reasonOf([&] { rt.organization(ada, "acme"); }));
}


void SecurityTest::testFailuresAreThrottledPerClient()
{
	ReplayWorld w("default", {{"orgs.auth.failureLimit", "5"}, {"orgs.http.trustedProxies", "10.0.0.0/8, 127.0.0.1"}});
	const User ada = w.signUp("ada");
	HttpClient& c = w.client();
	const std::string bad = "orgs_pat_guessguessguessguessguessguessguessguessgue";
	const std::string attacker = "203.0.113.7";

	// The limit's worth of failures, and one more that trips it, are answered 401 ...
	for (int i = 0; i < 6; ++i)
		ASSERT_PROBLEM(send(c, "GET", "/me", bad, attacker), 401, "invalid_token");
	// ... then every authenticated request from that address is refused, a valid token too.
	Response r = send(c, "GET", "/me", bad, attacker);
	ASSERT_PROBLEM(r, 429, "too_many_failures");
	const int retryAfter = Poco::NumberParser::parse(r.header("Retry-After", "0"));
	CPPUNIT_ASSERT_MESSAGE(r.header("Retry-After"), retryAfter >= 1 && retryAfter <= 60);
	CPPUNIT_ASSERT_EQUAL(retryAfter, r.json()->getValue<int>("retry_after"));
	CPPUNIT_ASSERT_EQUAL(5, r.json()->getValue<int>("limit"));
	ASSERT_PROBLEM(send(c, "GET", "/me", ada.token, attacker), 429, "too_many_failures");
	ASSERT_PROBLEM(send(c, "POST", "/orgs", ada.token, attacker, json({{"username", "x1"}, {"title", "X"}})), 429,
	               "too_many_failures");
	// Behind the proxies, the right-most address that is no proxy is the client: an address
	// the client wrote left of it does not matter.
	ASSERT_PROBLEM(send(c, "GET", "/me", ada.token, "198.51.100.9, " + attacker + ", 10.1.2.3"), 429,
	               "too_many_failures");
	ASSERT_STATUS(send(c, "GET", "/me", ada.token, attacker + ", 198.51.100.9"), 200);
	// Routes without authentication still answer.
	ASSERT_STATUS(send(c, "GET", "/health", "", attacker), 200);

	// Other addresses are not affected, nor the proxy itself.
	ASSERT_STATUS(send(c, "GET", "/me", ada.token, "198.51.100.1"), 200);
	ASSERT_PROBLEM(send(c, "GET", "/me", bad, "198.51.100.1"), 401, "invalid_token");
	ASSERT_STATUS(send(c, "GET", "/me", ada.token), 200);
	ASSERT_STATUS(send(c, "GET", "/me", ada.token, "10.9.8.7"), 200);

	// One warning for the burst, however many requests it refused.
	for (int i = 0; i < 20; ++i)
		ASSERT_PROBLEM(send(c, "GET", "/me", bad, attacker), 429, "too_many_failures");
	const std::string output = waitForOutput(w.host(), "Authentication failures");
	CPPUNIT_ASSERT_EQUAL_MESSAGE(output, std::size_t(1), occurrences(output, "Authentication failures"));
	CPPUNIT_ASSERT_MESSAGE(output, output.find("6 from " + attacker) != std::string::npos);
}


void SecurityTest::testForwardedForIsIgnoredWithoutTrustedProxies()
{
	ReplayWorld w("default", {{"orgs.auth.failureLimit", "3"}});
	const User ada = w.signUp("ada");
	HttpClient& c = w.client();
	const std::string bad = "orgs_pat_guessguessguessguessguessguessguessguessgue";
	// Anyone can write X-Forwarded-For: from a peer that is no trusted proxy it is not read.
	for (int i = 0; i < 4; ++i)
		ASSERT_PROBLEM(send(c, "GET", "/me", bad, "192.0.2." + std::to_string(i + 1)), 401, "invalid_token");
	ASSERT_PROBLEM(send(c, "GET", "/me", ada.token, "192.0.2.99"), 429, "too_many_failures");
	ASSERT_PROBLEM(send(c, "GET", "/me", ada.token), 429, "too_many_failures");
	ASSERT_STATUS(send(c, "GET", "/health", ""), 200);
}


void SecurityTest::testBadTrustedProxyStopsStartUp()
{
	for (const char* bad : {"proxy.example.com", "10.0.0.0/33", "10.0.0.1/", "::1/129"})
	{
		try
		{
			TestRuntime rt({{"orgs.http.trustedProxies", std::string("127.0.0.1, ") + bad}});
			CPPUNIT_FAIL(std::string("started with orgs.http.trustedProxies = ") + bad);
		}
		catch (Poco::DataFormatException& exc)
		{
			CPPUNIT_ASSERT_MESSAGE(exc.displayText(), exc.displayText().find("orgs.http.trustedProxies: '" +
			                                                                 std::string(bad)) != std::string::npos);
		}
	}
	TestRuntime rt(TestRuntime::Settings{{"orgs.http.trustedProxies", "127.0.0.1, 10.0.0.0/8, ::1, 2001:db8::/32"}});
}


void SecurityTest::testThrottledByDefault()
{
	ReplayWorld w("default");
	HttpClient& c = w.client();
	const std::string bad = "orgs_pat_guessguessguessguessguessguessguessguessgue";
	for (int i = 0; i < 101; ++i)
		ASSERT_PROBLEM(send(c, "GET", "/me", bad), 401, "invalid_token");
	ASSERT_PROBLEM(send(c, "GET", "/me", bad), 429, "too_many_failures");
}


void SecurityTest::testExistenceCostsTheSame()
{
	for (const char* staleness : {"30", "0"})
	{
		TestRuntime rt({{"orgs.access.maxStaleness", staleness}, {"orgs.mail.deliver", "false"}});
		Orgs::Data::Database& db = rt.runtime().database();
		const Orgs::Account ada = rt.account("ada");
		const Orgs::Account eve = rt.account("eve");
		const Orgs::Organization acme = rt.organization(ada, "acme");
		const bool mariadb = rt.database().connector() == "MySQL";

		auto lookUp = [&](const std::string& org, int times) {
			for (int i = 0; i < times; ++i)
			{
				CPPUNIT_ASSERT_EQUAL(std::string("organization_not_found"),
				                     reasonOf([&] { rt.organizations().getOrganization(eve.id, org); }));
			}
		};
		auto sessions = [&](const std::string& org, int times) {
			const Poco::UInt64 before = db.sessionsTaken();
			lookUp(org, times);
			return db.sessionsTaken() - before;
		};
		auto statements = [&](const std::string& org, int times) {
			const Poco::Int64 before = questions(rt.database());
			lookUp(org, times);
			return questions(rt.database()) - before - 1;
		};

		const std::string message = std::string("orgs.access.maxStaleness = ") + staleness;
		for (const auto& refs : {std::make_pair(std::string("acme"), std::string("missing")),
		                         std::make_pair(std::to_string(acme.id), std::to_string(acme.id + 1000))})
		{
			// The first look-up of each, then many more.
			CPPUNIT_ASSERT_EQUAL_MESSAGE(message, sessions(refs.first, 1), sessions(refs.second, 1));
			const Poco::UInt64 existing = sessions(refs.first, 50);
			CPPUNIT_ASSERT_EQUAL_MESSAGE(message, existing, sessions(refs.second, 50));
			CPPUNIT_ASSERT_EQUAL_MESSAGE(message, Poco::UInt64(std::string(staleness) == "0" ? 50 : 0), existing);
			if (mariadb)
				CPPUNIT_ASSERT_EQUAL_MESSAGE(message, statements(refs.first, 20), statements(refs.second, 20));
		}
	}
}


void SecurityTest::testNewOrganizationsAreSeenAtOnce()
{
	TestRuntime rt({{"orgs.access.maxStaleness", "30"}, {"orgs.mail.deliver", "false"}});
	const Orgs::Account ada = rt.account("ada");
	const Orgs::Account eve = rt.account("eve");
	auto visible = [&](const std::string& org) {
		return reasonOf([&] { rt.organizations().getOrganization(eve.id, org); }).empty();
	};
	auto addEve = [&](const std::string& org) {
		Orgs::MemberSpec spec;
		spec.account = "eve";
		rt.memberships().addMember(ada.id, org, spec);
	};

	// Created: missing a moment ago, found at once.
	CPPUNIT_ASSERT(!visible("newco"));
	const Orgs::Organization newco = rt.organization(ada, "newco");
	addEve("newco");
	CPPUNIT_ASSERT(visible("newco"));
	CPPUNIT_ASSERT(visible(std::to_string(newco.id)));

	// Renamed to a username that was missing.
	CPPUNIT_ASSERT(!visible("renamed"));
	Orgs::OrganizationChanges changes;
	changes.username = std::string("renamed");
	rt.organizations().updateOrganization(ada.id, "newco", changes);
	CPPUNIT_ASSERT(visible("renamed"));
	CPPUNIT_ASSERT(!visible("newco"));

	// Restored.
	rt.organizations().deleteOrganization(ada.id, "renamed");
	CPPUNIT_ASSERT(!visible("renamed"));
	rt.organizations().restoreOrganization(ada.id, "renamed");
	CPPUNIT_ASSERT(visible("renamed"));

	// Created by another host: found here within maxStaleness (0.5 s; the bound leaves room for
	// a loaded machine).
	Poco::AutoPtr<Poco::Util::MapConfiguration> pConfig = TestRuntime::configuration(
	    rt.database(), {{"orgs.access.maxStaleness", "0.5"}, {"orgs.mail.deliver", "false"}});
	Orgs::Runtime other(*pConfig, TestRuntime::resolveConfigPath, Poco::Logger::get("orgs-test"));
	auto visibleThere = [&](const std::string& org) {
		return reasonOf([&] { other.organizations()->getOrganization(eve.id, org); }).empty();
	};
	CPPUNIT_ASSERT(!visibleThere("later"));
	rt.organization(ada, "later");
	addEve("later");
	Poco::Stopwatch watch;
	watch.start();
	while (!visibleThere("later") && watch.elapsed() < 5000000)
		Poco::Thread::sleep(20);
	CPPUNIT_ASSERT_MESSAGE("another host's organization is not found after " + std::to_string(watch.elapsed() / 1000) +
	                           " ms",
	                       visibleThere("later") && watch.elapsed() < 2500000);
}
