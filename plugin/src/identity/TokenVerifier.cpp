//
// TokenVerifier.cpp
//
// Library: OrgsPlugin
// Package: Identity
// Module:  TokenVerifier
//


#include "identity/TokenVerifier.h"
#include "identity/CompactJws.h"
#include "Orgs/Errors.h"
#include "Poco/JSON/Array.h"
#include "Poco/String.h"
#include <algorithm>
#include <cmath>


namespace Orgs {
namespace Federation {


namespace {


[[noreturn]] void refuse(const std::string& message, const std::string& reason)
{
	throw UnauthenticatedException(message, reason);
}


std::string optionalString(const Poco::JSON::Object::Ptr& pClaims, const std::string& name)
	/// Returns a string claim; absent, null or of another type, "" (these claims only inform).
{
	if (!pClaims->has(name))
		return std::string();
	const Poco::Dynamic::Var value = pClaims->get(name);
	return value.isString() ? value.extract<std::string>() : std::string();
}


bool numericDate(const Poco::JSON::Object::Ptr& pClaims, const std::string& name, Poco::Timestamp& at)
	/// Reads a NumericDate (RFC 7519, 2): seconds since the epoch, fractions allowed. Returns
	/// false if the claim is absent; throws token_malformed if it is not a number.
{
	if (!pClaims->has(name))
		return false;
	const Poco::Dynamic::Var value = pClaims->get(name);
	// Poco reads true as a number where one is asked for: a boolean is not a date.
	if (value.isEmpty() || value.isBoolean() || !value.isNumeric())
		refuse("The token's " + name + " is not a number of seconds", "token_malformed");
	double seconds = value.convert<double>();
	if (!std::isfinite(seconds))
		refuse("The token's " + name + " is not a number of seconds", "token_malformed");
	// Keep within what a Timestamp holds: beyond year 9999 is "never" for every purpose here.
	seconds = std::max(-253402300800.0, std::min(seconds, 253402300800.0));
	at = Poco::Timestamp(static_cast<Poco::Timestamp::TimeVal>(seconds * 1000000.0));
	return true;
}


std::vector<std::string> audiencesOf(const Poco::JSON::Object::Ptr& pClaims)
{
	std::vector<std::string> result;
	if (!pClaims->has("aud"))
		return result;
	const Poco::Dynamic::Var aud = pClaims->get("aud");
	if (aud.isString())
		result.push_back(aud.extract<std::string>());
	else if (Poco::JSON::Array::Ptr pArray = pClaims->getArray("aud"))
	{
		for (std::size_t i = 0; i < pArray->size(); ++i)
		{
			const Poco::Dynamic::Var element = pArray->get(static_cast<unsigned>(i));
			if (element.isString())
				result.push_back(element.extract<std::string>());
		}
	}
	return result;
}


std::vector<std::string> groupsOf(const Poco::JSON::Object::Ptr& pClaims, const std::string& claim)
{
	std::vector<std::string> result;
	if (!pClaims->has(claim))
		return result;
	const Poco::Dynamic::Var value = pClaims->get(claim);
	if (value.isString())
		result.push_back(value.extract<std::string>());
	else if (Poco::JSON::Array::Ptr pArray = pClaims->getArray(claim))
	{
		for (std::size_t i = 0; i < pArray->size(); ++i)
		{
			const Poco::Dynamic::Var element = pArray->get(static_cast<unsigned>(i));
			if (element.isString())
				result.push_back(element.extract<std::string>());
		}
	}
	return result;
}


bool isHmac(const std::string& alg)
{
	return alg.size() >= 2 && (alg[0] == 'H' || alg[0] == 'h') && (alg[1] == 'S' || alg[1] == 's');
}


} // namespace


TokenVerifier::TokenVerifier(const std::vector<IssuerSpec>& issuers, ProviderClient& client, Service::Clock::Ptr pClock,
                             Poco::Int64 refetchIntervalNs, Poco::Logger& logger)
    : _client(client), _pClock(pClock), _refetchIntervalNs(refetchIntervalNs), _logger(logger)
{
	for (const auto& spec : issuers)
		_configured[spec.issuer] = spec;
}


void TokenVerifier::setIssuerSource(IssuerSource* pSource)
{
	_pSource = pSource;
}


Poco::Nullable<IssuerSpec> TokenVerifier::findIssuer(const std::string& issuer) const
{
	// A configured issuer comes first: an SSO connection cannot redefine its audiences or keys.
	const auto it = _configured.find(issuer);
	if (it != _configured.end())
		return it->second;
	if (_pSource)
	{
		Poco::Nullable<IssuerSpec> spec = _pSource->findIssuer(issuer);
		if (!spec.isNull())
		{
			// Only the configuration names issuers: a connection's issuer is never taken for one.
			spec.value().name.clear();
			return spec;
		}
	}
	return Poco::Nullable<IssuerSpec>();
}


std::shared_ptr<IssuerKeys> TokenVerifier::keysOf(const IssuerSpec& spec)
{
	std::lock_guard<std::mutex> lock(_mutex);
	std::shared_ptr<IssuerKeys>& pKeys = _keys[spec.issuer];
	// An SSO connection may change where its issuer's keys are: then they are fetched anew.
	if (!pKeys || pKeys->jwksUri() != spec.jwksUri)
		pKeys = std::make_shared<IssuerKeys>(spec.issuer, spec.jwksUri, _client, _pClock, _refetchIntervalNs, _logger);
	return pKeys;
}


Poco::UInt64 TokenVerifier::keyFetches(const std::string& issuer) const
{
	std::lock_guard<std::mutex> lock(_mutex);
	const auto it = _keys.find(issuer);
	return it == _keys.end() ? 0 : it->second->fetches();
}


VerifiedToken::Ptr TokenVerifier::verify(const std::string& token)
{
	const CompactJws jws = CompactJws::parse(token);
	const std::string& alg = jws.algorithm();
	// RFC 8725, 3.1: the algorithm is the verifier's choice, never the token's.
	if (Poco::icompare(alg, "none") == 0)
		refuse("The token is not signed (alg none)", "token_unsigned");
	if (isHmac(alg))
		refuse("The token is signed with a shared secret (" + alg + "); only the issuer's public keys are accepted",
		       "token_algorithm_not_allowed");

	const Poco::JSON::Object::Ptr pClaims = jws.payload();
	const std::string issuer = optionalString(pClaims, "iss");
	if (issuer.empty())
		refuse("The token names no issuer (iss)", "token_issuer_unknown");
	const Poco::Nullable<IssuerSpec> found = findIssuer(issuer);
	if (found.isNull())
		refuse("The token's issuer is not trusted here", "token_issuer_unknown");
	const IssuerSpec& spec = found.value();
	if (std::find(spec.algorithms.begin(), spec.algorithms.end(), alg) == spec.algorithms.end())
		refuse("The token's algorithm " + alg + " is not allowed for its issuer", "token_algorithm_not_allowed");

	const PublicKey::Ptr pKey = keysOf(spec)->key(jws.keyId());
	if (!pKey->fits(alg))
		refuse("The token's key is not a key for " + alg, "token_algorithm_not_allowed");
	if (!pKey->verify(alg, jws.signingInput(), jws.signature()))
		refuse("The token's signature is not valid", "token_signature_invalid");

	auto pToken = std::make_shared<VerifiedToken>();
	pToken->issuer = issuer;
	pToken->issuerName = spec.name;
	checkClaims(jws, spec, *pToken);
	return pToken; // immutable from here on
}


void TokenVerifier::checkClaims(const CompactJws& jws, const IssuerSpec& spec, VerifiedToken& token) const
{
	const Poco::JSON::Object::Ptr pClaims = jws.payload();
	token.subject = optionalString(pClaims, "sub");
	if (token.subject.empty() || token.subject.size() > 255)
		refuse("The token's subject (sub) must be a string of 1-255 characters", "token_malformed");
	if (!numericDate(pClaims, "exp", token.expiresAt))
		refuse("The token has no expiry (exp)", "token_malformed");
	Poco::Timestamp notBefore;
	const bool hasNotBefore = numericDate(pClaims, "nbf", notBefore);
	numericDate(pClaims, "iat", token.issuedAt);

	const std::vector<std::string> audiences = audiencesOf(pClaims);
	for (const auto& aud : audiences)
	{
		if (std::find(spec.audiences.begin(), spec.audiences.end(), aud) != spec.audiences.end())
		{
			token.audience = aud;
			break;
		}
	}
	if (token.audience.empty())
		refuse("The token is not meant for this service (aud)", "token_audience_mismatch");

	const Poco::Timestamp now = _pClock->now();
	const Poco::Timestamp::TimeDiff skew = Poco::Timestamp::TimeDiff(spec.clockSkewSeconds) * 1000000;
	if (now - skew >= token.expiresAt)
		refuse("The token has expired", "token_expired");
	if (hasNotBefore && notBefore - skew > now)
		refuse("The token is not valid yet (nbf)", "token_not_yet_valid");
	if (token.issuedAt.epochMicroseconds() != 0 && token.issuedAt - skew > now)
		refuse("The token was issued in the future (iat)", "token_not_yet_valid");

	token.email = Poco::toLower(optionalString(pClaims, "email"));
	if (pClaims->has("email_verified"))
	{
		const Poco::Dynamic::Var verified = pClaims->get("email_verified");
		// Some providers write the boolean as a string.
		token.emailVerified = (verified.isBoolean() && verified.extract<bool>()) ||
		                      (verified.isString() && verified.extract<std::string>() == "true");
	}
	token.name = optionalString(pClaims, "name");
	token.preferredUsername = optionalString(pClaims, "preferred_username");
	token.groups = groupsOf(pClaims, spec.groupsClaim);
	token.tokenId = optionalString(pClaims, "jti");
	token.pClaims = pClaims;
}


} // namespace Federation
} // namespace Orgs
