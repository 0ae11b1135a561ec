//
// CustomRoleTest.cpp
//
// Library: OrgsTests
// Package: Service
// Module:  CustomRoleTest
//


#include "CustomRoleTest.h"
#include "support/Suites.h"
#include <functional>
#include "Orgs/Errors.h"
#include "Orgs/InvitationService.h"
#include "support/Expect.h"
#include <algorithm>


using namespace Orgs;
using Orgs::Test::reasonOf;
using Orgs::Test::TestRuntime;


ORGS_TEST_SUITE(CustomRoleTest, "CustomRole", DATABASE);


namespace {


CustomRoleSpec spec(const std::string& scope, const std::string& name, std::vector<std::string> permissions)
{
	CustomRoleSpec s;
	s.scope = scope;
	s.name = name;
	s.permissions = std::move(permissions);
	return s;
}


void enterprise(TestRuntime& rt, Id ownerId, const std::string& org)
{
	OrganizationChanges c;
	c.plan = std::string("enterprise");
	rt.organizations().updateOrganization(ownerId, org, c);
}


const CustomRole* findRole(const std::vector<CustomRole>& roles, const std::string& scope, const std::string& name)
{
	for (const auto& r : roles)
	{
		if (r.scope == scope && r.name == name)
			return &r;
	}
	return nullptr;
}


} // namespace


void CustomRoleTest::setUp()
{
	// Only the enterprise plan allows custom roles; free (the default) does not.
	_pRuntime.reset(new TestRuntime(TestRuntime::Settings{{"orgs.plans.enterprise.customRoles", "true"},
	                                                      {"orgs.invitations.exposeToken", "true"}}));
}


void CustomRoleTest::tearDown()
{
	_pRuntime.reset();
}


void CustomRoleTest::testPlanGate()
{
	TestRuntime& rt = *_pRuntime;
	Account ada = rt.account("ada");
	rt.organization(ada, "acme");
	CPPUNIT_ASSERT_EQUAL(std::string("plan_limit"), reasonOf<ForbiddenException>([&] {
		                     rt.customRoles().createRole(ada.id, "acme",
		                                                 spec("workspace", "auditor", {"workspace.read"}));
	                     }));
	enterprise(rt, ada.id, "acme");
	CustomRole r = rt.customRoles().createRole(ada.id, "acme", spec("workspace", "auditor", {"workspace.read"}));
	CPPUNIT_ASSERT(r.custom);
	CPPUNIT_ASSERT(r.id > 0);
	CPPUNIT_ASSERT_EQUAL(ada.id, r.createdBy);

	// Back on a plan without custom roles: existing ones stay usable and deletable, not changeable.
	OrganizationChanges c;
	c.plan = std::string("free");
	rt.organizations().updateOrganization(ada.id, "acme", c);
	CustomRoleChanges change;
	change.description = std::string("x");
	CPPUNIT_ASSERT_EQUAL(std::string("plan_limit"), reasonOf<ForbiddenException>([&] {
		                     rt.customRoles().updateRole(ada.id, "acme", "workspace", "auditor", change);
	                     }));
	CPPUNIT_ASSERT(findRole(rt.customRoles().listRoles(ada.id, "acme"), "workspace", "auditor"));
	rt.customRoles().deleteRole(ada.id, "acme", "workspace", "auditor");
	CPPUNIT_ASSERT(!findRole(rt.customRoles().listRoles(ada.id, "acme"), "workspace", "auditor"));
}


void CustomRoleTest::testValidation()
{
	TestRuntime& rt = *_pRuntime;
	Account ada = rt.account("ada");
	Account bob = rt.account("bob");
	Account eve = rt.account("eve");
	Organization acme = rt.organization(ada, "acme");
	enterprise(rt, ada.id, "acme");
	rt.memberships().addMember(ada.id, "acme", "bob", "member");
	RoleService& roles = rt.customRoles();

	auto invalid = [&](const CustomRoleSpec& s) {
		return reasonOf<InvalidInputException>([&] { roles.createRole(ada.id, "acme", s); });
	};
	CPPUNIT_ASSERT_EQUAL(std::string("invalid_role_name"), invalid(spec("workspace", "Auditor", {"workspace.read"})));
	CPPUNIT_ASSERT_EQUAL(std::string("invalid_role_name"), invalid(spec("workspace", "9lives", {"workspace.read"})));
	CPPUNIT_ASSERT_EQUAL(std::string("invalid_role_name"), invalid(spec("workspace", "a b", {"workspace.read"})));
	CPPUNIT_ASSERT_EQUAL(std::string("invalid_role_name"),
	                     invalid(spec("workspace", std::string(65, 'a'), {"workspace.read"})));
	CPPUNIT_ASSERT_EQUAL(std::string("invalid_scope"), invalid(spec("organization", "boss", {"org.read"})));
	CPPUNIT_ASSERT_EQUAL(std::string("invalid_scope"), invalid(spec("project", "x", {"resource.read"})));
	CPPUNIT_ASSERT_EQUAL(std::string("unknown_permission"), invalid(spec("workspace", "x", {"workspace.fly"})));
	CPPUNIT_ASSERT_EQUAL(std::string("missing_permissions"), invalid(spec("workspace", "x", {})));
	// Organization-level permissions mean nothing in a workspace or resource role.
	for (const char* p : {"members.add", "org.update", "roles.manage", "workspaces.list_all", "audit.read"})
		CPPUNIT_ASSERT_EQUAL(std::string("permission_not_in_scope"), invalid(spec("workspace", "x", {p})));
	CPPUNIT_ASSERT_EQUAL(std::string("permission_not_in_scope"), invalid(spec("dataset", "x", {"workspace.update"})));
	CPPUNIT_ASSERT_EQUAL(std::string("permission_not_in_scope"), invalid(spec("dataset", "x", {"resources.create"})));
	CustomRoleSpec longDescription = spec("workspace", "x", {"workspace.read"});
	longDescription.description = std::string(501, 'd');
	CPPUNIT_ASSERT_EQUAL(std::string("invalid_name"), invalid(longDescription));

	// Who: the owner or roles.manage; a member without it 403, a non-member 404.
	CPPUNIT_ASSERT_EQUAL(std::string("permission_denied"), reasonOf<ForbiddenException>([&] {
		                     roles.createRole(bob.id, "acme", spec("workspace", "x", {"workspace.read"}));
	                     }));
	CPPUNIT_ASSERT_EQUAL(std::string("organization_not_found"), reasonOf<NotFoundException>([&] {
		                     roles.createRole(eve.id, "acme", spec("workspace", "x", {"workspace.read"}));
	                     }));
	CPPUNIT_ASSERT_EQUAL(std::string("organization_not_found"),
	                     reasonOf<NotFoundException>([&] { roles.listRoles(eve.id, "acme"); }));
	CPPUNIT_ASSERT(!roles.listRoles(bob.id, "acme").empty()); // any member lists them

	CustomRoleSpec good = spec("dataset", "qa", {"resource.review", "resource.read", "resource.read"});
	good.description = "  Quality assurance  ";
	CustomRole r = roles.createRole(ada.id, "acme", good);
	CPPUNIT_ASSERT_EQUAL(std::string("Quality assurance"), r.description);
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), r.permissions.size()); // vocabulary order, no duplicates
	CPPUNIT_ASSERT_EQUAL(std::string("resource.read"), r.permissions[0]);

	// Updates follow the same rules.
	CustomRoleChanges bad;
	bad.permissions = std::vector<std::string>{"members.remove"};
	CPPUNIT_ASSERT_EQUAL(std::string("permission_not_in_scope"), reasonOf<InvalidInputException>([&] {
		                     roles.updateRole(ada.id, "acme", "dataset", "qa", bad);
	                     }));
	CustomRoleChanges ok;
	ok.permissions = std::vector<std::string>{"resource.read", "resource.label"};
	CPPUNIT_ASSERT_EQUAL(std::string("role_not_found"),
	                     reasonOf<NotFoundException>([&] { roles.updateRole(ada.id, "acme", "workspace", "qa", ok); }));
	CPPUNIT_ASSERT_EQUAL(std::string("resource.label"),
	                     roles.updateRole(ada.id, "acme", "dataset", "qa", ok).permissions[1]);
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), rt.scalar("SELECT COUNT(*) FROM audit_events WHERE organization_id = ? "
	                                               "AND action = 'roles.created'",
	                                               acme.id));
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), rt.scalar("SELECT COUNT(*) FROM audit_events WHERE organization_id = ? "
	                                               "AND action = 'roles.updated'",
	                                               acme.id));
}


void CustomRoleTest::testEditorCannotAddWhatItDoesNotHold()
{
	_pRuntime.reset(new TestRuntime(TestRuntime::Settings{
	    {"orgs.plans.enterprise.customRoles", "true"},
	    {"orgs.roles.organization", "member, keeper, admin"},
	    {"orgs.roles.organization.keeper.permissions", "org.read, members.read, workspaces.read, roles.manage"},
	    {"orgs.roles.organization.keeper.impliesWorkspaceRole", "viewer"}}));
	TestRuntime& rt = *_pRuntime;
	Account ada = rt.account("ada");
	Account kim = rt.account("kim");
	rt.organization(ada, "acme");
	enterprise(rt, ada.id, "acme");
	rt.memberships().addMember(ada.id, "acme", "kim", "keeper");
	RoleService& roles = rt.customRoles();

	// Within what kim holds everywhere: the implied viewer role's workspace.read, resources.read.
	roles.createRole(kim.id, "acme", spec("workspace", "reader", {"workspace.read", "resources.read"}));
	auto exceeds = [&](const std::function<void()>& fn) { return reasonOf<ForbiddenException>(fn); };
	CPPUNIT_ASSERT_EQUAL(std::string("role_exceeds_own"), exceeds([&] {
		                     roles.createRole(kim.id, "acme", spec("workspace", "boss", {"workspace.members.manage"}));
	                     }));
	CPPUNIT_ASSERT_EQUAL(std::string("role_exceeds_own"),
	                     exceeds([&] { roles.createRole(kim.id, "acme", spec("dataset", "qa", {"resource.read"})); }));
	CustomRoleChanges raise;
	raise.permissions = std::vector<std::string>{"workspace.read", "resources.read", "resources.delete"};
	CPPUNIT_ASSERT_EQUAL(std::string("role_exceeds_own"),
	                     exceeds([&] { roles.updateRole(kim.id, "acme", "workspace", "reader", raise); }));
	CPPUNIT_ASSERT(findRole(roles.listRoles(kim.id, "acme"), "workspace", "reader")->permissions.size() == 2);

	// The owner may; then kim may still remove, and keep what the role had beyond its own.
	roles.updateRole(ada.id, "acme", "workspace", "reader", raise);
	CustomRoleChanges lower;
	lower.permissions = std::vector<std::string>{"resources.read", "resources.delete"};
	CPPUNIT_ASSERT_EQUAL(std::size_t(2),
	                     roles.updateRole(kim.id, "acme", "workspace", "reader", lower).permissions.size());
	CustomRoleChanges describe;
	describe.description = std::string("Reads and cleans up");
	roles.updateRole(kim.id, "acme", "workspace", "reader", describe);
}


void CustomRoleTest::testConfigurationRolesCannotBeShadowed()
{
	TestRuntime& rt = *_pRuntime;
	Account ada = rt.account("ada");
	rt.organization(ada, "acme");
	rt.organization(ada, "globex");
	enterprise(rt, ada.id, "acme");
	enterprise(rt, ada.id, "globex");
	RoleService& roles = rt.customRoles();

	CPPUNIT_ASSERT_EQUAL(std::string("role_exists"), reasonOf<ConflictException>([&] {
		                     roles.createRole(ada.id, "acme", spec("workspace", "admin", {"workspace.read"}));
	                     }));
	CPPUNIT_ASSERT_EQUAL(std::string("role_exists"), reasonOf<ConflictException>([&] {
		                     roles.createRole(ada.id, "acme", spec("dataset", "labeler", {"resource.read"}));
	                     }));
	CustomRoleChanges c;
	c.description = std::string("mine");
	CPPUNIT_ASSERT_EQUAL(std::string("role_not_custom"), reasonOf<ConflictException>([&] {
		                     roles.updateRole(ada.id, "acme", "workspace", "viewer", c);
	                     }));
	CPPUNIT_ASSERT_EQUAL(std::string("role_not_custom"),
	                     reasonOf<ConflictException>([&] { roles.deleteRole(ada.id, "acme", "workspace", "viewer"); }));

	roles.createRole(ada.id, "acme", spec("workspace", "auditor", {"workspace.read"}));
	CPPUNIT_ASSERT_EQUAL(std::string("role_exists"), reasonOf<ConflictException>([&] {
		                     roles.createRole(ada.id, "acme", spec("workspace", "auditor", {"workspace.read"}));
	                     }));
	// The same name in another scope or another organization is another role.
	roles.createRole(ada.id, "acme", spec("dataset", "auditor", {"resource.read"}));
	roles.createRole(ada.id, "globex", spec("workspace", "auditor", {"workspace.read", "workspace.update"}));

	const std::vector<CustomRole> list = roles.listRoles(ada.id, "acme");
	const CustomRole* pViewer = findRole(list, "workspace", "viewer");
	CPPUNIT_ASSERT(pViewer && !pViewer->custom);
	CPPUNIT_ASSERT(findRole(list, "dataset", "labeler") && !findRole(list, "dataset", "labeler")->custom);
	CPPUNIT_ASSERT(!findRole(list, "organization", "admin")); // organization roles are not listed
	const CustomRole* pAuditor = findRole(list, "workspace", "auditor");
	CPPUNIT_ASSERT(pAuditor && pAuditor->custom);
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), pAuditor->permissions.size()); // acme's, not globex's
}


void CustomRoleTest::testRoleInUseCannotBeDeleted()
{
	TestRuntime& rt = *_pRuntime;
	Account ada = rt.account("ada");
	Account bob = rt.account("bob");
	rt.organization(ada, "acme");
	enterprise(rt, ada.id, "acme");
	rt.memberships().addMember(ada.id, "acme", "bob", "member");
	RoleService& roles = rt.customRoles();
	roles.createRole(ada.id, "acme", spec("workspace", "auditor", {"workspace.read"}));
	roles.createRole(ada.id, "acme", spec("dataset", "qa", {"resource.read", "resource.review"}));
	auto inUse = [&](const std::string& scope, const std::string& name) {
		return reasonOf<ConflictException>([&] { roles.deleteRole(ada.id, "acme", scope, name); });
	};

	// A workspace member.
	Workspace w = rt.workspaces().createWorkspace(ada.id, "acme", "Lab");
	rt.workspaces().setWorkspaceMember(ada.id, "acme", w.id, "bob", "auditor");
	CPPUNIT_ASSERT_EQUAL(std::string("role_in_use"), inUse("workspace", "auditor"));
	rt.workspaces().removeWorkspaceMember(ada.id, "acme", w.id, "bob");

	// A pending invitation's workspace role.
	InvitationSpec invite;
	invite.email = "carol@example.com";
	invite.workspaces.push_back({w.id, "auditor"});
	const IssuedInvitation issued = rt.runtime().invitations()->createInvitation(ada.id, "acme", invite);
	CPPUNIT_ASSERT_EQUAL(std::string("role_in_use"), inUse("workspace", "auditor"));
	rt.runtime().invitations()->revokeInvitation(ada.id, "acme", issued.invitation.id);
	roles.deleteRole(ada.id, "acme", "workspace", "auditor");

	// A member's default role, then a collaborator.
	MemberChanges defaults;
	defaults.defaultRoles = RoleMap{{"dataset", "qa"}};
	rt.memberships().updateMember(ada.id, "acme", "bob", defaults);
	CPPUNIT_ASSERT_EQUAL(std::string("role_in_use"), inUse("dataset", "qa"));
	ResourceSpec rs;
	rs.type = "dataset";
	rs.name = "cats";
	Resource cats = rt.resources().createResource(ada.id, "acme", rs); // bob joins as qa
	defaults.defaultRoles = RoleMap{{"dataset", "labeler"}};
	rt.memberships().updateMember(ada.id, "acme", "bob", defaults);
	CPPUNIT_ASSERT_EQUAL(std::string("role_in_use"), inUse("dataset", "qa"));
	rt.resources().removeCollaborator(ada.id, "acme", cats.id, "bob");
	roles.deleteRole(ada.id, "acme", "dataset", "qa");
	CPPUNIT_ASSERT_EQUAL(std::string("role_not_found"),
	                     reasonOf<NotFoundException>([&] { roles.deleteRole(ada.id, "acme", "dataset", "qa"); }));
	(void)bob;
}


void CustomRoleTest::testCacheTakesChangeAtOnce()
{
	TestRuntime& rt = *_pRuntime;
	Account ada = rt.account("ada");
	Account bob = rt.account("bob");
	Organization acme = rt.organization(ada, "acme");
	enterprise(rt, ada.id, "acme");
	rt.memberships().addMember(ada.id, "acme", "bob", "member");
	RoleService& roles = rt.customRoles();
	roles.createRole(ada.id, "acme", spec("workspace", "auditor", {"workspace.read"}));
	Workspace w = rt.workspaces().createWorkspace(ada.id, "acme", "Lab");
	const WorkspaceId ws{w.id};

	CPPUNIT_ASSERT(!rt.access().isAllowed(bob.id, acme.id, ws, Permission::WorkspaceRead));
	rt.workspaces().setWorkspaceMember(ada.id, "acme", w.id, "bob", "auditor");
	CPPUNIT_ASSERT(rt.access().isAllowed(bob.id, acme.id, ws, Permission::WorkspaceRead));
	CPPUNIT_ASSERT(!rt.access().isAllowed(bob.id, acme.id, ws, Permission::WorkspaceUpdate));
	CPPUNIT_ASSERT(rt.access().isAllowed(bob.id, acme.id, ws, Permission::WorkspaceRead)); // a cache hit

	const Poco::Int64 before = rt.aclVersion(acme.id);
	CustomRoleChanges c;
	c.permissions = std::vector<std::string>{"workspace.read", "workspace.update"};
	roles.updateRole(ada.id, "acme", "workspace", "auditor", c);
	CPPUNIT_ASSERT(rt.aclVersion(acme.id) > before);
	CPPUNIT_ASSERT(rt.access().isAllowed(bob.id, acme.id, ws, Permission::WorkspaceUpdate));
	CPPUNIT_ASSERT_EQUAL(std::string("Renamed"), rt.workspaces().renameWorkspace(bob.id, "acme", w.id, "Renamed").name);

	c.permissions = std::vector<std::string>{"resources.read"};
	roles.updateRole(ada.id, "acme", "workspace", "auditor", c);
	CPPUNIT_ASSERT(!rt.access().isAllowed(bob.id, acme.id, ws, Permission::WorkspaceRead));
	CPPUNIT_ASSERT(!rt.access().isAllowed(bob.id, acme.id, ws, Permission::WorkspaceUpdate));
	CPPUNIT_ASSERT(rt.access().isAllowed(bob.id, acme.id, ws, Permission::ResourcesRead));
	const Explanation e = rt.access().explain(bob.id, acme.id, ws);
	bool named = false;
	for (const auto& g : e.grants)
		named = named || (g.source == "workspace" && g.role == "auditor");
	CPPUNIT_ASSERT(named);
}


void CustomRoleTest::testUsableForWorkspaceMembersCollaboratorsAndInvitations()
{
	TestRuntime& rt = *_pRuntime;
	Account ada = rt.account("ada");
	Account bob = rt.account("bob");
	Account carol = rt.account("carol");
	Organization acme = rt.organization(ada, "acme");
	rt.organization(ada, "globex");
	enterprise(rt, ada.id, "acme");
	enterprise(rt, ada.id, "globex");
	rt.memberships().addMember(ada.id, "acme", "bob", "member");
	rt.memberships().addMember(ada.id, "globex", "bob", "member");
	RoleService& roles = rt.customRoles();
	roles.createRole(ada.id, "acme", spec("workspace", "auditor", {"workspace.read", "resources.read"}));
	roles.createRole(ada.id, "acme", spec("dataset", "qa", {"resource.read", "resource.review"}));
	Workspace lab = rt.workspaces().createWorkspace(ada.id, "acme", "Lab");
	Workspace other = rt.workspaces().createWorkspace(ada.id, "globex", "Other");

	// Workspace member: the role is acme's, unknown in globex.
	CPPUNIT_ASSERT_EQUAL(std::string("auditor"),
	                     rt.workspaces().setWorkspaceMember(ada.id, "acme", lab.id, "bob", "auditor").role);
	CPPUNIT_ASSERT_EQUAL(std::string("unknown_role"), reasonOf<InvalidInputException>([&] {
		                     rt.workspaces().setWorkspaceMember(ada.id, "globex", other.id, "bob", "auditor");
	                     }));
	// bob (organization role member: workspaces.read) lists the workspace his custom role reads.
	Page<Workspace> listed = rt.workspaces().listWorkspaces(bob.id, "acme", PageRequest());
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), listed.items.size());
	CPPUNIT_ASSERT_EQUAL(lab.id, listed.items[0].id);

	// Collaborator with a custom resource role; a resource of the workspace is readable through
	// the custom workspace role as well.
	ResourceSpec rs;
	rs.type = "dataset";
	rs.name = "cats";
	rs.workspace = std::to_string(lab.id);
	MemberChanges none;
	none.defaultRoles = RoleMap{{"dataset", "none"}};
	rt.memberships().updateMember(ada.id, "acme", "bob", none);
	Resource cats = rt.resources().createResource(ada.id, "acme", rs);
	CPPUNIT_ASSERT(rt.access().isAllowed(bob.id, acme.id, ResourceId{cats.id}, Permission::ResourcesRead));
	CPPUNIT_ASSERT(!rt.access().isAllowed(bob.id, acme.id, ResourceId{cats.id}, Permission::ResourceReview));
	CPPUNIT_ASSERT_EQUAL(std::string("qa"), rt.resources().setCollaborator(ada.id, "acme", cats.id, "bob", "qa").role);
	CPPUNIT_ASSERT(rt.access().isAllowed(bob.id, acme.id, ResourceId{cats.id}, Permission::ResourceReview));
	CPPUNIT_ASSERT_EQUAL(std::string("unknown_role"), reasonOf<InvalidInputException>([&] {
		                     rt.resources().setCollaborator(ada.id, "acme", cats.id, "bob", "auditor");
	                     }));
	ResourceQuery q;
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), rt.resources().listResources(bob.id, "acme", q).items.size());

	// Default role: a new dataset makes bob a collaborator with the custom role.
	MemberChanges qa;
	qa.defaultRoles = RoleMap{{"dataset", "qa"}};
	rt.memberships().updateMember(ada.id, "acme", "bob", qa);
	rs.name = "dogs";
	rs.workspace.clear();
	Resource dogs = rt.resources().createResource(ada.id, "acme", rs);
	CPPUNIT_ASSERT(rt.access().isAllowed(bob.id, acme.id, ResourceId{dogs.id}, Permission::ResourceReview));
	CPPUNIT_ASSERT_EQUAL(std::string("unknown_role"), reasonOf<InvalidInputException>([&] {
		                     rt.memberships().updateMember(ada.id, "globex", "bob", qa);
	                     }));

	// Invitation: a custom workspace role and a custom default role, taken on acceptance.
	InvitationSpec invite;
	invite.email = "carol@example.com";
	invite.workspaces.push_back({lab.id, "auditor"});
	invite.defaultRoles = RoleMap{{"dataset", "qa"}};
	const IssuedInvitation issued = rt.runtime().invitations()->createInvitation(ada.id, "acme", invite);
	CPPUNIT_ASSERT(!issued.token.empty());
	Membership m = rt.runtime().invitations()->acceptInvitation(carol.id, issued.token);
	CPPUNIT_ASSERT_EQUAL(std::string("qa"), m.defaultRoles["dataset"]);
	CPPUNIT_ASSERT(rt.access().isAllowed(carol.id, acme.id, WorkspaceId{lab.id}, Permission::WorkspaceRead));
	CPPUNIT_ASSERT(!rt.access().isAllowed(carol.id, acme.id, WorkspaceId{lab.id}, Permission::WorkspaceUpdate));
	InvitationSpec wrong;
	wrong.email = "dan@example.com";
	wrong.workspaces.push_back({other.id, "auditor"});
	CPPUNIT_ASSERT_EQUAL(std::string("unknown_role"), reasonOf<InvalidInputException>([&] {
		                     rt.runtime().invitations()->createInvitation(ada.id, "globex", wrong);
	                     }));
}
