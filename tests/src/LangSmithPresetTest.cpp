//
// LangSmithPresetTest.cpp
//
// Library: OrgsTests
// Package: EndToEnd
// Module:  LangSmithPresetTest
//


#include "LangSmithPresetTest.h"
#include "support/Suites.h"
#include "support/HttpAssert.h"
#include "support/ReplayWorld.h"
#include "Poco/JSON/Array.h"
#include "Poco/JSON/Object.h"
#include <memory>
#include <set>
#include <string>


using Orgs::Test::HttpClient;
using Orgs::Test::json;
using Response = Orgs::Test::HttpClient::Response;


ORGS_TEST_SUITE(LangSmithPresetTest, "LangSmithPreset", DATABASE);


namespace {


const std::string API("/api/v1");


using User = Orgs::Test::ReplayWorld::User;


class LangSmith : public Orgs::Test::ReplayWorld
	/// orgs-host with orgs.preset = langsmith on a fresh database, and the steps of the seed.
	/// signUp() is "when you log in for the first time": the account, with its personal organization.
{
public:
	LangSmith()
	    // The invitee's token in the answer, without a mailbox.
	    : ReplayWorld("langsmith", Orgs::Test::HostProcess::Defines{{"orgs.invitations.exposeToken", "true"}})
	{
	}

	void sharedOrganization(const User& owner, const std::string& org, const std::string& plan)
		/// "click + New", then "set up billing" (the owner changes the plan).
	{
		organization(owner, org);
		if (plan != "free")
			ASSERT_STATUS(patch("/orgs/" + org, json({{"plan", plan}}), owner), 200);
	}

	Poco::Int64 workspaceId(const std::string& org, const std::string& name, const User& u)
	{
		Response r = get("/orgs/" + org + "/workspaces", u);
		ASSERT_STATUS(r, 200);
		Poco::JSON::Array::Ptr items = r.json()->getArray("items");
		for (std::size_t i = 0; i < items->size(); ++i)
		{
			Poco::JSON::Object::Ptr w = items->getObject(static_cast<unsigned>(i));
			if (w->getValue<std::string>("name") == name)
				return w->getValue<Poco::Int64>("id");
		}
		CPPUNIT_FAIL("no workspace '" + name + "' in " + org);
		return 0;
	}

	std::set<std::string> workspaceNames(const std::string& org, const User& u)
	{
		Response r = get("/orgs/" + org + "/workspaces", u);
		ASSERT_STATUS(r, 200);
		std::set<std::string> names;
		Poco::JSON::Array::Ptr items = r.json()->getArray("items");
		for (std::size_t i = 0; i < items->size(); ++i)
			names.insert(items->getObject(static_cast<unsigned>(i))->getValue<std::string>("name"));
		return names;
	}

	Response invite(const User& actor, const std::string& org, const std::string& email, const std::string& role,
	                Poco::Int64 workspace = 0, const std::string& workspaceRole = std::string())
		/// "Invite new users to your organization, selecting workspace membership and workspace role".
	{
		std::string body = "{\"email\":\"" + email + "\"";
		if (!role.empty())
			body += ",\"role\":\"" + role + "\"";
		if (workspace)
			body += ",\"workspaces\":[{\"id\":" + std::to_string(workspace) + ",\"role\":\"" + workspaceRole + "\"}]";
		body += "}";
		return post("/orgs/" + org + "/invitations", body, actor);
	}

	User join(const User& inviter, const std::string& org, const std::string& username, const std::string& role,
	          Poco::Int64 workspace = 0, const std::string& workspaceRole = std::string())
		/// Signs up, is invited and accepts.
	{
		User u = signUp(username);
		Response r = invite(inviter, org, username + "@example.com", role, workspace, workspaceRole);
		ASSERT_STATUS(r, 201);
		ASSERT_STATUS(post("/invitations/" + r.json()->getValue<std::string>("token") + "/accept", "", u), 201);
		return u;
	}

	std::string roleOf(const std::string& org, const User& member, const User& asker)
	{
		Response r = get("/orgs/" + org + "/members/" + member.username, asker);
		ASSERT_STATUS(r, 200);
		return r.json()->getValue<std::string>("role");
	}
};


std::string personalOrganization(LangSmith& ls, const User& u)
{
	Response r = ls.get("/orgs", u);
	ASSERT_STATUS(r, 200);
	Poco::JSON::Array::Ptr items = r.json()->getArray("items");
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), items->size());
	Poco::JSON::Object::Ptr o = items->getObject(0);
	CPPUNIT_ASSERT(o->getValue<bool>("personal"));
	CPPUNIT_ASSERT_EQUAL(u.id, o->getValue<Poco::Int64>("owner_account_id"));
	return o->getValue<std::string>("username");
}


} // namespace


void LangSmithPresetTest::testCreateAnOrganization()
{
	LangSmith ls;
	// "When you log in for the first time, a personal organization will be created for you
	// automatically."
	const User ada = ls.signUp("ada");
	const User bob = ls.signUp("bob");
	const std::string personal = personalOrganization(ls, ada);
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), ls.workspaceNames(personal, ada).count("Workspace 1"));
	// The personal organization is for one person: it cannot invite or add anyone.
	ASSERT_PROBLEM(ls.invite(ada, personal, "bob@example.com", ""), 409, "personal_organization");
	ASSERT_PROBLEM(ls.post("/orgs/" + personal + "/members", json({{"username", "bob"}}), ada), 409,
	               "personal_organization");

	// "If you'd like to collaborate with others, you can create a separate organization and
	// invite your team members to join ... click + New."
	Response created = ls.post("/orgs", json({{"username", "acme"}, {"title", "Acme"}}), ada);
	ASSERT_STATUS(created, 201);
	CPPUNIT_ASSERT_EQUAL(std::string("free"), created.json()->getValue<std::string>("plan"));
	CPPUNIT_ASSERT(!created.json()->getValue<bool>("personal"));

	// "Shared organizations require a credit card before they can be used": on the free plan
	// nobody joins, by invitation or directly.
	ASSERT_PROBLEM(ls.invite(ada, "acme", "bob@example.com", ""), 403, "plan_requires_upgrade");
	ASSERT_PROBLEM(ls.post("/orgs/acme/members", json({{"username", "bob"}}), ada), 403, "plan_requires_upgrade");

	// "You will need to set up billing to proceed": the owner moves to a paying plan.
	ASSERT_STATUS(ls.patch("/orgs/acme", json({{"plan", "plus"}}), ada), 200);
	Response invited = ls.invite(ada, "acme", "bob@example.com", "");
	ASSERT_STATUS(invited, 201);
	ASSERT_STATUS(ls.post("/invitations/" + invited.json()->getValue<std::string>("token") + "/accept", "", bob), 201);
	ASSERT_STATUS(ls.get("/orgs/acme", bob), 200);

	// Back on the free plan the organization keeps its members but takes no new ones.
	ASSERT_STATUS(ls.patch("/orgs/acme", json({{"plan", "free"}}), ada), 200);
	ls.signUp("cy");
	ASSERT_PROBLEM(ls.invite(ada, "acme", "cy@example.com", ""), 403, "plan_requires_upgrade");
	// Any account may create organizations while a member of others.
	ASSERT_STATUS(ls.post("/orgs", json({{"username", "bobco"}, {"title", "Bob Co"}}), bob), 201);
}


void LangSmithPresetTest::testManageAndNavigateWorkspaces()
{
	LangSmith ls;
	const User ada = ls.signUp("ada");
	// "Once you've subscribed to a plan that allows for multiple users per organization, you can
	// set up workspaces": on the free and plus plans one workspace, on enterprise more.
	ls.sharedOrganization(ada, "acme", "plus");
	CPPUNIT_ASSERT(ls.workspaceNames("acme", ada) == std::set<std::string>{"Workspace 1"});
	ASSERT_PROBLEM(ls.post("/orgs/acme/workspaces", json({{"name", "Research"}}), ada), 409, "plan_limit");
	ASSERT_STATUS(ls.patch("/orgs/acme", json({{"plan", "enterprise"}}), ada), 200);
	ASSERT_STATUS(ls.post("/orgs/acme/workspaces", json({{"name", "Research"}}), ada), 201);
	ASSERT_STATUS(ls.post("/orgs/acme/workspaces", json({{"name", "Support"}}), ada), 201);
	const Poco::Int64 ws1 = ls.workspaceId("acme", "Workspace 1", ada);
	const Poco::Int64 research = ls.workspaceId("acme", "Research", ada);

	// "isolate LangSmith resources between different groups of users": an Organization User
	// belongs to the workspaces chosen for it and sees nothing of the others.
	const User bob = ls.join(ada, "acme", "bob", "user", research, "editor");
	const User cy = ls.join(ada, "acme", "cy", "user", ws1, "viewer");
	CPPUNIT_ASSERT(ls.workspaceNames("acme", bob) == std::set<std::string>{"Research"});
	CPPUNIT_ASSERT(ls.workspaceNames("acme", cy) == std::set<std::string>{"Workspace 1"});
	ASSERT_PROBLEM(ls.get("/orgs/acme/workspaces/" + std::to_string(ws1), bob), 404, "workspace_not_found");
	// The picker lists every workspace for an Organization Admin.
	CPPUNIT_ASSERT_EQUAL(std::size_t(3), ls.workspaceNames("acme", ada).size());

	// "access the resources within each workspace (trace projects, annotation queues, etc.)".
	Response project =
	    ls.post("/orgs/acme/resources",
	            "{\"type\":\"project\",\"name\":\"traces\",\"workspace\":" + std::to_string(research) + "}", bob);
	ASSERT_STATUS(project, 201);
	const std::string projectPath =
	    "/orgs/acme/resources/" + std::to_string(project.json()->getValue<Poco::Int64>("id"));
	ASSERT_STATUS(ls.get(projectPath, bob), 200);
	ASSERT_STATUS(ls.get(projectPath, ada), 200);
	ASSERT_PROBLEM(ls.get(projectPath, cy), 404, "resource_not_found");
	ASSERT_PROBLEM(ls.post("/orgs/acme/resources",
	                       "{\"type\":\"project\",\"name\":\"q\",\"workspace\":" + std::to_string(ws1) + "}", bob),
	               404, "workspace_not_found");
	ASSERT_PROBLEM(ls.post("/orgs/acme/resources",
	                       "{\"type\":\"project\",\"name\":\"q\",\"workspace\":" + std::to_string(ws1) + "}", cy),
	               403, "permission_denied");
	// A viewer reads its workspace's projects but creates none.
	Response queue =
	    ls.post("/orgs/acme/resources",
	            "{\"type\":\"project\",\"name\":\"queue\",\"workspace\":" + std::to_string(ws1) + "}", ada);
	ASSERT_STATUS(queue, 201);
	ASSERT_STATUS(ls.get("/orgs/acme/resources/" + std::to_string(queue.json()->getValue<Poco::Int64>("id")), cy), 200);
}


void LangSmithPresetTest::testManageUsers()
{
	LangSmith ls;
	const User ada = ls.signUp("ada");
	ls.sharedOrganization(ada, "acme", "enterprise");
	ASSERT_STATUS(ls.post("/orgs/acme/workspaces", json({{"name", "Research"}}), ada), 201);
	const Poco::Int64 research = ls.workspaceId("acme", "Research", ada);

	// "Invite new users to your organization, selecting workspace membership and (if RBAC is
	// enabled) workspace role".
	const User bob = ls.join(ada, "acme", "bob", "user", research, "editor");
	CPPUNIT_ASSERT_EQUAL(std::string("user"), ls.roleOf("acme", bob, ada));
	Response wsMembers = ls.get("/orgs/acme/workspaces/" + std::to_string(research) + "/members", ada);
	ASSERT_STATUS(wsMembers, 200);
	bool editor = false;
	Poco::JSON::Array::Ptr items = wsMembers.json()->getArray("items");
	for (std::size_t i = 0; i < items->size(); ++i)
	{
		Poco::JSON::Object::Ptr m = items->getObject(static_cast<unsigned>(i));
		editor =
		    editor || (m->getValue<std::string>("username") == "bob" && m->getValue<std::string>("role") == "editor");
	}
	CPPUNIT_ASSERT(editor);
	ls.signUp("dan");
	ASSERT_PROBLEM(ls.invite(ada, "acme", "dan@example.com", "user", research, "owner"), 400, "unknown_role");
	ASSERT_PROBLEM(ls.invite(ada, "acme", "dan@example.com", "boss"), 400, "unknown_role");
	// Managing membership is an organization-level write: not for an Organization User.
	ASSERT_PROBLEM(ls.invite(bob, "acme", "dan@example.com", "user"), 403, "permission_denied");

	// "Edit a user's organization role".
	ASSERT_STATUS(ls.patch("/orgs/acme/members/bob", json({{"role", "admin"}}), ada), 200);
	CPPUNIT_ASSERT_EQUAL(std::string("admin"), ls.roleOf("acme", bob, ada));
	ASSERT_STATUS(ls.invite(bob, "acme", "dan@example.com", "user"), 201); // now an Organization Admin
	ASSERT_STATUS(ls.patch("/orgs/acme/members/bob", json({{"role", "user"}}), ada), 200);
	CPPUNIT_ASSERT_EQUAL(std::string("user"), ls.roleOf("acme", bob, ada));
	ASSERT_PROBLEM(ls.patch("/orgs/acme/members/" + ada.username, json({{"role", "user"}}), ada), 409,
	               "owner_immutable");

	// "Remove users from your organization".
	ASSERT_PROBLEM(ls.del("/orgs/acme/members/ada", bob), 403, "permission_denied");
	ASSERT_STATUS(ls.del("/orgs/acme/members/bob", ada), 204);
	ASSERT_PROBLEM(ls.get("/orgs/acme", bob), 404, "organization_not_found");
	ASSERT_PROBLEM(ls.get("/orgs/acme/workspaces/" + std::to_string(research), bob), 404, "organization_not_found");
}


void LangSmithPresetTest::testOrganizationRoles()
{
	LangSmith ls;
	const User ada = ls.signUp("ada");
	ls.sharedOrganization(ada, "acme", "enterprise");
	ASSERT_STATUS(ls.post("/orgs/acme/workspaces", json({{"name", "Research"}}), ada), 201);
	const Poco::Int64 research = ls.workspaceId("acme", "Research", ada);
	const std::string researchPath = "/orgs/acme/workspaces/" + std::to_string(research);

	// "Organization Admin grants full access to manage all organization configuration, users,
	// billing, and workspaces. Any Organization Admin has Admin access to all workspaces."
	const User root = ls.join(ada, "acme", "root", "admin");
	const User bob = ls.join(ada, "acme", "bob", "user");
	ASSERT_STATUS(ls.patch(researchPath, json({{"name", "Research Lab"}}), root), 200);
	ASSERT_STATUS(ls.put(researchPath + "/members/bob", json({{"role", "viewer"}}), root), 200);
	ASSERT_STATUS(ls.patch("/orgs/acme", json({{"title", "Acme Inc"}}), root), 200);
	ASSERT_STATUS(ls.get("/orgs/acme/usage", root), 200);
	// ... billing: the plan is theirs to change as it is the owner's (billing.manage; below).
	Response roles = ls.get("/roles", root);
	ASSERT_STATUS(roles, 200);
	CPPUNIT_ASSERT_MESSAGE(roles.body, roles.body.find("billing.manage") != std::string::npos);

	// "Organization User may read organization information but cannot execute any write actions
	// at the organization level", and "can be added to a subset of workspaces and assigned
	// workspace roles as usual".
	ASSERT_STATUS(ls.get("/orgs/acme", bob), 200);
	ASSERT_STATUS(ls.get("/orgs/acme/members", bob), 200);
	ASSERT_STATUS(ls.get("/orgs/acme/invitations", bob), 200);
	ASSERT_PROBLEM(ls.patch("/orgs/acme", json({{"title", "Mine"}}), bob), 403, "permission_denied");
	ASSERT_PROBLEM(ls.patch("/orgs/acme", json({{"plan", "plus"}}), bob), 403, "permission_denied");
	ASSERT_PROBLEM(ls.post("/orgs/acme/workspaces", json({{"name", "Mine"}}), bob), 403, "permission_denied");
	ls.signUp("eve");
	ASSERT_PROBLEM(ls.post("/orgs/acme/members", json({{"username", "eve"}}), bob), 403, "permission_denied");
	ASSERT_PROBLEM(ls.patch("/orgs/acme/members/root", json({{"role", "user"}}), bob), 403, "permission_denied");
	ASSERT_PROBLEM(ls.patch(researchPath, json({{"name", "Mine"}}), bob), 403, "permission_denied"); // a viewer
	CPPUNIT_ASSERT(ls.workspaceNames("acme", bob) == std::set<std::string>{"Research Lab"});

	// "Organizations on the Enterprise plan may set up custom workspace roles in the Roles tab."
	Response role = ls.post("/orgs/acme/roles",
	                        "{\"scope\":\"workspace\",\"name\":\"annotator\",\"description\":\"Annotates traces\","
	                        "\"permissions\":[\"workspace.read\",\"resources.read\",\"resource.write\"]}",
	                        ada);
	ASSERT_STATUS(role, 201);
	CPPUNIT_ASSERT(role.json()->getValue<bool>("custom"));
	ASSERT_PROBLEM(
	    ls.post("/orgs/acme/roles", "{\"scope\":\"workspace\",\"name\":\"x\",\"permissions\":[\"members.add\"]}", ada),
	    400, "permission_not_in_scope");
	ASSERT_PROBLEM(ls.post("/orgs/acme/roles",
	                       "{\"scope\":\"workspace\",\"name\":\"x\",\"permissions\":[\"workspace.read\"]}", bob),
	               403, "permission_denied");
	// "Custom organization-scoped roles are not available yet."
	ASSERT_PROBLEM(ls.post("/orgs/acme/roles",
	                       "{\"scope\":\"organization\",\"name\":\"billing\",\"permissions\":[\"plan.read\"]}", ada),
	               400, "invalid_scope");
	ASSERT_PROBLEM(ls.post("/orgs/acme/roles",
	                       "{\"scope\":\"workspace\",\"name\":\"editor\",\"permissions\":[\"workspace.read\"]}", ada),
	               409, "role_exists");
	ASSERT_STATUS(ls.put(researchPath + "/members/bob", json({{"role", "annotator"}}), root), 200);
	Response listed = ls.get("/orgs/acme/roles", bob);
	ASSERT_STATUS(listed, 200);
	CPPUNIT_ASSERT(listed.json()->getArray("items")->size() >= 8); // 3 workspace + 4 project + annotator
	ASSERT_PROBLEM(ls.del("/orgs/acme/roles/annotator?scope=workspace", ada), 409, "role_in_use");
	ASSERT_STATUS(ls.patch("/orgs/acme/roles/annotator?scope=workspace",
	                       "{\"permissions\":[\"workspace.read\",\"workspace.update\"]}", ada),
	              200);
	ASSERT_STATUS(ls.patch(researchPath, json({{"name", "Renamed by bob"}}), bob), 200); // at once

	// "The Organization User role is only available in organizations on plans with multiple
	// workspaces. In organizations limited to a single workspace, all users are Organization Admins."
	// The Organization Admin manages billing: root, not the owner, changes the plan.
	ASSERT_STATUS(ls.del(researchPath, ada), 204);
	Response changed = ls.patch("/orgs/acme", json({{"plan", "plus"}}), root);
	ASSERT_STATUS(changed, 200);
	CPPUNIT_ASSERT_EQUAL(std::string("plus"), changed.json()->getValue<std::string>("plan"));
	Response audit = ls.get("/orgs/acme/audit?action=organization.plan_changed", ada);
	ASSERT_STATUS(audit, 200);
	CPPUNIT_ASSERT_EQUAL(
	    root.id, audit.json()->getArray("items")->getObject(0)->getObject("actor")->getValue<Poco::Int64>("id"));
	CPPUNIT_ASSERT_EQUAL(std::string("admin"), ls.roleOf("acme", bob, ada));
	ASSERT_PROBLEM(ls.patch("/orgs/acme/members/bob", json({{"role", "user"}}), ada), 409, "plan_member_role");
	ls.signUp("cy");
	ASSERT_PROBLEM(ls.invite(ada, "acme", "cy@example.com", "user"), 409, "plan_member_role");
	const User dan = ls.join(ada, "acme", "dan", "");
	CPPUNIT_ASSERT_EQUAL(std::string("admin"), ls.roleOf("acme", dan, ada));
	// Custom roles are the Enterprise plan's: elsewhere they cannot be created.
	ASSERT_PROBLEM(ls.post("/orgs/acme/roles",
	                       "{\"scope\":\"workspace\",\"name\":\"reviewer\",\"permissions\":[\"workspace.read\"]}", ada),
	               403, "plan_limit");
	ASSERT_STATUS(ls.del("/orgs/acme/roles/annotator?scope=workspace", ada), 204); // no longer held
}
