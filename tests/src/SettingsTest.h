//
// SettingsTest.h
//
// Library: OrgsTests
// Package: Config
// Module:  SettingsTest
//


#ifndef Orgs_SettingsTest_INCLUDED
#define Orgs_SettingsTest_INCLUDED


#include <cppunit/extensions/HelperMacros.h>


class SettingsTest : public CppUnit::TestFixture
	/// Defaults, path resolution and refusal of malformed values.
{
	CPPUNIT_TEST_SUITE(SettingsTest);
	CPPUNIT_TEST(testDefaults);
	CPPUNIT_TEST(testRelativePathsResolve);
	CPPUNIT_TEST(testMySQLNeedsConnectionString);
	CPPUNIT_TEST(testMalformedValuesNameTheKey);
	CPPUNIT_TEST_SUITE_END();

public:
	void testDefaults();
	void testRelativePathsResolve();
	void testMySQLNeedsConnectionString();
	void testMalformedValuesNameTheKey();
};


#endif // Orgs_SettingsTest_INCLUDED
