//
// TokenVerifierTest.cpp
//
// Library: OrgsTests
// Package: Identity
// Module:  TokenVerifierTest
//


#include "TokenVerifierTest.h"
#include "support/ForgedTokens.h"
#include "support/Racing.h"
#include "support/Suites.h"
#include "Orgs/Errors.h"
#include "Poco/Logger.h"
#include "Poco/UUIDGenerator.h"
#include <thread>
#include <vector>


ORGS_TEST_SUITE(TokenVerifierTest, "TokenVerifier", SQLITE);


using Orgs::Federation::IssuerSpec;
using Orgs::Federation::TokenVerifier;
using Orgs::Test::ForgedTokens;
using Orgs::Test::OpenIdProvider;


namespace {


const Poco::Int64 MINUTE_NS = 60LL * 1000000000;


std::string reasonOf(TokenVerifier& verifier, const std::string& token)
	/// Returns the reason of the verifier's refusal, "unavailable:<reason>" for a 503, or "accepted".
{
	try
	{
		verifier.verify(token);
	}
	catch (Orgs::UnauthenticatedException& exc)
	{
		return exc.reason();
	}
	catch (Orgs::UnavailableException& exc)
	{
		return "unavailable:" + exc.reason();
	}
	return "accepted";
}


Poco::Logger& logger()
{
	return Poco::Logger::get("TokenVerifierTest");
}


} // namespace


void TokenVerifierTest::setUp()
{
	_pProvider.reset(new OpenIdProvider);
	_pClient.reset(new Orgs::Federation::ProviderClient(_pProvider->caFile(), 10));
	_pClock = new Orgs::Test::ManualClock;
}


void TokenVerifierTest::tearDown()
{
	_pClient.reset();
	_pProvider.reset();
}


IssuerSpec TokenVerifierTest::primary() const
{
	IssuerSpec spec;
	spec.name = "primary";
	spec.issuer = _pProvider->issuer(OpenIdProvider::PRIMARY);
	spec.audiences = {"another-client", _pProvider->clientId(OpenIdProvider::PRIMARY)};
	return spec;
}


std::unique_ptr<TokenVerifier> TokenVerifierTest::verifier(const IssuerSpec& spec)
{
	return std::unique_ptr<TokenVerifier>(new TokenVerifier({spec}, *_pClient, _pClock, MINUTE_NS, logger()));
}


std::string TokenVerifierTest::newUser(const std::string& prefix)
{
	OpenIdProvider::User u;
	u.sub = prefix + "-" + Poco::UUIDGenerator::defaultGenerator().createRandom().toString().substr(0, 8);
	u.email = "Mixed." + u.sub + "@Example.COM";
	u.emailVerified = true;
	u.name = "Test " + prefix;
	u.preferredUsername = prefix;
	u.groups = {"eng-admins", "labelers"};
	_pProvider->setUser(u);
	return u.sub;
}


void TokenVerifierTest::testRealTokenVerifies()
{
	const std::string sub = newUser("ada");
	const std::string jwt = _pProvider->idToken(OpenIdProvider::PRIMARY, sub);
	auto pVerifier = verifier(primary());
	const Orgs::Federation::VerifiedToken::Ptr pToken = pVerifier->verify(jwt);
	CPPUNIT_ASSERT_EQUAL(_pProvider->issuer(OpenIdProvider::PRIMARY), pToken->issuer);
	CPPUNIT_ASSERT_EQUAL(std::string("primary"), pToken->issuerName);
	CPPUNIT_ASSERT_EQUAL(_pProvider->clientId(OpenIdProvider::PRIMARY), pToken->audience);
	CPPUNIT_ASSERT_EQUAL(sub, pToken->subject);
	CPPUNIT_ASSERT_EQUAL(Poco::toLower("Mixed." + sub + "@Example.COM"), pToken->email);
	CPPUNIT_ASSERT(pToken->emailVerified);
	CPPUNIT_ASSERT_EQUAL(std::string("Test ada"), pToken->name);
	CPPUNIT_ASSERT_EQUAL(std::string("ada"), pToken->preferredUsername);
	CPPUNIT_ASSERT(pToken->groups == std::vector<std::string>({"eng-admins", "labelers"}));
	const Poco::JSON::Object::Ptr pClaims = OpenIdProvider::claims(jwt);
	CPPUNIT_ASSERT_EQUAL(pClaims->getValue<Poco::Int64>("exp"), pToken->expiresAt.epochTime());
	CPPUNIT_ASSERT_EQUAL(pClaims->getValue<Poco::Int64>("iat"), pToken->issuedAt.epochTime());
	CPPUNIT_ASSERT(pToken->pClaims->has("nonce"));
	CPPUNIT_ASSERT_EQUAL(Poco::UInt64(1), pVerifier->keyFetches(pToken->issuer));
	// The key set is kept: another token needs no fetch.
	pVerifier->verify(_pProvider->idToken(OpenIdProvider::PRIMARY, sub));
	CPPUNIT_ASSERT_EQUAL(Poco::UInt64(1), pVerifier->keyFetches(pToken->issuer));

	// The groups claim is configurable: a claim the token lacks reads as no groups.
	IssuerSpec spec = primary();
	spec.groupsClaim = "roles";
	CPPUNIT_ASSERT(verifier(spec)->verify(jwt)->groups.empty());
}


void TokenVerifierTest::testRefusals()
{
	const std::string sub = newUser("mallory");
	const std::string jwt = _pProvider->idToken(OpenIdProvider::PRIMARY, sub);
	auto pVerifier = verifier(primary());
	CPPUNIT_ASSERT_EQUAL(std::string("accepted"), reasonOf(*pVerifier, jwt));

	CPPUNIT_ASSERT_EQUAL(std::string("token_malformed"), reasonOf(*pVerifier, "not-a-jwt"));
	CPPUNIT_ASSERT_EQUAL(std::string("token_unsigned"), reasonOf(*pVerifier, ForgedTokens::unsignedToken(jwt)));
	CPPUNIT_ASSERT_EQUAL(std::string("token_unsigned"),
	                     reasonOf(*pVerifier, ForgedTokens::withHeader(jwt, [](Poco::JSON::Object::Ptr p) {
		                              p->set("alg", "NONE");
	                              })));
	// The public key, as published, used as an HMAC secret (RFC 8725, 2.1): whatever the hash.
	const std::string published = _pProvider->get(_pProvider->jwksUri(OpenIdProvider::PRIMARY));
	for (const std::string alg : {"HS256", "HS384", "HS512"})
		CPPUNIT_ASSERT_EQUAL(std::string("token_algorithm_not_allowed"),
		                     reasonOf(*pVerifier, ForgedTokens::hmacSigned(jwt, published, alg)));
	CPPUNIT_ASSERT_EQUAL(std::string("token_issuer_unknown"),
	                     reasonOf(*pVerifier, ForgedTokens::withClaims(jwt, [](Poco::JSON::Object::Ptr p) {
		                              p->set("iss", "https://login.evil.example");
	                              })));
	CPPUNIT_ASSERT_EQUAL(std::string("token_issuer_unknown"),
	                     reasonOf(*pVerifier,
	                              ForgedTokens::withClaims(jwt, [](Poco::JSON::Object::Ptr p) { p->remove("iss"); })));
	CPPUNIT_ASSERT_EQUAL(std::string("token_issuer_unknown"),
	                     reasonOf(*pVerifier, _pProvider->idToken(OpenIdProvider::OTHER, sub)));
	CPPUNIT_ASSERT_EQUAL(std::string("token_kid_missing"),
	                     reasonOf(*pVerifier,
	                              ForgedTokens::withHeader(jwt, [](Poco::JSON::Object::Ptr p) { p->remove("kid"); })));
	CPPUNIT_ASSERT_EQUAL(std::string("token_key_unknown"),
	                     reasonOf(*pVerifier, ForgedTokens::withHeader(jwt, [](Poco::JSON::Object::Ptr p) {
		                              p->set("kid", "made-up");
	                              })));
	// A payload changed by one claim, or another token's signature, does not verify.
	CPPUNIT_ASSERT_EQUAL(std::string("token_signature_invalid"),
	                     reasonOf(*pVerifier, ForgedTokens::withClaims(jwt, [](Poco::JSON::Object::Ptr p) {
		                              p->set("email_verified", true);
		                              p->set("groups", Poco::JSON::Array::Ptr(new Poco::JSON::Array));
	                              })));
	const std::string another = _pProvider->idToken(OpenIdProvider::PRIMARY, sub);
	CPPUNIT_ASSERT_EQUAL(std::string("token_signature_invalid"),
	                     reasonOf(*pVerifier, ForgedTokens::part(jwt, 0) + "." + ForgedTokens::part(jwt, 1) + "." +
	                                              ForgedTokens::part(another, 2)));
	// The ES256 key of the set does not verify an RS256 signature, even when the token names it.
	const std::vector<std::string> kids = _pProvider->kids(OpenIdProvider::PRIMARY);
	for (const auto& kid : kids)
	{
		if (kid.find("es256") == std::string::npos)
			continue;
		CPPUNIT_ASSERT_EQUAL(std::string("token_algorithm_not_allowed"),
		                     reasonOf(*pVerifier, ForgedTokens::withHeader(jwt, [&](Poco::JSON::Object::Ptr p) {
			                              p->set("kid", kid);
		                              })));
	}

	// The issuer's own rules: its algorithms, its audiences.
	IssuerSpec strict = primary();
	strict.algorithms = {"RS512", "ES256"};
	CPPUNIT_ASSERT_EQUAL(std::string("token_algorithm_not_allowed"), reasonOf(*verifier(strict), jwt));
	IssuerSpec elsewhere = primary();
	elsewhere.audiences = {"some-other-service"};
	CPPUNIT_ASSERT_EQUAL(std::string("token_audience_mismatch"), reasonOf(*verifier(elsewhere), jwt));
}


void TokenVerifierTest::testLifetimeAndClockSkew()
{
	const std::string jwt = _pProvider->idToken(OpenIdProvider::PRIMARY, newUser("time"));
	const Poco::JSON::Object::Ptr pClaims = OpenIdProvider::claims(jwt);
	const Poco::Timestamp exp = Poco::Timestamp::fromEpochTime(pClaims->getValue<std::time_t>("exp"));
	const Poco::Timestamp iat = Poco::Timestamp::fromEpochTime(pClaims->getValue<std::time_t>("iat"));
	auto at = [&](const Poco::Timestamp& t) {
		_pClock->set(Poco::DateTime(t));
		return reasonOf(*verifier(primary()), jwt);
	};
	// Good within the skew (60 s) either side of its lifetime, refused past it.
	CPPUNIT_ASSERT_EQUAL(std::string("accepted"), at(exp + Poco::Timespan(59, 0)));
	CPPUNIT_ASSERT_EQUAL(std::string("token_expired"), at(exp + Poco::Timespan(60, 0)));
	CPPUNIT_ASSERT_EQUAL(std::string("token_expired"), at(exp + Poco::Timespan(1, 0, 0, 0, 0)));
	CPPUNIT_ASSERT_EQUAL(std::string("accepted"), at(iat - Poco::Timespan(59, 0)));
	CPPUNIT_ASSERT_EQUAL(std::string("token_not_yet_valid"), at(iat - Poco::Timespan(61, 0)));
	// No skew: the second after exp is too late.
	IssuerSpec exact = primary();
	exact.clockSkewSeconds = 0;
	_pClock->set(Poco::DateTime(exp + Poco::Timespan(0, 1)));
	CPPUNIT_ASSERT_EQUAL(std::string("token_expired"), reasonOf(*verifier(exact), jwt));
	// An expired token is refused whatever else is wrong with its claims, once it is signed.
	_pClock->set(Poco::DateTime(exp + Poco::Timespan(0, 2, 0, 0, 0)));
	CPPUNIT_ASSERT_EQUAL(std::string("token_expired"), reasonOf(*verifier(primary()), jwt));
}


void TokenVerifierTest::testRefetchAtMostOncePerInterval()
{
	const std::string jwt = _pProvider->idToken(OpenIdProvider::PRIMARY, newUser("kid"));
	const std::string issuer = _pProvider->issuer(OpenIdProvider::PRIMARY);
	auto pVerifier = verifier(primary());
	auto madeUp = [&](int n) {
		return ForgedTokens::withHeader(jwt, [n](Poco::JSON::Object::Ptr p) { p->set("kid", "k" + std::to_string(n)); });
	};
	pVerifier->verify(jwt);
	CPPUNIT_ASSERT_EQUAL(Poco::UInt64(1), pVerifier->keyFetches(issuer));
	// The first unknown kid refetches; the next ones within the interval do not.
	for (int i = 0; i < 10; ++i)
		CPPUNIT_ASSERT_EQUAL(std::string("token_key_unknown"), reasonOf(*pVerifier, madeUp(i)));
	CPPUNIT_ASSERT_EQUAL(Poco::UInt64(2), pVerifier->keyFetches(issuer));
	_pClock->advance(Poco::Timespan(59, 0));
	CPPUNIT_ASSERT_EQUAL(std::string("token_key_unknown"), reasonOf(*pVerifier, madeUp(10)));
	CPPUNIT_ASSERT_EQUAL(Poco::UInt64(2), pVerifier->keyFetches(issuer));
	// A minute after the last refetch, one more.
	_pClock->advance(Poco::Timespan(1, 0));
	CPPUNIT_ASSERT_EQUAL(std::string("token_key_unknown"), reasonOf(*pVerifier, madeUp(11)));
	CPPUNIT_ASSERT_EQUAL(std::string("token_key_unknown"), reasonOf(*pVerifier, madeUp(12)));
	CPPUNIT_ASSERT_EQUAL(Poco::UInt64(3), pVerifier->keyFetches(issuer));
	// Known kids need no fetch at all.
	pVerifier->verify(jwt);
	CPPUNIT_ASSERT_EQUAL(Poco::UInt64(3), pVerifier->keyFetches(issuer));
}


void TokenVerifierTest::testConcurrentRequestsFetchOnce()
{
	const std::string jwt = _pProvider->idToken(OpenIdProvider::PRIMARY, newUser("herd"));
	const std::string issuer = _pProvider->issuer(OpenIdProvider::PRIMARY);
	static const std::size_t THREADS = 16;
	auto race = [&](TokenVerifier& verifier, const std::function<std::string(std::size_t)>& token) {
		Orgs::Test::StartGate gate(THREADS);
		std::vector<std::string> reasons(THREADS);
		std::vector<std::thread> threads;
		for (std::size_t i = 0; i < THREADS; ++i)
		{
			threads.emplace_back([&, i] {
				gate.arriveAndWait();
				reasons[i] = reasonOf(verifier, token(i));
			});
		}
		for (auto& t : threads)
			t.join();
		return reasons;
	};
	// A cold start: sixteen requests, one fetch; all of them verified.
	auto pVerifier = verifier(primary());
	for (const auto& reason : race(*pVerifier, [&](std::size_t) { return jwt; }))
		CPPUNIT_ASSERT_EQUAL(std::string("accepted"), reason);
	CPPUNIT_ASSERT_EQUAL(Poco::UInt64(1), pVerifier->keyFetches(issuer));
	// Sixteen unknown kids at once: one refetch.
	const std::vector<std::string> reasons = race(*pVerifier, [&](std::size_t i) {
		return ForgedTokens::withHeader(jwt, [i](Poco::JSON::Object::Ptr p) { p->set("kid", "x" + std::to_string(i)); });
	});
	for (const auto& reason : reasons)
		CPPUNIT_ASSERT_EQUAL(std::string("token_key_unknown"), reason);
	CPPUNIT_ASSERT_EQUAL(Poco::UInt64(2), pVerifier->keyFetches(issuer));
}


void TokenVerifierTest::testExplicitJwksUri()
{
	IssuerSpec spec = primary();
	spec.jwksUri = _pProvider->jwksUri(OpenIdProvider::PRIMARY);
	const std::string jwt = _pProvider->idToken(OpenIdProvider::PRIMARY, newUser("jwks"));
	CPPUNIT_ASSERT_EQUAL(std::string("accepted"), reasonOf(*verifier(spec), jwt));
	// Keys from elsewhere (the other issuer's) do not verify this issuer's tokens.
	spec.jwksUri = _pProvider->jwksUri(OpenIdProvider::OTHER);
	const std::string reason = reasonOf(*verifier(spec), jwt);
	CPPUNIT_ASSERT_MESSAGE(reason, reason == "token_key_unknown");
}


void TokenVerifierTest::testDiscoveryMustNameTheIssuer()
{
	// Discovery at the same place, for an issuer written with a trailing slash: the document
	// names the issuer without it, so it is not this issuer's (OpenID Discovery, 4.3).
	IssuerSpec spec = primary();
	spec.issuer += "/";
	const std::string jwt =
	    ForgedTokens::withClaims(_pProvider->idToken(OpenIdProvider::PRIMARY, newUser("disc")),
	                             [&](Poco::JSON::Object::Ptr p) { p->set("iss", spec.issuer); });
	CPPUNIT_ASSERT_EQUAL(std::string("unavailable:identity_provider_unavailable"), reasonOf(*verifier(spec), jwt));
}


void TokenVerifierTest::testUntrustedCertificateIsUnavailable()
{
	// Without the test CA the provider's certificate does not verify: its keys are never read.
	Orgs::Federation::ProviderClient systemCasOnly("", 10);
	TokenVerifier verifier({primary()}, systemCasOnly, _pClock, MINUTE_NS, logger());
	const std::string jwt = _pProvider->idToken(OpenIdProvider::PRIMARY, newUser("tls"));
	CPPUNIT_ASSERT_EQUAL(std::string("unavailable:identity_provider_unavailable"), reasonOf(verifier, jwt));
}


void TokenVerifierTest::testEs256Tokens()
{
	const std::string sub = newUser("ec");
	std::string jwt;
	_pProvider->setSigningAlgorithm(OpenIdProvider::PRIMARY, "ES256");
	try
	{
		jwt = _pProvider->idToken(OpenIdProvider::PRIMARY, sub);
	}
	catch (...)
	{
		_pProvider->setSigningAlgorithm(OpenIdProvider::PRIMARY, "RS256");
		throw;
	}
	_pProvider->setSigningAlgorithm(OpenIdProvider::PRIMARY, "RS256");
	CPPUNIT_ASSERT_EQUAL(std::string("ES256"), OpenIdProvider::header(jwt)->getValue<std::string>("alg"));
	CPPUNIT_ASSERT_EQUAL(std::string("accepted"), reasonOf(*verifier(primary()), jwt));
	CPPUNIT_ASSERT_EQUAL(std::string("token_signature_invalid"),
	                     reasonOf(*verifier(primary()), ForgedTokens::withClaims(jwt, [](Poco::JSON::Object::Ptr p) {
		                              p->set("sub", "alice");
	                              })));
	IssuerSpec rsaOnly = primary();
	rsaOnly.algorithms = {"RS256"};
	CPPUNIT_ASSERT_EQUAL(std::string("token_algorithm_not_allowed"), reasonOf(*verifier(rsaOnly), jwt));
}
