//
// TestPeersTest.cpp
//
// Library: OrgsTests
// Package: Support
// Module:  TestPeersTest
//


#include "TestPeersTest.h"
#include "support/DnsServer.h"
#include "support/OpenIdProvider.h"
#include "support/Suites.h"
#include "Poco/Exception.h"
#include "Poco/JSON/Array.h"
#include "Poco/JSON/Parser.h"
#include "Poco/UUIDGenerator.h"
#include <algorithm>
#include <string>
#include <vector>


using Orgs::Test::DnsServer;
using Orgs::Test::OpenIdProvider;


ORGS_TEST_SUITE(TestPeersTest, "TestPeers", SQLITE);


namespace {


std::string uniqueSub(const std::string& name)
{
	return name + "-" + Poco::UUIDGenerator::defaultGenerator().createRandom().toString().substr(0, 8);
}


OpenIdProvider::User user(const std::string& sub, const std::vector<std::string>& groups)
{
	OpenIdProvider::User u;
	u.sub = sub;
	u.email = sub + "@acme.test";
	u.emailVerified = true;
	u.name = "Test " + sub;
	u.preferredUsername = sub;
	u.groups = groups;
	return u;
}


std::vector<std::string> jwksKids(const OpenIdProvider& provider, const std::string& issuer)
{
	Poco::JSON::Parser parser;
	Poco::JSON::Object::Ptr jwks =
	    parser.parse(provider.get(provider.jwksUri(issuer))).extract<Poco::JSON::Object::Ptr>();
	Poco::JSON::Array::Ptr keys = jwks->getArray("keys");
	std::vector<std::string> kids;
	for (unsigned i = 0; i < keys->size(); ++i)
	{
		Poco::JSON::Object::Ptr key = keys->getObject(i);
		CPPUNIT_ASSERT_MESSAGE("a public key only", !key->has("d"));
		kids.push_back(key->getValue<std::string>("kid"));
	}
	return kids;
}


std::vector<std::string> groupsOf(const Poco::JSON::Object::Ptr& claims)
{
	std::vector<std::string> groups;
	Poco::JSON::Array::Ptr array = claims->getArray("groups");
	for (unsigned i = 0; array && i < array->size(); ++i)
		groups.push_back(array->getElement<std::string>(i));
	return groups;
}


bool contains(const std::vector<std::string>& values, const std::string& value)
{
	return std::find(values.begin(), values.end(), value) != values.end();
}


} // namespace


void TestPeersTest::testSignInThroughBothIssuers()
{
	OpenIdProvider provider;
	const std::string sub = uniqueSub("ada");
	provider.setUser(user(sub, {"eng-admins", "labelers"}));
	CPPUNIT_ASSERT(provider.issuer(OpenIdProvider::PRIMARY) != provider.issuer(OpenIdProvider::OTHER));

	for (const std::string& issuer : provider.issuerNames())
	{
		const OpenIdProvider::Tokens tokens = provider.signIn(issuer, sub);
		CPPUNIT_ASSERT(!tokens.accessToken.empty());
		CPPUNIT_ASSERT_EQUAL(std::string("Bearer"), tokens.tokenType);
		Poco::JSON::Object::Ptr header = OpenIdProvider::header(tokens.idToken);
		Poco::JSON::Object::Ptr claims = OpenIdProvider::claims(tokens.idToken);
		CPPUNIT_ASSERT_EQUAL(std::string("RS256"), header->getValue<std::string>("alg"));
		CPPUNIT_ASSERT_EQUAL(provider.issuer(issuer), claims->getValue<std::string>("iss"));
		CPPUNIT_ASSERT_EQUAL(provider.clientId(issuer), claims->getValue<std::string>("aud"));
		CPPUNIT_ASSERT_EQUAL(sub, claims->getValue<std::string>("sub"));
		CPPUNIT_ASSERT_EQUAL(sub + "@acme.test", claims->getValue<std::string>("email"));
		CPPUNIT_ASSERT(claims->getValue<bool>("email_verified"));
		CPPUNIT_ASSERT_EQUAL("Test " + sub, claims->getValue<std::string>("name"));
		CPPUNIT_ASSERT_EQUAL(sub, claims->getValue<std::string>("preferred_username"));
		CPPUNIT_ASSERT((groupsOf(claims) == std::vector<std::string>{"eng-admins", "labelers"}));
		const long lifetime = claims->getValue<long>("exp") - claims->getValue<long>("iat");
		CPPUNIT_ASSERT_EQUAL(3600L, lifetime);

		// Signed with the issuer's newest RS256 key, which its JWKS publishes.
		const std::string kid = header->getValue<std::string>("kid");
		const std::vector<std::string> kids = provider.kids(issuer);
		CPPUNIT_ASSERT_EQUAL(kids.front(), kid);
		CPPUNIT_ASSERT(kid.find(issuer + "-rs256-") == 0);
		CPPUNIT_ASSERT(kids == jwksKids(provider, issuer));
	}
	CPPUNIT_ASSERT(provider.kids(OpenIdProvider::PRIMARY) != provider.kids(OpenIdProvider::OTHER));

	// The provider reads the users file at each sign-in.
	OpenIdProvider::User changed = user(sub, {"viewers"});
	changed.emailVerified = false;
	provider.setUser(changed);
	Poco::JSON::Object::Ptr claims = OpenIdProvider::claims(provider.idToken(OpenIdProvider::PRIMARY, sub));
	CPPUNIT_ASSERT((groupsOf(claims) == std::vector<std::string>{"viewers"}));
	CPPUNIT_ASSERT(!claims->getValue<bool>("email_verified"));

	// Scopes decide the claims: without "groups" there are none.
	claims = OpenIdProvider::claims(provider.signIn(OpenIdProvider::OTHER, sub, "openid email").idToken);
	CPPUNIT_ASSERT(!claims->has("groups"));
	CPPUNIT_ASSERT(!claims->has("name"));
	CPPUNIT_ASSERT(claims->has("email"));
	provider.removeUser(sub);
}


void TestPeersTest::testUnknownAccountIsRefused()
{
	OpenIdProvider provider;
	const std::string sub = uniqueSub("nobody");
	CPPUNIT_ASSERT_THROW(provider.signIn(OpenIdProvider::PRIMARY, sub), Poco::IOException);
	provider.setUser(user(sub, {}));
	CPPUNIT_ASSERT(!provider.idToken(OpenIdProvider::PRIMARY, sub).empty());
	provider.removeUser(sub);
	CPPUNIT_ASSERT_THROW(provider.signIn(OpenIdProvider::PRIMARY, sub), Poco::IOException);
}


void TestPeersTest::testKeyRotation()
{
	OpenIdProvider provider;
	const std::string sub = uniqueSub("rotor");
	provider.setUser(user(sub, {"eng"}));
	const std::vector<std::string> before = jwksKids(provider, OpenIdProvider::PRIMARY);
	const std::vector<std::string> otherBefore = jwksKids(provider, OpenIdProvider::OTHER);
	const std::string oldKid =
	    OpenIdProvider::header(provider.idToken(OpenIdProvider::PRIMARY, sub))->getValue<std::string>("kid");
	CPPUNIT_ASSERT_EQUAL(before.front(), oldKid);

	const std::vector<std::string> kept = provider.rotateKeys(OpenIdProvider::PRIMARY, true);
	const std::vector<std::string> published = jwksKids(provider, OpenIdProvider::PRIMARY);
	CPPUNIT_ASSERT(kept == published);
	CPPUNIT_ASSERT_EQUAL(before.size() + 2, published.size());
	CPPUNIT_ASSERT(!contains(before, published[0]) && !contains(before, published[1]));
	CPPUNIT_ASSERT(contains(published, oldKid));
	const std::string newKid =
	    OpenIdProvider::header(provider.idToken(OpenIdProvider::PRIMARY, sub))->getValue<std::string>("kid");
	CPPUNIT_ASSERT_EQUAL(published.front(), newKid);

	const std::vector<std::string> dropped = provider.rotateKeys(OpenIdProvider::PRIMARY, false);
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), dropped.size());
	CPPUNIT_ASSERT(dropped == jwksKids(provider, OpenIdProvider::PRIMARY));
	CPPUNIT_ASSERT(!contains(dropped, oldKid) && !contains(dropped, newKid));
	CPPUNIT_ASSERT_EQUAL(
	    dropped.front(),
	    OpenIdProvider::header(provider.idToken(OpenIdProvider::PRIMARY, sub))->getValue<std::string>("kid"));

	CPPUNIT_ASSERT(otherBefore == jwksKids(provider, OpenIdProvider::OTHER));
	provider.removeUser(sub);
}


void TestPeersTest::testAlgorithmAndShortLivedToken()
{
	OpenIdProvider provider;
	const std::string sub = uniqueSub("brief");
	OpenIdProvider::User u = user(sub, {"eng"});
	u.idTokenTtl = 2;
	provider.setUser(u);
	Poco::JSON::Object::Ptr claims = OpenIdProvider::claims(provider.idToken(OpenIdProvider::PRIMARY, sub));
	CPPUNIT_ASSERT_EQUAL(2L, claims->getValue<long>("exp") - claims->getValue<long>("iat"));

	provider.setSigningAlgorithm(OpenIdProvider::OTHER, "ES256");
	try
	{
		Poco::JSON::Object::Ptr header = OpenIdProvider::header(provider.idToken(OpenIdProvider::OTHER, sub));
		CPPUNIT_ASSERT_EQUAL(std::string("ES256"), header->getValue<std::string>("alg"));
		const std::string kid = header->getValue<std::string>("kid");
		CPPUNIT_ASSERT(kid.find("other-es256-") == 0);
		CPPUNIT_ASSERT(contains(jwksKids(provider, OpenIdProvider::OTHER), kid));
	}
	catch (...)
	{
		provider.setSigningAlgorithm(OpenIdProvider::OTHER, "RS256");
		throw;
	}
	provider.setSigningAlgorithm(OpenIdProvider::OTHER, "RS256");
	CPPUNIT_ASSERT_EQUAL(
	    std::string("RS256"),
	    OpenIdProvider::header(provider.idToken(OpenIdProvider::OTHER, sub))->getValue<std::string>("alg"));
	CPPUNIT_ASSERT_THROW(provider.setSigningAlgorithm(OpenIdProvider::OTHER, "none"), Poco::IOException);
	provider.removeUser(sub);
}


void TestPeersTest::testDnsTxtRecords()
{
	DnsServer dns;
	CPPUNIT_ASSERT_EQUAL("127.0.0.1:" + std::to_string(dns.port()), dns.nameserver());
	const std::string name = "_orgs-challenge.acme.test";
	CPPUNIT_ASSERT(dns.queryTxt(name).empty());

	dns.setTxt(name, {"orgs-verification=first", "unrelated \"quoted\" text, with a comma"});
	std::vector<std::string> texts = dns.queryTxt(name);
	std::sort(texts.begin(), texts.end());
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), texts.size());
	CPPUNIT_ASSERT_EQUAL(std::string("orgs-verification=first"), texts[0]);
	CPPUNIT_ASSERT_EQUAL(std::string("unrelated \"quoted\" text, with a comma"), texts[1]);
	CPPUNIT_ASSERT(dns.queryTxt("_ORGS-challenge.ACME.test").size() == 2); // names are case-insensitive
	CPPUNIT_ASSERT(dns.queryTxt("other.acme.test").empty());

	dns.setTxt(name, {"orgs-verification=second"});
	CPPUNIT_ASSERT((dns.queryTxt(name) == std::vector<std::string>{"orgs-verification=second"}));
	dns.setTxt("_orgs-challenge.beta.test", {"b"});
	dns.removeTxt(name);
	CPPUNIT_ASSERT(dns.queryTxt(name).empty());
	CPPUNIT_ASSERT((dns.queryTxt("_orgs-challenge.beta.test") == std::vector<std::string>{"b"}));
	CPPUNIT_ASSERT(dns.log().find("query[TXT] _orgs-challenge.beta.test") != std::string::npos);
	CPPUNIT_ASSERT_THROW(dns.setTxt("bad name", {"x"}), Poco::InvalidArgumentException);
}
