//
// MeApiTest.h
//
// Library: OrgsTests
// Package: EndToEnd
// Module:  MeApiTest
//


#ifndef Orgs_MeApiTest_INCLUDED
#define Orgs_MeApiTest_INCLUDED


#include "support/ApiTestCase.h"
#include <cppunit/extensions/HelperMacros.h>
#include <string>


class MeApiTest : public Orgs::Test::ApiTestCase
	/// GET /me, PUT /me/active-organization and personal organizations through the real
	/// orgs-host, on both databases. Each test starts its own world (ApiTestCase), with or
	/// without personal organizations.
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
	void setUp() override;

	void testSignUpCreatesPersonalOrganization();
	void testPersonalOrganizationRefusesMembers();
	void testPersonalOrganizationTakesMembersWhenConfigured();
	void testNoPersonalOrganizationByDefault();
	void testActiveOrganizationSwitcher();
	void testActiveOrganizationErrors();
	void testLeavingHidesTheActiveOrganization();

private:
	void start(bool personalOnSignup, bool personalAllowsMembers = false);
	Response send(const std::string& method, const std::string& path, const std::string& body, const User& user);
};


#endif // Orgs_MeApiTest_INCLUDED
