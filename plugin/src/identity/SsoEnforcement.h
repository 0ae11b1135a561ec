//
// SsoEnforcement.h
//
// Library: OrgsPlugin
// Package: Identity
// Module:  SsoEnforcement
//
// Whether a request may reach an organization whose SSO connection is enforced.
//


#ifndef Orgs_SsoEnforcement_INCLUDED
#define Orgs_SsoEnforcement_INCLUDED


#include "Orgs/SsoConnectionService.h"
#include "access/Ticker.h"
#include "data/AccountRepository.h"
#include "data/Database.h"
#include "data/SsoConnectionRepository.h"
#include "data/TokenRepository.h"
#include "identity/IssuerSpec.h"
#include "identity/VerifiedToken.h"
#include "service/FreshCache.h"
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>


namespace Orgs {
namespace Federation {


class SsoEnforcement
	/// The HTTP API asks it once per request under /orgs/{org}, once the organization's id is
	/// known. When the organization has an enforced connection serving the email domain of
	/// the caller, a member may reach it only with a token that connection sees, or with a
	/// personal access token created while signed in through that connection's issuer and
	/// audience (Data::TokenRepository::CreatedVia); anything else is ForbiddenException
	/// ("sso_required"). Non-members are left to the handler (404).
	///
	/// Enforcement concerns how a request over HTTP was signed in: AccessControl::isAllowed()
	/// in-process is not affected, and a host's own code decides for itself.
	///
	/// Cost: each organization's enforced connections are cached (FreshCache, for
	/// orgs.access.maxStaleness, emptied when a connection of the organization changes in this
	/// process): an organization without one costs one cache probe. Only for an organization
	/// with one are the caller's email (cached) and membership (Guard's cache) asked, and for
	/// a personal access token where it was created through (cached per token).
{
public:
	using IsMember = std::function<bool()>;

	struct Caller
		/// How a request was signed in.
	{
		Id accountId = 0;
		Id tokenId = 0;                        ///< a personal access token, or 0
		const VerifiedToken* pToken = nullptr; ///< an identity provider's token, or nullptr
	};

	SsoEnforcement(Data::Database& database, const Access::Ticker& time, Poco::Int64 maxStalenessNs,
	               std::size_t cacheEntries, const std::vector<IssuerSpec>& configuredIssuers);

	void check(const Caller& caller, Id organizationId, const IsMember& isMember);
		/// Throws ForbiddenException ("sso_required") if the caller must come through an
		/// enforced connection of the organization and did not.

	void forget(Id organizationId);
		/// Drops the organization's cached connections (a connection changed).

	bool accepts(const SsoConnection& connection, const Caller& caller, const Data::TokenRepository::Via& via) const;
		/// Returns true if the caller came through the connection: a token it sees, or a
		/// personal access token created through its issuer and audience (via).

private:
	using Connections = std::shared_ptr<const std::vector<SsoConnection>>;

	Connections enforced(Id organizationId);
	std::string emailOf(Id accountId);
	Data::TokenRepository::Via viaOf(Id tokenId);

	Data::Database& _database;
	std::map<std::string, IssuerSpec> _configured;
	Service::FreshCache<Id, Connections> _connectionsCache;
	Service::FreshCache<Id, std::string> _emailCache;
	Service::FreshCache<Id, Data::TokenRepository::Via> _viaCache;
	Data::SsoConnectionRepository _connections;
	Data::AccountRepository _accounts;
	Data::TokenRepository _tokens;
};


} // namespace Federation
} // namespace Orgs


#endif // Orgs_SsoEnforcement_INCLUDED
