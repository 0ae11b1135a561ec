//
// ScimProjectionTest.cpp
//
// Library: OrgsTests
// Package: Scim
// Module:  ScimProjectionTest
//


#include "ScimProjectionTest.h"
#include "support/Expect.h"
#include "support/Suites.h"
#include "scim/Json.h"
#include "scim/Projection.h"
#include "Poco/JSON/ParseHandler.h"
#include "Poco/JSON/Parser.h"


using namespace Orgs;
using Orgs::Scim::Json;
using Orgs::Scim::Projection;
using Orgs::Scim::Schema;
using Orgs::Test::reasonOf;


ORGS_TEST_SUITE(ScimProjectionTest, "ScimProjection", UNIT);


namespace {


const std::string ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";


Poco::JSON::Object::Ptr parse(const std::string& json)
{
	Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(true));
	return parser.parse(json).extract<Poco::JSON::Object::Ptr>();
}


const char* const USER =
    R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],"id":"u1","externalId":"e1","userName":"ada","name":{"givenName":"Ada","familyName":"Lovelace"},"displayName":"Ada L","emails":[{"value":"a@x","type":"work","primary":true},{"value":"b@y","type":"home"}],"active":true,"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Engines","manager":{"value":"m1"}},"meta":{"resourceType":"User","location":"https://h/scim/v2/c/Users/u1"}})";

const char* const GROUP =
    R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"id":"g1","displayName":"Eng","members":[{"value":"u1","display":"Ada"}],"meta":{"resourceType":"Group"}})";


std::string project(const std::string& attributes, const std::string& excluded, const std::string& resource = USER,
                    const Schema& schema = Schema::user())
{
	return Json::stringify(Projection::parse(attributes, excluded, schema).apply(*parse(resource)));
}


std::string keys(const std::string& attributes, const std::string& excluded, const std::string& resource = USER,
                 const Schema& schema = Schema::user())
	/// The top-level member names of the projected resource, comma-separated in order.
{
	auto pOut = Projection::parse(attributes, excluded, schema).apply(*parse(resource));
	std::string out;
	for (const auto& name : pOut->getNames())
		out += (out.empty() ? "" : ",") + name;
	return out;
}


} // namespace


void ScimProjectionTest::testDefault()
{
	CPPUNIT_ASSERT_EQUAL(Json::stringify(parse(USER)), project("", ""));
	CPPUNIT_ASSERT_EQUAL(Json::stringify(parse(USER)), Json::stringify(Projection().apply(*parse(USER))));
	CPPUNIT_ASSERT(Projection().wants("members"));
}


void ScimProjectionTest::testAttributes()
{
	CPPUNIT_ASSERT_EQUAL(std::string("schemas,id,userName,meta"), keys("userName", ""));
	CPPUNIT_ASSERT_EQUAL(std::string("schemas,id,userName,displayName,meta"), keys(" DisplayName , USERNAME ", ""));
	CPPUNIT_ASSERT_EQUAL(std::string("schemas,id,emails,meta"), keys("emails", ""));
	CPPUNIT_ASSERT_EQUAL(std::string("schemas,id,meta"), keys("id", ""));
	// The extension's URN leaves "schemas" when none of its attributes is returned.
	CPPUNIT_ASSERT_EQUAL(
	    std::string("[\"urn:ietf:params:scim:schemas:core:2.0:User\"]"),
	    Json::stringify(Projection::parse("userName", "", Schema::user()).apply(*parse(USER))->get("schemas")));
	CPPUNIT_ASSERT_EQUAL(std::string("schemas,id,displayName,meta"), keys("displayName", "", GROUP, Schema::group()));
}


void ScimProjectionTest::testSubAttributes()
{
	auto pOut = Projection::parse("name.givenName,emails.value", "", Schema::user()).apply(*parse(USER));
	CPPUNIT_ASSERT_EQUAL(std::string("{\"givenName\":\"Ada\"}"), Json::stringify(pOut->get("name")));
	CPPUNIT_ASSERT_EQUAL(std::string("[{\"value\":\"a@x\"},{\"value\":\"b@y\"}]"),
	                     Json::stringify(pOut->get("emails")));
	// The whole attribute and one of its sub-attributes: the whole attribute.
	pOut = Projection::parse("name.givenName,name", "", Schema::user()).apply(*parse(USER));
	CPPUNIT_ASSERT_EQUAL(std::string("{\"givenName\":\"Ada\",\"familyName\":\"Lovelace\"}"),
	                     Json::stringify(pOut->get("name")));
	// Excluding sub-attributes.
	pOut = Projection::parse("", "emails.primary,emails.type,name.familyName", Schema::user()).apply(*parse(USER));
	CPPUNIT_ASSERT_EQUAL(std::string("[{\"value\":\"a@x\"},{\"value\":\"b@y\"}]"),
	                     Json::stringify(pOut->get("emails")));
	CPPUNIT_ASSERT_EQUAL(std::string("{\"givenName\":\"Ada\"}"), Json::stringify(pOut->get("name")));
	// meta is returned whole even when one of its sub-attributes is named.
	pOut = Projection::parse("meta.location", "meta", Schema::user()).apply(*parse(USER));
	CPPUNIT_ASSERT(Json::object(pOut->get("meta"))->has("resourceType"));
}


void ScimProjectionTest::testExcludedAttributes()
{
	CPPUNIT_ASSERT_EQUAL(std::string("schemas,id,displayName,meta"), keys("", "members", GROUP, Schema::group()));
	CPPUNIT_ASSERT_EQUAL(std::string("schemas,id,displayName,meta"), keys("", "MEMBERS", GROUP, Schema::group()));
	CPPUNIT_ASSERT_EQUAL(std::string("schemas,id,displayName,members,meta"),
	                     keys("", "id,meta,schemas", GROUP, Schema::group()));
	CPPUNIT_ASSERT_EQUAL(std::string("schemas,id,externalId,userName,displayName,active," + ENTERPRISE + ",meta"),
	                     keys("", "name,emails"));
	// attributes first, then the exclusions.
	CPPUNIT_ASSERT_EQUAL(std::string("schemas,id,userName,meta"), keys("userName,displayName", "displayName"));
}


void ScimProjectionTest::testExtension()
{
	auto pOut = Projection::parse(ENTERPRISE + ":department", "", Schema::user()).apply(*parse(USER));
	CPPUNIT_ASSERT_EQUAL(std::string("{\"department\":\"Engines\"}"), Json::stringify(pOut->get(ENTERPRISE)));
	CPPUNIT_ASSERT_EQUAL(std::string("[\"urn:ietf:params:scim:schemas:core:2.0:User\",\"" + ENTERPRISE + "\"]"),
	                     Json::stringify(pOut->get("schemas")));
	pOut = Projection::parse("manager.value", "", Schema::user()).apply(*parse(USER));
	CPPUNIT_ASSERT_EQUAL(std::string("{\"manager\":{\"value\":\"m1\"}}"), Json::stringify(pOut->get(ENTERPRISE)));
	// The URN alone names the whole extension.
	pOut = Projection::parse(ENTERPRISE, "", Schema::user()).apply(*parse(USER));
	CPPUNIT_ASSERT_EQUAL(std::string("{\"department\":\"Engines\",\"manager\":{\"value\":\"m1\"}}"),
	                     Json::stringify(pOut->get(ENTERPRISE)));
	CPPUNIT_ASSERT(!pOut->has("userName"));
	CPPUNIT_ASSERT_EQUAL(std::string("schemas,id,externalId,userName,name,displayName,emails,active,meta"),
	                     keys("", ENTERPRISE));
	CPPUNIT_ASSERT_EQUAL(
	    std::string("[\"urn:ietf:params:scim:schemas:core:2.0:User\"]"),
	    Json::stringify(
	        Projection::parse("", "department,manager", Schema::user()).apply(*parse(USER))->get("schemas")));
	CPPUNIT_ASSERT_EQUAL(std::string("schemas,id,userName,meta"),
	                     keys("urn:ietf:params:scim:schemas:core:2.0:User:userName", ""));
}


void ScimProjectionTest::testWants()
{
	const Projection none = Projection::parse("", "", Schema::group());
	CPPUNIT_ASSERT(none.wants("members"));
	CPPUNIT_ASSERT(none.wants("displayName"));
	const Projection noMembers = Projection::parse("", "members", Schema::group());
	CPPUNIT_ASSERT(!noMembers.wants("members"));
	CPPUNIT_ASSERT(!noMembers.wants("Members.Value"));
	CPPUNIT_ASSERT(noMembers.wants("displayName"));
	CPPUNIT_ASSERT(noMembers.wants("id"));
	const Projection onlyName = Projection::parse("displayName", "", Schema::group());
	CPPUNIT_ASSERT(!onlyName.wants("members"));
	CPPUNIT_ASSERT(onlyName.wants("meta"));
	const Projection memberIds = Projection::parse("members.value", "", Schema::group());
	CPPUNIT_ASSERT(memberIds.wants("members"));
	CPPUNIT_ASSERT(!memberIds.wants("members.display"));
	CPPUNIT_ASSERT(!memberIds.wants("shoeSize"));

	const Projection department = Projection::parse(ENTERPRISE + ":department", "", Schema::user());
	CPPUNIT_ASSERT(department.wants("department"));
	CPPUNIT_ASSERT(department.wants(ENTERPRISE));
	CPPUNIT_ASSERT(!department.wants("manager"));
	CPPUNIT_ASSERT(!department.wants("emails"));
	const Projection noEnterprise = Projection::parse("", ENTERPRISE, Schema::user());
	CPPUNIT_ASSERT(!noEnterprise.wants("department"));
	CPPUNIT_ASSERT(!noEnterprise.wants(ENTERPRISE));
	CPPUNIT_ASSERT(noEnterprise.wants("emails"));
}


void ScimProjectionTest::testUnknownAndInvalidNames()
{
	// Unknown and not-stored names are ignored: asking only for them returns the always ones.
	CPPUNIT_ASSERT_EQUAL(std::string("schemas,id,meta"), keys("title,shoeSize", ""));
	CPPUNIT_ASSERT_EQUAL(std::string("schemas,id,userName,meta"), keys("title,userName", ""));
	CPPUNIT_ASSERT_EQUAL(Json::stringify(parse(USER)), project("", "title,shoeSize"));
	CPPUNIT_ASSERT_EQUAL(std::string("invalidValue"), reasonOf<InvalidInputException>([] {
		                     Projection::parse("userName,,id", "", Schema::user());
	                     }));
	CPPUNIT_ASSERT_EQUAL(std::string("invalidValue"),
	                     reasonOf<InvalidInputException>([] { Projection::parse("", "members,", Schema::group()); }));
}
