//
// MigratorTest.h
//
// Library: OrgsTests
// Package: Data
// Module:  MigratorTest
//


#ifndef Orgs_MigratorTest_INCLUDED
#define Orgs_MigratorTest_INCLUDED


#include <cppunit/extensions/HelperMacros.h>


class MigratorTest : public CppUnit::TestFixture
	/// The schema migrations on the database named by ORGS_TEST_CONNECTOR: a fresh database,
	/// two migrators racing on one database, refusing a newer or changed schema, splitting
	/// migration files, and the constraints the schema itself enforces (not only the code).
{
	CPPUNIT_TEST_SUITE(MigratorTest);
	CPPUNIT_TEST(testFreshDatabaseMigratesToLatest);
	CPPUNIT_TEST(testSecondRunIsNoOp);
	CPPUNIT_TEST(testPendingMigrationsWithoutApplyAreRefused);
	CPPUNIT_TEST(testConcurrentMigratorsApplyEachMigrationOnce);
	CPPUNIT_TEST(testLiveLeaseIsWaitedFor);
	CPPUNIT_TEST(testExpiredLeaseIsTakenOver);
	CPPUNIT_TEST(testEveryTableSuitsGalera);
	CPPUNIT_TEST(testNewerSchemaIsRefused);
	CPPUNIT_TEST(testChangedMigrationIsRefused);
	CPPUNIT_TEST(testSplitStatements);
	CPPUNIT_TEST(testShippedMigrationsSplitCleanly);
	CPPUNIT_TEST(testOneMembershipPerOrganizationAndAccount);
	CPPUNIT_TEST(testAccountsAndOrganizationsShareHandles);
	CPPUNIT_TEST(testOwnerMustBeAnAccount);
	CPPUNIT_TEST(testDefaultRolesCopiedToMemberships);
	CPPUNIT_TEST_SUITE_END();

public:
	void testFreshDatabaseMigratesToLatest();
	void testSecondRunIsNoOp();
	void testPendingMigrationsWithoutApplyAreRefused();
	void testConcurrentMigratorsApplyEachMigrationOnce();
	void testLiveLeaseIsWaitedFor();
	void testExpiredLeaseIsTakenOver();
	void testEveryTableSuitsGalera();
	void testNewerSchemaIsRefused();
	void testChangedMigrationIsRefused();
	void testSplitStatements();
	void testShippedMigrationsSplitCleanly();
	void testOneMembershipPerOrganizationAndAccount();
	void testAccountsAndOrganizationsShareHandles();
	void testOwnerMustBeAnAccount();
	void testDefaultRolesCopiedToMemberships();
		/// Migration 0009 copies existing default roles into memberships.default_roles (the
		/// listing's column), '*' where they do not fit, and leaves the others empty.
};


#endif // Orgs_MigratorTest_INCLUDED
