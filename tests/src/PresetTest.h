//
// PresetTest.h
//
// Library: OrgsTests
// Package: Config
// Module:  PresetTest
//


#ifndef Orgs_PresetTest_INCLUDED
#define Orgs_PresetTest_INCLUDED


#include <cppunit/extensions/HelperMacros.h>


class PresetTest : public CppUnit::TestFixture
	/// orgs.preset: the preset's file lies beneath the host's keys, names are checked, and
	/// every preset shipped in config/presets loads into valid settings, plans and roles.
{
	CPPUNIT_TEST_SUITE(PresetTest);
	CPPUNIT_TEST(testNoPresetAddsNothing);
	CPPUNIT_TEST(testPresetLiesBeneathTheHost);
	CPPUNIT_TEST(testInlineRolesWithEmptyRolesFile);
	CPPUNIT_TEST(testUnknownPresetListsTheKnownOnes);
	CPPUNIT_TEST(testPresetNameIsNotAPath);
	CPPUNIT_TEST(testEveryShippedPresetLoads);
	CPPUNIT_TEST(testDefaultPresetIsTheShippedBehaviour);
	CPPUNIT_TEST_SUITE_END();

public:
	void setUp() override;
	void tearDown() override;

	void testNoPresetAddsNothing();
	void testPresetLiesBeneathTheHost();
	void testInlineRolesWithEmptyRolesFile();
	void testUnknownPresetListsTheKnownOnes();
	void testPresetNameIsNotAPath();
	void testEveryShippedPresetLoads();
	void testDefaultPresetIsTheShippedBehaviour();

private:
	std::string _dir; ///< a scratch configuration folder with a presets/ folder in it
};


#endif // Orgs_PresetTest_INCLUDED
