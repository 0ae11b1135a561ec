//
// DeletionTest.cpp
//
// Library: OrgsTests
// Package: Service
// Module:  DeletionTest
//


#include "DeletionTest.h"
#include "support/Suites.h"
#include "support/Expect.h"
#include "Orgs/AuditLog.h"
#include "Orgs/Errors.h"
#include <functional>
#include <string>
#include <vector>


using namespace Orgs;
using Orgs::Test::ManualClock;
using Orgs::Test::reasonOf;
using Orgs::Test::TestRuntime;


ORGS_TEST_SUITE(DeletionTest, "Deletion", DATABASE);


namespace {


Poco::Timespan days(int n)
{
	return Poco::Timespan(n, 0, 0, 0, 0);
}


struct Acme
	/// An organization with a member, a workspace, a resource and a collaborator.
{
	Account ada; ///< owner
	Account bob; ///< admin
	Account cy;  ///< member
	Organization org;
	Workspace workspace;
	Resource resource;
};


Acme populate(TestRuntime& rt)
{
	Acme a;
	a.ada = rt.account("ada");
	a.bob = rt.account("bob");
	a.cy = rt.account("cy");
	a.org = rt.organization(a.ada, "acme");
	rt.memberships().addMember(a.ada.id, "acme", "bob", "admin");
	rt.memberships().addMember(a.ada.id, "acme", "cy", "member");
	a.workspace = rt.workspaces().createWorkspace(a.ada.id, "acme", "Lab");
	rt.workspaces().setWorkspaceMember(a.ada.id, "acme", a.workspace.id, "cy", "editor");
	ResourceSpec spec;
	spec.type = "dataset";
	spec.name = "images";
	spec.workspace = std::to_string(a.workspace.id);
	a.resource = rt.resources().createResource(a.ada.id, "acme", spec);
	return a;
}


Poco::Int64 rows(TestRuntime& rt, const std::string& table, Id orgId)
{
	return rt.scalar("SELECT COUNT(*) FROM " + table + " WHERE organization_id = ?", orgId);
}


const std::vector<std::string>& tables()
{
	static const std::vector<std::string> t{
	    "memberships", "workspaces", "workspace_members", "resources", "resource_collaborators", "audit_events"};
	return t;
}


} // namespace


void DeletionTest::setUp()
{
	_pClock = new ManualClock;
	_pRuntime.reset(new TestRuntime(TestRuntime::Settings(), _pClock));
}


void DeletionTest::tearDown()
{
	_pRuntime.reset();
	_pClock = nullptr;
}


void DeletionTest::testDeletedOrganizationIsInvisible()
{
	TestRuntime& rt = *_pRuntime;
	const Acme a = populate(rt);
	AccessControl& ac = rt.access();
	CPPUNIT_ASSERT(ac.isAllowed(a.cy.id, a.org.id, Permission::OrgRead));
	CPPUNIT_ASSERT(ac.isAllowed(a.cy.id, a.org.id, WorkspaceId{a.workspace.id}, Permission::WorkspaceRead));
	const Poco::Int64 version = rt.aclVersion(a.org.id);

	rt.organizations().deleteOrganization(a.ada.id, "acme");
	CPPUNIT_ASSERT(rt.aclVersion(a.org.id) > version); // cached grants die

	for (const Account& who : {a.ada, a.bob, a.cy})
	{
		for (const std::string& ref : {std::string("acme"), std::to_string(a.org.id)})
		{
			auto notFound = [&](const std::string& what, std::function<void()> fn) {
				CPPUNIT_ASSERT_EQUAL_MESSAGE(what + " as " + who.username + " via " + ref,
				                             std::string("organization_not_found"), reasonOf<NotFoundException>(fn));
			};
			notFound("get", [&] { rt.organizations().getOrganization(who.id, ref); });
			notFound("update", [&] {
				OrganizationChanges c;
				c.title = "Back";
				rt.organizations().updateOrganization(who.id, ref, c);
			});
			notFound("delete", [&] { rt.organizations().deleteOrganization(who.id, ref); });
			notFound("transfer", [&] { rt.organizations().transferOwnership(who.id, ref, "bob"); });
			notFound("members", [&] { rt.memberships().listMembers(who.id, ref, MemberQuery()); });
			notFound("member", [&] { rt.memberships().getMember(who.id, ref, "cy"); });
			notFound("add member", [&] { rt.memberships().addMember(who.id, ref, "eve", "member"); });
			notFound("leave", [&] { rt.memberships().leave(who.id, ref); });
			notFound("workspaces", [&] { rt.workspaces().listWorkspaces(who.id, ref, PageRequest()); });
			notFound("workspace", [&] { rt.workspaces().getWorkspace(who.id, ref, a.workspace.id); });
			notFound("resources", [&] { rt.resources().listResources(who.id, ref, ResourceQuery()); });
			notFound("resource", [&] { rt.resources().getResource(who.id, ref, a.resource.id); });
			notFound("audit", [&] { rt.runtime().auditLog()->listEvents(who.id, ref, AuditQuery()); });
		}
		CPPUNIT_ASSERT(rt.organizations().listOrganizations(who.id, PageRequest()).items.empty());
		// The permission check, for hosts: nothing is granted, nobody is a member.
		CPPUNIT_ASSERT(!ac.isMember(who.id, a.org.id));
		CPPUNIT_ASSERT(!ac.isAllowed(who.id, a.org.id, Permission::OrgRead));
		CPPUNIT_ASSERT(!ac.isAllowed(who.id, a.org.id, WorkspaceId{a.workspace.id}, Permission::WorkspaceRead));
		CPPUNIT_ASSERT(!ac.isAllowed(who.id, a.org.id, ResourceId{a.resource.id}, Permission::ResourceRead));
		CPPUNIT_ASSERT(ac.permissions(who.id, a.org.id).empty());
		CPPUNIT_ASSERT(!ac.explain(who.id, a.org.id).member);
	}
	CPPUNIT_ASSERT(!ac.isOwner(a.ada.id, a.org.id));
	// Nothing was removed.
	for (const auto& table : tables())
		CPPUNIT_ASSERT_MESSAGE(table, rows(rt, table, a.org.id) > 0);
}


void DeletionTest::testUsernameStaysReserved()
{
	TestRuntime& rt = *_pRuntime;
	const Acme a = populate(rt);
	rt.organizations().deleteOrganization(a.ada.id, "acme");
	CPPUNIT_ASSERT_EQUAL(std::string("username_taken"),
	                     reasonOf<ConflictException>([&] { rt.organization(a.bob, "acme"); }));
	CPPUNIT_ASSERT_EQUAL(std::string("username_taken"), reasonOf<ConflictException>([&] { rt.account("acme"); }));
	rt.organization(a.bob, "globex");
	OrganizationChanges rename;
	rename.username = "acme";
	CPPUNIT_ASSERT_EQUAL(std::string("username_taken"), reasonOf<ConflictException>([&] {
		                     rt.organizations().updateOrganization(a.bob.id, "globex", rename);
	                     }));
}


void DeletionTest::testRestoreBringsEverythingBack()
{
	TestRuntime& rt = *_pRuntime;
	const Acme a = populate(rt);
	std::vector<Poco::Int64> before;
	for (const auto& table : tables())
		before.push_back(rows(rt, table, a.org.id));
	const std::size_t events = rt.runtime().auditLog()->listEvents(a.ada.id, "acme", AuditQuery()).items.size();

	rt.organizations().deleteOrganization(a.ada.id, "acme");
	_pClock->advance(days(29));
	const Organization restored = rt.organizations().restoreOrganization(a.ada.id, "acme");
	CPPUNIT_ASSERT_EQUAL(a.org.id, restored.id);
	CPPUNIT_ASSERT_EQUAL(std::string("acme"), restored.username);

	for (std::size_t i = 0; i < tables().size(); ++i)
	{
		// Two more events: the deletion and the restoration.
		const Poco::Int64 expected = before[i] + (tables()[i] == "audit_events" ? 2 : 0);
		CPPUNIT_ASSERT_EQUAL_MESSAGE(tables()[i], expected, rows(rt, tables()[i], a.org.id));
	}
	const Page<AuditEvent> log = rt.runtime().auditLog()->listEvents(a.bob.id, "acme", AuditQuery());
	CPPUNIT_ASSERT_EQUAL(events + 2, log.items.size());
	CPPUNIT_ASSERT_EQUAL(std::string("organization.restored"), log.items[0].action);
	CPPUNIT_ASSERT_EQUAL(std::string("organization.deleted"), log.items[1].action);
	CPPUNIT_ASSERT_EQUAL(a.ada.id, log.items[1].actorAccountId);

	// Everyone is back with the same standing, through the service and the permission check.
	CPPUNIT_ASSERT(rt.organizations().getOrganization(a.ada.id, "acme").owner);
	CPPUNIT_ASSERT_EQUAL(std::string("admin"), rt.organizations().getOrganization(a.bob.id, "acme").role);
	CPPUNIT_ASSERT_EQUAL(std::string("member"), rt.organizations().getOrganization(a.cy.id, "acme").role);
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), rt.organizations().listOrganizations(a.cy.id, PageRequest()).items.size());
	CPPUNIT_ASSERT(rt.access().isOwner(a.ada.id, a.org.id));
	CPPUNIT_ASSERT(rt.access().isAllowed(a.bob.id, a.org.id, Permission::MembersAdd));
	CPPUNIT_ASSERT(rt.access().isAllowed(a.cy.id, a.org.id, WorkspaceId{a.workspace.id}, Permission::ResourcesCreate));
	CPPUNIT_ASSERT(rt.access().isAllowed(a.cy.id, a.org.id, ResourceId{a.resource.id}, Permission::ResourceRead));
	CPPUNIT_ASSERT_EQUAL(std::string("Lab"), rt.workspaces().getWorkspace(a.cy.id, "acme", a.workspace.id).name);
	CPPUNIT_ASSERT_EQUAL(std::string("images"), rt.resources().getResource(a.cy.id, "acme", a.resource.id).name);
	// And the organization can be changed again.
	rt.memberships().removeMember(a.bob.id, "acme", "cy");
}


void DeletionTest::testOnlyTheOwnerRestores()
{
	TestRuntime& rt = *_pRuntime;
	const Acme a = populate(rt);
	Account eve = rt.account("eve");
	// Not deleted: 409 for a member, 404 for anyone else.
	CPPUNIT_ASSERT_EQUAL(std::string("not_deleted"), reasonOf<ConflictException>([&] {
		                     rt.organizations().restoreOrganization(a.ada.id, "acme");
	                     }));
	CPPUNIT_ASSERT_EQUAL(std::string("organization_not_found"),
	                     reasonOf<NotFoundException>([&] { rt.organizations().restoreOrganization(eve.id, "acme"); }));
	CPPUNIT_ASSERT_EQUAL(std::string("organization_not_found"), reasonOf<NotFoundException>([&] {
		                     rt.organizations().restoreOrganization(eve.id, "nowhere");
	                     }));

	rt.organizations().deleteOrganization(a.ada.id, "acme");
	for (const Account& who : {a.bob, a.cy, eve})
	{
		CPPUNIT_ASSERT_EQUAL(std::string("organization_not_found"), reasonOf<NotFoundException>([&] {
			                     rt.organizations().restoreOrganization(who.id, "acme");
		                     }));
		CPPUNIT_ASSERT_EQUAL(std::string("organization_not_found"), reasonOf<NotFoundException>([&] {
			                     rt.organizations().restoreOrganization(who.id, std::to_string(a.org.id));
		                     }));
	}
	rt.organizations().restoreOrganization(a.ada.id, std::to_string(a.org.id));
	CPPUNIT_ASSERT_EQUAL(std::string("acme"),
	                     rt.organizations().getOrganization(a.cy.id, "acme").organization.username);
}


void DeletionTest::testRetentionAndPurge()
{
	TestRuntime& rt = *_pRuntime;
	const Acme a = populate(rt);
	rt.organizations().deleteOrganization(a.ada.id, "acme");
	_pClock->advance(days(30) - Poco::Timespan(1));
	CPPUNIT_ASSERT_EQUAL(0, rt.runtime().purgeDeletedOrganizations());
	_pClock->advance(Poco::Timespan(1));

	// After the retention period: gone for the owner, still invisible to anyone else.
	CPPUNIT_ASSERT_EQUAL(std::string("retention_expired"),
	                     reasonOf<GoneException>([&] { rt.organizations().restoreOrganization(a.ada.id, "acme"); }));
	CPPUNIT_ASSERT_EQUAL(std::string("organization_not_found"), reasonOf<NotFoundException>([&] {
		                     rt.organizations().restoreOrganization(a.bob.id, "acme");
	                     }));
	CPPUNIT_ASSERT_EQUAL(1, rt.runtime().purgeDeletedOrganizations());
	CPPUNIT_ASSERT_EQUAL(0, rt.runtime().purgeDeletedOrganizations());

	CPPUNIT_ASSERT_EQUAL(Poco::Int64(0), rt.scalar("SELECT COUNT(*) FROM organizations WHERE id = ?", a.org.id));
	for (const auto& table : tables())
		CPPUNIT_ASSERT_EQUAL_MESSAGE(table, Poco::Int64(0), rows(rt, table, a.org.id));
	CPPUNIT_ASSERT_EQUAL(std::string("organization_not_found"), reasonOf<NotFoundException>([&] {
		                     rt.organizations().restoreOrganization(a.ada.id, "acme");
	                     }));
	// The accounts stay, and the username is free.
	CPPUNIT_ASSERT_EQUAL(a.cy.id, rt.accounts().findAccount("cy").id);
	const Organization again = rt.organization(a.bob, "acme");
	CPPUNIT_ASSERT(again.id != a.org.id);
	CPPUNIT_ASSERT(rt.organizations().getOrganization(a.bob.id, "acme").owner);
	CPPUNIT_ASSERT(!rt.access().isMember(a.cy.id, again.id));
}


void DeletionTest::testPurgeKeepsRecentAndRestored()
{
	TestRuntime& rt = *_pRuntime;
	Account ada = rt.account("ada");
	Organization old = rt.organization(ada, "old");
	Organization restored = rt.organization(ada, "restored");
	Organization recent = rt.organization(ada, "recent");
	Organization alive = rt.organization(ada, "alive");
	rt.organizations().deleteOrganization(ada.id, "old");
	rt.organizations().deleteOrganization(ada.id, "restored");
	_pClock->advance(days(20));
	rt.organizations().deleteOrganization(ada.id, "recent");
	rt.organizations().restoreOrganization(ada.id, "restored");
	_pClock->advance(days(15));

	CPPUNIT_ASSERT_EQUAL(1, rt.runtime().purgeDeletedOrganizations());
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(0), rt.scalar("SELECT COUNT(*) FROM organizations WHERE id = ?", old.id));
	for (const Organization& kept : {restored, recent, alive})
		CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), rt.scalar("SELECT COUNT(*) FROM organizations WHERE id = ?", kept.id));
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), rt.organizations().listOrganizations(ada.id, PageRequest()).items.size());
	rt.organizations().restoreOrganization(ada.id, "recent");
	CPPUNIT_ASSERT_EQUAL(std::size_t(3), rt.organizations().listOrganizations(ada.id, PageRequest()).items.size());
}
