//
// FuzzTest.h
//
// Library: OrgsTests
// Package: EndToEnd
// Module:  FuzzTest
//
// Every route of the API × malformed input, through the real orgs-host: no answer is a 5xx,
// every error is a problem document with a code, and no answer shows the server's internals.
//


#ifndef Orgs_FuzzTest_INCLUDED
#define Orgs_FuzzTest_INCLUDED


#include <cppunit/extensions/HelperMacros.h>


class FuzzTest : public CppUnit::TestFixture
	/// The fuzzer takes the route list from the server's own router, so a new route is fuzzed
	/// without a change here. For each route it builds requests from a fixed list of bad values
	/// and from a pseudo-random generator with a fixed seed (the same requests on every run):
	/// broken percent-encoding and odd ids in the path and the query, malformed and wrongly
	/// typed bodies (boundary integers, floats, booleans, null, empty and huge strings, broken
	/// UTF-8, deep nesting, duplicate keys, forbidden characters in free text), odd headers
	/// (Content-Type, Content-Length: 0, chunked bodies, Authorization schemes, long tokens),
	/// each with a valid token and without one.
	///
	/// No request is built to succeed on a route that changes something; requests that must be
	/// refused (duplicate keys, ids with spaces or signs, forbidden characters) are checked to
	/// be refused. The focused tests pin the exact status and code of each rule.
{
	CPPUNIT_TEST_SUITE(FuzzTest);
	CPPUNIT_TEST(testEveryRouteSurvivesBadInput);
	CPPUNIT_TEST(testBrokenPercentEncoding);
	CPPUNIT_TEST(testIdsAreParsedStrictly);
	CPPUNIT_TEST(testOutOfRangeNumbers);
	CPPUNIT_TEST(testDuplicateKeys);
	CPPUNIT_TEST(testFreeTextRefusesInvisibleCharacters);
	CPPUNIT_TEST(testRequestIds);
	CPPUNIT_TEST_SUITE_END();

public:
	void testEveryRouteSurvivesBadInput();
		/// The fuzzer: no 5xx, every error a problem+json document with a code and its status,
		/// no SQL, driver, library or address text in any answer, and every request that must
		/// be refused refused.

	void testBrokenPercentEncoding();
		/// /orgs/%zz and ?a=%zz answer 400 invalid_encoding, before authentication.

	void testIdsAreParsedStrictly();
		/// DELETE /me/tokens/%201 revokes nothing; ids with signs, spaces or leading zeros are
		/// no ids in paths, queries and bodies.

	void testOutOfRangeNumbers();
		/// {"org": 9223372036854775808}, 2^64 + 1, 1e30 and 1.5 answer 400 invalid_type naming
		/// the field.

	void testDuplicateKeys();
		/// {"role":"member","role":"admin"} answers 400 duplicate_field naming the key, at any depth.

	void testFreeTextRefusesInvisibleCharacters();
		/// Titles, names, descriptions and notes refuse control, format (zero-width),
		/// bidirectional and line-separator characters, naming the field.

	void testRequestIds();
		/// Every answer carries X-Request-Id: a sane client value echoed, anything else replaced
		/// by a generated one; every problem document carries it too.
};


#endif // Orgs_FuzzTest_INCLUDED
