//
// ScimConformanceTest.cpp
//
// Library: OrgsTests
// Package: Scim
// Module:  ScimConformanceTest
//


#include "ScimConformanceTest.h"
#include "support/Suites.h"
#include "Poco/JSON/Array.h"


using namespace Orgs;
using namespace Orgs::Test;


ORGS_TEST_SUITE(ScimConformanceTest, "ScimConformance", DATABASE);


namespace {


const std::string USER_URN = "urn:ietf:params:scim:schemas:core:2.0:User";
const std::string GROUP_URN = "urn:ietf:params:scim:schemas:core:2.0:Group";
const std::string ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const std::string PATCH_URN = "urn:ietf:params:scim:api:messages:2.0:PatchOp";


std::size_t total(const Poco::JSON::Object::Ptr& list)
{
	return list->getValue<std::size_t>("totalResults");
}


Poco::JSON::Array::Ptr resources(const Poco::JSON::Object::Ptr& list)
{
	Poco::JSON::Array::Ptr p = list->getArray("Resources");
	return p ? p : Poco::JSON::Array::Ptr(new Poco::JSON::Array);
}


std::string memberIds(const Poco::JSON::Object::Ptr& group)
	/// The members' ids, sorted, comma-separated.
{
	std::vector<std::string> ids;
	if (Poco::JSON::Array::Ptr p = group->getArray("members"))
	{
		for (unsigned i = 0; i < p->size(); ++i)
			ids.push_back(p->getObject(i)->getValue<std::string>("value"));
	}
	std::sort(ids.begin(), ids.end());
	std::string out;
	for (const auto& id : ids)
		out += (out.empty() ? "" : ",") + id;
	return out;
}


std::string filter(const std::string& expression)
{
	return "filter=" + ScimClient::encode(expression);
}


} // namespace


void ScimConformanceTest::setUp()
{
	ApiTestCase::setUp();
	_owner = signUp("owner");
	createOrganization(_owner, "acme");
	const Response created =
	    client().post(API + "/orgs/acme/scim-connections", json({{"name", "Directory"}}), _owner.token);
	ASSERT_STATUS(created, 201);
	const Poco::JSON::Object::Ptr connection = created.json();
	_connection = std::to_string(connection->getValue<Poco::Int64>("id"));
	_token = connection->getValue<std::string>("token");
	_pValidator.reset(new ScimValidator);
	_pScim.reset(new ScimClient(client(), API + "/scim/v2/" + _connection, _token, *_pValidator));
}


void ScimConformanceTest::tearDown()
{
	_pScim.reset();
	_pValidator.reset();
	ApiTestCase::tearDown();
}


Poco::JSON::Object::Ptr ScimConformanceTest::createUser(const std::string& userName, const std::string& extra)
{
	const std::string body =
	    R"({"schemas":[")" + USER_URN + R"("],"userName":")" + userName +
	    R"(","name":{"givenName":"Given","familyName":"Family"},"emails":[{"primary":true,"value":")" + userName +
	    R"(","type":"work"}],"active":true)" + extra + "}";
	const Response r = _pScim->post("/Users", body);
	CPPUNIT_ASSERT_EQUAL_MESSAGE(r.describe(), 201, r.status);
	return ScimClient::json(r);
}


Poco::JSON::Object::Ptr ScimConformanceTest::createGroup(const std::string& displayName, const std::string& extra)
{
	const Response r = _pScim->post("/Groups", R"({"schemas":[")" + GROUP_URN + R"("],"displayName":")" + displayName +
	                                               "\"" + extra + "}");
	CPPUNIT_ASSERT_EQUAL_MESSAGE(r.describe(), 201, r.status);
	return ScimClient::json(r);
}


Poco::JSON::Object::Ptr ScimConformanceTest::getJson(const std::string& path, int status)
{
	const Response r = _pScim->get(path);
	CPPUNIT_ASSERT_EQUAL_MESSAGE("GET " + path + ": " + r.describe(), status, r.status);
	return ScimClient::json(r);
}


Poco::JSON::Object::Ptr ScimConformanceTest::patchJson(const std::string& path, const std::string& operations,
                                                       int status)
{
	const Response r = _pScim->patch(path, R"({"schemas":[")" + PATCH_URN + R"("],"Operations":)" + operations + "}");
	CPPUNIT_ASSERT_EQUAL_MESSAGE("PATCH " + path + ": " + r.describe(), status, r.status);
	if (r.status == 204)
		return getJson(path);
	return ScimClient::json(r);
}


std::string ScimConformanceTest::error(const ScimClient::Response& response, int status)
{
	CPPUNIT_ASSERT_EQUAL_MESSAGE(response.describe(), status, response.status);
	const Poco::JSON::Object::Ptr body = ScimClient::json(response);
	CPPUNIT_ASSERT_EQUAL(std::to_string(status), body->getValue<std::string>("status"));
	return body->has("scimType") ? body->getValue<std::string>("scimType") : std::string();
}


void ScimConformanceTest::testDiscovery()
{
	const Poco::JSON::Object::Ptr config = getJson("/ServiceProviderConfig");
	CPPUNIT_ASSERT(config->getObject("patch")->getValue<bool>("supported"));
	CPPUNIT_ASSERT(!config->getObject("bulk")->getValue<bool>("supported"));
	CPPUNIT_ASSERT_EQUAL(200, config->getObject("filter")->getValue<int>("maxResults"));
	CPPUNIT_ASSERT(!config->getObject("changePassword")->getValue<bool>("supported"));
	const std::string base = config->getObject("meta")->getValue<std::string>("location");
	CPPUNIT_ASSERT_MESSAGE(base,
	                       base.find("/api/v1/scim/v2/" + _connection + "/ServiceProviderConfig") != std::string::npos);

	CPPUNIT_ASSERT_EQUAL(std::size_t(3), total(getJson("/Schemas")));
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), total(getJson("/ResourceTypes")));
	CPPUNIT_ASSERT_EQUAL(USER_URN, getJson("/Schemas/" + USER_URN)->getValue<std::string>("id"));
	CPPUNIT_ASSERT_EQUAL(ENTERPRISE, getJson("/Schemas/" + ENTERPRISE)->getValue<std::string>("id"));
	CPPUNIT_ASSERT_EQUAL(std::string("/Groups"), getJson("/ResourceTypes/Group")->getValue<std::string>("endpoint"));
	error(_pScim->get("/Schemas/urn:ietf:params:scim:schemas:core:2.0:Device"), 404);
	error(_pScim->get("/ResourceTypes/Device"), 404);
}


void ScimConformanceTest::testOktaListWithCountAndStartIndex()
{
	createUser("first@example.com");
	createUser("second@example.com");
	const Poco::JSON::Object::Ptr page = getJson("/Users?count=1&startIndex=1");
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), total(page));
	CPPUNIT_ASSERT_EQUAL(1, page->getValue<int>("itemsPerPage"));
	CPPUNIT_ASSERT_EQUAL(1, page->getValue<int>("startIndex"));
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), resources(page)->size());
	const Poco::JSON::Object::Ptr first = resources(page)->getObject(0);
	CPPUNIT_ASSERT(first->has("id") && first->has("userName") && first->has("name") && first->has("emails"));
	const Poco::JSON::Object::Ptr next = getJson("/Users?count=1&startIndex=2");
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), resources(next)->size());
	CPPUNIT_ASSERT(resources(next)->getObject(0)->getValue<std::string>("id") != first->getValue<std::string>("id"));
	CPPUNIT_ASSERT_EQUAL(std::size_t(0), resources(getJson("/Users?count=1&startIndex=3"))->size());
	// count above the maximum is capped, not refused; count=0 gives totalResults alone.
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), resources(getJson("/Users?count=100000"))->size());
	const Poco::JSON::Object::Ptr none = getJson("/Users?count=0");
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), total(none));
	CPPUNIT_ASSERT_EQUAL(std::size_t(0), resources(none)->size());
}


void ScimConformanceTest::testOktaGetById()
{
	const Poco::JSON::Object::Ptr created = createUser("ada@example.com");
	const std::string id = created->getValue<std::string>("id");
	const Poco::JSON::Object::Ptr got = getJson("/Users/" + id);
	CPPUNIT_ASSERT_EQUAL(id, got->getValue<std::string>("id"));
	CPPUNIT_ASSERT_EQUAL(std::string("ada@example.com"), got->getValue<std::string>("userName"));
	CPPUNIT_ASSERT_EQUAL(std::string("Family"), got->getObject("name")->getValue<std::string>("familyName"));
	CPPUNIT_ASSERT(got->getValue<bool>("active"));
	CPPUNIT_ASSERT(got->getObject("meta")->getValue<std::string>("location").find("/Users/" + id) != std::string::npos);
}


void ScimConformanceTest::testOktaFilterOnUnknownUserName()
{
	createUser("known@example.com");
	const Poco::JSON::Object::Ptr list = getJson(
	    "/Users?" + filter("userName eq \"0d6d0a3c-6b4a-4b7c-9c6e-unknown@example.com\"") + "&startIndex=1&count=100");
	CPPUNIT_ASSERT_EQUAL(std::size_t(0), total(list));
	CPPUNIT_ASSERT_EQUAL(std::size_t(0), resources(list)->size());
}


void ScimConformanceTest::testOktaUnknownIdIs404()
{
	CPPUNIT_ASSERT_EQUAL(std::string(), error(_pScim->get("/Users/010101001010101"), 404));
	CPPUNIT_ASSERT_EQUAL(std::string(), error(_pScim->get("/Users/not-an-id"), 404));
	CPPUNIT_ASSERT_EQUAL(std::string(), error(_pScim->get("/Groups/010101001010101"), 404));
}


void ScimConformanceTest::testOktaCreateThenDuplicate()
{
	// Okta's create body (its SCIM 2.0 reference), with its locale, groups and password.
	const std::string body = R"({
		"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
		"userName": "test.user@okta.local",
		"name": {"givenName": "Test", "familyName": "User"},
		"emails": [{"primary": true, "value": "test.user@okta.local", "type": "work"}],
		"displayName": "Test User",
		"locale": "en-US",
		"externalId": "00ujl29u0le5T6Aj10h7",
		"groups": [],
		"password": "1mz050nq",
		"active": true
	})";
	const Response created = _pScim->post("/Users", body);
	CPPUNIT_ASSERT_EQUAL_MESSAGE(created.describe(), 201, created.status);
	const Poco::JSON::Object::Ptr user = ScimClient::json(created);
	CPPUNIT_ASSERT(user->getValue<bool>("active"));
	CPPUNIT_ASSERT_EQUAL(std::string("test.user@okta.local"), user->getValue<std::string>("userName"));
	CPPUNIT_ASSERT_EQUAL(std::string("00ujl29u0le5T6Aj10h7"), user->getValue<std::string>("externalId"));
	CPPUNIT_ASSERT(!user->has("password"));
	CPPUNIT_ASSERT_EQUAL(std::string("uniqueness"), error(_pScim->post("/Users", body), 409));
}


void ScimConformanceTest::testOktaUserNameIgnoresCase()
{
	const std::string id = createUser("Mixed.Case@Example.com")->getValue<std::string>("id");
	const Poco::JSON::Object::Ptr upper = getJson("/Users?" + filter("userName eq \"MIXED.CASE@EXAMPLE.COM\""));
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), total(upper));
	CPPUNIT_ASSERT_EQUAL(id, resources(upper)->getObject(0)->getValue<std::string>("id"));
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), total(getJson("/Users?" + filter("USERNAME EQ \"mixed.case@example.com\""))));
	const std::string again = R"({"schemas":[")" + USER_URN + R"("],"userName":"mixed.case@example.COM"})";
	CPPUNIT_ASSERT_EQUAL(std::string("uniqueness"), error(_pScim->post("/Users", again), 409));
}


void ScimConformanceTest::testOktaPutFullUser()
{
	const std::string id =
	    createUser("test.user@okta.local", R"(,"externalId":"00u1dhhb1fkIGP7RL1d8")")->getValue<std::string>("id");
	// Okta's "Update a specific User (PUT)" body: the whole user, with the id.
	const std::string body = R"({
		"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
		"id": ")" + id + R"(",
		"userName": "test.user@okta.local",
		"name": {"givenName": "Another", "middleName": "Test", "familyName": "User"},
		"emails": [{"primary": true, "value": "test.user@okta.local", "type": "work"}],
		"displayName": "Another Test User",
		"locale": "en-US",
		"externalId": "00u1dhhb1fkIGP7RL1d8",
		"groups": [],
		"password": "t1meMa$heen",
		"active": true
	})";
	const Response replaced = _pScim->put("/Users/" + id, body);
	CPPUNIT_ASSERT_EQUAL_MESSAGE(replaced.describe(), 200, replaced.status);
	const Poco::JSON::Object::Ptr got = getJson("/Users/" + id);
	CPPUNIT_ASSERT_EQUAL(std::string("Another"), got->getObject("name")->getValue<std::string>("givenName"));
	CPPUNIT_ASSERT_EQUAL(std::string("Another Test User"), got->getValue<std::string>("displayName"));
	CPPUNIT_ASSERT(got->getValue<bool>("active"));
	// PUT replaces: what the body leaves out is gone.
	const std::string smaller =
	    R"({"schemas":[")" + USER_URN + R"("],"userName":"test.user@okta.local","active":true})";
	ASSERT_STATUS(_pScim->put("/Users/" + id, smaller), 200);
	const Poco::JSON::Object::Ptr after = getJson("/Users/" + id);
	CPPUNIT_ASSERT(!after->has("displayName"));
	CPPUNIT_ASSERT(!after->has("externalId"));
}


void ScimConformanceTest::testOktaDeactivate()
{
	const std::string id = createUser("leaver@example.com")->getValue<std::string>("id");
	const Poco::JSON::Object::Ptr user = patchJson("/Users/" + id, R"([{"op":"replace","value":{"active":false}}])");
	CPPUNIT_ASSERT(!user->getValue<bool>("active"));
	CPPUNIT_ASSERT(!getJson("/Users/" + id)->getValue<bool>("active"));
	// Okta reads the user by filter afterwards and finds it inactive.
	const Poco::JSON::Object::Ptr list = getJson("/Users?" + filter("userName eq \"leaver@example.com\""));
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), total(list));
	CPPUNIT_ASSERT(!resources(list)->getObject(0)->getValue<bool>("active"));
	// Reactivation.
	CPPUNIT_ASSERT(
	    patchJson("/Users/" + id, R"([{"op":"replace","value":{"active":true}}])")->getValue<bool>("active"));
}


void ScimConformanceTest::testOktaGroupLifecycle()
{
	const std::string user = createUser("member@example.com")->getValue<std::string>("id");
	const Poco::JSON::Object::Ptr group = createGroup("Test SCIMv2");
	const std::string id = group->getValue<std::string>("id");
	CPPUNIT_ASSERT_EQUAL(std::string("Test SCIMv2"), group->getValue<std::string>("displayName"));
	CPPUNIT_ASSERT_EQUAL(
	    std::string("uniqueness"),
	    error(_pScim->post("/Groups", R"({"schemas":[")" + GROUP_URN + R"("],"displayName":"Test SCIMv2"})"), 409));
	// Okta renames with the group's id in the value.
	patchJson("/Groups/" + id, R"([{"op":"replace","value":{"id":")" + id + R"(","displayName":"Renamed"}}])", 204);
	CPPUNIT_ASSERT_EQUAL(std::string("Renamed"), getJson("/Groups/" + id)->getValue<std::string>("displayName"));
	patchJson("/Groups/" + id,
	          R"([{"op":"add","path":"members","value":[{"value":")" + user + R"(","display":"member@example.com"}]}])",
	          204);
	CPPUNIT_ASSERT_EQUAL(user, memberIds(getJson("/Groups/" + id)));
	patchJson("/Groups/" + id, R"([{"op":"remove","path":"members[value eq \")" + user + R"(\"]"}])", 204);
	CPPUNIT_ASSERT_EQUAL(std::string(), memberIds(getJson("/Groups/" + id)));
	// Okta's PUT of a group: the whole group.
	const Response put = _pScim->put("/Groups/" + id, R"({"schemas":[")" + GROUP_URN + R"("],"id":")" + id +
	                                                      R"(","displayName":"Put","members":[{"value":")" + user +
	                                                      R"(","display":"member@example.com"}]})");
	CPPUNIT_ASSERT_EQUAL_MESSAGE(put.describe(), 200, put.status);
	CPPUNIT_ASSERT_EQUAL(user, memberIds(getJson("/Groups/" + id)));
	ASSERT_STATUS(_pScim->del("/Groups/" + id), 204);
	error(_pScim->get("/Groups/" + id), 404);
	// The user lives on.
	getJson("/Users/" + user);
}


void ScimConformanceTest::testEntraActiveAsString()
{
	const std::string id =
	    createUser("Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1@testuser.com")->getValue<std::string>("id");
	Poco::JSON::Object::Ptr user = patchJson("/Users/" + id, R"([{"op":"Replace","path":"active","value":"False"}])");
	CPPUNIT_ASSERT(!user->getValue<bool>("active"));
	user = patchJson("/Users/" + id, R"([{"op":"Replace","path":"active","value":"True"}])");
	CPPUNIT_ASSERT(user->getValue<bool>("active"));
	// Created inactive, with the string.
	const Response created = _pScim->post("/Users", R"({"schemas":[")" + USER_URN +
	                                                    R"("],"userName":"inactive@example.com","active":"False"})");
	CPPUNIT_ASSERT_EQUAL_MESSAGE(created.describe(), 201, created.status);
	CPPUNIT_ASSERT(!ScimClient::json(created)->getValue<bool>("active"));
	CPPUNIT_ASSERT_EQUAL(
	    std::string("invalidValue"),
	    error(
	        _pScim->patch("/Users/" + id, R"({"schemas":[")" + PATCH_URN +
	                                          R"("],"Operations":[{"op":"Replace","path":"active","value":"Maybe"}]})"),
	        400));
}


void ScimConformanceTest::testEntraPatchWithoutPath()
{
	const std::string id = createUser("pvlo@example.com")->getValue<std::string>("id");
	// Entra's "replace multiple attributes" (with its aadOptscim062020 flag).
	const Poco::JSON::Object::Ptr user = patchJson("/Users/" + id, R"([{
		"op": "replace",
		"value": {
			"displayName": "Pvlo",
			"emails[type eq \"work\"].value": "TestBcwqnm@test.microsoft.com",
			"name.givenName": "Gtfd",
			"name.familyName": "Pkqf",
			"externalId": "Eqpj",
			"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber": "Eqpj"
		}
	}])");
	CPPUNIT_ASSERT_EQUAL(std::string("Pvlo"), user->getValue<std::string>("displayName"));
	CPPUNIT_ASSERT_EQUAL(std::string("Gtfd"), user->getObject("name")->getValue<std::string>("givenName"));
	CPPUNIT_ASSERT_EQUAL(std::string("Eqpj"), user->getValue<std::string>("externalId"));
	CPPUNIT_ASSERT_EQUAL(std::string("TestBcwqnm@test.microsoft.com"),
	                     user->getArray("emails")->getObject(0)->getValue<std::string>("value"));
	CPPUNIT_ASSERT_EQUAL(std::string("Eqpj"), user->getObject(ENTERPRISE)->getValue<std::string>("employeeNumber"));
	// The same changes, the way Entra sends them without the flag: one capitalized op each.
	const Poco::JSON::Object::Ptr again = patchJson("/Users/" + id, R"([
		{"op": "Replace", "path": "displayName", "value": "Pvlo2"},
		{"op": "Replace", "path": "name.familyName", "value": "Pkqf2"},
		{"op": "Add", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", "value": "Sales"},
		{"op": "Add", "path": "title", "value": "Engineer"}
	])");
	CPPUNIT_ASSERT_EQUAL(std::string("Pvlo2"), again->getValue<std::string>("displayName"));
	CPPUNIT_ASSERT_EQUAL(std::string("Pkqf2"), again->getObject("name")->getValue<std::string>("familyName"));
	CPPUNIT_ASSERT_EQUAL(std::string("Sales"), again->getObject(ENTERPRISE)->getValue<std::string>("department"));
	CPPUNIT_ASSERT(!again->has("title"));
}


void ScimConformanceTest::testEntraFilteredPathsMatchingNothing()
{
	const std::string id = createUser("multi@example.com")->getValue<std::string>("id");
	// No home address yet: the filtered path adds one.
	Poco::JSON::Object::Ptr user = patchJson(
	    "/Users/" + id, R"([{"op":"Add","path":"emails[type eq \"home\"].value","value":"home@example.org"}])");
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), user->getArray("emails")->size());
	const Poco::JSON::Object::Ptr list =
	    getJson("/Users?" + filter("emails[type eq \"home\"].value eq \"home@example.org\""));
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), total(list));
	// Removing what a filter does not match changes nothing.
	user = patchJson("/Users/" + id, R"([{"op":"Remove","path":"emails[type eq \"other\"]"}])");
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), user->getArray("emails")->size());
	// Entra's manager as a bare id.
	user = patchJson(
	    "/Users/" + id,
	    R"([{"op":"Add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":"26118915-6090-4610-87e4-49d8ca9f808d"}])");
	CPPUNIT_ASSERT_EQUAL(std::string("26118915-6090-4610-87e4-49d8ca9f808d"),
	                     user->getObject(ENTERPRISE)->getObject("manager")->getValue<std::string>("value"));
}


void ScimConformanceTest::testEntraNullClears()
{
	const std::string id = createUser("cleared@example.com", R"(,"displayName":"Shown","externalId":"ext-1")")
	                           ->getValue<std::string>("id");
	const Poco::JSON::Object::Ptr user = patchJson("/Users/" + id, R"([
		{"op":"Replace","path":"displayName","value":null},
		{"op":"replace","value":{"externalId":null}},
		{"op":"Replace","path":"name.givenName","value":null}
	])");
	CPPUNIT_ASSERT(!user->has("displayName"));
	CPPUNIT_ASSERT(!user->has("externalId"));
	CPPUNIT_ASSERT(!user->getObject("name")->has("givenName"));
	CPPUNIT_ASSERT_EQUAL(std::string("Family"), user->getObject("name")->getValue<std::string>("familyName"));
	const Poco::JSON::Object::Ptr got = getJson("/Users/" + id);
	CPPUNIT_ASSERT(!got->has("displayName"));
	CPPUNIT_ASSERT_EQUAL(std::size_t(0), total(getJson("/Users?" + filter("externalId eq \"ext-1\""))));
}


void ScimConformanceTest::testEntraGroupMembers()
{
	const std::string a = createUser("a@example.com")->getValue<std::string>("id");
	const std::string b = createUser("b@example.com")->getValue<std::string>("id");
	const std::string c = createUser("c@example.com")->getValue<std::string>("id");
	// Entra's "Create Group" body.
	const Response created = _pScim->post("/Groups", R"({
		"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group", "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
		"externalId": "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159",
		"displayName": "displayName",
		"meta": {"resourceType": "Group"}
	})");
	CPPUNIT_ASSERT_EQUAL_MESSAGE(created.describe(), 201, created.status);
	const std::string group = ScimClient::json(created)->getValue<std::string>("id");
	const std::string path = "/Groups/" + group;
	// "Update Group [Add Members]".
	patchJson(path,
	          R"([{"op":"Add","path":"members","value":[{"$ref":null,"value":")" + a + R"("},{"$ref":null,"value":")" +
	              b + R"("}]}])",
	          204);
	CPPUNIT_ASSERT_EQUAL(std::min(a, b) + "," + std::max(a, b), memberIds(getJson(path)));
	patchJson(path, R"([{"op":"Add","path":"members","value":[{"value":")" + c + R"("},{"value":")" + a + R"("}]}])",
	          204);
	CPPUNIT_ASSERT_EQUAL(std::size_t(3), getJson(path)->getArray("members")->size());
	// "Update Group [Remove Members]".
	patchJson(path, R"([{"op":"Remove","path":"members","value":[{"$ref":null,"value":")" + a + R"("}]}])", 204);
	CPPUNIT_ASSERT_EQUAL(std::min(b, c) + "," + std::max(b, c), memberIds(getJson(path)));
	patchJson(path, R"([{"op":"remove","path":"members[value eq \")" + b + R"(\"]"}])", 204);
	CPPUNIT_ASSERT_EQUAL(c, memberIds(getJson(path)));
	// Removing someone who is not a member does nothing.
	patchJson(path, R"([{"op":"remove","path":"members[value eq \")" + a + R"(\"]"}])", 204);
	CPPUNIT_ASSERT_EQUAL(c, memberIds(getJson(path)));
	// "Update Group [Non-member attributes]".
	patchJson(
	    path,
	    R"([{"op":"Replace","path":"displayName","value":"1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName"}])",
	    204);
	CPPUNIT_ASSERT_EQUAL(std::string("1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName"),
	                     getJson(path)->getValue<std::string>("displayName"));
	// A member that is no user of this connection.
	const Response unknown =
	    _pScim->patch(path, R"({"schemas":[")" + PATCH_URN +
	                            R"("],"Operations":[{"op":"Add","path":"members","value":[{"value":"999999999"}]}]})");
	CPPUNIT_ASSERT_MESSAGE(unknown.describe(), unknown.status == 400 || unknown.status == 404);
}


void ScimConformanceTest::testEntraGroupsWithoutMembers()
{
	const std::string a = createUser("a@example.com")->getValue<std::string>("id");
	const std::string id =
	    createGroup("Readers", R"(,"members":[{"value":")" + a + R"("}])")->getValue<std::string>("id");
	CPPUNIT_ASSERT_EQUAL(a, memberIds(getJson("/Groups/" + id)));
	const Poco::JSON::Object::Ptr one = getJson("/Groups/" + id + "?excludedAttributes=members");
	CPPUNIT_ASSERT(!one->has("members"));
	CPPUNIT_ASSERT_EQUAL(std::string("Readers"), one->getValue<std::string>("displayName"));
	const Poco::JSON::Object::Ptr list =
	    getJson("/Groups?excludedAttributes=members&" + filter("displayName eq \"Readers\""));
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), total(list));
	CPPUNIT_ASSERT(!resources(list)->getObject(0)->has("members"));
	const Poco::JSON::Object::Ptr all = getJson("/Groups?excludedAttributes=members");
	CPPUNIT_ASSERT(!resources(all)->getObject(0)->has("members"));
	const Poco::JSON::Object::Ptr names = getJson("/Groups/" + id + "?attributes=displayName");
	CPPUNIT_ASSERT(!names->has("members"));
	CPPUNIT_ASSERT(names->has("id"));
}


void ScimConformanceTest::testEntraDisableThenDelete()
{
	const std::string id = createUser("gone@example.com")->getValue<std::string>("id");
	// Entra's "Disable User" body.
	patchJson("/Users/" + id, R"([{"op":"Replace","path":"active","value":false}])");
	CPPUNIT_ASSERT(!getJson("/Users/" + id)->getValue<bool>("active"));
	const Response deleted = _pScim->del("/Users/" + id);
	CPPUNIT_ASSERT_EQUAL_MESSAGE(deleted.describe(), 204, deleted.status);
	error(_pScim->get("/Users/" + id), 404);
	error(_pScim->del("/Users/" + id), 404);
	CPPUNIT_ASSERT_EQUAL(std::size_t(0), total(getJson("/Users?" + filter("userName eq \"gone@example.com\""))));
	// The directory may create it again.
	createUser("gone@example.com");
}


void ScimConformanceTest::testEntraFilters()
{
	createUser("ada@example.com", R"(,"externalId":"0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef","displayName":"Ada")");
	createUser("bob@example.com", R"(,"externalId":"ext-bob","displayName":"Bob")");
	auto count = [&](const std::string& expression) { return total(getJson("/Users?" + filter(expression))); };
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), count("userName eq \"ada@example.com\""));
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), count("externalId eq \"0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef\""));
	CPPUNIT_ASSERT_EQUAL(std::size_t(0), count("externalId eq \"0A21F0F2-8D2A-4F8E-BF98-7363C4AED4EF\""));
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), count("emails[type eq \"work\"].value eq \"bob@example.com\""));
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), count("displayName eq \"Ada\""));
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), count("userName eq \"ada@example.com\" and active eq true"));
	CPPUNIT_ASSERT_EQUAL(std::size_t(0), count("userName eq \"ada@example.com\" and displayName eq \"Bob\""));
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), count("userName sw \"\" or userName co \"example\""));
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), count("userName co \"bob\""));
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), count("emails pr"));
	createGroup("Engineering");
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), total(getJson("/Groups?" + filter("displayName eq \"engineering\""))));
}


void ScimConformanceTest::testErrorsAreScimDocuments()
{
	const std::string id = createUser("err@example.com")->getValue<std::string>("id");
	CPPUNIT_ASSERT_EQUAL(std::string("invalidFilter"),
	                     error(_pScim->get("/Users?" + filter("userName xx \"a\"")), 400));
	CPPUNIT_ASSERT_EQUAL(std::string("invalidFilter"),
	                     error(_pScim->get("/Users?" + filter("shoeSize eq \"42\"")), 400));
	const std::string patchOp = R"({"schemas":[")" + PATCH_URN + R"("],"Operations":)";
	CPPUNIT_ASSERT_EQUAL(
	    std::string("invalidSyntax"),
	    error(_pScim->patch("/Users/" + id, R"({"Operations":[{"op":"replace","path":"active","value":false}]})"),
	          400));
	CPPUNIT_ASSERT_EQUAL(std::string("noTarget"),
	                     error(_pScim->patch("/Users/" + id, patchOp + R"([{"op":"remove"}]})"), 400));
	CPPUNIT_ASSERT_EQUAL(
	    std::string("invalidPath"),
	    error(_pScim->patch("/Users/" + id, patchOp + R"([{"op":"add","path":"shoeSize","value":"1"}]})"), 400));
	CPPUNIT_ASSERT_EQUAL(
	    std::string("mutability"),
	    error(_pScim->patch("/Users/" + id, patchOp + R"([{"op":"replace","path":"id","value":"999"}]})"), 400));
	CPPUNIT_ASSERT_EQUAL(
	    std::string("invalidValue"),
	    error(_pScim->post("/Users", R"({"schemas":[")" + USER_URN + R"("],"displayName":"no userName"})"), 400));
	error(_pScim->post("/Users", "{not json"), 400);
	// A wrong token: a SCIM error too.
	ScimClient stranger(client(), API + "/scim/v2/" + _connection, "orgs_scim_not-a-token", *_pValidator);
	error(stranger.get("/Users"), 401);
	error(_pScim->get("/Devices"), 404);
}
