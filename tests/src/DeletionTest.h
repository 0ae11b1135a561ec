//
// DeletionTest.h
//
// Library: OrgsTests
// Package: Service
// Module:  DeletionTest
//
// Recoverable deletion of organizations, on both databases.
//


#ifndef Orgs_DeletionTest_INCLUDED
#define Orgs_DeletionTest_INCLUDED


#include "support/ManualClock.h"
#include "support/TestRuntime.h"
#include <cppunit/extensions/HelperMacros.h>
#include <memory>


class DeletionTest : public CppUnit::TestFixture
	/// A deleted organization is invisible everywhere (404, no access, not listed) but keeps its
	/// username; its owner restores it as it was within the retention period; then it is gone
	/// (410) and the purge removes it with everything in it and frees its username.
{
	CPPUNIT_TEST_SUITE(DeletionTest);
	CPPUNIT_TEST(testDeletedOrganizationIsInvisible);
	CPPUNIT_TEST(testUsernameStaysReserved);
	CPPUNIT_TEST(testRestoreBringsEverythingBack);
	CPPUNIT_TEST(testOnlyTheOwnerRestores);
	CPPUNIT_TEST(testRetentionAndPurge);
	CPPUNIT_TEST(testPurgeKeepsRecentAndRestored);
	CPPUNIT_TEST_SUITE_END();

public:
	void setUp() override;
	void tearDown() override;

	void testDeletedOrganizationIsInvisible();
	void testUsernameStaysReserved();
	void testRestoreBringsEverythingBack();
	void testOnlyTheOwnerRestores();
	void testRetentionAndPurge();
	void testPurgeKeepsRecentAndRestored();

private:
	Orgs::Test::ManualClock::Ptr _pClock;
	std::unique_ptr<Orgs::Test::TestRuntime> _pRuntime;
};


#endif // Orgs_DeletionTest_INCLUDED
