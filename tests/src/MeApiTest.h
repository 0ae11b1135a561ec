//
// MeApiTest.h
//
// Library: OrgsTests
// Package: EndToEnd
// Module:  MeApiTest
//


#ifndef Orgs_MeApiTest_INCLUDED
#define Orgs_MeApiTest_INCLUDED


#include "support/HostProcess.h"
#include "support/HttpClient.h"
#include "support/TestDatabase.h"
#include <cppunit/extensions/HelperMacros.h>
#include <memory>
#include <string>


class MeApiTest : public CppUnit::TestFixture
	/// GET /me, PUT /me/active-organization and personal organizations through the real
	/// orgs-host, on both databases.
{
	CPPUNIT_TEST_SUITE(MeApiTest);
	CPPUNIT_TEST(testSignUpCreatesPersonalOrganization);
	CPPUNIT_TEST(testPersonalOrganizationRefusesMembers);
	CPPUNIT_TEST(testPersonalOrganizationTakesMembersWhenConfigured);
	CPPUNIT_TEST(testNoPersonalOrganizationByDefault);
	CPPUNIT_TEST(testActiveOrganizationSwitcher);
	CPPUNIT_TEST(testActiveOrganizationErrors);
	CPPUNIT_TEST(testLeavingHidesTheActiveOrganization);
	CPPUNIT_TEST_SUITE_END();

public:
	struct User
	{
		Poco::Int64 id = 0;
		std::string username;
		std::string token;
	};

	void tearDown() override;

	void testSignUpCreatesPersonalOrganization();
	void testPersonalOrganizationRefusesMembers();
	void testPersonalOrganizationTakesMembersWhenConfigured();
	void testNoPersonalOrganizationByDefault();
	void testActiveOrganizationSwitcher();
	void testActiveOrganizationErrors();
	void testLeavingHidesTheActiveOrganization();

private:
	void start(bool personalOnSignup, bool personalAllowsMembers = false);
	User signUp(const std::string& username, const std::string& name = std::string());
	Orgs::Test::HttpClient::Response send(const std::string& method, const std::string& path, const std::string& body,
	                                      const User& user);

	Orgs::Test::TestDatabase::Ptr _pDatabase;
	std::unique_ptr<Orgs::Test::HostProcess> _pHost;
	std::unique_ptr<Orgs::Test::HttpClient> _pClient;
};


#endif // Orgs_MeApiTest_INCLUDED
