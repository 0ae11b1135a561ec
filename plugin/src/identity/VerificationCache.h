//
// VerificationCache.h
//
// Library: OrgsPlugin
// Package: Identity
// Module:  VerificationCache
//
// Signed-in tokens, remembered until they expire.
//


#ifndef Orgs_VerificationCache_INCLUDED
#define Orgs_VerificationCache_INCLUDED


#include "Orgs/Model.h"
#include "identity/VerifiedToken.h"
#include "service/Clock.h"
#include <array>
#include <mutex>
#include <string>
#include <unordered_map>


namespace Orgs {
namespace Federation {


class VerificationCache
	/// Tokens that signed in, with the account and identity they signed in as, kept until
	/// the token expires: a request with such a token needs neither a signature check nor a
	/// query. The key is the token itself (compared whole, never by a hash alone).
	///
	/// Bounded: at most maxEntries tokens, in sixteen shards of one mutex each. A full shard
	/// first forgets its expired tokens, then any one token (a forgotten token is verified
	/// again on its next request, nothing worse). maxEntries 0 remembers nothing.
{
public:
	struct Entry
	{
		VerifiedToken::Ptr pToken;
		Id accountId = 0;
		Id identityId = 0;
		Poco::Timestamp expiresAt; ///< forgotten from then on
	};

	VerificationCache(std::size_t maxEntries, Service::Clock::Ptr pClock);

	bool find(const std::string& token, Entry& entry);
		/// Returns true and the entry if token signed in and has not expired.

	void put(const std::string& token, const Entry& entry);
		/// Remembers a token that signed in, until entry.expiresAt.

	void clear();

	std::size_t size() const;

private:
	static const std::size_t SHARDS = 16;

	struct Shard
	{
		mutable std::mutex mutex;
		std::unordered_map<std::string, Entry> entries;
	};

	Shard& shardOf(std::size_t hash);

	const std::size_t _maxPerShard;
	Service::Clock::Ptr _pClock;
	std::array<Shard, SHARDS> _shards;
};


} // namespace Federation
} // namespace Orgs


#endif // Orgs_VerificationCache_INCLUDED
