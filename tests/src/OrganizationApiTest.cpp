//
// OrganizationApiTest.cpp
//
// Library: OrgsTests
// Package: EndToEnd
// Module:  OrganizationApiTest
//


#include "OrganizationApiTest.h"
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


ORGS_TEST_SUITE(OrganizationApiTest, "OrganizationApi", DATABASE);


void OrganizationApiTest::testCreateOrganizationMakesCreatorOwner()
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


void OrganizationApiTest::testRegionMustBeConfigured()
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


void OrganizationApiTest::testUsernameRules()
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


void OrganizationApiTest::testTitleRules()
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


void OrganizationApiTest::testReadOrganizationByIdAndUsername()
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


void OrganizationApiTest::testNonMemberCannotTellExistingFromMissing()
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


void OrganizationApiTest::testUpdateNeedsOrgUpdate()
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


void OrganizationApiTest::testRegionIsImmutable()
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


void OrganizationApiTest::testRenameFreesOldUsername()
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


void OrganizationApiTest::testDeleteIsOwnerOnly()
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


void OrganizationApiTest::testOrganizationPagesNeitherSkipNorRepeat()
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


void OrganizationApiTest::testPurgeTimerFreesTheUsername()
{
	// A host that keeps nothing after deletion and purges every second.
	world().restart({{"orgs.organizations.retentionDays", "0"}, {"orgs.organizations.purgeIntervalSeconds", "1"}});

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
