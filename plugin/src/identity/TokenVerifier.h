//
// TokenVerifier.h
//
// Library: OrgsPlugin
// Package: Identity
// Module:  TokenVerifier
//
// Verifies JSON Web Tokens of trusted issuers.
//


#ifndef Orgs_TokenVerifier_INCLUDED
#define Orgs_TokenVerifier_INCLUDED


#include "identity/IssuerKeys.h"
#include "identity/IssuerSpec.h"
#include "identity/ProviderClient.h"
#include "identity/VerifiedToken.h"
#include "service/Clock.h"
#include "Poco/Logger.h"
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>


namespace Orgs {
namespace Federation {


class CompactJws;


class TokenVerifier
	/// Turns a bearer token into a VerifiedToken, or refuses it as RFC 7519 and RFC 8725 say,
	/// each refusal an UnauthenticatedException (401) with its own reason, checked in this
	/// order:
	///
	///     token_malformed              not a compact JWS of JSON objects; no alg; crit; a claim of
	///                                  the wrong type; no sub or no exp
	///     token_unsigned               alg "none"
	///     token_algorithm_not_allowed  an HMAC algorithm (HS256, ...: the "secret" would be a
	///                                  public key), or one the issuer's allowedAlgorithms lacks
	///     token_issuer_unknown         no iss, or one neither configured nor named by an SSO
	///                                  connection (IssuerSource)
	///     token_kid_missing            no kid while the issuer has several keys
	///     token_key_unknown            a kid the issuer's key set lacks, even after a refetch
	///     token_signature_invalid      the signature does not verify with that key
	///     token_audience_mismatch      aud names none of the issuer's audiences
	///     token_expired                exp is past (with the issuer's clock skew)
	///     token_not_yet_valid          nbf or iat is in the future (with the clock skew)
	///
	/// The claims other than alg, kid and iss are read only once the signature is verified.
	/// A key set that cannot be fetched is UnavailableException ("identity_provider_unavailable",
	/// 503), never a 401: the token may well be good.
	///
	/// Issuers are the configured ones, then those of the IssuerSource (if any), asked for an
	/// issuer the configuration does not have. Each issuer's keys are an IssuerKeys, made on
	/// first use and kept. Thread-safe.
{
public:
	TokenVerifier(const std::vector<IssuerSpec>& issuers, ProviderClient& client, Service::Clock::Ptr pClock,
	              Poco::Int64 refetchIntervalNs, Poco::Logger& logger);
		/// issuers are the configured ones (IssuerSpec::name set).

	void setIssuerSource(IssuerSource* pSource);
		/// Asks pSource (which may be null, and must outlive the verifier) for issuers the
		/// configuration lacks. Call it before the verifier is used.

	VerifiedToken::Ptr verify(const std::string& token);
		/// Returns the verified token. Throws as the class says.

	Poco::UInt64 keyFetches(const std::string& issuer) const;
		/// Returns how many times the key set of issuer was fetched (0 if never).

private:
	Poco::Nullable<IssuerSpec> findIssuer(const std::string& issuer) const;
	std::shared_ptr<IssuerKeys> keysOf(const IssuerSpec& spec);
	void checkClaims(const CompactJws& jws, const IssuerSpec& spec, VerifiedToken& token) const;

	std::map<std::string, IssuerSpec> _configured;
	IssuerSource* _pSource = nullptr;
	ProviderClient& _client;
	Service::Clock::Ptr _pClock;
	const Poco::Int64 _refetchIntervalNs;
	Poco::Logger& _logger;
	mutable std::mutex _mutex;
	std::map<std::string, std::shared_ptr<IssuerKeys>> _keys; ///< by issuer
};


} // namespace Federation
} // namespace Orgs


#endif // Orgs_TokenVerifier_INCLUDED
