//
// InviteLinkApiTest.cpp
//
// Library: OrgsTests
// Package: EndToEnd
// Module:  InviteLinkApiTest
//


#include "InviteLinkApiTest.h"
#include "support/Suites.h"
#include "support/HttpAssert.h"
#include "support/ReplayWorld.h"
#include "Poco/JSON/Array.h"
#include "Poco/JSON/Object.h"
#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>


using Orgs::Test::HostProcess;
using Orgs::Test::HttpClient;
using Orgs::Test::json;
using Response = Orgs::Test::HttpClient::Response;


ORGS_TEST_SUITE(InviteLinkApiTest, "InviteLinkApi", DATABASE);


namespace {


const std::string API("/api/v1");


using User = Orgs::Test::ReplayWorld::User;


class World : public Orgs::Test::ReplayWorld
	/// A host with the shipped (default) preset on a fresh database, and helpers.
{
public:
	explicit World(const HostProcess::Defines& extra = HostProcess::Defines()) : ReplayWorld("default", extra) {}

	void add(const User& owner, const std::string& org, const User& member, const std::string& role)
	{
		ASSERT_STATUS(client().post(API + "/orgs/" + org + "/members",
		                            json({{"username", member.username}, {"role", role}}), owner.token),
		              201);
	}

	std::string link(const User& actor, const std::string& org, const std::string& body = std::string())
		/// Creates or resets org's link and returns its token.
	{
		Response r = client().post(API + "/orgs/" + org + "/invite-link", body, actor.token);
		ASSERT_STATUS(r, 201);
		return r.json()->getValue<std::string>("token");
	}

	std::size_t events(const User& actor, const std::string& org, const std::string& action)
	{
		Response r = client().get(API + "/orgs/" + org + "/audit?action=" + action, "", actor.token);
		ASSERT_STATUS(r, 200);
		return r.json()->getArray("items")->size();
	}
};


} // namespace


void InviteLinkApiTest::testCreateViewJoin()
{
	World w;
	const User ada = w.signUp("ada");
	const User bob = w.signUp("bob");
	w.organization(ada, "acme");

	// No link yet.
	ASSERT_PROBLEM(w.client().get(API + "/orgs/acme/invite-link", "", ada.token), 404, "invite_link_not_found");

	// The secret is in the answer that creates the link, and nowhere else.
	Response r = w.client().post(API + "/orgs/acme/invite-link", "", ada.token);
	ASSERT_STATUS(r, 201);
	const std::string token = r.json()->getValue<std::string>("token");
	CPPUNIT_ASSERT_EQUAL(std::string("orgs_link_"), token.substr(0, 10));
	CPPUNIT_ASSERT_EQUAL(API + "/invite-links/" + token, r.json()->getValue<std::string>("url"));
	CPPUNIT_ASSERT_EQUAL(std::string("member"), r.json()->getValue<std::string>("role")); // the default role
	CPPUNIT_ASSERT_EQUAL(std::string("ada"), r.json()->getObject("created_by")->getValue<std::string>("username"));
	CPPUNIT_ASSERT_EQUAL(0, r.json()->getValue<int>("uses"));

	r = w.client().get(API + "/orgs/acme/invite-link", "", ada.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT(!r.json()->has("token"));
	CPPUNIT_ASSERT(!r.json()->has("url"));
	CPPUNIT_ASSERT(r.body.find(token) == std::string::npos);
	CPPUNIT_ASSERT_EQUAL(std::string("member"), r.json()->getValue<std::string>("role"));
	CPPUNIT_ASSERT(r.json()->has("created_at"));

	// Signed in, the holder sees the organization's name before joining; signed out, nothing.
	ASSERT_PROBLEM(w.client().get(API + "/invite-links/" + token), 401, "unauthenticated");
	r = w.client().get(API + "/invite-links/" + token, "", bob.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(std::string("Org acme"), r.json()->getObject("organization")->getValue<std::string>("title"));
	CPPUNIT_ASSERT_EQUAL(std::string("member"), r.json()->getValue<std::string>("role"));
	ASSERT_PROBLEM(w.client().get(API + "/invite-links/orgs_link_nope", "", bob.token), 404, "invite_link_not_found");
	ASSERT_PROBLEM(w.client().get(API + "/orgs/acme", "", bob.token), 404, "organization_not_found");

	// Joining: a member with the link's role; twice is 409.
	ASSERT_PROBLEM(w.client().post(API + "/invite-links/" + token + "/accept"), 401, "unauthenticated");
	r = w.client().post(API + "/invite-links/" + token + "/accept", "", bob.token);
	ASSERT_STATUS(r, 201);
	CPPUNIT_ASSERT_EQUAL(std::string("member"), r.json()->getValue<std::string>("role"));
	CPPUNIT_ASSERT_EQUAL(std::string("bob"), r.json()->getValue<std::string>("username"));
	ASSERT_STATUS(w.client().get(API + "/orgs/acme", "", bob.token), 200);
	ASSERT_PROBLEM(w.client().post(API + "/invite-links/" + token + "/accept", "", bob.token), 409, "already_member");
	ASSERT_PROBLEM(w.client().post(API + "/invite-links/" + token + "/accept", "", ada.token), 409, "already_member");

	r = w.client().get(API + "/orgs/acme/invite-link", "", ada.token);
	CPPUNIT_ASSERT_EQUAL(1, r.json()->getValue<int>("uses"));
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), w.events(ada, "acme", "invite_link.created"));
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), w.events(ada, "acme", "invite_link.accepted"));
	r = w.client().get(API + "/orgs/acme/audit?action=invite_link.accepted", "", ada.token);
	Poco::JSON::Object::Ptr event = r.json()->getArray("items")->getObject(0);
	CPPUNIT_ASSERT_EQUAL(std::string("bob"), event->getObject("actor")->getValue<std::string>("username"));
	// Nobody's audit event holds the secret.
	r = w.client().get(API + "/orgs/acme/audit", "", ada.token);
	CPPUNIT_ASSERT(r.body.find(token) == std::string::npos);
}


void InviteLinkApiTest::testResetAndDisable()
{
	World w;
	const User ada = w.signUp("ada");
	const User bob = w.signUp("bob");
	const User cy = w.signUp("cy");
	w.organization(ada, "acme");
	const std::string first = w.link(ada, "acme");
	ASSERT_STATUS(w.client().post(API + "/invite-links/" + first + "/accept", "", bob.token), 201);

	// A reset replaces the secret: the previous link stops working; uses start again.
	Response r = w.client().post(API + "/orgs/acme/invite-link", json({{"role", "admin"}}), ada.token);
	ASSERT_STATUS(r, 201);
	const std::string second = r.json()->getValue<std::string>("token");
	CPPUNIT_ASSERT(second != first);
	CPPUNIT_ASSERT_EQUAL(0, r.json()->getValue<int>("uses"));
	CPPUNIT_ASSERT_EQUAL(std::string("admin"), r.json()->getValue<std::string>("role"));
	ASSERT_PROBLEM(w.client().get(API + "/invite-links/" + first, "", cy.token), 404, "invite_link_not_found");
	ASSERT_PROBLEM(w.client().post(API + "/invite-links/" + first + "/accept", "", cy.token), 404,
	               "invite_link_not_found");
	r = w.client().get(API + "/invite-links/" + second, "", cy.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(std::string("admin"), r.json()->getValue<std::string>("role"));
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), w.events(ada, "acme", "invite_link.reset"));

	// Disabled: the link is gone, its token too.
	ASSERT_STATUS(w.client().del(API + "/orgs/acme/invite-link", "", ada.token), 204);
	ASSERT_PROBLEM(w.client().get(API + "/orgs/acme/invite-link", "", ada.token), 404, "invite_link_not_found");
	ASSERT_PROBLEM(w.client().post(API + "/invite-links/" + second + "/accept", "", cy.token), 404,
	               "invite_link_not_found");
	ASSERT_PROBLEM(w.client().del(API + "/orgs/acme/invite-link", "", ada.token), 404, "invite_link_not_found");
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), w.events(ada, "acme", "invite_link.disabled"));

	// A new link after disabling is a new link.
	const std::string third = w.link(ada, "acme");
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), w.events(ada, "acme", "invite_link.created"));
	r = w.client().post(API + "/invite-links/" + third + "/accept", "", cy.token);
	ASSERT_STATUS(r, 201);
	CPPUNIT_ASSERT_EQUAL(std::string("member"), r.json()->getValue<std::string>("role"));
}


void InviteLinkApiTest::testWhoManagesTheLink()
{
	World w;
	const User ada = w.signUp("ada");
	const User adm = w.signUp("adm");
	const User mem = w.signUp("mem");
	const User out = w.signUp("out");
	w.organization(ada, "acme");
	w.add(ada, "acme", adm, "admin");
	w.add(ada, "acme", mem, "member");

	// An admin (invitations.create) creates and resets; a member may not; a non-member learns nothing.
	w.link(adm, "acme");
	ASSERT_PROBLEM(w.client().post(API + "/orgs/acme/invite-link", "", mem.token), 403, "permission_denied");
	ASSERT_PROBLEM(w.client().get(API + "/orgs/acme/invite-link", "", mem.token), 403, "permission_denied");
	ASSERT_PROBLEM(w.client().del(API + "/orgs/acme/invite-link", "", mem.token), 403, "permission_denied");
	ASSERT_PROBLEM(w.client().post(API + "/orgs/acme/invite-link", "", out.token), 404, "organization_not_found");
	ASSERT_PROBLEM(w.client().get(API + "/orgs/acme/invite-link", "", out.token), 404, "organization_not_found");
	ASSERT_PROBLEM(w.client().post(API + "/orgs/acme/invite-link"), 401, "unauthenticated");
	ASSERT_STATUS(w.client().get(API + "/orgs/acme/invite-link", "", adm.token), 200);

	// The body is strict; the role must exist.
	ASSERT_PROBLEM(w.client().post(API + "/orgs/acme/invite-link", json({{"role", "emperor"}}), ada.token), 400,
	               "unknown_role");
	ASSERT_PROBLEM(w.client().post(API + "/orgs/acme/invite-link", json({{"colour", "red"}}), ada.token), 400,
	               "unknown_field");
	ASSERT_STATUS(w.client().del(API + "/orgs/acme/invite-link", "", adm.token), 204);
}


void InviteLinkApiTest::testJoiningRules()
{
	World w(HostProcess::Defines{{"orgs.plans.free.maxMembers", "2"}});
	const User ada = w.signUp("ada");
	const User bob = w.signUp("bob");
	const User cy = w.signUp("cy");
	const User dee = w.signUp("dee", "dee@other.org");
	w.organization(ada, "acme");
	const std::string token = w.link(ada, "acme");

	// Seats: the owner and bob fill the free plan of 2.
	ASSERT_STATUS(w.client().post(API + "/invite-links/" + token + "/accept", "", bob.token), 201);
	Response r = w.client().post(API + "/invite-links/" + token + "/accept", "", cy.token);
	ASSERT_PROBLEM(r, 409, "seat_limit");
	CPPUNIT_ASSERT_EQUAL(std::string("members"), r.json()->getValue<std::string>("quota"));
	ASSERT_STATUS(w.client().patch(API + "/orgs/acme", json({{"plan", "team"}}), ada.token), 200);

	// Concurrent joins never exceed the plan: with one seat left, one of four wins.
	ASSERT_STATUS(w.client().del(API + "/orgs/acme/members/bob", "", ada.token), 204);
	ASSERT_STATUS(w.client().patch(API + "/orgs/acme", json({{"plan", "free"}}), ada.token), 200); // 1 of 2 seats
	std::vector<User> racers;
	for (int i = 0; i < 4; ++i)
		racers.push_back(w.signUp("racer" + std::to_string(i)));
	std::atomic<int> joined(0);
	std::atomic<int> refused(0);
	std::vector<std::thread> threads;
	for (const User& racer : racers)
	{
		threads.emplace_back([&, racer]() {
			HttpClient client(w.host().baseUrl());
			const Response answer = client.post(API + "/invite-links/" + token + "/accept", "", racer.token);
			if (answer.status == 201)
				++joined;
			else if (answer.status == 409 && answer.body.find("seat_limit") != std::string::npos)
				++refused;
		});
	}
	for (auto& t : threads)
		t.join();
	CPPUNIT_ASSERT_EQUAL(1, joined.load());
	CPPUNIT_ASSERT_EQUAL(3, refused.load());
	ASSERT_STATUS(w.client().patch(API + "/orgs/acme", json({{"plan", "team"}}), ada.token), 200);

	// Allowed email domains hold for the link too.
	ASSERT_STATUS(w.client().patch(API + "/orgs/acme", "{\"allowed_email_domains\":[\"example.com\"]}", ada.token),
	              200);
	ASSERT_PROBLEM(w.client().post(API + "/invite-links/" + token + "/accept", "", dee.token), 403,
	               "domain_not_allowed");
	ASSERT_STATUS(w.client().post(API + "/invite-links/" + token + "/accept", "", cy.token), 201);

	// A deleted organization's link works no more, and shows nothing.
	const User eve = w.signUp("eve");
	ASSERT_STATUS(w.client().del(API + "/orgs/acme", "", ada.token), 204);
	ASSERT_PROBLEM(w.client().get(API + "/invite-links/" + token, "", eve.token), 404, "invite_link_not_found");
	ASSERT_PROBLEM(w.client().post(API + "/invite-links/" + token + "/accept", "", eve.token), 404,
	               "invite_link_not_found");
	// Restored, it works again: the link was never touched.
	ASSERT_STATUS(w.client().post(API + "/orgs/acme/restore", "", ada.token), 200);
	ASSERT_STATUS(w.client().post(API + "/invite-links/" + token + "/accept", "", eve.token), 201);
}


void InviteLinkApiTest::testConfiguredRoleAndPersonalOrganizations()
{
	World w(
	    HostProcess::Defines{{"orgs.invitations.linkRole", "admin"}, {"orgs.organizations.personalOnSignup", "true"}});
	const User ada = w.signUp("ada");
	const User bob = w.signUp("bob");

	// A personal organization takes no members: no link for it.
	ASSERT_PROBLEM(w.client().post(API + "/orgs/ada-personal/invite-link", "", ada.token), 409,
	               "personal_organization");

	// orgs.invitations.linkRole is the role of a link created without one.
	w.organization(ada, "acme");
	Response r = w.client().post(API + "/orgs/acme/invite-link", "", ada.token);
	ASSERT_STATUS(r, 201);
	CPPUNIT_ASSERT_EQUAL(std::string("admin"), r.json()->getValue<std::string>("role"));
	r = w.client().post(API + "/invite-links/" + r.json()->getValue<std::string>("token") + "/accept", "", bob.token);
	ASSERT_STATUS(r, 201);
	CPPUNIT_ASSERT_EQUAL(std::string("admin"), r.json()->getValue<std::string>("role"));

	// An unknown linkRole stops start-up.
	bool refused = false;
	try
	{
		World bad(HostProcess::Defines{{"orgs.invitations.linkRole", "emperor"}});
	}
	catch (Poco::Exception& exc)
	{
		refused = exc.displayText().find("orgs.invitations.linkRole") != std::string::npos;
	}
	CPPUNIT_ASSERT_MESSAGE("a host with an unknown orgs.invitations.linkRole started", refused);
}


void InviteLinkApiTest::testSignUpToJoin()
{
	World w(HostProcess::Defines{{"orgs.organizations.personalOnSignup", "true"},
	                             {"orgs.organizations.personalAllowsMembers", "true"},
	                             {"orgs.invitations.exposeToken", "true"}});
	// Signing up without a token creates the account's organization, which takes members.
	const User ada = w.signUp("ada");
	Response r = w.client().get(API + "/me", "", ada.token);
	CPPUNIT_ASSERT_EQUAL(std::string("ada-personal"),
	                     r.json()->getObject("active_organization")->getValue<std::string>("username"));
	const std::string link = w.link(ada, "ada-personal");

	// Signing up with the link's token joins that organization instead of creating one.
	r = w.client().post(API + "/accounts",
	                    json({{"username", "bob"}, {"email", "bob@example.com"}, {"invitation", link}}));
	ASSERT_STATUS(r, 201);
	CPPUNIT_ASSERT_EQUAL(std::string("member"), r.json()->getObject("membership")->getValue<std::string>("role"));
	const std::string bobToken = r.json()->getObject("token")->getValue<std::string>("token");
	r = w.client().get(API + "/me", "", bobToken);
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), r.json()->getArray("organizations")->size());
	CPPUNIT_ASSERT_EQUAL(std::string("ada-personal"),
	                     r.json()->getObject("active_organization")->getValue<std::string>("username"));
	ASSERT_PROBLEM(w.client().get(API + "/orgs/bob-personal", "", bobToken), 404, "organization_not_found");

	// With an email invitation's token: the invited email only; a refusal creates nothing.
	r = w.client().post(API + "/orgs/ada-personal/invitations", json({{"email", "cy@example.com"}, {"role", "admin"}}),
	                    ada.token);
	ASSERT_STATUS(r, 201);
	const std::string invitation = r.json()->getValue<std::string>("token");
	ASSERT_PROBLEM(
	    w.client().post(API + "/accounts",
	                    json({{"username", "cy"}, {"email", "mallory@example.com"}, {"invitation", invitation}})),
	    403, "email_mismatch");
	r = w.client().post(API + "/accounts",
	                    json({{"username", "cy"}, {"email", "cy@example.com"}, {"invitation", invitation}}));
	ASSERT_STATUS(r, 201); // the username was not taken by the refused attempt
	CPPUNIT_ASSERT_EQUAL(std::string("admin"), r.json()->getObject("membership")->getValue<std::string>("role"));
	ASSERT_PROBLEM(
	    w.client().post(API + "/accounts",
	                    json({{"username", "cy2"}, {"email", "cy@example.com"}, {"invitation", invitation}})),
	    404, "invitation_not_found"); // used

	// Unknown tokens create nothing either.
	ASSERT_PROBLEM(w.client().post(API + "/accounts",
	                               json({{"username", "dee"}, {"email", "dee@example.com"}, {"invitation", "x"}})),
	               404, "invitation_not_found");
	ASSERT_PROBLEM(
	    w.client().post(API + "/accounts",
	                    json({{"username", "dee"}, {"email", "dee@example.com"}, {"invitation", "orgs_link_unknown"}})),
	    404, "invite_link_not_found");
	w.signUp("dee");
}


void InviteLinkApiTest::testTokenScheme()
{
	World w;
	const User ada = w.signUp("ada");
	w.organization(ada, "acme");
	// Label Studio's legacy header and the bearer header work alike, for every route.
	Response r = w.client().request("PATCH", API + "/orgs/acme", json({{"title", "New Org Name"}}),
	                                {{"Authorization", "Token " + ada.token}, {"Content-Type", "application/json"}});
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(std::string("New Org Name"), r.json()->getValue<std::string>("title"));
	r = w.client().request("PATCH", API + "/orgs/acme", json({{"title", "Newer"}}),
	                       {{"Authorization", "Bearer " + ada.token}, {"Content-Type", "application/json"}});
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(std::string("Newer"), r.json()->getValue<std::string>("title"));
	r = w.client().request("POST", API + "/orgs/acme/invite-link", "", {{"Authorization", "token " + ada.token}});
	ASSERT_STATUS(r, 201);
	// Another scheme is not a credential: 401.
	ASSERT_PROBLEM(w.client().request("GET", API + "/orgs/acme", "", {{"Authorization", "Basic " + ada.token}}), 401,
	               "unauthenticated");
	ASSERT_PROBLEM(w.client().request("GET", API + "/orgs/acme", "", {{"Authorization", "Token orgs_pat_wrong"}}), 401,
	               "invalid_token");
}


void InviteLinkApiTest::testPlanSwitches()
{
	// The plan switches bind the link as they bind invitations: free takes no other members,
	// on team every member is an admin.
	World w(HostProcess::Defines{{"orgs.plans.free.allowsMembers", "false"}, {"orgs.plans.team.memberRole", "admin"}});
	const User ada = w.signUp("ada");
	const User bob = w.signUp("bob");
	w.organization(ada, "acme");
	const std::string token = w.link(ada, "acme");
	ASSERT_PROBLEM(w.client().post(API + "/invite-links/" + token + "/accept", "", bob.token), 403,
	               "plan_requires_upgrade");
	ASSERT_STATUS(w.client().get(API + "/orgs/acme/members/bob", "", ada.token), 404);

	ASSERT_STATUS(w.client().patch(API + "/orgs/acme", json({{"plan", "team"}}), ada.token), 200);
	Response r = w.client().post(API + "/invite-links/" + token + "/accept", "", bob.token);
	ASSERT_STATUS(r, 201);
	CPPUNIT_ASSERT_EQUAL(std::string("admin"), r.json()->getValue<std::string>("role"));
}
