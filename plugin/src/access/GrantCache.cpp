//
// GrantCache.cpp
//
// Library: OrgsPlugin
// Package: Access
// Module:  GrantCache
//


#include "access/GrantCache.h"
#include <ctime>
#include <thread>


namespace Orgs {
namespace Access {


GrantCache::GrantCache(std::size_t entries) : _buckets(16)
{
	while (_buckets * WAYS < entries)
		_buckets <<= 1;
	_slots.reset(new Slot[_buckets * WAYS]);
	_versions.reset(new std::atomic<Poco::UInt64>[VERSIONS]);
	for (std::size_t i = 0; i < VERSIONS; ++i)
		_versions[i].store(0, std::memory_order_relaxed);
}


Poco::UInt64 GrantCache::scopeOf(ScopeKind kind, Id id)
{
	return (static_cast<Poco::UInt64>(kind) << 56) | static_cast<Poco::UInt64>(id);
}


bool GrantCache::read(const Slot& slot, Key& key, Grant& grant)
{
	for (;;)
	{
		const Poco::UInt64 before = slot.seq.load(std::memory_order_acquire);
		if (before & 1)
		{
			std::this_thread::yield(); // a writer is in this slot: rare, and short
			continue;
		}
		key.account = slot.account.load(std::memory_order_relaxed);
		key.organization = slot.organization.load(std::memory_order_relaxed);
		key.scope = slot.scope.load(std::memory_order_relaxed);
		const Poco::UInt64 permissions = slot.permissions.load(std::memory_order_relaxed);
		const Poco::UInt64 flags = slot.flags.load(std::memory_order_relaxed);
		grant.aclVersion = slot.aclVersion.load(std::memory_order_relaxed);
		grant.validatedAt = slot.validatedAt.load(std::memory_order_relaxed);
		std::atomic_thread_fence(std::memory_order_acquire);
		if (slot.seq.load(std::memory_order_relaxed) != before)
			continue;
		decode(permissions, flags, grant);
		return before != 0; // a slot never written holds no entry
	}
}


Poco::UInt64 GrantCache::lock(Slot& slot)
{
	for (;;)
	{
		Poco::UInt64 seq = slot.seq.load(std::memory_order_relaxed);
		if (!(seq & 1) && slot.seq.compare_exchange_weak(seq, seq + 1, std::memory_order_acquire))
		{
			// The odd count must be visible before any of the writer's data: without this fence
			// a weakly ordered CPU may let a reader see new data under the old, even count.
			std::atomic_thread_fence(std::memory_order_release);
			return seq + 1;
		}
		std::this_thread::yield();
	}
}


void GrantCache::unlock(Slot& slot, Poco::UInt64 seq)
{
	slot.seq.store(seq + 1, std::memory_order_release);
}


bool GrantCache::find(const Key& key, Grant& grant) const
{
	const Slot* bucket = &_slots[bucketOf(hashOf(key)) * WAYS];
	for (std::size_t i = 0; i < WAYS; ++i)
	{
		const Slot& slot = bucket[i];
		for (;;)
		{
			const Poco::UInt64 before = slot.seq.load(std::memory_order_acquire);
			if (before & 1)
			{
				std::this_thread::yield();
				continue;
			}
			// The key first: most probed slots hold another key, and their payload is not copied.
			const bool same = slot.account.load(std::memory_order_relaxed) == key.account &&
			                  slot.organization.load(std::memory_order_relaxed) == key.organization &&
			                  slot.scope.load(std::memory_order_relaxed) == key.scope;
			Poco::UInt64 permissions = 0;
			Poco::UInt64 flags = 0;
			if (same)
			{
				permissions = slot.permissions.load(std::memory_order_relaxed);
				flags = slot.flags.load(std::memory_order_relaxed);
				grant.aclVersion = slot.aclVersion.load(std::memory_order_relaxed);
				grant.validatedAt = slot.validatedAt.load(std::memory_order_relaxed);
			}
			std::atomic_thread_fence(std::memory_order_acquire);
			if (slot.seq.load(std::memory_order_relaxed) != before)
				continue; // a writer was here: read the slot again
			if (!same || before == 0)
				break;
			decode(permissions, flags, grant);
			return true;
		}
	}
	return false;
}


void GrantCache::store(const Key& key, const Grant& grant)
{
	const Poco::UInt64 hash = hashOf(key);
	Slot* bucket = &_slots[bucketOf(hash) * WAYS];
	// The slot that already holds key, else an empty one (the home way first), else the least
	// recently validated.
	std::size_t victim = homeOf(hash);
	Poco::Int64 oldest = INT64_MAX;
	bool same = false;
	for (std::size_t j = 0; j < WAYS; ++j)
	{
		const std::size_t i = (homeOf(hash) + j) & (WAYS - 1);
		Key k;
		Grant g;
		const bool used = read(bucket[i], k, g);
		if (used && k.account == key.account && k.organization == key.organization && k.scope == key.scope)
		{
			victim = i;
			same = true;
			break;
		}
		const Poco::Int64 age = used ? g.validatedAt : INT64_MIN;
		if (age < oldest)
		{
			oldest = age;
			victim = i;
		}
	}
	Slot& slot = bucket[victim];
	const Poco::UInt64 seq = lock(slot);
	// Counted under the slot's lock: seq 1 is the first writer of a slot never written.
	if (seq == 1)
		_occupied.fetch_add(1, std::memory_order_relaxed);
	else if (!same)
		_evictions.fetch_add(1, std::memory_order_relaxed);
	slot.account.store(key.account, std::memory_order_relaxed);
	slot.organization.store(key.organization, std::memory_order_relaxed);
	slot.scope.store(key.scope, std::memory_order_relaxed);
	slot.permissions.store(grant.permissions.bits(), std::memory_order_relaxed);
	slot.flags.store(flagsOf(grant), std::memory_order_relaxed);
	slot.aclVersion.store(grant.aclVersion, std::memory_order_relaxed);
	slot.validatedAt.store(grant.validatedAt, std::memory_order_relaxed);
	unlock(slot, seq);
}


void GrantCache::validated(const Key& key, Poco::Int64 aclVersion, Poco::Int64 at)
{
	Slot* bucket = &_slots[bucketOf(hashOf(key)) * WAYS];
	for (std::size_t i = 0; i < WAYS; ++i)
	{
		Slot& slot = bucket[i];
		Key k;
		Grant g;
		if (!read(slot, k, g) || k.account != key.account || k.organization != key.organization || k.scope != key.scope)
			continue;
		const Poco::UInt64 seq = lock(slot);
		// Still the same entry, loaded at the same version? Then it is as good as new.
		if (slot.account.load(std::memory_order_relaxed) == key.account &&
		    slot.organization.load(std::memory_order_relaxed) == key.organization &&
		    slot.scope.load(std::memory_order_relaxed) == key.scope &&
		    slot.aclVersion.load(std::memory_order_relaxed) == aclVersion)
		{
			slot.validatedAt.store(at, std::memory_order_relaxed);
		}
		unlock(slot, seq);
		return;
	}
}


void GrantCache::invalidate(Id organization)
{
	_versions[versionIndex(organization)].fetch_add(1, std::memory_order_acq_rel);
}


void GrantCache::clear()
{
	// Every counter moves on: 4,096 increments, and no second counter for the hit path to read.
	for (std::size_t i = 0; i < VERSIONS; ++i)
		_versions[i].fetch_add(1, std::memory_order_acq_rel);
}


} // namespace Access
} // namespace Orgs
