//
// WorkspaceServiceTest.h
//
// Library: OrgsTests
// Package: Service
// Module:  WorkspaceServiceTest
//


#ifndef Orgs_WorkspaceServiceTest_INCLUDED
#define Orgs_WorkspaceServiceTest_INCLUDED


#include "support/TestRuntime.h"
#include <cppunit/extensions/HelperMacros.h>
#include <memory>


class WorkspaceServiceTest : public CppUnit::TestFixture
	/// Workspaces and their members: creation and names, the default workspace, visibility by
	/// role (list_all, read, none, implied roles), membership limited to organization members,
	/// deletion keeping resources, removal cascades, acl_version bumps, 404 versus 403.
{
	CPPUNIT_TEST_SUITE(WorkspaceServiceTest);
	CPPUNIT_TEST(testCreateMakesCreatorAdmin);
	CPPUNIT_TEST(testNameRules);
	CPPUNIT_TEST(testDefaultWorkspaceIsCreatedWithOrganization);
	CPPUNIT_TEST(testNoDefaultWorkspaceUnlessConfigured);
	CPPUNIT_TEST(testVisibilityByRole);
	CPPUNIT_TEST(testImpliedWorkspaceRole);
	CPPUNIT_TEST(testOnlyOrganizationMembersJoin);
	CPPUNIT_TEST(testMemberManagement);
	CPPUNIT_TEST(testNobodyGrantsMoreThanTheyHold);
	CPPUNIT_TEST(testDeleteKeepsResources);
	CPPUNIT_TEST(testRemovingMemberRemovesWorkspaceMemberships);
	CPPUNIT_TEST(testNotFoundVersusForbidden);
	CPPUNIT_TEST(testEveryAccessChangeBumpsAclVersion);
	CPPUNIT_TEST(testListsAreKeysetPaginated);
	CPPUNIT_TEST(testMembersJoinWorkspacesWhenAdded);
	CPPUNIT_TEST(testMembershipRequiredPlacesNewMembers);
	CPPUNIT_TEST(testMembershipRequiredKeepsTheLastWorkspace);
	CPPUNIT_TEST(testMembershipRequiredNeedsADefaultWorkspace);
	CPPUNIT_TEST_SUITE_END();

public:
	void setUp() override;
	void tearDown() override;

	void testCreateMakesCreatorAdmin();
	void testNameRules();
	void testDefaultWorkspaceIsCreatedWithOrganization();
	void testNoDefaultWorkspaceUnlessConfigured();
	void testVisibilityByRole();
	void testImpliedWorkspaceRole();
	void testOnlyOrganizationMembersJoin();
	void testMemberManagement();
	void testNobodyGrantsMoreThanTheyHold();
	void testDeleteKeepsResources();
	void testRemovingMemberRemovesWorkspaceMemberships();
	void testNotFoundVersusForbidden();
	void testEveryAccessChangeBumpsAclVersion();
	void testListsAreKeysetPaginated();
	void testMembersJoinWorkspacesWhenAdded();
	void testMembershipRequiredPlacesNewMembers();
	void testMembershipRequiredKeepsTheLastWorkspace();
	void testMembershipRequiredNeedsADefaultWorkspace();

private:
	std::unique_ptr<Orgs::Test::TestRuntime> _pRuntime;
};


#endif // Orgs_WorkspaceServiceTest_INCLUDED
