//
// ListResponse.cpp
//
// Library: OrgsPlugin
// Package: Scim
// Module:  ListResponse
//


#include "scim/ListResponse.h"
#include "Orgs/Errors.h"
#include "Poco/String.h"
#include <limits>


namespace Orgs {
namespace Scim {


const std::string ListResponse::URN("urn:ietf:params:scim:api:messages:2.0:ListResponse");


namespace {


long long integer(const std::string& text, const char* parameter)
	/// An optional sign and digits; values beyond a few billion saturate (they are clamped anyway).
{
	const std::string t = Poco::trim(text);
	std::size_t i = 0;
	bool negative = false;
	if (i < t.size() && (t[i] == '-' || t[i] == '+'))
		negative = t[i++] == '-';
	if (i == t.size())
		throw InvalidInputException(std::string(parameter) + " must be an integer", "invalidValue");
	long long value = 0;
	for (; i < t.size(); ++i)
	{
		if (t[i] < '0' || t[i] > '9')
			throw InvalidInputException(std::string(parameter) + " must be an integer", "invalidValue");
		if (value < 1000000000000LL)
			value = value * 10 + (t[i] - '0');
	}
	return negative ? -value : value;
}


} // namespace


ListResponse::Page ListResponse::page(const std::string& startIndex, const std::string& count)
{
	Page page;
	page.count = DEFAULT_COUNT;
	if (!Poco::trim(startIndex).empty())
	{
		const long long start = integer(startIndex, "startIndex");
		page.startIndex = start < 1 ? 1 : static_cast<std::size_t>(start);
	}
	if (!Poco::trim(count).empty())
	{
		const long long n = integer(count, "count");
		page.count = n < 0 ? 0 : n > static_cast<long long>(MAX_COUNT) ? MAX_COUNT : static_cast<std::size_t>(n);
	}
	return page;
}


Poco::JSON::Object::Ptr ListResponse::make(std::size_t totalResults, std::size_t startIndex,
                                           Poco::JSON::Array::Ptr pResources)
{
	if (!pResources)
		pResources = new Poco::JSON::Array;
	Poco::JSON::Object::Ptr pList = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
	Poco::JSON::Array::Ptr pSchemas = new Poco::JSON::Array;
	pSchemas->add(URN);
	pList->set("schemas", pSchemas);
	pList->set("totalResults", static_cast<Poco::UInt64>(totalResults));
	pList->set("itemsPerPage", static_cast<Poco::UInt64>(pResources->size()));
	pList->set("startIndex", static_cast<Poco::UInt64>(startIndex < 1 ? 1 : startIndex));
	pList->set("Resources", pResources);
	return pList;
}


} // namespace Scim
} // namespace Orgs
