//
// ResourceServiceTest.h
//
// Library: OrgsTests
// Package: Service
// Module:  ResourceServiceTest
//


#ifndef Orgs_ResourceServiceTest_INCLUDED
#define Orgs_ResourceServiceTest_INCLUDED


#include "support/TestRuntime.h"
#include <cppunit/extensions/HelperMacros.h>
#include <memory>


class ResourceServiceTest : public CppUnit::TestFixture
	/// Resources and collaborators: default roles on creation (including "none" and the
	/// configured default) in one statement however many members, visibility by collaborator,
	/// workspace and organization roles (the listing agrees with reading one), collaborator
	/// changes, deletion, removal cascades that keep attribution, acl_version bumps, 404 versus 403.
{
	CPPUNIT_TEST_SUITE(ResourceServiceTest);
	CPPUNIT_TEST(testCreateAddsMembersByDefaultRole);
	CPPUNIT_TEST(testConfiguredDefaultRole);
	CPPUNIT_TEST(testDefaultRolesForManyMembersInOneStatement);
	CPPUNIT_TEST(testCreateRules);
	CPPUNIT_TEST(testVisibility);
	CPPUNIT_TEST(testImpliedRoleAndOrganizationWideRead);
	CPPUNIT_TEST(testListPagesAcrossGrantsNeitherSkipNorRepeat);
	CPPUNIT_TEST(testCollaboratorChanges);
	CPPUNIT_TEST(testNobodyGrantsMoreThanTheyHold);
	CPPUNIT_TEST(testDelete);
	CPPUNIT_TEST(testRemovingMemberKeepsAttribution);
	CPPUNIT_TEST(testNotFoundVersusForbidden);
	CPPUNIT_TEST(testEveryAccessChangeBumpsAclVersion);
	CPPUNIT_TEST(testDeleteOrganizationWithWorkspacesAndResources);
	CPPUNIT_TEST_SUITE_END();

public:
	void setUp() override;
	void tearDown() override;

	void testCreateAddsMembersByDefaultRole();
	void testConfiguredDefaultRole();
	void testDefaultRolesForManyMembersInOneStatement();
	void testCreateRules();
	void testVisibility();
	void testImpliedRoleAndOrganizationWideRead();
	void testListPagesAcrossGrantsNeitherSkipNorRepeat();
	void testCollaboratorChanges();
	void testNobodyGrantsMoreThanTheyHold();
	void testDelete();
	void testRemovingMemberKeepsAttribution();
	void testNotFoundVersusForbidden();
	void testEveryAccessChangeBumpsAclVersion();
	void testDeleteOrganizationWithWorkspacesAndResources();

private:
	std::unique_ptr<Orgs::Test::TestRuntime> _pRuntime;
};


#endif // Orgs_ResourceServiceTest_INCLUDED
