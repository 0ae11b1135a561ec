//
// FederatedSignIn.h
//
// Library: OrgsPlugin
// Package: Identity
// Module:  FederatedSignIn
//
// The sign-in pipeline for tokens of identity providers.
//


#ifndef Orgs_FederatedSignIn_INCLUDED
#define Orgs_FederatedSignIn_INCLUDED


#include "Orgs/SignInService.h"
#include "config/Settings.h"
#include "data/Database.h"
#include "identity/ExternalIdentities.h"
#include "identity/IssuerSpec.h"
#include "identity/ProviderClient.h"
#include "identity/SignInStep.h"
#include "identity/TokenVerifier.h"
#include "identity/VerificationCache.h"
#include "identity/VerifiedToken.h"
#include "metrics/OutcomeCounts.h"
#include "service/AccountServiceImpl.h"
#include "service/Clock.h"
#include "Poco/Logger.h"
#include <vector>


namespace Orgs {
namespace Federation {


class FederatedSignIn : public Orgs::SignInService
	/// Signs a bearer JWT in:
	///
	///   1. the verification cache: a token that signed in before and has not expired is
	///      answered from memory (no signature check, no query, no step);
	///   2. TokenVerifier: signature, issuer, audience, lifetime;
	///   3. ExternalIdentities: the identity's account, provisioned on first sight;
	///   4. the sign-in steps, in the order they were added (SSO mapping rules, verified-domain
	///      joins), each given the SignIn; one that throws refuses the sign-in;
	///   5. the token is remembered until its exp, with its account and identity.
	///
	/// Modules add their steps and the IssuerSource while the runtime is being built, before
	/// the first request; afterwards the pipeline is only read, from any thread.
{
public:
	struct Result
		/// Who a token signed in as.
	{
		VerifiedToken::Ptr pToken; ///< the verified token (shared with every request that sends it)
		Id accountId = 0;          ///< its identity's account
		Id identityId = 0;         ///< the identity's row (external_identities.id)
	};

	FederatedSignIn(const Config::OidcSettings& settings, Data::Database& database,
	                Service::AccountServiceImpl& accounts, Service::Clock::Ptr pClock, Poco::Logger& logger);

	~FederatedSignIn() override;

	void addStep(SignInStep& step);
		/// Runs step at every sign-in (a token's first use), after those added before. step
		/// must outlive the pipeline. Not thread-safe: call it while the runtime is built.

	void setIssuerSource(IssuerSource* pSource);
		/// Trusts, besides the configured issuers, those pSource names (may be null; must
		/// outlive the pipeline). Not thread-safe: call it while the runtime is built.

	static bool looksLikeToken(const std::string& credential);
		/// Returns true if credential has the shape of a JWT (a compact JWS: three base64url
		/// parts separated by dots), so a bearer credential is this pipeline's to judge.

	Result authenticate(const std::string& token);
		/// Returns who token signs in as, through the cache or the whole pipeline. Throws as
		/// SignInService::signIn() does.

	Account signIn(const std::string& token) override;

	TokenVerifier& verifier();
	VerificationCache& cache();

	const Metrics::OutcomeCounts& outcomes() const;
		/// Returns how the sign-ins (a token's first use) went: ("admitted", ""), ("refused",
		/// code) when a step refused it (SSO rules: sso_required, ...), ("token_refused", code)
		/// when the verifier did (token_expired, untrusted_issuer, ...); ("error", "") else.

	static std::vector<IssuerSpec> issuersOf(const Config::OidcSettings& settings);
		/// Returns the configured issuers (orgs.auth.oidc.<name>.*) as the verifier takes them.

private:
	FederatedSignIn(const FederatedSignIn&) = delete;
	FederatedSignIn& operator=(const FederatedSignIn&) = delete;

	Service::AccountServiceImpl& _accounts;
	ProviderClient _client;
	TokenVerifier _verifier;
	ExternalIdentities _identities;
	VerificationCache _cache;
	std::vector<SignInStep*> _steps;
	Metrics::OutcomeCounts _outcomes;
};


//
// inlines
//
inline TokenVerifier& FederatedSignIn::verifier()
{
	return _verifier;
}


inline VerificationCache& FederatedSignIn::cache()
{
	return _cache;
}


inline const Metrics::OutcomeCounts& FederatedSignIn::outcomes() const
{
	return _outcomes;
}


} // namespace Federation
} // namespace Orgs


#endif // Orgs_FederatedSignIn_INCLUDED
