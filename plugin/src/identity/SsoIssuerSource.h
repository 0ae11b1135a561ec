//
// SsoIssuerSource.h
//
// Library: OrgsPlugin
// Package: Identity
// Module:  SsoIssuerSource
//
// The issuers SSO connections name as their own, for the token verifier.
//


#ifndef Orgs_SsoIssuerSource_INCLUDED
#define Orgs_SsoIssuerSource_INCLUDED


#include "access/Ticker.h"
#include "data/Database.h"
#include "data/SsoConnectionRepository.h"
#include "identity/IssuerSpec.h"
#include "service/FreshCache.h"


namespace Orgs {
namespace Federation {


class SsoIssuerSource : public IssuerSource
	/// Answers an issuer that connections name as their own: its audiences are those of every
	/// connection naming it, its JWKS the first one a connection gives (else discovery). The
	/// answers, absent ones too, are cached for orgs.access.maxStaleness and forgotten when a
	/// connection changes in this process (forget()).
{
public:
	SsoIssuerSource(Data::Database& database, const Access::Ticker& time, Poco::Int64 maxStalenessNs,
	                std::size_t cacheEntries);

	Poco::Nullable<IssuerSpec> findIssuer(const std::string& issuer) override;

	void forget();
		/// Drops every cached answer.

private:
	Data::Database& _database;
	Service::FreshCache<std::string, Poco::Nullable<IssuerSpec>> _cache;
	Data::SsoConnectionRepository _connections;
};


} // namespace Federation
} // namespace Orgs


#endif // Orgs_SsoIssuerSource_INCLUDED
