//
// SsoIssuerSource.cpp
//
// Library: OrgsPlugin
// Package: Identity
// Module:  SsoIssuerSource
//


#include "identity/SsoIssuerSource.h"
#include <algorithm>


namespace Orgs {
namespace Federation {


SsoIssuerSource::SsoIssuerSource(Data::Database& database, const Access::Ticker& time, Poco::Int64 maxStalenessNs,
                                 std::size_t cacheEntries)
    : _database(database), _cache(maxStalenessNs, cacheEntries, time), _connections(database)
{
}


Poco::Nullable<IssuerSpec> SsoIssuerSource::findIssuer(const std::string& issuer)
{
	Poco::Nullable<IssuerSpec> found;
	if (_cache.get(issuer, found))
		return found;
	const auto stamp = _cache.stamp();
	const std::vector<Data::SsoConnectionRepository::Audience> audiences =
	    _database.withSession([&](Poco::Data::Session& session) { return _connections.audiences(session, issuer); });
	if (!audiences.empty())
	{
		IssuerSpec spec;
		spec.issuer = issuer;
		for (const auto& a : audiences)
		{
			if (std::find(spec.audiences.begin(), spec.audiences.end(), a.audience) == spec.audiences.end())
				spec.audiences.push_back(a.audience);
			if (spec.jwksUri.empty())
				spec.jwksUri = a.jwksUri;
		}
		found = spec;
	}
	_cache.put(issuer, found, stamp);
	return found;
}


void SsoIssuerSource::forget()
{
	_cache.clear();
}


} // namespace Federation
} // namespace Orgs
