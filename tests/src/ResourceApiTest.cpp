//
// ResourceApiTest.cpp
//
// Library: OrgsTests
// Package: EndToEnd
// Module:  ResourceApiTest
//


#include "ResourceApiTest.h"
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


ORGS_TEST_SUITE(ResourceApiTest, "ResourceApi", DATABASE);


void ResourceApiTest::testResourceAndCollaboratorLifecycle()
{
	User owner = signUp("owner");
	User bob = signUp("bob", "Bob Builder");
	User carl = signUp("carl");
	const Poco::Int64 org = createOrganization(owner, "acme");
	addMember(owner, "acme", "bob");
	ASSERT_STATUS(client().post(API + "/orgs/acme/members",
	                            "{\"username\":\"carl\",\"default_roles\":{\"dataset\":\"none\"}}", owner.token),
	              201);

	// Register: 201, the resource, a Location; members become collaborators by default role.
	Response r =
	    client().post(API + "/orgs/acme/resources", json({{"type", "dataset"}, {"name", "cells"}}), owner.token);
	ASSERT_STATUS(r, 201);
	Poco::JSON::Object::Ptr res = r.json();
	const Poco::Int64 id = number(res, "id");
	CPPUNIT_ASSERT_EQUAL(org, number(res, "organization_id"));
	CPPUNIT_ASSERT_MESSAGE(r.body, isNull(res, "workspace_id"));
	CPPUNIT_ASSERT_EQUAL(std::string("dataset"), text(res, "type"));
	CPPUNIT_ASSERT_EQUAL(std::string("cells"), text(res, "name"));
	CPPUNIT_ASSERT_EQUAL(owner.id, number(res, "created_by"));
	CPPUNIT_ASSERT(res->has("created_at"));
	const std::string location = r.header("Location");
	CPPUNIT_ASSERT_EQUAL(API + "/orgs/acme/resources/" + std::to_string(id), location);
	ASSERT_STATUS(r = client().get(location, "", bob.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::string("cells"), text(r.json(), "name"));

	const std::string collaborators = location + "/collaborators";
	ASSERT_STATUS(r = client().get(collaborators, "", bob.token), 200);
	CPPUNIT_ASSERT(usernames(r) == (std::set<std::string>{"owner", "bob"}));
	Poco::JSON::Array::Ptr list = items(r);
	for (std::size_t i = 0; i < list->size(); ++i)
	{
		Poco::JSON::Object::Ptr c = list->getObject(static_cast<unsigned>(i));
		CPPUNIT_ASSERT_EQUAL(id, number(c, "resource_id"));
		CPPUNIT_ASSERT(c->has("account_id") && c->has("name") && c->has("created_at"));
		CPPUNIT_ASSERT_EQUAL(std::string(text(c, "username") == "owner" ? "admin" : "labeler"), text(c, "role"));
	}

	// carl (default none) does not see it until he is made a collaborator.
	ASSERT_PROBLEM(client().get(location, "", carl.token), 404, "resource_not_found");
	ASSERT_STATUS(r = client().put(collaborators + "/carl", json({{"role", "reviewer"}}), owner.token), 200);
	CPPUNIT_ASSERT_EQUAL(carl.id, number(r.json(), "account_id"));
	CPPUNIT_ASSERT_EQUAL(std::string("reviewer"), text(r.json(), "role"));
	ASSERT_STATUS(client().get(location, "", carl.token), 200);
	// "none" removes him again (204, like DELETE).
	ASSERT_STATUS(client().put(collaborators + "/carl", json({{"role", "none"}}), owner.token), 204);
	ASSERT_PROBLEM(client().get(location, "", carl.token), 404, "resource_not_found");
	ASSERT_PROBLEM(client().put(collaborators + "/carl", json({{"role", "editor"}}), owner.token), 400, "unknown_role");

	// A labeler reads but does not manage or delete.
	ASSERT_PROBLEM(client().put(collaborators + "/carl", json({{"role", "labeler"}}), bob.token), 403,
	               "permission_denied");
	ASSERT_PROBLEM(client().del(collaborators + "/owner", "", bob.token), 403, "permission_denied");
	ASSERT_PROBLEM(client().del(location, "", bob.token), 403, "permission_denied");

	ASSERT_STATUS(client().del(collaborators + "/bob", "", owner.token), 204);
	ASSERT_PROBLEM(client().del(collaborators + "/bob", "", owner.token), 404, "collaborator_not_found");
	ASSERT_PROBLEM(client().get(location, "", bob.token), 404, "resource_not_found");

	ASSERT_STATUS(client().del(location, "", owner.token), 204);
	ASSERT_PROBLEM(client().get(location, "", owner.token), 404, "resource_not_found");
}


void ResourceApiTest::testResourceVisibilityAndFilters()
{
	User owner = signUp("owner");
	User bob = signUp("bob");
	User nina = signUp("nina");
	createOrganization(owner, "acme");
	addMember(owner, "acme", "bob");
	Response r = client().post(API + "/orgs/acme/workspaces", json({{"name", "Lab"}}), owner.token);
	ASSERT_STATUS(r, 201);
	const std::string ws = std::to_string(number(r.json(), "id"));
	ASSERT_STATUS(
	    client().put(API + "/orgs/acme/workspaces/" + ws + "/members/bob", json({{"role", "editor"}}), owner.token),
	    200);

	// A member creates nothing in the organization, but does in its workspace (workspace as a
	// number or a string of digits).
	ASSERT_PROBLEM(client().post(API + "/orgs/acme/resources", json({{"type", "dataset"}, {"name", "x"}}), bob.token),
	               403, "permission_denied");
	ASSERT_STATUS(r = client().post(API + "/orgs/acme/resources",
	                                "{\"type\":\"dataset\",\"name\":\"in lab\",\"workspace\":" + ws + "}", bob.token),
	              201);
	const Poco::Int64 inLab = number(r.json(), "id");
	CPPUNIT_ASSERT_EQUAL(static_cast<Poco::Int64>(std::stoll(ws)), number(r.json(), "workspace_id"));
	ASSERT_STATUS(client().post(API + "/orgs/acme/resources",
	                            json({{"type", "dataset"}, {"name", "also in lab"}, {"workspace", ws}}), bob.token),
	              201);
	ASSERT_STATUS(
	    client().post(API + "/orgs/acme/resources", json({{"type", "dataset"}, {"name", "outside"}}), owner.token),
	    201);

	ASSERT_PROBLEM(client().post(API + "/orgs/acme/resources", json({{"type", "project"}, {"name", "x"}}), owner.token),
	               400, "unknown_resource_type");
	ASSERT_PROBLEM(client().post(API + "/orgs/acme/resources",
	                             json({{"type", "dataset"}, {"name", "x"}, {"workspace", "lab"}}), owner.token),
	               400, "invalid_type");
	ASSERT_PROBLEM(client().post(API + "/orgs/acme/resources",
	                             "{\"type\":\"dataset\",\"name\":\"x\",\"workspace\":987654}", owner.token),
	               404, "workspace_not_found");
	// JSON true is not the id 1 (Poco counts a bool as an integer).
	ASSERT_PROBLEM(client().post(API + "/orgs/acme/resources",
	                             "{\"type\":\"dataset\",\"name\":\"x\",\"workspace\":true}", owner.token),
	               400, "invalid_type");

	// Lists: every resource for the owner; filters by type and workspace.
	ASSERT_STATUS(r = client().get(API + "/orgs/acme/resources", "", owner.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(3), items(r)->size());
	ASSERT_STATUS(r = client().get(API + "/orgs/acme/resources?workspace=" + ws, "", owner.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), items(r)->size());
	ASSERT_STATUS(r = client().get(API + "/orgs/acme/resources?type=dataset&limit=1", "", owner.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), items(r)->size());
	CPPUNIT_ASSERT_EQUAL(inLab, number(items(r)->getObject(0), "id"));
	ASSERT_STATUS(
	    r = client().get(API + "/orgs/acme/resources?type=dataset&limit=1&cursor=" + text(r.json(), "next_cursor"), "",
	                     owner.token),
	    200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), items(r)->size());
	ASSERT_PROBLEM(client().get(API + "/orgs/acme/resources?type=project", "", owner.token), 400,
	               "unknown_resource_type");
	ASSERT_PROBLEM(client().get(API + "/orgs/acme/resources?workspace=lab", "", owner.token), 400, "invalid_workspace");

	// bob lists what he may read: both workspace resources, and "outside" as a labeler.
	ASSERT_STATUS(r = client().get(API + "/orgs/acme/resources", "", bob.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(3), items(r)->size());
	// Out of the workspace and of "outside", he keeps what he created (he is their admin).
	ASSERT_STATUS(client().del(API + "/orgs/acme/workspaces/" + ws + "/members/bob", "", owner.token), 204);
	ASSERT_STATUS(r = client().get(API + "/orgs/acme/resources?workspace=", "", owner.token), 200);
	const Poco::Int64 outside = number(items(r)->getObject(2), "id");
	ASSERT_STATUS(
	    client().del(API + "/orgs/acme/resources/" + std::to_string(outside) + "/collaborators/bob", "", owner.token),
	    204);
	ASSERT_STATUS(r = client().get(API + "/orgs/acme/resources", "", bob.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), items(r)->size());
	ASSERT_PROBLEM(client().get(API + "/orgs/acme/resources/" + std::to_string(outside), "", bob.token), 404,
	               "resource_not_found");

	// A non-member: the organization does not exist; a resource id that is no id: 404.
	ASSERT_PROBLEM(client().get(API + "/orgs/acme/resources", "", nina.token), 404, "organization_not_found");
	ASSERT_PROBLEM(client().get(API + "/orgs/acme/resources/" + std::to_string(inLab), "", nina.token), 404,
	               "organization_not_found");
	ASSERT_PROBLEM(client().get(API + "/orgs/acme/resources/cells", "", owner.token), 404, "resource_not_found");
}
