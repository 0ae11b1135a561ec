//
// RoleResolverTest.cpp
//
// Library: OrgsTests
// Package: Access
// Module:  RoleResolverTest
//


#include "RoleResolverTest.h"
#include "access/RoleResolver.h"
#include "support/Suites.h"
#include "support/Expect.h"
#include "support/TestRuntime.h"
#include "Orgs/Errors.h"
#include "Poco/Data/Session.h"
#include <algorithm>


using namespace Orgs;
using Orgs::Access::RoleResolver;
using Orgs::Config::RoleCatalog;
using Orgs::Test::reasonOf;
using Orgs::Test::TestRuntime;


ORGS_TEST_SUITE(RoleResolverTest, "RoleResolver", DATABASE);


namespace {


const TestRuntime::Settings SETTINGS{
    {"orgs.roles.organization", "member, lead, admin"},
    {"orgs.roles.organization.member.permissions", "org.read, members.read, workspaces.read"},
    {"orgs.roles.organization.lead.permissions", "org.read, members.read, workspaces.read"},
    {"orgs.roles.organization.lead.impliesWorkspaceRole", "editor"},
    {"orgs.roles.organization.admin.permissions", "*"},
    {"orgs.roles.organization.default", "member"},
    {"orgs.roles.organization.formerOwner", "admin"},
    {"orgs.plans", "free"},
    {"orgs.plans.free.customRoles", "true"},
};


PermissionSet setOf(std::initializer_list<Permission> permissions)
{
	PermissionSet s;
	for (Permission p : permissions)
		s.add(p);
	return s;
}


struct Fixture
{
	Fixture() : rt(SETTINGS), resolver(rt.runtime().database(), rt.runtime().roles())
	{
		ada = rt.account("ada");
		acme = rt.organization(ada, "acme");
	}

	template <class F>
	auto withSession(F&& fn)
	{
		return rt.runtime().database().withSession(std::forward<F>(fn));
	}

	CustomRole custom(const std::string& scope, const std::string& name, const std::vector<std::string>& permissions)
	{
		CustomRoleSpec spec;
		spec.scope = scope;
		spec.name = name;
		spec.permissions = permissions;
		return rt.customRoles().createRole(ada.id, "acme", spec);
	}

	TestRuntime rt;
	RoleResolver resolver;
	Account ada;
	Organization acme;
};


} // namespace


void RoleResolverTest::testConfigurationRoles()
{
	Fixture f;
	const RoleCatalog& catalog = f.rt.runtime().roles();
	for (const auto& info : catalog.describe())
	{
		for (const auto& r : info.roles)
			CPPUNIT_ASSERT(catalog.permissions(info.scope, r.name) == f.resolver.permissions(info.scope, r.name));
	}
	CPPUNIT_ASSERT(f.resolver.permissions("workspace", "emperor").empty());
	CPPUNIT_ASSERT(f.resolver.permissions("painting", "viewer").empty());
	// What an organization role implies in every workspace: its workspace role's permissions.
	CPPUNIT_ASSERT(f.resolver.implied("lead") == catalog.permissions("workspace", "editor"));
	CPPUNIT_ASSERT(f.resolver.implied("member").empty());
	CPPUNIT_ASSERT(f.resolver.implied("nobody").empty());
}


void RoleResolverTest::testCustomRoles()
{
	Fixture f;
	f.custom("workspace", "auditor", {"workspace.read", "resources.read"});
	f.custom("dataset", "qa", {"resource.read", "resource.review"});
	f.withSession([&](Poco::Data::Session& s) {
		CPPUNIT_ASSERT(setOf({Permission::WorkspaceRead, Permission::ResourcesRead}) ==
		               f.resolver.permissions(s, f.acme.id, "workspace", "auditor"));
		CPPUNIT_ASSERT(setOf({Permission::ResourceRead, Permission::ResourceReview}) ==
		               f.resolver.permissions(s, f.acme.id, "dataset", "qa"));
		// A custom role is its organization's and its scope's only.
		CPPUNIT_ASSERT(f.resolver.permissions(s, f.acme.id, "dataset", "auditor").empty());
		CPPUNIT_ASSERT(f.resolver.permissions(s, f.acme.id + 1, "workspace", "auditor").empty());
		// Organization roles are never custom.
		CPPUNIT_ASSERT(f.resolver.permissions(s, f.acme.id, "organization", "auditor").empty());
		// A configuration role needs no lookup and is the configuration's.
		CPPUNIT_ASSERT(f.resolver.permissions(s, f.acme.id, "workspace", "viewer") ==
		               f.rt.runtime().roles().permissions("workspace", "viewer"));
	});
	// A stored role naming what means nothing in its scope (as written before a permission
	// moved scope, or by hand) grants only what does.
	{
		Poco::Data::Session s = f.rt.database().session();
		s << "UPDATE custom_roles SET permissions = 'workspace.read, members.remove' WHERE name = 'auditor'",
		    Poco::Data::Keywords::now;
	}
	f.withSession([&](Poco::Data::Session& s) {
		CPPUNIT_ASSERT(setOf({Permission::WorkspaceRead}) ==
		               f.resolver.permissions(s, f.acme.id, "workspace", "auditor"));
		return 0;
	});
	// Stored names, as read with a standing: only what means something in the scope counts.
	CPPUNIT_ASSERT(setOf({Permission::ResourceRead}) ==
	               f.resolver.permissions("dataset", "legacy", "resource.read, members.add, no.such"));
	CPPUNIT_ASSERT(f.resolver.permissions("dataset", "legacy", "").empty());
	CPPUNIT_ASSERT(setOf({Permission::ResourceRead, Permission::MembersAdd}) ==
	               RoleResolver::parse({"resource.read", "members.add", "no.such"}));
}


void RoleResolverTest::testChecks()
{
	Fixture f;
	f.custom("workspace", "auditor", {"workspace.read"});
	CPPUNIT_ASSERT_EQUAL(std::string("member"), f.resolver.check("organization", ""));
	CPPUNIT_ASSERT_EQUAL(std::string("lead"), f.resolver.check("organization", "lead"));
	CPPUNIT_ASSERT_EQUAL(std::string("unknown_role"),
	                     reasonOf<InvalidInputException>([&] { f.resolver.check("organization", "auditor"); }));
	f.withSession([&](Poco::Data::Session& s) {
		CPPUNIT_ASSERT_EQUAL(std::string("auditor"), f.resolver.check(s, f.acme.id, "workspace", "auditor"));
		CPPUNIT_ASSERT_EQUAL(std::string("viewer"), f.resolver.check(s, f.acme.id, "workspace", ""));
		CPPUNIT_ASSERT(f.resolver.knows(s, f.acme.id, "workspace", "auditor"));
		CPPUNIT_ASSERT(!f.resolver.knows(s, f.acme.id, "organization", "auditor"));
		CPPUNIT_ASSERT(!f.resolver.knows(s, f.acme.id, "workspace", ""));
		CPPUNIT_ASSERT_EQUAL(std::string("unknown_role"), reasonOf<InvalidInputException>([&] {
			                     f.resolver.check(s, f.acme.id, "dataset", "auditor");
		                     }));
		f.resolver.checkDefaultRoles(s, f.acme.id, {{"dataset", "labeler"}});
		CPPUNIT_ASSERT_EQUAL(std::string("unknown_resource_type"), reasonOf<InvalidInputException>([&] {
			                     f.resolver.checkDefaultRoles(s, f.acme.id, {{"painting", "labeler"}});
		                     }));
		CPPUNIT_ASSERT_EQUAL(std::string("unknown_role"), reasonOf<InvalidInputException>([&] {
			                     f.resolver.checkDefaultRoles(s, f.acme.id, {{"dataset", "auditor"}});
		                     }));
		return 0;
	});
}


void RoleResolverTest::testStanding()
{
	Fixture f;
	const RoleCatalog& catalog = f.rt.runtime().roles();
	Data::AccessRepository::Standing s;
	s.organizationExists = true;
	s.ownerAccountId = 1;
	s.member = true;
	s.organizationRole = "lead";
	// In the organization: the role's permissions only.
	std::vector<GrantSource> sources;
	CPPUNIT_ASSERT(catalog.permissions("organization", "lead") == f.resolver.evaluate(s, 2, &sources));
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), sources.size());
	// On a resource in a workspace: the implied workspace role, the workspace role (custom,
	// limited to the scope) and the resource role add up, each named.
	s.scopeExists = true;
	s.workspaceId = 7;
	s.workspaceRole = "auditor";
	s.customWorkspacePermissions = "workspace.read, members.remove";
	s.resourceId = 9;
	s.resourceType = "dataset";
	s.resourceRole = "reviewer";
	sources.clear();
	PermissionSet expected = catalog.permissions("organization", "lead");
	expected |= catalog.permissions("workspace", "editor");
	expected |= setOf({Permission::WorkspaceRead});
	expected |= catalog.permissions("dataset", "reviewer");
	CPPUNIT_ASSERT(expected == f.resolver.evaluate(s, 2, &sources));
	CPPUNIT_ASSERT_EQUAL(std::size_t(4), sources.size());
	CPPUNIT_ASSERT_EQUAL(std::string("implied_workspace"), sources[1].source);
	CPPUNIT_ASSERT_EQUAL(std::string("auditor"), sources[2].role);
	CPPUNIT_ASSERT_EQUAL(std::string("resource"), sources[3].source);
	// The owner holds everything; a non-member and a missing organization nothing.
	CPPUNIT_ASSERT(PermissionSet::all() == f.resolver.evaluate(s, 1));
	s.member = false;
	CPPUNIT_ASSERT(f.resolver.evaluate(s, 2).empty());
	s.organizationExists = false;
	CPPUNIT_ASSERT(f.resolver.evaluate(s, 1).empty());
}


void RoleResolverTest::testRolesWith()
{
	Fixture f;
	f.custom("workspace", "auditor", {"workspace.read"});
	f.custom("workspace", "maker", {"resources.create"});
	f.withSession([&](Poco::Data::Session& s) {
		PermissionSet reading = setOf({Permission::WorkspaceRead});
		std::vector<std::string> roles = f.resolver.rolesWith(s, f.acme.id, "workspace", reading);
		std::vector<std::string> expected = f.rt.runtime().roles().rolesWith("workspace", Permission::WorkspaceRead);
		expected.push_back("auditor");
		std::sort(roles.begin(), roles.end());
		std::sort(expected.begin(), expected.end());
		CPPUNIT_ASSERT(expected == roles);
		// Any of several, each role once.
		roles = f.resolver.rolesWith(s, f.acme.id, "workspace",
		                             setOf({Permission::WorkspaceRead, Permission::ResourcesCreate}));
		CPPUNIT_ASSERT_EQUAL(std::size_t(1),
		                     static_cast<std::size_t>(std::count(roles.begin(), roles.end(), "editor")));
		CPPUNIT_ASSERT_EQUAL(std::size_t(1), static_cast<std::size_t>(std::count(roles.begin(), roles.end(), "maker")));
		return 0;
	});
}


void RoleResolverTest::testTheCheckAgrees()
{
	Fixture f;
	const Account bob = f.rt.account("bob");
	MemberSpec m;
	m.account = "bob";
	m.role = "lead";
	f.rt.memberships().addMember(f.ada.id, "acme", m);
	f.custom("workspace", "auditor", {"workspace.read", "workspace.delete"});
	const Workspace lab = f.rt.workspaces().createWorkspace(f.ada.id, "acme", "Lab");
	f.rt.workspaces().setWorkspaceMember(f.ada.id, "acme", lab.id, "bob", "auditor");
	PermissionSet expected = f.resolver.permissions("organization", "lead");
	expected |= f.resolver.implied("lead");
	f.withSession([&](Poco::Data::Session& s) {
		expected |= f.resolver.permissions(s, f.acme.id, "workspace", "auditor");
		return 0;
	});
	for (unsigned p = 0; p < static_cast<unsigned>(Permission::COUNT); ++p)
	{
		const Permission permission = static_cast<Permission>(p);
		CPPUNIT_ASSERT_EQUAL_MESSAGE(permissionName(permission), expected.has(permission),
		                             f.rt.access().isAllowed(bob.id, f.acme.id, WorkspaceId{lab.id}, permission));
	}
}
