//
// ShardedCounter.cpp
//
// Library: OrgsPlugin
// Package: Metrics
// Module:  ShardedCounter
//


#include "metrics/ShardedCounter.h"


namespace Orgs {
namespace Metrics {


namespace {


std::atomic<std::size_t> nextShard{0};


} // namespace


std::size_t ShardedCounter::assignShard()
{
	static_assert(sizeof(Shard) * (SHARDS - 1) == SHARED_OFFSET, "a shard is one 64-byte line");
	// Threads past the owned shards all share the last one (atomically).
	std::size_t s = nextShard.fetch_add(1, std::memory_order_relaxed);
	if (s > SHARDS - 1)
		s = SHARDS - 1;
	tlsShard = s + 1;
	tlsOffset = s * sizeof(Shard);
	return s;
}


void ShardedCounter::addShared(Poco::UInt64 n)
{
	const std::size_t s = shard(); // assigns one at the thread's first count
	std::atomic<Poco::UInt64>& v = _shards[s].value;
	if (s < SHARDS - 1)
		v.store(v.load(std::memory_order_relaxed) + n, std::memory_order_relaxed);
	else
		v.fetch_add(n, std::memory_order_relaxed);
}


Poco::UInt64 ShardedCounter::value() const
{
	Poco::UInt64 sum = 0;
	for (const Shard& s : _shards)
		sum += s.value.load(std::memory_order_relaxed);
	return sum;
}


} // namespace Metrics
} // namespace Orgs
