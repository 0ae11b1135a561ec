//
// VerificationCache.cpp
//
// Library: OrgsPlugin
// Package: Identity
// Module:  VerificationCache
//


#include "identity/VerificationCache.h"
#include <functional>


namespace Orgs {
namespace Federation {


VerificationCache::VerificationCache(std::size_t maxEntries, Service::Clock::Ptr pClock)
    : _maxPerShard(maxEntries == 0 ? 0 : (maxEntries + SHARDS - 1) / SHARDS), _pClock(pClock)
{
}


VerificationCache::Shard& VerificationCache::shardOf(std::size_t hash)
{
	// The map uses the low bits; the shard the high ones, so a shard's keys still spread.
	return _shards[(hash >> (sizeof(std::size_t) * 8 - 4)) % SHARDS];
}


bool VerificationCache::find(const std::string& token, Entry& entry)
{
	if (_maxPerShard == 0)
		return false;
	const std::size_t hash = std::hash<std::string>()(token);
	Shard& shard = shardOf(hash);
	{
		std::lock_guard<std::mutex> lock(shard.mutex);
		const auto it = shard.entries.find(token);
		if (it == shard.entries.end())
			return false;
		entry = it->second;
	}
	return _pClock->now() < entry.expiresAt;
}


void VerificationCache::put(const std::string& token, const Entry& entry)
{
	if (_maxPerShard == 0)
		return;
	const Poco::Timestamp now = _pClock->now();
	Shard& shard = shardOf(std::hash<std::string>()(token));
	std::lock_guard<std::mutex> lock(shard.mutex);
	if (shard.entries.size() >= _maxPerShard && shard.entries.find(token) == shard.entries.end())
	{
		for (auto it = shard.entries.begin(); it != shard.entries.end();)
		{
			if (it->second.expiresAt <= now)
				it = shard.entries.erase(it);
			else
				++it;
		}
		if (shard.entries.size() >= _maxPerShard)
			shard.entries.erase(shard.entries.begin());
	}
	shard.entries[token] = entry;
}


void VerificationCache::clear()
{
	for (auto& shard : _shards)
	{
		std::lock_guard<std::mutex> lock(shard.mutex);
		shard.entries.clear();
	}
}


std::size_t VerificationCache::size() const
{
	std::size_t n = 0;
	for (const auto& shard : _shards)
	{
		std::lock_guard<std::mutex> lock(shard.mutex);
		n += shard.entries.size();
	}
	return n;
}


} // namespace Federation
} // namespace Orgs
