//
// GrantCacheTest.cpp
//
// Library: OrgsTests
// Package: Access
// Module:  GrantCacheTest
//


#include "GrantCacheTest.h"
#include "support/Suites.h"
#include "access/GrantCache.h"
#include "access/Ticker.h"
#include <atomic>
#include <chrono>
#include <climits>
#include <malloc.h>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>


using namespace Orgs;
using Orgs::Access::GrantCache;
using Orgs::Access::Ticker;


ORGS_TEST_SUITE(GrantCacheTest, "GrantCache", UNIT);


namespace {


using Key = GrantCache::Key;
using Grant = GrantCache::Grant;


const Poco::UInt64 MAX_LOCAL_VERSION = (Poco::UInt64(1) << 53) - 1; // orgVersion() is masked to 53 bits


Grant makeGrant(Poco::UInt64 permissions, bool exists, bool member, bool owner, int roleIndex, Poco::Int64 aclVersion,
                Poco::UInt64 localVersion, Poco::Int64 validatedAt)
{
	Grant g;
	g.permissions = PermissionSet(permissions);
	g.exists = exists;
	g.member = member;
	g.owner = owner;
	g.roleIndex = roleIndex;
	g.aclVersion = aclVersion;
	g.localVersion = localVersion;
	g.validatedAt = validatedAt;
	return g;
}


bool sameGrant(const Grant& a, const Grant& b)
{
	return a.permissions == b.permissions && a.exists == b.exists && a.member == b.member && a.owner == b.owner &&
	       a.roleIndex == b.roleIndex && a.aclVersion == b.aclVersion && a.localVersion == b.localVersion &&
	       a.validatedAt == b.validatedAt;
}


std::string describe(const Grant& g)
{
	std::ostringstream out;
	out << "{permissions=" << std::hex << g.permissions.bits() << std::dec << " exists=" << g.exists
	    << " member=" << g.member << " owner=" << g.owner << " roleIndex=" << g.roleIndex
	    << " aclVersion=" << g.aclVersion << " localVersion=" << g.localVersion << " validatedAt=" << g.validatedAt
	    << "}";
	return out.str();
}


std::string describe(const Key& k)
{
	std::ostringstream out;
	out << "(" << k.account << ", " << k.organization << ", " << std::hex << k.scope << std::dec << ")";
	return out.str();
}


void assertFound(const GrantCache& cache, const Key& key, const Grant& expected)
{
	Grant g;
	CPPUNIT_ASSERT_MESSAGE("no entry for " + describe(key), cache.find(key, g));
	CPPUNIT_ASSERT_EQUAL_MESSAGE("entry of " + describe(key), describe(expected), describe(g));
}


Poco::UInt64 scramble(Poco::UInt64 x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}


Grant variant(std::size_t k, int v)
	/// One of two values for key k that differ in every field, so any mix of them is detectable.
{
	return makeGrant(scramble(k * 2 + static_cast<unsigned>(v)), v == 0, v == 0, v == 1,
	                 v == 0 ? static_cast<int>(k) : 200 - static_cast<int>(k),
	                 static_cast<Poco::Int64>((k << 32) | (v == 0 ? 0xAAAAu : 0xBBBBu)),
	                 (static_cast<Poco::UInt64>(k) << 20) | static_cast<unsigned>(v + 1),
	                 1000000 + static_cast<Poco::Int64>(k) * 10 + v);
}


std::size_t allocatedBytes()
{
	const struct mallinfo2 mi = mallinfo2();
	return mi.uordblks + mi.hblkhd;
}


} // namespace


void GrantCacheTest::testRoundTripOfEveryField()
{
	GrantCache cache(1024);
	const std::vector<std::pair<Key, Grant>> entries{
	    {{1, 2, 0}, makeGrant(0, false, false, false, -1, -1, 0, 1)},
	    {{3, 2, 0}, makeGrant(~Poco::UInt64(0), true, true, true, 0, 0, 1, 2)},
	    {{4, 2, 0}, makeGrant(0x8000000000000001ULL, true, true, false, 7, 42, 12345, 3)},
	    {{5, 2, GrantCache::scopeOf(GrantCache::WORKSPACE, 9)},
	     makeGrant(0x5555555555555555ULL, true, false, true, 254, LLONG_MAX, MAX_LOCAL_VERSION, LLONG_MAX)},
	    {{6, 2, GrantCache::scopeOf(GrantCache::RESOURCE, 9)},
	     makeGrant(0xAAAAAAAAAAAAAAAAULL, false, true, false, 1, 1LL << 40, MAX_LOCAL_VERSION - 1, 1LL << 62)},
	    {{LLONG_MAX, LLONG_MAX, GrantCache::scopeOf(GrantCache::RESOURCE, (Id(1) << 56) - 1)},
	     makeGrant(1, true, false, false, 3, 17, 99, 123456789)},
	};
	for (const auto& e : entries)
		cache.store(e.first, e.second);
	for (const auto& e : entries)
		assertFound(cache, e.first, e.second);
}


void GrantCacheTest::testEmptyCacheFindsNothing()
{
	GrantCache cache(64);
	Grant g;
	CPPUNIT_ASSERT(!cache.find({0, 0, 0}, g));
	CPPUNIT_ASSERT(!cache.find({1, 1, 0}, g));
	CPPUNIT_ASSERT(!cache.find({1, 1, GrantCache::scopeOf(GrantCache::WORKSPACE, 1)}, g));
	cache.store({1, 1, 0}, makeGrant(1, true, true, false, 0, 1, 0, 1));
	CPPUNIT_ASSERT(!cache.find({0, 0, 0}, g));
	CPPUNIT_ASSERT(!cache.find({1, 1, GrantCache::scopeOf(GrantCache::WORKSPACE, 1)}, g));
}


void GrantCacheTest::testKeysDifferingInOneComponentDoNotCollide()
{
	GrantCache cache(4096);
	const Poco::UInt64 ws7 = GrantCache::scopeOf(GrantCache::WORKSPACE, 7);
	const Poco::UInt64 res7 = GrantCache::scopeOf(GrantCache::RESOURCE, 7);
	CPPUNIT_ASSERT(ws7 != res7);
	CPPUNIT_ASSERT(ws7 != 7 && res7 != 7 && ws7 != 0);
	// Every combination of two accounts, two organizations and five scopes (swapped account
	// and organization included), each with its own value.
	const std::vector<Id> ids{7, 8};
	const std::vector<Poco::UInt64> scopes{0, ws7, res7, GrantCache::scopeOf(GrantCache::WORKSPACE, 8), 7};
	std::vector<std::pair<Key, Grant>> entries;
	Poco::Int64 n = 0;
	for (Id account : ids)
	{
		for (Id organization : ids)
		{
			for (Poco::UInt64 scope : scopes)
			{
				++n;
				entries.push_back({{account, organization, scope},
				                   makeGrant(scramble(static_cast<Poco::UInt64>(n)), true, n % 2 == 0, n % 3 == 0,
				                             static_cast<int>(n), n * 100, static_cast<Poco::UInt64>(n), n)});
			}
		}
	}
	for (const auto& e : entries)
		cache.store(e.first, e.second);
	for (const auto& e : entries)
		assertFound(cache, e.first, e.second);

	Grant g;
	CPPUNIT_ASSERT(!cache.find({7, 9, 0}, g));
	CPPUNIT_ASSERT(!cache.find({9, 7, 0}, g));
	CPPUNIT_ASSERT(!cache.find({7, 7, GrantCache::scopeOf(GrantCache::RESOURCE, 8)}, g));
}


void GrantCacheTest::testStoreReplacesTheEntryOfTheSameKey()
{
	GrantCache cache(64);
	const Key key{11, 12, 0};
	for (int i = 0; i < 1000; ++i)
	{
		const Grant g =
		    makeGrant(static_cast<Poco::UInt64>(i), true, i % 2 == 0, false, i % 5, i, static_cast<Poco::UInt64>(i), i);
		cache.store(key, g);
		assertFound(cache, key, g);
	}
	// Storing one key over and over used one slot: the other entries stored before are all
	// still there (there were at most four per bucket, so nothing needed evicting).
	GrantCache other(4096);
	std::vector<Key> keys;
	for (Id a = 1; a <= 8; ++a)
		keys.push_back({a, 100, 0});
	for (std::size_t i = 0; i < keys.size(); ++i)
		other.store(keys[i], variant(i, 0));
	for (int round = 0; round < 100; ++round)
		other.store(keys[0], variant(0, round % 2));
	assertFound(other, keys[0], variant(0, 1));
	for (std::size_t i = 1; i < keys.size(); ++i)
		assertFound(other, keys[i], variant(i, 0));
}


void GrantCacheTest::testInvalidateAndClearMoveVersions()
{
	GrantCache cache(64);
	std::vector<Id> orgs{1, 2, 3, 1000, 123456789};
	std::vector<Poco::UInt64> before;
	for (Id o : orgs)
		before.push_back(cache.orgVersion(o));
	for (std::size_t i = 0; i < orgs.size(); ++i)
		CPPUNIT_ASSERT_EQUAL(before[i], cache.orgVersion(orgs[i])); // reading changes nothing

	cache.invalidate(2);
	CPPUNIT_ASSERT(cache.orgVersion(2) != before[1]);
	for (std::size_t i = 0; i < orgs.size(); ++i)
	{
		if (orgs[i] != 2)
			CPPUNIT_ASSERT_EQUAL_MESSAGE("organization " + std::to_string(orgs[i]), before[i],
			                             cache.orgVersion(orgs[i]));
	}

	// Each invalidation yields a version never seen before for that organization.
	const Poco::UInt64 once = cache.orgVersion(2);
	cache.invalidate(2);
	CPPUNIT_ASSERT(cache.orgVersion(2) != once);
	CPPUNIT_ASSERT(cache.orgVersion(2) != before[1]);

	std::vector<Poco::UInt64> beforeClear;
	for (Id o : orgs)
		beforeClear.push_back(cache.orgVersion(o));
	cache.clear();
	for (std::size_t i = 0; i < orgs.size(); ++i)
		CPPUNIT_ASSERT_MESSAGE("organization " + std::to_string(orgs[i]), cache.orgVersion(orgs[i]) != beforeClear[i]);
	CPPUNIT_ASSERT(cache.orgVersion(999999) != 0 || cache.orgVersion(424242) != 0);

	// Versions fit the bits a slot keeps, so an entry stored under one compares equal after a
	// round trip.
	const Key key{5, 2, 0};
	Grant g = makeGrant(3, true, true, false, 0, 1, cache.orgVersion(2), 1);
	cache.store(key, g);
	Grant found;
	CPPUNIT_ASSERT(cache.find(key, found));
	CPPUNIT_ASSERT_EQUAL(cache.orgVersion(2), found.localVersion);
	cache.invalidate(2);
	CPPUNIT_ASSERT(cache.find(key, found));
	CPPUNIT_ASSERT(cache.orgVersion(2) != found.localVersion);
}


void GrantCacheTest::testCapacityIsRoundedAndBounded()
{
	CPPUNIT_ASSERT_EQUAL(std::size_t(64), GrantCache(1).capacity());
	CPPUNIT_ASSERT_EQUAL(std::size_t(64), GrantCache(64).capacity());
	CPPUNIT_ASSERT_EQUAL(std::size_t(128), GrantCache(65).capacity());
	CPPUNIT_ASSERT_EQUAL(std::size_t(1024), GrantCache(1000).capacity());

	for (std::size_t size : {std::size_t(64), std::size_t(256)})
	{
		GrantCache cache(size);
		const std::size_t capacity = cache.capacity();
		const std::size_t total = capacity * 10;
		std::vector<Key> keys;
		for (std::size_t i = 0; i < total; ++i)
			keys.push_back({static_cast<Id>(1 + i % 97), static_cast<Id>(1 + i / 97),
			                i % 3 == 0 ? 0 : GrantCache::scopeOf(GrantCache::WORKSPACE, static_cast<Id>(i))});
		const std::size_t memoryBefore = allocatedBytes();
		for (std::size_t i = 0; i < total; ++i)
			cache.store(keys[i], makeGrant(i, true, true, false, 0, static_cast<Poco::Int64>(i), 0,
			                               static_cast<Poco::Int64>(i + 1)));
		CPPUNIT_ASSERT_EQUAL(memoryBefore, allocatedBytes());
		CPPUNIT_ASSERT_EQUAL(capacity, cache.capacity());

		std::size_t found = 0;
		std::size_t foundRecent = 0;
		for (std::size_t i = 0; i < total; ++i)
		{
			Grant g;
			if (cache.find(keys[i], g))
			{
				++found;
				CPPUNIT_ASSERT_EQUAL(static_cast<Poco::Int64>(i), g.aclVersion); // its own value
				if (i >= total - 2 * capacity)
					++foundRecent;
			}
		}
		CPPUNIT_ASSERT_MESSAGE("more entries than slots: " + std::to_string(found), found <= capacity);
		// Ten keys per slot on average fill every bucket.
		CPPUNIT_ASSERT_EQUAL(capacity, found);
		// Eviction keeps the newest four of each bucket: the entries left are recent ones, and
		// the last four stored are always there.
		CPPUNIT_ASSERT_MESSAGE("recent entries found: " + std::to_string(foundRecent), foundRecent >= capacity / 2);
		for (std::size_t i = total - 4; i < total; ++i)
			assertFound(
			    cache, keys[i],
			    makeGrant(i, true, true, false, 0, static_cast<Poco::Int64>(i), 0, static_cast<Poco::Int64>(i + 1)));
	}
}


void GrantCacheTest::testRecentlyValidatedEntrySurvivesAFlood()
{
	GrantCache cache(64);
	const Key fresh{1, 1, 0};
	const Grant freshGrant = makeGrant(7, true, true, false, 1, 5, 0, 1LL << 60);
	cache.store(fresh, freshGrant);
	// Stored as the oldest, then validated: validation makes it the freshest of its bucket.
	const Key revived{2, 1, 0};
	cache.store(revived, makeGrant(9, true, false, false, 0, 6, 0, 0));
	cache.validated(revived, 6, 1LL << 60);

	for (Poco::Int64 i = 0; i < 640; ++i)
		cache.store({static_cast<Id>(1000 + i), static_cast<Id>(1 + i % 5), 0},
		            makeGrant(1, true, true, false, 0, 1, 0, 1 + i));
	assertFound(cache, fresh, freshGrant);
	assertFound(cache, revived, makeGrant(9, true, false, false, 0, 6, 0, 1LL << 60));
}


void GrantCacheTest::testFindAndStoreDoNotAllocate()
{
	GrantCache cache(256);
	std::vector<Key> keys;
	for (Id i = 1; i <= 1000; ++i)
		keys.push_back({i, i % 7 + 1, i % 2 ? 0 : GrantCache::scopeOf(GrantCache::RESOURCE, i)});
	Grant g = makeGrant(3, true, true, false, 0, 1, 0, 1);
	std::size_t hits = 0;
	const std::size_t before = allocatedBytes();
	for (int round = 0; round < 3; ++round)
	{
		for (const Key& k : keys)
		{
			g.validatedAt = Ticker::clock();
			cache.store(k, g);
			Grant found;
			hits += cache.find(k, found) ? 1 : 0;
			cache.validated(k, 1, Ticker::clock());
			cache.invalidate(k.organization);
			hits += cache.orgVersion(k.organization) > 0 ? 0 : 1;
		}
	}
	const std::size_t after = allocatedBytes();
	CPPUNIT_ASSERT_EQUAL(before, after);
	CPPUNIT_ASSERT_EQUAL(std::size_t(3 * keys.size()), hits);
}


void GrantCacheTest::testValidatedRefreshesOnlyTheSameAclVersion()
{
	GrantCache cache(64);
	const Key key{21, 22, GrantCache::scopeOf(GrantCache::WORKSPACE, 3)};
	const Grant stored = makeGrant(0x1234, true, true, true, 4, 5, 77, 100);
	cache.store(key, stored);

	cache.validated(key, 5, 200);
	Grant expected = stored;
	expected.validatedAt = 200;
	assertFound(cache, key, expected);

	// Another acl_version: the entry is not the one validated, nothing changes.
	cache.validated(key, 6, 300);
	assertFound(cache, key, expected);
	cache.validated(key, 4, 400);
	assertFound(cache, key, expected);

	// Another key of the same account and organization: untouched, and no entry appears.
	const Key orgKey{21, 22, 0};
	cache.validated(orgKey, 5, 500);
	Grant g;
	CPPUNIT_ASSERT(!cache.find(orgKey, g));
	assertFound(cache, key, expected);

	// After a reload at a new acl_version, that version is the one validated.
	const Grant reloaded = makeGrant(0x4321, true, true, false, 2, 6, 78, 600);
	cache.store(key, reloaded);
	cache.validated(key, 5, 700);
	assertFound(cache, key, reloaded);
	cache.validated(key, 6, 800);
	expected = reloaded;
	expected.validatedAt = 800;
	assertFound(cache, key, expected);
}


void GrantCacheTest::testClockIsMonotonicNanoseconds()
{
	Poco::Int64 last = Ticker::clock();
	CPPUNIT_ASSERT(last > 0);
	const auto start = std::chrono::steady_clock::now();
	while (std::chrono::steady_clock::now() - start < std::chrono::milliseconds(20))
	{
		const Poco::Int64 t = Ticker::clock();
		CPPUNIT_ASSERT(t >= last);
		last = t;
	}
	const Poco::Int64 before = Ticker::clock();
	std::this_thread::sleep_for(std::chrono::milliseconds(50));
	const Poco::Int64 elapsed = Ticker::clock() - before;
	// 50 ms in nanoseconds, whatever the scheduling.
	CPPUNIT_ASSERT_MESSAGE("elapsed " + std::to_string(elapsed), elapsed >= 40000000 && elapsed < 2000000000);
}


void GrantCacheTest::testConcurrentReadersNeverSeeTornEntries()
{
	// A small table: the 16 keys share buckets, so writers also evict each other's slots.
	GrantCache cache(64);
	const std::size_t KEYS = 16;
	std::vector<Key> keys;
	for (std::size_t k = 0; k < KEYS; ++k)
		keys.push_back({static_cast<Id>(100 + k), static_cast<Id>(1 + k % 3),
		                k % 4 == 0 ? 0
		                           : GrantCache::scopeOf(k % 2 ? GrantCache::WORKSPACE : GrantCache::RESOURCE,
		                                                 static_cast<Id>(k))});
	for (std::size_t k = 0; k < KEYS; ++k)
		cache.store(keys[k], variant(k, 0));

	std::atomic<bool> stop{false};
	std::atomic<long> reads{0};
	std::atomic<long> sawA{0};
	std::atomic<long> sawB{0};
	std::atomic<long> torn{0};
	std::atomic<long> writes{0};
	std::mutex mutex;
	std::string firstTorn;

	std::vector<std::thread> threads;
	for (int w = 0; w < 2; ++w)
	{
		threads.emplace_back([&, w] {
			int v = w;
			while (!stop.load(std::memory_order_relaxed))
			{
				for (std::size_t k = 0; k < KEYS; ++k)
					cache.store(keys[k], variant(k, v));
				v ^= 1;
				writes.fetch_add(1, std::memory_order_relaxed);
			}
		});
	}
	for (int r = 0; r < 2; ++r)
	{
		threads.emplace_back([&] {
			long n = 0, a = 0, b = 0;
			while (!stop.load(std::memory_order_relaxed))
			{
				for (std::size_t k = 0; k < KEYS; ++k)
				{
					Grant g;
					if (!cache.find(keys[k], g))
						continue; // evicted by another key of the bucket: allowed
					++n;
					if (sameGrant(g, variant(k, 0)))
						++a;
					else if (sameGrant(g, variant(k, 1)))
						++b;
					else if (torn.fetch_add(1) == 0)
					{
						std::lock_guard<std::mutex> lock(mutex);
						firstTorn = "key " + describe(keys[k]) + " read " + describe(g) +
						            "; A = " + describe(variant(k, 0)) + ", B = " + describe(variant(k, 1));
					}
				}
			}
			reads += n;
			sawA += a;
			sawB += b;
		});
	}
	std::this_thread::sleep_for(std::chrono::milliseconds(500));
	stop = true;
	for (auto& t : threads)
		t.join();

	CPPUNIT_ASSERT_EQUAL_MESSAGE(firstTorn, 0L, torn.load());
	CPPUNIT_ASSERT_MESSAGE("reads: " + std::to_string(reads.load()), reads.load() > 1000);
	CPPUNIT_ASSERT_MESSAGE("writer rounds: " + std::to_string(writes.load()), writes.load() > 100);
	CPPUNIT_ASSERT(sawA.load() > 0);
	CPPUNIT_ASSERT(sawB.load() > 0);
}


void GrantCacheTest::testFindFreshIsFindWithinTheBounds()
{
	GrantCache cache(64);
	const Key key{5, 6, 0};
	Grant g;
	CPPUNIT_ASSERT(!cache.findFresh(key, 0, g));
	const Grant stored = makeGrant(0x55, true, true, false, 3, 9, cache.orgVersion(6), 1000);
	cache.store(key, stored);
	CPPUNIT_ASSERT(cache.findFresh(key, 999, g));
	CPPUNIT_ASSERT_EQUAL(stored.permissions.bits(), g.permissions.bits());
	CPPUNIT_ASSERT(g.exists && g.member && !g.owner);
	CPPUNIT_ASSERT_EQUAL(3, g.roleIndex);
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(1000), g.validatedAt);
	// Validated at or before the bound: not fresh.
	CPPUNIT_ASSERT(!cache.findFresh(key, 1000, g));
	CPPUNIT_ASSERT(!cache.findFresh(key, 5000, g));
	// Another key of the same bucket or none: nothing.
	CPPUNIT_ASSERT(!cache.findFresh({5, 6, GrantCache::scopeOf(GrantCache::WORKSPACE, 1)}, 0, g));
	CPPUNIT_ASSERT(!cache.findFresh({6, 5, 0}, 0, g));
	// The organization changed in this process: the entry is not current any more.
	cache.invalidate(6);
	CPPUNIT_ASSERT(!cache.findFresh(key, 0, g));
	cache.store(key, makeGrant(0x55, true, true, false, 3, 10, cache.orgVersion(6), 2000));
	CPPUNIT_ASSERT(cache.findFresh(key, 0, g));
	cache.clear();
	CPPUNIT_ASSERT(!cache.findFresh(key, 0, g));
	// The all-zero key of an empty slot is never an entry.
	CPPUNIT_ASSERT(!cache.findFresh({0, 0, 0}, -1, g));
}


void GrantCacheTest::testFindFreshFindsWhatFindFinds()
{
	GrantCache cache(64);
	std::vector<Key> keys;
	for (Orgs::Id account = 1; account <= 20; ++account)
		for (Orgs::Id organization = 1; organization <= 10; ++organization)
			keys.push_back({account, organization, static_cast<Poco::UInt64>(account % 3)});
	Poco::Int64 at = 1;
	for (const Key& k : keys)
		cache.store(k, makeGrant(static_cast<Poco::UInt64>(k.account) << 8 | static_cast<Poco::UInt64>(k.organization),
		                         true, true, false, 1, 1, cache.orgVersion(k.organization), at++));
	std::size_t found = 0;
	for (const Key& k : keys)
	{
		const std::string what = std::to_string(k.account) + "/" + std::to_string(k.organization);
		Grant byFind, byFresh;
		Orgs::PermissionSet permissions;
		const bool inCache = cache.find(k, byFind);
		CPPUNIT_ASSERT_EQUAL_MESSAGE(what, inCache, cache.findFresh(k, 0, byFresh));
		CPPUNIT_ASSERT_EQUAL_MESSAGE(what, inCache, cache.findFresh(k, 0, permissions));
		if (!inCache)
			continue;
		++found;
		CPPUNIT_ASSERT_EQUAL_MESSAGE(what, byFind.permissions.bits(), byFresh.permissions.bits());
		CPPUNIT_ASSERT_EQUAL_MESSAGE(what, byFind.permissions.bits(), permissions.bits());
		CPPUNIT_ASSERT_EQUAL_MESSAGE(
		    what, static_cast<Poco::UInt64>(k.account) << 8 | static_cast<Poco::UInt64>(k.organization),
		    permissions.bits());
	}
	// 200 keys in 64 slots: every slot holds one, none is lost to a way the probe skips.
	CPPUNIT_ASSERT_EQUAL(cache.capacity(), found);
}


void GrantCacheTest::testTickerFollowsTheClock()
{
	using Orgs::Access::Ticker;
	{
		Ticker ticker(1000000); // 1 ms
		CPPUNIT_ASSERT(ticker.running());
		Poco::Int64 last = ticker.now();
		CPPUNIT_ASSERT(last > 0 && last <= Ticker::clock());
		const Poco::Int64 start = Ticker::clock();
		Poco::Int64 moves = 0;
		while (Ticker::clock() - start < 100000000) // 100 ms
		{
			const Poco::Int64 t = ticker.now();
			CPPUNIT_ASSERT(t >= last);
			CPPUNIT_ASSERT(t <= Ticker::clock());
			moves += t != last;
			last = t;
			std::this_thread::sleep_for(std::chrono::microseconds(200));
		}
		CPPUNIT_ASSERT_MESSAGE("moves " + std::to_string(moves), moves >= 10);
		// refresh() reads the clock and moves now() on to it.
		const Poco::Int64 r = ticker.refresh();
		CPPUNIT_ASSERT(ticker.now() >= r);
	}
	{
		Ticker still(0);
		CPPUNIT_ASSERT(!still.running());
		const Poco::Int64 t = still.now();
		std::this_thread::sleep_for(std::chrono::milliseconds(5));
		CPPUNIT_ASSERT_EQUAL(t, still.now());
		const Poco::Int64 r = still.refresh();
		CPPUNIT_ASSERT(r >= t + 5000000);
		CPPUNIT_ASSERT_EQUAL(r, still.now());
	}
}


void GrantCacheTest::testTickerStopsPromptly()
{
	using Orgs::Access::Ticker;
	const auto start = std::chrono::steady_clock::now();
	for (int i = 0; i < 20; ++i)
	{
		Ticker ticker(Poco::Int64(3600) * 1000000000); // an hour
		CPPUNIT_ASSERT(ticker.running());
		if (i % 2)
			std::this_thread::sleep_for(std::chrono::milliseconds(1)); // the thread waits by then
	}
	const auto elapsed = std::chrono::steady_clock::now() - start;
	CPPUNIT_ASSERT_MESSAGE("20 tickers took " +
	                           std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count()) +
	                           " ms",
	                       elapsed < std::chrono::seconds(5));
}
