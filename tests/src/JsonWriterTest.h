//
// JsonWriterTest.h
//
// Library: OrgsTests
// Package: Http
// Module:  JsonWriterTest
//


#ifndef Orgs_JsonWriterTest_INCLUDED
#define Orgs_JsonWriterTest_INCLUDED


#include <cppunit/extensions/HelperMacros.h>


class JsonWriterTest : public CppUnit::TestFixture
	/// The streaming writer of list pages writes what Poco::JSON writes, byte for byte.
{
	CPPUNIT_TEST_SUITE(JsonWriterTest);
	CPPUNIT_TEST(testStructureAndScalars);
	CPPUNIT_TEST(testEscapingMatchesPoco);
	CPPUNIT_TEST(testTimesMatchJsonCodec);
	CPPUNIT_TEST(testMembershipPageMatchesPoco);
	CPPUNIT_TEST_SUITE_END();

public:
	void testStructureAndScalars();
		/// Nested objects and arrays, empty ones, commas, integers at the limits, booleans, null.

	void testEscapingMatchesPoco();
		/// Quotes, backslashes, '/', every control character, DEL, UTF-8 of 2 to 4 bytes and
		/// invalid UTF-8 are escaped as Poco::JSON::Object::stringify() escapes them.

	void testTimesMatchJsonCodec();
		/// Times over 1970 to 9999 (leap days, ends of months and years) as JsonCodec::time().

	void testMembershipPageMatchesPoco();
		/// A page of members (default roles, owner, awkward names, a cursor or none) is the
		/// same text as JsonCodec::page(...) stringified.
};


#endif // Orgs_JsonWriterTest_INCLUDED
