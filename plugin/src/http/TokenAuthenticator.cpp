//
// TokenAuthenticator.cpp
//
// Library: OrgsPlugin
// Package: Http
// Module:  TokenAuthenticator
//


#include "http/TokenAuthenticator.h"
#include "Orgs/Errors.h"
#include "Poco/String.h"


namespace Orgs {
namespace Http {


TokenAuthenticator::TokenAuthenticator(Service::AccountServiceImpl& accounts) : _accounts(accounts) {}


bool TokenAuthenticator::credentials(const Poco::Net::HTTPRequest& request, std::string& token)
{
	if (!request.has("Authorization"))
		return false;
	const std::string& value = request.get("Authorization");
	const std::string::size_type space = value.find(' ');
	if (space == std::string::npos)
		return false;
	const std::string scheme = value.substr(0, space);
	if (Poco::icompare(scheme, "Bearer") != 0 && Poco::icompare(scheme, "Token") != 0)
		return false;
	token = Poco::trim(value.substr(space + 1));
	return true;
}


bool TokenAuthenticator::authenticate(const Poco::Net::HTTPRequest& request, Identity& identity)
{
	Id tokenId = 0;
	return authenticate(request, identity, tokenId);
}


bool TokenAuthenticator::authenticate(const Poco::Net::HTTPRequest& request, Identity& identity, Id& tokenId)
{
	std::string token;
	if (!credentials(request, token))
		return false;
	Id accountId = 0;
	if (!_accounts.authenticateToken(token, accountId, tokenId))
		throw UnauthenticatedException("The access token is invalid, expired or revoked", "invalid_token");
	identity.accountId = accountId;
	return true;
}


} // namespace Http
} // namespace Orgs
