//
// ScopedGrantTest.h
//
// Library: OrgsTests
// Package: Service
// Module:  ScopedGrantTest
//


#ifndef Orgs_ScopedGrantTest_INCLUDED
#define Orgs_ScopedGrantTest_INCLUDED


#include <cppunit/extensions/HelperMacros.h>


class ScopedGrantTest : public CppUnit::TestFixture
	/// Workspace members and resource collaborators are one mechanism (ScopedGrants): every
	/// test runs the same steps on a workspace and on a resource, through WorkspaceService and
	/// ResourceService, and expects the same rules with each kind's codes and audit actions.
{
	CPPUNIT_TEST_SUITE(ScopedGrantTest);
	CPPUNIT_TEST(testSetChangeListRemove);
	CPPUNIT_TEST(testOnlyOrganizationMembers);
	CPPUNIT_TEST(testVisibilityAndManagement);
	CPPUNIT_TEST(testNobodyGrantsMoreThanTheyHold);
	CPPUNIT_TEST(testRolesOfTheScope);
	CPPUNIT_TEST_SUITE_END();

public:
	void testSetChangeListRemove();
		/// Set, change, list, remove; the check follows at once; each change is one audit event.
	void testOnlyOrganizationMembers();
	void testVisibilityAndManagement();
		/// Invisible is not found; visible without the managing permission is forbidden.
	void testNobodyGrantsMoreThanTheyHold();
	void testRolesOfTheScope();
		/// Configured and custom roles of the scope; an empty role; "none".
};


#endif // Orgs_ScopedGrantTest_INCLUDED
