//
// AccountApiTest.h
//
// Library: OrgsTests
// Package: EndToEnd
// Module:  AccountApiTest
//
// Accounts, authentication and personal access tokens through the HTTP API: the real orgs-host with the plugin loaded by
// ClassLoader, driven over a socket, on the database ORGS_TEST_CONNECTOR names.
//


#ifndef Orgs_AccountApiTest_INCLUDED
#define Orgs_AccountApiTest_INCLUDED


#include "support/ApiTestCase.h"
#include <cppunit/extensions/HelperMacros.h>


class AccountApiTest : public Orgs::Test::ApiTestCase
	/// Sign-up (POST /accounts), how a request is authenticated (Bearer or Token, 401 with a
	/// challenge), personal access tokens (/me/tokens) and GET /me with its memberships.
	/// Each test gets its own database and its own host (ApiTestCase).
{
	CPPUNIT_TEST_SUITE(AccountApiTest);
	CPPUNIT_TEST(testSignUpReturnsAccountAndToken);
	CPPUNIT_TEST(testSignUpDisabledByDefault);
	CPPUNIT_TEST(testDuplicateUsernameIsConflict);
	CPPUNIT_TEST(testAccountsAndOrganizationsShareUsernames);
	CPPUNIT_TEST(testMissingTokenIs401WithChallenge);
	CPPUNIT_TEST(testGarbageTokenIs401);
	CPPUNIT_TEST(testTokenSchemeIsAcceptedLikeBearer);
	CPPUNIT_TEST(testTokenLifecycle);
	CPPUNIT_TEST(testRevokingAnotherAccountsTokenIs404);
	CPPUNIT_TEST(testMeListsOrganizationsWithRole);
	CPPUNIT_TEST(testTokenListTakesLimitAndCursor);
	CPPUNIT_TEST_SUITE_END();

public:
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
	void testTokenListTakesLimitAndCursor();
};


#endif // Orgs_AccountApiTest_INCLUDED
