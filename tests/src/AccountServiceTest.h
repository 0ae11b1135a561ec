//
// AccountServiceTest.h
//
// Library: OrgsTests
// Package: Service
// Module:  AccountServiceTest
//


#ifndef Orgs_AccountServiceTest_INCLUDED
#define Orgs_AccountServiceTest_INCLUDED


#include "support/TestRuntime.h"
#include <cppunit/extensions/HelperMacros.h>
#include <memory>


class AccountServiceTest : public CppUnit::TestFixture
	/// Accounts, the shared username namespace, provisioning and personal access tokens.
{
	CPPUNIT_TEST_SUITE(AccountServiceTest);
	CPPUNIT_TEST(testCreateAndFind);
	CPPUNIT_TEST(testUsernamesShareOneNamespace);
	CPPUNIT_TEST(testInvalidAccountsAreRefused);
	CPPUNIT_TEST(testSignUpIssuesAWorkingToken);
	CPPUNIT_TEST(testTokensAreStoredHashed);
	CPPUNIT_TEST(testRevokedTokenStopsWorking);
	CPPUNIT_TEST(testTokenOfAnotherAccountCannotBeRevoked);
	CPPUNIT_TEST(testLastUsedIsRecorded);
	CPPUNIT_TEST(testTokenRevokedElsewhereStopsWithinTheStalenessBound);
	CPPUNIT_TEST(testProvisionIsIdempotent);
	CPPUNIT_TEST(testUnicodeRoundTrips);
	CPPUNIT_TEST_SUITE_END();

public:
	void setUp() override;
	void tearDown() override;

	void testCreateAndFind();
	void testUsernamesShareOneNamespace();
	void testInvalidAccountsAreRefused();
	void testSignUpIssuesAWorkingToken();
	void testTokensAreStoredHashed();
	void testRevokedTokenStopsWorking();
	void testTokenOfAnotherAccountCannotBeRevoked();
	void testLastUsedIsRecorded();
	void testTokenRevokedElsewhereStopsWithinTheStalenessBound();
	void testProvisionIsIdempotent();
	void testUnicodeRoundTrips();

private:
	std::unique_ptr<Orgs::Test::TestRuntime> _pRuntime;
};


#endif // Orgs_AccountServiceTest_INCLUDED
