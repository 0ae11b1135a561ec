//
// RequestAuthenticator.cpp
//
// Library: OrgsPlugin
// Package: Http
// Module:  RequestAuthenticator
//


#include "http/RequestAuthenticator.h"
#include "Orgs/Errors.h"


namespace Orgs {
namespace Http {


RequestAuthenticator::RequestAuthenticator(Poco::SharedPtr<Orgs::Authenticator> pHost,
                                           Poco::SharedPtr<TokenAuthenticator> pBuiltIn, Orgs::AccountService& accounts,
                                           Federation::FederatedSignIn* pFederated)
    : _pHost(pHost), _pBuiltIn(pBuiltIn), _accounts(accounts), _pFederated(pFederated)
{
}


bool RequestAuthenticator::authenticate(const Poco::Net::HTTPRequest& request, Caller& caller)
{
	Identity identity;
	if (_pHost && _pHost->authenticate(request, identity))
	{
		caller.tokenId = 0;
	}
	else
	{
		// A JWT cannot be a personal access token (those have no dots): no token look-up for it.
		std::string credential;
		if (_pFederated && TokenAuthenticator::credentials(request, credential) &&
		    Federation::FederatedSignIn::looksLikeToken(credential))
		{
			const Federation::FederatedSignIn::Result signedIn = _pFederated->authenticate(credential);
			caller.accountId = signedIn.accountId;
			caller.tokenId = 0;
			caller.pToken = signedIn.pToken;
			caller.identityId = signedIn.identityId;
			return true;
		}
		identity = Identity();
		if (!_pBuiltIn || !_pBuiltIn->authenticate(request, identity, caller.tokenId))
			return false;
	}
	if (identity.accountId != 0)
	{
		caller.accountId = identity.accountId;
		return true;
	}
	if (identity.subject.empty())
		throw UnauthenticatedException("The authenticator named neither an account nor a subject", "unauthenticated");
	AccountSpec spec;
	spec.username = identity.username;
	spec.email = identity.email;
	spec.name = identity.name;
	caller.accountId = _accounts.provisionAccount(identity.subject, spec).id;
	return true;
}


} // namespace Http
} // namespace Orgs
