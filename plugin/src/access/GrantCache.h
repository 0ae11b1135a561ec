//
// GrantCache.h
//
// Library: OrgsPlugin
// Package: Access
// Module:  GrantCache
//
// A bounded, lock-free-to-read cache of compiled permission grants.
//


#ifndef Orgs_GrantCache_INCLUDED
#define Orgs_GrantCache_INCLUDED


#include "Orgs/Model.h"
#include "Orgs/Permission.h"
#include <atomic>
#include <climits>
#include <memory>


#if defined(__GNUC__)
#define ORGS_ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define ORGS_ALWAYS_INLINE inline
#endif


namespace Orgs {
namespace Access {


class GrantCache
	/// Maps (account, organization, scope) to the permissions the account holds there.
	///
	/// The table is a fixed array of 64-byte slots in 4-way buckets, sized at construction
	/// (bounded memory; a full bucket evicts its least recently validated slot). Each slot is
	/// guarded by a sequence counter: a reader copies the slot and retries if a writer changed
	/// it meanwhile, so a lookup takes no lock and allocates nothing; writers of one bucket
	/// exclude each other through the slot's counter, never through a global lock.
	///
	/// Invalidation is by version, not by search: every organization hashes to a local version
	/// counter that invalidate() increments after a change commits in this process; an entry
	/// records the counter it was loaded under and is ignored once the counter moved on.
	/// Organizations share the 4,096 counters: a change also retires the entries of the few
	/// organizations on the same counter, which costs them one reload, never a wrong answer.
	///
	/// Each key has a home way in its bucket, looked at first and used when free, so that a hit
	/// on a bucket that is not crowded reads one slot's cache line and the version's.
{
public:
	struct Key
	{
		Id account = 0;
		Id organization = 0;
		Poco::UInt64 scope = 0; ///< 0 for the organization itself, else scopeOf(kind, id)
	};

	struct Grant
	{
		PermissionSet permissions;
		bool exists = false; ///< the organization (and the workspace or resource) exists
		bool member = false;
		bool owner = false;
		int roleIndex = -1;            ///< the organization role's index in the catalog (-1: none)
		Poco::Int64 aclVersion = 0;    ///< the organization's acl_version when loaded
		Poco::UInt64 localVersion = 0; ///< orgVersion() when loaded
		Poco::Int64 validatedAt = 0;   ///< monotonic nanoseconds of the last load or validation
	};

	enum ScopeKind : Poco::UInt64
	{
		WORKSPACE = 1,
		RESOURCE = 2
	};

	explicit GrantCache(std::size_t entries);
		/// Creates a cache of at least entries slots (rounded up to a power of two, at least 64).

	bool find(const Key& key, Grant& grant) const;
		/// Copies the entry for key into grant; returns false if there is none.

	bool findFresh(const Key& key, Poco::Int64 validatedAfter, Grant& grant) const;
		/// The hit path (inline, no retry loop): if the entry for key is current (loaded under
		/// the organization's current local version) and was validated after validatedAfter,
		/// copies it into grant (all but aclVersion) and returns true. False means "take the
		/// slow path": no such entry, an old one, or a writer in the slot at that moment.

	bool findFresh(const Key& key, Poco::Int64 validatedAfter, PermissionSet& permissions) const;
		/// As above, copying only the permissions: isAllowed() needs nothing else.

	void store(const Key& key, const Grant& grant);
		/// Stores an entry, replacing the one for key or evicting the bucket's stalest.

	void validated(const Key& key, Poco::Int64 aclVersion, Poco::Int64 at);
		/// Records that the entry for key still matches the organization's acl_version at time at.

	Poco::UInt64 orgVersion(Id organization) const;
		/// Returns the local version counter of the organization.

	void invalidate(Id organization);
		/// Makes every entry of the organization stale.

	void clear();
		/// Makes every entry stale.

	std::size_t capacity() const;

	std::size_t occupied() const;
		/// Returns how many slots hold an entry (current or stale: an entry leaves its slot
		/// only when another takes it).

	Poco::UInt64 evictions() const;
		/// Returns how many entries store() replaced with another key's.

	static Poco::UInt64 scopeOf(ScopeKind kind, Id id);
		/// Returns the scope value of a workspace or a resource.

private:
	struct alignas(64) Slot
	{
		std::atomic<Poco::UInt64> seq{0};
		std::atomic<Poco::Int64> account{0};
		std::atomic<Poco::Int64> organization{0};
		std::atomic<Poco::UInt64> scope{0};
		std::atomic<Poco::UInt64> permissions{0};
		// flags: bit 0 member, 1 owner, 2 exists, 3-10 role index + 1, 11 and up the local version
		std::atomic<Poco::UInt64> flags{0};
		std::atomic<Poco::Int64> aclVersion{0};
		std::atomic<Poco::Int64> validatedAt{INT64_MIN}; ///< never written: fresh after no time at all
	};

	static constexpr std::size_t WAYS = 4;
	static constexpr unsigned VERSION_BITS = 12; ///< 4,096 counters (32 KB): stays in the CPU caches
	static constexpr std::size_t VERSIONS = std::size_t(1) << VERSION_BITS;

	template <class Hit>
	bool probeFresh(const Key& key, Poco::Int64 validatedAfter, Hit&& hit) const;
		/// findFresh() for both kinds of result: calls hit(permissions, flags, validatedAt).

	static Poco::UInt64 hashOf(const Key& key);
	std::size_t bucketOf(Poco::UInt64 hash) const;
	static std::size_t homeOf(Poco::UInt64 hash);
		/// The way a key is looked for first, and stored in when it is free: a hit on an
		/// uncrowded bucket reads one cache line, not four.
	static std::size_t versionIndex(Id organization);
	static bool read(const Slot& slot, Key& key, Grant& grant);
	static Poco::UInt64 flagsOf(const Grant& grant);
	static void decode(Poco::UInt64 permissions, Poco::UInt64 flags, Grant& grant);
		/// A slot's flags word from a grant, and a grant (all but aclVersion and validatedAt) back.
	static Poco::UInt64 lock(Slot& slot);
	static void unlock(Slot& slot, Poco::UInt64 seq);

	std::size_t _buckets;
	std::unique_ptr<Slot[]> _slots;
	std::unique_ptr<std::atomic<Poco::UInt64>[]> _versions;
	std::atomic<std::size_t> _occupied{0};
	std::atomic<Poco::UInt64> _evictions{0};
};


inline std::size_t GrantCache::occupied() const
{
	return _occupied.load(std::memory_order_relaxed);
}


inline Poco::UInt64 GrantCache::evictions() const
{
	return _evictions.load(std::memory_order_relaxed);
}


inline std::size_t GrantCache::capacity() const
{
	return _buckets * WAYS;
}


inline Poco::UInt64 GrantCache::hashOf(const Key& key)
{
	// One multiply-xorshift round over the three parts: enough to spread sequential ids. The
	// organization's product is versionIndex()'s too: the hit path multiplies once for both.
	Poco::UInt64 h = static_cast<Poco::UInt64>(key.account) * 0x9e3779b97f4a7c15ULL ^
	                 static_cast<Poco::UInt64>(key.organization) * 0xc2b2ae3d27d4eb4fULL ^
	                 key.scope * 0x165667b19e3779f9ULL;
	h ^= h >> 29;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 32;
	return h;
}


inline std::size_t GrantCache::bucketOf(Poco::UInt64 hash) const
{
	return static_cast<std::size_t>(hash & (_buckets - 1));
}


inline std::size_t GrantCache::homeOf(Poco::UInt64 hash)
{
	return static_cast<std::size_t>(hash >> 62); // the top bits: independent of the bucket's
}


inline std::size_t GrantCache::versionIndex(Id organization)
{
	return static_cast<std::size_t>((static_cast<Poco::UInt64>(organization) * 0xc2b2ae3d27d4eb4fULL) >>
	                                (64 - VERSION_BITS));
}


inline Poco::UInt64 GrantCache::orgVersion(Id organization) const
{
	// Masked to the bits a slot keeps.
	return _versions[versionIndex(organization)].load(std::memory_order_acquire) & ((Poco::UInt64(1) << 53) - 1);
}


inline Poco::UInt64 GrantCache::flagsOf(const Grant& grant)
{
	const Poco::UInt64 role = static_cast<Poco::UInt64>(grant.roleIndex + 1) & 0xff;
	return (grant.localVersion << 11) | (role << 3) | (grant.exists ? 4 : 0) | (grant.owner ? 2 : 0) |
	       (grant.member ? 1 : 0);
}


inline void GrantCache::decode(Poco::UInt64 permissions, Poco::UInt64 flags, Grant& grant)
{
	grant.permissions = PermissionSet(permissions);
	grant.member = flags & 1;
	grant.owner = flags & 2;
	grant.exists = flags & 4;
	grant.roleIndex = static_cast<int>((flags >> 3) & 0xff) - 1;
	grant.localVersion = flags >> 11;
}


template <class Hit>
ORGS_ALWAYS_INLINE bool GrantCache::probeFresh(const Key& key, Poco::Int64 validatedAfter, Hit&& hit) const
{
	const Poco::UInt64 hash = hashOf(key);
	const Slot* bucket = &_slots[bucketOf(hash) * WAYS];
	const std::size_t home = homeOf(hash);
	for (std::size_t j = 0; j < WAYS; ++j)
	{
		const Slot& slot = bucket[(home + j) & (WAYS - 1)];
		const Poco::UInt64 before = slot.seq.load(std::memory_order_acquire);
		// A key torn by a concurrent writer at worst fails to match: the slow path reads again.
		if (slot.account.load(std::memory_order_relaxed) != key.account ||
		    slot.organization.load(std::memory_order_relaxed) != key.organization ||
		    slot.scope.load(std::memory_order_relaxed) != key.scope)
			continue;
		const Poco::UInt64 bits = slot.permissions.load(std::memory_order_relaxed);
		const Poco::UInt64 flags = slot.flags.load(std::memory_order_relaxed);
		const Poco::Int64 validatedAt = slot.validatedAt.load(std::memory_order_relaxed);
		std::atomic_thread_fence(std::memory_order_acquire);
		if ((before & 1) || slot.seq.load(std::memory_order_relaxed) != before)
			return false;
		// A slot never written (seq 0) fails here, whatever key is asked for: see validatedAt.
		if (validatedAt <= validatedAfter || (flags >> 11) != orgVersion(key.organization))
			return false;
		hit(bits, flags, validatedAt);
		return true;
	}
	return false;
}


ORGS_ALWAYS_INLINE bool GrantCache::findFresh(const Key& key, Poco::Int64 validatedAfter, Grant& grant) const
{
	return probeFresh(key, validatedAfter, [&grant](Poco::UInt64 bits, Poco::UInt64 flags, Poco::Int64 validatedAt) {
		decode(bits, flags, grant);
		grant.validatedAt = validatedAt;
	});
}


ORGS_ALWAYS_INLINE bool GrantCache::findFresh(const Key& key, Poco::Int64 validatedAfter,
                                              PermissionSet& permissions) const
{
	return probeFresh(key, validatedAfter, [&permissions](Poco::UInt64 bits, Poco::UInt64, Poco::Int64) {
		permissions = PermissionSet(bits);
	});
}


} // namespace Access
} // namespace Orgs


#endif // Orgs_GrantCache_INCLUDED
