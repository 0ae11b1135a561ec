//
// Validator.cpp
//
// Library: OrgsPlugin
// Package: Service
// Module:  Validator
//


#include "service/Validator.h"
#include "Orgs/Errors.h"
#include "Poco/NumberFormatter.h"
#include "Poco/RegularExpression.h"
#include "Poco/String.h"
#include "Poco/TextIterator.h"
#include "Poco/UTF8Encoding.h"
#include "Poco/Unicode.h"


namespace Orgs {
namespace Service {


namespace {


bool forbiddenInText(int c)
	/// Control, format, surrogate, line and paragraph separator characters; the listed ranges
	/// also in case Poco's Unicode tables predate them.
{
	if ((c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2060 && c <= 0x2064) ||
	    (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF || c == 0x061C || c == 0x2028 || c == 0x2029)
		return true;
	Poco::Unicode::CharacterProperties props;
	Poco::Unicode::properties(c, props);
	return props.type == Poco::Unicode::UCP_CONTROL || props.type == Poco::Unicode::UCP_FORMAT ||
	       props.type == Poco::Unicode::UCP_SURROGATE || props.type == Poco::Unicode::UCP_LINE_SEPARATOR ||
	       props.type == Poco::Unicode::UCP_PARAGRAPH_SEPARATOR;
}


std::string codePoint(int c)
{
	std::string hex = Poco::NumberFormatter::formatHex(c, 4);
	return "U+" + hex;
}


void checkCharacters(const std::string& field, const std::string& value, const std::string& reason, std::size_t& length)
	/// Counts the code points of free text; throws for invalid UTF-8 and forbidden characters.
{
	Poco::UTF8Encoding utf8;
	length = 0;
	Poco::TextIterator it(value, utf8);
	Poco::TextIterator end(value);
	for (; it != end; ++it)
	{
		const int c = *it;
		if (c < 0) // TextIterator yields -1 for an invalid sequence
			throw InvalidInputException(field + " must be valid UTF-8 text", reason);
		++length;
		if (forbiddenInText(c))
		{
			throw InvalidInputException(field +
			                                " must not contain control, invisible formatting or bidirectional "
			                                "characters (" +
			                                codePoint(c) + " at character " + std::to_string(length) + ")",
			                            reason);
		}
	}
}


void checkText(const std::string& field, const std::string& value, std::size_t minLength, std::size_t maxLength,
               const std::string& reason)
{
	std::size_t length = 0;
	checkCharacters(field, value, reason, length);
	if (length < minLength || length > maxLength || (minLength > 0 && Poco::trim(value).empty()))
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
	std::size_t length = 0;
	checkCharacters(field, value, "invalid_email", length);
}


bool Validator::isPlainText(const std::string& value)
{
	Poco::UTF8Encoding utf8;
	Poco::TextIterator it(value, utf8);
	Poco::TextIterator end(value);
	for (; it != end; ++it)
	{
		const int c = *it;
		if (c < 0 || c < 0x20 || (c >= 0x7F && c <= 0x9F))
			return false;
	}
	return true;
}


bool Validator::parseNumber(const std::string& text, Poco::Int64& number)
{
	static const std::string MAX = "9223372036854775807";
	if (text.empty() || text.size() > MAX.size() || (text[0] == '0' && text.size() > 1))
		return false;
	for (char c : text)
	{
		if (c < '0' || c > '9')
			return false;
	}
	if (text.size() == MAX.size() && text > MAX)
		return false;
	Poco::Int64 n = 0;
	for (char c : text)
		n = n * 10 + (c - '0');
	number = n;
	return true;
}


bool Validator::parseId(const std::string& ref, Id& id)
{
	Poco::Int64 n = 0;
	if (!parseNumber(ref, n) || n == 0)
		return false;
	id = n;
	return true;
}


} // namespace Service
} // namespace Orgs
