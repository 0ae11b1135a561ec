//
// ScimDiscoveryTest.cpp
//
// Library: OrgsTests
// Package: Scim
// Module:  ScimDiscoveryTest
//


#include "ScimDiscoveryTest.h"
#include "support/Expect.h"
#include "support/Suites.h"
#include "scim/Discovery.h"
#include "scim/ErrorDocument.h"
#include "scim/Json.h"
#include "scim/ListResponse.h"
#include "Poco/JSON/Array.h"


using namespace Orgs;
using Orgs::Scim::Discovery;
using Orgs::Scim::ErrorDocument;
using Orgs::Scim::Json;
using Orgs::Scim::ListResponse;
using Orgs::Scim::Schema;
using Orgs::Test::reasonOf;


ORGS_TEST_SUITE(ScimDiscoveryTest, "ScimDiscovery", UNIT);


namespace {


const std::string BASE = "https://orgs.example.com/api/v1/scim/v2/c0nn";


Poco::JSON::Object::Ptr member(const Poco::JSON::Object::Ptr& pObject, const std::string& name)
{
	auto p = Json::object(pObject->get(name));
	CPPUNIT_ASSERT_MESSAGE(name, p);
	return p;
}


Poco::JSON::Object::Ptr attributeNamed(const Poco::JSON::Array::Ptr& pAttributes, const std::string& name)
{
	for (unsigned i = 0; i < pAttributes->size(); ++i)
	{
		auto p = Json::object(pAttributes->get(i));
		if (p->getValue<std::string>("name") == name)
			return p;
	}
	CPPUNIT_FAIL("no attribute " + name);
	return nullptr;
}


} // namespace


void ScimDiscoveryTest::testServiceProviderConfig()
{
	auto p = Discovery(BASE + "/").serviceProviderConfig();
	CPPUNIT_ASSERT_EQUAL(std::string("[\"urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig\"]"),
	                     Json::stringify(p->get("schemas")));
	CPPUNIT_ASSERT(member(p, "patch")->getValue<bool>("supported"));
	CPPUNIT_ASSERT(!member(p, "bulk")->getValue<bool>("supported"));
	CPPUNIT_ASSERT(member(p, "filter")->getValue<bool>("supported"));
	CPPUNIT_ASSERT_EQUAL(200, member(p, "filter")->getValue<int>("maxResults"));
	CPPUNIT_ASSERT_EQUAL(std::size_t(200), ListResponse::MAX_COUNT);
	CPPUNIT_ASSERT(!member(p, "changePassword")->getValue<bool>("supported"));
	CPPUNIT_ASSERT(!member(p, "sort")->getValue<bool>("supported"));
	CPPUNIT_ASSERT(!member(p, "etag")->getValue<bool>("supported"));
	auto pSchemes = Json::array(p->get("authenticationSchemes"));
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), pSchemes->size());
	CPPUNIT_ASSERT_EQUAL(std::string("oauthbearertoken"),
	                     Json::object(pSchemes->get(0))->getValue<std::string>("type"));
	CPPUNIT_ASSERT_EQUAL(BASE + "/ServiceProviderConfig", member(p, "meta")->getValue<std::string>("location"));
	CPPUNIT_ASSERT_EQUAL(std::string("ServiceProviderConfig"),
	                     member(p, "meta")->getValue<std::string>("resourceType"));
}


void ScimDiscoveryTest::testSchemas()
{
	const Discovery discovery(BASE);
	auto pList = discovery.schemas();
	CPPUNIT_ASSERT_EQUAL(3, pList->getValue<int>("totalResults"));
	auto pResources = Json::array(pList->get("Resources"));
	std::vector<std::string> ids;
	for (unsigned i = 0; i < pResources->size(); ++i)
		ids.push_back(Json::object(pResources->get(i))->getValue<std::string>("id"));
	CPPUNIT_ASSERT_EQUAL(Schema::USER, ids.at(0));
	CPPUNIT_ASSERT_EQUAL(Schema::ENTERPRISE, ids.at(1));
	CPPUNIT_ASSERT_EQUAL(Schema::GROUP, ids.at(2));

	auto pUser = discovery.schema("URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:USER");
	CPPUNIT_ASSERT_EQUAL(BASE + "/Schemas/" + Schema::USER, member(pUser, "meta")->getValue<std::string>("location"));
	auto pAttributes = Json::array(pUser->get("attributes"));
	// The core attributes Orgs stores, and no others; common attributes are in no schema.
	std::string names;
	for (unsigned i = 0; i < pAttributes->size(); ++i)
		names += Json::object(pAttributes->get(i))->getValue<std::string>("name") + ",";
	CPPUNIT_ASSERT_EQUAL(std::string("userName,name,displayName,emails,active,"), names);
	auto pUserName = attributeNamed(pAttributes, "userName");
	CPPUNIT_ASSERT_EQUAL(std::string("string"), pUserName->getValue<std::string>("type"));
	CPPUNIT_ASSERT(!pUserName->getValue<bool>("multiValued"));
	CPPUNIT_ASSERT(pUserName->getValue<bool>("required"));
	CPPUNIT_ASSERT(!pUserName->getValue<bool>("caseExact"));
	CPPUNIT_ASSERT_EQUAL(std::string("readWrite"), pUserName->getValue<std::string>("mutability"));
	CPPUNIT_ASSERT_EQUAL(std::string("default"), pUserName->getValue<std::string>("returned"));
	CPPUNIT_ASSERT_EQUAL(std::string("server"), pUserName->getValue<std::string>("uniqueness"));
	auto pEmails = attributeNamed(pAttributes, "emails");
	CPPUNIT_ASSERT_EQUAL(std::string("complex"), pEmails->getValue<std::string>("type"));
	CPPUNIT_ASSERT(pEmails->getValue<bool>("multiValued"));
	auto pSubs = Json::array(pEmails->get("subAttributes"));
	CPPUNIT_ASSERT_EQUAL(std::size_t(4), pSubs->size());
	CPPUNIT_ASSERT_EQUAL(std::string("[\"work\",\"home\",\"other\"]"),
	                     Json::stringify(attributeNamed(pSubs, "type")->get("canonicalValues")));
	CPPUNIT_ASSERT_EQUAL(std::string("boolean"), attributeNamed(pSubs, "primary")->getValue<std::string>("type"));
	CPPUNIT_ASSERT_EQUAL(std::string("boolean"), attributeNamed(pAttributes, "active")->getValue<std::string>("type"));

	auto pEnterprise = discovery.schema(Schema::ENTERPRISE);
	auto pManager = attributeNamed(Json::array(pEnterprise->get("attributes")), "manager");
	auto pRef = attributeNamed(Json::array(pManager->get("subAttributes")), "$ref");
	CPPUNIT_ASSERT_EQUAL(std::string("reference"), pRef->getValue<std::string>("type"));
	CPPUNIT_ASSERT_EQUAL(std::string("[\"User\"]"), Json::stringify(pRef->get("referenceTypes")));
	CPPUNIT_ASSERT_EQUAL(std::string("readOnly"),
	                     attributeNamed(Json::array(pManager->get("subAttributes")), "displayName")
	                         ->getValue<std::string>("mutability"));
	for (const char* name : {"employeeNumber", "costCenter", "organization", "division", "department"})
		attributeNamed(Json::array(pEnterprise->get("attributes")), name);

	auto pGroup = discovery.schema(Schema::GROUP);
	auto pMembers = attributeNamed(Json::array(pGroup->get("attributes")), "members");
	auto pMemberValue = attributeNamed(Json::array(pMembers->get("subAttributes")), "value");
	CPPUNIT_ASSERT(pMemberValue->getValue<bool>("caseExact"));
	CPPUNIT_ASSERT_EQUAL(std::string("immutable"), pMemberValue->getValue<std::string>("mutability"));

	CPPUNIT_ASSERT_EQUAL(std::string("not_found"), reasonOf<NotFoundException>([&] {
		                     discovery.schema("urn:ietf:params:scim:schemas:core:2.0:Device");
	                     }));
}


void ScimDiscoveryTest::testResourceTypes()
{
	const Discovery discovery(BASE);
	auto pList = discovery.resourceTypes();
	CPPUNIT_ASSERT_EQUAL(2, pList->getValue<int>("totalResults"));
	auto pUser = discovery.resourceType("user");
	CPPUNIT_ASSERT_EQUAL(std::string("User"), pUser->getValue<std::string>("id"));
	CPPUNIT_ASSERT_EQUAL(std::string("/Users"), pUser->getValue<std::string>("endpoint"));
	CPPUNIT_ASSERT_EQUAL(Schema::USER, pUser->getValue<std::string>("schema"));
	auto pExtension = Json::object(Json::array(pUser->get("schemaExtensions"))->get(0));
	CPPUNIT_ASSERT_EQUAL(Schema::ENTERPRISE, pExtension->getValue<std::string>("schema"));
	CPPUNIT_ASSERT(!pExtension->getValue<bool>("required"));
	CPPUNIT_ASSERT_EQUAL(BASE + "/ResourceTypes/User", member(pUser, "meta")->getValue<std::string>("location"));
	auto pGroup = discovery.resourceType("Group");
	CPPUNIT_ASSERT_EQUAL(std::string("/Groups"), pGroup->getValue<std::string>("endpoint"));
	CPPUNIT_ASSERT(!pGroup->has("schemaExtensions"));
	CPPUNIT_ASSERT_EQUAL(std::string("not_found"),
	                     reasonOf<NotFoundException>([&] { discovery.resourceType("Device"); }));
	CPPUNIT_ASSERT_EQUAL(BASE + "/Users/u-1", discovery.location(Schema::user(), "u-1"));
	CPPUNIT_ASSERT_EQUAL(BASE, Discovery(BASE + "//").baseUrl());
}


void ScimDiscoveryTest::testListResponse()
{
	Poco::JSON::Array::Ptr pResources = new Poco::JSON::Array;
	pResources->add(Discovery(BASE).resourceType("User"));
	auto pList = ListResponse::make(42, 11, pResources);
	CPPUNIT_ASSERT_EQUAL(std::string("[\"urn:ietf:params:scim:api:messages:2.0:ListResponse\"]"),
	                     Json::stringify(pList->get("schemas")));
	CPPUNIT_ASSERT_EQUAL(42, pList->getValue<int>("totalResults"));
	CPPUNIT_ASSERT_EQUAL(1, pList->getValue<int>("itemsPerPage"));
	CPPUNIT_ASSERT_EQUAL(11, pList->getValue<int>("startIndex"));
	auto pEmpty = ListResponse::make(0, 1, nullptr);
	CPPUNIT_ASSERT_EQUAL(std::string("[]"), Json::stringify(pEmpty->get("Resources")));
	CPPUNIT_ASSERT_EQUAL(0, pEmpty->getValue<int>("itemsPerPage"));
}


void ScimDiscoveryTest::testPaging()
{
	auto page = ListResponse::page("", "");
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), page.startIndex);
	CPPUNIT_ASSERT_EQUAL(ListResponse::DEFAULT_COUNT, page.count);
	page = ListResponse::page("1", "1");
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), page.startIndex);
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), page.count);
	page = ListResponse::page("0", "-5");
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), page.startIndex);
	CPPUNIT_ASSERT_EQUAL(std::size_t(0), page.count);
	page = ListResponse::page("-3", "100000000000000000000000");
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), page.startIndex);
	CPPUNIT_ASSERT_EQUAL(ListResponse::MAX_COUNT, page.count);
	page = ListResponse::page("201", "201");
	CPPUNIT_ASSERT_EQUAL(std::size_t(201), page.startIndex);
	CPPUNIT_ASSERT_EQUAL(std::size_t(200), page.count);
	for (const char* bad : {"x", "1.5", "1e3", "-", "0x10", "1 2"})
	{
		CPPUNIT_ASSERT_EQUAL_MESSAGE(bad, std::string("invalidValue"),
		                             reasonOf<InvalidInputException>([&] { ListResponse::page(bad, ""); }));
		CPPUNIT_ASSERT_EQUAL_MESSAGE(bad, std::string("invalidValue"),
		                             reasonOf<InvalidInputException>([&] { ListResponse::page("", bad); }));
	}
}


void ScimDiscoveryTest::testErrorDocument()
{
	auto p = ErrorDocument::make(409, "uniqueness", "userName \"ada\" is taken");
	CPPUNIT_ASSERT_EQUAL(
	    std::string(
	        R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"409","scimType":"uniqueness","detail":"userName \"ada\" is taken"})"),
	    Json::stringify(p));
	p = ErrorDocument::make(404, "not_found", "No such user");
	CPPUNIT_ASSERT(!p->has("scimType"));
	CPPUNIT_ASSERT_EQUAL(std::string("404"), p->getValue<std::string>("status"));
	p = ErrorDocument::make(409, "seat_limit", "The plan's limit of 5 members is reached");
	CPPUNIT_ASSERT(!p->has("scimType"));
	p = ErrorDocument::make(400, "invalidFilter", std::string("bad \xff byte"));
	CPPUNIT_ASSERT_EQUAL(std::string("bad \xEF\xBF\xBD byte"), p->getValue<std::string>("detail"));
	for (const char* type : {"invalidFilter", "tooMany", "uniqueness", "mutability", "invalidSyntax", "invalidPath",
	                         "noTarget", "invalidValue", "invalidVers", "sensitive"})
		CPPUNIT_ASSERT_MESSAGE(type, ErrorDocument::isScimType(type));
	CPPUNIT_ASSERT(!ErrorDocument::isScimType("Uniqueness"));
	CPPUNIT_ASSERT(!ErrorDocument::isScimType("invalid_input"));
}
