//
// PlanCatalogTest.h
//
// Library: OrgsTests
// Package: Config
// Module:  PlanCatalogTest
//


#ifndef Orgs_PlanCatalogTest_INCLUDED
#define Orgs_PlanCatalogTest_INCLUDED


#include <cppunit/extensions/HelperMacros.h>


class PlanCatalogTest : public CppUnit::TestFixture
	/// Plans from configuration: defaults, limits, and start-up errors that name the key; the
	/// invitation settings.
{
	CPPUNIT_TEST_SUITE(PlanCatalogTest);
	CPPUNIT_TEST(testDefaults);
	CPPUNIT_TEST(testConfiguredPlans);
	CPPUNIT_TEST(testUnknownDefaultNamesTheKey);
	CPPUNIT_TEST(testMalformedLimitsAndKeys);
	CPPUNIT_TEST(testShippedFileLoads);
	CPPUNIT_TEST(testInvitationSettings);
	CPPUNIT_TEST_SUITE_END();

public:
	void testDefaults();
	void testConfiguredPlans();
	void testUnknownDefaultNamesTheKey();
	void testMalformedLimitsAndKeys();
	void testShippedFileLoads();
	void testInvitationSettings();
};


#endif // Orgs_PlanCatalogTest_INCLUDED
