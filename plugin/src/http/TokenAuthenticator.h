//
// TokenAuthenticator.h
//
// Library: OrgsPlugin
// Package: Http
// Module:  TokenAuthenticator
//
// The built-in authenticator: personal access tokens.
//


#ifndef Orgs_TokenAuthenticator_INCLUDED
#define Orgs_TokenAuthenticator_INCLUDED


#include "Orgs/Authenticator.h"
#include "service/AccountServiceImpl.h"


namespace Orgs {
namespace Http {


class TokenAuthenticator : public Orgs::Authenticator
	/// Accepts "Authorization: Bearer <token>" and "Authorization: Token <token>" (the scheme
	/// is case-insensitive) carrying a live personal access token.
{
public:
	explicit TokenAuthenticator(Service::AccountServiceImpl& accounts);

	bool authenticate(const Poco::Net::HTTPRequest& request, Identity& identity) override;

	bool authenticate(const Poco::Net::HTTPRequest& request, Identity& identity, Id& tokenId);
		/// As authenticate(request, identity), and returns the id of the token in tokenId.

	static bool credentials(const Poco::Net::HTTPRequest& request, std::string& token);
		/// Extracts the token of a Bearer or Token authorization; returns false if there is none.

private:
	Service::AccountServiceImpl& _accounts;
};


} // namespace Http
} // namespace Orgs


#endif // Orgs_TokenAuthenticator_INCLUDED
