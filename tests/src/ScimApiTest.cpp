//
// ScimApiTest.cpp
//
// Library: OrgsTests
// Package: Scim
// Module:  ScimApiTest
//


#include "ScimApiTest.h"
#include "support/Racing.h"
#include "support/ScimClient.h"
#include "support/Suites.h"
#include "Poco/JSON/Array.h"
#include "Poco/URI.h"
#include "Poco/UUIDGenerator.h"
#include <atomic>
#include <thread>
#include <vector>


ORGS_TEST_SUITE(ScimApiTest, "ScimApi", DATABASE);


using Orgs::Test::HostProcess;
using Orgs::Test::HttpClient;
using Orgs::Test::json;
using Orgs::Test::StartGate;


namespace {


const std::string USER_URN = "urn:ietf:params:scim:schemas:core:2.0:User";
const std::string GROUP_URN = "urn:ietf:params:scim:schemas:core:2.0:Group";
const std::string PATCH_URN = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const std::string ERROR_URN = "urn:ietf:params:scim:api:messages:2.0:Error";


std::string unique(const std::string& prefix)
{
	return prefix + "-" + Poco::UUIDGenerator::defaultGenerator().createRandom().toString().substr(0, 8);
}


std::string encode(const std::string& value)
{
	std::string out;
	Poco::URI::encode(value, "!#$&'()*+,/:;=?@[]\" ", out);
	return out;
}


std::string patch(const std::string& operations)
{
	return "{\"schemas\":[\"" + PATCH_URN + "\"],\"Operations\":[" + operations + "]}";
}


void assertScimError(const HttpClient::Response& r, int status, const std::string& scimType = std::string())
{
	CPPUNIT_ASSERT_EQUAL_MESSAGE(r.describe(), status, r.status);
	Poco::JSON::Object::Ptr o = r.json();
	CPPUNIT_ASSERT_EQUAL_MESSAGE(r.describe(), ERROR_URN, o->getArray("schemas")->getElement<std::string>(0));
	CPPUNIT_ASSERT_EQUAL_MESSAGE(r.describe(), std::to_string(status), o->getValue<std::string>("status"));
	if (!scimType.empty())
		CPPUNIT_ASSERT_EQUAL_MESSAGE(r.describe(), scimType, o->optValue<std::string>("scimType", ""));
}


} // namespace


ScimApiTest::Connection ScimApiTest::connect(const User& actor, const std::string& org, const std::string& body)
{
	Response r = client().post(API + "/orgs/" + org + "/scim-connections",
	                           body.empty() ? json({{"name", "Okta"}}) : body, actor.token);
	ASSERT_STATUS(r, 201);
	Connection c;
	c.id = number(r.json(), "id");
	c.token = text(r.json(), "token");
	c.base = text(r.json(), "base_url");
	CPPUNIT_ASSERT_EQUAL(API + "/scim/v2/" + std::to_string(c.id), c.base);
	return c;
}


void ScimApiTest::setUp()
{
	if (!_pValidator)
		_pValidator.reset(new Orgs::Test::ScimValidator);
	ApiTestCase::setUp();
}


ScimApiTest::Response ScimApiTest::scim(const Connection& c, const std::string& method, const std::string& path,
                                        const std::string& body)
{
	Orgs::Test::ScimClient directory(client(), c.base, c.token, *_pValidator);
	if (method == "GET")
		return directory.get(path);
	if (method == "POST")
		return directory.post(path, body);
	if (method == "PUT")
		return directory.put(path, body);
	if (method == "PATCH")
		return directory.patch(path, body);
	if (method == "DELETE")
		return directory.del(path);
	return directory.request(method, path, body, {{"Content-Type", "application/scim+json"}});
}


std::string ScimApiTest::userBody(const std::string& userName, const std::string& email, bool active)
{
	return "{\"schemas\":[\"" + USER_URN + "\"],\"userName\":\"" + userName +
	       "\",\"name\":{\"givenName\":\"Ada\",\"familyName\":\"Lovelace\"},\"emails\":[{\"value\":\"" + email +
	       "\",\"type\":\"work\",\"primary\":true}],\"active\":" + (active ? "true" : "false") + "}";
}


std::string ScimApiTest::roleOf(const User& actor, const std::string& org, const std::string& username)
{
	Response r = client().get(API + "/orgs/" + org + "/members/" + username, "", actor.token);
	if (r.status == 404)
		return "(none)";
	ASSERT_STATUS(r, 200);
	return text(r.json(), "role");
}


std::string ScimApiTest::lastProvisioned(const User& actor, const std::string& org)
{
	// The account of the newest SCIM user: the scim.user_created event names it.
	Response r = client().get(API + "/orgs/" + org + "/audit?action=scim.user_created&limit=1", "", actor.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), items(r)->size());
	return items(r)->getObject(0)->getObject("target")->getValue<std::string>("label");
}


void ScimApiTest::testConnectionRoutes()
{
	const User ada = signUp(unique("ada"));
	const User mia = signUp(unique("mia"));
	const User eve = signUp(unique("eve"));
	const std::string org = unique("acme");
	createOrganization(ada, org);
	addMember(ada, org, mia.username);
	const std::string path = API + "/orgs/" + org + "/scim-connections";
	const Connection c = connect(ada, org);
	CPPUNIT_ASSERT(c.token.compare(0, 10, "orgs_scim_") == 0);
	Response r = client().get(path + "/" + std::to_string(c.id), "", ada.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT(!r.json()->has("token")); // shown once
	CPPUNIT_ASSERT_EQUAL(c.token.substr(0, 16), text(r.json(), "token_prefix"));
	r = client().get(path, "", ada.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), items(r)->size());
	CPPUNIT_ASSERT(!items(r)->getObject(0)->has("token"));
	ASSERT_PROBLEM(client().post(path, json({{"name", "Okta"}}), ada.token), 409, "scim_connection_exists");
	r = client().patch(path + "/" + std::to_string(c.id),
	                   R"({"name":"Okta EU","default_role":"admin","rules":[{"value":"Engineering","role":"admin"}]})",
	                   ada.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(std::string("Okta EU"), text(r.json(), "name"));
	CPPUNIT_ASSERT_EQUAL(std::string("groups"),
	                     r.json()->getArray("rules")->getObject(0)->getValue<std::string>("claim"));
	ASSERT_PROBLEM(client().patch(path + "/" + std::to_string(c.id), R"({"rules":[{"claim":"email","value":"x",
	               "role":"admin"}]})",
	                              ada.token),
	               400, "invalid_rule");
	// scim.manage: a member without it 403, a stranger 404.
	ASSERT_PROBLEM(client().get(path, "", mia.token), 403, "permission_denied");
	ASSERT_PROBLEM(client().post(path + "/" + std::to_string(c.id) + "/token", "", mia.token), 403,
	               "permission_denied");
	ASSERT_PROBLEM(client().get(path, "", eve.token), 404, "organization_not_found");
	ASSERT_PROBLEM(client().del(path + "/" + std::to_string(c.id), "", eve.token), 404, "organization_not_found");
	// Rotation: the old token stops at once.
	CPPUNIT_ASSERT_EQUAL(200, scim(c, "GET", "/Users").status);
	r = client().post(path + "/" + std::to_string(c.id) + "/token", "", ada.token);
	ASSERT_STATUS(r, 200);
	Connection rotated = c;
	rotated.token = text(r.json(), "token");
	CPPUNIT_ASSERT(rotated.token != c.token);
	assertScimError(scim(c, "GET", "/Users"), 401);
	CPPUNIT_ASSERT_EQUAL(200, scim(rotated, "GET", "/Users").status);
	// Deleted: refused at once.
	ASSERT_STATUS(client().del(path + "/" + std::to_string(c.id), "", ada.token), 204);
	assertScimError(scim(rotated, "GET", "/Users"), 401);
	ASSERT_PROBLEM(client().get(path + "/" + std::to_string(c.id), "", ada.token), 404, "scim_connection_not_found");
}


void ScimApiTest::testUsersAsOktaChecksThem()
{
	const User ada = signUp(unique("ada"));
	const std::string org = unique("acme");
	createOrganization(ada, org);
	const Connection c = connect(ada, org);
	// Discovery answers with the connection's token.
	Response r = scim(c, "GET", "/ServiceProviderConfig");
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT(r.json()->getObject("patch")->getValue<bool>("supported"));
	ASSERT_STATUS(scim(c, "GET", "/Schemas"), 200);
	ASSERT_STATUS(scim(c, "GET", "/ResourceTypes"), 200);
	ASSERT_STATUS(scim(c, "GET", "/ResourceTypes/User"), 200);
	ASSERT_STATUS(scim(c, "GET", "/Schemas/" + USER_URN), 200);

	const std::string userName = unique("jdoe") + "@corp.example";
	r = scim(c, "POST", "/Users", userBody(userName, userName));
	ASSERT_STATUS(r, 201);
	Poco::JSON::Object::Ptr created = r.json();
	const std::string id = text(created, "id");
	CPPUNIT_ASSERT(flag(created, "active"));
	CPPUNIT_ASSERT_EQUAL(userName, text(created, "userName"));
	CPPUNIT_ASSERT(r.header("Location").find("/scim/v2/" + std::to_string(c.id) + "/Users/" + id) != std::string::npos);
	// The same user again, and in other case: 409 uniqueness.
	assertScimError(scim(c, "POST", "/Users", userBody(userName, userName)), 409, "uniqueness");
	assertScimError(scim(c, "POST", "/Users", userBody(Poco::toUpper(userName), userName)), 409, "uniqueness");
	ASSERT_STATUS(scim(c, "POST", "/Users", userBody(unique("other") + "@corp.example", "o@corp.example")), 201);
	// Okta's list checks.
	r = scim(c, "GET", "/Users?count=1&startIndex=1");
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(2), number(r.json(), "totalResults"));
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), number(r.json(), "itemsPerPage"));
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), number(r.json(), "startIndex"));
	r = scim(c, "GET", "/Users?filter=" + encode("userName eq \"nobody@corp.example\""));
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(0), number(r.json(), "totalResults"));
	r = scim(c, "GET", "/Users?filter=" + encode("userName eq \"" + Poco::toUpper(userName) + "\""));
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), number(r.json(), "totalResults"));
	CPPUNIT_ASSERT_EQUAL(id, r.json()->getArray("Resources")->getObject(0)->getValue<std::string>("id"));
	r = scim(c, "GET", "/Users?filter=" + encode("emails[type eq \"work\"].value eq \"" + userName + "\""));
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), number(r.json(), "totalResults"));
	assertScimError(scim(c, "GET", "/Users?filter=" + encode("userName xx \"a\"")), 400, "invalidFilter");
	// Get by id; an unknown id is a SCIM 404.
	r = scim(c, "GET", "/Users/" + id);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(userName, text(r.json(), "userName"));
	assertScimError(scim(c, "GET", "/Users/999999999"), 404);
	assertScimError(scim(c, "GET", "/Users/not-an-id"), 404);
	// Okta replaces with the full user.
	std::string replaced = userBody(userName, userName);
	replaced.insert(replaced.size() - 1, ",\"displayName\":\"Jane Doe\"");
	r = scim(c, "PUT", "/Users/" + id, replaced);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(std::string("Jane Doe"), text(r.json(), "displayName"));
	// application/json is accepted too; other types are not.
	Orgs::Test::ScimClient directory(client(), c.base, c.token, *_pValidator);
	ASSERT_STATUS(directory.request("GET", "/Users/" + id, "", {}), 200);
	assertScimError(directory.request("PUT", "/Users/" + id, replaced, {{"Content-Type", "text/plain"}}), 415);
	ASSERT_STATUS(directory.request("PUT", "/Users/" + id, replaced, {{"Content-Type", "application/json"}}), 200);
	// Unknown endpoint and method.
	assertScimError(scim(c, "GET", "/Widgets"), 404);
	assertScimError(scim(c, "DELETE", "/ServiceProviderConfig"), 405);
}


void ScimApiTest::testDeprovisioningKeepsHistoryAndAccount()
{
	const User ada = signUp(unique("ada"));
	const std::string org = unique("acme");
	createOrganization(ada, org);
	const Poco::Int64 ws =
	    number(client().post(API + "/orgs/" + org + "/workspaces", json({{"name", "Team A"}}), ada.token).json(), "id");
	const Connection c = connect(ada, org,
	                             R"({"name":"Okta","default_role":"member","rules":[{"value":"Labelers",
	                                 "target":"workspace","workspace_id":)" +
	                                 std::to_string(ws) + R"(,"role":"editor"}]})");
	Response r = scim(c, "POST", "/Users", userBody("kim@corp.example", "kim@corp.example"));
	ASSERT_STATUS(r, 201);
	const std::string id = text(r.json(), "id");
	r = scim(c, "POST", "/Groups",
	         "{\"schemas\":[\"" + GROUP_URN + "\"],\"displayName\":\"Labelers\",\"members\":[{\"value\":\"" + id +
	             "\"}]}");
	ASSERT_STATUS(r, 201);
	const std::string kim = lastProvisioned(ada, org);
	CPPUNIT_ASSERT_EQUAL(std::string("member"), roleOf(ada, org, kim));
	r = client().get(API + "/orgs/" + org + "/workspaces/" + std::to_string(ws) + "/members", "", ada.token);
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), usernames(r).count(kim));
	// Deactivated as Okta does: active false in a PUT.
	r = scim(c, "PUT", "/Users/" + id, userBody("kim@corp.example", "kim@corp.example", false));
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT(!flag(r.json(), "active"));
	CPPUNIT_ASSERT_EQUAL(std::string("(none)"), roleOf(ada, org, kim));
	r = client().get(API + "/orgs/" + org + "/workspaces/" + std::to_string(ws) + "/members", "", ada.token);
	CPPUNIT_ASSERT_EQUAL(std::size_t(0), usernames(r).count(kim));
	// History stays: the events name kim and the connection.
	r = client().get(API + "/orgs/" + org + "/audit?action=member.removed", "", ada.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), items(r)->size());
	Poco::JSON::Object::Ptr removed = items(r)->getObject(0);
	CPPUNIT_ASSERT_EQUAL(kim, removed->getObject("target")->getValue<std::string>("label"));
	CPPUNIT_ASSERT_EQUAL(std::string("scim:Okta"), removed->getObject("actor")->getValue<std::string>("via"));
	r = client().get(API + "/orgs/" + org + "/audit?action=scim.joined", "", ada.token);
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), items(r)->size());
	// Reactivated: the mapped roles again.
	r = scim(c, "PATCH", "/Users/" + id, patch(R"({"op":"replace","path":"active","value":true})"));
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(std::string("member"), roleOf(ada, org, kim));
	r = client().get(API + "/orgs/" + org + "/workspaces/" + std::to_string(ws) + "/members", "", ada.token);
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), usernames(r).count(kim));
	// Deleted: not a member, the SCIM user gone (the account is not deleted: ScimConnection checks it).
	ASSERT_STATUS(scim(c, "DELETE", "/Users/" + id), 204);
	CPPUNIT_ASSERT_EQUAL(std::string("(none)"), roleOf(ada, org, kim));
	assertScimError(scim(c, "GET", "/Users/" + id), 404);
	r = scim(c, "GET", "/Groups?filter=" + encode("displayName eq \"Labelers\""));
	CPPUNIT_ASSERT_EQUAL(std::size_t(0), r.json()->getArray("Resources")->getObject(0)->getArray("members")->size());
	r = client().get(API + "/orgs/" + org + "/audit?action=scim.user_deleted", "", ada.token);
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), items(r)->size());
	// The userName is free again.
	ASSERT_STATUS(scim(c, "POST", "/Users", userBody("kim@corp.example", "kim@corp.example")), 201);
}


void ScimApiTest::testEntraQuirks()
{
	const User ada = signUp(unique("ada"));
	const std::string org = unique("acme");
	createOrganization(ada, org);
	const Connection c = connect(ada, org);
	Response r = scim(c, "POST", "/Users",
	                  "{\"schemas\":[\"" + USER_URN +
	                      "\",\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\"],\"userName\":"
	                      "\"lee@corp.example\",\"externalId\":\"e-1\",\"displayName\":\"Lee\",\"active\":\"True\","
	                      "\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\":{\"department\":\"Ops\","
	                      "\"employeeNumber\":\"42\"}}");
	ASSERT_STATUS(r, 201);
	const std::string id = text(r.json(), "id");
	CPPUNIT_ASSERT(flag(r.json(), "active"));
	CPPUNIT_ASSERT_EQUAL(std::string("Ops"),
	                     child(r.json(), "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")
	                         ->getValue<std::string>("department"));
	// Entra looks users up by externalId, then patches with capitalised ops, no path, strings for booleans.
	r = scim(c, "GET", "/Users?filter=" + encode("externalId eq \"e-1\""));
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), number(r.json(), "totalResults"));
	r = scim(c, "PATCH", "/Users/" + id,
	         patch(R"({"op":"Replace","path":"emails[type eq \"work\"].value","value":"lee@corp.example"},
	                  {"op":"Add","value":{"displayName":"Lee Chen","name.givenName":"Lee"}},
	                  {"op":"Replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department",
	                   "value":"Research"})"));
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(std::string("Lee Chen"), text(r.json(), "displayName"));
	CPPUNIT_ASSERT_EQUAL(std::string("lee@corp.example"),
	                     r.json()->getArray("emails")->getObject(0)->getValue<std::string>("value"));
	CPPUNIT_ASSERT_EQUAL(std::string("Research"),
	                     child(r.json(), "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")
	                         ->getValue<std::string>("department"));
	// null clears.
	r = scim(c, "PATCH", "/Users/" + id, patch(R"({"op":"Replace","path":"displayName","value":null})"));
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT(!r.json()->has("displayName"));
	// Disable then delete, as Entra does.
	r = scim(c, "PATCH", "/Users/" + id, patch(R"({"op":"Replace","path":"active","value":"False"})"));
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT(!flag(r.json(), "active"));
	r = scim(c, "GET", "/Users?filter=" + encode("userName eq \"lee@corp.example\" and active eq false"));
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), number(r.json(), "totalResults"));
	ASSERT_STATUS(scim(c, "DELETE", "/Users/" + id), 204);
	assertScimError(scim(c, "DELETE", "/Users/" + id), 404);
	assertScimError(scim(c, "PATCH", "/Users/" + id, "{not json"), 400, "invalidSyntax");
}


void ScimApiTest::testGroupsMapRolesAndWorkspaces()
{
	const User ada = signUp(unique("ada"));
	const std::string org = unique("acme");
	createOrganization(ada, org);
	const Poco::Int64 ws =
	    number(client().post(API + "/orgs/" + org + "/workspaces", json({{"name", "Lab"}}), ada.token).json(), "id");
	const Connection c = connect(ada, org, R"({"name":"Entra","rules":[{"value":"Admins","role":"admin"}]})");
	Response r = scim(c, "POST", "/Users", userBody("sam@corp.example", "sam@corp.example"));
	ASSERT_STATUS(r, 201);
	const std::string sam = text(r.json(), "id");
	const std::string account = lastProvisioned(ada, org);
	CPPUNIT_ASSERT_EQUAL(std::string("member"), roleOf(ada, org, account));
	// A group a rule names: its members get the rule's role.
	r = scim(c, "POST", "/Groups", "{\"schemas\":[\"" + GROUP_URN + "\"],\"displayName\":\"Admins\"}");
	ASSERT_STATUS(r, 201);
	const std::string admins = text(r.json(), "id");
	assertScimError(scim(c, "POST", "/Groups", "{\"schemas\":[\"" + GROUP_URN + "\"],\"displayName\":\"ADMINS\"}"), 409,
	                "uniqueness");
	r = scim(c, "PATCH", "/Groups/" + admins,
	         patch(R"({"op":"Add","path":"members","value":[{"value":")" + sam + R"("}]})"));
	ASSERT_STATUS(r, 204);
	CPPUNIT_ASSERT_EQUAL(std::string("admin"), roleOf(ada, org, account));
	// A group no rule names: stored, listed, no effect.
	r = scim(c, "POST", "/Groups",
	         "{\"schemas\":[\"" + GROUP_URN + "\"],\"displayName\":\"Labelers\",\"members\":[{\"value\":\"" + sam +
	             "\"}]}");
	ASSERT_STATUS(r, 201);
	r = scim(c, "GET", "/Groups?excludedAttributes=members");
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(2), number(r.json(), "totalResults"));
	CPPUNIT_ASSERT(!r.json()->getArray("Resources")->getObject(0)->has("members"));
	r = client().get(API + "/orgs/" + org + "/workspaces/" + std::to_string(ws) + "/members", "", ada.token);
	CPPUNIT_ASSERT_EQUAL(std::size_t(0), usernames(r).count(account));
	// Once a rule names it, it takes effect (the rules apply at once).
	ASSERT_STATUS(client().patch(API + "/orgs/" + org + "/scim-connections/" + std::to_string(c.id),
	                             R"({"rules":[{"value":"Admins","role":"admin"},{"value":"Labelers",
	                                 "target":"workspace","workspace_id":)" +
	                                 std::to_string(ws) + R"(,"role":"editor"}]})",
	                             ada.token),
	              200);
	r = client().get(API + "/orgs/" + org + "/workspaces/" + std::to_string(ws) + "/members", "", ada.token);
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), usernames(r).count(account));
	// Entra removes a member by a filtered path: the role goes back to the default.
	r = scim(c, "PATCH", "/Groups/" + admins,
	         patch(R"({"op":"Remove","path":"members[value eq \")" + sam + R"(\"]"})"));
	ASSERT_STATUS(r, 204);
	CPPUNIT_ASSERT_EQUAL(std::string("member"), roleOf(ada, org, account));
	r = scim(c, "GET", "/Groups/" + admins);
	CPPUNIT_ASSERT_EQUAL(std::size_t(0), r.json()->getArray("members")->size());
	// Rename through PUT with members: the new name is what rules see.
	r = scim(c, "PUT", "/Groups/" + admins,
	         "{\"schemas\":[\"" + GROUP_URN + "\"],\"displayName\":\"Admins\",\"members\":[{\"value\":\"" + sam +
	             "\"}]}");
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(std::string("admin"), roleOf(ada, org, account));
	ASSERT_STATUS(scim(c, "DELETE", "/Groups/" + admins), 204);
	CPPUNIT_ASSERT_EQUAL(std::string("member"), roleOf(ada, org, account));
	assertScimError(scim(c, "GET", "/Groups/" + admins), 404);
	// A member that is no user of the connection.
	assertScimError(
	    scim(c, "POST", "/Groups",
	         "{\"schemas\":[\"" + GROUP_URN + "\"],\"displayName\":\"X\",\"members\":[{\"value\":\"999999\"}]}"),
	    400, "invalidValue");
}


void ScimApiTest::testSeatsUnderConcurrentCreates()
{
	start({{"orgs.plans.free.maxMembers", "3"}});
	const User ada = signUp(unique("ada"));
	const std::string org = unique("acme");
	createOrganization(ada, org);
	const Connection c = connect(ada, org);
	const int N = 6;
	const std::string baseUrl = world().host().baseUrl();
	StartGate gate(N);
	std::atomic<int> created{0}, refused{0};
	std::vector<std::string> details(N);
	std::vector<std::thread> threads;
	for (int i = 0; i < N; ++i)
	{
		threads.emplace_back([&, i] {
			HttpClient own(baseUrl);
			const std::string name = "seat" + std::to_string(i) + "@corp.example";
			gate.arriveAndWait();
			HttpClient::Response r =
			    own.request("POST", c.base + "/Users", userBody(name, name),
			                {{"Authorization", "Bearer " + c.token}, {"Content-Type", "application/scim+json"}});
			if (r.status == 201)
				++created;
			else if (r.status == 409 && r.json()->getValue<std::string>("status") == "409")
			{
				++refused;
				details[static_cast<std::size_t>(i)] = r.json()->getValue<std::string>("detail");
			}
		});
	}
	for (auto& t : threads)
		t.join();
	CPPUNIT_ASSERT_EQUAL(2, created.load()); // the owner and two of the six
	CPPUNIT_ASSERT_EQUAL(N - 2, refused.load());
	for (const auto& d : details)
		CPPUNIT_ASSERT(d.empty() || d.find("3") != std::string::npos);
	Response r = client().get(API + "/orgs/" + org + "/members", "", ada.token);
	CPPUNIT_ASSERT_EQUAL(std::size_t(3), items(r)->size());
	// The refused users were not stored.
	r = scim(c, "GET", "/Users");
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(2), number(r.json(), "totalResults"));
}


void ScimApiTest::testTokenReachesOnlyItsConnection()
{
	const User ada = signUp(unique("ada"));
	const User bea = signUp(unique("bea"));
	const std::string acme = unique("acme");
	const std::string other = unique("other");
	createOrganization(ada, acme);
	createOrganization(bea, other);
	const Connection mine = connect(ada, acme);
	const Connection theirs = connect(bea, other);
	// Another organization's endpoints: 404, as if they did not exist.
	Connection crossed = theirs;
	crossed.token = mine.token;
	assertScimError(scim(crossed, "GET", "/Users"), 404);
	assertScimError(scim(crossed, "POST", "/Users", userBody("x@corp.example", "x@corp.example")), 404);
	// A SCIM token is no credential on other routes; an account's token none on SCIM routes.
	ASSERT_STATUS(client().get(API + "/orgs/" + acme + "/members", "", mine.token), 401);
	ASSERT_STATUS(client().get(API + "/me", "", mine.token), 401);
	Connection personal = mine;
	personal.token = ada.token;
	assertScimError(scim(personal, "GET", "/Users"), 401);
	Connection none = mine;
	none.token = "";
	assertScimError(scim(none, "GET", "/ServiceProviderConfig"), 401);
	CPPUNIT_ASSERT_EQUAL(200, scim(mine, "GET", "/Users").status);
}
