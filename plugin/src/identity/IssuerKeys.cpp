//
// IssuerKeys.cpp
//
// Library: OrgsPlugin
// Package: Identity
// Module:  IssuerKeys
//


#include "identity/IssuerKeys.h"
#include "http/JsonReader.h"
#include "Orgs/Errors.h"
#include "Poco/URI.h"


namespace Orgs {
namespace Federation {


namespace {


[[noreturn]] void unavailable(const std::string& cause)
{
	throw UnavailableException("The identity provider that issued this token cannot be reached; retry later",
	                           "identity_provider_unavailable", Poco::IOException(cause));
}


} // namespace


IssuerKeys::IssuerKeys(const std::string& issuer, const std::string& jwksUri, ProviderClient& client,
                       Service::Clock::Ptr pClock, Poco::Int64 refetchIntervalNs, Poco::Logger& logger)
    : _issuer(issuer), _jwksUri(jwksUri), _client(client), _pClock(pClock), _refetchIntervalNs(refetchIntervalNs),
      _logger(logger)
{
}


Poco::UInt64 IssuerKeys::fetches() const
{
	std::lock_guard<std::mutex> lock(_mutex);
	return _fetches;
}


PublicKey::Ptr IssuerKeys::key(const std::string& keyId)
{
	std::unique_lock<std::mutex> lock(_mutex);
	for (;;)
	{
		if (_pKeys)
		{
			if (keyId.empty())
			{
				// RFC 7515 makes kid optional; without it, which of several keys is meant is a guess.
				if (_pKeys->keys().size() == 1)
					return _pKeys->keys().front();
				if (_pKeys->keys().size() > 1)
					throw UnauthenticatedException("The token names no key (kid) and its issuer has several",
					                               "token_kid_missing");
			}
			else if (PublicKey::Ptr pKey = _pKeys->find(keyId))
				return pKey;
		}
		if (_fetching)
		{
			// Another request is fetching: its result answers this one too.
			_fetched.wait(lock, [this] { return !_fetching; });
			continue;
		}
		const Poco::Int64 now = _pClock->monotonic();
		if (_throttled && now - _lastFetchNs < _refetchIntervalNs)
		{
			if (_lastFailed || !_pKeys)
				unavailable(_lastFailure);
			throw UnauthenticatedException("The token's signing key (kid) is not one of its issuer's keys",
			                               "token_key_unknown");
		}
		const bool initial = !_pKeys;
		_fetching = true;
		_throttled = true;
		_lastFetchNs = now;
		++_fetches;
		std::string discovered = _discoveredJwksUri;
		lock.unlock();
		KeySet::Ptr pKeys;
		std::string failure;
		try
		{
			pKeys = fetch(discovered);
		}
		catch (Poco::Exception& exc)
		{
			const Poco::Exception* pCause = exc.nested() ? exc.nested() : &exc;
			failure = pCause->displayText();
		}
		lock.lock();
		_fetching = false;
		_fetched.notify_all();
		if (!pKeys)
		{
			_lastFailed = true;
			_lastFailure = failure;
			_discoveredJwksUri.clear(); // discover again next time: the provider may have moved its keys
			_logger.warning("Cannot fetch the signing keys of %s: %s", _issuer, failure);
			unavailable(failure);
		}
		_lastFailed = false;
		// The first set is not a refetch: a key that the provider adds right after it (a
		// rotation) is still fetched at once. Refetches, and failures, wait for the interval.
		if (initial)
			_throttled = false;
		_discoveredJwksUri = discovered;
		_pKeys = pKeys;
	}
}


std::string IssuerKeys::discover()
{
	std::string base = _issuer;
	while (!base.empty() && base.back() == '/')
		base.pop_back();
	const std::string uri = base + "/.well-known/openid-configuration";
	const std::string body = _client.get(uri);
	Poco::JSON::Object::Ptr pDocument;
	try
	{
		pDocument = Http::JsonReader::parseObject(body);
	}
	catch (InvalidInputException& exc)
	{
		unavailable(uri + ": not a JSON object: " + exc.message());
	}
	// OpenID Connect Discovery 1.0, 4.3: the document must be the issuer's own.
	const Poco::Dynamic::Var issuer = pDocument->get("issuer");
	if (!issuer.isString() || issuer.extract<std::string>() != _issuer)
		unavailable(uri + ": its issuer is not " + _issuer);
	const Poco::Dynamic::Var jwksUri = pDocument->get("jwks_uri");
	if (!jwksUri.isString())
		unavailable(uri + ": no jwks_uri");
	const std::string result = jwksUri.extract<std::string>();
	const Poco::URI target(result);
	const bool sameSecurity = target.getScheme() == "https" || Poco::URI(_issuer).getScheme() == "http";
	if (!sameSecurity)
		unavailable(uri + ": jwks_uri " + result + " is not HTTPS");
	return result;
}


KeySet::Ptr IssuerKeys::fetch(std::string& discovered)
{
	std::string uri = _jwksUri;
	if (uri.empty())
	{
		if (discovered.empty())
			discovered = discover();
		uri = discovered;
	}
	std::vector<std::string> skipped;
	KeySet::Ptr pKeys;
	try
	{
		pKeys = KeySet::parse(_client.get(uri), skipped);
	}
	catch (Poco::DataFormatException& exc)
	{
		unavailable(uri + ": " + exc.message());
	}
	for (const auto& s : skipped)
		_logger.information("Key set of %s: left out %s", _issuer, s);
	_logger.information("Fetched %z signing keys of %s", pKeys->keys().size(), _issuer);
	return pKeys;
}


} // namespace Federation
} // namespace Orgs
