//
// ValidatorTest.h
//
// Library: OrgsTests
// Package: Service
// Module:  ValidatorTest
//


#ifndef Orgs_ValidatorTest_INCLUDED
#define Orgs_ValidatorTest_INCLUDED


#include <cppunit/extensions/HelperMacros.h>


class ValidatorTest : public CppUnit::TestFixture
	/// Usernames, titles, names, emails and id references.
{
	CPPUNIT_TEST_SUITE(ValidatorTest);
	CPPUNIT_TEST(testUsernames);
	CPPUNIT_TEST(testTitles);
	CPPUNIT_TEST(testNames);
	CPPUNIT_TEST(testEmails);
	CPPUNIT_TEST(testIdReferences);
	CPPUNIT_TEST_SUITE_END();

public:
	void testUsernames();
	void testTitles();
	void testNames();
	void testEmails();
	void testIdReferences();
};


#endif // Orgs_ValidatorTest_INCLUDED
