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
#include "Poco/SharedPtr.h"


namespace Orgs {
namespace Http {


class RequestAuthenticator
	/// Asks the host's Authenticator (if the host published one) and then the built-in token
	/// authenticator. An identity that names a host subject is mapped to the account
	/// provisioned for it, created on first sight.
{
public:
	struct Caller
		/// Who sent a request.
	{
		Id accountId = 0; ///< the signed-in account
		Id tokenId = 0;   ///< the personal access token it used (0: the host's Authenticator signed it in)
	};

	RequestAuthenticator(Poco::SharedPtr<Orgs::Authenticator> pHost, Poco::SharedPtr<TokenAuthenticator> pBuiltIn,
	                     Orgs::AccountService& accounts);

	bool authenticate(const Poco::Net::HTTPRequest& request, Caller& caller);
		/// Returns true and the caller if an authenticator accepts the request's credentials;
		/// returns false if no authenticator recognises credentials in it. Throws the
		/// authenticator's UnauthenticatedException for credentials it refuses.

private:
	Poco::SharedPtr<Orgs::Authenticator> _pHost;
	Poco::SharedPtr<TokenAuthenticator> _pBuiltIn;
	Orgs::AccountService& _accounts;
};


} // namespace Http
} // namespace Orgs


#endif // Orgs_RequestAuthenticator_INCLUDED
