//
// PagingTest.cpp
//
// Library: OrgsTests
// Package: Service
// Module:  PagingTest
//


#include "PagingTest.h"
#include "support/Suites.h"
#include "service/Paging.h"
#include "Orgs/Errors.h"
#include <vector>


using Orgs::InvalidInputException;
using Orgs::Service::Paging;


ORGS_TEST_SUITE(PagingTest, "Paging", UNIT);


void PagingTest::testLimits()
{
	Paging::checkLimit(1);
	Paging::checkLimit(100);
	CPPUNIT_ASSERT_THROW(Paging::checkLimit(0), InvalidInputException);
	CPPUNIT_ASSERT_THROW(Paging::checkLimit(101), InvalidInputException);
}


void PagingTest::testCursorRoundTrip()
{
	CPPUNIT_ASSERT_EQUAL(Orgs::Id(0), Paging::decode(""));
	for (Orgs::Id key : {Orgs::Id(1), Orgs::Id(42), Orgs::Id(9007199254740993LL)})
	{
		const std::string cursor = Paging::encode(key);
		CPPUNIT_ASSERT(cursor.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
		               std::string::npos);
		CPPUNIT_ASSERT_EQUAL(key, Paging::decode(cursor));
	}
}


void PagingTest::testForeignCursorsAreRefused()
{
	for (const std::string& bad : std::vector<std::string>{"42", "abc", "!!!", "azE6LTU", "eDE6NDI"})
	{
		try
		{
			Paging::decode(bad);
			CPPUNIT_FAIL("cursor accepted: " + bad);
		}
		catch (InvalidInputException& exc)
		{
			CPPUNIT_ASSERT_EQUAL(std::string("invalid_cursor"), exc.reason());
		}
	}
}


void PagingTest::testPageFromRows()
{
	std::vector<int> rows{1, 2, 3};
	Orgs::Page<int> page = Paging::page(std::move(rows), 2, [](int v) { return Orgs::Id(v); });
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), page.items.size());
	CPPUNIT_ASSERT_EQUAL(Orgs::Id(2), Paging::decode(page.nextCursor));

	std::vector<int> last{5};
	page = Paging::page(std::move(last), 2, [](int v) { return Orgs::Id(v); });
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), page.items.size());
	CPPUNIT_ASSERT(page.nextCursor.empty());
}
