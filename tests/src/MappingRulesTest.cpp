//
// MappingRulesTest.cpp
//
// Library: OrgsTests
// Package: Identity
// Module:  MappingRulesTest
//


#include "MappingRulesTest.h"
#include "support/Suites.h"
#include "identity/MappingRules.h"
#include "Poco/JSON/Parser.h"


using namespace Orgs;
using Orgs::Federation::MappingRules;
using Orgs::Federation::VerifiedToken;


ORGS_TEST_SUITE(MappingRulesTest, "MappingRules", UNIT);


namespace {


SsoMappingRule orgRule(const std::string& claim, const std::string& op, const std::string& value,
                       const std::string& role)
{
	SsoMappingRule r;
	r.claim = claim;
	r.op = op;
	r.value = value;
	r.target = SsoMappingRule::ORGANIZATION;
	r.role = role;
	return r;
}


SsoMappingRule wsRule(const std::string& value, Id workspace, const std::string& role)
{
	SsoMappingRule r = orgRule("groups", SsoMappingRule::CONTAINS, value, role);
	r.target = SsoMappingRule::WORKSPACE;
	r.workspaceId = workspace;
	return r;
}


VerifiedToken token(const std::vector<std::string>& groups, const std::string& claims = "{}")
{
	VerifiedToken t;
	t.issuer = "https://idp.example.com";
	t.audience = "orgs";
	t.subject = "u1";
	t.email = "bob@example.com";
	t.emailVerified = true;
	t.groups = groups;
	Poco::JSON::Parser parser;
	t.pClaims = parser.parse(claims).extract<Poco::JSON::Object::Ptr>();
	return t;
}


const Poco::Nullable<std::string> NO_DEFAULT;


} // namespace


void MappingRulesTest::testFirstMatchPerScopeWins()
{
	const std::vector<SsoMappingRule> rules{
	    orgRule("groups", "contains", "eng-admins", "admin"), // 0
	    wsRule("labelers", 7, "editor"),                      // 1
	    orgRule("groups", "contains", "eng", "member"),       // 2
	    wsRule("eng", 7, "admin"),                            // 3: workspace 7 is decided by rule 1
	    wsRule("eng", 8, "viewer"),                           // 4
	};
	MappingRules::Outcome o = MappingRules::evaluate(rules, NO_DEFAULT, token({"eng", "labelers", "eng-admins"}));
	CPPUNIT_ASSERT(o.admitted);
	CPPUNIT_ASSERT_EQUAL(std::string("admin"), o.role);
	CPPUNIT_ASSERT_EQUAL(std::size_t(0), o.orgRule.value());
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), o.workspaces.size());
	CPPUNIT_ASSERT_EQUAL(std::string("editor"), o.workspaces[7].role);
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), o.workspaces[7].rule);
	CPPUNIT_ASSERT_EQUAL(std::string("viewer"), o.workspaces[8].role);
	CPPUNIT_ASSERT_EQUAL(std::size_t(5), o.results.size());
	CPPUNIT_ASSERT(o.results[2].matched && !o.results[2].applied); // matched, but the organization was decided
	CPPUNIT_ASSERT(o.results[3].matched && !o.results[3].applied);
	CPPUNIT_ASSERT(o.results[4].applied);

	// Order decides, not rank: with "eng" first, the same groups give "member".
	const std::vector<SsoMappingRule> reversed{orgRule("groups", "contains", "eng", "member"),
	                                           orgRule("groups", "contains", "eng-admins", "admin")};
	o = MappingRules::evaluate(reversed, NO_DEFAULT, token({"eng", "eng-admins"}));
	CPPUNIT_ASSERT_EQUAL(std::string("member"), o.role);
	CPPUNIT_ASSERT(!o.byDefault);
}


void MappingRulesTest::testDefaultRoleAndNoAdmission()
{
	const std::vector<SsoMappingRule> rules{orgRule("groups", "contains", "eng-admins", "admin"),
	                                        wsRule("labelers", 7, "editor")};
	MappingRules::Outcome o = MappingRules::evaluate(rules, std::string("member"), token({"labelers"}));
	CPPUNIT_ASSERT(o.admitted);
	CPPUNIT_ASSERT(o.byDefault);
	CPPUNIT_ASSERT(o.orgRule.isNull());
	CPPUNIT_ASSERT_EQUAL(std::string("member"), o.role);
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), o.workspaces.size());

	o = MappingRules::evaluate(rules, NO_DEFAULT, token({"labelers"}));
	CPPUNIT_ASSERT(!o.admitted);
	CPPUNIT_ASSERT(o.role.empty());
	CPPUNIT_ASSERT(o.workspaces.empty());
	CPPUNIT_ASSERT(o.results[1].matched);
	CPPUNIT_ASSERT(!o.results[1].applied);

	// An empty default role is none.
	o = MappingRules::evaluate(rules, std::string(), token({}));
	CPPUNIT_ASSERT(!o.admitted);
}


void MappingRulesTest::testOperators()
{
	const SsoMappingRule contains = orgRule("groups", "contains", "eng", "admin");
	const SsoMappingRule equals = orgRule("groups", "equals", "eng", "admin");
	CPPUNIT_ASSERT(MappingRules::matches(contains, token({"ops", "eng"})));
	CPPUNIT_ASSERT(!MappingRules::matches(contains, token({"engineering"}))); // elements, not substrings
	CPPUNIT_ASSERT(!MappingRules::matches(contains, token({"ENG"})));         // byte for byte
	CPPUNIT_ASSERT(!MappingRules::matches(equals, token({"ops", "eng"})));
	CPPUNIT_ASSERT(MappingRules::matches(equals, token({"eng"})));
	CPPUNIT_ASSERT(!MappingRules::matches(contains, token({})));
}


void MappingRulesTest::testOtherClaims()
{
	const VerifiedToken t =
	    token({}, R"({"department": "research", "roles": ["a", "b"], "staff": true, "level": 3, "nested": {"x": 1}})");
	CPPUNIT_ASSERT(MappingRules::matches(orgRule("department", "equals", "research", "x"), t));
	CPPUNIT_ASSERT(MappingRules::matches(orgRule("department", "contains", "research", "x"), t));
	CPPUNIT_ASSERT(MappingRules::matches(orgRule("roles", "contains", "b", "x"), t));
	CPPUNIT_ASSERT(!MappingRules::matches(orgRule("roles", "equals", "b", "x"), t));
	CPPUNIT_ASSERT(MappingRules::matches(orgRule("staff", "equals", "true", "x"), t));
	CPPUNIT_ASSERT(!MappingRules::matches(orgRule("staff", "equals", "false", "x"), t));
	CPPUNIT_ASSERT(MappingRules::matches(orgRule("level", "equals", "3", "x"), t));
	CPPUNIT_ASSERT(!MappingRules::matches(orgRule("nested", "contains", "1", "x"), t));
	CPPUNIT_ASSERT(!MappingRules::matches(orgRule("missing", "contains", "", "x"), t));
	// "groups" reads the claims when the verifier found no groups there.
	const VerifiedToken raw = token({}, R"({"groups": ["g1"]})");
	CPPUNIT_ASSERT(MappingRules::matches(orgRule("groups", "contains", "g1", "x"), raw));
}


void MappingRulesTest::testRoleClaim()
{
	auto isRole = [](const std::string& r) { return r == "reviewer" || r == "manager"; };
	const std::vector<SsoMappingRule> rules{orgRule("groups", "contains", "ls-admins", "administrator")};
	MappingRules::Outcome o = MappingRules::evaluate(
	    rules, std::string("annotator"), token({}, R"({"orgs_role": ["owner", "reviewer"]})"), "orgs_role", isRole);
	CPPUNIT_ASSERT(o.byClaim);
	CPPUNIT_ASSERT_EQUAL(std::string("reviewer"), o.role); // "owner" is no role to give
	// A rule comes first; an unknown claimed role falls to the default.
	o = MappingRules::evaluate(rules, std::string("annotator"), token({"ls-admins"}, R"({"orgs_role": "manager"})"),
	                           "orgs_role", isRole);
	CPPUNIT_ASSERT_EQUAL(std::string("administrator"), o.role);
	o = MappingRules::evaluate(rules, std::string("annotator"), token({}, R"({"orgs_role": "boss"})"), "orgs_role",
	                           isRole);
	CPPUNIT_ASSERT(o.byDefault);
	CPPUNIT_ASSERT_EQUAL(std::string("annotator"), o.role);
}


void MappingRulesTest::testSharedIssuerSeesOnlyVerifiedDomains()
{
	SsoConnection c;
	c.issuerName = "google";
	c.domains = {"example.com"};
	VerifiedToken t = token({});
	t.issuerName = "google";
	std::string why;
	CPPUNIT_ASSERT(MappingRules::sees(c, t, why));
	t.emailVerified = false;
	CPPUNIT_ASSERT(!MappingRules::sees(c, t, why));
	CPPUNIT_ASSERT_EQUAL(std::string("email_not_verified"), why);
	t.emailVerified = true;
	t.email = "eve@example.org";
	CPPUNIT_ASSERT(!MappingRules::sees(c, t, why));
	CPPUNIT_ASSERT_EQUAL(std::string("domain"), why);
	t.email = "eve@sub.example.com"; // a subdomain is another domain
	CPPUNIT_ASSERT(!MappingRules::sees(c, t, why));
	t.email = "bob@example.com";
	t.issuerName = "okta";
	CPPUNIT_ASSERT(!MappingRules::sees(c, t, why));
	CPPUNIT_ASSERT_EQUAL(std::string("issuer"), why);
}


void MappingRulesTest::testOwnIssuerSeesItsAudience()
{
	SsoConnection c;
	c.issuer = "https://idp.example.com";
	c.audience = "orgs";
	c.domains = {"example.com"};
	VerifiedToken t = token({});
	t.emailVerified = false;
	t.email = "x@elsewhere.org"; // its own issuer: every token of it, whatever the email
	std::string why;
	CPPUNIT_ASSERT(MappingRules::sees(c, t, why));
	t.audience = "other";
	CPPUNIT_ASSERT(!MappingRules::sees(c, t, why));
	CPPUNIT_ASSERT_EQUAL(std::string("audience"), why);
	Poco::JSON::Parser parser;
	t.pClaims = parser.parse(R"({"aud": ["other", "orgs"]})").extract<Poco::JSON::Object::Ptr>();
	CPPUNIT_ASSERT(MappingRules::sees(c, t, why));
	t.issuer = "https://evil.example.com";
	CPPUNIT_ASSERT(!MappingRules::sees(c, t, why));
	CPPUNIT_ASSERT_EQUAL(std::string("issuer"), why);
	// A configured issuer with the same iss is that issuer, not this connection's.
	t.issuer = c.issuer;
	t.issuerName = "corp";
	CPPUNIT_ASSERT(!MappingRules::sees(c, t, why));
}
