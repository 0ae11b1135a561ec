//
// RequestAuthenticator.h
//
// Library: OrgsPlugin
// Package: Http
// Module:  RequestAuthenticator
//
// Turns a request's credentials into an account id.
//


#ifndef Orgs_RequestAuthenticator_INCLUDED
#define Orgs_RequestAuthenticator_INCLUDED


#include "Orgs/AccountService.h"
#include "Orgs/Authenticator.h"
#include "http/TokenAuthenticator.h"
#include "identity/FederatedSignIn.h"
#include "identity/VerifiedToken.h"
#include "Poco/SharedPtr.h"


namespace Orgs {
namespace Http {


class RequestAuthenticator
	/// Asks the host's Authenticator (if the host published one), then looks at a bearer
	/// credential: a JSON Web Token (three base64url parts separated by dots) goes to the
	/// federated sign-in pipeline, anything else to the built-in personal access tokens. An
	/// identity that names a host subject is mapped to the account provisioned for it, created
	/// on first sight.
{
public:
	struct Caller
		/// Who sent a request.
	{
		Id accountId = 0; ///< the signed-in account
		Id tokenId = 0;   ///< the personal access token it used (0: the host's Authenticator or a JWT)
		Federation::VerifiedToken::Ptr pToken; ///< the JWT it signed in with (null: a personal token or the host)
		Id identityId = 0;                     ///< the external identity the JWT signed in as (0 without one)
	};

	RequestAuthenticator(Poco::SharedPtr<Orgs::Authenticator> pHost, Poco::SharedPtr<TokenAuthenticator> pBuiltIn,
	                     Orgs::AccountService& accounts, Federation::FederatedSignIn* pFederated = nullptr);
		/// pFederated (may be null: no JWT is then accepted) must outlive the authenticator.

	bool authenticate(const Poco::Net::HTTPRequest& request, Caller& caller);
		/// Returns true and the caller if an authenticator accepts the request's credentials;
		/// returns false if no authenticator recognises credentials in it. Throws the
		/// authenticator's UnauthenticatedException for credentials it refuses.

private:
	Poco::SharedPtr<Orgs::Authenticator> _pHost;
	Poco::SharedPtr<TokenAuthenticator> _pBuiltIn;
	Orgs::AccountService& _accounts;
	Federation::FederatedSignIn* _pFederated;
};


} // namespace Http
} // namespace Orgs


#endif // Orgs_RequestAuthenticator_INCLUDED
