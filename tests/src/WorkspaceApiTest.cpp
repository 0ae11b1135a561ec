//
// WorkspaceApiTest.cpp
//
// Library: OrgsTests
// Package: EndToEnd
// Module:  WorkspaceApiTest
//


#include "WorkspaceApiTest.h"
#include "support/Suites.h"
#include "support/HttpAssert.h"
#include "Poco/JSON/Array.h"
#include "Poco/JSON/Object.h"
#include "Poco/String.h"
#include "Poco/Thread.h"
#include <cppunit/SourceLine.h>
#include <set>
#include <string>
#include <vector>


using Orgs::Test::HostProcess;
using Orgs::Test::HttpClient;
using Orgs::Test::json;


ORGS_TEST_SUITE(WorkspaceApiTest, "WorkspaceApi", DATABASE);


void WorkspaceApiTest::testWorkspaceLifecycle()
{
	User owner = signUp("owner");
	User bob = signUp("bob", "Bob Builder");
	const Poco::Int64 org = createOrganization(owner, "acme");
	addMember(owner, "acme", "bob");

	// Create: 201, the workspace, and a Location that reads it back.
	Response r = client().post(API + "/orgs/acme/workspaces", json({{"name", "Research"}}), owner.token);
	ASSERT_STATUS(r, 201);
	Poco::JSON::Object::Ptr w = r.json();
	const Poco::Int64 id = number(w, "id");
	CPPUNIT_ASSERT_EQUAL(org, number(w, "organization_id"));
	CPPUNIT_ASSERT_EQUAL(std::string("Research"), text(w, "name"));
	CPPUNIT_ASSERT_EQUAL(owner.id, number(w, "created_by"));
	CPPUNIT_ASSERT(Poco::endsWith(text(w, "created_at"), std::string("Z")));
	CPPUNIT_ASSERT_EQUAL(text(w, "created_at"), text(w, "updated_at"));
	const std::string location = r.header("Location");
	CPPUNIT_ASSERT_EQUAL(API + "/orgs/acme/workspaces/" + std::to_string(id), location);
	ASSERT_STATUS(r = client().get(location, "", owner.token), 200);
	CPPUNIT_ASSERT_EQUAL(id, number(r.json(), "id"));
	ASSERT_PROBLEM(client().post(API + "/orgs/acme/workspaces", json({{"name", "Research"}}), owner.token), 409,
	               "workspace_exists");
	ASSERT_PROBLEM(client().post(API + "/orgs/acme/workspaces", json({{"name", ""}}), owner.token), 400,
	               "invalid_name");
	ASSERT_PROBLEM(client().post(API + "/orgs/acme/workspaces", json({{"title", "x"}}), owner.token), 400,
	               "missing_field");

	// Members: the creator is its admin; bob joins with a role, changes it, leaves.
	const std::string members = location + "/members";
	ASSERT_STATUS(r = client().get(members, "", owner.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), items(r)->size());
	CPPUNIT_ASSERT_EQUAL(std::string("admin"), text(items(r)->getObject(0), "role"));
	CPPUNIT_ASSERT_MESSAGE(r.body, isNull(r.json(), "next_cursor"));
	ASSERT_STATUS(r = client().put(members + "/bob", json({{"role", "viewer"}}), owner.token), 200);
	Poco::JSON::Object::Ptr m = r.json();
	CPPUNIT_ASSERT_EQUAL(id, number(m, "workspace_id"));
	CPPUNIT_ASSERT_EQUAL(bob.id, number(m, "account_id"));
	CPPUNIT_ASSERT_EQUAL(std::string("bob"), text(m, "username"));
	CPPUNIT_ASSERT_EQUAL(std::string("Bob Builder"), text(m, "name"));
	CPPUNIT_ASSERT_EQUAL(std::string("viewer"), text(m, "role"));
	CPPUNIT_ASSERT(m->has("created_at"));
	ASSERT_STATUS(r = client().put(members + "/" + std::to_string(bob.id), json({{"role", "editor"}}), owner.token),
	              200);
	CPPUNIT_ASSERT_EQUAL(std::string("editor"), text(r.json(), "role"));
	ASSERT_PROBLEM(client().put(members + "/bob", json({{"role", "emperor"}}), owner.token), 400, "unknown_role");
	ASSERT_PROBLEM(client().put(members + "/bob", "", owner.token), 400, "missing_body");

	// bob now sees it, lists it, but may not rename it.
	ASSERT_STATUS(r = client().get(API + "/orgs/acme/workspaces", "", bob.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), items(r)->size());
	ASSERT_STATUS(client().get(location, "", bob.token), 200);
	ASSERT_PROBLEM(client().patch(location, json({{"name", "Mine"}}), bob.token), 403, "permission_denied");

	// Rename.
	ASSERT_STATUS(r = client().patch(location, json({{"name", "Renamed"}}), owner.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::string("Renamed"), text(r.json(), "name"));
	ASSERT_PROBLEM(client().patch(location, json({{"region", "eu"}}), owner.token), 400, "unknown_field");
	ASSERT_PROBLEM(client().patch(location, "{}", owner.token), 400, "missing_field");

	// bob leaves the workspace: it disappears for him.
	ASSERT_STATUS(client().del(members + "/bob", "", owner.token), 204);
	ASSERT_PROBLEM(client().del(members + "/bob", "", owner.token), 404, "workspace_member_not_found");
	ASSERT_PROBLEM(client().get(location, "", bob.token), 404, "workspace_not_found");
	ASSERT_STATUS(r = client().get(API + "/orgs/acme/workspaces", "", bob.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(0), items(r)->size());

	// Delete.
	ASSERT_STATUS(client().del(location, "", owner.token), 204);
	ASSERT_PROBLEM(client().get(location, "", owner.token), 404, "workspace_not_found");
}


void WorkspaceApiTest::testWorkspaceVisibilityAndErrors()
{
	User owner = signUp("owner");
	User bob = signUp("bob");
	User nina = signUp("nina");
	signUp("olga");
	createOrganization(owner, "acme");
	addMember(owner, "acme", "bob");
	Response r = client().post(API + "/orgs/acme/workspaces", json({{"name", "Research"}}), owner.token);
	ASSERT_STATUS(r, 201);
	const std::string ws = API + "/orgs/acme/workspaces/" + std::to_string(number(r.json(), "id"));

	// A member outside the workspace: 404 (shipped roles: no workspaces.list_all).
	ASSERT_PROBLEM(client().get(ws, "", bob.token), 404, "workspace_not_found");
	ASSERT_PROBLEM(client().get(ws + "/members", "", bob.token), 404, "workspace_not_found");
	ASSERT_PROBLEM(client().del(ws, "", bob.token), 404, "workspace_not_found");
	ASSERT_STATUS(r = client().get(API + "/orgs/acme/workspaces", "", bob.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(0), items(r)->size());
	// A non-member: the organization does not exist.
	ASSERT_PROBLEM(client().get(ws, "", nina.token), 404, "organization_not_found");
	ASSERT_PROBLEM(client().get(API + "/orgs/acme/workspaces", "", nina.token), 404, "organization_not_found");
	ASSERT_PROBLEM(client().put(ws + "/members/bob", json({{"role", "viewer"}}), nina.token), 404,
	               "organization_not_found");
	// A member without workspaces.create.
	ASSERT_PROBLEM(client().post(API + "/orgs/acme/workspaces", json({{"name", "Mine"}}), bob.token), 403,
	               "permission_denied");
	// Only organization members join; a {ws} that is no id names no workspace.
	ASSERT_PROBLEM(client().put(ws + "/members/olga", json({{"role", "viewer"}}), owner.token), 409, "not_a_member");
	ASSERT_PROBLEM(client().put(ws + "/members/nobody", json({{"role", "viewer"}}), owner.token), 404,
	               "account_not_found");
	ASSERT_PROBLEM(client().get(API + "/orgs/acme/workspaces/research", "", owner.token), 404, "workspace_not_found");
	ASSERT_PROBLEM(client().get(API + "/orgs/acme/workspaces/research", "", nina.token), 404, "organization_not_found");
	ASSERT_PROBLEM(client().get(API + "/orgs/acme/workspaces?limit=0", "", owner.token), 400, "invalid_limit");
	ASSERT_PROBLEM(client().get(API + "/orgs/acme/workspaces?cursor=nope", "", owner.token), 400, "invalid_cursor");

	// Removed from the organization, bob loses his workspace membership in the same transaction.
	ASSERT_STATUS(client().put(ws + "/members/bob", json({{"role", "viewer"}}), owner.token), 200);
	ASSERT_STATUS(client().get(ws, "", bob.token), 200);
	ASSERT_STATUS(client().del(API + "/orgs/acme/members/bob", "", owner.token), 204);
	ASSERT_STATUS(r = client().get(ws + "/members", "", owner.token), 200);
	CPPUNIT_ASSERT(usernames(r) == std::set<std::string>{"owner"});
}
