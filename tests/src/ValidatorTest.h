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
	/// Usernames, titles, names, emails, id references and numbers.
{
	CPPUNIT_TEST_SUITE(ValidatorTest);
	CPPUNIT_TEST(testUsernames);
	CPPUNIT_TEST(testTitles);
	CPPUNIT_TEST(testNames);
	CPPUNIT_TEST(testEmails);
	CPPUNIT_TEST(testIdReferences);
	CPPUNIT_TEST(testInvisibleCharacters);
	CPPUNIT_TEST(testNumbers);
	CPPUNIT_TEST(testPlainText);
	CPPUNIT_TEST_SUITE_END();

public:
	void testUsernames();
	void testTitles();
	void testNames();
	void testEmails();
	void testIdReferences();

	void testInvisibleCharacters();
		/// Free text refuses control, format (zero-width, bidirectional), surrogate and
		/// separator characters, naming the field and the character.

	void testNumbers();
		/// One strict way to read a number: digits only, no sign, space or leading zero, within Int64.

	void testPlainText();
		/// Decoded URI parts: valid UTF-8 without control characters.
};


#endif // Orgs_ValidatorTest_INCLUDED
