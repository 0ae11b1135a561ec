//
// OrganizationApiTest.h
//
// Library: OrgsTests
// Package: EndToEnd
// Module:  OrganizationApiTest
//
// Organizations through the HTTP API: the real orgs-host with the plugin loaded by
// ClassLoader, driven over a socket, on the database ORGS_TEST_CONNECTOR names.
//


#ifndef Orgs_OrganizationApiTest_INCLUDED
#define Orgs_OrganizationApiTest_INCLUDED


#include "support/ApiTestCase.h"
#include <cppunit/extensions/HelperMacros.h>


class OrganizationApiTest : public Orgs::Test::ApiTestCase
	/// /orgs and /orgs/{org}: creation (the creator owns it), usernames, titles and regions,
	/// reading by id or username, the non-member 404, updates, deletion and the purge, paging.
	/// Each test gets its own database and its own host (ApiTestCase).
{
	CPPUNIT_TEST_SUITE(OrganizationApiTest);
	CPPUNIT_TEST(testCreateOrganizationMakesCreatorOwner);
	CPPUNIT_TEST(testRegionMustBeConfigured);
	CPPUNIT_TEST(testUsernameRules);
	CPPUNIT_TEST(testTitleRules);
	CPPUNIT_TEST(testReadOrganizationByIdAndUsername);
	CPPUNIT_TEST(testNonMemberCannotTellExistingFromMissing);
	CPPUNIT_TEST(testUpdateNeedsOrgUpdate);
	CPPUNIT_TEST(testRegionIsImmutable);
	CPPUNIT_TEST(testRenameFreesOldUsername);
	CPPUNIT_TEST(testDeleteIsOwnerOnly);
	CPPUNIT_TEST(testOrganizationPagesNeitherSkipNorRepeat);
	CPPUNIT_TEST(testPurgeTimerFreesTheUsername);
	CPPUNIT_TEST_SUITE_END();

public:
	void testCreateOrganizationMakesCreatorOwner();
	void testRegionMustBeConfigured();
	void testUsernameRules();
	void testTitleRules();
	void testReadOrganizationByIdAndUsername();
	void testNonMemberCannotTellExistingFromMissing();
	void testUpdateNeedsOrgUpdate();
	void testRegionIsImmutable();
	void testRenameFreesOldUsername();
	void testDeleteIsOwnerOnly();
	void testOrganizationPagesNeitherSkipNorRepeat();
	void testPurgeTimerFreesTheUsername();
};


#endif // Orgs_OrganizationApiTest_INCLUDED
