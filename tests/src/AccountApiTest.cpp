//
// AccountApiTest.cpp
//
// Library: OrgsTests
// Package: EndToEnd
// Module:  AccountApiTest
//


#include "AccountApiTest.h"
#include "support/Suites.h"
#include "support/HttpAssert.h"
#include "Poco/JSON/Array.h"
#include "Poco/JSON/Object.h"
#include "Poco/String.h"
#include "Poco/Thread.h"
#include <cppunit/SourceLine.h>
#include <set>
#include <string>
#include <vector>


using Orgs::Test::HostProcess;
using Orgs::Test::HttpClient;
using Orgs::Test::json;


ORGS_TEST_SUITE(AccountApiTest, "AccountApi", DATABASE);


void AccountApiTest::testSignUpReturnsAccountAndToken()
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


void AccountApiTest::testSignUpDisabledByDefault()
{
	// A second host on the same database, with the shipped default orgs.accounts.selfSignup=false.
	HostProcess::Defines defines = world().defines();
	defines.erase("orgs.accounts.selfSignup");
	HostProcess host(defines);
	HttpClient other(host.baseUrl());
	Response r =
	    other.post(API + "/accounts", json({{"username", "ada"}, {"email", "ada@example.com"}, {"name", "Ada"}}));
	ASSERT_PROBLEM(r, 403, "signup_disabled");
	CPPUNIT_ASSERT_EQUAL(0, host.stop());
	// The name was not taken by the refused request.
	signUp("ada");
}


void AccountApiTest::testDuplicateUsernameIsConflict()
{
	signUp("ada");
	Response r = client().post(API + "/accounts", json({{"username", "ada"}, {"email", "other@example.com"}}));
	ASSERT_PROBLEM(r, 409, "username_taken");
}


void AccountApiTest::testAccountsAndOrganizationsShareUsernames()
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


void AccountApiTest::testMissingTokenIs401WithChallenge()
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


void AccountApiTest::testGarbageTokenIs401()
{
	signUp("ada");
	Response r = client().get(API + "/me", "", "garbage");
	ASSERT_PROBLEM(r, 401, "invalid_token");
	CPPUNIT_ASSERT(!r.header("WWW-Authenticate").empty());
	ASSERT_PROBLEM(client().get(API + "/me", "", "orgs_pat_" + std::string(40, 'x')), 401, "invalid_token");
	ASSERT_PROBLEM(client().get(API + "/me", "", std::string(300, 'a')), 401, "invalid_token");
}


void AccountApiTest::testTokenSchemeIsAcceptedLikeBearer()
{
	User ada = signUp("ada");
	Response r = client().request("GET", API + "/me", "", {{"Authorization", "Token " + ada.token}});
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(ada.id, number(child(r.json(), "account"), "id"));
	r = client().request("GET", API + "/me", "", {{"Authorization", "Bearer " + ada.token}});
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(ada.id, number(child(r.json(), "account"), "id"));
}


void AccountApiTest::testTokenLifecycle()
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


void AccountApiTest::testRevokingAnotherAccountsTokenIs404()
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


void AccountApiTest::testMeListsOrganizationsWithRole()
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


void AccountApiTest::testTokenListTakesLimitAndCursor()
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
