//
// ScopedGrantTest.cpp
//
// Library: OrgsTests
// Package: Service
// Module:  ScopedGrantTest
//


#include "ScopedGrantTest.h"
#include "support/Suites.h"
#include "support/Expect.h"
#include "support/TestRuntime.h"
#include "Orgs/AuditLog.h"
#include "Orgs/Errors.h"
#include "Poco/JSON/Object.h"
#include "Poco/JSON/Parser.h"
#include <functional>
#include <map>
#include <memory>
#include <string>


using namespace Orgs;
using Orgs::Test::reasonOf;
using Orgs::Test::TestRuntime;


ORGS_TEST_SUITE(ScopedGrantTest, "ScopedGrant", DATABASE);


namespace {


// In both scopes: a role that reads, one that also manages roles there, and one above it.
const TestRuntime::Settings ROLES{
    {"orgs.roles.organization", "member, admin, lister"},
    {"orgs.roles.organization.lister.permissions", "org.read, workspaces.list_all"},
    {"orgs.roles.workspace", "viewer, manager, admin"},
    {"orgs.roles.workspace.viewer.permissions", "workspace.read, resources.read"},
    {"orgs.roles.workspace.manager.permissions", "workspace.read, workspace.members.manage, resources.read"},
    {"orgs.roles.workspace.admin.permissions",
     "workspace.read, workspace.update, workspace.delete, workspace.members.manage, resources.read, resources.create"},
    {"orgs.roles.workspace.default", "viewer"},
    {"orgs.resources.types", "dataset"},
    {"orgs.roles.dataset", "none, viewer, manager, admin"},
    {"orgs.roles.dataset.viewer.permissions", "resource.read"},
    {"orgs.roles.dataset.manager.permissions", "resource.read, resource.manage"},
    {"orgs.roles.dataset.admin.permissions", "resource.read, resource.write, resource.manage"},
    {"orgs.roles.dataset.default", "none"},
    {"orgs.plans", "free"},
    {"orgs.plans.free.customRoles", "true"},
};


struct Kind
	/// One kind of scope, as the public services show it.
{
	std::string name; ///< "workspace", "resource"
	std::string roleScope;
	std::string audit;    ///< the audit actions' prefix
	std::string notFound; ///< an invisible scope
	std::string grantNotFound;
	std::function<Id(TestRuntime&, Id actor)> create;
	std::function<std::string(TestRuntime&, Id actor, Id id, const std::string& account, const std::string& role)> set;
	std::function<void(TestRuntime&, Id actor, Id id, const std::string& account)> remove;
	std::function<std::map<std::string, std::string>(TestRuntime&, Id actor, Id id)> list; ///< username → role
	std::function<bool(TestRuntime&, Id account, Id org, Id id)> reads;
};


std::vector<Kind> kinds()
{
	Kind w;
	w.name = "workspace";
	w.roleScope = "workspace";
	w.audit = "workspace_member";
	w.notFound = "workspace_not_found";
	w.grantNotFound = "workspace_member_not_found";
	w.create = [](TestRuntime& rt, Id actor) { return rt.workspaces().createWorkspace(actor, "acme", "Lab").id; };
	w.set = [](TestRuntime& rt, Id actor, Id id, const std::string& account, const std::string& role) {
		const WorkspaceMember m = rt.workspaces().setWorkspaceMember(actor, "acme", id, account, role);
		CPPUNIT_ASSERT_EQUAL(id, m.workspaceId);
		return m.role;
	};
	w.remove = [](TestRuntime& rt, Id actor, Id id, const std::string& account) {
		rt.workspaces().removeWorkspaceMember(actor, "acme", id, account);
	};
	w.list = [](TestRuntime& rt, Id actor, Id id) {
		std::map<std::string, std::string> result;
		for (const auto& m : rt.workspaces().listWorkspaceMembers(actor, "acme", id, PageRequest()).items)
			result[m.username] = m.role;
		return result;
	};
	w.reads = [](TestRuntime& rt, Id account, Id org, Id id) {
		return rt.access().isAllowed(account, org, WorkspaceId{id}, Permission::WorkspaceRead);
	};

	Kind r;
	r.name = "resource";
	r.roleScope = "dataset";
	r.audit = "collaborator";
	r.notFound = "resource_not_found";
	r.grantNotFound = "collaborator_not_found";
	r.create = [](TestRuntime& rt, Id actor) {
		ResourceSpec spec;
		spec.type = "dataset";
		spec.name = "Lab";
		return rt.resources().createResource(actor, "acme", spec).id;
	};
	r.set = [](TestRuntime& rt, Id actor, Id id, const std::string& account, const std::string& role) {
		const Collaborator c = rt.resources().setCollaborator(actor, "acme", id, account, role);
		CPPUNIT_ASSERT_EQUAL(id, c.resourceId);
		return c.role;
	};
	r.remove = [](TestRuntime& rt, Id actor, Id id, const std::string& account) {
		rt.resources().removeCollaborator(actor, "acme", id, account);
	};
	r.list = [](TestRuntime& rt, Id actor, Id id) {
		std::map<std::string, std::string> result;
		for (const auto& c : rt.resources().listCollaborators(actor, "acme", id, PageRequest()).items)
			result[c.username] = c.role;
		return result;
	};
	r.reads = [](TestRuntime& rt, Id account, Id org, Id id) {
		return rt.access().isAllowed(account, org, ResourceId{id}, Permission::ResourceRead);
	};
	return {w, r};
}


struct Fixture
	/// ada owns acme and its scope (a workspace or a resource); bob and carol are members of
	/// acme, eve is not.
{
	explicit Fixture(const Kind& kind) : k(kind), rt(new TestRuntime(ROLES))
	{
		ada = rt->account("ada");
		bob = rt->account("bob");
		carol = rt->account("carol");
		eve = rt->account("eve");
		acme = rt->organization(ada, "acme");
		for (const char* member : {"bob", "carol"})
		{
			MemberSpec m;
			m.account = member;
			rt->memberships().addMember(ada.id, "acme", m);
		}
		id = k.create(*rt, ada.id);
	}

	std::vector<AuditEvent> events(const std::string& action)
	{
		AuditQuery q;
		q.action = action;
		return rt->runtime().auditLog()->listEvents(ada.id, "acme", q).items;
	}

	const Kind& k;
	std::unique_ptr<TestRuntime> rt;
	Account ada, bob, carol, eve;
	Organization acme;
	Id id = 0;
};


Poco::JSON::Object::Ptr json(const std::string& text)
{
	return Poco::JSON::Parser().parse(text).extract<Poco::JSON::Object::Ptr>();
}


} // namespace


void ScopedGrantTest::testSetChangeListRemove()
{
	for (const Kind& k : kinds())
	{
		Fixture f(k);
		CPPUNIT_ASSERT_MESSAGE(k.name, !k.reads(*f.rt, f.bob.id, f.acme.id, f.id));
		const Poco::Int64 version = f.rt->aclVersion(f.acme.id);
		CPPUNIT_ASSERT_EQUAL(std::string("viewer"), k.set(*f.rt, f.ada.id, f.id, "bob", "viewer"));
		CPPUNIT_ASSERT_MESSAGE(k.name, f.rt->aclVersion(f.acme.id) > version);
		CPPUNIT_ASSERT_MESSAGE(k.name, k.reads(*f.rt, f.bob.id, f.acme.id, f.id)); // at once
		CPPUNIT_ASSERT_EQUAL(std::string("viewer"), k.list(*f.rt, f.ada.id, f.id)["bob"]);
		// The same role again changes nothing and writes nothing.
		k.set(*f.rt, f.ada.id, f.id, std::to_string(f.bob.id), "viewer");
		CPPUNIT_ASSERT_EQUAL_MESSAGE(k.name, std::size_t(1), f.events(k.audit + ".set").size());
		CPPUNIT_ASSERT_EQUAL(std::string("manager"), k.set(*f.rt, f.ada.id, f.id, "bob", "manager"));
		CPPUNIT_ASSERT_EQUAL(std::string("manager"), k.list(*f.rt, f.bob.id, f.id)["bob"]); // bob reads there now

		const std::vector<AuditEvent> set = f.events(k.audit + ".set");
		CPPUNIT_ASSERT_EQUAL_MESSAGE(k.name, std::size_t(2), set.size());
		CPPUNIT_ASSERT_EQUAL(std::string("bob"), set.front().targetLabel);
		Poco::JSON::Object::Ptr d = json(set.front().details);
		CPPUNIT_ASSERT_EQUAL(f.id, d->getObject(k.name)->getValue<Id>("id"));
		CPPUNIT_ASSERT_EQUAL(std::string("Lab"), d->getObject(k.name)->getValue<std::string>("name"));
		CPPUNIT_ASSERT_EQUAL(std::string("viewer"), d->getObject("before")->getValue<std::string>("role"));
		CPPUNIT_ASSERT_EQUAL(std::string("manager"), d->getObject("after")->getValue<std::string>("role"));
		CPPUNIT_ASSERT(!json(set.back().details)->has("before"));

		k.remove(*f.rt, f.ada.id, f.id, "bob");
		CPPUNIT_ASSERT_MESSAGE(k.name, !k.reads(*f.rt, f.bob.id, f.acme.id, f.id));
		CPPUNIT_ASSERT_EQUAL(std::size_t(0), k.list(*f.rt, f.ada.id, f.id).count("bob"));
		const std::vector<AuditEvent> removed = f.events(k.audit + ".removed");
		CPPUNIT_ASSERT_EQUAL_MESSAGE(k.name, std::size_t(1), removed.size());
		CPPUNIT_ASSERT_EQUAL(std::string("manager"),
		                     json(removed.front().details)->getObject("before")->getValue<std::string>("role"));
		CPPUNIT_ASSERT_EQUAL(k.grantNotFound,
		                     reasonOf<NotFoundException>([&] { k.remove(*f.rt, f.ada.id, f.id, "bob"); }));
	}
}


void ScopedGrantTest::testOnlyOrganizationMembers()
{
	for (const Kind& k : kinds())
	{
		Fixture f(k);
		CPPUNIT_ASSERT_EQUAL(std::string("not_a_member"),
		                     reasonOf<ConflictException>([&] { k.set(*f.rt, f.ada.id, f.id, "eve", "viewer"); }));
		CPPUNIT_ASSERT_EQUAL(std::string("account_not_found"),
		                     reasonOf<NotFoundException>([&] { k.set(*f.rt, f.ada.id, f.id, "nobody", "viewer"); }));
		// Leaving the organization takes the role with it.
		k.set(*f.rt, f.ada.id, f.id, "bob", "viewer");
		f.rt->memberships().removeMember(f.ada.id, "acme", "bob");
		CPPUNIT_ASSERT_EQUAL(std::size_t(0), k.list(*f.rt, f.ada.id, f.id).count("bob"));
		CPPUNIT_ASSERT_EQUAL(std::string("organization_not_found"),
		                     reasonOf<NotFoundException>([&] { k.list(*f.rt, f.eve.id, f.id); }));
	}
}


void ScopedGrantTest::testVisibilityAndManagement()
{
	for (const Kind& k : kinds())
	{
		Fixture f(k);
		// carol is a member of acme without a role there: it is not visible to her.
		CPPUNIT_ASSERT_EQUAL(k.notFound, reasonOf<NotFoundException>([&] { k.list(*f.rt, f.carol.id, f.id); }));
		CPPUNIT_ASSERT_EQUAL(k.notFound,
		                     reasonOf<NotFoundException>([&] { k.set(*f.rt, f.carol.id, f.id, "bob", "viewer"); }));
		CPPUNIT_ASSERT_EQUAL(k.notFound,
		                     reasonOf<NotFoundException>([&] { k.remove(*f.rt, f.carol.id, f.id, "ada"); }));
		CPPUNIT_ASSERT_EQUAL(k.notFound, reasonOf<NotFoundException>([&] { k.list(*f.rt, f.ada.id, f.id + 1000); }));
		// A reader sees the roles but does not manage them.
		k.set(*f.rt, f.ada.id, f.id, "carol", "viewer");
		CPPUNIT_ASSERT_EQUAL(std::size_t(2), k.list(*f.rt, f.carol.id, f.id).size()); // ada (creator) and carol
		CPPUNIT_ASSERT_EQUAL(std::string("permission_denied"),
		                     reasonOf<ForbiddenException>([&] { k.set(*f.rt, f.carol.id, f.id, "bob", "viewer"); }));
		CPPUNIT_ASSERT_EQUAL(std::string("permission_denied"),
		                     reasonOf<ForbiddenException>([&] { k.remove(*f.rt, f.carol.id, f.id, "ada"); }));
		// A manager does.
		k.set(*f.rt, f.ada.id, f.id, "carol", "manager");
		CPPUNIT_ASSERT_EQUAL(std::string("viewer"), k.set(*f.rt, f.carol.id, f.id, "bob", "viewer"));
		k.remove(*f.rt, f.carol.id, f.id, "bob");
		// An organization role that lists every workspace sees one where it holds no role (but
		// may not read its roles); it makes no resource visible.
		MemberChanges lister;
		lister.role = std::string("lister");
		f.rt->memberships().updateMember(f.ada.id, "acme", "bob", lister);
		if (k.name == "workspace")
			CPPUNIT_ASSERT_EQUAL(std::string("permission_denied"),
			                     reasonOf<ForbiddenException>([&] { k.list(*f.rt, f.bob.id, f.id); }));
		else
			CPPUNIT_ASSERT_EQUAL(k.notFound, reasonOf<NotFoundException>([&] { k.list(*f.rt, f.bob.id, f.id); }));
	}
}


void ScopedGrantTest::testNobodyGrantsMoreThanTheyHold()
{
	for (const Kind& k : kinds())
	{
		Fixture f(k);
		k.set(*f.rt, f.ada.id, f.id, "carol", "manager");
		// carol manages roles there, but not the admin role, which holds more than hers.
		CPPUNIT_ASSERT_EQUAL(std::string("role_exceeds_own"),
		                     reasonOf<ForbiddenException>([&] { k.set(*f.rt, f.carol.id, f.id, "bob", "admin"); }));
		k.set(*f.rt, f.ada.id, f.id, "bob", "admin");
		CPPUNIT_ASSERT_EQUAL(std::string("role_exceeds_own"),
		                     reasonOf<ForbiddenException>([&] { k.set(*f.rt, f.carol.id, f.id, "bob", "viewer"); }));
		CPPUNIT_ASSERT_EQUAL(std::string("role_exceeds_own"),
		                     reasonOf<ForbiddenException>([&] { k.remove(*f.rt, f.carol.id, f.id, "bob"); }));
		CPPUNIT_ASSERT_EQUAL(std::string("admin"), k.list(*f.rt, f.ada.id, f.id)["bob"]);
		// The owner holds everything.
		k.remove(*f.rt, f.ada.id, f.id, "bob");
	}
}


void ScopedGrantTest::testRolesOfTheScope()
{
	for (const Kind& k : kinds())
	{
		Fixture f(k);
		CPPUNIT_ASSERT_EQUAL(std::string("unknown_role"),
		                     reasonOf<InvalidInputException>([&] { k.set(*f.rt, f.ada.id, f.id, "bob", "emperor"); }));
		// A custom role of the organization, for this scope only.
		CustomRoleSpec custom;
		custom.scope = k.roleScope;
		custom.name = "auditor";
		custom.permissions = {k.name == "workspace" ? "workspace.read" : "resource.read"};
		f.rt->customRoles().createRole(f.ada.id, "acme", custom);
		CPPUNIT_ASSERT_EQUAL(std::string("auditor"), k.set(*f.rt, f.ada.id, f.id, "bob", "auditor"));
		CPPUNIT_ASSERT_MESSAGE(k.name, k.reads(*f.rt, f.bob.id, f.acme.id, f.id));
		// A custom role that holds more than carol's is beyond her too.
		k.set(*f.rt, f.ada.id, f.id, "carol", "viewer");
		custom.name = "boss";
		custom.permissions = k.name == "workspace"
		                         ? std::vector<std::string>{"workspace.read", "workspace.members.manage"}
		                         : std::vector<std::string>{"resource.read", "resource.manage"};
		f.rt->customRoles().createRole(f.ada.id, "acme", custom);
		k.set(*f.rt, f.ada.id, f.id, "carol", "boss");
		CPPUNIT_ASSERT_EQUAL(std::string("auditor"), k.set(*f.rt, f.carol.id, f.id, "bob", "auditor"));
		CPPUNIT_ASSERT_EQUAL(std::string("role_exceeds_own"),
		                     reasonOf<ForbiddenException>([&] { k.set(*f.rt, f.carol.id, f.id, "bob", "admin"); }));
		// Where the kinds differ: an empty role is the workspace's default; "none" removes a
		// collaborator and names no workspace role.
		if (k.name == "workspace")
		{
			CPPUNIT_ASSERT_EQUAL(std::string("viewer"), k.set(*f.rt, f.ada.id, f.id, "bob", ""));
			CPPUNIT_ASSERT_EQUAL(std::string("unknown_role"),
			                     reasonOf<InvalidInputException>([&] { k.set(*f.rt, f.ada.id, f.id, "bob", "none"); }));
		}
		else
		{
			CPPUNIT_ASSERT_EQUAL(std::string("unknown_role"),
			                     reasonOf<InvalidInputException>([&] { k.set(*f.rt, f.ada.id, f.id, "bob", ""); }));
			CPPUNIT_ASSERT_EQUAL(std::string("none"), k.set(*f.rt, f.ada.id, f.id, "bob", "none"));
			CPPUNIT_ASSERT_EQUAL(std::size_t(0), k.list(*f.rt, f.ada.id, f.id).count("bob"));
			CPPUNIT_ASSERT_EQUAL(std::size_t(1), f.events(k.audit + ".removed").size());
		}
	}
}
