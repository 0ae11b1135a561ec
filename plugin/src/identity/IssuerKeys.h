//
// IssuerKeys.h
//
// Library: OrgsPlugin
// Package: Identity
// Module:  IssuerKeys
//
// One issuer's signing keys, fetched when needed and kept.
//


#ifndef Orgs_IssuerKeys_INCLUDED
#define Orgs_IssuerKeys_INCLUDED


#include "identity/KeySet.h"
#include "identity/ProviderClient.h"
#include "service/Clock.h"
#include "Poco/Logger.h"
#include <condition_variable>
#include <mutex>
#include <string>


namespace Orgs {
namespace Federation {


class IssuerKeys
	/// The key set of one issuer: read from jwksUri, or from the jwks_uri of the issuer's
	/// OpenID discovery document (<issuer>/.well-known/openid-configuration, whose "issuer"
	/// must be the issuer), on first use, and kept.
	///
	/// A token naming a key id the set does not hold fetches the set again, so a provider's
	/// new key is followed without a restart; but at most once per refetch interval, whoever
	/// asks (an attacker's made-up kids cannot make us hammer the provider), and never twice
	/// at once: requests that need a fetch while one is under way wait for it and use its
	/// result. The first successful fetch is not a refetch. A failed fetch counts as one;
	/// until the interval has passed, requests that need a fetch are answered with its
	/// failure (503).
{
public:
	IssuerKeys(const std::string& issuer, const std::string& jwksUri, ProviderClient& client,
	           Service::Clock::Ptr pClock, Poco::Int64 refetchIntervalNs, Poco::Logger& logger);
		/// An empty jwksUri means OpenID discovery.

	PublicKey::Ptr key(const std::string& keyId);
		/// Returns the key whose kid is keyId, fetching the set first if it was never fetched,
		/// or if it lacks keyId and the interval allows. An empty keyId names the set's only key.
		///
		/// Throws UnauthenticatedException "token_kid_missing" for an empty keyId while the
		/// set holds several keys, "token_key_unknown" for a keyId the set does not hold
		/// (after the refetch that the interval allowed, if any), and UnavailableException
		/// ("identity_provider_unavailable") if the set could not be fetched.

	const std::string& jwksUri() const;
		/// Returns the URI given at construction ("" for discovery).

	Poco::UInt64 fetches() const;
		/// Returns how many times the key set was fetched (or tried).

private:
	KeySet::Ptr fetch(std::string& discovered);
	std::string discover();

	const std::string _issuer;
	const std::string _jwksUri;
	ProviderClient& _client;
	Service::Clock::Ptr _pClock;
	const Poco::Int64 _refetchIntervalNs;
	Poco::Logger& _logger;

	mutable std::mutex _mutex;
	std::condition_variable _fetched;
	bool _fetching = false;
	bool _lastFailed = false;
	bool _throttled = false;      ///< the last fetch was a refetch or failed: the next waits for the interval
	Poco::Int64 _lastFetchNs = 0; ///< when the last fetch began
	Poco::UInt64 _fetches = 0;
	std::string _discoveredJwksUri;
	std::string _lastFailure;
	KeySet::Ptr _pKeys;
};


//
// inlines
//
inline const std::string& IssuerKeys::jwksUri() const
{
	return _jwksUri;
}


} // namespace Federation
} // namespace Orgs


#endif // Orgs_IssuerKeys_INCLUDED
