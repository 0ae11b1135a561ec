//
// Paging.cpp
//
// Library: OrgsPlugin
// Package: Service
// Module:  Paging
//


#include "service/Paging.h"
#include "service/Validator.h"
#include "Orgs/Errors.h"
#include "Poco/Base64Decoder.h"
#include "Poco/Base64Encoder.h"
#include <sstream>


namespace Orgs {
namespace Service {


namespace {


const std::string TAG("k1:");


} // namespace


void Paging::checkLimit(int limit)
{
	if (limit < 1 || limit > MAX_LIMIT)
		throw InvalidInputException("limit must be from 1 to " + std::to_string(MAX_LIMIT), "invalid_limit");
}


Id Paging::decode(const std::string& cursor)
{
	if (cursor.empty())
		return 0;
	std::string text;
	try
	{
		std::istringstream in(cursor);
		Poco::Base64Decoder decoder(in, Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
		std::getline(decoder, text, '\0');
	}
	catch (Poco::Exception&)
	{
		text.clear();
	}
	Poco::Int64 key = 0;
	if (text.compare(0, TAG.size(), TAG) != 0 || !Validator::parseNumber(text.substr(TAG.size()), key))
		throw InvalidInputException("cursor is not one this API returned", "invalid_cursor");
	return key;
}


std::string Paging::encode(Id key)
{
	std::ostringstream out;
	Poco::Base64Encoder encoder(out, Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
	encoder << TAG << key;
	encoder.close();
	return out.str();
}


} // namespace Service
} // namespace Orgs
