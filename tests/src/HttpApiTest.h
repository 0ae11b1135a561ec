//
// HttpApiTest.h
//
// Library: OrgsTests
// Package: EndToEnd
// Module:  HttpApiTest
//
// The HTTP API end to end: the real orgs-host with the plugin loaded by ClassLoader, driven
// over a socket, on the database ORGS_TEST_CONNECTOR names.
//


#ifndef Orgs_HttpApiTest_INCLUDED
#define Orgs_HttpApiTest_INCLUDED


#include "support/HostProcess.h"
#include "support/HttpClient.h"
#include "support/TestDatabase.h"
#include "Poco/Types.h"
#include <cppunit/extensions/HelperMacros.h>
#include <memory>
#include <string>


class HttpApiTest : public CppUnit::TestFixture
	/// Every rule of the HTTP contract that a client can observe: status codes, problem
	/// documents and their codes, limits, pagination, and the organization and membership rules.
	/// Each test gets its own database and its own host.
{
	CPPUNIT_TEST_SUITE(HttpApiTest);
	// System
	CPPUNIT_TEST(testHealthNeedsNoAuthentication);
	CPPUNIT_TEST(testUnknownApiPathIsProblem404);
	CPPUNIT_TEST(testUnknownPathOutsideApiIsProblem404FromHost);
	CPPUNIT_TEST(testWrongMethodIs405WithAllow);
	// Accounts
	CPPUNIT_TEST(testSignUpReturnsAccountAndToken);
	CPPUNIT_TEST(testSignUpDisabledByDefault);
	CPPUNIT_TEST(testDuplicateUsernameIsConflict);
	CPPUNIT_TEST(testAccountsAndOrganizationsShareUsernames);
	// Authentication and tokens
	CPPUNIT_TEST(testMissingTokenIs401WithChallenge);
	CPPUNIT_TEST(testGarbageTokenIs401);
	CPPUNIT_TEST(testTokenSchemeIsAcceptedLikeBearer);
	CPPUNIT_TEST(testTokenLifecycle);
	CPPUNIT_TEST(testRevokingAnotherAccountsTokenIs404);
	CPPUNIT_TEST(testMeListsOrganizationsWithRole);
	// Organizations
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
	// Memberships
	CPPUNIT_TEST(testAddMemberWithDefaultOrExplicitRole);
	CPPUNIT_TEST(testAddMemberErrors);
	CPPUNIT_TEST(testListMembersFiltersByRoleAndSearch);
	CPPUNIT_TEST(testMemberReadsOwnAndOtherMemberships);
	CPPUNIT_TEST(testChangeRole);
	CPPUNIT_TEST(testOwnerMembershipIsImmutable);
	CPPUNIT_TEST(testMemberLeaves);
	CPPUNIT_TEST(testTransferOwnershipNeedsAMember);
	CPPUNIT_TEST(testTransferOwnership);
	CPPUNIT_TEST(testAdminCannotTransferOwnership);
	// Workspaces and resources
	CPPUNIT_TEST(testWorkspaceLifecycle);
	CPPUNIT_TEST(testWorkspaceVisibilityAndErrors);
	CPPUNIT_TEST(testResourceAndCollaboratorLifecycle);
	CPPUNIT_TEST(testResourceVisibilityAndFilters);
	// Bodies
	CPPUNIT_TEST(testMalformedJsonIs400);
	CPPUNIT_TEST(testJsonArrayBodyIs400);
	CPPUNIT_TEST(testJsonScalarBodyIs400);
	CPPUNIT_TEST(testWrongFieldTypeIs400);
	CPPUNIT_TEST(testUnknownFieldIs400);
	CPPUNIT_TEST(testMissingFieldIs400);
	CPPUNIT_TEST(testEmptyBodyIs400);
	CPPUNIT_TEST(testNonJsonContentTypeIs415);
	CPPUNIT_TEST(testOversizedBodyIs413);
	CPPUNIT_TEST(testOversizedChunkedBodyIs413);
	// Pagination
	CPPUNIT_TEST(testLimitOutOfRangeIs400);
	CPPUNIT_TEST(testForeignCursorIs400);
	CPPUNIT_TEST(testLastPageHasNoCursor);
	CPPUNIT_TEST(testTokenListTakesLimitAndCursor);
	CPPUNIT_TEST(testMemberPagesNeitherSkipNorRepeat);
	CPPUNIT_TEST(testOrganizationPagesNeitherSkipNorRepeat);
	CPPUNIT_TEST(testAuditLog);
	CPPUNIT_TEST(testAuditLogFilters);
	CPPUNIT_TEST(testPurgeTimerFreesTheUsername);
	CPPUNIT_TEST_SUITE_END();

public:
	struct User
		/// A signed-up account and its personal access token.
	{
		Poco::Int64 id = 0;
		std::string username;
		std::string token;
	};

	void setUp() override;
	void tearDown() override;

	void testHealthNeedsNoAuthentication();
	void testUnknownApiPathIsProblem404();
	void testUnknownPathOutsideApiIsProblem404FromHost();
	void testWrongMethodIs405WithAllow();
	void testSignUpReturnsAccountAndToken();
	void testSignUpDisabledByDefault();
	void testDuplicateUsernameIsConflict();
	void testAccountsAndOrganizationsShareUsernames();
	void testMissingTokenIs401WithChallenge();
	void testGarbageTokenIs401();
	void testTokenSchemeIsAcceptedLikeBearer();
	void testTokenLifecycle();
	void testRevokingAnotherAccountsTokenIs404();
	void testMeListsOrganizationsWithRole();
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
	void testAddMemberWithDefaultOrExplicitRole();
	void testAddMemberErrors();
	void testListMembersFiltersByRoleAndSearch();
	void testMemberReadsOwnAndOtherMemberships();
	void testChangeRole();
	void testOwnerMembershipIsImmutable();
	void testMemberLeaves();
	void testTransferOwnershipNeedsAMember();
	void testTransferOwnership();
	void testAdminCannotTransferOwnership();
	void testWorkspaceLifecycle();
	void testWorkspaceVisibilityAndErrors();
	void testResourceAndCollaboratorLifecycle();
	void testResourceVisibilityAndFilters();
	void testMalformedJsonIs400();
	void testJsonArrayBodyIs400();
	void testJsonScalarBodyIs400();
	void testWrongFieldTypeIs400();
	void testUnknownFieldIs400();
	void testMissingFieldIs400();
	void testEmptyBodyIs400();
	void testNonJsonContentTypeIs415();
	void testOversizedBodyIs413();
	void testOversizedChunkedBodyIs413();
	void testLimitOutOfRangeIs400();
	void testForeignCursorIs400();
	void testLastPageHasNoCursor();
	void testTokenListTakesLimitAndCursor();
	void testMemberPagesNeitherSkipNorRepeat();
	void testOrganizationPagesNeitherSkipNorRepeat();

	// Audit log
	void testAuditLog();
	void testAuditLogFilters();
	void testPurgeTimerFreesTheUsername();

private:
	Orgs::Test::HttpClient& client();

	User signUp(const std::string& username, const std::string& name = std::string());
		/// Signs an account up (POST /accounts) and asserts 201.

	Poco::Int64 createOrganization(const User& owner, const std::string& username);
		/// Creates an organization (POST /orgs) and asserts 201; returns its id.

	void addMember(const User& actor, const std::string& org, const std::string& username,
	               const std::string& role = std::string());
		/// Adds a member (POST /orgs/{org}/members) and asserts 201.

	Orgs::Test::TestDatabase::Ptr _pDatabase;
	std::unique_ptr<Orgs::Test::HostProcess> _pHost;
	std::unique_ptr<Orgs::Test::HttpClient> _pClient;
};


#endif // Orgs_HttpApiTest_INCLUDED
