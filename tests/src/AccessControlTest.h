//
// AccessControlTest.h
//
// Library: OrgsTests
// Package: Access
// Module:  AccessControlTest
//


#ifndef Orgs_AccessControlTest_INCLUDED
#define Orgs_AccessControlTest_INCLUDED


#include <cppunit/extensions/HelperMacros.h>


class AccessControlTest : public CppUnit::TestFixture
	/// The in-process permission check on a real database: consistency of its cache with
	/// changes made in this process (at once) and by another host (within
	/// orgs.access.maxStaleness), the workspace and resource overloads, explain(), deleted
	/// organizations and a cache much smaller than the set of keys checked.
{
	CPPUNIT_TEST_SUITE(AccessControlTest);
	CPPUNIT_TEST(testChangesInThisProcessAreSeenAtOnceByConcurrentChecks);
	CPPUNIT_TEST(testAnotherHostSeesChangesWithinTheStalenessBound);
	CPPUNIT_TEST(testStalenessTimeIsTheInjectedClock);
	CPPUNIT_TEST(testRepositoryWriteAlonePropagates);
	CPPUNIT_TEST(testAnotherHostWithZeroStalenessSeesChangesOnTheNextCall);
	CPPUNIT_TEST(testWorkspaceAndResourcePermissions);
	CPPUNIT_TEST(testExplainListsTheGrantSources);
	CPPUNIT_TEST(testDeletedOrganizationIsDeniedAtOnce);
	CPPUNIT_TEST(testSmallCacheAnswersCorrectlyForManyKeys);
	CPPUNIT_TEST_SUITE_END();

public:
	void testChangesInThisProcessAreSeenAtOnceByConcurrentChecks();
		/// Checker threads loop over isAllowed() and isMember() while a writer changes a member's
		/// role, removes and re-adds them through the MembershipService; with a staleness bound
		/// of an hour, a check that starts after a change returned must see it.

	void testAnotherHostSeesChangesWithinTheStalenessBound();
		/// A second runtime on the same database, maxStaleness 0.2 s: its warm cache may answer
		/// from before a change for up to 0.2 s, and answers after it from then on.

	void testStalenessTimeIsTheInjectedClock();
		/// A second runtime whose clock the test moves, maxStaleness 30 s: its grant,
		/// organization and live-token caches answer from before a change while the clock
		/// stays within 30 s of their reads, and see the change once the clock moves past,
		/// without sleeping (one clock for every freshness decision).

	void testRepositoryWriteAlonePropagates();
		/// A repository write inside Database::transact(), with no service code around it:
		/// committed, it moves acl_version once (for two writes), this host answers from the
		/// new rows at once and another host once its clock passes the bound; rolled back, it
		/// moves nothing. Outside a transaction the repository refuses to record it.

	void testAnotherHostWithZeroStalenessSeesChangesOnTheNextCall();
		/// With maxStaleness 0 a second runtime sees every change on its next call.

	void testWorkspaceAndResourcePermissions();
		/// Owner, organization role, implied workspace role, workspace role and resource role
		/// grant in the scopes they belong to and nowhere else; unknown or foreign workspaces
		/// and resources, and non-members, get nothing.

	void testExplainListsTheGrantSources();
		/// explain() names every grant with its role and scope, and agrees with isAllowed().

	void testDeletedOrganizationIsDeniedAtOnce();
		/// Right after deleteOrganization() returns, every check of it is false.

	void testSmallCacheAnswersCorrectlyForManyKeys();
		/// With orgs.access.cacheEntries = 64, a thousand (account, organization) keys are all
		/// answered correctly, before and after role changes.
};


#endif // Orgs_AccessControlTest_INCLUDED
