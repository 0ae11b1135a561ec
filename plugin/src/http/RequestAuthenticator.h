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
#include "Poco/SharedPtr.h"


namespace Orgs {
namespace Http {


class RequestAuthenticator
	/// Asks the host's Authenticator (if the host published one) and then the built-in token
	/// authenticator. An identity that names a host subject is mapped to the account
	/// provisioned for it, created on first sight.
{
public:
	RequestAuthenticator(Poco::SharedPtr<Orgs::Authenticator> pHost, Poco::SharedPtr<Orgs::Authenticator> pBuiltIn,
	                     Orgs::AccountService& accounts);

	Id authenticate(const Poco::Net::HTTPRequest& request);
		/// Returns the caller's account id. Throws UnauthenticatedException ("unauthenticated")
		/// if no authenticator recognises credentials, or the authenticator's own exception.

private:
	Poco::SharedPtr<Orgs::Authenticator> _pHost;
	Poco::SharedPtr<Orgs::Authenticator> _pBuiltIn;
	Orgs::AccountService& _accounts;
};


} // namespace Http
} // namespace Orgs


#endif // Orgs_RequestAuthenticator_INCLUDED
