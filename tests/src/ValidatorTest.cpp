//
// ValidatorTest.cpp
//
// Library: OrgsTests
// Package: Service
// Module:  ValidatorTest
//


#include "ValidatorTest.h"
#include "service/Validator.h"
#include "Orgs/Errors.h"
#include <vector>


using Orgs::InvalidInputException;
using Orgs::Service::Validator;


CPPUNIT_TEST_SUITE_NAMED_REGISTRATION(ValidatorTest, "Validator");


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
	for (const std::string& notId : std::vector<std::string>{"", "acme", "042", "-1", "4 2", "1234567890123456789"})
		CPPUNIT_ASSERT_MESSAGE(notId, !Validator::parseId(notId, id));
}
