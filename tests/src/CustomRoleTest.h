//
// CustomRoleTest.h
//
// Library: OrgsTests
// Package: Service
// Module:  CustomRoleTest
//
// Per-organization custom roles (RoleService), on both databases.
//


#ifndef Orgs_CustomRoleTest_INCLUDED
#define Orgs_CustomRoleTest_INCLUDED


#include "support/TestRuntime.h"
#include <cppunit/extensions/HelperMacros.h>
#include <memory>


class CustomRoleTest : public CppUnit::TestFixture
	/// The plan gate, name and permission validation, no shadowing of configuration roles, roles
	/// in use cannot be deleted, the permission cache takes a change at once, and custom roles
	/// usable for workspace members, collaborators, invitations and default roles.
{
	CPPUNIT_TEST_SUITE(CustomRoleTest);
	CPPUNIT_TEST(testPlanGate);
	CPPUNIT_TEST(testValidation);
	CPPUNIT_TEST(testEditorCannotAddWhatItDoesNotHold);
	CPPUNIT_TEST(testConfigurationRolesCannotBeShadowed);
	CPPUNIT_TEST(testRoleInUseCannotBeDeleted);
	CPPUNIT_TEST(testCacheTakesChangeAtOnce);
	CPPUNIT_TEST(testUsableForWorkspaceMembersCollaboratorsAndInvitations);
	CPPUNIT_TEST_SUITE_END();

public:
	void setUp() override;
	void tearDown() override;

	void testPlanGate();
	void testValidation();
	void testEditorCannotAddWhatItDoesNotHold();
		/// A roles.manage holder who is not the owner may create or extend a custom role only with
		/// permissions it already holds everywhere (its organization role and the workspace role
		/// that implies): else holding the role it edits would raise it. Removing is always allowed.
	void testConfigurationRolesCannotBeShadowed();
	void testRoleInUseCannotBeDeleted();
	void testCacheTakesChangeAtOnce();
	void testUsableForWorkspaceMembersCollaboratorsAndInvitations();

private:
	std::unique_ptr<Orgs::Test::TestRuntime> _pRuntime;
};


#endif // Orgs_CustomRoleTest_INCLUDED
