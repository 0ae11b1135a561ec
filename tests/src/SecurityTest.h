//
// SecurityTest.h
//
// Library: OrgsTests
// Package: EndToEnd
// Module:  SecurityTest
//


#ifndef Orgs_SecurityTest_INCLUDED
#define Orgs_SecurityTest_INCLUDED


#include <cppunit/extensions/HelperMacros.h>


class SecurityTest : public CppUnit::TestFixture
	/// Revocation across hosts (a revoked token changes nothing anywhere), throttled
	/// authentication failures, and the answer to a non-member costing the same for an existing
	/// and a missing organization; on both databases.
{
	CPPUNIT_TEST_SUITE(SecurityTest);
	CPPUNIT_TEST(testRevokedTokenChangesNothingOnAnotherHost);
	CPPUNIT_TEST(testWriteChecksTheTokenInItsTransaction);
	CPPUNIT_TEST(testRevocationWaitsForAChangeInFlight);
	CPPUNIT_TEST(testFailuresAreThrottledPerClient);
	CPPUNIT_TEST(testForwardedForIsIgnoredWithoutTrustedProxies);
	CPPUNIT_TEST(testBadTrustedProxyStopsStartUp);
	CPPUNIT_TEST(testThrottledByDefault);
	CPPUNIT_TEST(testExistenceCostsTheSame);
	CPPUNIT_TEST(testNewOrganizationsAreSeenAtOnce);
	CPPUNIT_TEST_SUITE_END();

public:
	void testRevokedTokenChangesNothingOnAnotherHost();
		/// Two hosts, maxStaleness 30 s: a token revoked on A still reads on B, but every change
		/// route of the API answers 401 "token_revoked" on B and nothing changes in the database.
	void testWriteChecksTheTokenInItsTransaction();
		/// In-process: a Credential scope makes every write check its token first; callers
		/// without one are not checked.
	void testRevocationWaitsForAChangeInFlight();
		/// A revocation waits for a change that checked the token to commit.
	void testFailuresAreThrottledPerClient();
		/// Past orgs.auth.failureLimit failures a minute, an address gets 429 with Retry-After for
		/// every authenticated route, valid tokens included; other addresses do not; one warning.
	void testForwardedForIsIgnoredWithoutTrustedProxies();
		/// X-Forwarded-For from a peer that is not a trusted proxy does not move the count.
	void testBadTrustedProxyStopsStartUp();
		/// An entry of orgs.http.trustedProxies that is no address or network stops start-up,
		/// naming the key.
	void testThrottledByDefault();
		/// The shipped configuration refuses the 102nd guess of a minute (limit 100).
	void testExistenceCostsTheSame();
		/// A non-member's repeated look-ups of an existing and of a missing organization, by
		/// username and by id, take the same number of database sessions (none once cached)
		/// and, on MariaDB, run the same number of statements.
	void testNewOrganizationsAreSeenAtOnce();
		/// Creating, renaming and restoring an organization here forgets that it was missing;
		/// another host's new organization is found within maxStaleness.
};


#endif // Orgs_SecurityTest_INCLUDED
