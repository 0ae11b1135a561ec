//
// HttpApiTest.cpp
//
// Library: OrgsTests
// Package: EndToEnd
// Module:  HttpApiTest
//


#include "HttpApiTest.h"
#include "support/Suites.h"
#include "Poco/Thread.h"
#include "support/HttpAssert.h"
#include "support/TestRuntime.h"
#include "Poco/JSON/Array.h"
#include "Poco/JSON/Object.h"
#include "Poco/String.h"
#include <cppunit/Asserter.h>
#include <cppunit/Message.h>
#include <cppunit/SourceLine.h>
#include <initializer_list>
#include <set>
#include <sstream>
#include <utility>
#include <vector>


using Orgs::Test::HostProcess;
using Orgs::Test::HttpClient;
using Orgs::Test::json;
using Orgs::Test::TestDatabase;
using Orgs::Test::TestRuntime;
using Response = Orgs::Test::HttpClient::Response;


ORGS_TEST_SUITE(HttpApiTest, "HttpApi", DATABASE);


namespace {


const std::string API("/api/v1");
const std::size_t MAX_BODY_BYTES = 1048576; // orgs.http.maxBodyBytes, default


HostProcess::Defines hostDefines(const TestDatabase& db, bool selfSignup)
{
	HostProcess::Defines defines;
	defines["orgs.database.connector"] = db.connector();
	defines["orgs.database.connectionString"] = db.connectionString();
	defines["logging.level"] = "warning";
	if (selfSignup)
		defines["orgs.accounts.selfSignup"] = "true";
	return defines;
}


std::string text(const Poco::JSON::Object::Ptr& o, const std::string& key)
{
	CPPUNIT_ASSERT_MESSAGE("missing key " + key, o->has(key));
	return o->getValue<std::string>(key);
}


Poco::Int64 number(const Poco::JSON::Object::Ptr& o, const std::string& key)
{
	CPPUNIT_ASSERT_MESSAGE("missing key " + key, o->has(key));
	return o->getValue<Poco::Int64>(key);
}


bool flag(const Poco::JSON::Object::Ptr& o, const std::string& key)
{
	CPPUNIT_ASSERT_MESSAGE("missing key " + key, o->has(key));
	return o->getValue<bool>(key);
}


Poco::JSON::Object::Ptr child(const Poco::JSON::Object::Ptr& o, const std::string& key)
{
	Poco::JSON::Object::Ptr p = o->getObject(key);
	CPPUNIT_ASSERT_MESSAGE("missing object " + key, !p.isNull());
	return p;
}


Poco::JSON::Array::Ptr items(const Response& r)
{
	Poco::JSON::Array::Ptr p = r.json()->getArray("items");
	CPPUNIT_ASSERT_MESSAGE("no items in " + r.describe(), !p.isNull());
	return p;
}


std::set<std::string> usernames(const Response& r)
{
	std::set<std::string> result;
	Poco::JSON::Array::Ptr list = items(r);
	for (std::size_t i = 0; i < list->size(); ++i)
		result.insert(list->getObject(static_cast<unsigned>(i))->getValue<std::string>("username"));
	return result;
}


bool isNull(const Poco::JSON::Object::Ptr& o, const std::string& key)
{
	return o->has(key) && o->isNull(key);
}


} // namespace


void HttpApiTest::setUp()
{
	_pDatabase = TestDatabase::create(TestRuntime::connector());
	_pHost.reset(new HostProcess(hostDefines(*_pDatabase, true)));
	_pClient.reset(new HttpClient(_pHost->baseUrl()));
}


void HttpApiTest::tearDown()
{
	_pClient.reset();
	if (_pHost)
	{
		const int code = _pHost->stop();
		const std::string output = _pHost->output();
		_pHost.reset();
		_pDatabase = nullptr;
		CPPUNIT_ASSERT_EQUAL_MESSAGE("the host did not stop cleanly:\n" + output, 0, code);
	}
	_pDatabase = nullptr;
}


HttpClient& HttpApiTest::client()
{
	return *_pClient;
}


HttpApiTest::User HttpApiTest::signUp(const std::string& username, const std::string& name)
{
	Response r = client().post(API + "/accounts", json({{"username", username},
	                                                    {"email", username + "@example.com"},
	                                                    {"name", name.empty() ? "Test " + username : name}}));
	ASSERT_STATUS(r, 201);
	User user;
	user.id = number(child(r.json(), "account"), "id");
	user.username = username;
	user.token = text(child(r.json(), "token"), "token");
	return user;
}


Poco::Int64 HttpApiTest::createOrganization(const User& owner, const std::string& username)
{
	Response r = client().post(API + "/orgs", json({{"username", username}, {"title", "Organization " + username}}),
	                           owner.token);
	ASSERT_STATUS(r, 201);
	return number(r.json(), "id");
}


void HttpApiTest::addMember(const User& actor, const std::string& org, const std::string& username,
                            const std::string& role)
{
	const std::string body =
	    role.empty() ? json({{"username", username}}) : json({{"username", username}, {"role", role}});
	Response r = client().post(API + "/orgs/" + org + "/members", body, actor.token);
	ASSERT_STATUS(r, 201);
}


//
// System
//


void HttpApiTest::testHealthNeedsNoAuthentication()
{
	Response r = client().get(API + "/health");
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT(Poco::startsWith(r.contentType, std::string("application/json")));
	CPPUNIT_ASSERT_EQUAL(std::string("ok"), text(r.json(), "status"));
}


void HttpApiTest::testUnknownApiPathIsProblem404()
{
	ASSERT_PROBLEM(client().get(API + "/nothing-here"), 404, "no_route");
	ASSERT_PROBLEM(client().get(API + "/orgs/a/b/c/d/e"), 404, "no_route");
	// The API still answers on the same connection.
	ASSERT_STATUS(client().get(API + "/health"), 200);
}


void HttpApiTest::testUnknownPathOutsideApiIsProblem404FromHost()
{
	ASSERT_PROBLEM(client().get("/nothing-here"), 404, "not_found");
	// A path that merely starts like the base path is not the API's.
	ASSERT_PROBLEM(client().get("/api/v1x/health"), 404, "not_found");
	ASSERT_PROBLEM(client().post("/elsewhere", "{\"a\":1}"), 404, "not_found");
	ASSERT_STATUS(client().get(API + "/health"), 200);
}


void HttpApiTest::testWrongMethodIs405WithAllow()
{
	User u = signUp("ada");
	Response r = client().put(API + "/orgs", json({{"username", "acme"}}), u.token);
	ASSERT_PROBLEM(r, 405, "method_not_allowed");
	const std::string allow = r.header("Allow");
	CPPUNIT_ASSERT_MESSAGE(allow, allow.find("GET") != std::string::npos);
	CPPUNIT_ASSERT_MESSAGE(allow, allow.find("POST") != std::string::npos);
	CPPUNIT_ASSERT_MESSAGE(allow, allow.find("PUT") == std::string::npos);

	r = client().del(API + "/health");
	ASSERT_PROBLEM(r, 405, "method_not_allowed");
	CPPUNIT_ASSERT_EQUAL(std::string("GET"), Poco::trim(r.header("Allow")));
	ASSERT_STATUS(client().get(API + "/health"), 200);
}


//
// Accounts
//


void HttpApiTest::testSignUpReturnsAccountAndToken()
{
	Response r = client().post(API + "/accounts",
	                           json({{"username", "ada"}, {"email", "ada@example.com"}, {"name", "Ada Lovelace"}}));
	ASSERT_STATUS(r, 201);
	Poco::JSON::Object::Ptr account = child(r.json(), "account");
	CPPUNIT_ASSERT(number(account, "id") > 0);
	CPPUNIT_ASSERT_EQUAL(std::string("ada"), text(account, "username"));
	CPPUNIT_ASSERT_EQUAL(std::string("ada@example.com"), text(account, "email"));
	CPPUNIT_ASSERT_EQUAL(std::string("Ada Lovelace"), text(account, "name"));
	Poco::JSON::Object::Ptr token = child(r.json(), "token");
	const std::string secret = text(token, "token");
	const std::string prefix = text(token, "prefix");
	CPPUNIT_ASSERT(!prefix.empty());
	CPPUNIT_ASSERT(secret.size() > prefix.size() + 16);
	CPPUNIT_ASSERT(Poco::startsWith(secret, prefix));

	Response me = client().get(API + "/me", "", secret);
	ASSERT_STATUS(me, 200);
	CPPUNIT_ASSERT_EQUAL(number(account, "id"), number(child(me.json(), "account"), "id"));

	// The same rules as for organizations, and a valid email.
	ASSERT_PROBLEM(client().post(API + "/accounts", json({{"username", "-ada"}, {"email", "x@example.com"}})), 400,
	               "invalid_username");
	ASSERT_PROBLEM(client().post(API + "/accounts", json({{"username", "bob"}, {"email", "not an email"}})), 400,
	               "invalid_email");
	ASSERT_PROBLEM(client().post(API + "/accounts", json({{"username", "bob"}})), 400, "missing_field");

	// The Location names the new account (GET /me with its token).
	const std::string location = r.header("Location");
	CPPUNIT_ASSERT_MESSAGE("no Location", !location.empty());
	Response followed = client().get(location, "", secret);
	ASSERT_STATUS(followed, 200);
	CPPUNIT_ASSERT_EQUAL(number(account, "id"), number(child(followed.json(), "account"), "id"));
}


void HttpApiTest::testSignUpDisabledByDefault()
{
	// A second host on the same database, with the shipped default orgs.accounts.selfSignup=false.
	HostProcess host(hostDefines(*_pDatabase, false));
	HttpClient other(host.baseUrl());
	Response r =
	    other.post(API + "/accounts", json({{"username", "ada"}, {"email", "ada@example.com"}, {"name", "Ada"}}));
	ASSERT_PROBLEM(r, 403, "signup_disabled");
	CPPUNIT_ASSERT_EQUAL(0, host.stop());
	// The name was not taken by the refused request.
	signUp("ada");
}


void HttpApiTest::testDuplicateUsernameIsConflict()
{
	signUp("ada");
	Response r = client().post(API + "/accounts", json({{"username", "ada"}, {"email", "other@example.com"}}));
	ASSERT_PROBLEM(r, 409, "username_taken");
}


void HttpApiTest::testAccountsAndOrganizationsShareUsernames()
{
	User ada = signUp("ada");
	createOrganization(ada, "acme");

	// An organization cannot take an account's username...
	ASSERT_PROBLEM(client().post(API + "/orgs", json({{"username", "ada"}, {"title", "Ada's"}}), ada.token), 409,
	               "username_taken");
	// ... nor an account an organization's ...
	ASSERT_PROBLEM(client().post(API + "/accounts", json({{"username", "acme"}, {"email", "acme@example.com"}})), 409,
	               "username_taken");
	// ... nor a rename either.
	ASSERT_PROBLEM(client().patch(API + "/orgs/acme", json({{"username", "ada"}}), ada.token), 409, "username_taken");
}


//
// Authentication and tokens
//


void HttpApiTest::testMissingTokenIs401WithChallenge()
{
	Response r = client().get(API + "/me");
	ASSERT_PROBLEM(r, 401, "unauthenticated");
	CPPUNIT_ASSERT_MESSAGE(r.describe(), Poco::startsWith(r.header("WWW-Authenticate"), std::string("Bearer")));

	// A scheme the API does not know is no credential at all.
	r = client().request("GET", API + "/me", "", {{"Authorization", "Basic YWRhOnNlY3JldA=="}});
	ASSERT_PROBLEM(r, 401, "unauthenticated");
	ASSERT_PROBLEM(client().post(API + "/orgs", json({{"username", "acme"}, {"title", "Acme"}})), 401,
	               "unauthenticated");
}


void HttpApiTest::testGarbageTokenIs401()
{
	signUp("ada");
	Response r = client().get(API + "/me", "", "garbage");
	ASSERT_PROBLEM(r, 401, "invalid_token");
	CPPUNIT_ASSERT(!r.header("WWW-Authenticate").empty());
	ASSERT_PROBLEM(client().get(API + "/me", "", "orgs_pat_" + std::string(40, 'x')), 401, "invalid_token");
	ASSERT_PROBLEM(client().get(API + "/me", "", std::string(300, 'a')), 401, "invalid_token");
}


void HttpApiTest::testTokenSchemeIsAcceptedLikeBearer()
{
	User ada = signUp("ada");
	Response r = client().request("GET", API + "/me", "", {{"Authorization", "Token " + ada.token}});
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(ada.id, number(child(r.json(), "account"), "id"));
	r = client().request("GET", API + "/me", "", {{"Authorization", "Bearer " + ada.token}});
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(ada.id, number(child(r.json(), "account"), "id"));
}


void HttpApiTest::testTokenLifecycle()
{
	User ada = signUp("ada");
	Response r = client().post(API + "/me/tokens", json({{"name", "ci"}}), ada.token);
	ASSERT_STATUS(r, 201);
	const std::string secret = text(r.json(), "token");
	const std::string prefix = text(r.json(), "prefix");
	const Poco::Int64 id = number(r.json(), "id");
	CPPUNIT_ASSERT_EQUAL(std::string("ci"), text(r.json(), "name"));
	CPPUNIT_ASSERT(Poco::startsWith(secret, prefix));
	CPPUNIT_ASSERT(secret != ada.token);
	ASSERT_STATUS(client().get(API + "/me", "", secret), 200);

	// Listed with their prefix, never with their secret.
	r = client().get(API + "/me/tokens", "", ada.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_MESSAGE(r.body, r.body.find(secret) == std::string::npos);
	CPPUNIT_ASSERT_MESSAGE(r.body, r.body.find(ada.token) == std::string::npos);
	Poco::JSON::Array::Ptr list = items(r);
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), list->size());
	bool found = false;
	for (std::size_t i = 0; i < list->size(); ++i)
	{
		Poco::JSON::Object::Ptr t = list->getObject(static_cast<unsigned>(i));
		CPPUNIT_ASSERT_MESSAGE(r.body, !t->has("token"));
		CPPUNIT_ASSERT(!text(t, "prefix").empty());
		if (number(t, "id") == id)
		{
			found = true;
			CPPUNIT_ASSERT_EQUAL(prefix, text(t, "prefix"));
			CPPUNIT_ASSERT_EQUAL(std::string("ci"), text(t, "name"));
		}
	}
	CPPUNIT_ASSERT(found);

	// Revoked: refused at once, and no longer listed.
	ASSERT_STATUS(client().del(API + "/me/tokens/" + std::to_string(id), "", ada.token), 204);
	ASSERT_PROBLEM(client().get(API + "/me", "", secret), 401, "invalid_token");
	ASSERT_PROBLEM(client().get(API + "/me/tokens", "", secret), 401, "invalid_token");
	r = client().get(API + "/me/tokens", "", ada.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), items(r)->size());
	// Twice: it is gone.
	ASSERT_PROBLEM(client().del(API + "/me/tokens/" + std::to_string(id), "", ada.token), 404, "token_not_found");
	ASSERT_PROBLEM(client().del(API + "/me/tokens/not-a-number", "", ada.token), 404, "token_not_found");
	// A token name is required.
	ASSERT_PROBLEM(client().post(API + "/me/tokens", "{}", ada.token), 400, "missing_field");
}


void HttpApiTest::testRevokingAnotherAccountsTokenIs404()
{
	User ada = signUp("ada");
	User bob = signUp("bob");
	Response r = client().get(API + "/me/tokens", "", bob.token);
	ASSERT_STATUS(r, 200);
	const Poco::Int64 bobsToken = number(items(r)->getObject(0), "id");

	ASSERT_PROBLEM(client().del(API + "/me/tokens/" + std::to_string(bobsToken), "", ada.token), 404,
	               "token_not_found");
	ASSERT_STATUS(client().get(API + "/me", "", bob.token), 200);
	ASSERT_STATUS(client().get(API + "/me", "", ada.token), 200);
}


void HttpApiTest::testMeListsOrganizationsWithRole()
{
	User ada = signUp("ada", "Ada Lovelace");
	User bob = signUp("bob");
	const Poco::Int64 acme = createOrganization(ada, "acme");
	const Poco::Int64 beta = createOrganization(bob, "beta");
	createOrganization(bob, "gamma");
	addMember(bob, "beta", "ada");

	Response r = client().get(API + "/me", "", ada.token);
	ASSERT_STATUS(r, 200);
	Poco::JSON::Object::Ptr account = child(r.json(), "account");
	CPPUNIT_ASSERT_EQUAL(ada.id, number(account, "id"));
	CPPUNIT_ASSERT_EQUAL(std::string("ada"), text(account, "username"));
	CPPUNIT_ASSERT_EQUAL(std::string("Ada Lovelace"), text(account, "name"));
	Poco::JSON::Array::Ptr orgs = r.json()->getArray("organizations");
	CPPUNIT_ASSERT_MESSAGE(r.body, !orgs.isNull());
	CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, std::size_t(2), orgs->size());
	for (std::size_t i = 0; i < orgs->size(); ++i)
	{
		Poco::JSON::Object::Ptr o = orgs->getObject(static_cast<unsigned>(i));
		Poco::JSON::Object::Ptr m = child(o, "membership");
		if (number(o, "id") == acme)
		{
			CPPUNIT_ASSERT_EQUAL(std::string("acme"), text(o, "username"));
			CPPUNIT_ASSERT(flag(m, "owner"));
			CPPUNIT_ASSERT(!text(m, "role").empty());
		}
		else
		{
			CPPUNIT_ASSERT_EQUAL(beta, number(o, "id"));
			CPPUNIT_ASSERT_EQUAL(std::string("beta"), text(o, "username"));
			CPPUNIT_ASSERT_EQUAL(std::string("Organization beta"), text(o, "title"));
			CPPUNIT_ASSERT(!flag(m, "owner"));
			CPPUNIT_ASSERT_EQUAL(std::string("member"), text(m, "role"));
		}
	}
}


//
// Organizations
//


void HttpApiTest::testCreateOrganizationMakesCreatorOwner()
{
	User ada = signUp("ada");
	Response r = client().post(API + "/orgs", json({{"username", "acme"}, {"title", "Acme Inc."}}), ada.token);
	ASSERT_STATUS(r, 201);
	Poco::JSON::Object::Ptr o = r.json();
	CPPUNIT_ASSERT(number(o, "id") > 0);
	CPPUNIT_ASSERT_EQUAL(std::string("acme"), text(o, "username"));
	CPPUNIT_ASSERT_EQUAL(std::string("Acme Inc."), text(o, "title"));
	CPPUNIT_ASSERT_EQUAL(std::string("us"), text(o, "region"));
	CPPUNIT_ASSERT_EQUAL(ada.id, number(o, "owner_account_id"));
	CPPUNIT_ASSERT(flag(child(o, "membership"), "owner"));
	const std::string location = r.header("Location");

	// The creator is a member: listed among the members as the owner.
	r = client().get(API + "/orgs/acme/members", "", ada.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), items(r)->size());
	CPPUNIT_ASSERT_EQUAL(ada.id, number(items(r)->getObject(0), "account_id"));
	CPPUNIT_ASSERT(flag(items(r)->getObject(0), "owner"));

	// The Location names the new organization: following it (resolved against the request
	// URI, RFC 9110 §10.2.2) finds it.
	CPPUNIT_ASSERT_MESSAGE("no Location", !location.empty());
	CPPUNIT_ASSERT_MESSAGE(location, Poco::endsWith(location, std::string("/orgs/acme")));
	Response followed = client().get(location, "", ada.token);
	ASSERT_STATUS(followed, 200);
	CPPUNIT_ASSERT_EQUAL(number(o, "id"), number(followed.json(), "id"));
}


void HttpApiTest::testRegionMustBeConfigured()
{
	User ada = signUp("ada");
	Response r = client().post(API + "/orgs", json({{"username", "acme-eu"}, {"title", "Acme EU"}, {"region", "eu"}}),
	                           ada.token);
	ASSERT_STATUS(r, 201);
	CPPUNIT_ASSERT_EQUAL(std::string("eu"), text(r.json(), "region"));
	ASSERT_STATUS(r = client().get(API + "/orgs/acme-eu", "", ada.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::string("eu"), text(r.json(), "region"));

	ASSERT_PROBLEM(client().post(API + "/orgs",
	                             json({{"username", "acme-mars"}, {"title", "Acme"}, {"region", "mars"}}), ada.token),
	               400, "invalid_region");
	ASSERT_PROBLEM(client().get(API + "/orgs/acme-mars", "", ada.token), 404, "organization_not_found");
}


void HttpApiTest::testUsernameRules()
{
	User ada = signUp("ada");
	const std::vector<std::string> bad = {"-x",    "x-",    "X",     "Acme", "a", std::string(40, 'a'),
	                                      "12345", "ac me", "ac_me", "acmé", ""};
	for (const auto& username : bad)
	{
		Response r = client().post(API + "/orgs", json({{"username", username}, {"title", "T"}}), ada.token);
		checkProblem(r, 400, "invalid_username", CppUnit::SourceLine(__FILE__, __LINE__));
	}
	const std::vector<std::string> good = {"ab", std::string(39, 'b'), "a-b", "x1", "1x", "a--b"};
	for (const auto& username : good)
	{
		Response r = client().post(API + "/orgs", json({{"username", username}, {"title", "T"}}), ada.token);
		CPPUNIT_ASSERT_EQUAL_MESSAGE(username + ": " + r.describe(), 201, r.status);
		CPPUNIT_ASSERT_EQUAL(username, text(r.json(), "username"));
	}
	// A rename obeys the same rules.
	ASSERT_PROBLEM(client().patch(API + "/orgs/ab", json({{"username", "-ab"}}), ada.token), 400, "invalid_username");
}


void HttpApiTest::testTitleRules()
{
	User ada = signUp("ada");
	for (const std::string& title : {std::string(), std::string("   "), std::string(101, 't')})
	{
		Response r = client().post(API + "/orgs", json({{"username", "acme"}, {"title", title}}), ada.token);
		checkProblem(r, 400, "invalid_title", CppUnit::SourceLine(__FILE__, __LINE__));
	}
	Response r =
	    client().post(API + "/orgs", json({{"username", "acme"}, {"title", std::string(100, 't')}}), ada.token);
	ASSERT_STATUS(r, 201);

	// 100 characters, 400 bytes: the limit counts characters, and UTF-8 round-trips.
	std::string emoji;
	for (int i = 0; i < 100; ++i)
		emoji += (i % 2) ? "\xF0\x9F\x98\x80" : "\xF0\x9F\x8C\x8D"; // U+1F600, U+1F30D
	r = client().post(API + "/orgs", json({{"username", "emoji"}, {"title", emoji}}), ada.token);
	ASSERT_STATUS(r, 201);
	CPPUNIT_ASSERT(emoji == text(r.json(), "title"));
	r = client().get(API + "/orgs/emoji", "", ada.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT(emoji == text(r.json(), "title"));
	ASSERT_PROBLEM(client().post(API + "/orgs", json({{"username", "emoji2"}, {"title", emoji + "x"}}), ada.token), 400,
	               "invalid_title");

	// A retitle obeys the same rules.
	ASSERT_PROBLEM(client().patch(API + "/orgs/acme", json({{"title", ""}}), ada.token), 400, "invalid_title");
	const std::string street = "Stra\u00DFe & \"Co\" <b>";
	r = client().patch(API + "/orgs/acme", json({{"title", street}}), ada.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(street, text(r.json(), "title"));
}


void HttpApiTest::testReadOrganizationByIdAndUsername()
{
	User ada = signUp("ada");
	User bob = signUp("bob");
	const Poco::Int64 id = createOrganization(ada, "acme");
	addMember(ada, "acme", "bob");

	for (const User* pUser : {&ada, &bob})
	{
		Response byName = client().get(API + "/orgs/acme", "", pUser->token);
		ASSERT_STATUS(byName, 200);
		Response byId = client().get(API + "/orgs/" + std::to_string(id), "", pUser->token);
		ASSERT_STATUS(byId, 200);
		CPPUNIT_ASSERT_EQUAL(id, number(byName.json(), "id"));
		CPPUNIT_ASSERT_EQUAL(byName.body, byId.body);
		CPPUNIT_ASSERT_EQUAL(std::string("acme"), text(byId.json(), "username"));
		CPPUNIT_ASSERT_EQUAL(ada.id, number(byId.json(), "owner_account_id"));
	}
	Response r = client().get(API + "/orgs/acme", "", bob.token);
	CPPUNIT_ASSERT(!flag(child(r.json(), "membership"), "owner"));
	CPPUNIT_ASSERT_EQUAL(std::string("member"), text(child(r.json(), "membership"), "role"));
}


void HttpApiTest::testNonMemberCannotTellExistingFromMissing()
{
	User ada = signUp("ada");
	User eve = signUp("eve");
	const Poco::Int64 id = createOrganization(ada, "acme");
	const std::string missingId = std::to_string(id + 1000);

	// Every way of reaching the organization answers as if it did not exist.
	struct Probe
	{
		std::string method;
		std::string suffix;
		std::string body;
	};
	const std::vector<Probe> probes = {
	    {"GET", "", ""},
	    {"PATCH", "", json({{"title", "Mine"}})},
	    {"DELETE", "", ""},
	    {"GET", "/members", ""},
	    {"POST", "/members", json({{"username", "eve"}})},
	    {"GET", "/members/ada", ""},
	    {"PATCH", "/members/ada", json({{"role", "member"}})},
	    {"DELETE", "/members/ada", ""},
	    {"POST", "/leave", ""},
	    {"POST", "/transfer-ownership", json({{"account", "eve"}})},
	};
	const std::vector<std::pair<std::string, std::string>> refs = {{"acme", "acmf"}, {std::to_string(id), missingId}};
	for (const auto& probe : probes)
	{
		for (const auto& ref : refs)
		{
			const std::string what = probe.method + " /orgs/{org}" + probe.suffix;
			const std::string body = probe.body;
			const std::string type = body.empty() ? "" : "application/json";
			HttpClient::Headers headers = {{"Authorization", "Bearer " + eve.token}};
			if (!type.empty())
				headers.emplace_back("Content-Type", type);
			Response existing =
			    client().request(probe.method, API + "/orgs/" + ref.first + probe.suffix, body, headers);
			Response missing =
			    client().request(probe.method, API + "/orgs/" + ref.second + probe.suffix, body, headers);
			checkProblem(existing, 404, "organization_not_found", CppUnit::SourceLine(__FILE__, __LINE__));
			checkProblem(missing, 404, "organization_not_found", CppUnit::SourceLine(__FILE__, __LINE__));
			// Identical but for the reference the client sent, which the detail may repeat, and
			// the id of each request.
			Poco::JSON::Object::Ptr a = existing.json();
			Poco::JSON::Object::Ptr b = missing.json();
			CPPUNIT_ASSERT_EQUAL_MESSAGE(what, a->size(), b->size());
			for (const auto& name : a->getNames())
			{
				if (name == "instance" || name == "request_id")
					continue;
				std::string x = a->get(name).toString();
				std::string y = b->has(name) ? b->get(name).toString() : std::string("(absent)");
				if (name == "detail")
				{
					x = Poco::replace(x, ref.first, std::string("{org}"));
					y = Poco::replace(y, ref.second, std::string("{org}"));
				}
				CPPUNIT_ASSERT_EQUAL_MESSAGE(what + ": " + name, x, y);
			}
			CPPUNIT_ASSERT_EQUAL_MESSAGE(what, existing.contentType, missing.contentType);
		}
	}
	// Nothing changed.
	Response r = client().get(API + "/orgs/acme", "", ada.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(std::string("Organization acme"), text(r.json(), "title"));
	ASSERT_STATUS(r = client().get(API + "/orgs/acme/members", "", ada.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), items(r)->size());
}


void HttpApiTest::testUpdateNeedsOrgUpdate()
{
	User owner = signUp("owner");
	User member = signUp("member");
	User admin = signUp("admin");
	createOrganization(owner, "acme");
	addMember(owner, "acme", "member");
	addMember(owner, "acme", "admin", "admin");

	ASSERT_PROBLEM(client().patch(API + "/orgs/acme", json({{"title", "Mine"}}), member.token), 403,
	               "permission_denied");
	ASSERT_PROBLEM(client().patch(API + "/orgs/acme", json({{"username", "mine"}}), member.token), 403,
	               "permission_denied");

	Response r =
	    client().patch(API + "/orgs/acme", json({{"title", "Acme Two"}, {"username", "acme-two"}}), admin.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(std::string("Acme Two"), text(r.json(), "title"));
	CPPUNIT_ASSERT_EQUAL(std::string("acme-two"), text(r.json(), "username"));
	ASSERT_STATUS(r = client().get(API + "/orgs/acme-two", "", member.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::string("Acme Two"), text(r.json(), "title"));
	ASSERT_PROBLEM(client().get(API + "/orgs/acme", "", member.token), 404, "organization_not_found");

	// An empty change changes nothing.
	ASSERT_STATUS(r = client().patch(API + "/orgs/acme-two", "{}", owner.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::string("Acme Two"), text(r.json(), "title"));
}


void HttpApiTest::testRegionIsImmutable()
{
	User ada = signUp("ada");
	createOrganization(ada, "acme");
	ASSERT_PROBLEM(client().patch(API + "/orgs/acme", json({{"region", "eu"}}), ada.token), 400, "immutable_field");
	ASSERT_PROBLEM(client().patch(API + "/orgs/acme", json({{"title", "New"}, {"region", "eu"}}), ada.token), 400,
	               "immutable_field");
	Response r = client().patch(API + "/orgs/acme", json({{"region", "us"}}), ada.token);
	ASSERT_STATUS(r, 200);
	ASSERT_STATUS(r = client().get(API + "/orgs/acme", "", ada.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::string("us"), text(r.json(), "region"));
	CPPUNIT_ASSERT_EQUAL(std::string("Organization acme"), text(r.json(), "title"));
}


void HttpApiTest::testRenameFreesOldUsername()
{
	User ada = signUp("ada");
	User bob = signUp("bob");
	createOrganization(ada, "first");
	createOrganization(ada, "third");
	ASSERT_STATUS(client().patch(API + "/orgs/first", json({{"username", "second"}}), ada.token), 200);
	ASSERT_STATUS(client().patch(API + "/orgs/third", json({{"username", "fourth"}}), ada.token), 200);

	// The old names are free for an account and for an organization of someone else...
	signUp("first");
	createOrganization(bob, "third");
	// ... and the new ones are taken.
	ASSERT_PROBLEM(client().post(API + "/orgs", json({{"username", "second"}, {"title", "T"}}), bob.token), 409,
	               "username_taken");
	ASSERT_PROBLEM(client().post(API + "/accounts", json({{"username", "fourth"}, {"email", "f@example.com"}})), 409,
	               "username_taken");
}


void HttpApiTest::testDeleteIsOwnerOnly()
{
	User owner = signUp("owner");
	User admin = signUp("admin");
	createOrganization(owner, "acme");
	addMember(owner, "acme", "admin", "admin");

	ASSERT_PROBLEM(client().del(API + "/orgs/acme", "", admin.token), 403, "owner_only");
	ASSERT_STATUS(client().get(API + "/orgs/acme", "", admin.token), 200);
	Response r = client().del(API + "/orgs/acme", "", owner.token);
	ASSERT_STATUS(r, 204);
	CPPUNIT_ASSERT(r.body.empty());
	ASSERT_PROBLEM(client().get(API + "/orgs/acme", "", owner.token), 404, "organization_not_found");
	ASSERT_PROBLEM(client().get(API + "/orgs/acme", "", admin.token), 404, "organization_not_found");
	ASSERT_PROBLEM(client().del(API + "/orgs/acme", "", owner.token), 404, "organization_not_found");
	ASSERT_STATUS(r = client().get(API + "/me", "", admin.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(0), r.json()->getArray("organizations")->size());
	// Its username stays reserved until the purge; its owner alone may restore it.
	ASSERT_PROBLEM(client().post(API + "/orgs", "{\"username\":\"acme\",\"title\":\"Acme\"}", admin.token), 409,
	               "username_taken");
	ASSERT_PROBLEM(client().post(API + "/orgs/acme/restore", "", admin.token), 404, "organization_not_found");
	ASSERT_STATUS(r = client().post(API + "/orgs/acme/restore", "", owner.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::string("acme"), r.json()->getValue<std::string>("username"));
	ASSERT_STATUS(client().get(API + "/orgs/acme", "", admin.token), 200);
	ASSERT_PROBLEM(client().post(API + "/orgs/acme/restore", "", owner.token), 409, "not_deleted");
}


//
// Memberships
//


void HttpApiTest::testAddMemberWithDefaultOrExplicitRole()
{
	User owner = signUp("owner");
	User bob = signUp("bob", "Bob Builder");
	User carol = signUp("carol");
	const Poco::Int64 org = createOrganization(owner, "acme");

	Response r = client().post(API + "/orgs/acme/members", json({{"username", "bob"}}), owner.token);
	ASSERT_STATUS(r, 201);
	Poco::JSON::Object::Ptr m = r.json();
	CPPUNIT_ASSERT_EQUAL(org, number(m, "organization_id"));
	CPPUNIT_ASSERT_EQUAL(bob.id, number(m, "account_id"));
	CPPUNIT_ASSERT_EQUAL(std::string("bob"), text(m, "username"));
	CPPUNIT_ASSERT_EQUAL(std::string("Bob Builder"), text(m, "name"));
	CPPUNIT_ASSERT_EQUAL(std::string("member"), text(m, "role")); // orgs.roles.organization.default
	CPPUNIT_ASSERT(!flag(m, "owner"));
	const std::string location = r.header("Location");

	ASSERT_STATUS(
	    r = client().post(API + "/orgs/acme/members", json({{"username", "carol"}, {"role", "admin"}}), owner.token),
	    201);
	CPPUNIT_ASSERT_EQUAL(std::string("admin"), text(r.json(), "role"));

	// The new members see the organization with their role.
	ASSERT_STATUS(r = client().get(API + "/orgs/acme", "", bob.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::string("member"), text(child(r.json(), "membership"), "role"));
	ASSERT_STATUS(r = client().get(API + "/orgs/acme", "", carol.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::string("admin"), text(child(r.json(), "membership"), "role"));

	// The Location names the new membership.
	CPPUNIT_ASSERT_MESSAGE("no Location", !location.empty());
	Response followed = client().get(location, "", owner.token);
	ASSERT_STATUS(followed, 200);
	CPPUNIT_ASSERT_EQUAL(bob.id, number(followed.json(), "account_id"));
}


void HttpApiTest::testAddMemberErrors()
{
	User owner = signUp("owner");
	User bob = signUp("bob");
	signUp("carol");
	createOrganization(owner, "acme");
	addMember(owner, "acme", "bob");

	ASSERT_PROBLEM(
	    client().post(API + "/orgs/acme/members", json({{"username", "carol"}, {"role", "emperor"}}), owner.token), 400,
	    "unknown_role");
	ASSERT_PROBLEM(client().post(API + "/orgs/acme/members", json({{"username", "ghost"}}), owner.token), 404,
	               "account_not_found");
	ASSERT_PROBLEM(client().post(API + "/orgs/acme/members", json({{"username", "bob"}}), owner.token), 409,
	               "already_member");
	ASSERT_PROBLEM(
	    client().post(API + "/orgs/acme/members", json({{"username", "bob"}, {"role", "admin"}}), owner.token), 409,
	    "already_member");
	ASSERT_PROBLEM(client().post(API + "/orgs/acme/members", json({{"username", "owner"}}), owner.token), 409,
	               "already_member");
	// An organization is not an account.
	User dave = signUp("dave");
	createOrganization(dave, "other");
	ASSERT_PROBLEM(client().post(API + "/orgs/acme/members", json({{"username", "other"}}), owner.token), 404,
	               "account_not_found");
	// A member without members.add.
	ASSERT_PROBLEM(client().post(API + "/orgs/acme/members", json({{"username", "carol"}}), bob.token), 403,
	               "permission_denied");

	// Nothing was added by the refused requests.
	Response r = client().get(API + "/orgs/acme/members", "", owner.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT(usernames(r) == std::set<std::string>({"owner", "bob"}));
	ASSERT_STATUS(r = client().get(API + "/orgs/acme/members/bob", "", owner.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::string("member"), text(r.json(), "role"));
}


void HttpApiTest::testListMembersFiltersByRoleAndSearch()
{
	User owner = signUp("owner", "Olivia Owner");
	User alice = signUp("alice-smith", "Alice Liddell");
	signUp("bob", "Robert SMITH");
	signUp("carol", "Carol Jones");
	signUp("dave", "Smithy Outsider"); // not a member: never listed
	createOrganization(owner, "acme");
	addMember(owner, "acme", "alice-smith");
	addMember(owner, "acme", "bob");
	addMember(owner, "acme", "carol", "admin");

	using Names = std::set<std::string>;
	auto list = [&](const std::string& query) {
		Response r = client().get(API + "/orgs/acme/members" + query, "", alice.token);
		CPPUNIT_ASSERT_EQUAL_MESSAGE(query + ": " + r.describe(), 200, r.status);
		CPPUNIT_ASSERT_MESSAGE(r.body, isNull(r.json(), "next_cursor"));
		return usernames(r);
	};
	CPPUNIT_ASSERT(list("") == Names({"owner", "alice-smith", "bob", "carol"}));
	CPPUNIT_ASSERT(list("?role=member") == Names({"alice-smith", "bob"}));
	const Names admins = list("?role=admin");
	CPPUNIT_ASSERT(admins.count("carol") && !admins.count("alice-smith") && !admins.count("bob"));

	// q: a case-insensitive substring of the username or of the name.
	CPPUNIT_ASSERT(list("?q=smith") == Names({"alice-smith", "bob"}));
	CPPUNIT_ASSERT(list("?q=SMITH") == Names({"alice-smith", "bob"}));
	CPPUNIT_ASSERT(list("?q=lidd") == Names({"alice-smith"}));
	CPPUNIT_ASSERT(list("?q=LIDD") == Names({"alice-smith"}));
	CPPUNIT_ASSERT(list("?q=ro") == Names({"bob", "carol"}));
	CPPUNIT_ASSERT(list("?q=smith&role=member") == Names({"alice-smith", "bob"}));
	CPPUNIT_ASSERT(list("?q=jones&role=member").empty());
	CPPUNIT_ASSERT(list("?q=Carol%20J") == Names({"carol"}));
	// Wildcards are taken literally.
	CPPUNIT_ASSERT(list("?q=%25").empty());
	CPPUNIT_ASSERT(list("?q=_").empty());
}


void HttpApiTest::testMemberReadsOwnAndOtherMemberships()
{
	User owner = signUp("owner");
	User bob = signUp("bob");
	signUp("carol");
	signUp("eve");
	createOrganization(owner, "acme");
	addMember(owner, "acme", "bob");
	addMember(owner, "acme", "carol", "admin");

	Response r = client().get(API + "/orgs/acme/members/bob", "", bob.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(bob.id, number(r.json(), "account_id"));
	CPPUNIT_ASSERT_EQUAL(std::string("member"), text(r.json(), "role"));
	CPPUNIT_ASSERT(!flag(r.json(), "owner"));

	// members.read: the others too, by username or by id.
	ASSERT_STATUS(r = client().get(API + "/orgs/acme/members/carol", "", bob.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::string("admin"), text(r.json(), "role"));
	ASSERT_STATUS(r = client().get(API + "/orgs/acme/members/" + std::to_string(owner.id), "", bob.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::string("owner"), text(r.json(), "username"));
	CPPUNIT_ASSERT(flag(r.json(), "owner"));
	ASSERT_STATUS(r = client().get(API + "/orgs/acme/members", "", bob.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(3), items(r)->size());

	// An account that is not a member, and one that does not exist.
	ASSERT_PROBLEM(client().get(API + "/orgs/acme/members/eve", "", bob.token), 404, "membership_not_found");
	ASSERT_PROBLEM(client().get(API + "/orgs/acme/members/ghost", "", bob.token), 404, "account_not_found");
}


void HttpApiTest::testChangeRole()
{
	User owner = signUp("owner");
	User bob = signUp("bob");
	User carol = signUp("carol");
	createOrganization(owner, "acme");
	addMember(owner, "acme", "bob");
	addMember(owner, "acme", "carol", "admin");

	ASSERT_PROBLEM(client().patch(API + "/orgs/acme/members/carol", json({{"role", "member"}}), bob.token), 403,
	               "permission_denied");
	ASSERT_PROBLEM(client().patch(API + "/orgs/acme/members/bob", json({{"role", "admin"}}), bob.token), 403,
	               "permission_denied");
	ASSERT_PROBLEM(client().patch(API + "/orgs/acme/members/bob", json({{"role", "emperor"}}), owner.token), 400,
	               "unknown_role");
	ASSERT_PROBLEM(client().patch(API + "/orgs/acme/members/bob", "{}", owner.token), 400, "missing_field");

	Response r = client().patch(API + "/orgs/acme/members/bob", json({{"role", "admin"}}), carol.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(std::string("admin"), text(r.json(), "role"));
	CPPUNIT_ASSERT_EQUAL(bob.id, number(r.json(), "account_id"));
	// Now bob holds members.update.
	ASSERT_STATUS(r = client().patch(API + "/orgs/acme/members/carol", json({{"role", "member"}}), bob.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::string("member"), text(r.json(), "role"));
	ASSERT_STATUS(r = client().get(API + "/orgs/acme/members/carol", "", owner.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::string("member"), text(r.json(), "role"));
	ASSERT_STATUS(r = client().get(API + "/orgs/acme", "", carol.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::string("member"), text(child(r.json(), "membership"), "role"));
	// And carol lost it at once.
	ASSERT_PROBLEM(client().patch(API + "/orgs/acme/members/bob", json({{"role", "member"}}), carol.token), 403,
	               "permission_denied");
}


void HttpApiTest::testOwnerMembershipIsImmutable()
{
	User owner = signUp("owner");
	User admin = signUp("admin");
	createOrganization(owner, "acme");
	addMember(owner, "acme", "admin", "admin");

	ASSERT_PROBLEM(client().patch(API + "/orgs/acme/members/owner", json({{"role", "member"}}), admin.token), 409,
	               "owner_immutable");
	ASSERT_PROBLEM(client().patch(API + "/orgs/acme/members/owner", json({{"role", "member"}}), owner.token), 409,
	               "owner_immutable");
	ASSERT_PROBLEM(client().del(API + "/orgs/acme/members/owner", "", admin.token), 409, "owner_immutable");
	ASSERT_PROBLEM(client().del(API + "/orgs/acme/members/owner", "", owner.token), 409, "owner_immutable");
	ASSERT_PROBLEM(client().post(API + "/orgs/acme/leave", "", owner.token), 409, "transfer_ownership_first");

	Response r = client().get(API + "/orgs/acme", "", owner.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(owner.id, number(r.json(), "owner_account_id"));
	CPPUNIT_ASSERT(flag(child(r.json(), "membership"), "owner"));
	ASSERT_STATUS(r = client().get(API + "/orgs/acme/members/owner", "", admin.token), 200);
	CPPUNIT_ASSERT(flag(r.json(), "owner"));
}


void HttpApiTest::testMemberLeaves()
{
	User owner = signUp("owner");
	User bob = signUp("bob");
	User carol = signUp("carol");
	createOrganization(owner, "acme");
	addMember(owner, "acme", "bob");
	addMember(owner, "acme", "carol", "admin");

	ASSERT_STATUS(client().post(API + "/orgs/acme/leave", "", bob.token), 204);
	ASSERT_PROBLEM(client().get(API + "/orgs/acme", "", bob.token), 404, "organization_not_found");
	ASSERT_PROBLEM(client().get(API + "/orgs/acme/members", "", bob.token), 404, "organization_not_found");
	ASSERT_PROBLEM(client().post(API + "/orgs/acme/leave", "", bob.token), 404, "organization_not_found");
	ASSERT_PROBLEM(client().get(API + "/orgs/acme/members/bob", "", owner.token), 404, "membership_not_found");
	Response r = client().get(API + "/me", "", bob.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(0), r.json()->getArray("organizations")->size());

	// An admin leaves the same way (with an empty JSON object as the body).
	ASSERT_STATUS(client().post(API + "/orgs/acme/leave", "{}", carol.token), 204);
	ASSERT_PROBLEM(client().get(API + "/orgs/acme", "", carol.token), 404, "organization_not_found");
	ASSERT_STATUS(r = client().get(API + "/orgs/acme/members", "", owner.token), 200);
	CPPUNIT_ASSERT(usernames(r) == std::set<std::string>({"owner"}));
}


void HttpApiTest::testTransferOwnershipNeedsAMember()
{
	User owner = signUp("owner");
	signUp("eve");
	createOrganization(owner, "acme");
	ASSERT_PROBLEM(client().post(API + "/orgs/acme/transfer-ownership", json({{"account", "eve"}}), owner.token), 409,
	               "not_a_member");
	ASSERT_PROBLEM(client().post(API + "/orgs/acme/transfer-ownership", "{}", owner.token), 400, "missing_field");
	Response r = client().get(API + "/orgs/acme", "", owner.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(owner.id, number(r.json(), "owner_account_id"));
}


void HttpApiTest::testTransferOwnership()
{
	User owner = signUp("owner");
	User bob = signUp("bob");
	createOrganization(owner, "acme");
	addMember(owner, "acme", "bob");

	Response r = client().post(API + "/orgs/acme/transfer-ownership", json({{"account", "bob"}}), owner.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(bob.id, number(r.json(), "owner_account_id"));

	// The new owner.
	ASSERT_STATUS(r = client().get(API + "/orgs/acme", "", bob.token), 200);
	CPPUNIT_ASSERT_EQUAL(bob.id, number(r.json(), "owner_account_id"));
	CPPUNIT_ASSERT(flag(child(r.json(), "membership"), "owner"));
	ASSERT_STATUS(r = client().get(API + "/orgs/acme/members/bob", "", bob.token), 200);
	CPPUNIT_ASSERT(flag(r.json(), "owner"));

	// The former owner keeps a membership with orgs.roles.organization.formerOwner (admin).
	ASSERT_STATUS(r = client().get(API + "/orgs/acme/members/owner", "", bob.token), 200);
	CPPUNIT_ASSERT(!flag(r.json(), "owner"));
	CPPUNIT_ASSERT_EQUAL(std::string("admin"), text(r.json(), "role"));
	ASSERT_STATUS(r = client().get(API + "/orgs/acme", "", owner.token), 200);
	CPPUNIT_ASSERT(!flag(child(r.json(), "membership"), "owner"));
	CPPUNIT_ASSERT_EQUAL(std::string("admin"), text(child(r.json(), "membership"), "role"));

	// ... and lost what only the owner may do.
	ASSERT_PROBLEM(client().del(API + "/orgs/acme", "", owner.token), 403, "owner_only");
	ASSERT_PROBLEM(client().post(API + "/orgs/acme/transfer-ownership", json({{"account", "owner"}}), owner.token), 403,
	               "owner_only");
	ASSERT_STATUS(client().post(API + "/orgs/acme/leave", "", owner.token), 204);
	ASSERT_PROBLEM(client().post(API + "/orgs/acme/leave", "", bob.token), 409, "transfer_ownership_first");
	ASSERT_STATUS(client().del(API + "/orgs/acme", "", bob.token), 204);
}


void HttpApiTest::testAdminCannotTransferOwnership()
{
	User owner = signUp("owner");
	User admin = signUp("admin");
	User bob = signUp("bob");
	createOrganization(owner, "acme");
	addMember(owner, "acme", "admin", "admin");
	addMember(owner, "acme", "bob");

	ASSERT_PROBLEM(client().post(API + "/orgs/acme/transfer-ownership", json({{"account", "admin"}}), admin.token), 403,
	               "owner_only");
	ASSERT_PROBLEM(client().post(API + "/orgs/acme/transfer-ownership", json({{"account", "bob"}}), admin.token), 403,
	               "owner_only");
	ASSERT_PROBLEM(client().post(API + "/orgs/acme/transfer-ownership", json({{"account", "bob"}}), bob.token), 403,
	               "owner_only");
	Response r = client().get(API + "/orgs/acme", "", admin.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(owner.id, number(r.json(), "owner_account_id"));
}


//
// Workspaces and resources
//


void HttpApiTest::testWorkspaceLifecycle()
{
	User owner = signUp("owner");
	User bob = signUp("bob", "Bob Builder");
	const Poco::Int64 org = createOrganization(owner, "acme");
	addMember(owner, "acme", "bob");

	// Create: 201, the workspace, and a Location that reads it back.
	Response r = client().post(API + "/orgs/acme/workspaces", json({{"name", "Research"}}), owner.token);
	ASSERT_STATUS(r, 201);
	Poco::JSON::Object::Ptr w = r.json();
	const Poco::Int64 id = number(w, "id");
	CPPUNIT_ASSERT_EQUAL(org, number(w, "organization_id"));
	CPPUNIT_ASSERT_EQUAL(std::string("Research"), text(w, "name"));
	CPPUNIT_ASSERT_EQUAL(owner.id, number(w, "created_by"));
	CPPUNIT_ASSERT(Poco::endsWith(text(w, "created_at"), std::string("Z")));
	CPPUNIT_ASSERT_EQUAL(text(w, "created_at"), text(w, "updated_at"));
	const std::string location = r.header("Location");
	CPPUNIT_ASSERT_EQUAL(API + "/orgs/acme/workspaces/" + std::to_string(id), location);
	ASSERT_STATUS(r = client().get(location, "", owner.token), 200);
	CPPUNIT_ASSERT_EQUAL(id, number(r.json(), "id"));
	ASSERT_PROBLEM(client().post(API + "/orgs/acme/workspaces", json({{"name", "Research"}}), owner.token), 409,
	               "workspace_exists");
	ASSERT_PROBLEM(client().post(API + "/orgs/acme/workspaces", json({{"name", ""}}), owner.token), 400,
	               "invalid_name");
	ASSERT_PROBLEM(client().post(API + "/orgs/acme/workspaces", json({{"title", "x"}}), owner.token), 400,
	               "missing_field");

	// Members: the creator is its admin; bob joins with a role, changes it, leaves.
	const std::string members = location + "/members";
	ASSERT_STATUS(r = client().get(members, "", owner.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), items(r)->size());
	CPPUNIT_ASSERT_EQUAL(std::string("admin"), text(items(r)->getObject(0), "role"));
	CPPUNIT_ASSERT_MESSAGE(r.body, isNull(r.json(), "next_cursor"));
	ASSERT_STATUS(r = client().put(members + "/bob", json({{"role", "viewer"}}), owner.token), 200);
	Poco::JSON::Object::Ptr m = r.json();
	CPPUNIT_ASSERT_EQUAL(id, number(m, "workspace_id"));
	CPPUNIT_ASSERT_EQUAL(bob.id, number(m, "account_id"));
	CPPUNIT_ASSERT_EQUAL(std::string("bob"), text(m, "username"));
	CPPUNIT_ASSERT_EQUAL(std::string("Bob Builder"), text(m, "name"));
	CPPUNIT_ASSERT_EQUAL(std::string("viewer"), text(m, "role"));
	CPPUNIT_ASSERT(m->has("created_at"));
	ASSERT_STATUS(r = client().put(members + "/" + std::to_string(bob.id), json({{"role", "editor"}}), owner.token),
	              200);
	CPPUNIT_ASSERT_EQUAL(std::string("editor"), text(r.json(), "role"));
	ASSERT_PROBLEM(client().put(members + "/bob", json({{"role", "emperor"}}), owner.token), 400, "unknown_role");
	ASSERT_PROBLEM(client().put(members + "/bob", "", owner.token), 400, "missing_body");

	// bob now sees it, lists it, but may not rename it.
	ASSERT_STATUS(r = client().get(API + "/orgs/acme/workspaces", "", bob.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), items(r)->size());
	ASSERT_STATUS(client().get(location, "", bob.token), 200);
	ASSERT_PROBLEM(client().patch(location, json({{"name", "Mine"}}), bob.token), 403, "permission_denied");

	// Rename.
	ASSERT_STATUS(r = client().patch(location, json({{"name", "Renamed"}}), owner.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::string("Renamed"), text(r.json(), "name"));
	ASSERT_PROBLEM(client().patch(location, json({{"region", "eu"}}), owner.token), 400, "unknown_field");
	ASSERT_PROBLEM(client().patch(location, "{}", owner.token), 400, "missing_field");

	// bob leaves the workspace: it disappears for him.
	ASSERT_STATUS(client().del(members + "/bob", "", owner.token), 204);
	ASSERT_PROBLEM(client().del(members + "/bob", "", owner.token), 404, "workspace_member_not_found");
	ASSERT_PROBLEM(client().get(location, "", bob.token), 404, "workspace_not_found");
	ASSERT_STATUS(r = client().get(API + "/orgs/acme/workspaces", "", bob.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(0), items(r)->size());

	// Delete.
	ASSERT_STATUS(client().del(location, "", owner.token), 204);
	ASSERT_PROBLEM(client().get(location, "", owner.token), 404, "workspace_not_found");
}


void HttpApiTest::testWorkspaceVisibilityAndErrors()
{
	User owner = signUp("owner");
	User bob = signUp("bob");
	User nina = signUp("nina");
	signUp("olga");
	createOrganization(owner, "acme");
	addMember(owner, "acme", "bob");
	Response r = client().post(API + "/orgs/acme/workspaces", json({{"name", "Research"}}), owner.token);
	ASSERT_STATUS(r, 201);
	const std::string ws = API + "/orgs/acme/workspaces/" + std::to_string(number(r.json(), "id"));

	// A member outside the workspace: 404 (shipped roles: no workspaces.list_all).
	ASSERT_PROBLEM(client().get(ws, "", bob.token), 404, "workspace_not_found");
	ASSERT_PROBLEM(client().get(ws + "/members", "", bob.token), 404, "workspace_not_found");
	ASSERT_PROBLEM(client().del(ws, "", bob.token), 404, "workspace_not_found");
	ASSERT_STATUS(r = client().get(API + "/orgs/acme/workspaces", "", bob.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(0), items(r)->size());
	// A non-member: the organization does not exist.
	ASSERT_PROBLEM(client().get(ws, "", nina.token), 404, "organization_not_found");
	ASSERT_PROBLEM(client().get(API + "/orgs/acme/workspaces", "", nina.token), 404, "organization_not_found");
	ASSERT_PROBLEM(client().put(ws + "/members/bob", json({{"role", "viewer"}}), nina.token), 404,
	               "organization_not_found");
	// A member without workspaces.create.
	ASSERT_PROBLEM(client().post(API + "/orgs/acme/workspaces", json({{"name", "Mine"}}), bob.token), 403,
	               "permission_denied");
	// Only organization members join; a {ws} that is no id names no workspace.
	ASSERT_PROBLEM(client().put(ws + "/members/olga", json({{"role", "viewer"}}), owner.token), 409, "not_a_member");
	ASSERT_PROBLEM(client().put(ws + "/members/nobody", json({{"role", "viewer"}}), owner.token), 404,
	               "account_not_found");
	ASSERT_PROBLEM(client().get(API + "/orgs/acme/workspaces/research", "", owner.token), 404, "workspace_not_found");
	ASSERT_PROBLEM(client().get(API + "/orgs/acme/workspaces/research", "", nina.token), 404, "organization_not_found");
	ASSERT_PROBLEM(client().get(API + "/orgs/acme/workspaces?limit=0", "", owner.token), 400, "invalid_limit");
	ASSERT_PROBLEM(client().get(API + "/orgs/acme/workspaces?cursor=nope", "", owner.token), 400, "invalid_cursor");

	// Removed from the organization, bob loses his workspace membership in the same transaction.
	ASSERT_STATUS(client().put(ws + "/members/bob", json({{"role", "viewer"}}), owner.token), 200);
	ASSERT_STATUS(client().get(ws, "", bob.token), 200);
	ASSERT_STATUS(client().del(API + "/orgs/acme/members/bob", "", owner.token), 204);
	ASSERT_STATUS(r = client().get(ws + "/members", "", owner.token), 200);
	CPPUNIT_ASSERT(usernames(r) == std::set<std::string>{"owner"});
}


void HttpApiTest::testResourceAndCollaboratorLifecycle()
{
	User owner = signUp("owner");
	User bob = signUp("bob", "Bob Builder");
	User carl = signUp("carl");
	const Poco::Int64 org = createOrganization(owner, "acme");
	addMember(owner, "acme", "bob");
	ASSERT_STATUS(client().post(API + "/orgs/acme/members",
	                            "{\"username\":\"carl\",\"default_roles\":{\"dataset\":\"none\"}}", owner.token),
	              201);

	// Register: 201, the resource, a Location; members become collaborators by default role.
	Response r =
	    client().post(API + "/orgs/acme/resources", json({{"type", "dataset"}, {"name", "cells"}}), owner.token);
	ASSERT_STATUS(r, 201);
	Poco::JSON::Object::Ptr res = r.json();
	const Poco::Int64 id = number(res, "id");
	CPPUNIT_ASSERT_EQUAL(org, number(res, "organization_id"));
	CPPUNIT_ASSERT_MESSAGE(r.body, isNull(res, "workspace_id"));
	CPPUNIT_ASSERT_EQUAL(std::string("dataset"), text(res, "type"));
	CPPUNIT_ASSERT_EQUAL(std::string("cells"), text(res, "name"));
	CPPUNIT_ASSERT_EQUAL(owner.id, number(res, "created_by"));
	CPPUNIT_ASSERT(res->has("created_at"));
	const std::string location = r.header("Location");
	CPPUNIT_ASSERT_EQUAL(API + "/orgs/acme/resources/" + std::to_string(id), location);
	ASSERT_STATUS(r = client().get(location, "", bob.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::string("cells"), text(r.json(), "name"));

	const std::string collaborators = location + "/collaborators";
	ASSERT_STATUS(r = client().get(collaborators, "", bob.token), 200);
	CPPUNIT_ASSERT(usernames(r) == (std::set<std::string>{"owner", "bob"}));
	Poco::JSON::Array::Ptr list = items(r);
	for (std::size_t i = 0; i < list->size(); ++i)
	{
		Poco::JSON::Object::Ptr c = list->getObject(static_cast<unsigned>(i));
		CPPUNIT_ASSERT_EQUAL(id, number(c, "resource_id"));
		CPPUNIT_ASSERT(c->has("account_id") && c->has("name") && c->has("created_at"));
		CPPUNIT_ASSERT_EQUAL(std::string(text(c, "username") == "owner" ? "admin" : "labeler"), text(c, "role"));
	}

	// carl (default none) does not see it until he is made a collaborator.
	ASSERT_PROBLEM(client().get(location, "", carl.token), 404, "resource_not_found");
	ASSERT_STATUS(r = client().put(collaborators + "/carl", json({{"role", "reviewer"}}), owner.token), 200);
	CPPUNIT_ASSERT_EQUAL(carl.id, number(r.json(), "account_id"));
	CPPUNIT_ASSERT_EQUAL(std::string("reviewer"), text(r.json(), "role"));
	ASSERT_STATUS(client().get(location, "", carl.token), 200);
	// "none" removes him again (204, like DELETE).
	ASSERT_STATUS(client().put(collaborators + "/carl", json({{"role", "none"}}), owner.token), 204);
	ASSERT_PROBLEM(client().get(location, "", carl.token), 404, "resource_not_found");
	ASSERT_PROBLEM(client().put(collaborators + "/carl", json({{"role", "editor"}}), owner.token), 400, "unknown_role");

	// A labeler reads but does not manage or delete.
	ASSERT_PROBLEM(client().put(collaborators + "/carl", json({{"role", "labeler"}}), bob.token), 403,
	               "permission_denied");
	ASSERT_PROBLEM(client().del(collaborators + "/owner", "", bob.token), 403, "permission_denied");
	ASSERT_PROBLEM(client().del(location, "", bob.token), 403, "permission_denied");

	ASSERT_STATUS(client().del(collaborators + "/bob", "", owner.token), 204);
	ASSERT_PROBLEM(client().del(collaborators + "/bob", "", owner.token), 404, "collaborator_not_found");
	ASSERT_PROBLEM(client().get(location, "", bob.token), 404, "resource_not_found");

	ASSERT_STATUS(client().del(location, "", owner.token), 204);
	ASSERT_PROBLEM(client().get(location, "", owner.token), 404, "resource_not_found");
}


void HttpApiTest::testResourceVisibilityAndFilters()
{
	User owner = signUp("owner");
	User bob = signUp("bob");
	User nina = signUp("nina");
	createOrganization(owner, "acme");
	addMember(owner, "acme", "bob");
	Response r = client().post(API + "/orgs/acme/workspaces", json({{"name", "Lab"}}), owner.token);
	ASSERT_STATUS(r, 201);
	const std::string ws = std::to_string(number(r.json(), "id"));
	ASSERT_STATUS(
	    client().put(API + "/orgs/acme/workspaces/" + ws + "/members/bob", json({{"role", "editor"}}), owner.token),
	    200);

	// A member creates nothing in the organization, but does in its workspace (workspace as a
	// number or a string of digits).
	ASSERT_PROBLEM(client().post(API + "/orgs/acme/resources", json({{"type", "dataset"}, {"name", "x"}}), bob.token),
	               403, "permission_denied");
	ASSERT_STATUS(r = client().post(API + "/orgs/acme/resources",
	                                "{\"type\":\"dataset\",\"name\":\"in lab\",\"workspace\":" + ws + "}", bob.token),
	              201);
	const Poco::Int64 inLab = number(r.json(), "id");
	CPPUNIT_ASSERT_EQUAL(static_cast<Poco::Int64>(std::stoll(ws)), number(r.json(), "workspace_id"));
	ASSERT_STATUS(client().post(API + "/orgs/acme/resources",
	                            json({{"type", "dataset"}, {"name", "also in lab"}, {"workspace", ws}}), bob.token),
	              201);
	ASSERT_STATUS(
	    client().post(API + "/orgs/acme/resources", json({{"type", "dataset"}, {"name", "outside"}}), owner.token),
	    201);

	ASSERT_PROBLEM(client().post(API + "/orgs/acme/resources", json({{"type", "project"}, {"name", "x"}}), owner.token),
	               400, "unknown_resource_type");
	ASSERT_PROBLEM(client().post(API + "/orgs/acme/resources",
	                             json({{"type", "dataset"}, {"name", "x"}, {"workspace", "lab"}}), owner.token),
	               400, "invalid_type");
	ASSERT_PROBLEM(client().post(API + "/orgs/acme/resources",
	                             "{\"type\":\"dataset\",\"name\":\"x\",\"workspace\":987654}", owner.token),
	               404, "workspace_not_found");
	// JSON true is not the id 1 (Poco counts a bool as an integer).
	ASSERT_PROBLEM(client().post(API + "/orgs/acme/resources",
	                             "{\"type\":\"dataset\",\"name\":\"x\",\"workspace\":true}", owner.token),
	               400, "invalid_type");

	// Lists: every resource for the owner; filters by type and workspace.
	ASSERT_STATUS(r = client().get(API + "/orgs/acme/resources", "", owner.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(3), items(r)->size());
	ASSERT_STATUS(r = client().get(API + "/orgs/acme/resources?workspace=" + ws, "", owner.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), items(r)->size());
	ASSERT_STATUS(r = client().get(API + "/orgs/acme/resources?type=dataset&limit=1", "", owner.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), items(r)->size());
	CPPUNIT_ASSERT_EQUAL(inLab, number(items(r)->getObject(0), "id"));
	ASSERT_STATUS(
	    r = client().get(API + "/orgs/acme/resources?type=dataset&limit=1&cursor=" + text(r.json(), "next_cursor"), "",
	                     owner.token),
	    200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), items(r)->size());
	ASSERT_PROBLEM(client().get(API + "/orgs/acme/resources?type=project", "", owner.token), 400,
	               "unknown_resource_type");
	ASSERT_PROBLEM(client().get(API + "/orgs/acme/resources?workspace=lab", "", owner.token), 400, "invalid_workspace");

	// bob lists what he may read: both workspace resources, and "outside" as a labeler.
	ASSERT_STATUS(r = client().get(API + "/orgs/acme/resources", "", bob.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(3), items(r)->size());
	// Out of the workspace and of "outside", he keeps what he created (he is their admin).
	ASSERT_STATUS(client().del(API + "/orgs/acme/workspaces/" + ws + "/members/bob", "", owner.token), 204);
	ASSERT_STATUS(r = client().get(API + "/orgs/acme/resources?workspace=", "", owner.token), 200);
	const Poco::Int64 outside = number(items(r)->getObject(2), "id");
	ASSERT_STATUS(
	    client().del(API + "/orgs/acme/resources/" + std::to_string(outside) + "/collaborators/bob", "", owner.token),
	    204);
	ASSERT_STATUS(r = client().get(API + "/orgs/acme/resources", "", bob.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), items(r)->size());
	ASSERT_PROBLEM(client().get(API + "/orgs/acme/resources/" + std::to_string(outside), "", bob.token), 404,
	               "resource_not_found");

	// A non-member: the organization does not exist; a resource id that is no id: 404.
	ASSERT_PROBLEM(client().get(API + "/orgs/acme/resources", "", nina.token), 404, "organization_not_found");
	ASSERT_PROBLEM(client().get(API + "/orgs/acme/resources/" + std::to_string(inLab), "", nina.token), 404,
	               "organization_not_found");
	ASSERT_PROBLEM(client().get(API + "/orgs/acme/resources/cells", "", owner.token), 404, "resource_not_found");
}


//
// Bodies
//


void HttpApiTest::testMalformedJsonIs400()
{
	User ada = signUp("ada");
	ASSERT_PROBLEM(client().post(API + "/orgs", "{\"username\": \"acme\",", ada.token), 400, "malformed_json");
	ASSERT_PROBLEM(client().post(API + "/orgs", "{username: acme}", ada.token), 400, "malformed_json");
	ASSERT_PROBLEM(client().patch(API + "/orgs/x", "}", ada.token), 400, "malformed_json");
	ASSERT_PROBLEM(client().post(API + "/accounts", "nope"), 400, "malformed_json");
	ASSERT_STATUS(client().get(API + "/health"), 200);
}


void HttpApiTest::testJsonArrayBodyIs400()
{
	User ada = signUp("ada");
	ASSERT_PROBLEM(client().post(API + "/orgs", "[{\"username\":\"acme\",\"title\":\"Acme\"}]", ada.token), 400,
	               "invalid_body");
	ASSERT_PROBLEM(client().post(API + "/orgs", "[]", ada.token), 400, "invalid_body");
	ASSERT_PROBLEM(client().post(API + "/accounts", "[\"ada\"]"), 400, "invalid_body");
}


void HttpApiTest::testJsonScalarBodyIs400()
{
	// Valid JSON texts (RFC 8259), but not objects: the body is wrong, not malformed.
	User ada = signUp("ada");
	ASSERT_PROBLEM(client().post(API + "/orgs", "\"acme\"", ada.token), 400, "invalid_body");
	ASSERT_PROBLEM(client().post(API + "/orgs", "42", ada.token), 400, "invalid_body");
	ASSERT_PROBLEM(client().post(API + "/orgs", "null", ada.token), 400, "invalid_body");
	ASSERT_PROBLEM(client().post(API + "/orgs", "true", ada.token), 400, "invalid_body");
}


void HttpApiTest::testWrongFieldTypeIs400()
{
	User ada = signUp("ada");
	ASSERT_PROBLEM(client().post(API + "/orgs", "{\"username\":\"acme\",\"title\":5}", ada.token), 400, "invalid_type");
	ASSERT_PROBLEM(client().post(API + "/orgs", "{\"username\":[\"acme\"],\"title\":\"T\"}", ada.token), 400,
	               "invalid_type");
	ASSERT_PROBLEM(client().post(API + "/orgs", "{\"username\":\"acme\",\"title\":null}", ada.token), 400,
	               "invalid_type");
	ASSERT_PROBLEM(client().post(API + "/orgs", "{\"username\":\"acme\",\"title\":\"T\",\"region\":true}", ada.token),
	               400, "invalid_type");
	ASSERT_PROBLEM(client().get(API + "/orgs/acme", "", ada.token), 404, "organization_not_found");
}


void HttpApiTest::testUnknownFieldIs400()
{
	User ada = signUp("ada");
	ASSERT_PROBLEM(
	    client().post(API + "/orgs", json({{"username", "acme"}, {"title", "T"}, {"colour", "red"}}), ada.token), 400,
	    "unknown_field");
	createOrganization(ada, "acme");
	ASSERT_PROBLEM(client().patch(API + "/orgs/acme", json({{"owner", "bob"}}), ada.token), 400, "unknown_field");
	ASSERT_PROBLEM(client().post(API + "/orgs/acme/leave", json({{"why", "bored"}}), ada.token), 400, "unknown_field");
}


void HttpApiTest::testMissingFieldIs400()
{
	User ada = signUp("ada");
	ASSERT_PROBLEM(client().post(API + "/orgs", json({{"title", "T"}}), ada.token), 400, "missing_field");
	ASSERT_PROBLEM(client().post(API + "/orgs", json({{"username", "acme"}}), ada.token), 400, "missing_field");
	ASSERT_PROBLEM(client().post(API + "/orgs", "{}", ada.token), 400, "missing_field");
}


void HttpApiTest::testEmptyBodyIs400()
{
	User ada = signUp("ada");
	ASSERT_PROBLEM(client().post(API + "/orgs", "", ada.token), 400, "missing_body");
	ASSERT_PROBLEM(client().post(API + "/orgs", "  \r\n ", ada.token), 400, "missing_body");
	ASSERT_PROBLEM(client().post(API + "/accounts", ""), 400, "missing_body");
}


void HttpApiTest::testNonJsonContentTypeIs415()
{
	User ada = signUp("ada");
	const std::string body = json({{"username", "acme"}, {"title", "Acme"}});
	for (const char* type : {"text/plain", "application/xml", "application/x-www-form-urlencoded"})
	{
		Response r = client().request("POST", API + "/orgs", body,
		                              {{"Content-Type", type}, {"Authorization", "Bearer " + ada.token}});
		checkProblem(r, 415, "unsupported_media_type", CppUnit::SourceLine(__FILE__, __LINE__));
	}
	ASSERT_PROBLEM(client().get(API + "/orgs/acme", "", ada.token), 404, "organization_not_found");

	// JSON with parameters, and a +json type, are JSON.
	Response r = client().request(
	    "POST", API + "/orgs", body,
	    {{"Content-Type", "application/json; charset=utf-8"}, {"Authorization", "Bearer " + ada.token}});
	ASSERT_STATUS(r, 201);
	r = client().request("PATCH", API + "/orgs/acme", json({{"title", "Acme Two"}}),
	                     {{"Content-Type", "application/merge-patch+json"}, {"Authorization", "Bearer " + ada.token}});
	ASSERT_STATUS(r, 200);
}


void HttpApiTest::testOversizedBodyIs413()
{
	User ada = signUp("ada");
	// One byte over the limit, sent with a Content-Length.
	const std::string head = "{\"username\":\"big\",\"title\":\"";
	const std::string tail = "\"}";
	const std::string over = head + std::string(MAX_BODY_BYTES + 1 - head.size() - tail.size(), 'x') + tail;
	CPPUNIT_ASSERT_EQUAL(MAX_BODY_BYTES + 1, over.size());
	ASSERT_PROBLEM(client().post(API + "/orgs", over, ada.token), 413, "payload_too_large");
	// A much larger one.
	ASSERT_PROBLEM(client().post(API + "/orgs", head + std::string(4 * MAX_BODY_BYTES, 'x') + tail, ada.token), 413,
	               "payload_too_large");
	// The server still answers.
	ASSERT_STATUS(client().get(API + "/health"), 200);

	// Exactly at the limit: read and judged on its content (the title is too long).
	const std::string at = head + std::string(MAX_BODY_BYTES - head.size() - tail.size(), 'x') + tail;
	CPPUNIT_ASSERT_EQUAL(MAX_BODY_BYTES, at.size());
	ASSERT_PROBLEM(client().post(API + "/orgs", at, ada.token), 400, "invalid_title");
	ASSERT_PROBLEM(client().get(API + "/orgs/big", "", ada.token), 404, "organization_not_found");
}


void HttpApiTest::testOversizedChunkedBodyIs413()
{
	User ada = signUp("ada");
	const std::string head = "{\"username\":\"big\",\"title\":\"";
	const std::string tail = "\"}";
	const HttpClient::Headers headers = {{"Content-Type", "application/json"},
	                                     {"Authorization", "Bearer " + ada.token},
	                                     {"Transfer-Encoding", "chunked"}};
	Response r = client().request(
	    "POST", API + "/orgs", head + std::string(MAX_BODY_BYTES + 1 - head.size() - tail.size(), 'x') + tail, headers);
	ASSERT_PROBLEM(r, 413, "payload_too_large");
	r = client().request("POST", API + "/orgs", head + std::string(3 * MAX_BODY_BYTES, 'x') + tail, headers);
	ASSERT_PROBLEM(r, 413, "payload_too_large");
	ASSERT_STATUS(client().get(API + "/health"), 200);

	// A small chunked body is read as usual.
	r = client().request("POST", API + "/orgs", json({{"username", "small"}, {"title", "Small"}}), headers);
	ASSERT_STATUS(r, 201);
	ASSERT_PROBLEM(client().get(API + "/orgs/big", "", ada.token), 404, "organization_not_found");
}


//
// Pagination
//


void HttpApiTest::testLimitOutOfRangeIs400()
{
	User ada = signUp("ada");
	createOrganization(ada, "acme");
	for (const std::string& path : {API + "/orgs", API + "/orgs/acme/members"})
	{
		for (const char* limit : {"0", "101", "abc", "-1", "10x", "1e1"})
		{
			Response r = client().get(path + "?limit=" + limit, "", ada.token);
			CPPUNIT_ASSERT_EQUAL_MESSAGE(path + "?limit=" + limit + ": " + r.describe(), 400, r.status);
			checkProblem(r, 400, "invalid_limit", CppUnit::SourceLine(__FILE__, __LINE__));
		}
		for (const char* limit : {"1", "100", "50"})
		{
			Response r = client().get(path + "?limit=" + limit, "", ada.token);
			CPPUNIT_ASSERT_EQUAL_MESSAGE(path + "?limit=" + limit + ": " + r.describe(), 200, r.status);
		}
	}
}


void HttpApiTest::testForeignCursorIs400()
{
	User ada = signUp("ada");
	createOrganization(ada, "acme");
	for (const std::string& path : {API + "/orgs", API + "/orgs/acme/members"})
	{
		// Not base64, base64 of something else, a negative key, a number.
		for (const char* cursor : {"garbage!", "aGVsbG8", "azE6LTE", "12"})
		{
			Response r = client().get(path + "?cursor=" + cursor, "", ada.token);
			CPPUNIT_ASSERT_EQUAL_MESSAGE(path + "?cursor=" + cursor + ": " + r.describe(), 400, r.status);
			checkProblem(r, 400, "invalid_cursor", CppUnit::SourceLine(__FILE__, __LINE__));
		}
		// A control character is no query value at all.
		checkProblem(client().get(path + "?cursor=%00", "", ada.token), 400, "invalid_encoding",
		             CppUnit::SourceLine(__FILE__, __LINE__));
	}
}


void HttpApiTest::testLastPageHasNoCursor()
{
	User owner = signUp("owner");
	createOrganization(owner, "acme");
	for (int i = 0; i < 9; ++i)
		addMember(owner, "acme", signUp("m" + std::to_string(i)).username);

	// Ten members: two full pages of five, and no empty third page.
	Response r = client().get(API + "/orgs/acme/members?limit=5", "", owner.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(5), items(r)->size());
	CPPUNIT_ASSERT_MESSAGE(r.body, !isNull(r.json(), "next_cursor"));
	r = client().get(API + "/orgs/acme/members?limit=5&cursor=" + text(r.json(), "next_cursor"), "", owner.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(5), items(r)->size());
	CPPUNIT_ASSERT_MESSAGE(r.body, isNull(r.json(), "next_cursor"));

	// One page of exactly the limit; the default limit holds them all.
	ASSERT_STATUS(r = client().get(API + "/orgs/acme/members?limit=10", "", owner.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(10), items(r)->size());
	CPPUNIT_ASSERT_MESSAGE(r.body, isNull(r.json(), "next_cursor"));
	ASSERT_STATUS(r = client().get(API + "/orgs/acme/members", "", owner.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(10), items(r)->size());
	CPPUNIT_ASSERT_MESSAGE(r.body, isNull(r.json(), "next_cursor"));
}


void HttpApiTest::testTokenListTakesLimitAndCursor()
{
	// GET /me/tokens answers {"items":[...],"next_cursor":...} like every list: limit and cursor apply.
	User ada = signUp("ada");
	for (int i = 0; i < 2; ++i)
		ASSERT_STATUS(client().post(API + "/me/tokens", json({{"name", "t" + std::to_string(i)}}), ada.token), 201);
	ASSERT_PROBLEM(client().get(API + "/me/tokens?limit=0", "", ada.token), 400, "invalid_limit");
	ASSERT_PROBLEM(client().get(API + "/me/tokens?limit=101", "", ada.token), 400, "invalid_limit");
	ASSERT_PROBLEM(client().get(API + "/me/tokens?cursor=garbage!", "", ada.token), 400, "invalid_cursor");

	std::set<Poco::Int64> seen;
	Response r = client().get(API + "/me/tokens?limit=2", "", ada.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, std::size_t(2), items(r)->size());
	CPPUNIT_ASSERT_MESSAGE(r.body, !isNull(r.json(), "next_cursor"));
	for (std::size_t i = 0; i < items(r)->size(); ++i)
		seen.insert(number(items(r)->getObject(static_cast<unsigned>(i)), "id"));
	r = client().get(API + "/me/tokens?limit=2&cursor=" + text(r.json(), "next_cursor"), "", ada.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, std::size_t(1), items(r)->size());
	CPPUNIT_ASSERT_MESSAGE(r.body, isNull(r.json(), "next_cursor"));
	seen.insert(number(items(r)->getObject(0), "id"));
	CPPUNIT_ASSERT_EQUAL(std::size_t(3), seen.size());
}


void HttpApiTest::testMemberPagesNeitherSkipNorRepeat()
{
	User owner = signUp("owner");
	createOrganization(owner, "acme");
	std::set<Poco::Int64> atStart = {owner.id};
	std::vector<std::string> late; // signed up among the others: their ids fall between theirs
	for (int i = 0; i < 25; ++i)
	{
		const User u = signUp("early-" + std::to_string(i));
		addMember(owner, "acme", u.username);
		atStart.insert(u.id);
		if (i % 2 == 0)
			late.push_back(signUp("late-" + std::to_string(i)).username);
	}

	std::set<Poco::Int64> seen;
	std::string cursor;
	int pages = 0;
	std::size_t added = 0;
	while (true)
	{
		Response r = client().get(API + "/orgs/acme/members?limit=10" + (cursor.empty() ? "" : "&cursor=" + cursor), "",
		                          owner.token);
		ASSERT_STATUS(r, 200);
		Poco::JSON::Array::Ptr list = items(r);
		CPPUNIT_ASSERT(list->size() <= 10);
		for (std::size_t i = 0; i < list->size(); ++i)
		{
			const Poco::Int64 id = number(list->getObject(static_cast<unsigned>(i)), "account_id");
			CPPUNIT_ASSERT_MESSAGE("account " + std::to_string(id) + " listed twice", seen.insert(id).second);
		}
		++pages;
		CPPUNIT_ASSERT_MESSAGE("too many pages", pages < 20);
		if (isNull(r.json(), "next_cursor"))
			break;
		CPPUNIT_ASSERT_EQUAL_MESSAGE("a page with a next page is full", std::size_t(10), list->size());
		cursor = text(r.json(), "next_cursor");
		// Members join between the pages.
		for (int k = 0; k < 3 && added < late.size(); ++k)
			addMember(owner, "acme", late[added++]);
	}
	for (Poco::Int64 id : atStart)
		CPPUNIT_ASSERT_MESSAGE("account " + std::to_string(id) + " was skipped", seen.count(id) == 1);
	CPPUNIT_ASSERT(pages >= 3);
	CPPUNIT_ASSERT(added > 0);
}


void HttpApiTest::testOrganizationPagesNeitherSkipNorRepeat()
{
	User me = signUp("me");
	User other = signUp("other");
	std::set<Poco::Int64> atStart;
	std::vector<std::string> theirs; // created among mine: their ids fall between mine
	for (int i = 0; i < 25; ++i)
	{
		atStart.insert(createOrganization(me, "mine-" + std::to_string(i)));
		if (i % 2 == 0)
		{
			theirs.push_back("theirs-" + std::to_string(i));
			createOrganization(other, theirs.back());
		}
	}

	std::set<Poco::Int64> seen;
	std::string cursor;
	int pages = 0;
	std::size_t added = 0;
	int created = 0;
	while (true)
	{
		Response r = client().get(API + "/orgs?limit=10" + (cursor.empty() ? "" : "&cursor=" + cursor), "", me.token);
		ASSERT_STATUS(r, 200);
		Poco::JSON::Array::Ptr list = items(r);
		CPPUNIT_ASSERT(list->size() <= 10);
		for (std::size_t i = 0; i < list->size(); ++i)
		{
			Poco::JSON::Object::Ptr o = list->getObject(static_cast<unsigned>(i));
			const Poco::Int64 id = number(o, "id");
			CPPUNIT_ASSERT_MESSAGE("organization " + std::to_string(id) + " listed twice", seen.insert(id).second);
			CPPUNIT_ASSERT(o->has("membership"));
		}
		++pages;
		CPPUNIT_ASSERT_MESSAGE("too many pages", pages < 20);
		if (isNull(r.json(), "next_cursor"))
			break;
		CPPUNIT_ASSERT_EQUAL_MESSAGE("a page with a next page is full", std::size_t(10), list->size());
		cursor = text(r.json(), "next_cursor");
		// Between the pages: I am added to older organizations and create new ones.
		for (int k = 0; k < 3 && added < theirs.size(); ++k)
			addMember(other, theirs[added++], "me");
		createOrganization(me, "new-" + std::to_string(created++));
	}
	for (Poco::Int64 id : atStart)
		CPPUNIT_ASSERT_MESSAGE("organization " + std::to_string(id) + " was skipped", seen.count(id) == 1);
	CPPUNIT_ASSERT(pages >= 3);
	CPPUNIT_ASSERT(created > 0);
}


//
// Audit log
//


void HttpApiTest::testAuditLog()
{
	User owner = signUp("owner");
	User bob = signUp("bob");
	User cy = signUp("cy");
	const Poco::Int64 org = createOrganization(owner, "acme");
	addMember(owner, "acme", "bob");
	addMember(owner, "acme", "cy", "admin");
	ASSERT_STATUS(client().patch(API + "/orgs/acme/members/bob", json({{"role", "admin"}}), cy.token), 200);

	Response r;
	ASSERT_STATUS(r = client().get(API + "/orgs/acme/audit", "", cy.token), 200);
	Poco::JSON::Array::Ptr events = items(r);
	CPPUNIT_ASSERT_EQUAL(std::size_t(4), events->size());
	CPPUNIT_ASSERT(isNull(r.json(), "next_cursor"));
	Poco::JSON::Object::Ptr e = events->getObject(0);
	CPPUNIT_ASSERT_EQUAL(std::string("member.role_changed"), text(e, "action"));
	CPPUNIT_ASSERT_EQUAL(cy.id, number(child(e, "actor"), "id"));
	CPPUNIT_ASSERT_EQUAL(std::string("cy"), text(child(e, "actor"), "username"));
	CPPUNIT_ASSERT_EQUAL(std::string("account"), text(child(e, "target"), "type"));
	CPPUNIT_ASSERT_EQUAL(bob.id, number(child(e, "target"), "id"));
	CPPUNIT_ASSERT_EQUAL(std::string("bob"), text(child(e, "target"), "label"));
	CPPUNIT_ASSERT_EQUAL(std::string("member"), text(child(child(e, "details"), "before"), "role"));
	CPPUNIT_ASSERT_EQUAL(std::string("admin"), text(child(child(e, "details"), "after"), "role"));
	CPPUNIT_ASSERT(Poco::endsWith(text(e, "created_at"), std::string("Z")));
	Poco::JSON::Object::Ptr created = events->getObject(3);
	CPPUNIT_ASSERT_EQUAL(std::string("organization.created"), text(created, "action"));
	CPPUNIT_ASSERT_EQUAL(org, number(child(created, "target"), "id"));
	CPPUNIT_ASSERT(number(e, "id") > number(created, "id"));

	// audit.read: the owner and admins; a member 403, a non-member 404.
	ASSERT_STATUS(client().get(API + "/orgs/" + std::to_string(org) + "/audit", "", owner.token), 200);
	User eve = signUp("eve");
	ASSERT_PROBLEM(client().get(API + "/orgs/acme/audit", "", eve.token), 404, "organization_not_found");
	ASSERT_STATUS(client().patch(API + "/orgs/acme/members/bob", json({{"role", "member"}}), owner.token), 200);
	ASSERT_PROBLEM(client().get(API + "/orgs/acme/audit", "", bob.token), 403, "permission_denied");

	// A removed member's events stay and name the account.
	ASSERT_STATUS(client().del(API + "/orgs/acme/members/cy", "", owner.token), 204);
	ASSERT_STATUS(r = client().get(API + "/orgs/acme/audit?actor=cy", "", owner.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), items(r)->size());
	CPPUNIT_ASSERT_EQUAL(std::string("cy"), text(child(items(r)->getObject(0), "actor"), "username"));
	ASSERT_STATUS(r = client().get(API + "/orgs/acme/audit?action=member.removed", "", owner.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::string("cy"), text(child(items(r)->getObject(0), "target"), "label"));

	// Deleted: the log is gone with the organization; restored: it is back, with both events.
	ASSERT_STATUS(client().del(API + "/orgs/acme", "", owner.token), 204);
	ASSERT_PROBLEM(client().get(API + "/orgs/acme/audit", "", owner.token), 404, "organization_not_found");
	ASSERT_STATUS(client().post(API + "/orgs/acme/restore", "", owner.token), 200);
	ASSERT_STATUS(r = client().get(API + "/orgs/acme/audit?limit=2", "", owner.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::string("organization.restored"), text(items(r)->getObject(0), "action"));
	CPPUNIT_ASSERT_EQUAL(std::string("organization.deleted"), text(items(r)->getObject(1), "action"));
	CPPUNIT_ASSERT(!isNull(r.json(), "next_cursor"));
}


void HttpApiTest::testAuditLogFilters()
{
	User owner = signUp("owner");
	signUp("bob");
	createOrganization(owner, "acme");
	addMember(owner, "acme", "bob");
	const std::string audit = API + "/orgs/acme/audit";

	Response r;
	ASSERT_STATUS(r = client().get(audit + "?action=member.added&actor=owner", "", owner.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), items(r)->size());
	ASSERT_STATUS(r = client().get(audit + "?actor=" + std::to_string(owner.id), "", owner.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), items(r)->size());
	ASSERT_STATUS(
	    r = client().get(audit + "?since=2000-01-01T00:00:00Z&until=2999-01-01T00:00:00.5%2B02:00", "", owner.token),
	    200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), items(r)->size());
	ASSERT_STATUS(r = client().get(audit + "?since=2999-01-01T00:00:00Z", "", owner.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(0), items(r)->size());
	ASSERT_STATUS(r = client().get(audit + "?until=2000-01-01T00:00:00-05:00", "", owner.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(0), items(r)->size());

	// Keyset pages: newest first, the cursor continues below the last id.
	ASSERT_STATUS(r = client().get(audit + "?limit=1", "", owner.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::string("member.added"), text(items(r)->getObject(0), "action"));
	ASSERT_STATUS(r = client().get(audit + "?limit=1&cursor=" + text(r.json(), "next_cursor"), "", owner.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::string("organization.created"), text(items(r)->getObject(0), "action"));
	CPPUNIT_ASSERT(isNull(r.json(), "next_cursor"));

	ASSERT_PROBLEM(client().get(audit + "?since=yesterday", "", owner.token), 400, "invalid_since");
	ASSERT_PROBLEM(client().get(audit + "?until=2026-13-01T00:00:00Z", "", owner.token), 400, "invalid_until");
	ASSERT_PROBLEM(client().get(audit + "?since=2026-01-01", "", owner.token), 400, "invalid_since");
	ASSERT_PROBLEM(client().get(audit + "?since=2026-01-02T00:00:00Z&until=2026-01-01T00:00:00Z", "", owner.token), 400,
	               "invalid_time_range");
	ASSERT_PROBLEM(client().get(audit + "?action=Member%20Added", "", owner.token), 400, "invalid_action");
	ASSERT_PROBLEM(client().get(audit + "?actor=nobody", "", owner.token), 400, "invalid_actor");
	ASSERT_PROBLEM(client().get(audit + "?limit=0", "", owner.token), 400, "invalid_limit");
	ASSERT_PROBLEM(client().get(audit + "?cursor=zzz", "", owner.token), 400, "invalid_cursor");
}


void HttpApiTest::testPurgeTimerFreesTheUsername()
{
	// A host that keeps nothing after deletion and purges every second.
	_pClient.reset();
	CPPUNIT_ASSERT_EQUAL(0, _pHost->stop());
	HostProcess::Defines defines = hostDefines(*_pDatabase, true);
	defines["orgs.organizations.retentionDays"] = "0";
	defines["orgs.organizations.purgeIntervalSeconds"] = "1";
	_pHost.reset(new HostProcess(defines));
	_pClient.reset(new HttpClient(_pHost->baseUrl()));

	User owner = signUp("owner");
	User bob = signUp("bob");
	createOrganization(owner, "acme");
	addMember(owner, "acme", "bob");
	ASSERT_STATUS(client().del(API + "/orgs/acme", "", owner.token), 204);
	Response r = client().post(API + "/orgs/acme/restore", "", owner.token);
	CPPUNIT_ASSERT_MESSAGE(r.describe(), r.status == 410 || r.status == 404); // 404 once purged

	const std::string body = json({{"username", "acme"}, {"title", "Acme again"}});
	for (int waited = 0; (r = client().post(API + "/orgs", body, bob.token)).status == 409 && waited < 10000;
	     waited += 100)
		Poco::Thread::sleep(100);
	ASSERT_STATUS(r, 201);
	ASSERT_PROBLEM(client().post(API + "/orgs/acme/restore", "", owner.token), 404, "organization_not_found");
	ASSERT_STATUS(r = client().get(API + "/me", "", owner.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(0), r.json()->getArray("organizations")->size());
}
