//
// ScimValidatorTest.h
//
// Library: OrgsTests
// Package: Scim
// Module:  ScimValidatorTest
//


#ifndef Orgs_ScimValidatorTest_INCLUDED
#define Orgs_ScimValidatorTest_INCLUDED


#include "support/ScimValidator.h"
#include <cppunit/extensions/HelperMacros.h>
#include <memory>


class ScimValidatorTest : public CppUnit::TestFixture
	/// The independent SCIM validator (tests/scim) against Orgs' documents and against bodies that
	/// break RFC 7643/7644, and ScimClient's checks; no database, one node process per fixture.
{
	CPPUNIT_TEST_SUITE(ScimValidatorTest);
	CPPUNIT_TEST(testDiscoveryDocumentsAreValid);
	CPPUNIT_TEST(testResourcesAreValid);
	CPPUNIT_TEST(testErrorDocumentsAreValid);
	CPPUNIT_TEST(testRefusesBrokenResources);
	CPPUNIT_TEST(testRefusesBrokenMessages);
	CPPUNIT_TEST(testPartialResponses);
	CPPUNIT_TEST(testClientChecks);
	CPPUNIT_TEST_SUITE_END();

public:
	void setUp() override;
	void tearDown() override;

	void testDiscoveryDocumentsAreValid();
	void testResourcesAreValid();
		/// A user and a group as Orgs' units make them (decoded, patched, projected) pass.
	void testErrorDocumentsAreValid();
	void testRefusesBrokenResources();
		/// Each body breaks one rule; the validator names it (so a test through it can fail).
	void testRefusesBrokenMessages();
	void testPartialResponses();
	void testClientChecks();
		/// ScimClient fails a test on a wrong content type, a body on 204, an invalid body.

private:
	std::unique_ptr<Orgs::Test::ScimValidator> _pValidator;
};


#endif // Orgs_ScimValidatorTest_INCLUDED
