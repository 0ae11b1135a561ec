//
// AuditLogTest.h
//
// Library: OrgsTests
// Package: Service
// Module:  AuditLogTest
//
// The audit log at the service level, on both databases.
//


#ifndef Orgs_AuditLogTest_INCLUDED
#define Orgs_AuditLogTest_INCLUDED


#include "support/TestRuntime.h"
#include <cppunit/extensions/HelperMacros.h>
#include <memory>


class AuditLogTest : public CppUnit::TestFixture
	/// Events name their actor, target and changed values; they are written in the change's
	/// transaction (a rollback leaves none); a removed member's events stay and name the account;
	/// listings filter by action, actor and time and page by keyset; reading needs audit.read.
{
	CPPUNIT_TEST_SUITE(AuditLogTest);
	CPPUNIT_TEST(testEventsNameActorTargetAndChanges);
	CPPUNIT_TEST(testRollbackWritesNoEvent);
	CPPUNIT_TEST(testFailedChangesWriteNoEvent);
	CPPUNIT_TEST(testRemovedMemberEventsStay);
	CPPUNIT_TEST(testFilters);
	CPPUNIT_TEST(testBadFilters);
	CPPUNIT_TEST(testKeysetPagination);
	CPPUNIT_TEST(testReadingNeedsAuditRead);
	CPPUNIT_TEST(testAccountEventsHaveNoOrganization);
	CPPUNIT_TEST(testWorkspaceAndResourceEvents);
	CPPUNIT_TEST_SUITE_END();

public:
	void setUp() override;
	void tearDown() override;

	void testEventsNameActorTargetAndChanges();
	void testRollbackWritesNoEvent();
	void testFailedChangesWriteNoEvent();
	void testRemovedMemberEventsStay();
	void testFilters();
	void testBadFilters();
	void testKeysetPagination();
	void testReadingNeedsAuditRead();
	void testAccountEventsHaveNoOrganization();
	void testWorkspaceAndResourceEvents();

private:
	std::unique_ptr<Orgs::Test::TestRuntime> _pRuntime;
};


#endif // Orgs_AuditLogTest_INCLUDED
