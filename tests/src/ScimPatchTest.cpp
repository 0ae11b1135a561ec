//
// ScimPatchTest.cpp
//
// Library: OrgsTests
// Package: Scim
// Module:  ScimPatchTest
//


#include "ScimPatchTest.h"
#include "support/Expect.h"
#include "support/Suites.h"
#include "scim/Json.h"
#include "scim/Patch.h"
#include "scim/Value.h"
#include "Poco/JSON/ParseHandler.h"
#include "Poco/JSON/Parser.h"


using namespace Orgs;
using Orgs::Scim::Json;
using Orgs::Scim::Patch;
using Orgs::Scim::Schema;
using Orgs::Scim::Value;
using Orgs::Test::reasonOf;


ORGS_TEST_SUITE(ScimPatchTest, "ScimPatch", UNIT);


namespace {


const std::string ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";


Poco::JSON::Object::Ptr parse(const std::string& json)
{
	Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(true));
	return parser.parse(json).extract<Poco::JSON::Object::Ptr>();
}


Poco::JSON::Object::Ptr user()
	/// A user as the service encodes it (the Entra tutorial's created user).
{
	return parse(R"({
		"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
		"id": "48af03ac28ad4fb88478",
		"externalId": "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
		"userName": "Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1",
		"name": {"formatted": "givenName familyName", "familyName": "familyName", "givenName": "givenName"},
		"active": true,
		"emails": [{"value": "Test_User_fd0ea19b-0777-472c-9f96-4f70d2226f2e@testuser.com", "type": "work",
		            "primary": true}],
		"meta": {"resourceType": "User", "created": "2018-03-27T19:59:26.000Z",
		         "lastModified": "2018-03-27T19:59:26.000Z"}
	})");
}


Poco::JSON::Object::Ptr group(const std::string& members = "[]")
{
	return parse(R"({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
		"id": "abf4dd94-a4c0-4f67-89c9-76b03340cb9b", "displayName": "Group A", "members": )" +
	             members + "}");
}


Poco::JSON::Object::Ptr patched(Poco::JSON::Object::Ptr pResource, const std::string& request,
                                const Schema& schema = Schema::user())
{
	Patch::apply(pResource, *parse(request), schema);
	return pResource;
}


std::string reason(Poco::JSON::Object::Ptr pResource, const std::string& request, const Schema& schema = Schema::user())
{
	return reasonOf<InvalidInputException>([&] { Patch::apply(pResource, *parse(request), schema); });
}


std::string text(const Poco::Dynamic::Var& value)
{
	return Json::stringify(value);
}


std::string at(const Poco::JSON::Object::Ptr& pObject, const std::string& path)
	/// The JSON text of a member, following "a.b" through objects and "a.0.b" through arrays.
{
	Poco::Dynamic::Var v = pObject;
	std::size_t start = 0;
	while (start <= path.size())
	{
		const std::size_t dot = path.find('.', start);
		const std::string part = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
		if (auto pArray = Json::array(v))
			v = pArray->get(static_cast<unsigned>(std::stoul(part)));
		else if (auto pObj = Json::object(v))
			v = pObj->has(part) ? pObj->get(part) : Poco::Dynamic::Var();
		else
			return "(none)";
		if (v.isEmpty())
			return "(none)";
		if (dot == std::string::npos)
			break;
		start = dot + 1;
	}
	return text(v);
}


std::string atExtension(const Poco::JSON::Object::Ptr& pObject, const std::string& name)
{
	auto pExtension = Json::object(Json::get(*pObject, ENTERPRISE));
	if (!pExtension)
		return "(no extension)";
	return pExtension->has(name) ? text(pExtension->get(name)) : "(none)";
}


} // namespace


void ScimPatchTest::testEntraUserUpdates()
{
	// Entra: "Update User [Multi-valued properties]".
	auto pUser = patched(user(), R"({
		"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
		"Operations": [
			{"op": "Replace", "path": "emails[type eq \"work\"].value", "value": "updatedEmail@microsoft.com"},
			{"op": "Replace", "path": "name.familyName", "value": "updatedFamilyName"}
		]
	})");
	CPPUNIT_ASSERT_EQUAL(std::string("\"updatedEmail@microsoft.com\""), at(pUser, "emails.0.value"));
	CPPUNIT_ASSERT_EQUAL(std::string("\"work\""), at(pUser, "emails.0.type"));
	CPPUNIT_ASSERT_EQUAL(std::string("true"), at(pUser, "emails.0.primary"));
	CPPUNIT_ASSERT_EQUAL(std::string("\"updatedFamilyName\""), at(pUser, "name.familyName"));
	CPPUNIT_ASSERT_EQUAL(std::string("\"givenName\""), at(pUser, "name.givenName"));

	// Entra: "Update User [Single-valued properties]".
	pUser = patched(pUser, R"({
		"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
		"Operations": [{"op": "Replace", "path": "userName", "value": "5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com"}]
	})");
	CPPUNIT_ASSERT_EQUAL(std::string("\"5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com\""), at(pUser, "userName"));

	// Entra: "Update Group [Non-member attributes]".
	auto pGroup = patched(group(), R"({
		"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
		"Operations": [{"op": "Replace", "path": "displayName", "value": "1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName"}]
	})",
	                      Schema::group());
	CPPUNIT_ASSERT_EQUAL(std::string("\"1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName\""),
	                     at(pGroup, "displayName"));
}


void ScimPatchTest::testEntraDisableWithStringBoolean()
{
	// Entra: "Disable User" (the documented body), and the same without the compliance flag.
	auto pUser = patched(user(), R"({
		"Operations": [{"op": "Replace", "path": "active", "value": false}],
		"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"]
	})");
	CPPUNIT_ASSERT_EQUAL(std::string("false"), at(pUser, "active"));
	pUser = patched(user(), R"({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
		"Operations": [{"op": "Replace", "path": "active", "value": "False"}]})");
	CPPUNIT_ASSERT_EQUAL(std::string("false"), at(pUser, "active"));
	pUser = patched(pUser, R"({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
		"Operations": [{"op": "replace", "path": "active", "value": "True"}]})");
	CPPUNIT_ASSERT_EQUAL(std::string("true"), at(pUser, "active"));
	CPPUNIT_ASSERT_EQUAL(std::string("invalidValue"),
	                     reason(user(), R"({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
		"Operations": [{"op": "replace", "path": "active", "value": "maybe"}]})"));
	CPPUNIT_ASSERT_EQUAL(std::string("invalidValue"),
	                     reason(user(), R"({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
		"Operations": [{"op": "replace", "path": "active", "value": 0}]})"));
}


void ScimPatchTest::testEntraReplaceWithoutPath()
{
	// Entra's "replace multiple attributes" with the aadOptscim062020 flag: one operation, no path.
	auto pUser = patched(user(), R"({
		"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
		"Operations": [{
			"op": "replace",
			"value": {
				"displayName": "Pvlo",
				"emails[type eq \"work\"].value": "TestBcwqnm@test.microsoft.com",
				"name.givenName": "Gtfd",
				"name.familyName": "Pkqf",
				"externalId": "Eqpj",
				"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber": "Eqpj"
			}
		}]
	})");
	CPPUNIT_ASSERT_EQUAL(std::string("\"Pvlo\""), at(pUser, "displayName"));
	CPPUNIT_ASSERT_EQUAL(std::string("\"TestBcwqnm@test.microsoft.com\""), at(pUser, "emails.0.value"));
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), Json::array(pUser->get("emails"))->size());
	CPPUNIT_ASSERT_EQUAL(std::string("\"Gtfd\""), at(pUser, "name.givenName"));
	CPPUNIT_ASSERT_EQUAL(std::string("\"Pkqf\""), at(pUser, "name.familyName"));
	CPPUNIT_ASSERT_EQUAL(std::string("\"givenName familyName\""), at(pUser, "name.formatted"));
	CPPUNIT_ASSERT_EQUAL(std::string("\"Eqpj\""), at(pUser, "externalId"));
	CPPUNIT_ASSERT_EQUAL(std::string("\"Eqpj\""), atExtension(pUser, "employeeNumber"));
	CPPUNIT_ASSERT(at(pUser, "schemas").find(ENTERPRISE) != std::string::npos);

	// The same flag's "add a single-value attribute": nickName is accepted and not stored.
	pUser = patched(pUser, R"({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
		"Operations": [{"op": "add", "value": {"nickName": "Babs"}}]})");
	CPPUNIT_ASSERT_EQUAL(std::string("(none)"), at(pUser, "nickName"));

	// An extension named by its URN holding an object; a complex attribute given whole merges.
	pUser = patched(pUser, R"({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
		"Operations": [{"op": "Replace", "value": {
			"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"department": "Sales", "Manager": "m-7"},
			"name": {"givenName": "Ada"},
			"ACTIVE": "False"}}]})");
	CPPUNIT_ASSERT_EQUAL(std::string("\"Sales\""), atExtension(pUser, "department"));
	CPPUNIT_ASSERT_EQUAL(std::string("{\"value\":\"m-7\"}"), atExtension(pUser, "manager"));
	CPPUNIT_ASSERT_EQUAL(std::string("\"Eqpj\""), atExtension(pUser, "employeeNumber"));
	CPPUNIT_ASSERT_EQUAL(std::string("\"Ada\""), at(pUser, "name.givenName"));
	CPPUNIT_ASSERT_EQUAL(std::string("\"Pkqf\""), at(pUser, "name.familyName"));
	CPPUNIT_ASSERT_EQUAL(std::string("false"), at(pUser, "active"));
}


void ScimPatchTest::testEntraGroupMembers()
{
	// Entra: "Update Group [Add Members]".
	auto pGroup = patched(group(), R"({
		"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
		"Operations": [{"op": "Add", "path": "members", "value": [{"$ref": null, "value": "f648f8d5ea4e4cd38e9c"}]}]
	})",
	                      Schema::group());
	CPPUNIT_ASSERT_EQUAL(std::string("[{\"value\":\"f648f8d5ea4e4cd38e9c\"}]"), at(pGroup, "members"));
	pGroup = patched(pGroup, R"({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
		"Operations": [{"op": "Add", "path": "members", "value": [{"value": "second"}, {"value": "f648f8d5ea4e4cd38e9c"}]}]})",
	                 Schema::group());
	CPPUNIT_ASSERT_EQUAL(std::string("[{\"value\":\"f648f8d5ea4e4cd38e9c\"},{\"value\":\"second\"}]"),
	                     at(pGroup, "members"));

	// Entra: "Update Group [Remove Members]": a path and the values to remove.
	pGroup = patched(pGroup, R"({
		"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
		"Operations": [{"op": "Remove", "path": "members", "value": [{"$ref": null, "value": "f648f8d5ea4e4cd38e9c"}]}]
	})",
	                 Schema::group());
	CPPUNIT_ASSERT_EQUAL(std::string("[{\"value\":\"second\"}]"), at(pGroup, "members"));

	// With the compliance flag: remove members[value eq "..."].
	pGroup = patched(pGroup, R"({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
		"Operations": [{"op": "remove", "path": "members[value eq \"second\"]"}]})",
	                 Schema::group());
	CPPUNIT_ASSERT_EQUAL(std::string("(none)"), at(pGroup, "members"));
	// Removing a member that is not there does nothing.
	pGroup = patched(pGroup, R"({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
		"Operations": [{"op": "remove", "path": "members[value eq \"7f4bc1a3-285e-48ae-8202-5accb43efb0e\"]"},
		               {"op": "Remove", "path": "members", "value": [{"value": "nobody"}]}]})",
	                 Schema::group());
	CPPUNIT_ASSERT_EQUAL(std::string("(none)"), at(pGroup, "members"));
}


void ScimPatchTest::testFilteredPathMatchingNothing()
{
	auto pUser = user();
	pUser->remove("emails");
	pUser = patched(pUser, R"({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
		"Operations": [{"op": "Replace", "path": "emails[type eq \"work\"].value", "value": "new@example.com"}]})");
	CPPUNIT_ASSERT_EQUAL(std::string("[{\"type\":\"work\",\"value\":\"new@example.com\"}]"), at(pUser, "emails"));
	// Another type is another element.
	pUser = patched(pUser, R"({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
		"Operations": [{"op": "Add", "path": "emails[type eq \"home\"].value", "value": "home@example.org"},
		               {"op": "add", "path": "emails[type eq \"home\"].primary", "value": "True"}]})");
	CPPUNIT_ASSERT_EQUAL(std::string("\"home@example.org\""), at(pUser, "emails.1.value"));
	CPPUNIT_ASSERT_EQUAL(std::string("true"), at(pUser, "emails.1.primary"));
	// A filter without equalities cannot describe the element to add.
	CPPUNIT_ASSERT_EQUAL(std::string("noTarget"),
	                     reason(pUser, R"({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
		"Operations": [{"op": "replace", "path": "emails[value co \"@nowhere\"].type", "value": "work"}]})"));
	// Removing what a filter does not match does nothing.
	pUser = patched(pUser, R"({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
		"Operations": [{"op": "remove", "path": "emails[type eq \"other\"]"},
		               {"op": "remove", "path": "emails[type eq \"other\"].value"}]})");
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), Json::array(pUser->get("emails"))->size());
	// Null on a filter matching nothing does nothing either.
	pUser = patched(pUser, R"({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
		"Operations": [{"op": "replace", "path": "emails[type eq \"other\"].value", "value": null}]})");
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), Json::array(pUser->get("emails"))->size());
	// Removing a filtered element's value drops the element.
	pUser = patched(pUser, R"({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
		"Operations": [{"op": "remove", "path": "emails[type eq \"work\"].value"}]})");
	CPPUNIT_ASSERT_EQUAL(std::string("\"home@example.org\""), at(pUser, "emails.0.value"));
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), Json::array(pUser->get("emails"))->size());
}


void ScimPatchTest::testNullClears()
{
	auto pUser = user();
	pUser->set(ENTERPRISE, parse(R"({"department": "Sales", "manager": {"value": "m-1"}})"));
	pUser = patched(pUser, R"({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
		"Operations": [
			{"op": "Replace", "path": "name.formatted", "value": null},
			{"op": "replace", "value": {"externalId": null}},
			{"op": "Replace", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager", "value": null},
			{"op": "Replace", "path": "emails", "value": []}
		]})");
	CPPUNIT_ASSERT_EQUAL(std::string("(none)"), at(pUser, "name.formatted"));
	CPPUNIT_ASSERT_EQUAL(std::string("\"givenName\""), at(pUser, "name.givenName"));
	CPPUNIT_ASSERT_EQUAL(std::string("(none)"), at(pUser, "externalId"));
	CPPUNIT_ASSERT_EQUAL(std::string("(none)"), atExtension(pUser, "manager"));
	CPPUNIT_ASSERT_EQUAL(std::string("\"Sales\""), atExtension(pUser, "department"));
	CPPUNIT_ASSERT_EQUAL(std::string("(none)"), at(pUser, "emails"));
	// The last extension attribute cleared takes the extension out of "schemas".
	pUser = patched(pUser, R"({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
		"Operations": [{"op": "Remove", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department"}]})");
	CPPUNIT_ASSERT_EQUAL(std::string("(no extension)"), atExtension(pUser, "department"));
	CPPUNIT_ASSERT_EQUAL(std::string("[\"urn:ietf:params:scim:schemas:core:2.0:User\"]"), at(pUser, "schemas"));
}


void ScimPatchTest::testOktaDeactivate()
{
	// Okta: "Update a specific User (PATCH)", deactivation.
	auto pUser = patched(user(), R"({
		"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
		"Operations": [{"op": "replace", "value": {"active": false}}]
	})");
	CPPUNIT_ASSERT_EQUAL(std::string("false"), at(pUser, "active"));
	CPPUNIT_ASSERT_EQUAL(std::string("\"Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1\""), at(pUser, "userName"));
}


void ScimPatchTest::testOktaGroupRenameRepeatsId()
{
	// Okta: "Update a specific Group name": the value repeats the group's id.
	auto pGroup = patched(group(), R"({
		"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
		"Operations": [{"op": "replace", "value": {"id": "abf4dd94-a4c0-4f67-89c9-76b03340cb9b", "displayName": "Test SCIMv2"}}]
	})",
	                      Schema::group());
	CPPUNIT_ASSERT_EQUAL(std::string("\"Test SCIMv2\""), at(pGroup, "displayName"));
	CPPUNIT_ASSERT_EQUAL(std::string("\"abf4dd94-a4c0-4f67-89c9-76b03340cb9b\""), at(pGroup, "id"));
	// Another id is a change of a readOnly attribute.
	CPPUNIT_ASSERT_EQUAL(std::string("mutability"),
	                     reason(group(), R"({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
		"Operations": [{"op": "replace", "value": {"id": "another", "displayName": "x"}}]})",
	                            Schema::group()));
}


void ScimPatchTest::testOktaGroupMembers()
{
	// Okta: "Update a specific Group membership": add, then remove by filter.
	auto pGroup = patched(group(), R"({
		"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
		"Operations": [{"op": "add", "path": "members",
		                "value": [{"value": "23a35c27-23d3-4c03-b4c5-6443c09e7173", "display": "test.user@okta.local"}]}]
	})",
	                      Schema::group());
	CPPUNIT_ASSERT_EQUAL(std::string("\"23a35c27-23d3-4c03-b4c5-6443c09e7173\""), at(pGroup, "members.0.value"));
	CPPUNIT_ASSERT_EQUAL(std::string("\"test.user@okta.local\""), at(pGroup, "members.0.display"));
	pGroup = patched(pGroup, R"({
		"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
		"Operations": [{"op": "remove", "path": "members[value eq \"23a35c27-23d3-4c03-b4c5-6443c09e7173\"]"}]
	})",
	                 Schema::group());
	CPPUNIT_ASSERT_EQUAL(std::string("(none)"), at(pGroup, "members"));
}


void ScimPatchTest::testMultiValuedAttributes()
{
	auto pUser = patched(user(), R"({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
		"Operations": [{"op": "add", "path": "emails",
		                "value": [{"value": "TEST_USER_FD0EA19B-0777-472C-9F96-4F70D2226F2E@testuser.com", "display": "Work"},
		                          {"value": "b@example.org", "type": "home", "primary": true}]}]})");
	// The existing address (compared ignoring case) gets the new sub-attribute; one is added;
	// the new primary takes primary from the old one.
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), Json::array(pUser->get("emails"))->size());
	CPPUNIT_ASSERT_EQUAL(std::string("\"Work\""), at(pUser, "emails.0.display"));
	CPPUNIT_ASSERT_EQUAL(std::string("false"), at(pUser, "emails.0.primary"));
	CPPUNIT_ASSERT_EQUAL(std::string("true"), at(pUser, "emails.1.primary"));

	// A single object for a multi-valued attribute is one element.
	pUser = patched(pUser, R"({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
		"Operations": [{"op": "replace", "path": "emails", "value": {"value": "only@example.com", "type": "work"}}]})");
	CPPUNIT_ASSERT_EQUAL(std::string("[{\"value\":\"only@example.com\",\"type\":\"work\"}]"), at(pUser, "emails"));

	// A filter matching several elements changes each.
	pUser = patched(pUser, R"({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
		"Operations": [{"op": "add", "path": "emails", "value": [{"value": "two@example.com", "type": "work"}]},
		               {"op": "replace", "path": "emails[type eq \"work\"].display", "value": "W"}]})");
	CPPUNIT_ASSERT_EQUAL(std::string("\"W\""), at(pUser, "emails.0.display"));
	CPPUNIT_ASSERT_EQUAL(std::string("\"W\""), at(pUser, "emails.1.display"));
	// A filtered replace without a sub-attribute merges into the matching element.
	pUser = patched(pUser, R"({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
		"Operations": [{"op": "replace", "path": "emails[value eq \"two@example.com\"]", "value": {"type": "home"}}]})");
	CPPUNIT_ASSERT_EQUAL(std::string("\"home\""), at(pUser, "emails.1.type"));
	CPPUNIT_ASSERT_EQUAL(std::string("\"W\""), at(pUser, "emails.1.display"));
	// Remove by filter.
	pUser = patched(pUser, R"({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
		"Operations": [{"op": "remove", "path": "emails[type eq \"home\"]"}]})");
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), Json::array(pUser->get("emails"))->size());
	// A sub-attribute of every element.
	pUser = patched(pUser, R"({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
		"Operations": [{"op": "remove", "path": "emails.display"}]})");
	CPPUNIT_ASSERT_EQUAL(std::string("[{\"value\":\"only@example.com\",\"type\":\"work\"}]"), at(pUser, "emails"));
	// Remove the whole attribute.
	pUser = patched(pUser, R"({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
		"Operations": [{"op": "remove", "path": "emails"}]})");
	CPPUNIT_ASSERT_EQUAL(std::string("(none)"), at(pUser, "emails"));
	// emails.value on a user without emails adds one.
	pUser = patched(pUser, R"({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
		"Operations": [{"op": "replace", "path": "emails.value", "value": "x@example.com"}]})");
	CPPUNIT_ASSERT_EQUAL(std::string("[{\"value\":\"x@example.com\"}]"), at(pUser, "emails"));
}


void ScimPatchTest::testComplexAttributes()
{
	auto pUser = patched(user(), R"({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
		"Operations": [{"op": "add", "path": "name", "value": {"givenName": "Ada", "middleName": "B"}}]})");
	CPPUNIT_ASSERT_EQUAL(std::string("\"Ada\""), at(pUser, "name.givenName"));
	CPPUNIT_ASSERT_EQUAL(std::string("\"familyName\""), at(pUser, "name.familyName"));
	CPPUNIT_ASSERT_EQUAL(std::string("(none)"), at(pUser, "name.middleName"));
	pUser = patched(pUser, R"({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
		"Operations": [{"op": "remove", "path": "name.givenName"}, {"op": "remove", "path": "name.familyName"},
		               {"op": "remove", "path": "Name.Formatted"}]})");
	CPPUNIT_ASSERT_EQUAL(std::string("(none)"), at(pUser, "name"));
	pUser = patched(pUser, R"({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
		"Operations": [{"op": "add", "path": "NAME.GIVENNAME", "value": "G"}]})");
	CPPUNIT_ASSERT_EQUAL(std::string("{\"givenName\":\"G\"}"), at(pUser, "name"));
	// Attribute names in a resource that differ in case are replaced by the canonical one.
	auto pOdd = parse(R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"USERNAME":"a"})");
	pOdd = patched(pOdd, R"({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
		"Operations": [{"op": "replace", "path": "userName", "value": "b"}]})");
	CPPUNIT_ASSERT_EQUAL(std::string("\"b\""), at(pOdd, "userName"));
	CPPUNIT_ASSERT_EQUAL(std::string("(none)"), at(pOdd, "USERNAME"));
}


void ScimPatchTest::testExtensionAttributes()
{
	auto pUser = patched(user(), R"({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
		"Operations": [{"op": "Add", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager", "value": "26118915-6090-4610-87e4-49d8ca9f808d"},
		               {"op": "Add", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:Department", "value": "Engineering"},
		               {"op": "add", "path": "costCenter", "value": "CC-1"}]})");
	CPPUNIT_ASSERT_EQUAL(std::string("{\"value\":\"26118915-6090-4610-87e4-49d8ca9f808d\"}"),
	                     atExtension(pUser, "manager"));
	CPPUNIT_ASSERT_EQUAL(std::string("\"Engineering\""), atExtension(pUser, "department"));
	CPPUNIT_ASSERT_EQUAL(std::string("\"CC-1\""), atExtension(pUser, "costCenter"));
	CPPUNIT_ASSERT_EQUAL(std::string("[\"urn:ietf:params:scim:schemas:core:2.0:User\",\"" + ENTERPRISE + "\"]"),
	                     at(pUser, "schemas"));
	// A path naming the extension itself, with an object.
	pUser = patched(pUser, R"({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
		"Operations": [{"op": "replace", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
		                "value": {"division": "D", "manager": {"value": "m-2"}}}]})");
	CPPUNIT_ASSERT_EQUAL(std::string("\"D\""), atExtension(pUser, "division"));
	CPPUNIT_ASSERT_EQUAL(std::string("{\"value\":\"m-2\"}"), atExtension(pUser, "manager"));
	// manager.value alone.
	pUser = patched(pUser, R"({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
		"Operations": [{"op": "replace", "path": "manager.value", "value": "m-3"}]})");
	CPPUNIT_ASSERT_EQUAL(std::string("{\"value\":\"m-3\"}"), atExtension(pUser, "manager"));
	// Entra removes the manager with a value; the value does not matter for a single attribute.
	pUser = patched(pUser, R"({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
		"Operations": [{"op": "Remove", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager",
		                "value": [{"value": "m-3"}]}]})");
	CPPUNIT_ASSERT_EQUAL(std::string("(none)"), atExtension(pUser, "manager"));
}


void ScimPatchTest::testIgnoredAttributes()
{
	// Entra's default mappings carry attributes Orgs does not store: accepted, skipped.
	auto pUser = patched(user(), R"({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
		"Operations": [
			{"op": "Add", "path": "title", "value": "Engineer"},
			{"op": "Add", "path": "phoneNumbers[type eq \"work\"].value", "value": "+1 555 0100"},
			{"op": "Add", "path": "addresses[type eq \"work\"].formatted", "value": "1 Main St"},
			{"op": "Replace", "path": "preferredLanguage", "value": "en-US"},
			{"op": "Remove", "path": "roles"},
			{"op": "Add", "path": "name.middleName", "value": "M"}
		]})");
	CPPUNIT_ASSERT_EQUAL(text(user()), text(pUser));
}


void ScimPatchTest::testMutability()
{
	const std::string ops = R"({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": )";
	CPPUNIT_ASSERT_EQUAL(std::string("mutability"),
	                     reason(user(), ops + R"([{"op": "replace", "path": "id", "value": "other"}]})"));
	CPPUNIT_ASSERT_EQUAL(std::string("mutability"), reason(user(), ops + R"([{"op": "remove", "path": "id"}]})"));
	CPPUNIT_ASSERT_EQUAL(
	    std::string("mutability"),
	    reason(user(), ops + R"([{"op": "add", "path": "meta.created", "value": "2020-01-01T00:00:00Z"}]})"));
	CPPUNIT_ASSERT_EQUAL(
	    std::string("mutability"),
	    reason(user(), ops + R"([{"op": "replace", "path": "manager.displayName", "value": "Boss"}]})"));
	// The same value is no change.
	CPPUNIT_ASSERT_EQUAL(
	    std::string("(no exception)"),
	    reason(user(), ops + R"([{"op": "replace", "path": "id", "value": "48af03ac28ad4fb88478"}]})"));
	// "groups" is readOnly in RFC 7643 and not stored: ignored.
	CPPUNIT_ASSERT_EQUAL(std::string("(no exception)"),
	                     reason(user(), ops + R"([{"op": "add", "path": "groups", "value": [{"value": "g"}]}]})"));
}


void ScimPatchTest::testErrors()
{
	const std::string ops = R"({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": )";
	CPPUNIT_ASSERT_EQUAL(std::string("invalidSyntax"),
	                     reason(user(), R"({"Operations": [{"op": "replace", "path": "active", "value": false}]})"));
	CPPUNIT_ASSERT_EQUAL(std::string("invalidSyntax"),
	                     reason(user(), R"({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
		"Operations": [{"op": "replace", "path": "active", "value": false}]})"));
	CPPUNIT_ASSERT_EQUAL(std::string("invalidSyntax"), reason(user(), ops + "[]}"));
	CPPUNIT_ASSERT_EQUAL(std::string("invalidSyntax"),
	                     reason(user(), R"({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"]})"));
	CPPUNIT_ASSERT_EQUAL(std::string("invalidSyntax"), reason(user(), ops + R"(["replace"]})"));
	CPPUNIT_ASSERT_EQUAL(std::string("invalidSyntax"),
	                     reason(user(), ops + R"([{"op": "copy", "path": "active", "value": false}]})"));
	CPPUNIT_ASSERT_EQUAL(std::string("invalidSyntax"),
	                     reason(user(), ops + R"([{"path": "active", "value": false}]})"));
	CPPUNIT_ASSERT_EQUAL(std::string("noTarget"), reason(user(), ops + R"([{"op": "remove"}]})"));
	CPPUNIT_ASSERT_EQUAL(std::string("noTarget"),
	                     reason(user(), ops + R"([{"op": "Remove", "value": {"displayName": "x"}}]})"));
	CPPUNIT_ASSERT_EQUAL(std::string("invalidValue"), reason(user(), ops + R"([{"op": "add", "value": "x"}]})"));
	CPPUNIT_ASSERT_EQUAL(std::string("invalidValue"),
	                     reason(user(), ops + R"([{"op": "add", "path": "displayName"}]})"));
	CPPUNIT_ASSERT_EQUAL(std::string("invalidPath"),
	                     reason(user(), ops + R"([{"op": "add", "path": "shoeSize", "value": "42"}]})"));
	CPPUNIT_ASSERT_EQUAL(std::string("invalidPath"),
	                     reason(user(), ops + R"([{"op": "add", "path": "name.shoeSize", "value": "42"}]})"));
	CPPUNIT_ASSERT_EQUAL(std::string("invalidPath"),
	                     reason(user(), ops + R"([{"op": "add", "path": "emails[type eq \"work\"", "value": "x"}]})"));
	CPPUNIT_ASSERT_EQUAL(
	    std::string("invalidPath"),
	    reason(user(), ops + R"([{"op": "add", "path": "emails[type eq \"work\"]value", "value": "x"}]})"));
	CPPUNIT_ASSERT_EQUAL(std::string("invalidPath"),
	                     reason(user(), ops + R"([{"op": "add", "path": "userName[value eq \"x\"]", "value": "x"}]})"));
	CPPUNIT_ASSERT_EQUAL(
	    std::string("invalidPath"),
	    reason(user(), ops + R"([{"op": "add", "path": "emails[type eq \"work\"].shoe", "value": "x"}]})"));
	CPPUNIT_ASSERT_EQUAL(std::string("invalidPath"),
	                     reason(user(), ops + R"([{"op": "add", "path": 7, "value": "x"}]})"));
	CPPUNIT_ASSERT_EQUAL(std::string("invalidPath"),
	                     reason(user(), ops + R"([{"op": "add", "value": {"shoeSize": "42"}}]})"));
	CPPUNIT_ASSERT_EQUAL(
	    std::string("invalidFilter"),
	    reason(user(), ops + R"([{"op": "add", "path": "emails[type xx \"work\"].value", "value": "x"}]})"));
	CPPUNIT_ASSERT_EQUAL(std::string("invalidValue"),
	                     reason(user(), ops + R"([{"op": "add", "path": "displayName", "value": 42}]})"));
	CPPUNIT_ASSERT_EQUAL(std::string("invalidValue"),
	                     reason(user(), ops + R"([{"op": "add", "path": "name", "value": 42}]})"));
	CPPUNIT_ASSERT_EQUAL(std::string("invalidValue"),
	                     reason(user(), ops + R"([{"op": "add", "path": "displayName", "value": ["a", "b"]}]})"));
	CPPUNIT_ASSERT_EQUAL(std::string("invalidValue"),
	                     reason(user(), ops + R"([{"op": "add", "path": "emails", "value": [42]}]})"));
	CPPUNIT_ASSERT_EQUAL(
	    std::string("invalidPath"),
	    reason(group(), ops + R"([{"op": "add", "path": "userName", "value": "x"}]})", Schema::group()));
}


void ScimPatchTest::testMemberChanges()
{
	auto changesOf = [](const std::string& operations, Patch::MemberChanges& changes) {
		return Patch::memberChanges(
		    Patch::parse(*parse(R"({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": )" +
		                        operations + "}"),
		                 Schema::group()),
		    changes);
	};
	Patch::MemberChanges c;
	CPPUNIT_ASSERT(changesOf(R"([{"op": "Add", "path": "members", "value": [{"value": "a"}, {"value": "b"}]},
		{"op": "Remove", "path": "members", "value": [{"value": "b"}]},
		{"op": "remove", "path": "members[value eq \"c\"]"}])",
	                         c));
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), c.added.size());
	CPPUNIT_ASSERT_EQUAL(std::string("a"), c.added[0]);
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), c.removed.size());
	CPPUNIT_ASSERT_EQUAL(std::string("b"), c.removed[0]);
	CPPUNIT_ASSERT_EQUAL(std::string("c"), c.removed[1]);
	CPPUNIT_ASSERT(!c.replaced && !c.removedAll);

	CPPUNIT_ASSERT(changesOf(R"([{"op": "replace", "path": "members", "value": [{"value": "x"}]}])", c));
	CPPUNIT_ASSERT(c.replaced && c.removedAll);
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), c.added.size());
	CPPUNIT_ASSERT(changesOf(R"([{"op": "remove", "path": "members"}])", c));
	CPPUNIT_ASSERT(c.removedAll && !c.replaced && c.added.empty());
	CPPUNIT_ASSERT(changesOf(R"([{"op": "add", "value": {"members": [{"value": "n"}]}}])", c));
	CPPUNIT_ASSERT_EQUAL(std::string("n"), c.added.at(0));

	// Anything else needs the whole group.
	CPPUNIT_ASSERT(!changesOf(R"([{"op": "replace", "path": "displayName", "value": "x"}])", c));
	CPPUNIT_ASSERT(!changesOf(R"([{"op": "replace", "value": {"id": "g", "displayName": "x"}}])", c));
	CPPUNIT_ASSERT(!changesOf(R"([{"op": "remove", "path": "members[display eq \"Ada\"]"}])", c));
	CPPUNIT_ASSERT(!changesOf(R"([{"op": "replace", "path": "members[value eq \"a\"].display", "value": "x"}])", c));
	CPPUNIT_ASSERT(!changesOf(R"([{"op": "add", "path": "members", "value": [{"display": "no id"}]}])", c));
}


void ScimPatchTest::testValueCoercion()
{
	CPPUNIT_ASSERT(Value::toBoolean(true, "active"));
	CPPUNIT_ASSERT(Value::toBoolean(std::string("True"), "active"));
	CPPUNIT_ASSERT(Value::toBoolean(std::string("TRUE"), "active"));
	CPPUNIT_ASSERT(!Value::toBoolean(std::string("False"), "active"));
	CPPUNIT_ASSERT(!Value::toBoolean(std::string("false"), "active"));
	CPPUNIT_ASSERT(!Value::toBoolean(false, "active"));
	CPPUNIT_ASSERT_EQUAL(std::string("invalidValue"),
	                     reasonOf<InvalidInputException>([] { Value::toBoolean(std::string("yes"), "active"); }));
	CPPUNIT_ASSERT_EQUAL(std::string("invalidValue"),
	                     reasonOf<InvalidInputException>([] { Value::toBoolean(1, "active"); }));
	CPPUNIT_ASSERT_EQUAL(std::string("invalidValue"),
	                     reasonOf<InvalidInputException>([] { Value::toBoolean(Poco::Dynamic::Var(), "active"); }));
	CPPUNIT_ASSERT_EQUAL(std::string("x"), Value::toString(std::string("x"), "userName"));
	CPPUNIT_ASSERT_EQUAL(std::string("invalidValue"),
	                     reasonOf<InvalidInputException>([] { Value::toString(42, "userName"); }));
	CPPUNIT_ASSERT(Value::isNull(Poco::Dynamic::Var()));
	auto pNull = parse(R"({"a": null, "b": "x"})");
	CPPUNIT_ASSERT(Value::isNull(pNull->get("a")));
	CPPUNIT_ASSERT_EQUAL(std::string(""), Value::optionalString(*pNull, "a", "a"));
	CPPUNIT_ASSERT_EQUAL(std::string("x"), Value::optionalString(*pNull, "B", "b"));
	CPPUNIT_ASSERT_EQUAL(std::string(""), Value::optionalString(*pNull, "c", "c"));

	const Schema& user = Schema::user();
	// A complex value keeps its known sub-attributes, canonically named.
	CPPUNIT_ASSERT_EQUAL(std::string("{\"givenName\":\"A\"}"),
	                     text(Value::coerce(parse(R"({"GIVENNAME": "A", "nick": "x", "familyName": null})"),
	                                        *user.resolve("name").attribute, "name")));
	CPPUNIT_ASSERT_EQUAL(std::string("[{\"value\":\"a@x\",\"primary\":true}]"),
	                     text(Value::coerce(parse(R"({"value": "a@x", "primary": "True"})"),
	                                        *user.resolve("emails").attribute, "emails")));
	CPPUNIT_ASSERT_EQUAL(std::string("{\"value\":\"m\"}"),
	                     text(Value::coerce(std::string("m"), *user.resolve("manager").attribute, "manager")));
}


void ScimPatchTest::testNormalizeBodies()
{
	// Okta: "Create the User" (locale, groups and password are accepted and not stored).
	auto pUser = Value::normalize(*parse(R"({
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
	})"),
	                              Schema::user());
	CPPUNIT_ASSERT_EQUAL(std::string("[\"urn:ietf:params:scim:schemas:core:2.0:User\"]"), at(pUser, "schemas"));
	CPPUNIT_ASSERT_EQUAL(std::string("\"test.user@okta.local\""), at(pUser, "userName"));
	CPPUNIT_ASSERT_EQUAL(std::string("\"00ujl29u0le5T6Aj10h7\""), at(pUser, "externalId"));
	CPPUNIT_ASSERT_EQUAL(std::string("true"), at(pUser, "active"));
	CPPUNIT_ASSERT_EQUAL(std::string("(none)"), at(pUser, "password"));
	CPPUNIT_ASSERT_EQUAL(std::string("(none)"), at(pUser, "locale"));
	CPPUNIT_ASSERT_EQUAL(std::string("(none)"), at(pUser, "groups"));

	// Entra: "Create User", with "active": "False" as Entra sent it before its compliance flag.
	pUser = Value::normalize(*parse(R"({
		"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
		"externalId": "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
		"userName": "Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1",
		"active": "False",
		"emails": [{"primary": true, "type": "work", "value": "Test_User_fd0ea19b-0777-472c-9f96-4f70d2226f2e@testuser.com"}],
		"meta": {"resourceType": "User"},
		"name": {"formatted": "givenName familyName", "familyName": "familyName", "givenName": "givenName"},
		"roles": [],
		"id": "client-chosen",
		"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"Department": "Sales", "manager": "m-1"},
		"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber": "701984",
		"displayName": null
	})"),
	                         Schema::user());
	CPPUNIT_ASSERT_EQUAL(std::string("false"), at(pUser, "active"));
	CPPUNIT_ASSERT_EQUAL(std::string("(none)"), at(pUser, "id"));
	CPPUNIT_ASSERT_EQUAL(std::string("(none)"), at(pUser, "meta"));
	CPPUNIT_ASSERT_EQUAL(std::string("(none)"), at(pUser, "roles"));
	CPPUNIT_ASSERT_EQUAL(std::string("(none)"), at(pUser, "displayName"));
	CPPUNIT_ASSERT_EQUAL(std::string("\"Sales\""), atExtension(pUser, "department"));
	CPPUNIT_ASSERT_EQUAL(std::string("{\"value\":\"m-1\"}"), atExtension(pUser, "manager"));
	CPPUNIT_ASSERT_EQUAL(std::string("\"701984\""), atExtension(pUser, "employeeNumber"));
	CPPUNIT_ASSERT(at(pUser, "schemas").find(ENTERPRISE) != std::string::npos);

	// Entra: "Create Group" (its own schema URN beside the core one is ignored).
	auto pGroup = Value::normalize(*parse(R"({
		"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group", "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
		"externalId": "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159",
		"displayName": "displayName",
		"meta": {"resourceType": "Group"}
	})"),
	                               Schema::group());
	CPPUNIT_ASSERT_EQUAL(std::string("[\"urn:ietf:params:scim:schemas:core:2.0:Group\"]"), at(pGroup, "schemas"));
	CPPUNIT_ASSERT_EQUAL(std::string("\"displayName\""), at(pGroup, "displayName"));

	auto fails = [](const std::string& body, const Schema& schema) {
		return reasonOf<InvalidInputException>([&] { Value::normalize(*parse(body), schema); });
	};
	CPPUNIT_ASSERT_EQUAL(std::string("invalidSyntax"), fails(R"({"userName": "a"})", Schema::user()));
	CPPUNIT_ASSERT_EQUAL(
	    std::string("invalidSyntax"),
	    fails(R"({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "userName": "a"})", Schema::user()));
	CPPUNIT_ASSERT_EQUAL(std::string("invalidValue"),
	                     fails(R"({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"]})", Schema::user()));
	CPPUNIT_ASSERT_EQUAL(
	    std::string("invalidValue"),
	    fails(R"({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "  "})", Schema::user()));
	CPPUNIT_ASSERT_EQUAL(
	    std::string("invalidValue"),
	    fails(R"({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": 7})", Schema::user()));
	CPPUNIT_ASSERT_EQUAL(
	    std::string("invalidValue"),
	    fails(R"({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "a", "active": "yes"})",
	          Schema::user()));
	CPPUNIT_ASSERT_EQUAL(std::string("invalidValue"),
	                     fails(R"({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"]})", Schema::group()));
}
