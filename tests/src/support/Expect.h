//
// Expect.h
//
// Library: OrgsTests
// Package: Support
// Module:  Expect
//
// Asserting which Orgs exception a call throws.
//


#ifndef Orgs_Expect_INCLUDED
#define Orgs_Expect_INCLUDED


#include "Orgs/Errors.h"
#include <string>


namespace Orgs {
namespace Test {


template <class E, class Fn>
std::string reasonOf(Fn fn)
	/// Runs fn and returns the reason of the E it throws; "(no exception)" if it throws none,
	/// and a description of any other Orgs exception, so that CPPUNIT_ASSERT_EQUAL shows it.
{
	try
	{
		fn();
	}
	catch (E& exc)
	{
		return exc.reason();
	}
	catch (OrgsException& exc)
	{
		return "(other exception: " + std::string(exc.name()) + " " + exc.reason() + ")";
	}
	return "(no exception)";
}


} // namespace Test
} // namespace Orgs


#endif // Orgs_Expect_INCLUDED
