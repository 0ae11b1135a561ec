//
// InvitationApiTest.cpp
//
// Library: OrgsTests
// Package: EndToEnd
// Module:  InvitationApiTest
//


#include "InvitationApiTest.h"
#include "support/Suites.h"
#include "support/HostProcess.h"
#include "support/HttpAssert.h"
#include "support/HttpClient.h"
#include "support/ReplayWorld.h"
#include "support/TestDatabase.h"
#include "support/TestRuntime.h"
#include "Poco/Data/Session.h"
#include "Poco/JSON/Array.h"
#include "Poco/JSON/Object.h"
#include "Poco/NumberParser.h"
#include "Poco/String.h"
#include <cppunit/Asserter.h>
#include <cppunit/Message.h>
#include <cppunit/SourceLine.h>
#include <initializer_list>
#include <memory>
#include <sstream>
#include <utility>
#include <vector>


using namespace Poco::Data::Keywords;
using Orgs::Test::HostProcess;
using Orgs::Test::HttpClient;
using Orgs::Test::json;
using Orgs::Test::TestDatabase;
using Orgs::Test::TestRuntime;
using Response = Orgs::Test::HttpClient::Response;


ORGS_TEST_SUITE(InvitationApiTest, "InvitationApi", DATABASE);


namespace {


const std::string API("/api/v1");


using User = Orgs::Test::ReplayWorld::User;


class World : public Orgs::Test::ReplayWorld
	/// orgs-host on the default preset on a fresh database (ReplayWorld), and this suite's steps.
{
public:
	explicit World(const HostProcess::Defines& extra = HostProcess::Defines()) : ReplayWorld("default", extra) {}

	Response invite(const User& actor, const std::string& org, const std::string& email)
	{
		return client().post(API + "/orgs/" + org + "/invitations", json({{"email", email}}), actor.token);
	}
};


Poco::Int64 count(const Response& r)
{
	return static_cast<Poco::Int64>(r.json()->getArray("items")->size());
}


} // namespace


void InvitationApiTest::testTokenComesOnlyByMail()
{
	World w;
	const User ada = w.signUp("ada");
	w.organization(ada, "acme");
	Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
	body.set("email", "Bob@Example.com");
	body.set("name", "Bob");
	body.set("role", "admin");
	body.set("note", "See you Monday");
	body.set("default_roles", Poco::JSON::Object::Ptr(new Poco::JSON::Object));
	Response r = w.client().post(API + "/orgs/acme/workspaces", json({{"name", "Research"}}), ada.token);
	ASSERT_STATUS(r, 201);
	const Poco::Int64 ws = r.json()->getValue<Poco::Int64>("id");
	Poco::JSON::Array::Ptr workspaces = new Poco::JSON::Array;
	Poco::JSON::Object::Ptr item = new Poco::JSON::Object;
	item->set("id", ws);
	item->set("role", "editor");
	workspaces->add(item);
	body.set("workspaces", workspaces);
	std::ostringstream out;
	body.stringify(out);

	r = w.client().post(API + "/orgs/acme/invitations", out.str(), ada.token);
	ASSERT_STATUS(r, 201);
	CPPUNIT_ASSERT_MESSAGE(r.body, !r.json()->has("token"));
	const Poco::Int64 id = r.json()->getValue<Poco::Int64>("id");
	CPPUNIT_ASSERT_EQUAL(std::string("bob@example.com"), r.json()->getValue<std::string>("email"));
	CPPUNIT_ASSERT_EQUAL(std::string("pending"), r.json()->getValue<std::string>("status"));
	CPPUNIT_ASSERT_EQUAL(std::string("ada"), r.json()->getObject("inviter")->getValue<std::string>("username"));
	CPPUNIT_ASSERT_MESSAGE(r.describe(), !r.header("Location").empty());
	ASSERT_STATUS(w.client().get(r.header("Location"), "", ada.token), 200);

	const std::string token = w.mailedToken("bob@example.com");
	CPPUNIT_ASSERT(Poco::startsWith(token, std::string("orgs_inv_")));
	r = w.client().get(API + "/orgs/acme/invitations", "", ada.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_MESSAGE(r.body, r.body.find(token) == std::string::npos);
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), count(r));

	// Signed in only.
	ASSERT_PROBLEM(w.client().get(API + "/invitations/" + token), 401, "unauthenticated");
	ASSERT_PROBLEM(w.client().post(API + "/invitations/" + token + "/accept"), 401, "unauthenticated");

	// Bob has no account yet: he signs up with the invited email, looks, and accepts.
	const User bob = w.signUp("bob");
	r = w.client().get(API + "/invitations/" + token, "", bob.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(std::string("Org acme"), r.json()->getObject("organization")->getValue<std::string>("title"));
	CPPUNIT_ASSERT_EQUAL(std::string("admin"), r.json()->getValue<std::string>("role"));
	CPPUNIT_ASSERT_EQUAL(std::string("ada"), r.json()->getObject("inviter")->getValue<std::string>("username"));
	CPPUNIT_ASSERT(r.json()->has("expires_at"));

	r = w.client().post(API + "/invitations/" + token + "/accept", "", bob.token);
	ASSERT_STATUS(r, 201);
	CPPUNIT_ASSERT_EQUAL(std::string("admin"), r.json()->getValue<std::string>("role"));
	ASSERT_STATUS(w.client().get(API + "/orgs/acme", "", bob.token), 200);
	r = w.client().get(API + "/orgs/acme/workspaces/" + std::to_string(ws) + "/members", "", ada.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_MESSAGE(r.body, r.body.find("\"editor\"") != std::string::npos);
	// Single use.
	ASSERT_PROBLEM(w.client().post(API + "/invitations/" + token + "/accept", "", bob.token), 404,
	               "invitation_not_found");
	ASSERT_PROBLEM(w.client().get(API + "/invitations/" + token, "", bob.token), 404, "invitation_not_found");
	r = w.client().get(API + "/orgs/acme/invitations?status=accepted", "", ada.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), count(r));
	CPPUNIT_ASSERT_EQUAL(id, r.json()->getArray("items")->getObject(0)->getValue<Poco::Int64>("id"));
	ASSERT_PROBLEM(w.client().get(API + "/orgs/acme/invitations?status=lost", "", ada.token), 400, "invalid_status");

	// Conflicts.
	ASSERT_PROBLEM(w.invite(ada, "acme", "bob@example.com"), 409, "already_member");
	ASSERT_STATUS(w.invite(ada, "acme", "cy@example.com"), 201);
	ASSERT_PROBLEM(w.invite(ada, "acme", "cy@example.com"), 409, "already_invited");
	ASSERT_PROBLEM(w.invite(ada, "acme", "not-an-email"), 400, "invalid_email");
	ASSERT_PROBLEM(
	    w.client().post(API + "/orgs/acme/invitations", json({{"email", "x@example.com"}, {"x", "1"}}), ada.token), 400,
	    "unknown_field");
}


void InvitationApiTest::testExposedTokenResendRevokeDecline()
{
	World w(HostProcess::Defines{{"orgs.invitations.exposeToken", "true"}});
	const User ada = w.signUp("ada");
	const User bob = w.signUp("bob");
	const User cy = w.signUp("cy");
	w.organization(ada, "acme");

	Response r = w.invite(ada, "acme", "bob@example.com");
	ASSERT_STATUS(r, 201);
	const std::string first = r.json()->getValue<std::string>("token");
	const std::string id = std::to_string(r.json()->getValue<Poco::Int64>("id"));
	CPPUNIT_ASSERT_EQUAL(w.mailedToken("bob@example.com"), first);

	r = w.client().post(API + "/orgs/acme/invitations/" + id + "/resend", "", ada.token);
	ASSERT_STATUS(r, 200);
	const std::string second = r.json()->getValue<std::string>("token");
	CPPUNIT_ASSERT(second != first);
	ASSERT_PROBLEM(w.client().get(API + "/invitations/" + first, "", bob.token), 404, "invitation_not_found");
	ASSERT_STATUS(w.client().get(API + "/invitations/" + second, "", bob.token), 200);

	ASSERT_STATUS(w.client().del(API + "/orgs/acme/invitations/" + id, "", ada.token), 204);
	ASSERT_PROBLEM(w.client().post(API + "/invitations/" + second + "/accept", "", bob.token), 404,
	               "invitation_not_found");
	ASSERT_PROBLEM(w.client().del(API + "/orgs/acme/invitations/" + id, "", ada.token), 409, "invitation_not_pending");
	ASSERT_PROBLEM(w.client().post(API + "/orgs/acme/invitations/" + id + "/resend", "", ada.token), 409,
	               "invitation_not_pending");
	ASSERT_PROBLEM(w.client().del(API + "/orgs/acme/invitations/nope", "", ada.token), 404, "invitation_not_found");

	r = w.invite(ada, "acme", "cy@example.com");
	ASSERT_STATUS(r, 201);
	const std::string cyToken = r.json()->getValue<std::string>("token");
	ASSERT_STATUS(w.client().post(API + "/invitations/" + cyToken + "/decline", "", cy.token), 204);
	ASSERT_PROBLEM(w.client().post(API + "/invitations/" + cyToken + "/accept", "", cy.token), 404,
	               "invitation_not_found");
	ASSERT_PROBLEM(w.client().get(API + "/orgs/acme", "", cy.token), 404, "organization_not_found");
	r = w.client().get(API + "/orgs/acme/invitations?status=declined", "", ada.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), count(r));
	r = w.client().get(API + "/orgs/acme/invitations?status=revoked", "", ada.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), count(r));
}


void InvitationApiTest::testExpiredWrongEmailAndDomains()
{
	World w(HostProcess::Defines{{"orgs.invitations.exposeToken", "true"}});
	const User ada = w.signUp("ada");
	const User bob = w.signUp("bob");
	const User eve = w.signUp("eve");
	w.organization(ada, "acme");

	Response r = w.invite(ada, "acme", "bob@example.com");
	ASSERT_STATUS(r, 201);
	const std::string token = r.json()->getValue<std::string>("token");
	ASSERT_PROBLEM(w.client().post(API + "/invitations/" + token + "/accept", "", eve.token), 403, "email_mismatch");
	ASSERT_STATUS(w.client().get(API + "/invitations/" + token, "", eve.token), 200);

	// The host's clock is the real one: move the invitation's expiry into the past instead.
	{
		Poco::Data::Session s = w.database().session();
		s << "UPDATE invitations SET expires_at = created_at - 1", now;
	}
	ASSERT_PROBLEM(w.client().get(API + "/invitations/" + token, "", bob.token), 410, "invitation_expired");
	ASSERT_PROBLEM(w.client().post(API + "/invitations/" + token + "/accept", "", bob.token), 410,
	               "invitation_expired");
	r = w.client().get(API + "/orgs/acme/invitations?status=expired", "", ada.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), count(r));
	CPPUNIT_ASSERT_EQUAL(std::string("expired"),
	                     r.json()->getArray("items")->getObject(0)->getValue<std::string>("status"));
	r = w.client().get(API + "/orgs/acme/invitations?status=pending", "", ada.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(0), count(r));

	// Allowed domains: set by org.update, shown in the organization, enforced on invitations.
	r = w.client().patch(API + "/orgs/acme", "{\"allowed_email_domains\":[\"Example.com\"]}", ada.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(std::string("example.com"),
	                     r.json()->getArray("allowed_email_domains")->getElement<std::string>(0));
	ASSERT_PROBLEM(w.invite(ada, "acme", "mallory@evil.test"), 403, "domain_not_allowed");
	ASSERT_STATUS(w.invite(ada, "acme", "cy@example.com"), 201);
	ASSERT_PROBLEM(w.client().patch(API + "/orgs/acme", "{\"allowed_email_domains\":[\"nope\"]}", ada.token), 400,
	               "invalid_domain");
	ASSERT_PROBLEM(w.client().patch(API + "/orgs/acme", "{\"allowed_email_domains\":\"example.com\"}", ada.token), 400,
	               "invalid_type");
	ASSERT_STATUS(w.client().patch(API + "/orgs/acme", "{\"allowed_email_domains\":[]}", ada.token), 200);
	ASSERT_STATUS(w.invite(ada, "acme", "mallory@evil.test"), 201);
}


void InvitationApiTest::testDailyLimitIs429WithRetryAfter()
{
	World w(HostProcess::Defines{{"orgs.invitations.dailyLimit", "2"}});
	const User ada = w.signUp("ada");
	w.organization(ada, "acme");
	ASSERT_STATUS(w.invite(ada, "acme", "a@example.com"), 201);
	ASSERT_STATUS(w.invite(ada, "acme", "b@example.com"), 201);
	Response r = w.invite(ada, "acme", "c@example.com");
	ASSERT_PROBLEM(r, 429, "invitation_rate_limited");
	int retryAfter = 0;
	CPPUNIT_ASSERT_MESSAGE(r.describe(), Poco::NumberParser::tryParse(r.header("Retry-After"), retryAfter));
	CPPUNIT_ASSERT_MESSAGE(r.describe(), retryAfter > 86000 && retryAfter <= 86400);
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(2), r.json()->getValue<Poco::Int64>("limit"));
}


void InvitationApiTest::testSeatLimitPlansAndUsage()
{
	World w(HostProcess::Defines{{"orgs.plans.free.maxMembers", "3"},
	                             {"orgs.plans.free.maxWorkspaces", "1"},
	                             {"orgs.plans.free.maxPendingInvitations", "10"}});
	const User ada = w.signUp("ada");
	const User bob = w.signUp("bob");
	w.signUp("cy");
	w.organization(ada, "acme");
	Response r = w.client().get(API + "/orgs/acme", "", ada.token);
	CPPUNIT_ASSERT_EQUAL(std::string("free"), r.json()->getValue<std::string>("plan"));

	ASSERT_STATUS(
	    w.client().post(API + "/orgs/acme/members", json({{"username", "bob"}, {"role", "admin"}}), ada.token), 201);
	ASSERT_STATUS(w.invite(ada, "acme", "dan@example.com"), 201);
	r = w.invite(ada, "acme", "erin@example.com");
	ASSERT_PROBLEM(r, 409, "seat_limit");
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(3), r.json()->getValue<Poco::Int64>("limit"));
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(3), r.json()->getValue<Poco::Int64>("current"));
	CPPUNIT_ASSERT_EQUAL(std::string("members"), r.json()->getValue<std::string>("quota"));
	CPPUNIT_ASSERT_EQUAL(std::string("free"), r.json()->getValue<std::string>("plan"));
	ASSERT_PROBLEM(w.client().post(API + "/orgs/acme/members", json({{"username", "cy"}}), ada.token), 409,
	               "seat_limit");
	ASSERT_STATUS(w.client().post(API + "/orgs/acme/workspaces", json({{"name", "One"}}), ada.token), 201);
	r = w.client().post(API + "/orgs/acme/workspaces", json({{"name", "Two"}}), ada.token);
	ASSERT_PROBLEM(r, 409, "plan_limit");
	CPPUNIT_ASSERT_EQUAL(std::string("workspaces"), r.json()->getValue<std::string>("quota"));

	r = w.client().get(API + "/orgs/acme/usage", "", ada.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(2), r.json()->getValue<Poco::Int64>("members"));
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), r.json()->getValue<Poco::Int64>("pending_invitations"));
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(3), r.json()->getValue<Poco::Int64>("seats_used"));
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), r.json()->getValue<Poco::Int64>("workspaces"));
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(0), r.json()->getValue<Poco::Int64>("resources"));
	// Every request under /orgs/acme by a member counts, this one included.
	const Poco::Int64 requests = r.json()->getValue<Poco::Int64>("api_requests_month");
	CPPUNIT_ASSERT(requests >= 1);
	Poco::JSON::Object::Ptr plan = r.json()->getObject("plan");
	CPPUNIT_ASSERT_EQUAL(std::string("free"), plan->getValue<std::string>("name"));
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(3), plan->getValue<Poco::Int64>("max_members"));
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), plan->getValue<Poco::Int64>("max_workspaces"));
	// One more request for acme, and this one.
	ASSERT_STATUS(w.client().get(API + "/orgs/acme", "", ada.token), 200);
	r = w.client().get(API + "/orgs/acme/usage", "", ada.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(requests + 2, r.json()->getValue<Poco::Int64>("api_requests_month"));

	// The plan: the owner's alone, a known one, and not below the usage.
	ASSERT_PROBLEM(w.client().patch(API + "/orgs/acme", json({{"plan", "team"}}), bob.token), 403, "permission_denied");
	ASSERT_PROBLEM(w.client().patch(API + "/orgs/acme", json({{"plan", "gold"}}), ada.token), 400, "unknown_plan");
	r = w.client().patch(API + "/orgs/acme", json({{"plan", "enterprise"}}), ada.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(std::string("enterprise"), r.json()->getValue<std::string>("plan"));
	ASSERT_STATUS(w.invite(ada, "acme", "erin@example.com"), 201);
	r = w.client().patch(API + "/orgs/acme", json({{"plan", "free"}}), ada.token);
	ASSERT_PROBLEM(r, 409, "plan_limit");
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(3), r.json()->getValue<Poco::Int64>("limit"));
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(4), r.json()->getValue<Poco::Int64>("current"));
	r = w.client().get(API + "/orgs/acme/usage", "", ada.token);
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(0), r.json()->getObject("plan")->getValue<Poco::Int64>("max_members"));
}
