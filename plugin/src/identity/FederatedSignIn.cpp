//
// FederatedSignIn.cpp
//
// Library: OrgsPlugin
// Package: Identity
// Module:  FederatedSignIn
//


#include "identity/FederatedSignIn.h"
#include "identity/CompactJws.h"
#include "Orgs/Errors.h"


namespace Orgs {
namespace Federation {


FederatedSignIn::FederatedSignIn(const Config::OidcSettings& settings, Data::Database& database,
                                 Service::AccountServiceImpl& accounts, Service::Clock::Ptr pClock,
                                 Poco::Logger& logger)
    : _accounts(accounts), _client(settings.caFile, settings.fetchTimeoutSeconds),
      _verifier(issuersOf(settings), _client, pClock, Poco::Int64(settings.refetchIntervalSeconds) * 1000000000,
                logger),
      _identities(database, accounts, pClock, settings.linkVerifiedEmail),
      _cache(static_cast<std::size_t>(settings.cacheEntries), pClock)
{
}


FederatedSignIn::~FederatedSignIn() = default;


std::vector<IssuerSpec> FederatedSignIn::issuersOf(const Config::OidcSettings& settings)
{
	std::vector<IssuerSpec> issuers;
	for (const auto& configured : settings.issuers)
	{
		IssuerSpec spec;
		spec.name = configured.name;
		spec.issuer = configured.issuer;
		spec.audiences = configured.audiences;
		spec.jwksUri = configured.jwksUri;
		spec.algorithms = configured.algorithms;
		spec.clockSkewSeconds = configured.clockSkewSeconds;
		spec.groupsClaim = configured.groupsClaim;
		issuers.push_back(spec);
	}
	return issuers;
}


void FederatedSignIn::addStep(SignInStep& step)
{
	_steps.push_back(&step);
}


void FederatedSignIn::setIssuerSource(IssuerSource* pSource)
{
	_verifier.setIssuerSource(pSource);
}


bool FederatedSignIn::looksLikeToken(const std::string& credential)
{
	return CompactJws::looksLike(credential);
}


FederatedSignIn::Result FederatedSignIn::authenticate(const std::string& token)
{
	Result result;
	VerificationCache::Entry entry;
	if (_cache.find(token, entry))
	{
		result.pToken = entry.pToken;
		result.accountId = entry.accountId;
		result.identityId = entry.identityId;
		return result;
	}
	try
	{
		result.pToken = _verifier.verify(token);
	}
	catch (OrgsException& exc)
	{
		_outcomes.count("token_refused", exc.reason());
		throw;
	}
	catch (...)
	{
		_outcomes.count("error");
		throw;
	}
	try
	{
		const SignIn signIn = _identities.resolve(*result.pToken);
		// A step that throws refuses the sign-in: the token is not remembered, and is judged anew.
		for (SignInStep* pStep : _steps)
			pStep->signedIn(signIn);
		result.accountId = signIn.accountId;
		result.identityId = signIn.identityId;
	}
	catch (OrgsException& exc)
	{
		_outcomes.count("refused", exc.reason());
		throw;
	}
	catch (...)
	{
		_outcomes.count("error");
		throw;
	}
	_outcomes.count("admitted");
	entry.pToken = result.pToken;
	entry.accountId = result.accountId;
	entry.identityId = result.identityId;
	entry.expiresAt = result.pToken->expiresAt;
	_cache.put(token, entry);
	return result;
}


Account FederatedSignIn::signIn(const std::string& token)
{
	return _accounts.getAccount(authenticate(token).accountId);
}


} // namespace Federation
} // namespace Orgs
