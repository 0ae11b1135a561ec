//
// HttpAssert.h
//
// Library: OrgsTests
// Package: Support
// Module:  HttpAssert
//
// Request bodies and assertions on answers, shared by the end-to-end suites.
//


#ifndef Orgs_HttpAssert_INCLUDED
#define Orgs_HttpAssert_INCLUDED


#include "support/HttpClient.h"
#include <cppunit/SourceLine.h>
#include <initializer_list>
#include <string>
#include <utility>


namespace Orgs {
namespace Test {


std::string json(std::initializer_list<std::pair<const char*, std::string>> fields);
	/// Returns a JSON object of string fields, in the order given.

void checkStatus(const HttpClient::Response& r, int status, const CppUnit::SourceLine& line);
	/// Fails unless the answer has the status.

void checkProblem(const HttpClient::Response& r, int status, const std::string& code, const CppUnit::SourceLine& line);
	/// Fails unless the answer is an application/problem+json document with the status (in the
	/// HTTP status and the document), the code, a type, a title and a detail.


} // namespace Test
} // namespace Orgs


#define ASSERT_STATUS(response, status) Orgs::Test::checkStatus((response), (status), CPPUNIT_SOURCELINE())
#define ASSERT_PROBLEM(response, status, code)                                                                         \
	Orgs::Test::checkProblem((response), (status), (code), CPPUNIT_SOURCELINE())


#endif // Orgs_HttpAssert_INCLUDED
