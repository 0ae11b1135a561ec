//
// OrganizationServiceTest.cpp
//
// Library: OrgsTests
// Package: Service
// Module:  OrganizationServiceTest
//


#include "OrganizationServiceTest.h"
#include "support/Suites.h"
#include "Orgs/Errors.h"
#include "support/Expect.h"
#include "support/ManualClock.h"
#include "Poco/Data/Session.h"
#include "Poco/Thread.h"
#include <set>


using namespace Orgs;
using namespace Poco::Data::Keywords;
using Orgs::Test::TestRuntime;

using Orgs::Test::reasonOf;


ORGS_TEST_SUITE(OrganizationServiceTest, "OrganizationService", DATABASE);


namespace {


OrganizationSpec spec(const std::string& username, const std::string& title = "Acme", const std::string& region = "")
{
	OrganizationSpec s;
	s.username = username;
	s.title = title;
	s.region = region;
	return s;
}


} // namespace


void OrganizationServiceTest::setUp()
{
	_pRuntime.reset(new TestRuntime);
}


void OrganizationServiceTest::tearDown()
{
	_pRuntime.reset();
}


void OrganizationServiceTest::testCreatorBecomesOwnerAndMember()
{
	Account ada = _pRuntime->account("ada");
	Organization acme = _pRuntime->organizations().createOrganization(ada.id, spec("acme", "Acme Inc."));
	CPPUNIT_ASSERT_EQUAL(ada.id, acme.ownerAccountId);
	CPPUNIT_ASSERT_EQUAL(std::string("Acme Inc."), acme.title);

	OrganizationMembership om = _pRuntime->organizations().getOrganization(ada.id, "acme");
	CPPUNIT_ASSERT(om.owner);
	CPPUNIT_ASSERT_EQUAL(std::string("admin"), om.role); // the formerOwner role
	CPPUNIT_ASSERT_EQUAL(acme.id,
	                     _pRuntime->organizations().getOrganization(ada.id, std::to_string(acme.id)).organization.id);

	Membership m = _pRuntime->memberships().getMember(ada.id, "acme", "ada");
	CPPUNIT_ASSERT(m.owner);
}


void OrganizationServiceTest::testRegions()
{
	Account ada = _pRuntime->account("ada");
	CPPUNIT_ASSERT_EQUAL(std::string("us"), _pRuntime->organizations().createOrganization(ada.id, spec("one")).region);
	CPPUNIT_ASSERT_EQUAL(std::string("eu"),
	                     _pRuntime->organizations().createOrganization(ada.id, spec("two", "T", "eu")).region);
	CPPUNIT_ASSERT_EQUAL(std::string("invalid_region"), reasonOf<InvalidInputException>([&] {
		                     _pRuntime->organizations().createOrganization(ada.id, spec("three", "T", "mars"));
	                     }));
}


void OrganizationServiceTest::testInvalidOrganizationsWriteNothing()
{
	Account ada = _pRuntime->account("ada");
	CPPUNIT_ASSERT_EQUAL(std::string("invalid_username"), reasonOf<InvalidInputException>([&] {
		                     _pRuntime->organizations().createOrganization(ada.id, spec("-acme"));
	                     }));
	CPPUNIT_ASSERT_EQUAL(std::string("invalid_title"), reasonOf<InvalidInputException>([&] {
		                     _pRuntime->organizations().createOrganization(ada.id, spec("acme", ""));
	                     }));
	CPPUNIT_ASSERT_EQUAL(std::string("invalid_title"), reasonOf<InvalidInputException>([&] {
		                     _pRuntime->organizations().createOrganization(ada.id, spec("acme", std::string(101, 't')));
	                     }));
	CPPUNIT_ASSERT(_pRuntime->organizations().listOrganizations(ada.id, PageRequest()).items.empty());
	_pRuntime->organizations().createOrganization(ada.id, spec("acme"));
}


void OrganizationServiceTest::testNonMemberCannotTellExistingFromMissing()
{
	Account ada = _pRuntime->account("ada");
	Account eve = _pRuntime->account("eve");
	Organization acme = _pRuntime->organization(ada, "acme");
	std::string existing, missing;
	try
	{
		_pRuntime->organizations().getOrganization(eve.id, "acme");
	}
	catch (NotFoundException& exc)
	{
		existing = exc.reason() + exc.message().substr(exc.message().find("is visible"));
	}
	try
	{
		_pRuntime->organizations().getOrganization(eve.id, "nothing");
	}
	catch (NotFoundException& exc)
	{
		missing = exc.reason() + exc.message().substr(exc.message().find("is visible"));
	}
	CPPUNIT_ASSERT(!existing.empty());
	CPPUNIT_ASSERT_EQUAL(missing, existing);
	CPPUNIT_ASSERT_EQUAL(std::string("organization_not_found"), reasonOf<NotFoundException>([&] {
		                     _pRuntime->organizations().getOrganization(eve.id, std::to_string(acme.id));
	                     }));
	// Every other operation answers the same way.
	CPPUNIT_ASSERT_EQUAL(std::string("organization_not_found"), reasonOf<NotFoundException>([&] {
		                     _pRuntime->organizations().deleteOrganization(eve.id, "acme");
	                     }));
	CPPUNIT_ASSERT_EQUAL(std::string("organization_not_found"), reasonOf<NotFoundException>([&] {
		                     _pRuntime->memberships().listMembers(eve.id, "acme", MemberQuery());
	                     }));
}


void OrganizationServiceTest::testListMineIsKeysetPaginated()
{
	Account ada = _pRuntime->account("ada");
	Account bob = _pRuntime->account("bob");
	std::set<Id> mine;
	for (int i = 0; i < 7; ++i)
	{
		mine.insert(_pRuntime->organization(ada, "a-org-" + std::to_string(i)).id);
		_pRuntime->organization(bob, "b-org-" + std::to_string(i)); // not ada's
	}
	PageRequest page;
	page.limit = 3;
	std::set<Id> seen;
	int pages = 0;
	do
	{
		Page<OrganizationMembership> p = _pRuntime->organizations().listOrganizations(ada.id, page);
		for (const auto& om : p.items)
		{
			CPPUNIT_ASSERT(om.owner);
			CPPUNIT_ASSERT_MESSAGE("repeated", seen.insert(om.organization.id).second);
		}
		if (++pages == 1)
			mine.insert(_pRuntime->organization(ada, "a-org-late").id); // added while paging: comes last
		page.cursor = p.nextCursor;
	} while (!page.cursor.empty());
	CPPUNIT_ASSERT(seen == mine);
	CPPUNIT_ASSERT_EQUAL(3, pages);
}


void OrganizationServiceTest::testRenameFreesTheOldUsername()
{
	Account ada = _pRuntime->account("ada");
	Account bob = _pRuntime->account("bob");
	const Id acmeId = _pRuntime->organization(ada, "acme").id;
	_pRuntime->organizations().getOrganization(ada.id, "acme"); // remembered by username and by id
	_pRuntime->organizations().getOrganization(ada.id, std::to_string(acmeId));
	OrganizationChanges c;
	c.username = std::string("acme-corp");
	c.title = std::string("Acme Corporation");
	Organization renamed = _pRuntime->organizations().updateOrganization(ada.id, "acme", c);
	CPPUNIT_ASSERT_EQUAL(std::string("acme-corp"), renamed.username);
	// Seen at once under both names: the old one is gone, the id has the new title.
	CPPUNIT_ASSERT_EQUAL(std::string("organization_not_found"), reasonOf<NotFoundException>([&] {
		                     _pRuntime->organizations().getOrganization(ada.id, "acme");
	                     }));
	CPPUNIT_ASSERT_EQUAL(std::string("Acme Corporation"),
	                     _pRuntime->organizations().getOrganization(ada.id, std::to_string(acmeId)).organization.title);
	CPPUNIT_ASSERT_EQUAL(std::string("Acme Corporation"),
	                     _pRuntime->organizations().getOrganization(ada.id, "acme-corp").organization.title);
	_pRuntime->organization(bob, "acme"); // the old handle is free again
	c.username = std::string("bob");
	CPPUNIT_ASSERT_EQUAL(std::string("username_taken"), reasonOf<ConflictException>([&] {
		                     _pRuntime->organizations().updateOrganization(ada.id, "acme-corp", c);
	                     }));
	CPPUNIT_ASSERT_EQUAL(std::string("Acme Corporation"),
	                     _pRuntime->organizations().getOrganization(ada.id, "acme-corp").organization.title);
}


void OrganizationServiceTest::testChangeElsewhereIsSeenWithinTheStalenessBound()
{
	// The staleness time moves with the runtime's clock, not by sleeping.
	Orgs::Test::ManualClock::Ptr pClock = new Orgs::Test::ManualClock;
	_pRuntime.reset(new TestRuntime(TestRuntime::Settings{{"orgs.access.maxStaleness", "30"}}, pClock));
	Account ada = _pRuntime->account("ada");
	const Id acmeId = _pRuntime->organization(ada, "acme").id;
	auto title = [&] { return _pRuntime->organizations().getOrganization(ada.id, "acme").organization.title; };
	const std::string before = title();
	// Another host renames it (the same UPDATE, with no cache of this process told).
	{
		Poco::Data::Session s = _pRuntime->database().session();
		s << "UPDATE organizations SET title = 'Elsewhere' WHERE id = ?", bind(acmeId), now;
	}
	CPPUNIT_ASSERT_EQUAL_MESSAGE("within the bound it is answered from memory", before, title());
	pClock->advance(Poco::Timespan(25, 0));
	CPPUNIT_ASSERT_EQUAL_MESSAGE("still within the bound", before, title());
	pClock->advance(Poco::Timespan(5, 0));
	CPPUNIT_ASSERT_EQUAL(std::string("Elsewhere"), title());
}


void OrganizationServiceTest::testRegionIsImmutable()
{
	Account ada = _pRuntime->account("ada");
	_pRuntime->organizations().createOrganization(ada.id, spec("acme", "Acme", "eu"));
	OrganizationChanges c;
	c.region = std::string("us");
	CPPUNIT_ASSERT_EQUAL(std::string("immutable_field"), reasonOf<InvalidInputException>([&] {
		                     _pRuntime->organizations().updateOrganization(ada.id, "acme", c);
	                     }));
	c.region = std::string("eu"); // unchanged: accepted
	CPPUNIT_ASSERT_EQUAL(std::string("eu"), _pRuntime->organizations().updateOrganization(ada.id, "acme", c).region);
}


void OrganizationServiceTest::testUpdateNeedsPermission()
{
	Account ada = _pRuntime->account("ada");
	Account bob = _pRuntime->account("bob");
	Account cy = _pRuntime->account("cy");
	_pRuntime->organization(ada, "acme");
	_pRuntime->memberships().addMember(ada.id, "acme", "bob", "member");
	_pRuntime->memberships().addMember(ada.id, "acme", "cy", "admin");
	OrganizationChanges c;
	c.title = std::string("Renamed");
	CPPUNIT_ASSERT_EQUAL(std::string("permission_denied"), reasonOf<ForbiddenException>([&] {
		                     _pRuntime->organizations().updateOrganization(bob.id, "acme", c);
	                     }));
	CPPUNIT_ASSERT_EQUAL(std::string("Renamed"), _pRuntime->organizations().updateOrganization(cy.id, "acme", c).title);
}


void OrganizationServiceTest::testPlanNeedsBillingManage()
{
	// Changing the plan is the permission billing.manage: the owner always holds it, "*" leaves it
	// out, and a role holds it only by naming it.
	_pRuntime.reset(new TestRuntime(
	    TestRuntime::Settings{{"orgs.roles.organization", "member, billing, admin"},
	                          {"orgs.roles.organization.member.permissions", "org.read"},
	                          {"orgs.roles.organization.billing.permissions", "org.read, plan.read, billing.manage"},
	                          {"orgs.roles.organization.admin.permissions", "*"},
	                          {"orgs.roles.organization.default", "member"},
	                          {"orgs.roles.organization.formerOwner", "admin"}}));
	TestRuntime& rt = *_pRuntime;
	Account ada = rt.account("ada");
	Account bob = rt.account("bob");
	Account cy = rt.account("cy");
	Account dan = rt.account("dan");
	rt.organization(ada, "acme");
	rt.memberships().addMember(ada.id, "acme", "bob", "member");
	rt.memberships().addMember(ada.id, "acme", "cy", "admin");
	OrganizationChanges toTeam;
	toTeam.plan = std::string("team");
	OrganizationChanges retitle;
	retitle.title = std::string("Acme Inc.");
	for (const Account* pActor : {&bob, &cy})
	{
		CPPUNIT_ASSERT_EQUAL(std::string("permission_denied"), reasonOf<ForbiddenException>([&] {
			                     rt.organizations().updateOrganization(pActor->id, "acme", toTeam);
		                     }));
	}
	CPPUNIT_ASSERT_EQUAL(std::string("Acme Inc."), rt.organizations().updateOrganization(cy.id, "acme", retitle).title);
	// The admin cannot give the role that holds it ("nobody grants more than they hold"); the owner can.
	CPPUNIT_ASSERT_EQUAL(std::string("role_exceeds_own"), reasonOf<ForbiddenException>([&] {
		                     rt.memberships().addMember(cy.id, "acme", "dan", "billing");
	                     }));
	rt.memberships().addMember(ada.id, "acme", "dan", "billing");
	CPPUNIT_ASSERT_EQUAL(std::string("team"), rt.organizations().updateOrganization(dan.id, "acme", toTeam).plan);
	CPPUNIT_ASSERT_EQUAL(dan.id, rt.scalar("SELECT actor_account_id FROM audit_events WHERE action = "
	                                       "'organization.plan_changed' AND organization_id = ?",
	                                       rt.organizations().getOrganization(ada.id, "acme").organization.id));
	// A plan and a title together need both permissions: nothing changes without org.update.
	OrganizationChanges both;
	both.plan = std::string("enterprise");
	both.title = std::string("Billing's Acme");
	CPPUNIT_ASSERT_EQUAL(std::string("permission_denied"), reasonOf<ForbiddenException>([&] {
		                     rt.organizations().updateOrganization(dan.id, "acme", both);
	                     }));
	const Organization unchanged = rt.organizations().getOrganization(ada.id, "acme").organization;
	CPPUNIT_ASSERT_EQUAL(std::string("team"), unchanged.plan);
	CPPUNIT_ASSERT_EQUAL(std::string("Acme Inc."), unchanged.title);
	const Organization changed = rt.organizations().updateOrganization(ada.id, "acme", both);
	CPPUNIT_ASSERT_EQUAL(std::string("enterprise"), changed.plan);
	CPPUNIT_ASSERT_EQUAL(std::string("Billing's Acme"), changed.title);
}


void OrganizationServiceTest::testOnlyTheOwnerDeletes()
{
	Account ada = _pRuntime->account("ada");
	Account cy = _pRuntime->account("cy");
	_pRuntime->organization(ada, "acme");
	_pRuntime->memberships().addMember(ada.id, "acme", "cy", "admin");
	CPPUNIT_ASSERT_EQUAL(std::string("owner_only"), reasonOf<ForbiddenException>([&] {
		                     _pRuntime->organizations().deleteOrganization(cy.id, "acme");
	                     }));
	_pRuntime->organizations().deleteOrganization(ada.id, "acme");
	CPPUNIT_ASSERT_EQUAL(std::string("organization_not_found"), reasonOf<NotFoundException>([&] {
		                     _pRuntime->organizations().getOrganization(ada.id, "acme");
	                     }));
	CPPUNIT_ASSERT(_pRuntime->organizations().listOrganizations(cy.id, PageRequest()).items.empty());
	// The username stays reserved until the purge (see DeletionTest).
	CPPUNIT_ASSERT_EQUAL(std::string("username_taken"),
	                     reasonOf<ConflictException>([&] { _pRuntime->organization(cy, "acme"); }));
}


void OrganizationServiceTest::testTransferOwnership()
{
	Account ada = _pRuntime->account("ada");
	Account bob = _pRuntime->account("bob");
	_pRuntime->organization(ada, "acme");
	_pRuntime->memberships().addMember(ada.id, "acme", "bob", "member");
	CPPUNIT_ASSERT_EQUAL(std::string("owner_only"), reasonOf<ForbiddenException>([&] {
		                     _pRuntime->organizations().transferOwnership(bob.id, "acme", "bob");
	                     }));
	Organization o = _pRuntime->organizations().transferOwnership(ada.id, "acme", "bob");
	CPPUNIT_ASSERT_EQUAL(bob.id, o.ownerAccountId);

	OrganizationMembership former = _pRuntime->organizations().getOrganization(ada.id, "acme");
	CPPUNIT_ASSERT(!former.owner);
	CPPUNIT_ASSERT_EQUAL(std::string("admin"), former.role);
	CPPUNIT_ASSERT(_pRuntime->organizations().getOrganization(bob.id, "acme").owner);
	CPPUNIT_ASSERT_EQUAL(std::string("owner_only"), reasonOf<ForbiddenException>([&] {
		                     _pRuntime->organizations().deleteOrganization(ada.id, "acme");
	                     }));
	CPPUNIT_ASSERT_EQUAL(std::string("already_owner"), reasonOf<ConflictException>([&] {
		                     _pRuntime->organizations().transferOwnership(bob.id, "acme", "bob");
	                     }));
	// The new owner may now leave only after handing it back.
	CPPUNIT_ASSERT_EQUAL(std::string("transfer_ownership_first"),
	                     reasonOf<ConflictException>([&] { _pRuntime->memberships().leave(bob.id, "acme"); }));
	_pRuntime->memberships().leave(ada.id, "acme");
}


void OrganizationServiceTest::testTransferNeedsAMember()
{
	Account ada = _pRuntime->account("ada");
	_pRuntime->account("eve");
	_pRuntime->organization(ada, "acme");
	CPPUNIT_ASSERT_EQUAL(std::string("not_a_member"), reasonOf<ConflictException>([&] {
		                     _pRuntime->organizations().transferOwnership(ada.id, "acme", "eve");
	                     }));
	CPPUNIT_ASSERT_EQUAL(std::string("not_a_member"), reasonOf<ConflictException>([&] {
		                     _pRuntime->organizations().transferOwnership(ada.id, "acme", "nobody");
	                     }));
	CPPUNIT_ASSERT(_pRuntime->organizations().getOrganization(ada.id, "acme").owner);
}


void OrganizationServiceTest::testAccessControlFollowsRoles()
{
	Account ada = _pRuntime->account("ada");
	Account bob = _pRuntime->account("bob");
	Account eve = _pRuntime->account("eve");
	Organization acme = _pRuntime->organization(ada, "acme");
	_pRuntime->memberships().addMember(ada.id, "acme", "bob", "");
	AccessControl& ac = _pRuntime->access();
	CPPUNIT_ASSERT(ac.isOwner(ada.id, acme.id));
	CPPUNIT_ASSERT(ac.isAllowed(ada.id, acme.id, Permission::MembersRemove));
	CPPUNIT_ASSERT(ac.isMember(bob.id, acme.id));
	CPPUNIT_ASSERT(ac.isAllowed(bob.id, acme.id, Permission::MembersRead));
	CPPUNIT_ASSERT(!ac.isAllowed(bob.id, acme.id, Permission::MembersAdd));
	CPPUNIT_ASSERT(!ac.isMember(eve.id, acme.id));
	CPPUNIT_ASSERT(ac.permissions(eve.id, acme.id).empty());
	CPPUNIT_ASSERT(!ac.isAllowed(ada.id, acme.id + 1000, Permission::OrgRead));

	_pRuntime->memberships().changeRole(ada.id, "acme", "bob", "admin");
	CPPUNIT_ASSERT(ac.isAllowed(bob.id, acme.id, Permission::MembersAdd));
	_pRuntime->memberships().removeMember(ada.id, "acme", "bob");
	CPPUNIT_ASSERT(!ac.isMember(bob.id, acme.id));
	CPPUNIT_ASSERT(ac.permissions(bob.id, acme.id).empty());
}
