//
// SsoEnforcement.cpp
//
// Library: OrgsPlugin
// Package: Identity
// Module:  SsoEnforcement
//


#include "identity/SsoEnforcement.h"
#include "identity/MappingRules.h"
#include "Orgs/Errors.h"
#include "Poco/String.h"
#include <algorithm>


namespace Orgs {
namespace Federation {


SsoEnforcement::SsoEnforcement(Data::Database& database, const Access::Ticker& time, Poco::Int64 maxStalenessNs,
                               std::size_t cacheEntries, const std::vector<IssuerSpec>& configuredIssuers)
    : _database(database), _connectionsCache(maxStalenessNs, cacheEntries, time),
      _emailCache(maxStalenessNs, cacheEntries, time), _viaCache(maxStalenessNs, cacheEntries, time),
      _connections(database), _accounts(database), _tokens(database)
{
	for (const auto& spec : configuredIssuers)
		_configured[spec.name] = spec;
}


void SsoEnforcement::forget(Id organizationId)
{
	_connectionsCache.erase(organizationId);
}


SsoEnforcement::Connections SsoEnforcement::enforced(Id organizationId)
{
	Connections found;
	if (_connectionsCache.get(organizationId, found))
		return found;
	const auto stamp = _connectionsCache.stamp();
	found = _database.withSession([&](Poco::Data::Session& session) {
		return std::make_shared<const std::vector<SsoConnection>>(_connections.enforced(session, organizationId));
	});
	_connectionsCache.put(organizationId, found, stamp);
	return found;
}


std::string SsoEnforcement::emailOf(Id accountId)
{
	std::string email;
	if (_emailCache.get(accountId, email))
		return email;
	const auto stamp = _emailCache.stamp();
	email = _database.withSession([&](Poco::Data::Session& session) {
		Poco::Nullable<Account> a = _accounts.findById(session, accountId);
		return a.isNull() ? std::string() : Poco::toLower(a.value().email);
	});
	_emailCache.put(accountId, email, stamp);
	return email;
}


Data::TokenRepository::Via SsoEnforcement::viaOf(Id tokenId)
{
	Data::TokenRepository::Via via;
	if (_viaCache.get(tokenId, via))
		return via;
	const auto stamp = _viaCache.stamp();
	// Written once, when the token is created: the cache never holds a stale answer.
	via = _database.withSession([&](Poco::Data::Session& session) { return _tokens.createdVia(session, tokenId); });
	_viaCache.put(tokenId, via, stamp);
	return via;
}


bool SsoEnforcement::accepts(const SsoConnection& connection, const Caller& caller,
                             const Data::TokenRepository::Via& via) const
{
	if (caller.pToken)
	{
		std::string why;
		return MappingRules::sees(connection, *caller.pToken, why);
	}
	if (caller.tokenId == 0 || via.issuer.empty())
		return false;
	if (connection.issuerName.empty())
		return via.issuer == connection.issuer && via.audience == connection.audience;
	auto it = _configured.find(connection.issuerName);
	if (it == _configured.end() || it->second.issuer != via.issuer)
		return false;
	const auto& audiences = it->second.audiences;
	return audiences.empty() || std::find(audiences.begin(), audiences.end(), via.audience) != audiences.end();
}


void SsoEnforcement::check(const Caller& caller, Id organizationId, const IsMember& isMember)
{
	if (caller.accountId == 0 || organizationId == 0)
		return;
	const Connections connections = enforced(organizationId);
	if (!connections || connections->empty())
		return; // the common case: one cache probe
	// The account's email, and a token's as well: another provider's token for the same account
	// may carry an address outside the domains, which must not take the member out of enforcement.
	const std::string email = emailOf(caller.accountId);
	const std::string tokenEmail = caller.pToken ? caller.pToken->email : std::string();
	std::vector<const SsoConnection*> serving;
	for (const auto& c : *connections)
	{
		if (MappingRules::servesEmail(c, email) || (!tokenEmail.empty() && MappingRules::servesEmail(c, tokenEmail)))
			serving.push_back(&c);
	}
	if (serving.empty() || !isMember())
		return; // a non-member gets the handler's 404
	const Data::TokenRepository::Via via =
	    (!caller.pToken && caller.tokenId != 0) ? viaOf(caller.tokenId) : Data::TokenRepository::Via();
	for (const SsoConnection* pConnection : serving)
	{
		if (accepts(*pConnection, caller, via))
			return;
	}
	throw ForbiddenException("This organization requires signing in through its SSO connection '" +
	                             serving.front()->name +
	                             "' (or a personal access token created while signed in through it)",
	                         "sso_required");
}


} // namespace Federation
} // namespace Orgs
