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


thread_local std::size_t ShardedCounter::tlsShard ORGS_TLS_INITIAL_EXEC = 0;


namespace {


std::atomic<std::size_t> nextShard{0};


} // namespace


std::size_t ShardedCounter::assignShard()
{
	// Threads past the owned shards all share the last one (atomically).
	std::size_t s = nextShard.fetch_add(1, std::memory_order_relaxed);
	if (s > SHARDS - 1)
		s = SHARDS - 1;
	tlsShard = s + 1;
	return s;
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
