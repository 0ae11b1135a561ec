//
// ScimValidatorTest.cpp
//
// Library: OrgsTests
// Package: Scim
// Module:  ScimValidatorTest
//


#include "ScimValidatorTest.h"
#include "support/ScimClient.h"
#include "support/Suites.h"
#include "scim/Discovery.h"
#include "scim/ErrorDocument.h"
#include "scim/Json.h"
#include "scim/ListResponse.h"
#include "scim/Patch.h"
#include "scim/Projection.h"
#include "scim/Value.h"
#include "Poco/JSON/Array.h"
#include "Poco/JSON/ParseHandler.h"
#include "Poco/JSON/Parser.h"


using namespace Orgs;
using Orgs::Scim::Discovery;
using Orgs::Scim::ErrorDocument;
using Orgs::Scim::Json;
using Orgs::Scim::ListResponse;
using Orgs::Scim::Schema;
using Orgs::Test::ScimClient;
using Orgs::Test::ScimValidator;


ORGS_TEST_SUITE(ScimValidatorTest, "ScimValidator", UNIT);


namespace {


const std::string BASE = "https://orgs.example.com/api/v1/scim/v2/c0nn";


Poco::JSON::Object::Ptr parse(const std::string& json)
{
	Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(true));
	return parser.parse(json).extract<Poco::JSON::Object::Ptr>();
}


std::string joined(const std::vector<std::string>& errors)
{
	std::string out;
	for (const auto& e : errors)
		out += e + "\n";
	return out;
}


Poco::JSON::Object::Ptr stored(Poco::JSON::Object::Ptr pResource, const Schema& schema, const std::string& id)
	/// What the service adds to a decoded resource: id and meta.
{
	pResource->set("id", id);
	Poco::JSON::Object::Ptr pMeta = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
	pMeta->set("resourceType", schema.resourceType());
	pMeta->set("created", "2026-12-05T06:00:00Z");
	pMeta->set("lastModified", "2026-12-05T06:00:00.123Z");
	pMeta->set("location", Discovery(BASE).location(schema, id));
	pResource->set("meta", pMeta);
	return pResource;
}


const char* const USER = R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"u1","userName":"ada",
	"active":true,"emails":[{"value":"a@x","type":"work","primary":true}],"meta":{"resourceType":"User"}})";


} // namespace


void ScimValidatorTest::setUp()
{
	_pValidator.reset(new ScimValidator);
}


void ScimValidatorTest::tearDown()
{
	_pValidator.reset();
}


void ScimValidatorTest::testDiscoveryDocumentsAreValid()
{
	const Discovery discovery(BASE);
	auto valid = [&](const Poco::JSON::Object::Ptr& p) {
		const auto errors = _pValidator->validate(Json::stringify(p));
		CPPUNIT_ASSERT_MESSAGE(Json::stringify(p) + "\n" + joined(errors), errors.empty());
	};
	valid(discovery.serviceProviderConfig());
	valid(discovery.schemas());
	valid(discovery.resourceTypes());
	valid(discovery.schema(Schema::USER));
	valid(discovery.schema(Schema::ENTERPRISE));
	valid(discovery.schema(Schema::GROUP));
	valid(discovery.resourceType("User"));
	valid(discovery.resourceType("Group"));
	// Each schema document also passes as what it is, named explicitly.
	CPPUNIT_ASSERT(_pValidator->validate("Schema", Json::stringify(discovery.schema(Schema::USER)), 200).empty());
}


void ScimValidatorTest::testResourcesAreValid()
{
	// Okta's create body, decoded, stored, then deactivated and renamed.
	auto pUser = stored(Scim::Value::normalize(*parse(R"({
		"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
		"userName": "test.user@okta.local",
		"name": {"givenName": "Test", "familyName": "User"},
		"emails": [{"primary": true, "value": "test.user@okta.local", "type": "work"}],
		"displayName": "Test User", "locale": "en-US", "externalId": "00ujl29u0le5T6Aj10h7",
		"groups": [], "password": "1mz050nq", "active": "True"})"),
	                                           Schema::user()),
	                    Schema::user(), "23a35c27-23d3-4c03-b4c5-6443c09e7173");
	Scim::Patch::apply(pUser, *parse(R"({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
		"Operations": [{"op": "replace", "value": {"active": "False", "department": "Sales",
		                "emails[type eq \"home\"].value": "home@example.org"}}]})"),
	                   Schema::user());
	std::vector<std::string> errors = _pValidator->validate(Json::stringify(pUser));
	CPPUNIT_ASSERT_MESSAGE(Json::stringify(pUser) + "\n" + joined(errors), errors.empty());

	auto pGroup = stored(Scim::Value::normalize(*parse(R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],
		"displayName":"Engineers","members":[{"value":"23a35c27-23d3-4c03-b4c5-6443c09e7173","display":"Test User"}]})"),
	                                            Schema::group()),
	                     Schema::group(), "g-1");
	errors = _pValidator->validate(Json::stringify(pGroup));
	CPPUNIT_ASSERT_MESSAGE(Json::stringify(pGroup) + "\n" + joined(errors), errors.empty());

	Poco::JSON::Array::Ptr pResources = new Poco::JSON::Array;
	pResources->add(pUser);
	errors = _pValidator->validate(Json::stringify(ListResponse::make(7, 1, pResources)));
	CPPUNIT_ASSERT_MESSAGE(joined(errors), errors.empty());
	errors = _pValidator->validate(Json::stringify(ListResponse::make(0, 1, nullptr)));
	CPPUNIT_ASSERT_MESSAGE(joined(errors), errors.empty());

	const auto pProjected = Scim::Projection::parse("", "members", Schema::group()).apply(*pGroup);
	errors = _pValidator->validate(Json::stringify(pProjected), 200, true);
	CPPUNIT_ASSERT_MESSAGE(joined(errors), errors.empty());
}


void ScimValidatorTest::testErrorDocumentsAreValid()
{
	for (int status : {400, 401, 403, 404, 409, 413, 429, 500, 503})
	{
		const auto errors =
		    _pValidator->validate(Json::stringify(ErrorDocument::make(status, "uniqueness", "detail")), status);
		CPPUNIT_ASSERT_MESSAGE(joined(errors), errors.empty());
	}
	const auto errors = _pValidator->validate(
	    Json::stringify(ErrorDocument::make(409, "seat_limit", "The plan allows 5 members")), 409);
	CPPUNIT_ASSERT_MESSAGE(joined(errors), errors.empty());
}


void ScimValidatorTest::testRefusesBrokenResources()
{
	auto broken = [&](const std::string& change, const std::string& expected, int status = 200) {
		auto pUser = parse(USER);
		auto pChange = parse(change);
		for (const auto& name : pChange->getNames())
			pUser->set(name, pChange->get(name));
		const std::string errors = joined(_pValidator->validate(Json::stringify(pUser), status));
		CPPUNIT_ASSERT_MESSAGE(change + " gave: " + errors, errors.find(expected) != std::string::npos);
	};
	broken(R"({"active": "False"})", "/active: must be boolean");
	broken(R"({"userName": ""})", "/userName");
	broken(R"({"id": "bulkId"})", "/id");
	broken(R"({"password": "secret"})", "/password");
	broken(R"({"shoeSize": 42})", "\"shoeSize\"");
	broken(R"({"emails": [{"value": "a", "primary": true}, {"value": "b", "primary": true}]})", "/emails");
	broken(R"({"emails": [{"value": 42}]})", "/emails/0/value");
	broken(R"({"name": {"givenName": "A", "nick": "x"}})", "\"nick\"");
	broken(R"({"meta": {"resourceType": "Group"}})", "/meta/resourceType");
	broken(R"({"meta": {"resourceType": "User", "created": "yesterday"}})", "/meta/created");
	broken(R"({"meta": {"resourceType": "User", "location": "not a uri"}})", "/meta/location");
	broken(R"({"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"department": "x"}})",
	       "not in \"schemas\"");
	broken(
	    R"({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
		"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"manager": "m-1"}})",
	    "/manager: must be object");
	broken(
	    R"({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"]})",
	    "without its object");
	broken("{}", "HTTP status 404 without an Error document", 404);

	auto group = [&](const std::string& body, const std::string& expected) {
		const std::string errors = joined(_pValidator->validate(body));
		CPPUNIT_ASSERT_MESSAGE(body + " gave: " + errors, errors.find(expected) != std::string::npos);
	};
	group(R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"id":"g","meta":{"resourceType":"Group"}})",
	      "displayName");
	group(R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"id":"g","displayName":"G",
		"meta":{"resourceType":"Group"},"members":[{"display":"no id"}]})",
	      "/members/0");
	group(
	    R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"G","meta":{"resourceType":"Group"}})",
	    "id");
}


void ScimValidatorTest::testRefusesBrokenMessages()
{
	auto refused = [&](const std::string& body, int status, const std::string& expected) {
		const std::string errors = joined(_pValidator->validate(body, status));
		CPPUNIT_ASSERT_MESSAGE(body + " gave: " + errors, errors.find(expected) != std::string::npos);
	};
	refused("not json", 200, "not JSON");
	refused(R"({"userName":"x"})", 200, "names no SCIM schema");
	refused(R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":404})", 404, "/status");
	refused(R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"404"})", 409, "HTTP status is 409");
	refused(R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"200"})", 200, "an Error document");
	refused(R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"409","scimType":"duplicate"})", 409,
	        "/scimType");
	refused(R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":1,"itemsPerPage":2,
		"startIndex":1,"Resources":[)" +
	            std::string(USER) + "]}",
	        200, "itemsPerPage");
	refused(R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":0,"itemsPerPage":1,
		"startIndex":1,"Resources":[)" +
	            std::string(USER) + "]}",
	        200, "more than totalResults");
	refused(R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":3})", 200, "Resources");
	refused(R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":1,"itemsPerPage":1,
		"startIndex":0,"Resources":[)" +
	            std::string(USER) + "]}",
	        200, "/startIndex");
	refused(R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":1,"itemsPerPage":1,
		"startIndex":1,"Resources":[{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"u"}]})",
	        200, "/Resources/0");
	auto pConfig = Discovery(BASE).serviceProviderConfig();
	pConfig->remove("etag");
	refused(Json::stringify(pConfig), 200, "etag");
	pConfig = Discovery(BASE).serviceProviderConfig();
	Json::object(pConfig->get("filter"))->remove("maxResults");
	refused(Json::stringify(pConfig), 200, "maxResults");
	auto pSchema = Discovery(BASE).schema(Schema::USER);
	Json::object(Json::array(pSchema->get("attributes"))->get(0))->set("mutability", "sometimes");
	refused(Json::stringify(pSchema), 200, "mutability");
	auto pType = Discovery(BASE).resourceType("User");
	pType->remove("endpoint");
	refused(Json::stringify(pType), 200, "endpoint");
}


void ScimValidatorTest::testPartialResponses()
{
	const std::string idOnly =
	    R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"id":"g","meta":{"resourceType":"Group"}})";
	CPPUNIT_ASSERT(_pValidator->validate(idOnly, 200, true).empty());
	CPPUNIT_ASSERT(!_pValidator->validate(idOnly, 200, false).empty());
	// id and meta stay required.
	CPPUNIT_ASSERT(
	    !_pValidator
	         ->validate(
	             R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"meta":{"resourceType":"Group"}})", 200,
	             true)
	         .empty());
}


void ScimValidatorTest::testClientChecks()
{
	Test::HttpClient http("127.0.0.1", 9); // never used: check() looks at given responses only
	ScimClient client(http, "/scim/v2/c/", "token", *_pValidator);
	CPPUNIT_ASSERT_EQUAL(std::string("/scim/v2/c"), client.basePath());
	auto fails = [&](const ScimClient::Response& response, const std::string& path = "GET /Users/u1") {
		try
		{
			client.check(path, response);
		}
		catch (CppUnit::Exception&)
		{
			return true;
		}
		return false;
	};
	ScimClient::Response r;
	r.status = 200;
	r.contentType = "application/scim+json; charset=utf-8";
	r.body = USER;
	CPPUNIT_ASSERT(!fails(r));
	r.contentType = "application/json";
	CPPUNIT_ASSERT(fails(r));
	r.contentType = "application/scim+json";
	r.body = R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"u1","meta":{"resourceType":"User"}})";
	CPPUNIT_ASSERT(fails(r));
	CPPUNIT_ASSERT(!fails(r, "GET /Users/u1?attributes=id"));
	r.status = 204;
	r.contentType = "";
	r.body = "";
	CPPUNIT_ASSERT(!fails(r));
	r.body = "{}";
	CPPUNIT_ASSERT(fails(r));
	CPPUNIT_ASSERT_EQUAL(std::string("userName%20eq%20%22a%2Bb%40x%22"), ScimClient::encode("userName eq \"a+b@x\""));
}
