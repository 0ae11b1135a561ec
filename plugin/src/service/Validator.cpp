//
// Validator.cpp
//
// Library: OrgsPlugin
// Package: Service
// Module:  Validator
//


#include "service/Validator.h"
#include "Orgs/Errors.h"
#include "Poco/NumberParser.h"
#include "Poco/RegularExpression.h"
#include "Poco/String.h"
#include "Poco/TextIterator.h"
#include "Poco/UTF8Encoding.h"
#include "Poco/Unicode.h"


namespace Orgs {
namespace Service {


namespace {


bool utf8Length(const std::string& value, std::size_t& length)
	/// Counts code points; returns false for invalid UTF-8 or a control character.
{
	Poco::UTF8Encoding utf8;
	length = 0;
	Poco::TextIterator it(value, utf8);
	Poco::TextIterator end(value);
	for (; it != end; ++it)
	{
		int c = *it;
		if (c < 0) // TextIterator yields -1 for an invalid sequence
			return false;
		Poco::Unicode::CharacterProperties props;
		Poco::Unicode::properties(c, props);
		if (props.type == Poco::Unicode::UCP_CONTROL)
			return false;
		++length;
	}
	return true;
}


void checkText(const std::string& field, const std::string& value, std::size_t minLength, std::size_t maxLength,
               const std::string& reason)
{
	std::size_t length = 0;
	if (!utf8Length(value, length) || length < minLength || length > maxLength ||
	    (minLength > 0 && Poco::trim(value).empty()))
	{
		throw InvalidInputException(field + " must be " + std::to_string(minLength) + "-" + std::to_string(maxLength) +
		                                " characters of text" + (minLength > 0 ? ", not blank" : ""),
		                            reason);
	}
}


} // namespace


void Validator::username(const std::string& field, const std::string& value)
{
	static const Poco::RegularExpression re("^[a-z0-9](?:[a-z0-9-]{0,37}[a-z0-9])?$");
	static const Poco::RegularExpression digits("^[0-9]+$");
	if (value.size() < 2 || value.size() > 39 || !re.match(value))
	{
		throw InvalidInputException(field + " must be 2-39 characters of a-z, 0-9 and -, not starting or ending with -",
		                            "invalid_username");
	}
	if (digits.match(value))
		throw InvalidInputException(field + " must contain a letter or -, so that it cannot be taken for an id",
		                            "invalid_username");
}


void Validator::title(const std::string& field, const std::string& value)
{
	checkText(field, value, 1, 100, "invalid_title");
}


void Validator::name(const std::string& field, const std::string& value, std::size_t minLength, std::size_t maxLength)
{
	checkText(field, value, minLength, maxLength, "invalid_name");
}


void Validator::email(const std::string& field, const std::string& value)
{
	static const Poco::RegularExpression re("^[^@\\s\"<>()\\[\\],;:]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-"
	                                        "Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$");
	if (value.size() > 254 || !re.match(value))
		throw InvalidInputException(field + " must be an email address such as ada@example.com", "invalid_email");
}


bool Validator::parseId(const std::string& ref, Id& id)
{
	if (ref.empty() || ref.size() > 18 || ref[0] == '0')
		return false;
	for (char c : ref)
	{
		if (c < '0' || c > '9')
			return false;
	}
	id = Poco::NumberParser::parse64(ref);
	return true;
}


} // namespace Service
} // namespace Orgs
