//
// ResourceServiceTest.cpp
//
// Library: OrgsTests
// Package: Service
// Module:  ResourceServiceTest
//


#include "ResourceServiceTest.h"
#include "support/Suites.h"
#include "Orgs/Errors.h"
#include "support/Expect.h"
#include "support/ManualClock.h"
#include "Poco/Data/Session.h"
#include <functional>
#include <map>
#include <set>
#include <vector>


using namespace Orgs;
using namespace Poco::Data::Keywords;
using Orgs::Test::TestRuntime;

using Orgs::Test::reasonOf;


ORGS_TEST_SUITE(ResourceServiceTest, "ResourceService", DATABASE);


namespace {


ResourceSpec dataset(const std::string& name, Id workspaceId = 0)
{
	ResourceSpec spec;
	spec.type = "dataset";
	spec.name = name;
	if (workspaceId)
		spec.workspace = std::to_string(workspaceId);
	return spec;
}


MemberSpec member(const std::string& account, const std::string& datasetRole = std::string())
	/// An organization member with the default role and, if given, a default dataset role.
{
	MemberSpec spec;
	spec.account = account;
	if (!datasetRole.empty())
		spec.defaultRoles["dataset"] = datasetRole;
	return spec;
}


std::map<std::string, std::string> collaborators(TestRuntime& rt, Id actorId, const std::string& org, Id resourceId)
	/// Returns username → role of every collaborator, reading every page.
{
	std::map<std::string, std::string> result;
	PageRequest page;
	page.limit = 2;
	do
	{
		Page<Collaborator> p = rt.resources().listCollaborators(actorId, org, resourceId, page);
		for (const auto& c : p.items)
		{
			CPPUNIT_ASSERT_EQUAL(resourceId, c.resourceId);
			CPPUNIT_ASSERT(result.emplace(c.username, c.role).second);
		}
		page.cursor = p.nextCursor;
	} while (!page.cursor.empty());
	return result;
}


std::set<Id> listed(TestRuntime& rt, Id actorId, const std::string& org, ResourceQuery query = ResourceQuery())
	/// Returns the ids of every resource the actor lists, reading every page.
{
	std::set<Id> result;
	Id last = 0;
	do
	{
		Page<Resource> p = rt.resources().listResources(actorId, org, query);
		for (const auto& r : p.items)
		{
			CPPUNIT_ASSERT_MESSAGE("listed out of order", r.id > last);
			last = r.id;
			CPPUNIT_ASSERT_MESSAGE("listed twice", result.insert(r.id).second);
		}
		query.cursor = p.nextCursor;
	} while (!query.cursor.empty());
	return result;
}


bool readable(TestRuntime& rt, Id actorId, const std::string& org, Id resourceId)
{
	try
	{
		rt.resources().getResource(actorId, org, resourceId);
		return true;
	}
	catch (NotFoundException& exc)
	{
		CPPUNIT_ASSERT_EQUAL(std::string("resource_not_found"), exc.reason());
		return false;
	}
}


void checkListAgreesWithGet(TestRuntime& rt, Id actorId, const std::string& org, const std::vector<Id>& all)
	/// Asserts that the actor lists exactly the resources it can read one by one.
{
	const std::set<Id> seen = listed(rt, actorId, org);
	for (Id id : all)
	{
		CPPUNIT_ASSERT_EQUAL_MESSAGE("account " + std::to_string(actorId) + ", resource " + std::to_string(id),
		                             readable(rt, actorId, org, id), seen.count(id) == 1);
	}
}


std::set<Id> ids(std::initializer_list<Id> list)
{
	return std::set<Id>(list);
}


} // namespace


void ResourceServiceTest::setUp()
{
	_pRuntime.reset(new TestRuntime);
}


void ResourceServiceTest::tearDown()
{
	_pRuntime.reset();
}


void ResourceServiceTest::testCreateAddsMembersByDefaultRole()
{
	TestRuntime& rt = *_pRuntime;
	Account ada = rt.account("ada");
	Account bob = rt.account("bob");
	Account cy = rt.account("cy");
	Account dee = rt.account("dee");
	Account eve = rt.account("eve");
	Organization acme = rt.organization(ada, "acme");
	rt.memberships().addMember(ada.id, "acme", member("bob"));            // configured default: labeler
	rt.memberships().addMember(ada.id, "acme", member("cy", "reviewer")); // its own default
	rt.memberships().addMember(ada.id, "acme", member("dee", "none"));    // not added
	rt.memberships().addMember(ada.id, "acme", member("eve", "manager"));

	Resource r = rt.resources().createResource(ada.id, "acme", dataset("cells"));
	CPPUNIT_ASSERT(r.id > 0);
	CPPUNIT_ASSERT_EQUAL(acme.id, r.organizationId);
	CPPUNIT_ASSERT(r.workspaceId.isNull());
	CPPUNIT_ASSERT_EQUAL(std::string("dataset"), r.type);
	CPPUNIT_ASSERT_EQUAL(std::string("cells"), r.name);
	CPPUNIT_ASSERT_EQUAL(ada.id, r.createdBy);

	// The creator gets the creator role (the scope's last: admin).
	std::map<std::string, std::string> expected{
	    {"ada", "admin"}, {"bob", "labeler"}, {"cy", "reviewer"}, {"eve", "manager"}};
	CPPUNIT_ASSERT(expected == collaborators(rt, ada.id, "acme", r.id));
	CPPUNIT_ASSERT(rt.access().isAllowed(cy.id, acme.id, ResourceId{r.id}, Permission::ResourceReview));
	CPPUNIT_ASSERT(!rt.access().isAllowed(bob.id, acme.id, ResourceId{r.id}, Permission::ResourceReview));
	CPPUNIT_ASSERT(!rt.access().isAllowed(dee.id, acme.id, ResourceId{r.id}, Permission::ResourceRead));

	// A changed default applies to the next resource, not to existing ones.
	MemberChanges changes;
	changes.defaultRoles = RoleMap{{"dataset", "admin"}};
	rt.memberships().updateMember(ada.id, "acme", "dee", changes);
	changes.defaultRoles = RoleMap{{"dataset", "none"}};
	rt.memberships().updateMember(ada.id, "acme", "bob", changes);
	Resource second = rt.resources().createResource(ada.id, "acme", dataset("nuclei"));
	expected = {{"ada", "admin"}, {"cy", "reviewer"}, {"dee", "admin"}, {"eve", "manager"}};
	CPPUNIT_ASSERT(expected == collaborators(rt, ada.id, "acme", second.id));
	CPPUNIT_ASSERT_EQUAL(std::string("labeler"), collaborators(rt, ada.id, "acme", r.id)["bob"]);

	// A creator whose own default is "none" is still the creator.
	changes.defaultRoles = RoleMap{{"dataset", "none"}};
	rt.memberships().updateMember(ada.id, "acme", "ada", changes);
	Resource third = rt.resources().createResource(ada.id, "acme", dataset("third"));
	CPPUNIT_ASSERT_EQUAL(std::string("admin"), collaborators(rt, ada.id, "acme", third.id)["ada"]);
	CPPUNIT_ASSERT(collaborators(rt, ada.id, "acme", third.id).count("bob") == 0);
	CPPUNIT_ASSERT(rt.access().isAllowed(eve.id, acme.id, ResourceId{third.id}, Permission::ResourceWrite));
}


void ResourceServiceTest::testConfiguredDefaultRole()
{
	_pRuntime.reset(new TestRuntime(TestRuntime::Settings{{"orgs.roles.dataset.default", "none"}}));
	TestRuntime& rt = *_pRuntime;
	Account ada = rt.account("ada");
	rt.account("bob");
	rt.account("cy");
	rt.account("dee");
	rt.organization(ada, "acme");
	rt.memberships().addMember(ada.id, "acme", member("bob"));
	rt.memberships().addMember(ada.id, "acme", member("cy", "labeler"));
	rt.memberships().addMember(ada.id, "acme", member("dee", "none"));
	Resource r = rt.resources().createResource(ada.id, "acme", dataset("cells"));
	std::map<std::string, std::string> expected{{"ada", "admin"}, {"cy", "labeler"}};
	CPPUNIT_ASSERT(expected == collaborators(rt, ada.id, "acme", r.id));

	_pRuntime.reset(new TestRuntime(TestRuntime::Settings{{"orgs.roles.dataset.default", "reviewer"}}));
	TestRuntime& rt2 = *_pRuntime;
	Account ann = rt2.account("ann");
	rt2.account("bob");
	rt2.organization(ann, "acme");
	rt2.memberships().addMember(ann.id, "acme", member("bob"));
	r = rt2.resources().createResource(ann.id, "acme", dataset("cells"));
	expected = {{"ann", "admin"}, {"bob", "reviewer"}};
	CPPUNIT_ASSERT(expected == collaborators(rt2, ann.id, "acme", r.id));
}


void ResourceServiceTest::testDefaultRolesForManyMembersInOneStatement()
{
	TestRuntime& rt = *_pRuntime;
	Account ada = rt.account("ada");
	Organization acme = rt.organization(ada, "acme");

	// 500 members written straight to the tables (the service would take one transaction each).
	const int N = 500;
	std::vector<std::string> usernames, emails;
	for (int i = 0; i < N; ++i)
	{
		usernames.push_back("bulk" + std::to_string(i));
		emails.push_back(usernames.back() + "@example.com");
	}
	std::vector<Poco::Int64> accountIds;
	std::map<Poco::Int64, std::string> expected{{ada.id, "admin"}};
	{
		Poco::Data::Session s = rt.database().session();
		s.begin();
		s << "INSERT INTO handles (handle, kind) VALUES (?, 'a')", use(usernames), now;
		s << "INSERT INTO accounts (username, email, name, created_at) VALUES (?, ?, ?, 1)", use(usernames),
		    use(emails), use(usernames), now;
		s << "INSERT INTO memberships (organization_id, account_id, role, created_at, updated_at) "
		     "SELECT ?, id, 'member', 1, 1 FROM accounts WHERE username LIKE 'bulk%'",
		    bind(acme.id), now;
		s << "SELECT id FROM accounts WHERE username LIKE 'bulk%' ORDER BY id", into(accountIds), now;
		std::vector<Poco::Int64> withDefault;
		std::vector<std::string> roles;
		for (std::size_t i = 0; i < accountIds.size(); ++i)
		{
			std::string role;
			if (i % 5 == 0)
				role = "none";
			else if (i % 7 == 0)
				role = "reviewer";
			else if (i % 11 == 0)
				role = "manager";
			if (!role.empty())
			{
				withDefault.push_back(accountIds[i]);
				roles.push_back(role);
			}
			if (role != "none")
				expected[accountIds[i]] = role.empty() ? "labeler" : role;
		}
		std::vector<Poco::Int64> orgIds(withDefault.size(), acme.id);
		s << "INSERT INTO member_default_roles (organization_id, account_id, resource_type, role) VALUES (?, ?, "
		     "'dataset', ?)",
		    use(orgIds), use(withDefault), use(roles), now;
		s.commit();
	}
	CPPUNIT_ASSERT_EQUAL(std::size_t(N), accountIds.size());

	Resource r = rt.resources().createResource(ada.id, "acme", dataset("big"));
	std::vector<Poco::Int64> accounts;
	std::vector<std::string> roles;
	{
		Poco::Data::Session s = rt.database().session();
		s << "SELECT account_id, role FROM resource_collaborators WHERE resource_id = ? ORDER BY account_id",
		    bind(r.id), into(accounts), into(roles), now;
	}
	std::map<Poco::Int64, std::string> actual;
	for (std::size_t i = 0; i < accounts.size(); ++i)
		actual[accounts[i]] = roles[i];
	CPPUNIT_ASSERT_EQUAL(expected.size(), actual.size());
	CPPUNIT_ASSERT(expected == actual);
	CPPUNIT_ASSERT_EQUAL(std::size_t(1 + N - N / 5), actual.size());

	// Every one of them now reads the resource, and the listing shows it to them.
	CPPUNIT_ASSERT(rt.access().isAllowed(accountIds[1], acme.id, ResourceId{r.id}, Permission::ResourceLabel));
	CPPUNIT_ASSERT(!rt.access().isAllowed(accountIds[5], acme.id, ResourceId{r.id}, Permission::ResourceRead));
	CPPUNIT_ASSERT(listed(rt, accountIds[7], "acme") == ids({r.id}));
	CPPUNIT_ASSERT(listed(rt, accountIds[10], "acme").empty());
}


void ResourceServiceTest::testCreateRules()
{
	TestRuntime& rt = *_pRuntime;
	Account ada = rt.account("ada");
	Account bob = rt.account("bob");
	Organization acme = rt.organization(ada, "acme");
	rt.memberships().addMember(ada.id, "acme", member("bob"));
	const Workspace w = rt.workspaces().createWorkspace(ada.id, "acme", "Lab");
	const Workspace other = rt.workspaces().createWorkspace(ada.id, "acme", "Other");

	CPPUNIT_ASSERT_EQUAL(std::string("unknown_resource_type"), reasonOf<InvalidInputException>([&] {
		                     ResourceSpec spec = dataset("x");
		                     spec.type = "project";
		                     rt.resources().createResource(ada.id, "acme", spec);
	                     }));
	for (const std::string& bad : {std::string(), std::string(" "), std::string(201, 'x'), std::string("a\nb")})
	{
		CPPUNIT_ASSERT_EQUAL(std::string("invalid_name"), reasonOf<InvalidInputException>([&] {
			                     rt.resources().createResource(ada.id, "acme", dataset(bad));
		                     }));
	}
	CPPUNIT_ASSERT_EQUAL(std::size_t(200),
	                     rt.resources().createResource(ada.id, "acme", dataset(std::string(200, 'x'))).name.size());
	// Names need not be unique.
	rt.resources().createResource(ada.id, "acme", dataset("same"));
	rt.resources().createResource(ada.id, "acme", dataset("same"));

	// A member (shipped roles) creates nothing in the organization...
	CPPUNIT_ASSERT_EQUAL(std::string("permission_denied"), reasonOf<ForbiddenException>([&] {
		                     rt.resources().createResource(bob.id, "acme", dataset("mine"));
	                     }));
	// ... but does in a workspace where it is an editor, and only there.
	rt.workspaces().setWorkspaceMember(ada.id, "acme", w.id, "bob", "editor");
	Resource r = rt.resources().createResource(bob.id, "acme", dataset("mine", w.id));
	CPPUNIT_ASSERT_EQUAL(w.id, r.workspaceId.value());
	CPPUNIT_ASSERT_EQUAL(bob.id, r.createdBy);
	CPPUNIT_ASSERT_EQUAL(std::string("admin"), collaborators(rt, bob.id, "acme", r.id)["bob"]);
	CPPUNIT_ASSERT_EQUAL(std::string("labeler"), collaborators(rt, bob.id, "acme", r.id)["ada"]);
	CPPUNIT_ASSERT_EQUAL(std::string("workspace_not_found"), reasonOf<NotFoundException>([&] {
		                     rt.resources().createResource(bob.id, "acme", dataset("elsewhere", other.id));
	                     }));
	rt.workspaces().setWorkspaceMember(ada.id, "acme", other.id, "bob", "viewer");
	CPPUNIT_ASSERT_EQUAL(std::string("permission_denied"), reasonOf<ForbiddenException>([&] {
		                     rt.resources().createResource(bob.id, "acme", dataset("elsewhere", other.id));
	                     }));
	// A workspace reference that names no workspace of the organization.
	CPPUNIT_ASSERT_EQUAL(std::string("workspace_not_found"), reasonOf<NotFoundException>([&] {
		                     ResourceSpec spec = dataset("x");
		                     spec.workspace = "lab";
		                     rt.resources().createResource(ada.id, "acme", spec);
	                     }));
	CPPUNIT_ASSERT_EQUAL(std::string("workspace_not_found"), reasonOf<NotFoundException>([&] {
		                     rt.resources().createResource(ada.id, "acme", dataset("x", 987654));
	                     }));
	CPPUNIT_ASSERT(rt.access().isAllowed(bob.id, acme.id, ResourceId{r.id}, Permission::ResourceManage));
}


void ResourceServiceTest::testVisibility()
{
	TestRuntime& rt = *_pRuntime;
	Account ada = rt.account("ada");   // owner
	Account bob = rt.account("bob");   // member, default labeler
	Account carl = rt.account("carl"); // member, default none
	Account dina = rt.account("dina"); // member, default none, viewer of the workspace
	Account ed = rt.account("ed");     // admin, default none
	rt.organization(ada, "acme");
	rt.memberships().addMember(ada.id, "acme", member("bob"));
	rt.memberships().addMember(ada.id, "acme", member("carl", "none"));
	rt.memberships().addMember(ada.id, "acme", member("dina", "none"));
	MemberSpec admin = member("ed", "none");
	admin.role = "admin";
	rt.memberships().addMember(ada.id, "acme", admin);
	const Workspace w = rt.workspaces().createWorkspace(ada.id, "acme", "Lab");
	rt.workspaces().setWorkspaceMember(ada.id, "acme", w.id, "dina", "viewer");

	const Resource r1 = rt.resources().createResource(ada.id, "acme", dataset("r1"));
	const Resource r2 = rt.resources().createResource(ada.id, "acme", dataset("r2", w.id));
	const std::vector<Id> all{r1.id, r2.id};

	// Collaborators see theirs (a member holds no organization-wide resources.read).
	CPPUNIT_ASSERT(listed(rt, bob.id, "acme") == ids({r1.id, r2.id}));
	CPPUNIT_ASSERT_EQUAL(std::string("r1"), rt.resources().getResource(bob.id, "acme", r1.id).name);
	// Without a role on it: nothing, and 404.
	CPPUNIT_ASSERT(listed(rt, carl.id, "acme").empty());
	CPPUNIT_ASSERT_EQUAL(std::string("resource_not_found"),
	                     reasonOf<NotFoundException>([&] { rt.resources().getResource(carl.id, "acme", r1.id); }));
	// A workspace role with resources.read: the workspace's resources.
	CPPUNIT_ASSERT(listed(rt, dina.id, "acme") == ids({r2.id}));
	// ... seen, not opened: collaborators need resource.read.
	CPPUNIT_ASSERT_EQUAL(std::string("permission_denied"), reasonOf<ForbiddenException>([&] {
		                     rt.resources().listCollaborators(dina.id, "acme", r2.id, PageRequest());
	                     }));
	// Organization admins and the owner see everything.
	CPPUNIT_ASSERT(listed(rt, ed.id, "acme") == ids({r1.id, r2.id}));
	CPPUNIT_ASSERT(listed(rt, ada.id, "acme") == ids({r1.id, r2.id}));
	for (Id actor : {ada.id, bob.id, carl.id, dina.id, ed.id})
		checkListAgreesWithGet(rt, actor, "acme", all);

	// Filters.
	ResourceQuery q;
	q.workspace = std::to_string(w.id);
	CPPUNIT_ASSERT(listed(rt, bob.id, "acme", q) == ids({r2.id}));
	CPPUNIT_ASSERT(listed(rt, dina.id, "acme", q) == ids({r2.id}));
	CPPUNIT_ASSERT(listed(rt, ada.id, "acme", q) == ids({r2.id}));
	q.workspace = "987654";
	CPPUNIT_ASSERT(listed(rt, ada.id, "acme", q).empty());
	q.workspace = "lab";
	CPPUNIT_ASSERT_EQUAL(std::string("invalid_workspace"),
	                     reasonOf<InvalidInputException>([&] { rt.resources().listResources(ada.id, "acme", q); }));
	q.workspace.clear();
	q.type = "dataset";
	CPPUNIT_ASSERT(listed(rt, bob.id, "acme", q) == ids({r1.id, r2.id}));
	q.type = "project";
	CPPUNIT_ASSERT_EQUAL(std::string("unknown_resource_type"),
	                     reasonOf<InvalidInputException>([&] { rt.resources().listResources(ada.id, "acme", q); }));

	// Changes show at once: carl is made a collaborator, dina leaves the workspace.
	rt.resources().setCollaborator(ada.id, "acme", r1.id, "carl", "labeler");
	rt.workspaces().removeWorkspaceMember(ada.id, "acme", w.id, "dina");
	CPPUNIT_ASSERT(listed(rt, carl.id, "acme") == ids({r1.id}));
	CPPUNIT_ASSERT(listed(rt, dina.id, "acme").empty());
	for (Id actor : {carl.id, dina.id})
		checkListAgreesWithGet(rt, actor, "acme", all);
}


void ResourceServiceTest::testImpliedRoleAndOrganizationWideRead()
{
	_pRuntime.reset(new TestRuntime({
	    {"orgs.roles.organization", "annotator, lead, auditor, admin"},
	    {"orgs.roles.organization.annotator.permissions", "org.read"},
	    {"orgs.roles.organization.lead.permissions", "org.read, workspaces.read"},
	    {"orgs.roles.organization.lead.impliesWorkspaceRole", "viewer"},
	    {"orgs.roles.organization.auditor.permissions", "org.read, resources.read"},
	    {"orgs.roles.organization.admin.permissions", "*"},
	    {"orgs.roles.organization.default", "annotator"},
	    {"orgs.roles.dataset.default", "none"},
	}));
	TestRuntime& rt = *_pRuntime;
	Account ada = rt.account("ada");
	Account ann = rt.account("ann");
	Account lea = rt.account("lea");
	Account aud = rt.account("aud");
	rt.organization(ada, "acme");
	rt.memberships().addMember(ada.id, "acme", "ann", "annotator");
	rt.memberships().addMember(ada.id, "acme", "lea", "lead");
	rt.memberships().addMember(ada.id, "acme", "aud", "auditor");
	const Workspace w = rt.workspaces().createWorkspace(ada.id, "acme", "Lab");
	const Resource inside = rt.resources().createResource(ada.id, "acme", dataset("inside", w.id));
	const Resource outside = rt.resources().createResource(ada.id, "acme", dataset("outside"));
	const std::vector<Id> all{inside.id, outside.id};

	// Organization-wide resources.read: everything.
	CPPUNIT_ASSERT(listed(rt, aud.id, "acme") == ids({inside.id, outside.id}));
	// Nothing at all: nothing.
	CPPUNIT_ASSERT(listed(rt, ann.id, "acme").empty());
	// The implied workspace role (viewer: resources.read) opens the workspace's resources.
	CPPUNIT_ASSERT(listed(rt, lea.id, "acme").count(inside.id) == 1);
	for (Id actor : {ada.id, ann.id, lea.id, aud.id})
		checkListAgreesWithGet(rt, actor, "acme", all);
}


void ResourceServiceTest::testListPagesAcrossGrantsNeitherSkipNorRepeat()
{
	TestRuntime& rt = *_pRuntime;
	Account ada = rt.account("ada");
	Account bob = rt.account("bob");
	rt.organization(ada, "acme");
	rt.memberships().addMember(ada.id, "acme", member("bob", "none"));
	const Workspace w1 = rt.workspaces().createWorkspace(ada.id, "acme", "W1");
	const Workspace w2 = rt.workspaces().createWorkspace(ada.id, "acme", "W2");
	rt.workspaces().setWorkspaceMember(ada.id, "acme", w1.id, "bob", "viewer");
	rt.workspaces().setWorkspaceMember(ada.id, "acme", w2.id, "bob", "editor");

	// Resources bob reads through w1, through w2, as a collaborator, both ways, or not at all.
	std::set<Id> expected;
	std::vector<Id> all;
	for (int i = 0; i < 24; ++i)
	{
		const int kind = i % 6;
		const Id ws = kind == 0 || kind == 3 ? w1.id : (kind == 1 ? w2.id : 0);
		const Resource r = rt.resources().createResource(ada.id, "acme", dataset("r" + std::to_string(i), ws));
		all.push_back(r.id);
		if (kind == 2 || kind == 3)
			rt.resources().setCollaborator(ada.id, "acme", r.id, "bob", "reviewer");
		if (kind != 4 && kind != 5)
			expected.insert(r.id);
	}
	for (int limit : {1, 3, 5, 100})
	{
		ResourceQuery q;
		q.limit = limit;
		CPPUNIT_ASSERT(listed(rt, bob.id, "acme", q) == expected);
	}
	checkListAgreesWithGet(rt, bob.id, "acme", all);

	// Filtered by workspace, each branch still pages correctly.
	ResourceQuery q;
	q.limit = 2;
	q.workspace = std::to_string(w1.id);
	std::set<Id> inW1;
	for (Id id : expected)
	{
		if (rt.resources().getResource(bob.id, "acme", id).workspaceId == w1.id)
			inW1.insert(id);
	}
	CPPUNIT_ASSERT_EQUAL(std::size_t(8), inW1.size());
	CPPUNIT_ASSERT(listed(rt, bob.id, "acme", q) == inW1);
}


void ResourceServiceTest::testCollaboratorChanges()
{
	TestRuntime& rt = *_pRuntime;
	Account ada = rt.account("ada");
	Account bob = rt.account("bob");
	Account cy = rt.account("cy");
	rt.account("olga");
	Organization acme = rt.organization(ada, "acme");
	rt.memberships().addMember(ada.id, "acme", member("bob"));
	rt.memberships().addMember(ada.id, "acme", member("cy", "none"));
	const Resource r = rt.resources().createResource(ada.id, "acme", dataset("cells"));
	const ResourceId R{r.id};

	Collaborator c = rt.resources().setCollaborator(ada.id, "acme", r.id, "cy", "reviewer");
	CPPUNIT_ASSERT_EQUAL(r.id, c.resourceId);
	CPPUNIT_ASSERT_EQUAL(cy.id, c.accountId);
	CPPUNIT_ASSERT_EQUAL(std::string("cy"), c.username);
	CPPUNIT_ASSERT_EQUAL(std::string("Test cy"), c.name);
	CPPUNIT_ASSERT_EQUAL(std::string("reviewer"), c.role);
	CPPUNIT_ASSERT(rt.access().isAllowed(cy.id, acme.id, R, Permission::ResourceReview));

	c = rt.resources().setCollaborator(ada.id, "acme", r.id, std::to_string(cy.id), "manager");
	CPPUNIT_ASSERT_EQUAL(std::string("manager"), c.role);
	CPPUNIT_ASSERT(rt.access().isAllowed(cy.id, acme.id, R, Permission::ResourceWrite));

	// "none" removes, like DELETE; setting it again changes nothing.
	c = rt.resources().setCollaborator(ada.id, "acme", r.id, "cy", "none");
	CPPUNIT_ASSERT_EQUAL(std::string("none"), c.role);
	CPPUNIT_ASSERT(!rt.access().isAllowed(cy.id, acme.id, R, Permission::ResourceRead));
	CPPUNIT_ASSERT(collaborators(rt, ada.id, "acme", r.id).count("cy") == 0);
	rt.resources().setCollaborator(ada.id, "acme", r.id, "cy", "none");

	rt.resources().removeCollaborator(ada.id, "acme", r.id, "bob");
	CPPUNIT_ASSERT(!rt.access().isAllowed(bob.id, acme.id, R, Permission::ResourceRead));
	CPPUNIT_ASSERT_EQUAL(std::string("collaborator_not_found"), reasonOf<NotFoundException>([&] {
		                     rt.resources().removeCollaborator(ada.id, "acme", r.id, "bob");
	                     }));
	std::map<std::string, std::string> expected{{"ada", "admin"}};
	CPPUNIT_ASSERT(expected == collaborators(rt, ada.id, "acme", r.id));

	// Refusals.
	CPPUNIT_ASSERT_EQUAL(std::string("not_a_member"), reasonOf<ConflictException>([&] {
		                     rt.resources().setCollaborator(ada.id, "acme", r.id, "olga", "labeler");
	                     }));
	CPPUNIT_ASSERT_EQUAL(std::string("account_not_found"), reasonOf<NotFoundException>([&] {
		                     rt.resources().setCollaborator(ada.id, "acme", r.id, "nobody", "labeler");
	                     }));
	CPPUNIT_ASSERT_EQUAL(std::string("unknown_role"), reasonOf<InvalidInputException>([&] {
		                     rt.resources().setCollaborator(ada.id, "acme", r.id, "bob", "editor"); // a workspace role
	                     }));
	CPPUNIT_ASSERT_EQUAL(std::string("unknown_role"), reasonOf<InvalidInputException>([&] {
		                     rt.resources().setCollaborator(ada.id, "acme", r.id, "bob", "");
	                     }));

	// A labeler reads the collaborators but does not manage them; a dataset admin does.
	rt.resources().setCollaborator(ada.id, "acme", r.id, "bob", "labeler");
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), collaborators(rt, bob.id, "acme", r.id).size());
	CPPUNIT_ASSERT_EQUAL(std::string("permission_denied"), reasonOf<ForbiddenException>([&] {
		                     rt.resources().setCollaborator(bob.id, "acme", r.id, "cy", "labeler");
	                     }));
	CPPUNIT_ASSERT_EQUAL(std::string("permission_denied"), reasonOf<ForbiddenException>([&] {
		                     rt.resources().removeCollaborator(bob.id, "acme", r.id, "ada");
	                     }));
	rt.resources().setCollaborator(ada.id, "acme", r.id, "cy", "admin");
	rt.resources().setCollaborator(cy.id, "acme", r.id, "bob", "reviewer");
	CPPUNIT_ASSERT_EQUAL(std::string("reviewer"), collaborators(rt, cy.id, "acme", r.id)["bob"]);
	// Removing the creator's role keeps the attribution.
	rt.resources().removeCollaborator(cy.id, "acme", r.id, "ada");
	CPPUNIT_ASSERT_EQUAL(ada.id, rt.resources().getResource(cy.id, "acme", r.id).createdBy);
}


void ResourceServiceTest::testNobodyGrantsMoreThanTheyHold()
{
	// A dataset manager who manages collaborators but holds no more than resource.read.
	_pRuntime.reset(new TestRuntime({
	    {"orgs.roles.dataset", "none, labeler, manager, admin"},
	    {"orgs.roles.dataset.manager.permissions", "resource.read, resource.manage"},
	}));
	TestRuntime& rt = *_pRuntime;
	Account ada = rt.account("ada");
	Account max = rt.account("max");
	rt.account("bob");
	rt.account("cy");
	rt.organization(ada, "acme");
	rt.memberships().addMember(ada.id, "acme", member("max", "none"));
	rt.memberships().addMember(ada.id, "acme", member("bob", "none"));
	rt.memberships().addMember(ada.id, "acme", member("cy", "none"));
	const Resource r = rt.resources().createResource(ada.id, "acme", dataset("cells"));
	rt.resources().setCollaborator(ada.id, "acme", r.id, "max", "manager");
	rt.resources().setCollaborator(ada.id, "acme", r.id, "cy", "admin");

	CPPUNIT_ASSERT_EQUAL(std::string("role_exceeds_own"), reasonOf<ForbiddenException>([&] {
		                     rt.resources().setCollaborator(max.id, "acme", r.id, "bob", "admin");
	                     }));
	CPPUNIT_ASSERT_EQUAL(std::string("role_exceeds_own"), reasonOf<ForbiddenException>([&] {
		                     rt.resources().setCollaborator(max.id, "acme", r.id, "bob",
		                                                    "labeler"); // resource.label: not held
	                     }));
	CPPUNIT_ASSERT_EQUAL(std::string("role_exceeds_own"), reasonOf<ForbiddenException>([&] {
		                     rt.resources().setCollaborator(max.id, "acme", r.id, "cy",
		                                                    "none"); // cy holds more than max
	                     }));
	CPPUNIT_ASSERT_EQUAL(std::string("role_exceeds_own"), reasonOf<ForbiddenException>([&] {
		                     rt.resources().removeCollaborator(max.id, "acme", r.id, "cy");
	                     }));
	rt.resources().setCollaborator(max.id, "acme", r.id, "bob", "manager");
	rt.resources().removeCollaborator(max.id, "acme", r.id, "bob");
}


void ResourceServiceTest::testDelete()
{
	TestRuntime& rt = *_pRuntime;
	Account ada = rt.account("ada");
	Account bob = rt.account("bob");
	Account cy = rt.account("cy");
	Account ed = rt.account("ed");
	Organization acme = rt.organization(ada, "acme");
	rt.memberships().addMember(ada.id, "acme", member("bob"));
	rt.memberships().addMember(ada.id, "acme", member("cy"));
	rt.memberships().addMember(ada.id, "acme", "ed", "admin");
	const Resource r1 = rt.resources().createResource(ada.id, "acme", dataset("r1"));
	const Resource r2 = rt.resources().createResource(ada.id, "acme", dataset("r2"));
	const Resource r3 = rt.resources().createResource(ada.id, "acme", dataset("r3"));

	// A labeler may not; the resource's admin may (resource.manage); so may an organization admin.
	CPPUNIT_ASSERT_EQUAL(std::string("permission_denied"),
	                     reasonOf<ForbiddenException>([&] { rt.resources().deleteResource(bob.id, "acme", r1.id); }));
	rt.resources().setCollaborator(ada.id, "acme", r1.id, "cy", "admin");
	rt.resources().deleteResource(cy.id, "acme", r1.id);
	rt.resources().deleteResource(ed.id, "acme", r2.id);
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(0),
	                     rt.scalar("SELECT COUNT(*) FROM resource_collaborators WHERE resource_id = ?", r1.id));
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(0), rt.scalar("SELECT COUNT(*) FROM resources WHERE id = ?", r2.id));
	for (Id gone : {r1.id, r2.id})
	{
		CPPUNIT_ASSERT_EQUAL(std::string("resource_not_found"),
		                     reasonOf<NotFoundException>([&] { rt.resources().getResource(ada.id, "acme", gone); }));
		CPPUNIT_ASSERT_EQUAL(std::string("resource_not_found"),
		                     reasonOf<NotFoundException>([&] { rt.resources().deleteResource(ada.id, "acme", gone); }));
		CPPUNIT_ASSERT(!rt.access().isAllowed(bob.id, acme.id, ResourceId{gone}, Permission::ResourceRead));
	}
	CPPUNIT_ASSERT(listed(rt, bob.id, "acme") == ids({r3.id}));
}


void ResourceServiceTest::testRemovingMemberKeepsAttribution()
{
	TestRuntime& rt = *_pRuntime;
	Account ada = rt.account("ada");
	Account bob = rt.account("bob");
	Organization acme = rt.organization(ada, "acme");
	rt.memberships().addMember(ada.id, "acme", member("bob"));
	const Workspace w = rt.workspaces().createWorkspace(ada.id, "acme", "Lab");
	rt.workspaces().setWorkspaceMember(ada.id, "acme", w.id, "bob", "editor");
	const Resource mine = rt.resources().createResource(bob.id, "acme", dataset("bob's", w.id));
	const Resource theirs = rt.resources().createResource(ada.id, "acme", dataset("ada's"));
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(2),
	                     rt.scalar("SELECT COUNT(*) FROM resource_collaborators WHERE account_id = ?", bob.id));

	rt.memberships().removeMember(ada.id, "acme", "bob");
	// Access is gone, in the same transaction: collaborator rows and workspace memberships.
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(0),
	                     rt.scalar("SELECT COUNT(*) FROM resource_collaborators WHERE account_id = ?", bob.id));
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(0),
	                     rt.scalar("SELECT COUNT(*) FROM workspace_members WHERE account_id = ?", bob.id));
	CPPUNIT_ASSERT(!rt.access().isAllowed(bob.id, acme.id, ResourceId{mine.id}, Permission::ResourceRead));
	CPPUNIT_ASSERT_EQUAL(std::string("organization_not_found"),
	                     reasonOf<NotFoundException>([&] { rt.resources().getResource(bob.id, "acme", mine.id); }));
	// The work stays, attributed to bob.
	const Resource kept = rt.resources().getResource(ada.id, "acme", mine.id);
	CPPUNIT_ASSERT_EQUAL(bob.id, kept.createdBy);
	CPPUNIT_ASSERT_EQUAL(w.id, kept.workspaceId.value());
	CPPUNIT_ASSERT(collaborators(rt, ada.id, "acme", mine.id).count("bob") == 0);
	CPPUNIT_ASSERT(collaborators(rt, ada.id, "acme", theirs.id).count("bob") == 0);

	// Back in the organization, bob gets nothing back (but new resources add him again).
	rt.memberships().addMember(ada.id, "acme", member("bob"));
	CPPUNIT_ASSERT(listed(rt, bob.id, "acme").empty());
	const Resource next = rt.resources().createResource(ada.id, "acme", dataset("next"));
	CPPUNIT_ASSERT(listed(rt, bob.id, "acme") == ids({next.id}));
}


void ResourceServiceTest::testNotFoundVersusForbidden()
{
	TestRuntime& rt = *_pRuntime;
	Account ada = rt.account("ada");
	Account bob = rt.account("bob");
	Account carl = rt.account("carl");
	Account nina = rt.account("nina");
	Account olga = rt.account("olga");
	rt.organization(ada, "acme");
	rt.organization(olga, "globex");
	rt.memberships().addMember(ada.id, "acme", member("bob"));
	rt.memberships().addMember(ada.id, "acme", member("carl", "none"));
	const Resource r = rt.resources().createResource(ada.id, "acme", dataset("cells"));
	const Resource foreign = rt.resources().createResource(olga.id, "globex", dataset("theirs"));

	for (const auto& call : std::vector<std::function<void()>>{
	         [&] { rt.resources().createResource(nina.id, "acme", dataset("x")); },
	         [&] { rt.resources().listResources(nina.id, "acme", ResourceQuery()); },
	         [&] { rt.resources().getResource(nina.id, "acme", r.id); },
	         [&] { rt.resources().deleteResource(nina.id, "acme", r.id); },
	         [&] { rt.resources().listCollaborators(nina.id, "acme", r.id, PageRequest()); },
	         [&] { rt.resources().setCollaborator(nina.id, "acme", r.id, "bob", "labeler"); },
	         [&] { rt.resources().removeCollaborator(nina.id, "acme", r.id, "bob"); },
	     })
		CPPUNIT_ASSERT_EQUAL(std::string("organization_not_found"), reasonOf<NotFoundException>(call));

	// bob sees it (labeler): 403 for what its role lacks.
	CPPUNIT_ASSERT_EQUAL(std::string("permission_denied"),
	                     reasonOf<ForbiddenException>([&] { rt.resources().deleteResource(bob.id, "acme", r.id); }));
	CPPUNIT_ASSERT_EQUAL(std::string("permission_denied"), reasonOf<ForbiddenException>([&] {
		                     rt.resources().setCollaborator(bob.id, "acme", r.id, "carl", "labeler");
	                     }));
	// carl does not see it: 404 for everything about it.
	for (const auto& call : std::vector<std::function<void()>>{
	         [&] { rt.resources().getResource(carl.id, "acme", r.id); },
	         [&] { rt.resources().deleteResource(carl.id, "acme", r.id); },
	         [&] { rt.resources().listCollaborators(carl.id, "acme", r.id, PageRequest()); },
	         [&] { rt.resources().setCollaborator(carl.id, "acme", r.id, "carl", "admin"); },
	         [&] { rt.resources().removeCollaborator(carl.id, "acme", r.id, "bob"); },
	     })
		CPPUNIT_ASSERT_EQUAL(std::string("resource_not_found"), reasonOf<NotFoundException>(call));
	// Another organization's resource, or none: 404, even for the owner.
	CPPUNIT_ASSERT_EQUAL(std::string("resource_not_found"),
	                     reasonOf<NotFoundException>([&] { rt.resources().getResource(ada.id, "acme", foreign.id); }));
	CPPUNIT_ASSERT_EQUAL(std::string("resource_not_found"), reasonOf<NotFoundException>([&] {
		                     rt.resources().deleteResource(ada.id, "acme", foreign.id);
	                     }));
	CPPUNIT_ASSERT_EQUAL(std::string("resource_not_found"), reasonOf<NotFoundException>([&] {
		                     rt.resources().setCollaborator(ada.id, "acme", 987654, "bob", "labeler");
	                     }));
	CPPUNIT_ASSERT_EQUAL(std::string("theirs"), rt.resources().getResource(olga.id, "globex", foreign.id).name);
}


void ResourceServiceTest::testEveryAccessChangeBumpsAclVersion()
{
	TestRuntime& rt = *_pRuntime;
	Account ada = rt.account("ada");
	rt.account("bob");
	Organization acme = rt.organization(ada, "acme");
	rt.memberships().addMember(ada.id, "acme", member("bob", "none"));
	Poco::Int64 v = rt.aclVersion(acme.id);
	auto bumped = [&]() {
		const Poco::Int64 next = rt.aclVersion(acme.id);
		const bool changed = next > v;
		v = next;
		return changed;
	};
	const Resource r = rt.resources().createResource(ada.id, "acme", dataset("cells"));
	CPPUNIT_ASSERT(bumped());
	rt.resources().setCollaborator(ada.id, "acme", r.id, "bob", "labeler");
	CPPUNIT_ASSERT(bumped());
	rt.resources().setCollaborator(ada.id, "acme", r.id, "bob", "labeler");
	CPPUNIT_ASSERT(!bumped());
	rt.resources().setCollaborator(ada.id, "acme", r.id, "bob", "reviewer");
	CPPUNIT_ASSERT(bumped());
	rt.resources().setCollaborator(ada.id, "acme", r.id, "bob", "none");
	CPPUNIT_ASSERT(bumped());
	rt.resources().setCollaborator(ada.id, "acme", r.id, "bob", "admin");
	rt.resources().removeCollaborator(ada.id, "acme", r.id, "bob");
	CPPUNIT_ASSERT(bumped());
	rt.resources().listResources(ada.id, "acme", ResourceQuery());
	CPPUNIT_ASSERT(!bumped());
	rt.resources().deleteResource(ada.id, "acme", r.id);
	CPPUNIT_ASSERT(bumped());
}


void ResourceServiceTest::testDeleteOrganizationWithWorkspacesAndResources()
{
	Test::ManualClock::Ptr pClock = new Test::ManualClock;
	_pRuntime.reset(new TestRuntime(TestRuntime::Settings(), pClock));
	TestRuntime& rt = *_pRuntime;
	Account ada = rt.account("ada");
	Account bob = rt.account("bob");
	Organization acme = rt.organization(ada, "acme");
	rt.memberships().addMember(ada.id, "acme", member("bob"));
	const Workspace w = rt.workspaces().createWorkspace(ada.id, "acme", "Lab");
	rt.workspaces().setWorkspaceMember(ada.id, "acme", w.id, "bob", "editor");
	rt.resources().createResource(ada.id, "acme", dataset("inside", w.id));
	rt.resources().createResource(bob.id, "acme", dataset("by bob", w.id));
	rt.resources().createResource(ada.id, "acme", dataset("outside"));

	rt.organizations().deleteOrganization(ada.id, "acme");
	// Kept while the organization can be restored; gone with the purge.
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(3),
	                     rt.scalar("SELECT COUNT(*) FROM resources WHERE organization_id = ?", acme.id));
	CPPUNIT_ASSERT_EQUAL(0, rt.runtime().purgeDeletedOrganizations());
	pClock->advance(Poco::Timespan(30, 0, 0, 0, 0));
	CPPUNIT_ASSERT_EQUAL(1, rt.runtime().purgeDeletedOrganizations());
	for (const char* table : {"workspaces", "workspace_members", "resources", "resource_collaborators"})
	{
		CPPUNIT_ASSERT_EQUAL_MESSAGE(
		    table, Poco::Int64(0),
		    rt.scalar(std::string("SELECT COUNT(*) FROM ") + table + " WHERE organization_id = ?", acme.id));
	}
	// The accounts stay.
	CPPUNIT_ASSERT_EQUAL(bob.id, rt.accounts().findAccount("bob").id);
}
