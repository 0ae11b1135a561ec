//
// ScimApiTest.h
//
// Library: OrgsTests
// Package: Scim
// Module:  ScimApiTest
//


#ifndef Orgs_ScimApiTest_INCLUDED
#define Orgs_ScimApiTest_INCLUDED


#include "support/ApiTestCase.h"
#include "support/ScimValidator.h"
#include <memory>
#include <cppunit/extensions/HelperMacros.h>
#include <string>


class ScimApiTest : public Orgs::Test::ApiTestCase
	/// SCIM provisioning end to end through orgs-host: connections over the API, then Users and
	/// Groups as Okta's and Microsoft's documented clients send them, with our own checks of
	/// deprovisioning, seats, token scope and group mapping.
{
	CPPUNIT_TEST_SUITE(ScimApiTest);
	CPPUNIT_TEST(testConnectionRoutes);
	CPPUNIT_TEST(testUsersAsOktaChecksThem);
	CPPUNIT_TEST(testDeprovisioningKeepsHistoryAndAccount);
	CPPUNIT_TEST(testEntraQuirks);
	CPPUNIT_TEST(testGroupsMapRolesAndWorkspaces);
	CPPUNIT_TEST(testSeatsUnderConcurrentCreates);
	CPPUNIT_TEST(testTokenReachesOnlyItsConnection);
	CPPUNIT_TEST_SUITE_END();

public:
	void setUp() override;

	void testConnectionRoutes();
		/// Create (token once), get, list, patch, rotate, delete; scim.manage; 404 for strangers.
	void testUsersAsOktaChecksThem();
	void testDeprovisioningKeepsHistoryAndAccount();
	void testEntraQuirks();
	void testGroupsMapRolesAndWorkspaces();
	void testSeatsUnderConcurrentCreates();
	void testTokenReachesOnlyItsConnection();

private:
	struct Connection
	{
		Poco::Int64 id = 0;
		std::string token;
		std::string base; ///< the SCIM base path, "/api/v1/scim/v2/<id>"
	};

	Connection connect(const User& actor, const std::string& org, const std::string& body = std::string());
	Response scim(const Connection& c, const std::string& method, const std::string& path,
	              const std::string& body = std::string());
		/// Sends a SCIM request as a directory does (ScimClient): every answer is checked by the
		/// independent validator (RFC 7643/7644 JSON Schemas) before the test sees it.
	static std::string userBody(const std::string& userName, const std::string& email, bool active = true);
	std::string roleOf(const User& actor, const std::string& org, const std::string& username);
	std::string lastProvisioned(const User& actor, const std::string& org);
		/// Returns the username of the account of the SCIM user created last in org.

	std::unique_ptr<Orgs::Test::ScimValidator> _pValidator;
};


#endif // Orgs_ScimApiTest_INCLUDED
