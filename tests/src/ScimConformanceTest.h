//
// ScimConformanceTest.h
//
// Library: OrgsTests
// Package: Scim
// Module:  ScimConformanceTest
//


#ifndef Orgs_ScimConformanceTest_INCLUDED
#define Orgs_ScimConformanceTest_INCLUDED


#include "support/ApiTestCase.h"
#include "support/ScimClient.h"
#include "support/ScimValidator.h"
#include <memory>


class ScimConformanceTest : public Orgs::Test::ApiTestCase
	/// The checks of public SCIM conformance suites, replayed through orgs-host over HTTP with a
	/// SCIM connection's token: Okta's SCIM 2.0 spec tests (okta-scim-20-spec-test), Microsoft's
	/// SCIM validator and Entra ID's provisioning requests as its documentation gives them.
	/// Every response goes through ScimClient, so the independent validator checks each body.
{
	CPPUNIT_TEST_SUITE(ScimConformanceTest);
	CPPUNIT_TEST(testDiscovery);
	CPPUNIT_TEST(testOktaListWithCountAndStartIndex);
	CPPUNIT_TEST(testOktaGetById);
	CPPUNIT_TEST(testOktaFilterOnUnknownUserName);
	CPPUNIT_TEST(testOktaUnknownIdIs404);
	CPPUNIT_TEST(testOktaCreateThenDuplicate);
	CPPUNIT_TEST(testOktaUserNameIgnoresCase);
	CPPUNIT_TEST(testOktaPutFullUser);
	CPPUNIT_TEST(testOktaDeactivate);
	CPPUNIT_TEST(testOktaGroupLifecycle);
	CPPUNIT_TEST(testEntraActiveAsString);
	CPPUNIT_TEST(testEntraPatchWithoutPath);
	CPPUNIT_TEST(testEntraFilteredPathsMatchingNothing);
	CPPUNIT_TEST(testEntraNullClears);
	CPPUNIT_TEST(testEntraGroupMembers);
	CPPUNIT_TEST(testEntraGroupsWithoutMembers);
	CPPUNIT_TEST(testEntraDisableThenDelete);
	CPPUNIT_TEST(testEntraFilters);
	CPPUNIT_TEST(testErrorsAreScimDocuments);
	CPPUNIT_TEST_SUITE_END();

public:
	void setUp() override;
	void tearDown() override;

	void testDiscovery();
		/// /ServiceProviderConfig, /Schemas, /ResourceTypes and their items.
	void testOktaListWithCountAndStartIndex();
	void testOktaGetById();
	void testOktaFilterOnUnknownUserName();
		/// totalResults 0.
	void testOktaUnknownIdIs404();
	void testOktaCreateThenDuplicate();
		/// 201 with active true; the same user again 409 uniqueness.
	void testOktaUserNameIgnoresCase();
	void testOktaPutFullUser();
	void testOktaDeactivate();
		/// PATCH replace {"active": false}; the user is listed inactive.
	void testOktaGroupLifecycle();
		/// Create, rename with the id repeated, add and remove members, delete.
	void testEntraActiveAsString();
		/// "active": "False" / "True" as strings; the responses carry booleans.
	void testEntraPatchWithoutPath();
		/// Capitalized ops; one operation with an object of dotted, filtered and URN paths.
	void testEntraFilteredPathsMatchingNothing();
	void testEntraNullClears();
	void testEntraGroupMembers();
		/// Add and remove members with values, remove members[value eq "..."].
	void testEntraGroupsWithoutMembers();
		/// excludedAttributes=members on list, filter and get.
	void testEntraDisableThenDelete();
	void testEntraFilters();
		/// userName, externalId, emails[type eq "work"].value, displayName; and with "and".
	void testErrorsAreScimDocuments();
		/// Bad filters, bad PATCH bodies, wrong token: SCIM error documents with their scimType.

private:
	Poco::JSON::Object::Ptr createUser(const std::string& userName, const std::string& extra = std::string());
		/// POST /Users {userName, emails: [work], active: true, ...extra} and asserts 201.
	Poco::JSON::Object::Ptr createGroup(const std::string& displayName, const std::string& extra = std::string());
	Poco::JSON::Object::Ptr getJson(const std::string& path, int status = 200);
	Poco::JSON::Object::Ptr patchJson(const std::string& path, const std::string& operations, int status = 200);
		/// PATCH with {"schemas": [PatchOp], "Operations": operations}.
	std::string error(const Orgs::Test::ScimClient::Response& response, int status);
		/// Asserts the status and returns the error's scimType ("" when none).

	std::unique_ptr<Orgs::Test::ScimValidator> _pValidator;
	std::unique_ptr<Orgs::Test::ScimClient> _pScim;
	std::string _connection;
	std::string _token;
	User _owner;
};


#endif // Orgs_ScimConformanceTest_INCLUDED
