//
// ValidatorTest.cpp
//
// Library: OrgsTests
// Package: Service
// Module:  ValidatorTest
//


#include "ValidatorTest.h"
#include "support/Suites.h"
#include "service/Validator.h"
#include "Orgs/Errors.h"
#include <vector>


using Orgs::InvalidInputException;
using Orgs::Service::Validator;


ORGS_TEST_SUITE(ValidatorTest, "Validator", UNIT);


namespace {


template <class Fn>
std::string reasonOf(Fn fn)
{
	try
	{
		fn();
	}
	catch (InvalidInputException& exc)
	{
		return exc.reason();
	}
	return "";
}


} // namespace


void ValidatorTest::testUsernames()
{
	for (const std::string& ok : std::vector<std::string>{"ab", "acme", "a-b", "team-42", "x1", std::string(39, 'a')})
		CPPUNIT_ASSERT_EQUAL_MESSAGE(ok, std::string(), reasonOf([&] { Validator::username("username", ok); }));
	for (const std::string& bad : std::vector<std::string>{"", "a", "-ab", "ab-", "Acme", "a_b", "a b", "acmé", "42",
	                                                       "007", std::string(40, 'a')})
		CPPUNIT_ASSERT_EQUAL_MESSAGE(bad, std::string("invalid_username"),
		                             reasonOf([&] { Validator::username("username", bad); }));
}


void ValidatorTest::testTitles()
{
	for (const std::string& ok : std::vector<std::string>{"A", "Acme Inc.", "Ünïcødé 🚀", std::string(100, 'x')})
		CPPUNIT_ASSERT_EQUAL_MESSAGE(ok, std::string(), reasonOf([&] { Validator::title("title", ok); }));
	std::string hundredEmoji;
	for (int i = 0; i < 100; ++i)
		hundredEmoji += "🚀";
	CPPUNIT_ASSERT_EQUAL(std::string(), reasonOf([&] { Validator::title("title", hundredEmoji); }));
	for (const std::string& bad :
	     std::vector<std::string>{"", "   ", std::string(101, 'x'), std::string("tab\there"), std::string("\xff\xfe")})
		CPPUNIT_ASSERT_EQUAL_MESSAGE(bad, std::string("invalid_title"),
		                             reasonOf([&] { Validator::title("title", bad); }));
}


void ValidatorTest::testNames()
{
	CPPUNIT_ASSERT_EQUAL(std::string(), reasonOf([] { Validator::name("name", "", 0, 200); }));
	CPPUNIT_ASSERT_EQUAL(std::string("invalid_name"), reasonOf([] { Validator::name("name", "", 1, 100); }));
	CPPUNIT_ASSERT_EQUAL(std::string("invalid_name"),
	                     reasonOf([] { Validator::name("name", std::string(201, 'n'), 0, 200); }));
}


void ValidatorTest::testEmails()
{
	for (const std::string& ok : std::vector<std::string>{"ada@example.com", "a.b+c@sub.example.org"})
		CPPUNIT_ASSERT_EQUAL_MESSAGE(ok, std::string(), reasonOf([&] { Validator::email("email", ok); }));
	for (const std::string& bad :
	     std::vector<std::string>{"", "ada", "ada@", "@example.com", "ada@example", "a b@example.com", "ada@-x.com"})
		CPPUNIT_ASSERT_EQUAL_MESSAGE(bad, std::string("invalid_email"),
		                             reasonOf([&] { Validator::email("email", bad); }));
}


void ValidatorTest::testIdReferences()
{
	Orgs::Id id = 0;
	CPPUNIT_ASSERT(Validator::parseId("42", id));
	CPPUNIT_ASSERT_EQUAL(Orgs::Id(42), id);
	for (const std::string& notId : std::vector<std::string>{"", "acme", "042", "-1", "4 2", " 42", "42 ", "+42", "0",
	                                                         "9223372036854775808", "99999999999999999999", "4e2"})
		CPPUNIT_ASSERT_MESSAGE(notId, !Validator::parseId(notId, id));
	CPPUNIT_ASSERT(Validator::parseId("9223372036854775807", id));
	CPPUNIT_ASSERT_EQUAL(Orgs::Id(9223372036854775807LL), id);
}


void ValidatorTest::testInvisibleCharacters()
{
	const std::vector<std::string> forbidden{"\x07",         "\t",           "\n",           "\x7f",
	                                         "\xc2\x85",     "\xe2\x80\x8b", // C0, DEL, NEL, ZWSP
	                                         "\xe2\x80\x8c", "\xe2\x80\x8d", "\xe2\x80\x8e", "\xe2\x80\x8f",
	                                         "\xe2\x81\xa0", "\xe2\x81\xa4", // ZWNJ, ZWJ, LRM, RLM, WJ
	                                         "\xef\xbb\xbf", "\xe2\x80\xaa", "\xe2\x80\xae", "\xe2\x81\xa6",
	                                         "\xe2\x81\xa9", "\xe2\x80\xa8",              // BOM, LRE, RLO, LRI, PDI, LS
	                                         "\xe2\x80\xa9", "\xc2\xad",     "\xd8\x9c"}; // PS, SHY, ALM
	for (const auto& c : forbidden)
	{
		CPPUNIT_ASSERT_EQUAL(std::string("invalid_title"), reasonOf([&] { Validator::title("title", "Acme" + c); }));
		CPPUNIT_ASSERT_EQUAL(std::string("invalid_name"), reasonOf([&] { Validator::name("name", c + "x", 0, 100); }));
		CPPUNIT_ASSERT_EQUAL(std::string("invalid_email"),
		                     reasonOf([&] { Validator::email("email", "ada" + c + "@example.com"); }));
	}
	try
	{
		Validator::name("description", "Reads \xe2\x80\xae everything", 0, 500);
		CPPUNIT_FAIL("U+202E accepted");
	}
	catch (InvalidInputException& exc)
	{
		CPPUNIT_ASSERT_MESSAGE(exc.message(), exc.message().find("description") == 0);
		CPPUNIT_ASSERT_MESSAGE(exc.message(), exc.message().find("U+202E at character 7") != std::string::npos);
	}
	// Letters, marks, symbols, emoji and plain spaces of any script stay welcome.
	for (const std::string& ok :
	     std::vector<std::string>{"Équipe à Zürich", "東京チーム", "مرحبا", "e\xcc\x81", "Rocket \xf0\x9f\x9a\x80",
	                              "a\xc2\xa0"
	                              "b",
	                              "\xe2\x80\x94"})
		CPPUNIT_ASSERT_EQUAL_MESSAGE(ok, std::string(), reasonOf([&] { Validator::title("title", ok); }));
}


void ValidatorTest::testNumbers()
{
	Poco::Int64 n = -1;
	CPPUNIT_ASSERT(Validator::parseNumber("0", n));
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(0), n);
	CPPUNIT_ASSERT(Validator::parseNumber("100", n));
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(100), n);
	CPPUNIT_ASSERT(Validator::parseNumber("9223372036854775807", n));
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(9223372036854775807LL), n);
	for (const std::string& bad :
	     std::vector<std::string>{"", " 5", "5 ", "+5", "-5", "05", "00", "5.0", "1e3", "0x10", "9223372036854775808",
	                              "18446744073709551617", std::string("5\0", 2), "\xd9\xa5"})
		CPPUNIT_ASSERT_MESSAGE(bad, !Validator::parseNumber(bad, n));
}


void ValidatorTest::testPlainText()
{
	for (const std::string& ok : std::vector<std::string>{"", "acme", "a b", "caf\xc3\xa9", "\xe2\x80\x8b"})
		CPPUNIT_ASSERT_MESSAGE(ok, Validator::isPlainText(ok));
	for (const std::string& bad : std::vector<std::string>{std::string("\0", 1), "\n", "\x7f", "\xc2\x85", "\xff",
	                                                       "\xc0\x80", "\xed\xa0\x80", "\xf4\x90\x80\x80"})
		CPPUNIT_ASSERT_MESSAGE(bad, !Validator::isPlainText(bad));
}
