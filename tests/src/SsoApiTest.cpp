//
// SsoApiTest.cpp
//
// Library: OrgsTests
// Package: Identity
// Module:  SsoApiTest
//


#include "SsoApiTest.h"
#include "support/DnsServer.h"
#include "support/Racing.h"
#include "support/Suites.h"
#include "Poco/JSON/Array.h"
#include "Poco/UUIDGenerator.h"
#include <atomic>
#include <thread>
#include <vector>


ORGS_TEST_SUITE(SsoApiTest, "SsoApi", DATABASE);


using Orgs::Test::HostProcess;
using Orgs::Test::json;
using Orgs::Test::OpenIdProvider;
using Orgs::Test::StartGate;


namespace {


std::string unique(const std::string& prefix)
{
	return prefix + "-" + Poco::UUIDGenerator::defaultGenerator().createRandom().toString().substr(0, 8);
}


} // namespace


void SsoApiTest::setUp()
{
	_pProvider.reset(new OpenIdProvider);
}


void SsoApiTest::tearDown()
{
	ApiTestCase::tearDown();
	_pProvider.reset();
}


void SsoApiTest::startWith(const HostProcess::Defines& extra)
{
	HostProcess::Defines defines{
	    {"orgs.auth.oidc.primary.issuer", _pProvider->issuer(OpenIdProvider::PRIMARY)},
	    {"orgs.auth.oidc.primary.audience", _pProvider->clientId(OpenIdProvider::PRIMARY)},
	    {"orgs.auth.tls.caFile", _pProvider->caFile()},
	};
	for (const auto& kv : extra)
		defines[kv.first] = kv.second;
	start(defines);
}


std::string SsoApiTest::newUser(const std::string& prefix, const std::vector<std::string>& groups,
                                const std::string& domain)
{
	OpenIdProvider::User u;
	u.sub = unique(prefix);
	u.email = u.sub + "@" + domain;
	u.emailVerified = true;
	u.name = "Test " + prefix;
	u.preferredUsername = u.sub;
	u.groups = groups;
	_pProvider->setUser(u);
	return u.sub;
}


void SsoApiTest::setGroups(const std::string& sub, const std::vector<std::string>& groups, const std::string& domain)
{
	OpenIdProvider::User u;
	u.sub = sub;
	u.email = sub + "@" + domain;
	u.emailVerified = true;
	u.name = "Test " + sub;
	u.preferredUsername = sub;
	u.groups = groups;
	_pProvider->setUser(u);
}


std::string SsoApiTest::jwt(const std::string& sub, const std::string& issuer)
{
	return _pProvider->idToken(issuer, sub);
}


Poco::Int64 SsoApiTest::connect(const User& owner, const std::string& org, bool enforced, bool withDefault,
                                Poco::Int64 workspace)
{
	const std::string body =
	    "{\"name\":\"Corp\",\"issuer\":\"" + _pProvider->issuer(OpenIdProvider::OTHER) + "\",\"audience\":\"" +
	    _pProvider->clientId(OpenIdProvider::OTHER) +
	    "\",\"domains\":[\"acme.test\"],\"enforced\":" + (enforced ? "true" : "false") +
	    ",\"default_role\":" + (withDefault ? "\"member\"" : "null") +
	    ",\"rules\":[{\"claim\":\"groups\",\"operator\":\"contains\",\"value\":\"eng-admins\",\"role\":\"admin\"}," +
	    "{\"claim\":\"groups\",\"value\":\"labelers\",\"workspace_id\":" + std::to_string(workspace) +
	    ",\"role\":\"editor\"}]}";
	Response r = client().post(API + "/orgs/" + org + "/sso-connections", body, owner.token);
	ASSERT_STATUS(r, 201);
	return number(r.json(), "id");
}


std::string SsoApiTest::usernameOf(const std::string& token)
{
	Response r = client().get(API + "/me", "", token);
	ASSERT_STATUS(r, 200);
	return r.json()->getObject("account")->getValue<std::string>("username");
}


std::string SsoApiTest::roleOf(const User& owner, const std::string& org, const std::string& username)
{
	Response r = client().get(API + "/orgs/" + org + "/members/" + username, "", owner.token);
	if (r.status == 404)
		return "(none)";
	ASSERT_STATUS(r, 200);
	return text(r.json(), "role");
}


void SsoApiTest::testRoutes()
{
	startWith();
	const User ada = signUp(unique("ada"));
	const User mia = signUp(unique("mia"));
	const User eve = signUp(unique("eve"));
	const std::string org = unique("acme");
	const Poco::Int64 orgId = createOrganization(ada, org);
	addMember(ada, org, mia.username);
	const Poco::Int64 ws =
	    number(client().post(API + "/orgs/" + org + "/workspaces", json({{"name", "Team A"}}), ada.token).json(), "id");
	const Poco::Int64 id = connect(ada, org, false, true, ws);
	const std::string base = API + "/orgs/" + org + "/sso-connections";

	Response r = client().get(base + "/" + std::to_string(id), "", ada.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(orgId, number(r.json(), "organization_id"));
	CPPUNIT_ASSERT(isNull(r.json(), "issuer_name"));
	CPPUNIT_ASSERT_EQUAL(std::string("member"), text(r.json(), "default_role"));
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), r.json()->getArray("rules")->size());
	CPPUNIT_ASSERT_EQUAL(std::string("workspace"), text(r.json()->getArray("rules")->getObject(1), "target"));
	r = client().get(base, "", ada.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), items(r)->size());

	r = client().patch(base + "/" + std::to_string(id), "{\"enforced\":true,\"default_role\":null}", ada.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT(flag(r.json(), "enforced"));
	CPPUNIT_ASSERT(isNull(r.json(), "default_role"));

	ASSERT_PROBLEM(client().post(base, "{\"name\":\"X\",\"issuer\":\"http://idp.test\",\"audience\":\"a\"}", ada.token),
	               400, "invalid_issuer");
	ASSERT_PROBLEM(
	    client().post(base, "{\"name\":\"X\",\"issuer_name\":\"primary\",\"domains\":[\"gmail.com\"]}", ada.token), 400,
	    "public_domain");
	ASSERT_PROBLEM(
	    client().post(base, "{\"name\":\"X\",\"issuer_name\":\"nope\",\"domains\":[\"acme.test\"]}", ada.token), 400,
	    "unknown_issuer");
	ASSERT_PROBLEM(
	    client().post(base, "{\"name\":\"X\",\"issuer_name\":\"primary\",\"domains\":[\"acme.test\"],\"enforced\":1}",
	                  ada.token),
	    400, "invalid_type");
	r = client().post(base, "{\"name\":\"Shared\",\"issuer_name\":\"primary\",\"domains\":[\"Acme.Test\"]}", ada.token);
	ASSERT_STATUS(r, 201);
	CPPUNIT_ASSERT_EQUAL(std::string("acme.test"), r.json()->getArray("domains")->getElement<std::string>(0));

	ASSERT_PROBLEM(client().get(base, "", eve.token), 404, "organization_not_found");
	ASSERT_PROBLEM(client().get(base + "/" + std::to_string(id), "", mia.token), 403, "permission_denied");
	ASSERT_PROBLEM(client().get(base + "/999999", "", ada.token), 404, "sso_connection_not_found");
	ASSERT_STATUS(client().del(base + "/" + std::to_string(id), "", ada.token), 204);
	ASSERT_PROBLEM(client().get(base + "/" + std::to_string(id), "", ada.token), 404, "sso_connection_not_found");
}


void SsoApiTest::testFirstSignInProvisionsAndMaps()
{
	startWith();
	const User ada = signUp(unique("ada"));
	const std::string org = unique("acme");
	createOrganization(ada, org);
	const Poco::Int64 ws =
	    number(client().post(API + "/orgs/" + org + "/workspaces", json({{"name", "Team A"}}), ada.token).json(), "id");
	connect(ada, org, false, true, ws);

	const std::string admin = newUser("alice", {"eng-admins"});
	const std::string labeler = newUser("bob", {"labelers"});
	const std::string adminName = usernameOf(jwt(admin)); // the first request provisions and maps
	const std::string labelerName = usernameOf(jwt(labeler));
	CPPUNIT_ASSERT_EQUAL(std::string("admin"), roleOf(ada, org, adminName));
	CPPUNIT_ASSERT_EQUAL(std::string("member"), roleOf(ada, org, labelerName));
	Response r = client().get(API + "/orgs/" + org + "/workspaces/" + std::to_string(ws) + "/members", "", ada.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT(usernames(r).count(labelerName) == 1);
	// The joiner sees the organization with its own token.
	ASSERT_STATUS(client().get(API + "/orgs/" + org, "", jwt(labeler)), 200);
	// The audit names the connection.
	r = client().get(API + "/orgs/" + org + "/audit?action=sso.joined", "", ada.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), items(r)->size());

	// A token of the configured, shared issuer is not this connection's: no membership.
	const std::string shared = newUser("carl", {"eng-admins"});
	const std::string sharedName = usernameOf(jwt(shared, OpenIdProvider::PRIMARY));
	CPPUNIT_ASSERT_EQUAL(std::string("(none)"), roleOf(ada, org, sharedName));
}


void SsoApiTest::testSharedIssuerNeedsVerifiedDomain()
{
	Orgs::Test::DnsServer dns;
	startWith({{"orgs.domains.nameservers", dns.nameserver()}});
	const User ada = signUp(unique("ada"));
	const std::string org = unique("acme");
	createOrganization(ada, org);
	const std::string domain = unique("corp") + ".test";
	Response r = client().post(API + "/orgs/" + org + "/sso-connections",
	                           "{\"name\":\"Shared\",\"issuer_name\":\"primary\",\"domains\":[\"" + domain +
	                               "\"],\"default_role\":\"member\"}",
	                           ada.token);
	ASSERT_STATUS(r, 201);
	const std::string connection = std::to_string(number(r.json(), "id"));

	// Named but not verified: the shared issuer's people of that domain stay out, and the test
	// endpoint says why.
	const std::string first = newUser("first", {}, domain);
	r = client().post(API + "/orgs/" + org + "/sso-connections/" + connection + "/test",
	                  json({{"token", jwt(first, OpenIdProvider::PRIMARY)}}), ada.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(std::string("domain_not_verified"), text(r.json(), "not_seen_because"));
	const std::string firstName = usernameOf(jwt(first, OpenIdProvider::PRIMARY));
	CPPUNIT_ASSERT_EQUAL(std::string("(none)"), roleOf(ada, org, firstName));

	// Verified through DNS: the next person of the domain joins on first sign-in.
	r = client().post(API + "/orgs/" + org + "/domains", json({{"domain", domain}}), ada.token);
	ASSERT_STATUS(r, 201);
	Poco::JSON::Object::Ptr challenge = r.json()->getObject("challenge");
	dns.setTxt(challenge->getValue<std::string>("name"), {challenge->getValue<std::string>("value")});
	ASSERT_STATUS(client().post(API + "/orgs/" + org + "/domains/" + domain + "/verify", "", ada.token), 200);
	const std::string second = newUser("second", {}, domain);
	const std::string secondName = usernameOf(jwt(second, OpenIdProvider::PRIMARY));
	CPPUNIT_ASSERT_EQUAL(std::string("member"), roleOf(ada, org, secondName));
}


void SsoApiTest::testGroupChangesMoveRoles()
{
	startWith();
	const User ada = signUp(unique("ada"));
	const std::string org = unique("acme");
	createOrganization(ada, org);
	const Poco::Int64 ws =
	    number(client().post(API + "/orgs/" + org + "/workspaces", json({{"name", "Team A"}}), ada.token).json(), "id");
	connect(ada, org, false, true, ws);
	const std::string sub = newUser("dora", {"eng-admins"});
	const std::string name = usernameOf(jwt(sub));
	CPPUNIT_ASSERT_EQUAL(std::string("admin"), roleOf(ada, org, name));
	// The groups change at the provider; the next sign-in (a new token) follows them.
	setGroups(sub, {"labelers"});
	usernameOf(jwt(sub));
	CPPUNIT_ASSERT_EQUAL(std::string("member"), roleOf(ada, org, name));
	Response r = client().get(API + "/orgs/" + org + "/audit?action=member.role_changed", "", ada.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), items(r)->size());
	setGroups(sub, {"eng-admins"});
	usernameOf(jwt(sub));
	CPPUNIT_ASSERT_EQUAL(std::string("admin"), roleOf(ada, org, name));
}


void SsoApiTest::testRemoveUnmatched()
{
	startWith({{"orgs.sso.removeUnmatched", "true"}});
	const User ada = signUp(unique("ada"));
	const std::string org = unique("acme");
	createOrganization(ada, org);
	const Poco::Int64 ws =
	    number(client().post(API + "/orgs/" + org + "/workspaces", json({{"name", "Team A"}}), ada.token).json(), "id");
	connect(ada, org, false, false, ws);
	const std::string sub = newUser("ed", {"eng-admins"});
	const std::string name = usernameOf(jwt(sub));
	CPPUNIT_ASSERT_EQUAL(std::string("admin"), roleOf(ada, org, name));
	setGroups(sub, {"labelers"}); // a workspace rule alone admits nobody
	usernameOf(jwt(sub));
	CPPUNIT_ASSERT_EQUAL(std::string("(none)"), roleOf(ada, org, name));
	ASSERT_PROBLEM(client().get(API + "/orgs/" + org, "", jwt(sub)), 404, "organization_not_found");
}


void SsoApiTest::testEnforcement()
{
	startWith();
	const User ada = signUp(unique("ada"));
	const std::string org = unique("acme");
	createOrganization(ada, org);
	const Poco::Int64 ws =
	    number(client().post(API + "/orgs/" + org + "/workspaces", json({{"name", "Team A"}}), ada.token).json(), "id");
	const Poco::Int64 id = connect(ada, org, true, true, ws);

	// A member of the connection's domain who signed up with a password-less personal token.
	const std::string carolName = unique("carol");
	const User carol = world().signUp(carolName, carolName + "@acme.test");
	addMember(ada, org, carol.username);
	ASSERT_PROBLEM(client().get(API + "/orgs/" + org, "", carol.token), 403, "sso_required");
	// The owner's email is elsewhere: not concerned. Non-members still get 404.
	ASSERT_STATUS(client().get(API + "/orgs/" + org, "", ada.token), 200);
	const User eve = world().signUp(unique("eve"), unique("eve") + "@acme.test");
	ASSERT_PROBLEM(client().get(API + "/orgs/" + org, "", eve.token), 404, "organization_not_found");

	// Through the connection: its tokens, and a personal token created with one.
	const std::string sub = newUser("fay", {"labelers"});
	const std::string token = jwt(sub);
	ASSERT_STATUS(client().get(API + "/orgs/" + org, "", token), 200);
	Response r = client().post(API + "/me/tokens", json({{"name", "cli"}}), token);
	ASSERT_STATUS(r, 201);
	const std::string pat = text(r.json(), "token");
	ASSERT_STATUS(client().get(API + "/orgs/" + org + "/members", "", pat), 200);
	// A personal token of the same account made otherwise is refused.
	r = client().post(API + "/me/tokens", json({{"name", "other"}}), pat);
	ASSERT_STATUS(r, 201);
	ASSERT_PROBLEM(client().get(API + "/orgs/" + org, "", text(r.json(), "token")), 403, "sso_required");

	// A token of another issuer (the configured one) is refused for this organization.
	const std::string other = newUser("gus", {});
	const std::string otherToken = jwt(other, OpenIdProvider::PRIMARY);
	addMember(ada, org, usernameOf(otherToken));
	ASSERT_PROBLEM(client().get(API + "/orgs/" + org, "", otherToken), 403, "sso_required");
	// Other organizations are not concerned.
	const std::string elsewhere = unique("beta");
	ASSERT_STATUS(client().post(API + "/orgs", json({{"username", elsewhere}, {"title", "Beta"}}), otherToken), 201);
	ASSERT_STATUS(client().get(API + "/orgs/" + elsewhere, "", otherToken), 200);

	// Not enforced any more: at once.
	ASSERT_STATUS(client().patch(API + "/orgs/" + org + "/sso-connections/" + std::to_string(id),
	                             "{\"enforced\":false}", ada.token),
	              200);
	ASSERT_STATUS(client().get(API + "/orgs/" + org, "", carol.token), 200);
}


void SsoApiTest::testTestEndpoint()
{
	startWith();
	const User ada = signUp(unique("ada"));
	const User mia = signUp(unique("mia"));
	const std::string org = unique("acme");
	createOrganization(ada, org);
	addMember(ada, org, mia.username);
	const Poco::Int64 ws =
	    number(client().post(API + "/orgs/" + org + "/workspaces", json({{"name", "Team A"}}), ada.token).json(), "id");
	const Poco::Int64 id = connect(ada, org, false, true, ws);
	const std::string path = API + "/orgs/" + org + "/sso-connections/" + std::to_string(id) + "/test";
	const std::string sub = newUser("hal", {"labelers", "eng-admins"});
	const std::string token = jwt(sub);

	Response r = client().get(path + "?token=" + token, "", ada.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT(flag(r.json(), "sees"));
	CPPUNIT_ASSERT(isNull(r.json(), "account")); // the sign-in would create it
	CPPUNIT_ASSERT_EQUAL(std::string("join"), text(r.json(), "action"));
	CPPUNIT_ASSERT_EQUAL(std::string("admin"), text(child(r.json(), "organization"), "role"));
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(0), number(child(r.json(), "organization"), "rule"));
	CPPUNIT_ASSERT(flag(child(r.json(), "admission"), "allowed"));
	CPPUNIT_ASSERT_EQUAL(std::string("Team A"), text(r.json()->getArray("workspaces")->getObject(0), "name"));
	// Nothing was done: no account, no member.
	r = client().get(API + "/orgs/" + org + "/members", "", ada.token);
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), items(r)->size());

	// After the sign-in, the same groups change nothing.
	usernameOf(token);
	r = client().post(path, "{\"token\":\"" + token + "\"}", ada.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT(flag(r.json(), "member"));
	CPPUNIT_ASSERT_EQUAL(std::string("nothing"), text(r.json(), "action"));

	ASSERT_PROBLEM(client().post(path, "{\"token\":\"" + jwt(sub, OpenIdProvider::PRIMARY) + "\"}", ada.token), 400,
	               "wrong_issuer");
	ASSERT_PROBLEM(client().post(path, "{\"token\":\"not.a.jwt\"}", ada.token), 400, "token_malformed");
	ASSERT_PROBLEM(client().get(path + "?token=" + token, "", mia.token), 403, "permission_denied");
	const User eve = signUp(unique("eve"));
	ASSERT_PROBLEM(client().get(path + "?token=" + token, "", eve.token), 404, "organization_not_found");
}


void SsoApiTest::testSeatsUnderConcurrentFirstSignIns()
{
	startWith({{"orgs.plans.free.maxMembers", "3"}});
	const User ada = signUp(unique("ada"));
	const std::string org = unique("acme");
	createOrganization(ada, org);
	const Poco::Int64 ws =
	    number(client().post(API + "/orgs/" + org + "/workspaces", json({{"name", "Team A"}}), ada.token).json(), "id");
	connect(ada, org, false, true, ws);
	const int N = 6;
	std::vector<std::string> tokens;
	for (int i = 0; i < N; ++i)
		tokens.push_back(jwt(newUser("seat" + std::to_string(i), {"labelers"})));
	const std::string baseUrl = world().host().baseUrl();
	StartGate gate(N);
	std::atomic<int> signedIn{0};
	std::vector<std::thread> threads;
	for (int i = 0; i < N; ++i)
	{
		threads.emplace_back([&, i] {
			Orgs::Test::HttpClient own(baseUrl);
			gate.arriveAndWait();
			// A full organization does not refuse the sign-in itself.
			if (own.get(API + "/me", "", tokens[static_cast<std::size_t>(i)]).status == 200)
				++signedIn;
		});
	}
	for (auto& t : threads)
		t.join();
	CPPUNIT_ASSERT_EQUAL(N, signedIn.load());
	Response r = client().get(API + "/orgs/" + org + "/members", "", ada.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(3), items(r)->size()); // the owner and two of the six
}
