//
// GrantCacheTest.h
//
// Library: OrgsTests
// Package: Access
// Module:  GrantCacheTest
//


#ifndef Orgs_GrantCacheTest_INCLUDED
#define Orgs_GrantCacheTest_INCLUDED


#include <cppunit/extensions/HelperMacros.h>


class GrantCacheTest : public CppUnit::TestFixture
	/// The permission cache on its own (no database): every field survives a round trip, keys
	/// never collide, invalidation by version, bounded capacity with eviction of the least
	/// recently validated entry, no allocation, and no torn reads under concurrent writers.
{
	CPPUNIT_TEST_SUITE(GrantCacheTest);
	CPPUNIT_TEST(testRoundTripOfEveryField);
	CPPUNIT_TEST(testEmptyCacheFindsNothing);
	CPPUNIT_TEST(testKeysDifferingInOneComponentDoNotCollide);
	CPPUNIT_TEST(testStoreReplacesTheEntryOfTheSameKey);
	CPPUNIT_TEST(testInvalidateAndClearMoveVersions);
	CPPUNIT_TEST(testCapacityIsRoundedAndBounded);
	CPPUNIT_TEST(testRecentlyValidatedEntrySurvivesAFlood);
	CPPUNIT_TEST(testFindAndStoreDoNotAllocate);
	CPPUNIT_TEST(testValidatedRefreshesOnlyTheSameAclVersion);
	CPPUNIT_TEST(testClockIsMonotonicNanoseconds);
	CPPUNIT_TEST(testConcurrentReadersNeverSeeTornEntries);
	CPPUNIT_TEST(testFindFreshIsFindWithinTheBounds);
	CPPUNIT_TEST(testFindFreshFindsWhatFindFinds);
	CPPUNIT_TEST(testTickerFollowsTheClock);
	CPPUNIT_TEST(testTickerStopsPromptly);
	CPPUNIT_TEST_SUITE_END();

public:
	void testFindFreshIsFindWithinTheBounds();
		/// findFresh() (the inline hit path) answers only for a current entry validated after
		/// the given time, and then with what find() returns.

	void testFindFreshFindsWhatFindFinds();
		/// On a crowded small cache (more keys than slots, evictions, every way of the buckets
		/// used, most keys away from their home way), both findFresh() overloads answer exactly
		/// for the keys find() has, with the same permissions, and for no other.
	void testTickerFollowsTheClock();
		/// The ticker's thread keeps now() within a few periods of CLOCK_MONOTONIC, never ahead
		/// of it and never backwards; refresh() moves it on at once; without a period there is
		/// no thread.

	void testTickerStopsPromptly();
		/// Destroying a ticker wakes and joins its thread at once, even with a long period.

	void testRoundTripOfEveryField();
		/// store() then find() returns every field as stored, for extreme values too.

	void testEmptyCacheFindsNothing();
		/// A fresh cache has no entries, not even for the all-zero key its empty slots hold.

	void testKeysDifferingInOneComponentDoNotCollide();
		/// Keys that differ only in the account, the organization or the scope (workspace or
		/// resource of the same id) are separate entries.

	void testStoreReplacesTheEntryOfTheSameKey();
		/// Storing a key again replaces its entry instead of adding a second one.

	void testInvalidateAndClearMoveVersions();
		/// invalidate(org) moves that organization's version only; clear() moves every one.

	void testCapacityIsRoundedAndBounded();
		/// Capacity is a power of two of at least 64; ten times as many keys as slots leave the
		/// capacity and the number of entries bounded and the most recent keys findable.

	void testRecentlyValidatedEntrySurvivesAFlood();
		/// A full bucket evicts its least recently validated slot, never the freshest.

	void testFindAndStoreDoNotAllocate();
		/// find(), store(), validated() and invalidate() allocate no memory.

	void testValidatedRefreshesOnlyTheSameAclVersion();
		/// validated() refreshes validatedAt of an entry loaded at that acl_version, and
		/// changes nothing else; it never creates an entry.

	void testClockIsMonotonicNanoseconds();
		/// Ticker::clock(), the default source of the staleness time, does not go back and
		/// counts nanoseconds.

	void testConcurrentReadersNeverSeeTornEntries();
		/// Readers racing writers that alternate two consistent values per key always see one
		/// of the two values whole.
};


#endif // Orgs_GrantCacheTest_INCLUDED
