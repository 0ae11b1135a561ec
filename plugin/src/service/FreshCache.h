//
// FreshCache.h
//
// Library: OrgsPlugin
// Package: Service
// Module:  FreshCache
//
// A bounded map whose entries are trusted for a limited time.
//


#ifndef Orgs_FreshCache_INCLUDED
#define Orgs_FreshCache_INCLUDED


#include "access/Ticker.h"
#include <array>
#include <atomic>
#include <cstddef>
#include <functional>
#include <mutex>
#include <unordered_map>


namespace Orgs {
namespace Service {


template <class Key, class Value>
class FreshCache
	/// Keeps values read from the database for at most maxAge nanoseconds of the process's
	/// staleness time (Access::Ticker::read(): the plugin's clock), so that another host's
	/// change is seen within that bound; a change made in this process erases or clears the
	/// entries it affects. maxAge 0 turns the cache off.
	///
	/// Sixteen shards, each a mutex-protected hash map, keep concurrent readers apart. A shard
	/// that reaches its share of the capacity is emptied: simple, bounded, and a full cache of
	/// live entries costs one reload per entry.
{
public:
	FreshCache(Poco::Int64 maxAgeNs, std::size_t capacity, const Access::Ticker& time)
	    : _maxAgeNs(maxAgeNs), _shardCapacity(capacity / SHARDS > 0 ? capacity / SHARDS : 1), _time(time)
	{
	}
		/// time must outlive the cache.

	bool enabled() const { return _maxAgeNs > 0; }
		/// Returns false if entries are never trusted (maxAge 0).

	struct Stamp
		/// When a value was read, and the cache's generation then.
	{
		Poco::Int64 at = 0;
		Poco::UInt64 generation = 0;
	};

	Stamp stamp() const { return Stamp{_time.read(), _generation.load(std::memory_order_acquire)}; }
		/// Returns the stamp to pass to put() for a value read from now on. Take it before the
		/// read: a value read across an erase() or clear() is then never stored, and one read
		/// across another host's change is trusted only within maxAge of the read.

	bool get(const Key& key, Value& value) const
		/// Copies a fresh entry into value; returns false if there is none.
	{
		if (!enabled())
			return false;
		const Poco::Int64 now = _time.read();
		const Shard& s = shard(key);
		std::lock_guard<std::mutex> lock(s.mutex);
		auto it = s.entries.find(key);
		if (it == s.entries.end() || now - it->second.storedAt >= _maxAgeNs)
			return false;
		value = it->second.value;
		return true;
	}

	void put(const Key& key, const Value& value, const Stamp& stamp)
		/// Stores value as read at stamp (from stamp()), unless erase() or clear() ran since.
	{
		if (!enabled())
			return;
		Shard& s = shard(key);
		std::lock_guard<std::mutex> lock(s.mutex);
		if (stamp.generation != _generation.load(std::memory_order_acquire))
			return;
		if (s.entries.size() >= _shardCapacity && s.entries.find(key) == s.entries.end())
			s.entries.clear();
		Entry& e = s.entries[key];
		e.value = value;
		e.storedAt = stamp.at;
	}

	void erase(const Key& key)
	{
		_generation.fetch_add(1, std::memory_order_acq_rel);
		Shard& s = shard(key);
		std::lock_guard<std::mutex> lock(s.mutex);
		s.entries.erase(key);
	}

	void clear()
	{
		_generation.fetch_add(1, std::memory_order_acq_rel);
		for (Shard& s : _shards)
		{
			std::lock_guard<std::mutex> lock(s.mutex);
			s.entries.clear();
		}
	}

private:
	static constexpr std::size_t SHARDS = 16;

	struct Entry
	{
		Value value;
		Poco::Int64 storedAt = 0;
	};

	struct Shard
	{
		mutable std::mutex mutex;
		std::unordered_map<Key, Entry> entries;
	};

	Shard& shard(const Key& key) { return _shards[std::hash<Key>()(key) % SHARDS]; }
	const Shard& shard(const Key& key) const { return _shards[std::hash<Key>()(key) % SHARDS]; }

	const Poco::Int64 _maxAgeNs;
	const std::size_t _shardCapacity;
	const Access::Ticker& _time;
	std::array<Shard, SHARDS> _shards;
	std::atomic<Poco::UInt64> _generation{0};
};


} // namespace Service
} // namespace Orgs


#endif // Orgs_FreshCache_INCLUDED
