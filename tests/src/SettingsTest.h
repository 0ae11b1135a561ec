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
	/// Defaults, path resolution and refusal of malformed values; the shipped properties files
	/// against the defaults.
{
	CPPUNIT_TEST_SUITE(SettingsTest);
	CPPUNIT_TEST(testDefaults);
	CPPUNIT_TEST(testRelativePathsResolve);
	CPPUNIT_TEST(testMySQLNeedsConnectionString);
	CPPUNIT_TEST(testClusterNodes);
	CPPUNIT_TEST(testMalformedValuesNameTheKey);
	CPPUNIT_TEST(testShippedFilesSetOnlyWhatDiffers);
	CPPUNIT_TEST(testShippedFilesShowTheDefaults);
	CPPUNIT_TEST_SUITE_END();

public:
	void testDefaults();
	void testRelativePathsResolve();
	void testMySQLNeedsConnectionString();
	void testClusterNodes();
	void testMalformedValuesNameTheKey();

	void testShippedFilesSetOnlyWhatDiffers();
		/// Every key that config/orgs.properties, config/roles.properties or a preset sets is one
		/// the plugin reads, set to a value other than its default: a default is declared once,
		/// in the class that reads the key (Settings, PlanCatalog, Preset).

	void testShippedFilesShowTheDefaults();
		/// Every key those files show commented out ("#orgs.key = value", to document it) is one
		/// the plugin reads, and the value shown is its default.
};


#endif // Orgs_SettingsTest_INCLUDED
