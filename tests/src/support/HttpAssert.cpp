//
// HttpAssert.cpp
//
// Library: OrgsTests
// Package: Support
// Module:  HttpAssert
//


#include "support/HttpAssert.h"
#include "Poco/JSON/Object.h"
#include "Poco/String.h"
#include <cppunit/Asserter.h>
#include <cppunit/Message.h>
#include <sstream>


namespace Orgs {
namespace Test {


std::string json(std::initializer_list<std::pair<const char*, std::string>> fields)
{
	Poco::JSON::Object o(Poco::JSON_PRESERVE_KEY_ORDER);
	for (const auto& field : fields)
		o.set(field.first, field.second);
	std::ostringstream out;
	o.stringify(out);
	return out.str();
}


void checkStatus(const HttpClient::Response& r, int status, const CppUnit::SourceLine& line)
{
	CppUnit::Asserter::failIf(
	    r.status != status,
	    CppUnit::Message("unexpected status", "expected " + std::to_string(status), "actual   " + r.describe()), line);
}


void checkProblem(const HttpClient::Response& r, int status, const std::string& code, const CppUnit::SourceLine& line)
{
	checkStatus(r, status, line);
	CppUnit::Asserter::failIf(
	    !Poco::startsWith(Poco::toLower(r.contentType), std::string("application/problem+json")),
	    CppUnit::Message("not a problem document", "Content-Type: " + r.contentType, r.describe()), line);
	Poco::JSON::Object::Ptr p = r.json();
	const std::string actualCode = p->optValue<std::string>("code", "");
	CppUnit::Asserter::failIf(
	    actualCode != code, CppUnit::Message("unexpected problem code", "expected " + code, "actual   " + r.describe()),
	    line);
	CppUnit::Asserter::failIf(p->optValue<int>("status", 0) != status,
	                          CppUnit::Message("problem status differs from the HTTP status", r.describe()), line);
	CppUnit::Asserter::failIf(!p->has("title") || !p->has("detail") || !p->has("type"),
	                          CppUnit::Message("problem lacks type, title or detail", r.describe()), line);
}


} // namespace Test
} // namespace Orgs
