//
// JwkTest.cpp
//
// Library: OrgsTests
// Package: Identity
// Module:  JwkTest
//


#include "JwkTest.h"
#include "config/Settings.h"
#include "identity/Base64Url.h"
#include "identity/CompactJws.h"
#include "identity/KeySet.h"
#include "identity/PublicKey.h"
#include "identity/VerificationCache.h"
#include "support/ManualClock.h"
#include "support/Suites.h"
#include "Orgs/Errors.h"
#include "Poco/JSON/Array.h"
#include "Poco/JSON/Object.h"
#include "Poco/Util/MapConfiguration.h"
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <sstream>


ORGS_TEST_SUITE(JwkTest, "Jwk", UNIT);


using Orgs::Federation::Base64Url;
using Orgs::Federation::CompactJws;
using Orgs::Federation::KeySet;
using Orgs::Federation::PublicKey;


namespace {


class TestKey
	/// A key pair made by OpenSSL: its public half as a JWK, and a signer as the provider signs.
{
public:
	static TestKey rsa(int bits) { return TestKey(EVP_RSA_gen(static_cast<unsigned>(bits)), ""); }
	static TestKey ec(const char* curve) { return TestKey(EVP_EC_gen(curve), curve); }

	TestKey(TestKey&& other) noexcept : _pKey(other._pKey), _curve(other._curve) { other._pKey = nullptr; }
	~TestKey() { EVP_PKEY_free(_pKey); }

	Poco::JSON::Object::Ptr jwk(const std::string& kid) const
	{
		Poco::JSON::Object::Ptr p = new Poco::JSON::Object;
		p->set("kid", kid);
		if (_curve.empty())
		{
			p->set("kty", "RSA");
			p->set("n", param(OSSL_PKEY_PARAM_RSA_N, 0));
			p->set("e", param(OSSL_PKEY_PARAM_RSA_E, 0));
		}
		else
		{
			const int size = _curve == "P-256" ? 32 : 48;
			p->set("kty", "EC");
			p->set("crv", _curve);
			p->set("x", param(OSSL_PKEY_PARAM_EC_PUB_X, size));
			p->set("y", param(OSSL_PKEY_PARAM_EC_PUB_Y, size));
		}
		return p;
	}

	std::string sign(const std::string& alg, const std::string& input) const
		/// Returns the JWS signature bytes (R and S side by side for ECDSA).
	{
		const EVP_MD* md = alg.substr(2) == "256" ? EVP_sha256() : alg.substr(2) == "384" ? EVP_sha384() : EVP_sha512();
		EVP_MD_CTX* ctx = EVP_MD_CTX_new();
		std::size_t length = 0;
		EVP_DigestSignInit(ctx, nullptr, md, nullptr, _pKey);
		EVP_DigestSign(ctx, nullptr, &length, reinterpret_cast<const unsigned char*>(input.data()), input.size());
		std::string sig(length, '\0');
		EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(&sig[0]), &length,
		               reinterpret_cast<const unsigned char*>(input.data()), input.size());
		EVP_MD_CTX_free(ctx);
		sig.resize(length);
		if (_curve.empty())
			return sig;
		const int size = _curve == "P-256" ? 32 : 48;
		const unsigned char* p = reinterpret_cast<const unsigned char*>(sig.data());
		ECDSA_SIG* pSig = d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(sig.size()));
		std::string raw(2 * size, '\0');
		BN_bn2binpad(ECDSA_SIG_get0_r(pSig), reinterpret_cast<unsigned char*>(&raw[0]), size);
		BN_bn2binpad(ECDSA_SIG_get0_s(pSig), reinterpret_cast<unsigned char*>(&raw[size]), size);
		ECDSA_SIG_free(pSig);
		return raw;
	}

private:
	TestKey(EVP_PKEY* pKey, const std::string& curve) : _pKey(pKey), _curve(curve)
	{
		CPPUNIT_ASSERT(_pKey != nullptr);
	}

	std::string param(const char* name, int size) const
	{
		BIGNUM* bn = nullptr;
		CPPUNIT_ASSERT(EVP_PKEY_get_bn_param(_pKey, name, &bn) == 1);
		std::string bytes(size > 0 ? static_cast<std::size_t>(size) : static_cast<std::size_t>(BN_num_bytes(bn)), '\0');
		BN_bn2binpad(bn, reinterpret_cast<unsigned char*>(&bytes[0]), static_cast<int>(bytes.size()));
		BN_free(bn);
		return Base64Url::encode(bytes);
	}

	EVP_PKEY* _pKey;
	std::string _curve;
};


std::string jwks(const std::vector<Poco::JSON::Object::Ptr>& keys)
{
	Poco::JSON::Object::Ptr doc = new Poco::JSON::Object;
	Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
	for (const auto& k : keys)
		list->add(k);
	doc->set("keys", list);
	std::ostringstream out;
	doc->stringify(out);
	return out.str();
}


std::string reasonOf(const std::string& token)
{
	try
	{
		CompactJws::parse(token);
	}
	catch (Orgs::UnauthenticatedException& exc)
	{
		return exc.reason();
	}
	return "accepted";
}


Orgs::Config::Settings load(const std::map<std::string, std::string>& keys)
{
	Poco::AutoPtr<Poco::Util::MapConfiguration> pConfig = new Poco::Util::MapConfiguration;
	for (const auto& kv : keys)
		pConfig->setString(kv.first, kv.second);
	return Orgs::Config::Settings::load(*pConfig, [](const std::string& p) { return p; });
}


std::string refusal(const std::map<std::string, std::string>& keys)
{
	try
	{
		load(keys);
	}
	catch (Poco::DataFormatException& exc)
	{
		return exc.message();
	}
	return "accepted";
}


} // namespace


void JwkTest::testBase64Url()
{
	std::string bytes;
	CPPUNIT_ASSERT(Base64Url::decode("aGk", bytes));
	CPPUNIT_ASSERT_EQUAL(std::string("hi"), bytes);
	CPPUNIT_ASSERT_EQUAL(std::string("-_8"), Base64Url::encode("\xfb\xff"));
	CPPUNIT_ASSERT(Base64Url::decode("-_8", bytes));
	CPPUNIT_ASSERT_EQUAL(std::string("\xfb\xff"), bytes);
	for (int n = 0; n < 40; ++n)
	{
		std::string data;
		for (int i = 0; i < n; ++i)
			data.push_back(static_cast<char>(i * 37 + n));
		CPPUNIT_ASSERT(Base64Url::decode(Base64Url::encode(data), bytes));
		CPPUNIT_ASSERT(data == bytes);
	}
	CPPUNIT_ASSERT(!Base64Url::decode("aGk=", bytes)); // padding
	CPPUNIT_ASSERT(!Base64Url::decode("a+/k", bytes)); // base64, not base64url
	CPPUNIT_ASSERT(!Base64Url::decode("aGkaG", bytes)); // a length no encoding has
	CPPUNIT_ASSERT(!Base64Url::decode("aGl", bytes));   // bits left over that are not zero
}


void JwkTest::testCompactJws()
{
	const std::string header = Base64Url::encode(R"({"alg":"RS256","kid":"k1"})");
	const std::string payload = Base64Url::encode(R"({"sub":"ada","exp":1})");
	const std::string token = header + "." + payload + "." + Base64Url::encode("sig");
	CPPUNIT_ASSERT(CompactJws::looksLike(token));
	const CompactJws jws = CompactJws::parse(token);
	CPPUNIT_ASSERT_EQUAL(std::string("RS256"), jws.algorithm());
	CPPUNIT_ASSERT_EQUAL(std::string("k1"), jws.keyId());
	CPPUNIT_ASSERT_EQUAL(header + "." + payload, jws.signingInput());
	CPPUNIT_ASSERT_EQUAL(std::string("sig"), jws.signature());
	CPPUNIT_ASSERT_EQUAL(std::string("ada"), jws.payload()->getValue<std::string>("sub"));

	// The shape a personal access token never has; an unsigned token still has it.
	CPPUNIT_ASSERT(!CompactJws::looksLike("orgs_pat_abcdef"));
	CPPUNIT_ASSERT(!CompactJws::looksLike("a.b"));
	CPPUNIT_ASSERT(!CompactJws::looksLike("a.b.c.d"));
	CPPUNIT_ASSERT(!CompactJws::looksLike(".b.c"));
	CPPUNIT_ASSERT(!CompactJws::looksLike("a b.c.d"));
	CPPUNIT_ASSERT(CompactJws::looksLike(header + "." + payload + "."));

	const std::string malformed("token_malformed");
	CPPUNIT_ASSERT_EQUAL(malformed, reasonOf("a.b.c.d"));
	CPPUNIT_ASSERT_EQUAL(malformed, reasonOf(header + "." + payload));
	CPPUNIT_ASSERT_EQUAL(malformed, reasonOf(header + "=." + payload + ".c2ln"));
	CPPUNIT_ASSERT_EQUAL(malformed, reasonOf(Base64Url::encode("[1]") + "." + payload + ".c2ln"));
	CPPUNIT_ASSERT_EQUAL(malformed, reasonOf(Base64Url::encode(R"({"kid":"k"})") + "." + payload + ".c2ln"));
	CPPUNIT_ASSERT_EQUAL(malformed, reasonOf(Base64Url::encode(R"({"alg":7})") + "." + payload + ".c2ln"));
	CPPUNIT_ASSERT_EQUAL(malformed,
	                     reasonOf(Base64Url::encode(R"({"alg":"RS256","crit":["exp"],"exp":1})") + "." + payload + "."));
	// A claim given twice is not read as whichever came last.
	CPPUNIT_ASSERT_EQUAL(malformed,
	                     reasonOf(header + "." + Base64Url::encode(R"({"sub":"ada","sub":"root"})") + ".c2ln"));
	CPPUNIT_ASSERT_EQUAL(malformed, reasonOf(header + "." + payload + "." + std::string(CompactJws::MAX_LENGTH, 'A')));
}


void JwkTest::testRsaSignatures()
{
	const TestKey key = TestKey::rsa(2048);
	const PublicKey::Ptr pKey = PublicKey::fromJwk(key.jwk("rsa-1"));
	CPPUNIT_ASSERT_EQUAL(std::string("rsa-1"), pKey->keyId());
	CPPUNIT_ASSERT_EQUAL(std::string("RSA"), pKey->keyType());
	const std::string input = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZGEifQ";
	for (const std::string alg : {"RS256", "RS384", "RS512"})
	{
		const std::string sig = key.sign(alg, input);
		CPPUNIT_ASSERT_MESSAGE(alg, pKey->verify(alg, input, sig));
		CPPUNIT_ASSERT_MESSAGE(alg, !pKey->verify(alg, input + "x", sig));
		std::string flipped = sig;
		flipped[10] ^= 1;
		CPPUNIT_ASSERT_MESSAGE(alg, !pKey->verify(alg, input, flipped));
	}
	// A signature under one hash is not one under another, nor under an ECDSA algorithm.
	CPPUNIT_ASSERT(!pKey->verify("RS384", input, key.sign("RS256", input)));
	CPPUNIT_ASSERT(!pKey->verify("ES256", input, key.sign("RS256", input)));
	// Another key's signature does not verify.
	const TestKey other = TestKey::rsa(2048);
	CPPUNIT_ASSERT(!pKey->verify("RS256", input, other.sign("RS256", input)));
	// Too small a key is refused when read (RFC 7518, 3.3).
	CPPUNIT_ASSERT_THROW(PublicKey::fromJwk(TestKey::rsa(1024).jwk("small")), Poco::DataFormatException);
}


void JwkTest::testEcSignatures()
{
	const std::string input = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhZGEifQ";
	const TestKey p256 = TestKey::ec("P-256");
	const PublicKey::Ptr pKey = PublicKey::fromJwk(p256.jwk("ec-1"));
	const std::string sig = p256.sign("ES256", input);
	CPPUNIT_ASSERT_EQUAL(std::size_t(64), sig.size());
	CPPUNIT_ASSERT(pKey->verify("ES256", input, sig));
	CPPUNIT_ASSERT(!pKey->verify("ES256", input + "x", sig));
	CPPUNIT_ASSERT(!pKey->verify("ES256", input, sig.substr(0, 63)));     // not R and S of 32 bytes
	CPPUNIT_ASSERT(!pKey->verify("ES256", input, std::string(64, '\0'))); // R = S = 0
	CPPUNIT_ASSERT(!pKey->verify("ES384", input, sig));                   // a P-256 key is not for ES384

	const TestKey p384 = TestKey::ec("P-384");
	const PublicKey::Ptr p384Key = PublicKey::fromJwk(p384.jwk("ec-2"));
	const std::string sig384 = p384.sign("ES384", input);
	CPPUNIT_ASSERT_EQUAL(std::size_t(96), sig384.size());
	CPPUNIT_ASSERT(p384Key->verify("ES384", input, sig384));
	CPPUNIT_ASSERT(!p384Key->verify("ES256", input, sig384));

	// A point that is not on the curve is refused when read.
	Poco::JSON::Object::Ptr pJwk = p256.jwk("bad");
	std::string x;
	Base64Url::decode(pJwk->getValue<std::string>("x"), x);
	x[31] ^= 1;
	pJwk->set("x", Base64Url::encode(x));
	CPPUNIT_ASSERT_THROW(PublicKey::fromJwk(pJwk), Poco::DataFormatException);
}


void JwkTest::testKeyFitsItsAlgorithm()
{
	Poco::JSON::Object::Ptr pJwk = TestKey::rsa(2048).jwk("k");
	CPPUNIT_ASSERT(PublicKey::fromJwk(pJwk)->fits("RS256"));
	CPPUNIT_ASSERT(PublicKey::fromJwk(pJwk)->fits("RS512"));
	CPPUNIT_ASSERT(!PublicKey::fromJwk(pJwk)->fits("ES256"));
	CPPUNIT_ASSERT(!PublicKey::fromJwk(pJwk)->fits("HS256"));
	CPPUNIT_ASSERT(!PublicKey::fromJwk(pJwk)->fits("none"));
	// A key that names its algorithm is for that one only.
	pJwk->set("alg", "RS384");
	CPPUNIT_ASSERT(!PublicKey::fromJwk(pJwk)->fits("RS256"));
	CPPUNIT_ASSERT(PublicKey::fromJwk(pJwk)->fits("RS384"));
	Poco::JSON::Object::Ptr pEc = TestKey::ec("P-256").jwk("e");
	CPPUNIT_ASSERT(PublicKey::fromJwk(pEc)->fits("ES256"));
	CPPUNIT_ASSERT(!PublicKey::fromJwk(pEc)->fits("ES384"));
	CPPUNIT_ASSERT(!PublicKey::fromJwk(pEc)->fits("RS256"));
}


void JwkTest::testKeySetLeavesOutUnusableKeys()
{
	Poco::JSON::Object::Ptr pEncryption = TestKey::rsa(2048).jwk("enc");
	pEncryption->set("use", "enc");
	Poco::JSON::Object::Ptr pSecret = new Poco::JSON::Object;
	pSecret->set("kty", "oct");
	pSecret->set("kid", "hmac");
	pSecret->set("k", Base64Url::encode("secret"));
	Poco::JSON::Object::Ptr pCurve = TestKey::ec("P-256").jwk("curve");
	pCurve->set("crv", "secp256k1");
	Poco::JSON::Object::Ptr pNoModulus = TestKey::rsa(2048).jwk("no-n");
	pNoModulus->remove("n");
	Poco::JSON::Object::Ptr pSigning = TestKey::rsa(2048).jwk("sig");
	pSigning->set("use", "sig");
	std::vector<std::string> skipped;
	const KeySet::Ptr pSet =
	    KeySet::parse(jwks({pEncryption, pSecret, pCurve, TestKey::rsa(1024).jwk("small"), pNoModulus, pSigning,
	                        TestKey::ec("P-384").jwk("ec")}),
	                  skipped);
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), pSet->keys().size());
	CPPUNIT_ASSERT_EQUAL(std::size_t(5), skipped.size());
	CPPUNIT_ASSERT(pSet->find("sig"));
	CPPUNIT_ASSERT(pSet->find("ec"));
	CPPUNIT_ASSERT(!pSet->find("hmac"));
	CPPUNIT_ASSERT(!pSet->find("enc"));
	CPPUNIT_ASSERT_THROW(KeySet::parse("{\"keys\": 1}", skipped), Poco::DataFormatException);
	CPPUNIT_ASSERT_THROW(KeySet::parse("[]", skipped), Poco::DataFormatException);
	CPPUNIT_ASSERT_THROW(KeySet::parse("<html>", skipped), Poco::DataFormatException);
}


void JwkTest::testVerificationCache()
{
	Orgs::Test::ManualClock::Ptr pClock = new Orgs::Test::ManualClock;
	Orgs::Federation::VerificationCache cache(32, pClock);
	auto entry = [&](Orgs::Id account, int seconds) {
		Orgs::Federation::VerificationCache::Entry e;
		e.pToken = std::make_shared<Orgs::Federation::VerifiedToken>();
		e.accountId = account;
		e.expiresAt = pClock->now() + Poco::Timespan(seconds, 0);
		return e;
	};
	Orgs::Federation::VerificationCache::Entry found;
	CPPUNIT_ASSERT(!cache.find("a.b.c", found));
	cache.put("a.b.c", entry(7, 60));
	CPPUNIT_ASSERT(cache.find("a.b.c", found));
	CPPUNIT_ASSERT_EQUAL(Orgs::Id(7), found.accountId);
	CPPUNIT_ASSERT(!cache.find("a.b.d", found));
	// Until the token's expiry, not a moment longer.
	pClock->advance(Poco::Timespan(59, 0));
	CPPUNIT_ASSERT(cache.find("a.b.c", found));
	pClock->advance(Poco::Timespan(1, 0));
	CPPUNIT_ASSERT(!cache.find("a.b.c", found));
	// Bounded: many tokens never make it hold more than its size.
	for (int i = 0; i < 1000; ++i)
		cache.put("token-" + std::to_string(i), entry(i, 60));
	CPPUNIT_ASSERT(cache.size() <= 32);
	CPPUNIT_ASSERT(cache.find("token-999", found));
	cache.clear();
	CPPUNIT_ASSERT_EQUAL(std::size_t(0), cache.size());
	// Size 0 remembers nothing.
	Orgs::Federation::VerificationCache none(0, pClock);
	none.put("a.b.c", entry(1, 60));
	CPPUNIT_ASSERT(!none.find("a.b.c", found));
}


void JwkTest::testSettings()
{
	const Orgs::Config::Settings defaults = load({});
	CPPUNIT_ASSERT(defaults.oidc.issuers.empty());
	CPPUNIT_ASSERT(!defaults.oidc.linkVerifiedEmail);
	CPPUNIT_ASSERT_EQUAL(60, defaults.oidc.refetchIntervalSeconds);
	CPPUNIT_ASSERT(defaults.oidc.caFile.empty());

	const Orgs::Config::Settings s = load({{"orgs.auth.oidc.corp.issuer", "https://login.example.com/corp"},
	                                       {"orgs.auth.oidc.corp.audience", "orgs-api, orgs-cli"},
	                                       {"orgs.auth.oidc.dev.issuer", "http://127.0.0.1:8080"},
	                                       {"orgs.auth.oidc.dev.audience", "dev"},
	                                       {"orgs.auth.oidc.dev.allowedAlgorithms", "ES384"},
	                                       {"orgs.auth.oidc.dev.clockSkewSeconds", "5"},
	                                       {"orgs.auth.oidc.dev.groupsClaim", "roles"},
	                                       {"orgs.auth.oidc.dev.jwksUri", "http://localhost:8080/keys"},
	                                       {"orgs.auth.oidc.refetchIntervalSeconds", "30"},
	                                       {"orgs.auth.linkVerifiedEmail", "true"}});
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), s.oidc.issuers.size());
	const Orgs::Config::OidcIssuerSettings& corp =
	    s.oidc.issuers[0].name == "corp" ? s.oidc.issuers[0] : s.oidc.issuers[1];
	const Orgs::Config::OidcIssuerSettings& dev =
	    s.oidc.issuers[0].name == "dev" ? s.oidc.issuers[0] : s.oidc.issuers[1];
	CPPUNIT_ASSERT_EQUAL(std::string("https://login.example.com/corp"), corp.issuer);
	CPPUNIT_ASSERT(corp.audiences == std::vector<std::string>({"orgs-api", "orgs-cli"}));
	CPPUNIT_ASSERT(corp.algorithms == std::vector<std::string>({"RS256", "ES256"}));
	CPPUNIT_ASSERT_EQUAL(60, corp.clockSkewSeconds);
	CPPUNIT_ASSERT_EQUAL(std::string("groups"), corp.groupsClaim);
	CPPUNIT_ASSERT(corp.jwksUri.empty());
	CPPUNIT_ASSERT(dev.algorithms == std::vector<std::string>({"ES384"}));
	CPPUNIT_ASSERT_EQUAL(5, dev.clockSkewSeconds);
	CPPUNIT_ASSERT_EQUAL(std::string("roles"), dev.groupsClaim);
	CPPUNIT_ASSERT_EQUAL(std::string("http://localhost:8080/keys"), dev.jwksUri);
	CPPUNIT_ASSERT_EQUAL(30, s.oidc.refetchIntervalSeconds);
	CPPUNIT_ASSERT(s.oidc.linkVerifiedEmail);
}


void JwkTest::testBadSettingsNameTheKey()
{
	const std::map<std::string, std::string> good{{"orgs.auth.oidc.corp.issuer", "https://login.example.com"},
	                                              {"orgs.auth.oidc.corp.audience", "orgs"}};
	auto with = [&](const std::string& key, const std::string& value) {
		std::map<std::string, std::string> keys = good;
		keys[key] = value;
		return refusal(keys);
	};
	auto names = [](const std::string& message, const std::string& key) {
		return message.compare(0, key.size() + 1, key + ":") == 0;
	};
	CPPUNIT_ASSERT_EQUAL(std::string("accepted"), refusal(good));
	for (const std::string alg : {"none", "HS256", "hs512", "PS256"})
	{
		const std::string m = with("orgs.auth.oidc.corp.allowedAlgorithms", "RS256, " + alg);
		CPPUNIT_ASSERT_MESSAGE(m, names(m, "orgs.auth.oidc.corp.allowedAlgorithms"));
	}
	CPPUNIT_ASSERT(names(with("orgs.auth.oidc.corp.issuer", "http://login.example.com"), "orgs.auth.oidc.corp.issuer"));
	CPPUNIT_ASSERT(names(with("orgs.auth.oidc.corp.issuer", ""), "orgs.auth.oidc.corp.issuer"));
	CPPUNIT_ASSERT(names(with("orgs.auth.oidc.corp.audience", ""), "orgs.auth.oidc.corp.audience"));
	CPPUNIT_ASSERT(names(with("orgs.auth.oidc.corp.jwksUri", "ftp://x/keys"), "orgs.auth.oidc.corp.jwksUri"));
	CPPUNIT_ASSERT(names(with("orgs.auth.oidc.corp.clockSkewSeconds", "-1"), "orgs.auth.oidc.corp.clockSkewSeconds"));
	CPPUNIT_ASSERT(names(with("orgs.auth.oidc.corp.audiance", "orgs"), "orgs.auth.oidc.corp.audiance"));
	CPPUNIT_ASSERT(names(with("orgs.auth.oidc.refetchIntervalSeconds", "0"), "orgs.auth.oidc.refetchIntervalSeconds"));
	CPPUNIT_ASSERT(names(with("orgs.auth.tls.caFile", "/no/such/ca.pem"), "orgs.auth.tls.caFile"));
	CPPUNIT_ASSERT(names(with("orgs.auth.linkVerifiedEmail", "perhaps"), "orgs.auth.linkVerifiedEmail"));
	CPPUNIT_ASSERT(names(with("orgs.auth.oidc.bad name.issuer", "https://x"), "orgs.auth.oidc.bad name"));
	// One issuer configured twice under two names.
	CPPUNIT_ASSERT(names(with("orgs.auth.oidc.zz.issuer", "https://login.example.com"), "orgs.auth.oidc.zz.audience"));
	std::map<std::string, std::string> twice = good;
	twice["orgs.auth.oidc.zz.issuer"] = "https://login.example.com";
	twice["orgs.auth.oidc.zz.audience"] = "orgs";
	CPPUNIT_ASSERT(names(refusal(twice), "orgs.auth.oidc.zz.issuer"));
}
