//
// ScimConnectionTest.cpp
//
// Library: OrgsTests
// Package: Scim
// Module:  ScimConnectionTest
//


#include "ScimConnectionTest.h"
#include "support/Suites.h"
#include "support/TestRuntime.h"
#include "runtime/SsoModule.h"
#include "service/Secrets.h"
#include "Orgs/Errors.h"
#include "Orgs/ScimService.h"
#include "Orgs/SsoConnectionService.h"
#include "Poco/Data/Session.h"
#include "Poco/JSON/Object.h"
#include "Poco/JSON/Parser.h"


using namespace Orgs;
using namespace Poco::Data::Keywords;
using Orgs::Test::TestRuntime;


ORGS_TEST_SUITE(ScimConnectionTest, "ScimConnection", DATABASE);


namespace {


template <class Fn>
std::string reasonOf(Fn fn)
	/// Runs fn and returns the reason of the Orgs exception it throws, "(no exception)" if none.
{
	try
	{
		fn();
	}
	catch (OrgsException& exc)
	{
		return exc.reason();
	}
	return "(no exception)";
}


const std::string USER_URN = "urn:ietf:params:scim:schemas:core:2.0:User";
const std::string PATCH_URN = "urn:ietf:params:scim:api:messages:2.0:PatchOp";


struct Fixture
	/// A runtime with owner "ada" of "acme" and member "mia" (member role).
{
	Fixture()
	{
		rt.reset(new TestRuntime());
		ada = rt->account("ada");
		acme = rt->organization(ada, "acme");
		mia = rt->account("mia");
		MemberSpec spec;
		spec.account = "mia";
		rt->memberships().addMember(ada.id, "acme", spec);
	}

	ScimService& scim() { return *rt->runtime().scim(); }

	IssuedScimConnection connect(const std::string& name = "Okta")
	{
		ScimConnectionSpec spec;
		spec.name = name;
		return scim().createConnection(ada.id, "acme", spec);
	}

	ScimResponse call(const IssuedScimConnection& c, const std::string& method, const std::string& path,
	                  const std::string& body = std::string())
	{
		return call(c.token, c.connection.id, method, path, body);
	}

	ScimResponse call(const std::string& token, Id id, const std::string& method, const std::string& path,
	                  const std::string& body = std::string())
	{
		ScimRequest r;
		r.method = method;
		r.path = path;
		r.body = body;
		r.baseUrl = "https://orgs.example.com/api/v1/scim/v2/" + std::to_string(id);
		return scim().serve(token, id, r);
	}

	static Poco::JSON::Object::Ptr json(const ScimResponse& r)
	{
		Poco::JSON::Parser parser;
		return parser.parse(r.body).extract<Poco::JSON::Object::Ptr>();
	}

	static std::string user(const std::string& userName, const std::string& email)
	{
		return "{\"schemas\":[\"" + USER_URN + "\"],\"userName\":\"" + userName + "\",\"emails\":[{\"value\":\"" +
		       email + "\",\"type\":\"work\",\"primary\":true}],\"active\":true}";
	}

	std::string text(const std::string& sql, Id id)
	{
		Poco::Data::Session s = rt->database().session();
		std::string value;
		Poco::Int64 key = id;
		s << sql, use(key), into(value), now;
		return value;
	}

	void verifyDomain(const std::string& domain, const Account& a)
	{
		Poco::Data::Session s = rt->database().session();
		Poco::Int64 org = acme.id, account = a.id, at = 1;
		std::string d = domain, challenge = "c", mode = "off", role = "member";
		s << "INSERT INTO organization_domains (organization_id, domain, challenge, verified_at, verified_domain, "
		     "join_mode, join_role, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
		    use(org), use(d), use(challenge), use(at), use(d), use(mode), use(role), use(at), now;
		s << "UPDATE accounts SET email_verified = 1 WHERE id = ?", use(account), now;
	}

	std::string roleOf(const std::string& username)
	{
		try
		{
			return rt->memberships().getMember(ada.id, "acme", username).role;
		}
		catch (NotFoundException&)
		{
			return "(none)";
		}
	}

	std::unique_ptr<TestRuntime> rt;
	Account ada, mia;
	Organization acme;
};


} // namespace


void ScimConnectionTest::testCrudTokenShownOnceAndHashed()
{
	Fixture f;
	const IssuedScimConnection issued = f.connect();
	CPPUNIT_ASSERT(issued.token.compare(0, 10, "orgs_scim_") == 0);
	CPPUNIT_ASSERT(issued.token.size() > 40);
	CPPUNIT_ASSERT_EQUAL(issued.token.substr(0, 16), issued.connection.tokenPrefix);
	// Stored as its SHA-256 only.
	CPPUNIT_ASSERT_EQUAL(Service::Secrets::sha256Hex(issued.token),
	                     f.text("SELECT token_hash FROM scim_connections WHERE id = ?", issued.connection.id));
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(0),
	                     f.rt->scalar("SELECT COUNT(*) FROM scim_connections WHERE id = ? AND (token_hash LIKE "
	                                  "'orgs_scim_%' OR token_prefix = token_hash)",
	                                  issued.connection.id));
	const ScimConnection got = f.scim().getConnection(f.ada.id, "acme", issued.connection.id);
	CPPUNIT_ASSERT_EQUAL(issued.connection.name, got.name);
	CPPUNIT_ASSERT_EQUAL(issued.connection.tokenPrefix, got.tokenPrefix);
	CPPUNIT_ASSERT_EQUAL(std::size_t(1),
	                     f.scim().listConnections(f.ada.id, "acme", ScimConnectionQuery()).items.size());
	CPPUNIT_ASSERT_EQUAL(std::string("scim_connection_exists"), reasonOf([&] { f.connect(); }));

	ScimConnectionChanges changes;
	changes.name = std::string("Entra");
	changes.defaultRole = std::string("admin");
	SsoMappingRule rule;
	rule.claim = "groups";
	rule.op = SsoMappingRule::CONTAINS;
	rule.value = "Engineering";
	rule.target = SsoMappingRule::ORGANIZATION;
	rule.role = "admin";
	changes.rules = std::vector<SsoMappingRule>{rule};
	const ScimConnection updated = f.scim().updateConnection(f.ada.id, "acme", issued.connection.id, changes);
	CPPUNIT_ASSERT_EQUAL(std::string("Entra"), updated.name);
	CPPUNIT_ASSERT_EQUAL(std::string("admin"), updated.defaultRole.value());
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), updated.rules.size());
	CPPUNIT_ASSERT_EQUAL(200, f.call(issued, "GET", "/ServiceProviderConfig").status);

	f.scim().deleteConnection(f.ada.id, "acme", issued.connection.id);
	CPPUNIT_ASSERT_EQUAL(std::string("scim_connection_not_found"),
	                     reasonOf([&] { f.scim().getConnection(f.ada.id, "acme", issued.connection.id); }));
	CPPUNIT_ASSERT_EQUAL(401, f.call(issued, "GET", "/ServiceProviderConfig").status); // revoked with it
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(3),
	                     f.rt->scalar("SELECT COUNT(*) FROM audit_events WHERE organization_id = ? AND action IN "
	                                  "('scim_connection.created', 'scim_connection.updated', "
	                                  "'scim_connection.deleted')",
	                                  f.acme.id));
}


void ScimConnectionTest::testListedConnectionsCarryTheirOwnRules()
{
	// A page of connections reads its rules in one statement over a range of ids, which holds
	// connections of other organizations too: each connection gets its own rules, in order.
	Fixture f;
	f.rt->organization(f.ada, "beta");
	const auto rule = [](const std::string& group, const std::string& role) {
		SsoMappingRule r;
		r.claim = "groups";
		r.op = SsoMappingRule::CONTAINS;
		r.value = group;
		r.target = SsoMappingRule::ORGANIZATION;
		r.role = role;
		return r;
	};
	const auto connect = [&](const std::string& org, const std::string& name,
	                         const std::vector<SsoMappingRule>& rules) {
		ScimConnectionSpec spec;
		spec.name = name;
		spec.rules = rules;
		return f.scim().createConnection(f.ada.id, org, spec).connection.id;
	};
	const Id first = connect("acme", "Okta", {rule("Eng", "admin"), rule("Ops", "member")});
	connect("beta", "Between", {rule("Beta", "admin")});
	const Id second = connect("acme", "Entra", {});
	const Id third = connect("acme", "Google", {rule("Sales", "member")});

	const Page<ScimConnection> page = f.scim().listConnections(f.ada.id, "acme", ScimConnectionQuery());
	CPPUNIT_ASSERT_EQUAL(std::size_t(3), page.items.size());
	CPPUNIT_ASSERT_EQUAL(first, page.items[0].id);
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), page.items[0].rules.size());
	CPPUNIT_ASSERT_EQUAL(std::string("Eng"), page.items[0].rules[0].value);
	CPPUNIT_ASSERT_EQUAL(std::string("Ops"), page.items[0].rules[1].value);
	CPPUNIT_ASSERT_EQUAL(second, page.items[1].id);
	CPPUNIT_ASSERT(page.items[1].rules.empty());
	CPPUNIT_ASSERT_EQUAL(third, page.items[2].id);
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), page.items[2].rules.size());
	CPPUNIT_ASSERT_EQUAL(std::string("Sales"), page.items[2].rules[0].value);
	// Replaced rules are read back in their new order.
	ScimConnectionChanges changes;
	changes.rules = std::vector<SsoMappingRule>{rule("Ops", "admin"), rule("Eng", "member")};
	f.scim().updateConnection(f.ada.id, "acme", first, changes);
	const ScimConnection got = f.scim().getConnection(f.ada.id, "acme", first);
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), got.rules.size());
	CPPUNIT_ASSERT_EQUAL(std::string("Ops"), got.rules[0].value);
	CPPUNIT_ASSERT_EQUAL(std::string("member"), got.rules[1].role);
}


void ScimConnectionTest::testRotationStopsTheOldTokenAtOnce()
{
	Fixture f;
	const IssuedScimConnection first = f.connect();
	CPPUNIT_ASSERT_EQUAL(201, f.call(first, "POST", "/Users", Fixture::user("u1", "u1@corp.example")).status);
	const IssuedScimConnection second = f.scim().rotateToken(f.ada.id, "acme", first.connection.id);
	CPPUNIT_ASSERT(second.token != first.token);
	CPPUNIT_ASSERT(second.connection.tokenPrefix != first.connection.tokenPrefix);
	const ScimResponse refused = f.call(first, "GET", "/Users");
	CPPUNIT_ASSERT_EQUAL(401, refused.status);
	CPPUNIT_ASSERT_EQUAL(std::string("401"), Fixture::json(refused)->getValue<std::string>("status"));
	CPPUNIT_ASSERT_EQUAL(200, f.call(second, "GET", "/Users").status);
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), f.rt->scalar("SELECT COUNT(*) FROM audit_events WHERE organization_id = ? "
	                                                  "AND action = 'scim_connection.token_rotated'",
	                                                  f.acme.id));
	// A personal access token is no SCIM token.
	const IssuedToken personal = f.rt->accounts().createToken(f.ada.id, "cli");
	CPPUNIT_ASSERT_EQUAL(401, f.call(personal.secret, first.connection.id, "GET", "/Users").status);
}


void ScimConnectionTest::testPermissions()
{
	Fixture f;
	const IssuedScimConnection c = f.connect();
	const Account eve = f.rt->account("eve");
	CPPUNIT_ASSERT_EQUAL(std::string("permission_denied"),
	                     reasonOf([&] { f.scim().listConnections(f.mia.id, "acme", ScimConnectionQuery()); }));
	CPPUNIT_ASSERT_EQUAL(std::string("permission_denied"),
	                     reasonOf([&] { f.scim().rotateToken(f.mia.id, "acme", c.connection.id); }));
	CPPUNIT_ASSERT_EQUAL(std::string("permission_denied"),
	                     reasonOf([&] { f.scim().deleteConnection(f.mia.id, "acme", c.connection.id); }));
	CPPUNIT_ASSERT_EQUAL(std::string("organization_not_found"),
	                     reasonOf([&] { f.scim().getConnection(eve.id, "acme", c.connection.id); }));
	ScimConnectionSpec spec;
	spec.name = "x";
	CPPUNIT_ASSERT_EQUAL(std::string("organization_not_found"),
	                     reasonOf([&] { f.scim().createConnection(eve.id, "acme", spec); }));
	// Another organization's connection is not found, through the service and the protocol.
	const Organization other = f.rt->organization(eve, "other");
	ScimConnectionSpec theirs;
	theirs.name = "Theirs";
	const IssuedScimConnection foreign = f.scim().createConnection(eve.id, "other", theirs);
	CPPUNIT_ASSERT_EQUAL(std::string("scim_connection_not_found"),
	                     reasonOf([&] { f.scim().getConnection(f.ada.id, "acme", foreign.connection.id); }));
	CPPUNIT_ASSERT_EQUAL(404, f.call(c.token, foreign.connection.id, "GET", "/Users").status);
	CPPUNIT_ASSERT_EQUAL(404, f.call(foreign.token, c.connection.id, "GET", "/Users").status);
}


void ScimConnectionTest::testValidation()
{
	Fixture f;
	ScimConnectionSpec spec;
	spec.name = "";
	CPPUNIT_ASSERT_EQUAL(std::string("invalid_name"),
	                     reasonOf([&] { f.scim().createConnection(f.ada.id, "acme", spec); }));
	spec.name = "Okta";
	SsoMappingRule rule;
	rule.claim = "email";
	rule.op = SsoMappingRule::CONTAINS;
	rule.value = "x";
	rule.target = SsoMappingRule::ORGANIZATION;
	rule.role = "admin";
	spec.rules = {rule};
	CPPUNIT_ASSERT_EQUAL(std::string("invalid_rule"),
	                     reasonOf([&] { f.scim().createConnection(f.ada.id, "acme", spec); }));
	spec.rules[0].claim = "groups";
	spec.rules[0].role = "emperor";
	CPPUNIT_ASSERT_EQUAL(std::string("unknown_role"),
	                     reasonOf([&] { f.scim().createConnection(f.ada.id, "acme", spec); }));
	spec.rules.clear();
	spec.defaultRole = std::string("emperor");
	CPPUNIT_ASSERT_EQUAL(std::string("unknown_role"),
	                     reasonOf([&] { f.scim().createConnection(f.ada.id, "acme", spec); }));
	spec.defaultRole.clear();
	f.scim().createConnection(f.ada.id, "acme", spec);
	CPPUNIT_ASSERT_EQUAL(std::string("scim_connection_exists"),
	                     reasonOf([&] { f.scim().createConnection(f.ada.id, "acme", spec); }));
}


void ScimConnectionTest::testLinkingNeedsVerifiedEmailInVerifiedDomain()
{
	Fixture f;
	const IssuedScimConnection c = f.connect();
	// carl@example.com exists, but acme proved no domain: a new account.
	const Account carl = f.rt->account("carl");
	const Account bob = f.rt->account("bob");
	ScimResponse r = f.call(c, "POST", "/Users", Fixture::user("carl@example.com", "carl@example.com"));
	CPPUNIT_ASSERT_EQUAL(201, r.status);
	const std::string first = Fixture::json(r)->getValue<std::string>("id");
	CPPUNIT_ASSERT(f.text("SELECT CAST(account_id AS CHAR(20)) FROM scim_users WHERE id = ?", std::stoll(first)) !=
	               std::to_string(carl.id));
	CPPUNIT_ASSERT_EQUAL(std::string("(none)"), f.roleOf("carl"));
	// Once acme verified example.com and bob's email is verified: linked, not duplicated.
	f.verifyDomain("example.com", bob);
	r = f.call(c, "POST", "/Users", Fixture::user("robert", "bob@example.com"));
	CPPUNIT_ASSERT_EQUAL(201, r.status);
	const std::string second = Fixture::json(r)->getValue<std::string>("id");
	CPPUNIT_ASSERT_EQUAL(
	    std::to_string(bob.id),
	    f.text("SELECT CAST(account_id AS CHAR(20)) FROM scim_users WHERE id = ?", std::stoll(second)));
	CPPUNIT_ASSERT_EQUAL(std::string("member"), f.roleOf("bob"));
	// A linked account keeps its own profile.
	r = f.call(c, "PUT", "/Users/" + second,
	           "{\"schemas\":[\"" + USER_URN +
	               "\"],\"userName\":\"robert\",\"displayName\":\"Robert Tables\",\"emails\":[{\"value\":"
	               "\"bob@example.com\",\"primary\":true}]}");
	CPPUNIT_ASSERT_EQUAL(200, r.status);
	CPPUNIT_ASSERT_EQUAL(std::string("Test bob"), f.rt->accounts().getAccount(bob.id).name);
	// Deleted: the membership goes, the account lives on.
	CPPUNIT_ASSERT_EQUAL(204, f.call(c, "DELETE", "/Users/" + second).status);
	CPPUNIT_ASSERT_EQUAL(std::string("(none)"), f.roleOf("bob"));
	CPPUNIT_ASSERT_EQUAL(bob.id, f.rt->accounts().getAccount(bob.id).id);
}


void ScimConnectionTest::testOwnerIsNeverDeprovisioned()
{
	Fixture f;
	const IssuedScimConnection c = f.connect();
	f.verifyDomain("example.com", f.ada);
	ScimResponse r = f.call(c, "POST", "/Users", Fixture::user("ada", "ada@example.com"));
	CPPUNIT_ASSERT_EQUAL(201, r.status);
	const std::string id = Fixture::json(r)->getValue<std::string>("id");
	r = f.call(c, "PATCH", "/Users/" + id,
	           "{\"schemas\":[\"" + PATCH_URN +
	               "\"],\"Operations\":[{\"op\":\"Replace\",\"path\":\"active\","
	               "\"value\":\"False\"}]}");
	CPPUNIT_ASSERT_EQUAL(409, r.status);
	CPPUNIT_ASSERT_EQUAL(std::string("409"), Fixture::json(r)->getValue<std::string>("status"));
	CPPUNIT_ASSERT_EQUAL(std::string("mutability"), Fixture::json(r)->getValue<std::string>("scimType"));
	CPPUNIT_ASSERT(Fixture::json(r)->getValue<std::string>("detail").find("owner") != std::string::npos);
	CPPUNIT_ASSERT_EQUAL(409, f.call(c, "DELETE", "/Users/" + id).status);
	CPPUNIT_ASSERT(f.rt->memberships().getMember(f.ada.id, "acme", "ada").owner);
	// Nothing was written: the user is still active.
	CPPUNIT_ASSERT(Fixture::json(f.call(c, "GET", "/Users/" + id))->getValue<bool>("active"));
}


void ScimConnectionTest::testSsoDefersToTheDirectory()
{
	Fixture f;
	const IssuedScimConnection c = f.connect();
	ScimResponse r = f.call(c, "POST", "/Users", Fixture::user("zoe", "zoe@corp.example"));
	CPPUNIT_ASSERT_EQUAL(201, r.status);
	const std::string id = Fixture::json(r)->getValue<std::string>("id");
	const Id zoe =
	    std::stoll(f.text("SELECT CAST(account_id AS CHAR(20)) FROM scim_users WHERE id = ?", std::stoll(id)));
	const std::string zoeName = f.rt->accounts().getAccount(zoe).username;
	CPPUNIT_ASSERT_EQUAL(std::string("member"), f.roleOf(zoeName));

	SsoConnectionSpec sso;
	sso.name = "Idp";
	sso.issuer = "https://idp.example.com";
	sso.audience = "orgs";
	sso.domains = {"corp.example"};
	sso.defaultRole = std::string("member");
	SsoMappingRule admins;
	admins.claim = "groups";
	admins.op = SsoMappingRule::CONTAINS;
	admins.value = "admins";
	admins.target = SsoMappingRule::ORGANIZATION;
	admins.role = "admin";
	sso.rules = {admins};
	const SsoConnection connection = f.rt->runtime().ssoConnections()->createConnection(f.ada.id, "acme", sso);
	Federation::VerifiedToken token;
	token.issuer = sso.issuer;
	token.audience = "orgs";
	token.subject = "zoe";
	token.email = "zoe@corp.example";
	token.emailVerified = true;
	token.groups = {"admins"};
	token.pClaims = new Poco::JSON::Object;
	// Managed by the directory: SSO does not make zoe an admin.
	f.rt->runtime().sso().signInStep().apply(connection, zoe, token);
	CPPUNIT_ASSERT_EQUAL(std::string("member"), f.roleOf(zoeName));
	// Deprovisioned: SSO does not bring zoe back.
	r = f.call(c, "PATCH", "/Users/" + id,
	           "{\"schemas\":[\"" + PATCH_URN +
	               "\"],\"Operations\":[{\"op\":\"replace\",\"value\":{\"active\":false}}]}");
	CPPUNIT_ASSERT_EQUAL(200, r.status);
	CPPUNIT_ASSERT_EQUAL(std::string("(none)"), f.roleOf(zoeName));
	const SsoTestReport report = f.rt->runtime().sso().signInStep().apply(connection, zoe, token);
	CPPUNIT_ASSERT_EQUAL(std::string("nothing"), report.action);
	CPPUNIT_ASSERT_EQUAL(std::string("(none)"), f.roleOf(zoeName));
	// An SSO user the directory never provisioned joins as before.
	const Account kim = f.rt->account("kim");
	token.subject = "kim";
	token.email = kim.email;
	CPPUNIT_ASSERT_EQUAL(std::string("join"),
	                     f.rt->runtime().sso().signInStep().apply(connection, kim.id, token).action);
}
