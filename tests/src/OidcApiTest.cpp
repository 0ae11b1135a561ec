//
// OidcApiTest.cpp
//
// Library: OrgsTests
// Package: Identity
// Module:  OidcApiTest
//


#include "OidcApiTest.h"
#include "support/ForgedTokens.h"
#include "support/Racing.h"
#include "support/Suites.h"
#include "Poco/RegularExpression.h"
#include "Poco/Thread.h"
#include "Poco/UUIDGenerator.h"
#include <set>
#include <thread>
#include <vector>


ORGS_TEST_SUITE(OidcApiTest, "OidcApi", DATABASE);


using Orgs::Test::ForgedTokens;
using Orgs::Test::HostProcess;
using Orgs::Test::HttpClient;
using Orgs::Test::json;
using Orgs::Test::OpenIdProvider;


namespace {


std::string unique(const std::string& prefix)
{
	return prefix + "-" + Poco::UUIDGenerator::defaultGenerator().createRandom().toString().substr(0, 8);
}


Poco::Int64 accountId(const HttpClient::Response& me)
{
	return me.json()->getObject("account")->getValue<Poco::Int64>("id");
}


std::string username(const HttpClient::Response& me)
{
	return me.json()->getObject("account")->getValue<std::string>("username");
}


int fetchesLogged(HostProcess& host, const std::string& issuer)
	/// Counts the host's log lines that say it fetched the issuer's keys (logging.level information).
{
	const std::string output = host.output();
	const std::string line = "signing keys of " + issuer;
	int n = 0;
	for (std::string::size_type at = output.find(line); at != std::string::npos; at = output.find(line, at + 1))
		++n;
	return n;
}


} // namespace


void OidcApiTest::setUp()
{
	_pProvider.reset(new OpenIdProvider);
}


void OidcApiTest::tearDown()
{
	ApiTestCase::tearDown();
	_pProvider.reset();
}


HostProcess::Defines OidcApiTest::issuers(const HostProcess::Defines& extra) const
{
	HostProcess::Defines defines{
	    {"orgs.auth.oidc.primary.issuer", _pProvider->issuer(OpenIdProvider::PRIMARY)},
	    {"orgs.auth.oidc.primary.audience", _pProvider->clientId(OpenIdProvider::PRIMARY)},
	    {"orgs.auth.tls.caFile", _pProvider->caFile()},
	};
	for (const auto& kv : extra)
		defines[kv.first] = kv.second;
	return defines;
}


std::string OidcApiTest::newUser(const std::string& prefix, const std::string& email, bool verified,
                                 const std::string& preferredUsername, int ttl)
{
	OpenIdProvider::User u;
	u.sub = unique(prefix);
	u.email = email;
	u.emailVerified = verified;
	u.name = "Test " + prefix;
	u.preferredUsername = preferredUsername;
	u.idTokenTtl = ttl;
	_pProvider->setUser(u);
	return u.sub;
}


OidcApiTest::Response OidcApiTest::me(const std::string& jwt)
{
	return client().get(API + "/me", "", jwt);
}


void OidcApiTest::testBearerJwtOnRoutes()
{
	start(issuers());
	const std::string handle = unique("ada");
	const std::string sub = newUser("ada", handle + "@acme.test", true, handle);
	const std::string jwt = _pProvider->idToken(OpenIdProvider::PRIMARY, sub);

	// The first request provisions the account; it works like any other from then on.
	Response r = me(jwt);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(handle, username(r));
	CPPUNIT_ASSERT_EQUAL(handle + "@acme.test", r.json()->getObject("account")->getValue<std::string>("email"));
	const std::string org = unique("lab");
	ASSERT_STATUS(client().post(API + "/orgs", json({{"username", org}, {"title", "Lab"}}), jwt), 201);
	r = client().get(API + "/orgs/" + org + "/permissions", "", jwt);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT(!items(client().get(API + "/orgs", "", jwt))->empty());

	// Personal access tokens still work beside JWTs, on the same routes.
	const User grace = signUp(unique("grace"));
	ASSERT_STATUS(client().get(API + "/me", "", grace.token), 200);
	ASSERT_PROBLEM(client().get(API + "/orgs/" + org + "/permissions", "", grace.token), 404, "organization_not_found");
	// The JWT's account can issue itself a personal token, which then signs in as it.
	r = client().post(API + "/me/tokens", json({{"name", "cli"}}), jwt);
	ASSERT_STATUS(r, 201);
	const std::string pat = r.json()->getValue<std::string>("token");
	CPPUNIT_ASSERT_EQUAL(handle, username(client().get(API + "/me", "", pat)));
}


void OidcApiTest::testUsernamesAreDerivedAndUnique()
{
	start(issuers());
	// A handle taken by an account, one by an organization: the next free one is chosen.
	const User taken = signUp(unique("lin"));
	createOrganization(taken, taken.username + "-2");
	const std::string sub = newUser("lin", "", true, taken.username);
	Response r = me(_pProvider->idToken(OpenIdProvider::PRIMARY, sub));
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(taken.username + "-3", username(r));

	// Without preferred_username: the email's local part, made a username.
	const std::string local = unique("Mary.Ann");
	const std::string byEmail = newUser("mary", local + "@Example.com", true);
	r = me(_pProvider->idToken(OpenIdProvider::PRIMARY, byEmail));
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(Poco::toLower(Poco::replace(local, ".", "-")), username(r));
	CPPUNIT_ASSERT_EQUAL(Poco::toLower(local) + "@example.com",
	                     r.json()->getObject("account")->getValue<std::string>("email"));

	// Nothing usable (no email, no preferred_username, a name without letters): "user", made unique.
	OpenIdProvider::User anonymous;
	anonymous.sub = unique("anon");
	anonymous.name = "!!";
	_pProvider->setUser(anonymous);
	r = me(_pProvider->idToken(OpenIdProvider::PRIMARY, anonymous.sub));
	ASSERT_STATUS(r, 200);
	static const Poco::RegularExpression user("^user(-[0-9]+)?$");
	CPPUNIT_ASSERT_MESSAGE(username(r), user.match(username(r)));
}


void OidcApiTest::testOneIdentityOneAccount()
{
	start(issuers());
	const std::string sub = newUser("kim", unique("kim") + "@acme.test");
	const std::string first = _pProvider->idToken(OpenIdProvider::PRIMARY, sub);
	const std::string second = _pProvider->idToken(OpenIdProvider::PRIMARY, sub);
	CPPUNIT_ASSERT(first != second);
	const Poco::Int64 id = accountId(me(first));
	CPPUNIT_ASSERT_EQUAL(id, accountId(me(second)));
	CPPUNIT_ASSERT_EQUAL(id, accountId(me(first)));
	// The same sub at another issuer is another identity: not trusted here, so refused.
	ASSERT_PROBLEM(me(_pProvider->idToken(OpenIdProvider::OTHER, sub)), 401, "token_issuer_unknown");
}


void OidcApiTest::testConcurrentFirstSignInsMakeOneAccount()
{
	start(issuers());
	const std::string handle = unique("eve");
	const std::string sub = newUser("eve", handle + "@acme.test", true, handle);
	static const std::size_t THREADS = 8;
	std::vector<std::string> tokens;
	for (std::size_t i = 0; i < THREADS; ++i)
		tokens.push_back(_pProvider->idToken(OpenIdProvider::PRIMARY, sub));
	const std::string baseUrl = world().host().baseUrl();
	Orgs::Test::StartGate gate(THREADS);
	std::vector<Response> answers(THREADS);
	std::vector<std::thread> threads;
	for (std::size_t i = 0; i < THREADS; ++i)
	{
		threads.emplace_back([&, i] {
			HttpClient http(baseUrl);
			gate.arriveAndWait();
			answers[i] = http.get(API + "/me", "", tokens[i]);
		});
	}
	for (auto& t : threads)
		t.join();
	std::set<Poco::Int64> ids;
	for (const auto& r : answers)
	{
		ASSERT_STATUS(r, 200);
		ids.insert(accountId(r));
		CPPUNIT_ASSERT_EQUAL(handle, username(r));
	}
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), ids.size());
}


void OidcApiTest::testNoLinkingByDefault()
{
	start(issuers());
	const User existing = signUp(unique("noor"));
	const std::string sub = newUser("noor", existing.email, true);
	const Response r = me(_pProvider->idToken(OpenIdProvider::PRIMARY, sub));
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT(accountId(r) != existing.id);
	CPPUNIT_ASSERT_EQUAL(existing.username + "-2", username(r));
}


void OidcApiTest::testLinkingVerifiedEmail()
{
	start(issuers({{"orgs.auth.linkVerifiedEmail", "true"}}));
	// A verified email signs in to the account that has it, whatever its case.
	const User existing = signUp(unique("olga"));
	const std::string sub = newUser("olga", Poco::toUpper(existing.email), true);
	Response r = me(_pProvider->idToken(OpenIdProvider::PRIMARY, sub));
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(existing.id, accountId(r));
	CPPUNIT_ASSERT_EQUAL(existing.username, username(r));

	// An email the provider did not verify never links.
	const User other = signUp(unique("pia"));
	const std::string unverified = newUser("pia", other.email, false);
	r = me(_pProvider->idToken(OpenIdProvider::PRIMARY, unverified));
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT(accountId(r) != other.id);
}


void OidcApiTest::testRefusals()
{
	// The other issuer is trusted, but for an audience its tokens do not name.
	start(issuers({{"orgs.auth.oidc.other.issuer", _pProvider->issuer(OpenIdProvider::OTHER)},
	               {"orgs.auth.oidc.other.audience", "not-" + _pProvider->clientId(OpenIdProvider::OTHER)}}));
	const std::string sub = newUser("mallory", unique("mallory") + "@acme.test");
	const std::string jwt = _pProvider->idToken(OpenIdProvider::PRIMARY, sub);
	ASSERT_STATUS(me(jwt), 200);

	ASSERT_PROBLEM(me("eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln"), 401, "token_malformed");
	ASSERT_PROBLEM(me(ForgedTokens::withClaims(jwt, [](Poco::JSON::Object::Ptr p) { p->remove("exp"); })), 401,
	               "token_signature_invalid"); // the signature is checked before the claims are believed
	ASSERT_PROBLEM(me(ForgedTokens::unsignedToken(jwt)), 401, "token_unsigned");
	// HMAC keyed with the issuer's published key (RFC 8725, 2.1).
	const std::string published = _pProvider->get(_pProvider->jwksUri(OpenIdProvider::PRIMARY));
	ASSERT_PROBLEM(me(ForgedTokens::hmacSigned(jwt, published)), 401, "token_algorithm_not_allowed");
	ASSERT_PROBLEM(me(ForgedTokens::withHeader(jwt, [](Poco::JSON::Object::Ptr p) { p->set("alg", "RS384"); })), 401,
	               "token_algorithm_not_allowed");
	ASSERT_PROBLEM(me(ForgedTokens::withClaims(
	                   jwt, [](Poco::JSON::Object::Ptr p) { p->set("iss", "https://login.evil.example"); })),
	               401, "token_issuer_unknown");
	ASSERT_PROBLEM(me(ForgedTokens::withHeader(jwt, [](Poco::JSON::Object::Ptr p) { p->remove("kid"); })), 401,
	               "token_kid_missing");
	ASSERT_PROBLEM(me(ForgedTokens::withHeader(jwt, [](Poco::JSON::Object::Ptr p) { p->set("kid", "made-up"); })), 401,
	               "token_key_unknown");
	ASSERT_PROBLEM(me(ForgedTokens::withClaims(jwt, [](Poco::JSON::Object::Ptr p) { p->set("sub", "alice"); })), 401,
	               "token_signature_invalid");
	ASSERT_PROBLEM(me(_pProvider->idToken(OpenIdProvider::OTHER, sub)), 401, "token_audience_mismatch");
	// Nothing was provisioned by a refused token; the real one still signs in as before.
	ASSERT_STATUS(me(jwt), 200);
}


void OidcApiTest::testExpiredToken()
{
	start(issuers({{"orgs.auth.oidc.primary.clockSkewSeconds", "0"}}));
	const std::string sub = newUser("brief", "", true, "", 1);
	const std::string jwt = _pProvider->idToken(OpenIdProvider::PRIMARY, sub);
	Poco::Thread::sleep(2100);
	ASSERT_PROBLEM(me(jwt), 401, "token_expired");

	// With the default leeway of a minute, a token a second past its exp is still good.
	world().restart(issuers({{"orgs.auth.oidc.primary.clockSkewSeconds", "60"}}));
	const std::string late = _pProvider->idToken(OpenIdProvider::PRIMARY, sub);
	Poco::Thread::sleep(2100);
	ASSERT_STATUS(me(late), 200);
}


void OidcApiTest::testRefusalsCountAsFailures()
{
	start(issuers({{"orgs.auth.failureLimit", "3"}}));
	const std::string sub = newUser("trudy", unique("trudy") + "@acme.test");
	const std::string jwt = _pProvider->idToken(OpenIdProvider::PRIMARY, sub);
	const std::string forged = ForgedTokens::withClaims(jwt, [](Poco::JSON::Object::Ptr p) { p->set("sub", "bob"); });
	for (int i = 0; i < 4; ++i)
		ASSERT_PROBLEM(me(forged), 401, "token_signature_invalid");
	// Past the limit, even the good token is turned away for a minute.
	ASSERT_PROBLEM(me(jwt), 429, "too_many_failures");
}


void OidcApiTest::testKeyRotationWithoutRestart()
{
	start(issuers({{"logging.level", "information"}}));
	const std::string issuer = _pProvider->issuer(OpenIdProvider::PRIMARY);
	const std::string sub = newUser("rota", unique("rota") + "@acme.test");
	const std::string before = _pProvider->idToken(OpenIdProvider::PRIMARY, sub);
	ASSERT_STATUS(me(before), 200);
	CPPUNIT_ASSERT_EQUAL(1, fetchesLogged(world().host(), issuer));

	// New keys only: the next token names a kid the host has not seen; it fetches the set again.
	const std::vector<std::string> kids = _pProvider->rotateKeys(OpenIdProvider::PRIMARY, false);
	const std::string after = _pProvider->idToken(OpenIdProvider::PRIMARY, sub);
	CPPUNIT_ASSERT(OpenIdProvider::header(after)->getValue<std::string>("kid") !=
	               OpenIdProvider::header(before)->getValue<std::string>("kid"));
	const Response r = me(after);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(accountId(me(before)), accountId(r)); // remembered until it expires
	CPPUNIT_ASSERT_EQUAL(2, fetchesLogged(world().host(), issuer));

	// Made-up kids cannot make it fetch again within the interval (a minute).
	for (int i = 0; i < 5; ++i)
	{
		const std::string kid = "made-up-" + std::to_string(i);
		ASSERT_PROBLEM(me(ForgedTokens::withHeader(after, [&](Poco::JSON::Object::Ptr p) { p->set("kid", kid); })), 401,
		               "token_key_unknown");
	}
	CPPUNIT_ASSERT_EQUAL(2, fetchesLogged(world().host(), issuer));
	ASSERT_STATUS(me(_pProvider->idToken(OpenIdProvider::PRIMARY, sub)), 200);
}


void OidcApiTest::testProviderUnreachableIs503()
{
	// An issuer whose discovery cannot be reached (nothing listens on port 9).
	start(issuers({{"orgs.auth.oidc.gone.issuer", "https://127.0.0.1:9"}, {"orgs.auth.oidc.gone.audience", "orgs"}}));
	const std::string sub = newUser("gone", "");
	const std::string jwt =
	    ForgedTokens::withClaims(_pProvider->idToken(OpenIdProvider::PRIMARY, sub), [](Poco::JSON::Object::Ptr p) {
		    p->set("iss", "https://127.0.0.1:9");
		    p->set("aud", "orgs");
	    });
	Response r = me(jwt);
	ASSERT_PROBLEM(r, 503, "identity_provider_unavailable");
	CPPUNIT_ASSERT_MESSAGE(r.body, r.body.find("127.0.0.1") == std::string::npos);
	// Not a failed credential: the address is not throttled for it, and other issuers work.
	ASSERT_STATUS(me(_pProvider->idToken(OpenIdProvider::PRIMARY, sub)), 200);
}
