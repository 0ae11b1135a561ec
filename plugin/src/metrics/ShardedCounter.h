//
// ShardedCounter.h
//
// Library: OrgsPlugin
// Package: Metrics
// Module:  ShardedCounter
//
// A counter for hot paths: one cache line per thread, no shared write.
//


#ifndef Orgs_ShardedCounter_INCLUDED
#define Orgs_ShardedCounter_INCLUDED


#include "Poco/Types.h"
#include <atomic>
#include <cstddef>


#if defined(__GNUC__)
#define ORGS_TLS_INITIAL_EXEC __attribute__((tls_model("initial-exec")))
#else
#define ORGS_TLS_INITIAL_EXEC
#endif


namespace Orgs {
namespace Metrics {


class ShardedCounter
	/// Counts events that many threads raise at once (the permission check's cache hits)
	/// without a shared write: each of the first SHARDS - 1 threads of the process that count
	/// gets a cache line of its own in every ShardedCounter, which only it writes, with a
	/// relaxed load and store (no locked instruction, no allocation). Later threads share the
	/// last shard and add to it with an atomic fetch_add, so no count is ever lost.
	///
	/// value() sums the shards (a scrape); it may miss increments in flight, never count one twice.
	///
	/// A thread's shard number is a thread-local integer of the initial-exec TLS model (one load
	/// relative to the thread pointer, also in the plugin module that a host loads with dlopen),
	/// assigned at the thread's first increment and never reused.
{
public:
	static constexpr std::size_t SHARDS = 64;

	ShardedCounter() = default;

	void add(Poco::UInt64 n = 1);
		/// Adds n for the calling thread.

	Poco::UInt64 value() const;
		/// Returns the sum over every shard.

	static std::size_t shard();
		/// Returns the calling thread's shard (assigned on its first call).

private:
	ShardedCounter(const ShardedCounter&) = delete;
	ShardedCounter& operator=(const ShardedCounter&) = delete;

	static std::size_t assignShard();
	void addShared(Poco::UInt64 n);
		/// add() for a thread without a shard yet, or past the owned ones.

	struct alignas(64) Shard
	{
		std::atomic<Poco::UInt64> value{0};
	};

	Shard _shards[SHARDS];

	// Defined here with its constant initializer: a thread_local defined in another file is
	// reached through a TLS wrapper call, which the hit path cannot afford.
	static constexpr std::size_t SHARED_OFFSET = (SHARDS - 1) * 64;            ///< the last shard's, shared
	static inline thread_local std::size_t tlsShard ORGS_TLS_INITIAL_EXEC = 0; ///< shard + 1; 0 until assigned
	static inline thread_local std::size_t tlsOffset ORGS_TLS_INITIAL_EXEC = SHARED_OFFSET; ///< the shard's bytes
};


//
// inlines
//
inline std::size_t ShardedCounter::shard()
{
	const std::size_t s = tlsShard;
	return s != 0 ? s - 1 : assignShard();
}


inline void ShardedCounter::add(Poco::UInt64 n)
{
	// One compare for both rare cases (no shard yet, or the shared one), and the shard's byte
	// offset ready to add: the hit path spends a handful of instructions here.
	const std::size_t offset = tlsOffset;
	if (offset < SHARED_OFFSET)
	{
		std::atomic<Poco::UInt64>& v = reinterpret_cast<Shard*>(reinterpret_cast<char*>(_shards) + offset)->value;
		v.store(v.load(std::memory_order_relaxed) + n, std::memory_order_relaxed); // this thread's own line
	}
	else
		addShared(n);
}


} // namespace Metrics
} // namespace Orgs


#endif // Orgs_ShardedCounter_INCLUDED
