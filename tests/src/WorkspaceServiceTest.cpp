//
// WorkspaceServiceTest.cpp
//
// Library: OrgsTests
// Package: Service
// Module:  WorkspaceServiceTest
//


#include "WorkspaceServiceTest.h"
#include "support/Suites.h"
#include "data/Database.h"
#include "Orgs/Errors.h"
#include "support/Expect.h"
#include "Poco/Data/Session.h"
#include <functional>
#include <set>
#include <vector>


using namespace Orgs;
using namespace Poco::Data::Keywords;
using Orgs::Test::TestRuntime;

using Orgs::Test::reasonOf;


ORGS_TEST_SUITE(WorkspaceServiceTest, "WorkspaceService", DATABASE);


namespace {


TestRuntime::Settings labelStudio()
	/// A Label Studio / LangSmith-like model: annotators see no workspaces, members see their own,
	/// managers every one; leads are viewers of every workspace; admins are admins of every one.
{
	return {
	    {"orgs.roles.organization", "annotator, member, manager, lead, admin"},
	    {"orgs.roles.organization.annotator.permissions", "org.read"},
	    {"orgs.roles.organization.member.permissions", "org.read, members.read, workspaces.read"},
	    {"orgs.roles.organization.manager.permissions", "org.read, members.read, workspaces.read, workspaces.list_all"},
	    {"orgs.roles.organization.lead.permissions", "org.read, workspaces.read"},
	    {"orgs.roles.organization.lead.impliesWorkspaceRole", "viewer"},
	    {"orgs.roles.organization.admin.permissions", "*"},
	    {"orgs.roles.organization.admin.impliesWorkspaceRole", "admin"},
	    {"orgs.roles.organization.default", "member"},
	    {"orgs.roles.organization.formerOwner", "admin"},
	};
}


std::set<std::string> names(const Page<Workspace>& page)
{
	std::set<std::string> result;
	for (const auto& w : page.items)
		result.insert(w.name);
	return result;
}


std::set<std::string> names(std::initializer_list<const char*> list)
{
	std::set<std::string> result;
	for (const char* n : list)
		result.insert(n);
	return result;
}


} // namespace


void WorkspaceServiceTest::setUp()
{
	_pRuntime.reset(new TestRuntime);
}


void WorkspaceServiceTest::tearDown()
{
	_pRuntime.reset();
}


void WorkspaceServiceTest::testCreateMakesCreatorAdmin()
{
	TestRuntime& rt = *_pRuntime;
	Account ada = rt.account("ada");
	Account cy = rt.account("cy");
	Organization acme = rt.organization(ada, "acme");
	rt.memberships().addMember(ada.id, "acme", "cy", "admin");

	Workspace w = rt.workspaces().createWorkspace(cy.id, "acme", "Research");
	CPPUNIT_ASSERT(w.id > 0);
	CPPUNIT_ASSERT_EQUAL(acme.id, w.organizationId);
	CPPUNIT_ASSERT_EQUAL(std::string("Research"), w.name);
	CPPUNIT_ASSERT_EQUAL(cy.id, w.createdBy);
	CPPUNIT_ASSERT(w.createdAt == w.updatedAt);

	Page<WorkspaceMember> members = rt.workspaces().listWorkspaceMembers(cy.id, "acme", w.id, PageRequest());
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), members.items.size());
	CPPUNIT_ASSERT_EQUAL(cy.id, members.items[0].accountId);
	CPPUNIT_ASSERT_EQUAL(std::string("cy"), members.items[0].username);
	CPPUNIT_ASSERT_EQUAL(rt.runtime().roles().creatorRole("workspace"), members.items[0].role);
	CPPUNIT_ASSERT_EQUAL(std::string("admin"), members.items[0].role);
	CPPUNIT_ASSERT_EQUAL(w.id, members.items[0].workspaceId);

	// The creator's role is in effect at once (the cache was invalidated by the commit).
	CPPUNIT_ASSERT(rt.access().isAllowed(cy.id, acme.id, WorkspaceId{w.id}, Permission::WorkspaceMembersManage));
	CPPUNIT_ASSERT_EQUAL(w.name, rt.workspaces().getWorkspace(ada.id, "acme", w.id).name);
}


void WorkspaceServiceTest::testNameRules()
{
	TestRuntime& rt = *_pRuntime;
	Account ada = rt.account("ada");
	rt.organization(ada, "acme");
	rt.organization(ada, "globex");
	Workspace w = rt.workspaces().createWorkspace(ada.id, "acme", "  Research  ");
	CPPUNIT_ASSERT_EQUAL(std::string("Research"), w.name); // surrounding blanks are dropped
	CPPUNIT_ASSERT_EQUAL(std::string("workspace_exists"), reasonOf<ConflictException>([&] {
		                     rt.workspaces().createWorkspace(ada.id, "acme", "Research");
	                     }));
	// Names are unique per organization, and compared exactly on both databases.
	rt.workspaces().createWorkspace(ada.id, "globex", "Research");
	rt.workspaces().createWorkspace(ada.id, "acme", "research");
	for (const std::string& bad : {std::string(), std::string("   "), std::string(101, 'x'), std::string("a\tb")})
	{
		CPPUNIT_ASSERT_EQUAL(std::string("invalid_name"), reasonOf<InvalidInputException>([&] {
			                     rt.workspaces().createWorkspace(ada.id, "acme", bad);
		                     }));
	}
	rt.workspaces().createWorkspace(ada.id, "acme", std::string(100, 'x'));
	rt.workspaces().createWorkspace(ada.id, "acme", "Équipe de données");

	Workspace other = rt.workspaces().createWorkspace(ada.id, "acme", "Other");
	CPPUNIT_ASSERT_EQUAL(std::string("workspace_exists"), reasonOf<ConflictException>([&] {
		                     rt.workspaces().renameWorkspace(ada.id, "acme", other.id, "Research");
	                     }));
	Workspace renamed = rt.workspaces().renameWorkspace(ada.id, "acme", other.id, "Renamed");
	CPPUNIT_ASSERT_EQUAL(std::string("Renamed"), renamed.name);
	CPPUNIT_ASSERT_EQUAL(std::string("Renamed"), rt.workspaces().getWorkspace(ada.id, "acme", other.id).name);
	CPPUNIT_ASSERT_EQUAL(std::string("invalid_name"), reasonOf<InvalidInputException>([&] {
		                     rt.workspaces().renameWorkspace(ada.id, "acme", other.id, "");
	                     }));
	rt.workspaces().createWorkspace(ada.id, "acme", "Other"); // the old name is free again
}


void WorkspaceServiceTest::testDefaultWorkspaceIsCreatedWithOrganization()
{
	_pRuntime.reset(new TestRuntime(TestRuntime::Settings{{"orgs.workspaces.default", "My Team"}}));
	TestRuntime& rt = *_pRuntime;
	Account ada = rt.account("ada");
	Organization acme = rt.organization(ada, "acme");
	Page<Workspace> all = rt.workspaces().listWorkspaces(ada.id, "acme", PageRequest());
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), all.items.size());
	const Workspace& team = all.items[0];
	CPPUNIT_ASSERT_EQUAL(std::string("My Team"), team.name);
	CPPUNIT_ASSERT_EQUAL(acme.id, team.organizationId);
	CPPUNIT_ASSERT_EQUAL(ada.id, team.createdBy);
	Page<WorkspaceMember> members = rt.workspaces().listWorkspaceMembers(ada.id, "acme", team.id, PageRequest());
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), members.items.size());
	CPPUNIT_ASSERT_EQUAL(ada.id, members.items[0].accountId);
	CPPUNIT_ASSERT_EQUAL(std::string("admin"), members.items[0].role);

	// Every organization gets its own.
	rt.organization(ada, "globex");
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), rt.workspaces().listWorkspaces(ada.id, "globex", PageRequest()).items.size());
	CPPUNIT_ASSERT_EQUAL(std::string("workspace_exists"), reasonOf<ConflictException>([&] {
		                     rt.workspaces().createWorkspace(ada.id, "acme", "My Team");
	                     }));

	// A default name that is no valid workspace name stops start-up.
	bool refused = false;
	try
	{
		TestRuntime bad(TestRuntime::Settings{{"orgs.workspaces.default", "Tab\there"}});
	}
	catch (Poco::DataFormatException& exc)
	{
		refused = exc.message().find("orgs.workspaces.default") != std::string::npos;
	}
	CPPUNIT_ASSERT(refused);
}


void WorkspaceServiceTest::testNoDefaultWorkspaceUnlessConfigured()
{
	TestRuntime& rt = *_pRuntime;
	Account ada = rt.account("ada");
	Organization acme = rt.organization(ada, "acme");
	CPPUNIT_ASSERT(rt.workspaces().listWorkspaces(ada.id, "acme", PageRequest()).items.empty());
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(0),
	                     rt.scalar("SELECT COUNT(*) FROM workspaces WHERE organization_id = ?", acme.id));
}


void WorkspaceServiceTest::testVisibilityByRole()
{
	_pRuntime.reset(new TestRuntime(labelStudio()));
	TestRuntime& rt = *_pRuntime;
	Account ada = rt.account("ada");
	Account ann = rt.account("ann"); // annotator, viewer of A
	Account mia = rt.account("mia"); // member, viewer of A
	Account moe = rt.account("moe"); // member of no workspace
	Account max = rt.account("max"); // manager
	rt.organization(ada, "acme");
	rt.memberships().addMember(ada.id, "acme", "ann", "annotator");
	rt.memberships().addMember(ada.id, "acme", "mia", "member");
	rt.memberships().addMember(ada.id, "acme", "moe", "member");
	rt.memberships().addMember(ada.id, "acme", "max", "manager");
	const Workspace a = rt.workspaces().createWorkspace(ada.id, "acme", "A");
	const Workspace b = rt.workspaces().createWorkspace(ada.id, "acme", "B");
	rt.workspaces().setWorkspaceMember(ada.id, "acme", a.id, "ann", "viewer");
	rt.workspaces().setWorkspaceMember(ada.id, "acme", a.id, "mia", "viewer");

	// workspaces.list_all: every workspace, even those it holds no role in.
	CPPUNIT_ASSERT(names({"A", "B"}) == names(rt.workspaces().listWorkspaces(max.id, "acme", PageRequest())));
	CPPUNIT_ASSERT_EQUAL(std::string("B"), rt.workspaces().getWorkspace(max.id, "acme", b.id).name);
	// ... but seeing a workspace is not reading it: its members need workspace.read.
	CPPUNIT_ASSERT_EQUAL(std::string("permission_denied"), reasonOf<ForbiddenException>([&] {
		                     rt.workspaces().listWorkspaceMembers(max.id, "acme", b.id, PageRequest());
	                     }));

	// workspaces.read: the workspaces it belongs to.
	CPPUNIT_ASSERT(names({"A"}) == names(rt.workspaces().listWorkspaces(mia.id, "acme", PageRequest())));
	CPPUNIT_ASSERT_EQUAL(std::string("A"), rt.workspaces().getWorkspace(mia.id, "acme", a.id).name);
	CPPUNIT_ASSERT_EQUAL(std::size_t(3),
	                     rt.workspaces().listWorkspaceMembers(mia.id, "acme", a.id, PageRequest()).items.size());
	CPPUNIT_ASSERT_EQUAL(std::string("workspace_not_found"),
	                     reasonOf<NotFoundException>([&] { rt.workspaces().getWorkspace(mia.id, "acme", b.id); }));
	CPPUNIT_ASSERT(rt.workspaces().listWorkspaces(moe.id, "acme", PageRequest()).items.empty());

	// Without workspaces.read the list is empty, though a workspace role still opens its workspace.
	CPPUNIT_ASSERT(rt.workspaces().listWorkspaces(ann.id, "acme", PageRequest()).items.empty());
	CPPUNIT_ASSERT_EQUAL(std::string("A"), rt.workspaces().getWorkspace(ann.id, "acme", a.id).name);
	CPPUNIT_ASSERT_EQUAL(std::string("workspace_not_found"),
	                     reasonOf<NotFoundException>([&] { rt.workspaces().getWorkspace(ann.id, "acme", b.id); }));

	// The owner and admins see everything.
	CPPUNIT_ASSERT(names({"A", "B"}) == names(rt.workspaces().listWorkspaces(ada.id, "acme", PageRequest())));

	// Changes show at once: mia joins B, leaves A.
	rt.workspaces().setWorkspaceMember(ada.id, "acme", b.id, "mia", "editor");
	rt.workspaces().removeWorkspaceMember(ada.id, "acme", a.id, "mia");
	CPPUNIT_ASSERT(names({"B"}) == names(rt.workspaces().listWorkspaces(mia.id, "acme", PageRequest())));
	CPPUNIT_ASSERT_EQUAL(std::string("workspace_not_found"),
	                     reasonOf<NotFoundException>([&] { rt.workspaces().getWorkspace(mia.id, "acme", a.id); }));
}


void WorkspaceServiceTest::testImpliedWorkspaceRole()
{
	_pRuntime.reset(new TestRuntime(labelStudio()));
	TestRuntime& rt = *_pRuntime;
	Account ada = rt.account("ada");
	Account lea = rt.account("lea"); // lead: viewer of every workspace
	Account cy = rt.account("cy");   // admin: admin of every workspace
	Account bob = rt.account("bob");
	Organization acme = rt.organization(ada, "acme");
	rt.memberships().addMember(ada.id, "acme", "lea", "lead");
	rt.memberships().addMember(ada.id, "acme", "cy", "admin");
	rt.memberships().addMember(ada.id, "acme", "bob", "member");
	const Workspace a = rt.workspaces().createWorkspace(ada.id, "acme", "A");
	const Workspace b = rt.workspaces().createWorkspace(ada.id, "acme", "B");

	// A lead belongs to no workspace, yet lists and reads every one as a viewer...
	CPPUNIT_ASSERT(names({"A", "B"}) == names(rt.workspaces().listWorkspaces(lea.id, "acme", PageRequest())));
	CPPUNIT_ASSERT_EQUAL(std::string("B"), rt.workspaces().getWorkspace(lea.id, "acme", b.id).name);
	CPPUNIT_ASSERT_EQUAL(std::size_t(1),
	                     rt.workspaces().listWorkspaceMembers(lea.id, "acme", b.id, PageRequest()).items.size());
	// ... and cannot change them.
	CPPUNIT_ASSERT_EQUAL(std::string("permission_denied"), reasonOf<ForbiddenException>([&] {
		                     rt.workspaces().renameWorkspace(lea.id, "acme", a.id, "Mine");
	                     }));
	CPPUNIT_ASSERT_EQUAL(std::string("permission_denied"), reasonOf<ForbiddenException>([&] {
		                     rt.workspaces().setWorkspaceMember(lea.id, "acme", a.id, "bob", "viewer");
	                     }));
	CPPUNIT_ASSERT(rt.access().isAllowed(lea.id, acme.id, WorkspaceId{a.id}, Permission::WorkspaceRead));
	CPPUNIT_ASSERT(!rt.access().isAllowed(lea.id, acme.id, Permission::WorkspaceRead)); // not in the organization

	// An admin manages the members of a workspace it never joined.
	WorkspaceMember m = rt.workspaces().setWorkspaceMember(cy.id, "acme", b.id, "bob", "editor");
	CPPUNIT_ASSERT_EQUAL(std::string("editor"), m.role);
	CPPUNIT_ASSERT_EQUAL(std::string("Mine"), rt.workspaces().renameWorkspace(cy.id, "acme", b.id, "Mine").name);

	// The implied role is no membership: it does not appear among the members.
	Page<WorkspaceMember> members = rt.workspaces().listWorkspaceMembers(cy.id, "acme", a.id, PageRequest());
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), members.items.size());
	CPPUNIT_ASSERT_EQUAL(ada.id, members.items[0].accountId);

	// Demoted to member, the lead sees no workspace: the change reaches the cache at once.
	rt.memberships().changeRole(ada.id, "acme", "lea", "member");
	CPPUNIT_ASSERT(rt.workspaces().listWorkspaces(lea.id, "acme", PageRequest()).items.empty());
	CPPUNIT_ASSERT_EQUAL(std::string("workspace_not_found"),
	                     reasonOf<NotFoundException>([&] { rt.workspaces().getWorkspace(lea.id, "acme", a.id); }));
}


void WorkspaceServiceTest::testOnlyOrganizationMembersJoin()
{
	TestRuntime& rt = *_pRuntime;
	Account ada = rt.account("ada");
	Account bob = rt.account("bob");
	rt.account("olga");
	rt.organization(ada, "acme");
	rt.organization(bob, "globex");
	const Workspace w = rt.workspaces().createWorkspace(ada.id, "acme", "Research");
	CPPUNIT_ASSERT_EQUAL(std::string("not_a_member"), reasonOf<ConflictException>([&] {
		                     rt.workspaces().setWorkspaceMember(ada.id, "acme", w.id, "olga", "viewer");
	                     }));
	CPPUNIT_ASSERT_EQUAL(std::string("not_a_member"), reasonOf<ConflictException>([&] {
		                     rt.workspaces().setWorkspaceMember(ada.id, "acme", w.id, "bob",
		                                                        "viewer"); // a member elsewhere
	                     }));
	CPPUNIT_ASSERT_EQUAL(std::string("account_not_found"), reasonOf<NotFoundException>([&] {
		                     rt.workspaces().setWorkspaceMember(ada.id, "acme", w.id, "nobody", "viewer");
	                     }));
	CPPUNIT_ASSERT_EQUAL(std::size_t(1),
	                     rt.workspaces().listWorkspaceMembers(ada.id, "acme", w.id, PageRequest()).items.size());

	// The schema enforces it too: a workspace member row needs the membership.
	bool refused = false;
	try
	{
		Poco::Data::Session s = rt.runtime().database().session(); // with the plugin's settings (foreign keys on)
		const Id orgId = rt.organizations().getOrganization(ada.id, "acme").organization.id;
		s << "INSERT INTO workspace_members (workspace_id, organization_id, account_id, role, created_at) "
		     "VALUES (?, ?, ?, 'viewer', 1)",
		    bind(w.id), bind(orgId), bind(bob.id), now;
	}
	catch (Poco::Exception&)
	{
		refused = true;
	}
	CPPUNIT_ASSERT(refused);
}


void WorkspaceServiceTest::testMemberManagement()
{
	TestRuntime& rt = *_pRuntime;
	Account ada = rt.account("ada");
	Account bob = rt.account("bob");
	Account cy = rt.account("cy");
	Account dan = rt.account("dan");
	Organization acme = rt.organization(ada, "acme");
	for (const char* u : {"bob", "cy", "dan"})
		rt.memberships().addMember(ada.id, "acme", u, "member");
	const Workspace w = rt.workspaces().createWorkspace(ada.id, "acme", "Research");
	const WorkspaceId W{w.id};

	WorkspaceMember m = rt.workspaces().setWorkspaceMember(ada.id, "acme", w.id, "bob", "viewer");
	CPPUNIT_ASSERT_EQUAL(bob.id, m.accountId);
	CPPUNIT_ASSERT_EQUAL(std::string("bob"), m.username);
	CPPUNIT_ASSERT_EQUAL(std::string("Test bob"), m.name);
	CPPUNIT_ASSERT_EQUAL(std::string("viewer"), m.role);
	CPPUNIT_ASSERT(rt.access().isAllowed(bob.id, acme.id, W, Permission::WorkspaceRead));
	CPPUNIT_ASSERT(!rt.access().isAllowed(bob.id, acme.id, W, Permission::ResourcesCreate));

	// By id as well as by username.
	m = rt.workspaces().setWorkspaceMember(ada.id, "acme", w.id, std::to_string(bob.id), "editor");
	CPPUNIT_ASSERT_EQUAL(std::string("editor"), m.role);
	CPPUNIT_ASSERT(rt.access().isAllowed(bob.id, acme.id, W, Permission::ResourcesCreate));
	CPPUNIT_ASSERT_EQUAL(std::string("unknown_role"), reasonOf<InvalidInputException>([&] {
		                     rt.workspaces().setWorkspaceMember(ada.id, "acme", w.id, "bob", "emperor");
	                     }));
	CPPUNIT_ASSERT_EQUAL(std::string("unknown_role"), reasonOf<InvalidInputException>([&] {
		                     rt.workspaces().setWorkspaceMember(ada.id, "acme", w.id, "bob",
		                                                        "labeler"); // a dataset role
	                     }));

	// An editor does not manage members; a workspace admin does, in its workspace only.
	CPPUNIT_ASSERT_EQUAL(std::string("permission_denied"), reasonOf<ForbiddenException>([&] {
		                     rt.workspaces().setWorkspaceMember(bob.id, "acme", w.id, "cy", "viewer");
	                     }));
	rt.workspaces().setWorkspaceMember(ada.id, "acme", w.id, "cy", "admin");
	rt.workspaces().setWorkspaceMember(cy.id, "acme", w.id, "dan", "viewer");
	const Workspace other = rt.workspaces().createWorkspace(ada.id, "acme", "Other");
	CPPUNIT_ASSERT_EQUAL(std::string("workspace_not_found"), reasonOf<NotFoundException>([&] {
		                     rt.workspaces().setWorkspaceMember(cy.id, "acme", other.id, "dan", "viewer");
	                     }));

	Page<WorkspaceMember> members = rt.workspaces().listWorkspaceMembers(dan.id, "acme", w.id, PageRequest());
	std::set<std::string> roles;
	for (const auto& x : members.items)
		roles.insert(x.username + ":" + x.role);
	CPPUNIT_ASSERT(roles == names({"ada:admin", "bob:editor", "cy:admin", "dan:viewer"}));

	rt.workspaces().removeWorkspaceMember(cy.id, "acme", w.id, "dan");
	CPPUNIT_ASSERT(!rt.access().isAllowed(dan.id, acme.id, W, Permission::WorkspaceRead));
	CPPUNIT_ASSERT_EQUAL(std::string("workspace_member_not_found"), reasonOf<NotFoundException>([&] {
		                     rt.workspaces().removeWorkspaceMember(cy.id, "acme", w.id, "dan");
	                     }));
	CPPUNIT_ASSERT_EQUAL(std::string("workspace_not_found"), reasonOf<NotFoundException>([&] {
		                     rt.workspaces().listWorkspaceMembers(dan.id, "acme", w.id, PageRequest());
	                     }));
	// A member may remove itself only with workspace.members.manage.
	CPPUNIT_ASSERT_EQUAL(std::string("permission_denied"), reasonOf<ForbiddenException>([&] {
		                     rt.workspaces().removeWorkspaceMember(bob.id, "acme", w.id, "bob");
	                     }));
}


void WorkspaceServiceTest::testNobodyGrantsMoreThanTheyHold()
{
	// A workspace role above admin: only whoever holds its permissions may grant or touch it.
	_pRuntime.reset(new TestRuntime({
	    {"orgs.roles.workspace", "viewer, editor, admin, owner"},
	    {"orgs.roles.workspace.owner.permissions",
	     "workspace.read, workspace.update, workspace.delete, workspace.members.manage, resources.read, "
	     "resources.create, resources.delete"},
	    {"orgs.roles.workspace.creatorRole", "owner"},
	}));
	TestRuntime& rt = *_pRuntime;
	Account ada = rt.account("ada");
	Account cy = rt.account("cy");
	Account dan = rt.account("dan");
	rt.organization(ada, "acme");
	rt.memberships().addMember(ada.id, "acme", "cy", "member");
	rt.memberships().addMember(ada.id, "acme", "dan", "member");
	const Workspace w = rt.workspaces().createWorkspace(ada.id, "acme", "Research");
	rt.workspaces().setWorkspaceMember(ada.id, "acme", w.id, "cy", "admin");

	CPPUNIT_ASSERT_EQUAL(std::string("role_exceeds_own"), reasonOf<ForbiddenException>([&] {
		                     rt.workspaces().setWorkspaceMember(cy.id, "acme", w.id, "dan", "owner");
	                     }));
	rt.workspaces().setWorkspaceMember(cy.id, "acme", w.id, "dan", "admin");
	rt.workspaces().setWorkspaceMember(ada.id, "acme", w.id, "dan", "owner");
	CPPUNIT_ASSERT_EQUAL(std::string("role_exceeds_own"), reasonOf<ForbiddenException>([&] {
		                     rt.workspaces().setWorkspaceMember(cy.id, "acme", w.id, "dan",
		                                                        "viewer"); // dan holds more than cy
	                     }));
	CPPUNIT_ASSERT_EQUAL(std::string("role_exceeds_own"), reasonOf<ForbiddenException>([&] {
		                     rt.workspaces().removeWorkspaceMember(cy.id, "acme", w.id, "dan");
	                     }));
	// The workspace's own owner role deletes it; its admin does not.
	CPPUNIT_ASSERT_EQUAL(std::string("permission_denied"),
	                     reasonOf<ForbiddenException>([&] { rt.workspaces().deleteWorkspace(cy.id, "acme", w.id); }));
	rt.workspaces().deleteWorkspace(dan.id, "acme", w.id);
}


void WorkspaceServiceTest::testDeleteKeepsResources()
{
	TestRuntime& rt = *_pRuntime;
	Account ada = rt.account("ada");
	Account bob = rt.account("bob");
	Organization acme = rt.organization(ada, "acme");
	rt.memberships().addMember(ada.id, "acme", "bob", "member");
	const Workspace w = rt.workspaces().createWorkspace(ada.id, "acme", "Research");
	rt.workspaces().setWorkspaceMember(ada.id, "acme", w.id, "bob", "admin");
	ResourceSpec spec;
	spec.type = "dataset";
	spec.name = "cells";
	spec.workspace = std::to_string(w.id);
	const Resource r = rt.resources().createResource(bob.id, "acme", spec);
	CPPUNIT_ASSERT_EQUAL(w.id, r.workspaceId.value());

	// A workspace admin (shipped roles) may not delete it; the organization admin may.
	CPPUNIT_ASSERT_EQUAL(std::string("permission_denied"),
	                     reasonOf<ForbiddenException>([&] { rt.workspaces().deleteWorkspace(bob.id, "acme", w.id); }));
	rt.workspaces().deleteWorkspace(ada.id, "acme", w.id);
	CPPUNIT_ASSERT_EQUAL(std::string("workspace_not_found"),
	                     reasonOf<NotFoundException>([&] { rt.workspaces().getWorkspace(ada.id, "acme", w.id); }));
	CPPUNIT_ASSERT_EQUAL(std::string("workspace_not_found"),
	                     reasonOf<NotFoundException>([&] { rt.workspaces().deleteWorkspace(ada.id, "acme", w.id); }));
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(0),
	                     rt.scalar("SELECT COUNT(*) FROM workspace_members WHERE workspace_id = ?", w.id));

	// The resource stays, outside any workspace, with its collaborators.
	const Resource kept = rt.resources().getResource(bob.id, "acme", r.id);
	CPPUNIT_ASSERT(kept.workspaceId.isNull());
	CPPUNIT_ASSERT_EQUAL(bob.id, kept.createdBy);
	CPPUNIT_ASSERT(rt.access().isAllowed(bob.id, acme.id, ResourceId{r.id}, Permission::ResourceManage));
}


void WorkspaceServiceTest::testRemovingMemberRemovesWorkspaceMemberships()
{
	TestRuntime& rt = *_pRuntime;
	Account ada = rt.account("ada");
	Account bob = rt.account("bob");
	Organization acme = rt.organization(ada, "acme");
	rt.memberships().addMember(ada.id, "acme", "bob", "member");
	const Workspace a = rt.workspaces().createWorkspace(ada.id, "acme", "A");
	const Workspace b = rt.workspaces().createWorkspace(ada.id, "acme", "B");
	rt.workspaces().setWorkspaceMember(ada.id, "acme", a.id, "bob", "admin");
	rt.workspaces().setWorkspaceMember(ada.id, "acme", b.id, "bob", "viewer");
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(2),
	                     rt.scalar("SELECT COUNT(*) FROM workspace_members WHERE account_id = ?", bob.id));

	rt.memberships().removeMember(ada.id, "acme", "bob");
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(0),
	                     rt.scalar("SELECT COUNT(*) FROM workspace_members WHERE account_id = ?", bob.id));
	CPPUNIT_ASSERT(!rt.access().isAllowed(bob.id, acme.id, WorkspaceId{a.id}, Permission::WorkspaceRead));
	CPPUNIT_ASSERT_EQUAL(std::string("organization_not_found"),
	                     reasonOf<NotFoundException>([&] { rt.workspaces().getWorkspace(bob.id, "acme", a.id); }));
	// Back in the organization, the account starts over: no workspace remembers it.
	rt.memberships().addMember(ada.id, "acme", "bob", "member");
	CPPUNIT_ASSERT(rt.workspaces().listWorkspaces(bob.id, "acme", PageRequest()).items.empty());
	CPPUNIT_ASSERT_EQUAL(std::size_t(1),
	                     rt.workspaces().listWorkspaceMembers(ada.id, "acme", a.id, PageRequest()).items.size());
}


void WorkspaceServiceTest::testNotFoundVersusForbidden()
{
	TestRuntime& rt = *_pRuntime;
	Account ada = rt.account("ada");
	Account bob = rt.account("bob");
	Account nina = rt.account("nina");
	Account olga = rt.account("olga");
	rt.organization(ada, "acme");
	rt.organization(olga, "globex");
	rt.memberships().addMember(ada.id, "acme", "bob", "member");
	const Workspace w = rt.workspaces().createWorkspace(ada.id, "acme", "Research");
	const Workspace foreign = rt.workspaces().createWorkspace(olga.id, "globex", "Theirs");
	rt.workspaces().setWorkspaceMember(ada.id, "acme", w.id, "bob", "viewer");

	// A non-member: the organization does not exist, whatever it asks.
	for (const auto& call : std::vector<std::function<void()>>{
	         [&] { rt.workspaces().createWorkspace(nina.id, "acme", "X"); },
	         [&] { rt.workspaces().listWorkspaces(nina.id, "acme", PageRequest()); },
	         [&] { rt.workspaces().getWorkspace(nina.id, "acme", w.id); },
	         [&] { rt.workspaces().getWorkspace(nina.id, "acme", 987654); },
	         [&] { rt.workspaces().renameWorkspace(nina.id, "acme", w.id, "X"); },
	         [&] { rt.workspaces().deleteWorkspace(nina.id, "acme", w.id); },
	         [&] { rt.workspaces().listWorkspaceMembers(nina.id, "acme", w.id, PageRequest()); },
	         [&] { rt.workspaces().setWorkspaceMember(nina.id, "acme", w.id, "bob", "viewer"); },
	         [&] { rt.workspaces().removeWorkspaceMember(nina.id, "acme", w.id, "bob"); },
	     })
		CPPUNIT_ASSERT_EQUAL(std::string("organization_not_found"), reasonOf<NotFoundException>(call));

	// A member who sees the workspace but lacks the permission: 403.
	CPPUNIT_ASSERT_EQUAL(std::string("permission_denied"), reasonOf<ForbiddenException>([&] {
		                     rt.workspaces().renameWorkspace(bob.id, "acme", w.id, "X");
	                     }));
	CPPUNIT_ASSERT_EQUAL(std::string("permission_denied"),
	                     reasonOf<ForbiddenException>([&] { rt.workspaces().deleteWorkspace(bob.id, "acme", w.id); }));
	CPPUNIT_ASSERT_EQUAL(std::string("permission_denied"),
	                     reasonOf<ForbiddenException>([&] { rt.workspaces().createWorkspace(bob.id, "acme", "X"); }));
	// A workspace of another organization, or none: 404, even for the owner.
	CPPUNIT_ASSERT_EQUAL(std::string("workspace_not_found"), reasonOf<NotFoundException>([&] {
		                     rt.workspaces().getWorkspace(ada.id, "acme", foreign.id);
	                     }));
	CPPUNIT_ASSERT_EQUAL(std::string("workspace_not_found"), reasonOf<NotFoundException>([&] {
		                     rt.workspaces().deleteWorkspace(ada.id, "acme", foreign.id);
	                     }));
	CPPUNIT_ASSERT_EQUAL(std::string("workspace_not_found"), reasonOf<NotFoundException>([&] {
		                     rt.workspaces().setWorkspaceMember(ada.id, "acme", 987654, "bob", "viewer");
	                     }));
	CPPUNIT_ASSERT_EQUAL(std::string("Theirs"), rt.workspaces().getWorkspace(olga.id, "globex", foreign.id).name);
}


void WorkspaceServiceTest::testEveryAccessChangeBumpsAclVersion()
{
	TestRuntime& rt = *_pRuntime;
	Account ada = rt.account("ada");
	rt.account("bob");
	Organization acme = rt.organization(ada, "acme");
	rt.memberships().addMember(ada.id, "acme", "bob", "member");
	Poco::Int64 v = rt.aclVersion(acme.id);
	auto bumped = [&]() {
		const Poco::Int64 next = rt.aclVersion(acme.id);
		const bool changed = next > v;
		v = next;
		return changed;
	};
	const Workspace w = rt.workspaces().createWorkspace(ada.id, "acme", "Research");
	CPPUNIT_ASSERT(bumped());
	rt.workspaces().setWorkspaceMember(ada.id, "acme", w.id, "bob", "viewer");
	CPPUNIT_ASSERT(bumped());
	rt.workspaces().setWorkspaceMember(ada.id, "acme", w.id, "bob", "editor");
	CPPUNIT_ASSERT(bumped());
	rt.workspaces().setWorkspaceMember(ada.id, "acme", w.id, "bob", "editor"); // no change
	CPPUNIT_ASSERT(!bumped());
	rt.workspaces().renameWorkspace(ada.id, "acme", w.id, "Renamed");
	CPPUNIT_ASSERT(!bumped());
	rt.workspaces().removeWorkspaceMember(ada.id, "acme", w.id, "bob");
	CPPUNIT_ASSERT(bumped());
	rt.workspaces().deleteWorkspace(ada.id, "acme", w.id);
	CPPUNIT_ASSERT(bumped());
	// A refused change leaves the version alone.
	CPPUNIT_ASSERT_EQUAL(std::string("workspace_not_found"),
	                     reasonOf<NotFoundException>([&] { rt.workspaces().deleteWorkspace(ada.id, "acme", w.id); }));
	CPPUNIT_ASSERT(!bumped());
}


void WorkspaceServiceTest::testListsAreKeysetPaginated()
{
	TestRuntime& rt = *_pRuntime;
	Account ada = rt.account("ada");
	rt.organization(ada, "acme");
	std::set<Id> expected;
	for (int i = 0; i < 7; ++i)
	{
		expected.insert(rt.workspaces().createWorkspace(ada.id, "acme", "W" + std::to_string(i)).id);
		rt.memberships().addMember(ada.id, "acme", rt.account("m" + std::to_string(i) + "x").username, "member");
	}
	PageRequest page;
	page.limit = 3;
	std::set<Id> seen;
	int pages = 0;
	Id last = 0;
	do
	{
		Page<Workspace> p = rt.workspaces().listWorkspaces(ada.id, "acme", page);
		CPPUNIT_ASSERT(p.items.size() <= 3);
		for (const auto& w : p.items)
		{
			CPPUNIT_ASSERT(w.id > last);
			last = w.id;
			CPPUNIT_ASSERT(seen.insert(w.id).second);
		}
		page.cursor = p.nextCursor;
		++pages;
	} while (!page.cursor.empty());
	CPPUNIT_ASSERT(seen == expected);
	CPPUNIT_ASSERT_EQUAL(3, pages);

	// Members of a workspace, by account id.
	const Id w = *expected.begin();
	for (int i = 0; i < 7; ++i)
		rt.workspaces().setWorkspaceMember(ada.id, "acme", w, "m" + std::to_string(i) + "x", "viewer");
	page.cursor.clear();
	std::set<Id> members;
	do
	{
		Page<WorkspaceMember> p = rt.workspaces().listWorkspaceMembers(ada.id, "acme", w, page);
		for (const auto& m : p.items)
			CPPUNIT_ASSERT(members.insert(m.accountId).second);
		page.cursor = p.nextCursor;
	} while (!page.cursor.empty());
	CPPUNIT_ASSERT_EQUAL(std::size_t(8), members.size());

	page.cursor = "garbage";
	CPPUNIT_ASSERT_EQUAL(std::string("invalid_cursor"), reasonOf<InvalidInputException>([&] {
		                     rt.workspaces().listWorkspaces(ada.id, "acme", page);
	                     }));
	page.cursor.clear();
	page.limit = 0;
	CPPUNIT_ASSERT_EQUAL(std::string("invalid_limit"), reasonOf<InvalidInputException>([&] {
		                     rt.workspaces().listWorkspaceMembers(ada.id, "acme", w, page);
	                     }));
}


namespace {


TestRuntime::Settings withRecruiter(TestRuntime::Settings settings = TestRuntime::Settings())
	/// The shipped roles plus a recruiter, who adds members and holds nothing in workspaces.
{
	settings["orgs.roles.organization"] = "member, recruiter, admin";
	settings["orgs.roles.organization.recruiter.permissions"] = "org.read, members.read, members.add, workspaces.read";
	return settings;
}


TestRuntime::Settings required()
	/// orgs.workspaces.membershipRequired with a default workspace, on the shipped roles.
{
	return withRecruiter({{"orgs.workspaces.default", "My Team"}, {"orgs.workspaces.membershipRequired", "true"}});
}


std::vector<Id> workspacesOf(TestRuntime& rt, Id actorId, const std::string& org, Id accountId)
	/// The ids of the workspaces of org that accountId belongs to, as actorId lists them.
{
	std::vector<Id> result;
	for (const auto& w : rt.workspaces().listWorkspaces(actorId, org, PageRequest()).items)
	{
		for (const auto& m : rt.workspaces().listWorkspaceMembers(actorId, org, w.id, PageRequest()).items)
		{
			if (m.accountId == accountId)
				result.push_back(w.id);
		}
	}
	return result;
}


std::string roleIn(TestRuntime& rt, Id actorId, const std::string& org, Id workspaceId, Id accountId)
{
	for (const auto& m : rt.workspaces().listWorkspaceMembers(actorId, org, workspaceId, PageRequest()).items)
	{
		if (m.accountId == accountId)
			return m.role;
	}
	return std::string();
}


MemberSpec memberIn(const std::string& account, std::initializer_list<InvitationWorkspace> workspaces,
                    const std::string& role = std::string())
{
	MemberSpec spec;
	spec.account = account;
	spec.role = role;
	spec.workspaces = workspaces;
	return spec;
}


} // namespace


void WorkspaceServiceTest::testMembersJoinWorkspacesWhenAdded()
{
	// In every configuration a member added directly may join workspaces, checked as an
	// invitation's; without the switch, naming none joins none.
	_pRuntime.reset(new TestRuntime(withRecruiter()));
	TestRuntime& rt = *_pRuntime;
	Account ada = rt.account("ada");
	Account bob = rt.account("bob");
	Account cy = rt.account("cy");
	Account dan = rt.account("dan");
	rt.organization(ada, "acme");
	const Workspace research = rt.workspaces().createWorkspace(ada.id, "acme", "Research");
	const Workspace ops = rt.workspaces().createWorkspace(ada.id, "acme", "Ops");
	rt.memberships().addMember(ada.id, "acme", memberIn("bob", {{research.id, "editor"}, {ops.id, ""}}));
	CPPUNIT_ASSERT_EQUAL(std::string("editor"), roleIn(rt, ada.id, "acme", research.id, bob.id));
	CPPUNIT_ASSERT_EQUAL(std::string("viewer"), roleIn(rt, ada.id, "acme", ops.id, bob.id)); // the default role
	rt.memberships().addMember(ada.id, "acme", "cy", "member");
	CPPUNIT_ASSERT(workspacesOf(rt, ada.id, "acme", cy.id).empty());

	// Refused as an invitation's would be, and nothing is added.
	CPPUNIT_ASSERT_EQUAL(
	    std::string("duplicate_workspace"), reasonOf<InvalidInputException>([&] {
		    rt.memberships().addMember(ada.id, "acme", memberIn("dan", {{ops.id, ""}, {ops.id, "admin"}}));
	    }));
	CPPUNIT_ASSERT_EQUAL(std::string("unknown_role"), reasonOf<InvalidInputException>([&] {
		                     rt.memberships().addMember(ada.id, "acme", memberIn("dan", {{ops.id, "emperor"}}));
	                     }));
	CPPUNIT_ASSERT_EQUAL(std::string("workspace_not_found"), reasonOf<NotFoundException>([&] {
		                     rt.memberships().addMember(ada.id, "acme", memberIn("dan", {{ops.id + 100, ""}}));
	                     }));
	// Who adds members but manages no members of a workspace puts nobody in it.
	rt.memberships().changeRole(ada.id, "acme", "cy", "recruiter");
	rt.workspaces().setWorkspaceMember(ada.id, "acme", ops.id, "cy", "viewer");
	CPPUNIT_ASSERT_EQUAL(std::string("permission_denied"), reasonOf<ForbiddenException>([&] {
		                     rt.memberships().addMember(cy.id, "acme", memberIn("dan", {{ops.id, ""}}));
	                     }));
	rt.memberships().addMember(cy.id, "acme", "dan", "member");
	CPPUNIT_ASSERT(workspacesOf(rt, ada.id, "acme", dan.id).empty());
	rt.memberships().removeMember(ada.id, "acme", "dan");
	CPPUNIT_ASSERT_EQUAL(std::string("membership_not_found"),
	                     reasonOf<NotFoundException>([&] { rt.memberships().getMember(ada.id, "acme", "dan"); }));
	// Without the switch, the last workspace can be left and deleted.
	rt.workspaces().removeWorkspaceMember(ada.id, "acme", ops.id, "bob");
	rt.workspaces().deleteWorkspace(ada.id, "acme", research.id);
	CPPUNIT_ASSERT(workspacesOf(rt, ada.id, "acme", bob.id).empty());
}


void WorkspaceServiceTest::testMembershipRequiredPlacesNewMembers()
{
	_pRuntime.reset(new TestRuntime(required()));
	TestRuntime& rt = *_pRuntime;
	Account ada = rt.account("ada");
	Account bob = rt.account("bob");
	Account cy = rt.account("cy");
	Account dan = rt.account("dan");
	Organization acme = rt.organization(ada, "acme");
	const Workspace team = rt.workspaces().listWorkspaces(ada.id, "acme", PageRequest()).items.at(0);
	CPPUNIT_ASSERT_EQUAL(std::string("My Team"), team.name);

	// Added without workspaces: the default workspace, with the workspace scope's default role,
	// in the same transaction, audited.
	rt.memberships().addMember(ada.id, "acme", "bob", "member");
	CPPUNIT_ASSERT(workspacesOf(rt, ada.id, "acme", bob.id) == std::vector<Id>{team.id});
	CPPUNIT_ASSERT_EQUAL(std::string("viewer"), roleIn(rt, ada.id, "acme", team.id, bob.id));
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), rt.scalar("SELECT COUNT(*) FROM audit_events WHERE action = "
	                                               "'workspace_member.set' AND target_id = ?",
	                                               bob.id));

	// Naming workspaces: those only.
	const Workspace ops = rt.workspaces().createWorkspace(ada.id, "acme", "Ops");
	rt.memberships().addMember(ada.id, "acme", memberIn("cy", {{ops.id, "editor"}}));
	CPPUNIT_ASSERT(workspacesOf(rt, ada.id, "acme", cy.id) == std::vector<Id>{ops.id});

	// The default workspace is the one created with the organization, renamed or not.
	rt.workspaces().renameWorkspace(ada.id, "acme", team.id, "Everyone");
	rt.memberships().addMember(ada.id, "acme", "dan", "member");
	CPPUNIT_ASSERT(workspacesOf(rt, ada.id, "acme", dan.id) == std::vector<Id>{team.id});

	// Placing someone in the default workspace grants its default role: an actor who could not
	// name it (a recruiter, a viewer there) cannot place them there either.
	rt.memberships().changeRole(ada.id, "acme", "bob", "recruiter");
	Account eve = rt.account("eve");
	CPPUNIT_ASSERT_EQUAL(std::string("permission_denied"), reasonOf<ForbiddenException>([&] {
		                     rt.memberships().addMember(bob.id, "acme", "eve", "member");
	                     }));
	CPPUNIT_ASSERT_EQUAL(std::string("membership_not_found"),
	                     reasonOf<NotFoundException>([&] { rt.memberships().getMember(ada.id, "acme", "eve"); }));
	rt.workspaces().setWorkspaceMember(ada.id, "acme", team.id, "bob", "admin");
	rt.memberships().addMember(bob.id, "acme", "eve", "member");
	CPPUNIT_ASSERT(workspacesOf(rt, ada.id, "acme", eve.id) == std::vector<Id>{team.id});
	CPPUNIT_ASSERT(rt.access().isAllowed(eve.id, acme.id, WorkspaceId{team.id}, Permission::WorkspaceRead));
}


void WorkspaceServiceTest::testMembershipRequiredKeepsTheLastWorkspace()
{
	_pRuntime.reset(new TestRuntime(required()));
	TestRuntime& rt = *_pRuntime;
	Account ada = rt.account("ada");
	Account bob = rt.account("bob");
	Account cy = rt.account("cy");
	rt.organization(ada, "acme");
	const Workspace team = rt.workspaces().listWorkspaces(ada.id, "acme", PageRequest()).items.at(0);
	rt.memberships().addMember(ada.id, "acme", "bob", "member");
	rt.memberships().addMember(ada.id, "acme", "cy", "member");

	// Removing someone from their last workspace is refused; from one of two, allowed.
	CPPUNIT_ASSERT_EQUAL(std::string("last_workspace"), reasonOf<ConflictException>([&] {
		                     rt.workspaces().removeWorkspaceMember(ada.id, "acme", team.id, "bob");
	                     }));
	CPPUNIT_ASSERT(workspacesOf(rt, ada.id, "acme", bob.id) == std::vector<Id>{team.id});
	const Workspace ops = rt.workspaces().createWorkspace(ada.id, "acme", "Ops");
	rt.workspaces().setWorkspaceMember(ada.id, "acme", ops.id, "bob", "viewer");
	rt.workspaces().removeWorkspaceMember(ada.id, "acme", team.id, "bob");
	CPPUNIT_ASSERT(workspacesOf(rt, ada.id, "acme", bob.id) == std::vector<Id>{ops.id});

	// Deleting a workspace that is someone's last is refused, naming them; the owner is a member
	// like any other (ada is in both).
	std::string message;
	try
	{
		rt.workspaces().deleteWorkspace(ada.id, "acme", ops.id);
	}
	catch (ConflictException& exc)
	{
		CPPUNIT_ASSERT_EQUAL(std::string("last_workspace"), exc.reason());
		message = exc.message();
	}
	CPPUNIT_ASSERT_MESSAGE(message, message.find("'bob'") != std::string::npos);
	CPPUNIT_ASSERT_MESSAGE(message, message.find("'ada'") == std::string::npos);
	CPPUNIT_ASSERT_EQUAL(std::string("last_workspace"), reasonOf<ConflictException>([&] {
		                     rt.workspaces().deleteWorkspace(ada.id, "acme", team.id); // cy's last
	                     }));
	rt.workspaces().setWorkspaceMember(ada.id, "acme", ops.id, "cy", "viewer");
	rt.workspaces().deleteWorkspace(ada.id, "acme", team.id);
	// The default workspace is now the oldest left: members added join it.
	Account dan = rt.account("dan");
	rt.memberships().addMember(ada.id, "acme", "dan", "member");
	CPPUNIT_ASSERT(workspacesOf(rt, ada.id, "acme", dan.id) == std::vector<Id>{ops.id});

	// Leaving the organization, or being removed from it, stays possible.
	rt.memberships().removeMember(ada.id, "acme", "bob");
	rt.memberships().leave(cy.id, "acme");
	CPPUNIT_ASSERT(workspacesOf(rt, ada.id, "acme", bob.id).empty());
}


void WorkspaceServiceTest::testMembershipRequiredNeedsADefaultWorkspace()
{
	// Without a default workspace a new organization, and its creator, would have none.
	std::string message;
	try
	{
		TestRuntime bad(TestRuntime::Settings{{"orgs.workspaces.membershipRequired", "true"}});
	}
	catch (Poco::DataFormatException& exc)
	{
		message = exc.message();
	}
	CPPUNIT_ASSERT_MESSAGE(message, message.find("orgs.workspaces.membershipRequired") != std::string::npos);
	CPPUNIT_ASSERT_MESSAGE(message, message.find("orgs.workspaces.default") != std::string::npos);
	message.clear();
	try
	{
		TestRuntime bad(TestRuntime::Settings{{"orgs.workspaces.membershipRequired", "yes please"}});
	}
	catch (Poco::Exception& exc)
	{
		message = exc.message();
	}
	CPPUNIT_ASSERT_MESSAGE(message, message.find("orgs.workspaces.membershipRequired") != std::string::npos);
}
