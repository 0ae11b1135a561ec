//
// MembershipServiceTest.cpp
//
// Library: OrgsTests
// Package: Service
// Module:  MembershipServiceTest
//


#include "MembershipServiceTest.h"
#include "support/Suites.h"
#include "Orgs/Errors.h"
#include "data/MembershipRepository.h"
#include "support/Expect.h"
#include "Poco/Data/Session.h"
#include <set>


using namespace Orgs;
using namespace Poco::Data::Keywords;
using Orgs::Test::TestRuntime;

using Orgs::Test::reasonOf;


ORGS_TEST_SUITE(MembershipServiceTest, "MembershipService", DATABASE);


namespace {


// A four-level model: guest sees the organization only; manager manages members but holds
// neither org.update nor roles beyond its own.
TestRuntime::Settings fourRoles()
{
	return {
	    {"orgs.roles.organization", "guest, member, manager, admin"},
	    {"orgs.roles.organization.guest.permissions", "org.read"},
	    {"orgs.roles.organization.member.permissions", "org.read, members.read"},
	    {"orgs.roles.organization.manager.permissions",
	     "org.read, members.read, members.add, members.update, members.remove"},
	    {"orgs.roles.organization.admin.permissions", "*"},
	    {"orgs.roles.organization.default", "member"},
	    {"orgs.roles.organization.formerOwner", "admin"},
	};
}


} // namespace


void MembershipServiceTest::setUp()
{
	_pRuntime.reset(new TestRuntime);
}


void MembershipServiceTest::tearDown()
{
	_pRuntime.reset();
}


void MembershipServiceTest::testAddWithDefaultAndExplicitRole()
{
	Account ada = _pRuntime->account("ada");
	Account bob = _pRuntime->account("bob");
	_pRuntime->account("cy");
	Organization acme = _pRuntime->organization(ada, "acme");
	Membership m = _pRuntime->memberships().addMember(ada.id, "acme", "bob", "");
	CPPUNIT_ASSERT_EQUAL(std::string("member"), m.role);
	CPPUNIT_ASSERT_EQUAL(bob.id, m.accountId);
	CPPUNIT_ASSERT_EQUAL(acme.id, m.organizationId);
	CPPUNIT_ASSERT(!m.owner);
	CPPUNIT_ASSERT_EQUAL(std::string("admin"), _pRuntime->memberships().addMember(ada.id, "acme", "cy", "admin").role);
	CPPUNIT_ASSERT_EQUAL(std::string("member"), _pRuntime->memberships().getMember(bob.id, "acme", "bob").role);
}


void MembershipServiceTest::testAddRefusals()
{
	Account ada = _pRuntime->account("ada");
	Account bob = _pRuntime->account("bob");
	_pRuntime->account("cy");
	_pRuntime->organization(ada, "acme");
	_pRuntime->memberships().addMember(ada.id, "acme", "bob", "");
	CPPUNIT_ASSERT_EQUAL(std::string("already_member"), reasonOf<ConflictException>([&] {
		                     _pRuntime->memberships().addMember(ada.id, "acme", "bob", "");
	                     }));
	CPPUNIT_ASSERT_EQUAL(std::string("unknown_role"), reasonOf<InvalidInputException>([&] {
		                     _pRuntime->memberships().addMember(ada.id, "acme", "cy", "emperor");
	                     }));
	CPPUNIT_ASSERT_EQUAL(std::string("account_not_found"), reasonOf<NotFoundException>([&] {
		                     _pRuntime->memberships().addMember(ada.id, "acme", "nobody", "");
	                     }));
	CPPUNIT_ASSERT_EQUAL(std::string("permission_denied"), reasonOf<ForbiddenException>([&] {
		                     _pRuntime->memberships().addMember(bob.id, "acme", "cy", "");
	                     }));
	CPPUNIT_ASSERT_EQUAL(std::string("organization_not_found"), reasonOf<NotFoundException>([&] {
		                     _pRuntime->memberships().addMember(ada.id, "nothing", "cy", "");
	                     }));
}


void MembershipServiceTest::testListFiltersAndSearch()
{
	Account ada = _pRuntime->account("ada");
	_pRuntime->organization(ada, "acme");
	for (const char* u : {"bob", "bobby", "carol", "dave"})
		_pRuntime->account(u);
	_pRuntime->memberships().addMember(ada.id, "acme", "bob", "member");
	_pRuntime->memberships().addMember(ada.id, "acme", "bobby", "admin");
	_pRuntime->memberships().addMember(ada.id, "acme", "carol", "member");

	MemberQuery q;
	Page<Membership> all = _pRuntime->memberships().listMembers(ada.id, "acme", q);
	CPPUNIT_ASSERT_EQUAL(std::size_t(4), all.items.size());
	CPPUNIT_ASSERT(all.nextCursor.empty());
	CPPUNIT_ASSERT(all.items[0].owner);
	CPPUNIT_ASSERT_EQUAL(std::string("ada"), all.items[0].username);

	q.role = "admin";
	Page<Membership> admins = _pRuntime->memberships().listMembers(ada.id, "acme", q);
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), admins.items.size()); // the owner's membership is admin too

	q.role.clear();
	q.search = "BOB";
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), _pRuntime->memberships().listMembers(ada.id, "acme", q).items.size());
	q.search = "Test car"; // by name, case-insensitive
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), _pRuntime->memberships().listMembers(ada.id, "acme", q).items.size());
	q.search = "%";
	CPPUNIT_ASSERT_EQUAL(std::size_t(0), _pRuntime->memberships().listMembers(ada.id, "acme", q).items.size());
	q.search = "_";
	CPPUNIT_ASSERT_EQUAL(std::size_t(0), _pRuntime->memberships().listMembers(ada.id, "acme", q).items.size());
}


void MembershipServiceTest::testListShowsDefaultRoles()
{
	TestRuntime& rt = *_pRuntime;
	Account ada = rt.account("ada");
	Organization acme = rt.organization(ada, "acme");
	rt.account("bob");
	Account cy = rt.account("cy");
	MemberSpec spec;
	spec.account = "bob";
	spec.role = "member";
	spec.defaultRoles = RoleMap{{"dataset", "reviewer"}};
	rt.memberships().addMember(ada.id, "acme", spec);
	rt.memberships().addMember(ada.id, "acme", "cy", "member");
	MemberChanges changes;
	changes.defaultRoles = RoleMap{{"dataset", "none"}};
	rt.memberships().updateMember(ada.id, "acme", "cy", changes);

	auto listed = [&]() {
		std::map<std::string, RoleMap> result;
		for (const Membership& m : rt.memberships().listMembers(ada.id, "acme", MemberQuery()).items)
		{
			result[m.username] = m.defaultRoles;
			CPPUNIT_ASSERT_MESSAGE(m.username + ": listing and getMember() differ",
			                       m.defaultRoles ==
			                           rt.memberships().getMember(ada.id, "acme", m.username).defaultRoles);
		}
		return result;
	};
	std::map<std::string, RoleMap> expected{
	    {"ada", RoleMap()}, {"bob", RoleMap{{"dataset", "reviewer"}}}, {"cy", RoleMap{{"dataset", "none"}}}};
	CPPUNIT_ASSERT(expected == listed());

	changes.defaultRoles = RoleMap{{"dataset", "labeler"}};
	rt.memberships().updateMember(ada.id, "acme", "bob", changes);
	expected["bob"] = RoleMap{{"dataset", "labeler"}};
	CPPUNIT_ASSERT(expected == listed());

	// More default roles than memberships.default_roles holds (1,000 characters; only possible
	// with many long resource type names): the page reads them from member_default_roles.
	RoleMap many;
	for (int i = 0; i < 12; ++i)
		many[std::string(60, 't') + std::to_string(10 + i)] = std::string(64, 'r');
	Data::Database& database = rt.runtime().database();
	database.transact([&](Poco::Data::Session& s) {
		Data::MembershipRepository(database).setDefaultRoles(s, acme.id, cy.id, many);
		return 0;
	});
	many["dataset"] = "none";
	expected["cy"] = many;
	CPPUNIT_ASSERT(expected == listed());
}


void MembershipServiceTest::testListIsKeysetPaginatedWhileMembersJoin()
{
	Account ada = _pRuntime->account("ada");
	_pRuntime->organization(ada, "acme");
	std::set<Id> expected{ada.id};
	for (int i = 0; i < 12; ++i)
	{
		Account a = _pRuntime->account("m" + std::to_string(i) + "x");
		_pRuntime->memberships().addMember(ada.id, "acme", a.username, "");
		expected.insert(a.id);
	}
	MemberQuery q;
	q.limit = 5;
	std::set<Id> seen;
	int joined = 0;
	do
	{
		Page<Membership> page = _pRuntime->memberships().listMembers(ada.id, "acme", q);
		CPPUNIT_ASSERT(page.items.size() <= 5);
		for (const auto& m : page.items)
			CPPUNIT_ASSERT_MESSAGE("a member was listed twice", seen.insert(m.accountId).second);
		Account late = _pRuntime->account("late" + std::to_string(joined++) + "x");
		_pRuntime->memberships().addMember(ada.id, "acme", late.username, "");
		q.cursor = page.nextCursor;
	} while (!q.cursor.empty());
	for (Id id : expected)
		CPPUNIT_ASSERT_MESSAGE("a member present from the start was skipped", seen.count(id) == 1);

	q.cursor = "not-a-cursor";
	CPPUNIT_ASSERT_EQUAL(std::string("invalid_cursor"), reasonOf<InvalidInputException>([&] {
		                     _pRuntime->memberships().listMembers(ada.id, "acme", q);
	                     }));
	q.cursor.clear();
	q.limit = 101;
	CPPUNIT_ASSERT_EQUAL(std::string("invalid_limit"), reasonOf<InvalidInputException>([&] {
		                     _pRuntime->memberships().listMembers(ada.id, "acme", q);
	                     }));
}


void MembershipServiceTest::testReadOwnMembershipWithoutMembersRead()
{
	_pRuntime.reset(new TestRuntime(fourRoles()));
	Account ada = _pRuntime->account("ada");
	Account gus = _pRuntime->account("gus");
	_pRuntime->organization(ada, "acme");
	_pRuntime->memberships().addMember(ada.id, "acme", "gus", "guest");
	CPPUNIT_ASSERT_EQUAL(std::string("guest"), _pRuntime->memberships().getMember(gus.id, "acme", "gus").role);
	CPPUNIT_ASSERT_EQUAL(std::string("permission_denied"), reasonOf<ForbiddenException>([&] {
		                     _pRuntime->memberships().getMember(gus.id, "acme", "ada");
	                     }));
	CPPUNIT_ASSERT_EQUAL(std::string("permission_denied"), reasonOf<ForbiddenException>([&] {
		                     _pRuntime->memberships().listMembers(gus.id, "acme", MemberQuery());
	                     }));
}


void MembershipServiceTest::testOwnerMembershipIsImmutable()
{
	Account ada = _pRuntime->account("ada");
	Account cy = _pRuntime->account("cy");
	_pRuntime->organization(ada, "acme");
	_pRuntime->memberships().addMember(ada.id, "acme", "cy", "admin");
	CPPUNIT_ASSERT_EQUAL(std::string("owner_immutable"), reasonOf<ConflictException>([&] {
		                     _pRuntime->memberships().changeRole(cy.id, "acme", "ada", "member");
	                     }));
	CPPUNIT_ASSERT_EQUAL(std::string("owner_immutable"), reasonOf<ConflictException>([&] {
		                     _pRuntime->memberships().removeMember(cy.id, "acme", "ada");
	                     }));
	CPPUNIT_ASSERT_EQUAL(std::string("owner_immutable"), reasonOf<ConflictException>([&] {
		                     _pRuntime->memberships().removeMember(ada.id, "acme", "ada");
	                     }));
	CPPUNIT_ASSERT(_pRuntime->memberships().getMember(ada.id, "acme", "ada").owner);
}


void MembershipServiceTest::testChangeAndRemove()
{
	Account ada = _pRuntime->account("ada");
	Account bob = _pRuntime->account("bob");
	_pRuntime->organization(ada, "acme");
	_pRuntime->memberships().addMember(ada.id, "acme", "bob", "");
	CPPUNIT_ASSERT_EQUAL(std::string("admin"),
	                     _pRuntime->memberships().changeRole(ada.id, "acme", "bob", "admin").role);
	CPPUNIT_ASSERT_EQUAL(std::string("admin"), _pRuntime->memberships().getMember(ada.id, "acme", "bob").role);
	CPPUNIT_ASSERT_EQUAL(std::string("unknown_role"), reasonOf<InvalidInputException>([&] {
		                     _pRuntime->memberships().changeRole(ada.id, "acme", "bob", "emperor");
	                     }));
	_pRuntime->memberships().removeMember(ada.id, "acme", "bob");
	CPPUNIT_ASSERT_EQUAL(std::string("membership_not_found"), reasonOf<NotFoundException>([&] {
		                     _pRuntime->memberships().getMember(ada.id, "acme", "bob");
	                     }));
	CPPUNIT_ASSERT_EQUAL(std::string("membership_not_found"), reasonOf<NotFoundException>([&] {
		                     _pRuntime->memberships().removeMember(ada.id, "acme", "bob");
	                     }));
	CPPUNIT_ASSERT_EQUAL(std::string("organization_not_found"), reasonOf<NotFoundException>([&] {
		                     _pRuntime->organizations().getOrganization(bob.id, "acme");
	                     }));
	// The account itself is untouched.
	CPPUNIT_ASSERT_EQUAL(bob.id, _pRuntime->accounts().findAccount("bob").id);
}


void MembershipServiceTest::testLeave()
{
	Account ada = _pRuntime->account("ada");
	Account bob = _pRuntime->account("bob");
	_pRuntime->organization(ada, "acme");
	_pRuntime->memberships().addMember(ada.id, "acme", "bob", "");
	CPPUNIT_ASSERT_EQUAL(std::string("transfer_ownership_first"),
	                     reasonOf<ConflictException>([&] { _pRuntime->memberships().leave(ada.id, "acme"); }));
	_pRuntime->memberships().leave(bob.id, "acme");
	CPPUNIT_ASSERT_EQUAL(std::string("organization_not_found"),
	                     reasonOf<NotFoundException>([&] { _pRuntime->memberships().leave(bob.id, "acme"); }));
	CPPUNIT_ASSERT_EQUAL(std::size_t(1),
	                     _pRuntime->memberships().listMembers(ada.id, "acme", MemberQuery()).items.size());
}


void MembershipServiceTest::testNobodyGrantsMoreThanTheyHold()
{
	_pRuntime.reset(new TestRuntime(fourRoles()));
	Account ada = _pRuntime->account("ada");
	Account max = _pRuntime->account("max");
	Account cy = _pRuntime->account("cy");
	_pRuntime->account("bob");
	_pRuntime->organization(ada, "acme");
	_pRuntime->memberships().addMember(ada.id, "acme", "max", "manager");
	_pRuntime->memberships().addMember(ada.id, "acme", "cy", "admin");

	CPPUNIT_ASSERT_EQUAL(std::string("role_exceeds_own"), reasonOf<ForbiddenException>([&] {
		                     _pRuntime->memberships().addMember(max.id, "acme", "bob", "admin");
	                     }));
	_pRuntime->memberships().addMember(max.id, "acme", "bob", "manager");
	CPPUNIT_ASSERT_EQUAL(std::string("role_exceeds_own"), reasonOf<ForbiddenException>([&] {
		                     _pRuntime->memberships().changeRole(max.id, "acme", "bob", "admin");
	                     }));
	CPPUNIT_ASSERT_EQUAL(std::string("role_exceeds_own"), reasonOf<ForbiddenException>([&] {
		                     _pRuntime->memberships().changeRole(max.id, "acme", "cy",
		                                                         "guest"); // cy holds more than max
	                     }));
	CPPUNIT_ASSERT_EQUAL(std::string("role_exceeds_own"), reasonOf<ForbiddenException>([&] {
		                     _pRuntime->memberships().removeMember(max.id, "acme", "cy");
	                     }));
	CPPUNIT_ASSERT_EQUAL(std::string("guest"),
	                     _pRuntime->memberships().changeRole(max.id, "acme", "bob", "guest").role);
	_pRuntime->memberships().removeMember(max.id, "acme", "bob");
	CPPUNIT_ASSERT_EQUAL(std::string("admin"), _pRuntime->memberships().getMember(ada.id, "acme", "cy").role);
}


void MembershipServiceTest::testEveryAccessChangeBumpsAclVersion()
{
	Account ada = _pRuntime->account("ada");
	_pRuntime->account("bob");
	Account cy = _pRuntime->account("cy");
	Organization acme = _pRuntime->organization(ada, "acme");
	Poco::Int64 v = _pRuntime->aclVersion(acme.id);
	auto bumped = [&]() {
		Poco::Int64 next = _pRuntime->aclVersion(acme.id);
		const bool changed = next > v;
		v = next;
		return changed;
	};
	_pRuntime->memberships().addMember(ada.id, "acme", "bob", "");
	CPPUNIT_ASSERT(bumped());
	_pRuntime->memberships().changeRole(ada.id, "acme", "bob", "admin");
	CPPUNIT_ASSERT(bumped());
	_pRuntime->memberships().removeMember(ada.id, "acme", "bob");
	CPPUNIT_ASSERT(bumped());
	_pRuntime->memberships().addMember(ada.id, "acme", "cy", "");
	CPPUNIT_ASSERT(bumped());
	_pRuntime->organizations().transferOwnership(ada.id, "acme", "cy");
	CPPUNIT_ASSERT(bumped());
	_pRuntime->memberships().leave(ada.id, "acme");
	CPPUNIT_ASSERT(bumped());
	OrganizationChanges c;
	c.title = std::string("Same access");
	_pRuntime->organizations().updateOrganization(cy.id, "acme", c);
	CPPUNIT_ASSERT(!bumped());
}
