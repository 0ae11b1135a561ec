//
// MembershipServiceTest.h
//
// Library: OrgsTests
// Package: Service
// Module:  MembershipServiceTest
//


#ifndef Orgs_MembershipServiceTest_INCLUDED
#define Orgs_MembershipServiceTest_INCLUDED


#include "support/TestRuntime.h"
#include <cppunit/extensions/HelperMacros.h>
#include <memory>


class MembershipServiceTest : public CppUnit::TestFixture
	/// Adding, listing, reading, changing and removing members, and leaving; the owner's
	/// membership is protected; nobody grants more than they hold.
{
	CPPUNIT_TEST_SUITE(MembershipServiceTest);
	CPPUNIT_TEST(testAddWithDefaultAndExplicitRole);
	CPPUNIT_TEST(testAddRefusals);
	CPPUNIT_TEST(testListFiltersAndSearch);
	CPPUNIT_TEST(testListIsKeysetPaginatedWhileMembersJoin);
	CPPUNIT_TEST(testListShowsDefaultRoles);
	CPPUNIT_TEST(testReadOwnMembershipWithoutMembersRead);
	CPPUNIT_TEST(testOwnerMembershipIsImmutable);
	CPPUNIT_TEST(testChangeAndRemove);
	CPPUNIT_TEST(testLeave);
	CPPUNIT_TEST(testNobodyGrantsMoreThanTheyHold);
	CPPUNIT_TEST(testEveryAccessChangeBumpsAclVersion);
	CPPUNIT_TEST_SUITE_END();

public:
	void setUp() override;
	void tearDown() override;

	void testAddWithDefaultAndExplicitRole();
	void testAddRefusals();
	void testListFiltersAndSearch();
	void testListIsKeysetPaginatedWhileMembersJoin();
	void testListShowsDefaultRoles();
		/// The listing's default roles (memberships.default_roles) follow every change, match
		/// getMember(), and are read from member_default_roles when they outgrow the column.
	void testReadOwnMembershipWithoutMembersRead();
	void testOwnerMembershipIsImmutable();
	void testChangeAndRemove();
	void testLeave();
	void testNobodyGrantsMoreThanTheyHold();
	void testEveryAccessChangeBumpsAclVersion();

private:
	std::unique_ptr<Orgs::Test::TestRuntime> _pRuntime;
};


#endif // Orgs_MembershipServiceTest_INCLUDED
