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
                                           Poco::SharedPtr<Orgs::Authenticator> pBuiltIn,
                                           Orgs::AccountService& accounts)
    : _pHost(pHost), _pBuiltIn(pBuiltIn), _accounts(accounts)
{
}


Id RequestAuthenticator::authenticate(const Poco::Net::HTTPRequest& request)
{
	for (Orgs::Authenticator* pAuth : {_pHost.get(), _pBuiltIn.get()})
	{
		Identity identity;
		if (!pAuth || !pAuth->authenticate(request, identity))
			continue;
		if (identity.accountId != 0)
			return identity.accountId;
		if (identity.subject.empty())
			throw UnauthenticatedException("The authenticator named neither an account nor a subject",
			                               "unauthenticated");
		AccountSpec spec;
		spec.username = identity.username;
		spec.email = identity.email;
		spec.name = identity.name;
		return _accounts.provisionAccount(identity.subject, spec).id;
	}
	throw UnauthenticatedException("Sign in: send Authorization: Bearer <token>", "unauthenticated");
}


} // namespace Http
} // namespace Orgs
