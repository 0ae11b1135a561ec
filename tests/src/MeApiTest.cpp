//
// MeApiTest.cpp
//
// Library: OrgsTests
// Package: EndToEnd
// Module:  MeApiTest
//


#include "MeApiTest.h"
#include "support/Suites.h"
#include "support/HttpAssert.h"
#include "Poco/JSON/Array.h"
#include "Poco/JSON/Object.h"
#include "Poco/String.h"
#include <sstream>


using Orgs::Test::json;
using Response = Orgs::Test::HttpClient::Response;


ORGS_TEST_SUITE(MeApiTest, "MeApi", DATABASE);


namespace {


Poco::JSON::Object::Ptr activeOf(const Response& r)
	/// Returns "active_organization" of a /me answer: null if it is JSON null; fails if absent.
{
	Poco::JSON::Object::Ptr o = r.json();
	CPPUNIT_ASSERT_MESSAGE("no active_organization in " + r.describe(), o->has("active_organization"));
	if (o->isNull("active_organization"))
		return nullptr;
	return o->getObject("active_organization");
}


Poco::JSON::Array::Ptr organizationsOf(const Response& r)
{
	Poco::JSON::Array::Ptr list = r.json()->getArray("organizations");
	CPPUNIT_ASSERT_MESSAGE("no organizations in " + r.describe(), !list.isNull());
	return list;
}


} // namespace


void MeApiTest::setUp()
{
	// Each test starts its world with the keys it is about.
}


void MeApiTest::start(bool personalOnSignup, bool personalAllowsMembers)
{
	ApiTestCase::start({{"orgs.organizations.personalOnSignup", personalOnSignup ? "true" : "false"},
	                    {"orgs.organizations.personalAllowsMembers", personalAllowsMembers ? "true" : "false"}});
}


MeApiTest::Response MeApiTest::send(const std::string& method, const std::string& path, const std::string& body,
                                    const User& user)
{
	return world().send(method, path, body, user.token);
}


void MeApiTest::testSignUpCreatesPersonalOrganization()
{
	start(true);
	const User ada = signUp("ada", "Ada Lovelace");
	Response me = send("GET", "/me", "", ada);
	ASSERT_STATUS(me, 200);
	Poco::JSON::Array::Ptr orgs = organizationsOf(me);
	CPPUNIT_ASSERT_EQUAL_MESSAGE(me.body, std::size_t(1), orgs->size());
	Poco::JSON::Object::Ptr personal = orgs->getObject(0);
	CPPUNIT_ASSERT_EQUAL(std::string("ada-personal"), personal->getValue<std::string>("username"));
	CPPUNIT_ASSERT_EQUAL(std::string("Ada Lovelace's organization"), personal->getValue<std::string>("title"));
	CPPUNIT_ASSERT(personal->getValue<bool>("personal"));
	CPPUNIT_ASSERT_EQUAL(ada.id, personal->getValue<Poco::Int64>("owner_account_id"));
	CPPUNIT_ASSERT(personal->getObject("membership")->getValue<bool>("owner"));
	// It is the active organization from the start.
	Poco::JSON::Object::Ptr active = activeOf(me);
	CPPUNIT_ASSERT_MESSAGE(me.body, !active.isNull());
	CPPUNIT_ASSERT_EQUAL(personal->getValue<Poco::Int64>("id"), active->getValue<Poco::Int64>("id"));
	CPPUNIT_ASSERT_EQUAL(std::string("ada-personal"), active->getValue<std::string>("username"));
	CPPUNIT_ASSERT(active->getValue<bool>("personal"));

	// Organization and account handles share one namespace.
	Response taken = client().post(API + "/accounts", json({{"username", "ada-personal"}, {"email", "x@example.com"}}));
	ASSERT_PROBLEM(taken, 409, "username_taken");
	// Further organizations are ordinary ones.
	Response acme = send("POST", "/orgs", json({{"username", "acme"}, {"title", "Acme"}}), ada);
	ASSERT_STATUS(acme, 201);
	CPPUNIT_ASSERT(!acme.json()->getValue<bool>("personal"));
	Response read = send("GET", "/orgs/ada-personal", "", ada);
	ASSERT_STATUS(read, 200);
	CPPUNIT_ASSERT(read.json()->getValue<bool>("personal"));
}


void MeApiTest::testPersonalOrganizationRefusesMembers()
{
	start(true);
	const User ada = signUp("ada");
	signUp("bob");
	ASSERT_PROBLEM(send("POST", "/orgs/ada-personal/members", json({{"username", "bob"}}), ada), 409,
	               "personal_organization");
	ASSERT_PROBLEM(send("POST", "/orgs/ada-personal/transfer-ownership", json({{"account", "bob"}}), ada), 409,
	               "personal_organization");
	Response members = send("GET", "/orgs/ada-personal/members", "", ada);
	ASSERT_STATUS(members, 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), members.json()->getArray("items")->size());
}


void MeApiTest::testPersonalOrganizationTakesMembersWhenConfigured()
{
	start(true, true);
	const User ada = signUp("ada");
	const User bob = signUp("bob");
	ASSERT_STATUS(send("POST", "/orgs/ada-personal/members", json({{"username", "bob"}}), ada), 201);
	ASSERT_STATUS(send("GET", "/orgs/ada-personal", "", bob), 200);
	ASSERT_STATUS(send("PUT", "/me/active-organization", json({{"org", "ada-personal"}}), bob), 200);
	Response me = send("GET", "/me", "", bob);
	CPPUNIT_ASSERT_EQUAL(std::string("ada-personal"), activeOf(me)->getValue<std::string>("username"));
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), organizationsOf(me)->size()); // bob's own and ada's
}


void MeApiTest::testNoPersonalOrganizationByDefault()
{
	start(false);
	const User ada = signUp("ada");
	Response me = send("GET", "/me", "", ada);
	ASSERT_STATUS(me, 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(0), organizationsOf(me)->size());
	CPPUNIT_ASSERT(activeOf(me).isNull());
	ASSERT_STATUS(send("POST", "/orgs", json({{"username", "acme"}, {"title", "Acme"}}), ada), 201);
	me = send("GET", "/me", "", ada);
	CPPUNIT_ASSERT(!organizationsOf(me)->getObject(0)->getValue<bool>("personal"));
	CPPUNIT_ASSERT(activeOf(me).isNull()); // creating one does not switch to it
}


void MeApiTest::testActiveOrganizationSwitcher()
{
	start(true);
	const User ada = signUp("ada");
	const User bob = signUp("bob");
	ASSERT_STATUS(send("POST", "/orgs", json({{"username", "acme"}, {"title", "Acme"}}), ada), 201);
	Response beta = send("POST", "/orgs", json({{"username", "beta"}, {"title", "Beta"}}), bob);
	ASSERT_STATUS(beta, 201);
	const Poco::Int64 betaId = beta.json()->getValue<Poco::Int64>("id");
	ASSERT_STATUS(send("POST", "/orgs/beta/members", json({{"username", "ada"}}), bob), 201);

	// By username.
	Response r = send("PUT", "/me/active-organization", json({{"org", "acme"}}), ada);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(std::string("acme"), activeOf(r)->getValue<std::string>("username"));
	CPPUNIT_ASSERT_EQUAL(std::string("acme"), activeOf(send("GET", "/me", "", ada))->getValue<std::string>("username"));
	// By id, as a JSON number and as a string.
	r = send("PUT", "/me/active-organization", "{\"org\":" + std::to_string(betaId) + "}", ada);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(betaId, activeOf(r)->getValue<Poco::Int64>("id"));
	r = send("PUT", "/me/active-organization", json({{"org", "ada-personal"}}), ada);
	ASSERT_STATUS(r, 200);
	r = send("PUT", "/me/active-organization", json({{"org", std::to_string(betaId)}}), ada);
	ASSERT_STATUS(r, 200);
	Response me = send("GET", "/me", "", ada);
	CPPUNIT_ASSERT_EQUAL(std::string("beta"), activeOf(me)->getValue<std::string>("username"));
	CPPUNIT_ASSERT_EQUAL(std::size_t(3), organizationsOf(me)->size());
	// Bob's choice is his own.
	CPPUNIT_ASSERT_EQUAL(std::string("bob-personal"),
	                     activeOf(send("GET", "/me", "", bob))->getValue<std::string>("username"));
	// Cleared with null.
	r = send("PUT", "/me/active-organization", "{\"org\":null}", ada);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT(activeOf(r).isNull());
	CPPUNIT_ASSERT(activeOf(send("GET", "/me", "", ada)).isNull());
}


void MeApiTest::testActiveOrganizationErrors()
{
	start(true);
	const User ada = signUp("ada");
	const User bob = signUp("bob");
	// Another's organization and a missing one look the same.
	ASSERT_PROBLEM(send("PUT", "/me/active-organization", json({{"org", "bob-personal"}}), ada), 404,
	               "organization_not_found");
	ASSERT_PROBLEM(send("PUT", "/me/active-organization", json({{"org", "nope"}}), ada), 404, "organization_not_found");
	ASSERT_PROBLEM(send("PUT", "/me/active-organization", json({{"org", ""}}), ada), 404, "organization_not_found");
	ASSERT_PROBLEM(send("PUT", "/me/active-organization", "{}", ada), 400, "missing_field");
	ASSERT_PROBLEM(send("PUT", "/me/active-organization", "{\"org\":true}", ada), 400, "invalid_type");
	ASSERT_PROBLEM(send("PUT", "/me/active-organization", "{\"org\":-3}", ada), 400, "invalid_type");
	ASSERT_PROBLEM(send("PUT", "/me/active-organization", "{\"org\":\"acme\",\"x\":1}", ada), 400, "unknown_field");
	ASSERT_PROBLEM(send("PUT", "/me/active-organization", "", ada), 400, "missing_body");
	Response anonymous = client().put(API + "/me/active-organization", json({{"org", "ada-personal"}}));
	ASSERT_PROBLEM(anonymous, 401, "unauthenticated");
	// Nothing changed.
	CPPUNIT_ASSERT_EQUAL(std::string("ada-personal"),
	                     activeOf(send("GET", "/me", "", ada))->getValue<std::string>("username"));
	(void)bob;
}


void MeApiTest::testLeavingHidesTheActiveOrganization()
{
	start(false);
	const User ada = signUp("ada");
	const User bob = signUp("bob");
	ASSERT_STATUS(send("POST", "/orgs", json({{"username", "beta"}, {"title", "Beta"}}), bob), 201);
	ASSERT_STATUS(send("POST", "/orgs/beta/members", json({{"username", "ada"}}), bob), 201);
	ASSERT_STATUS(send("PUT", "/me/active-organization", json({{"org", "beta"}}), ada), 200);
	ASSERT_STATUS(send("POST", "/orgs/beta/leave", "", ada), 204);
	Response me = send("GET", "/me", "", ada);
	ASSERT_STATUS(me, 200);
	CPPUNIT_ASSERT(activeOf(me).isNull());
	CPPUNIT_ASSERT_EQUAL(std::size_t(0), organizationsOf(me)->size());
	// Removed by an admin, the same.
	ASSERT_STATUS(send("POST", "/orgs/beta/members", json({{"username", "ada"}}), bob), 201);
	ASSERT_STATUS(send("PUT", "/me/active-organization", json({{"org", "beta"}}), ada), 200);
	ASSERT_STATUS(send("DELETE", "/orgs/beta/members/ada", "", bob), 204);
	CPPUNIT_ASSERT(activeOf(send("GET", "/me", "", ada)).isNull());
	// Deleting the organization clears it too.
	ASSERT_STATUS(send("POST", "/orgs/beta/members", json({{"username", "ada"}}), bob), 201);
	ASSERT_STATUS(send("PUT", "/me/active-organization", json({{"org", "beta"}}), ada), 200);
	ASSERT_STATUS(send("DELETE", "/orgs/beta", "", bob), 204);
	CPPUNIT_ASSERT(activeOf(send("GET", "/me", "", ada)).isNull());
}
