//
// ErrorDocument.cpp
//
// Library: OrgsPlugin
// Package: Scim
// Module:  ErrorDocument
//


#include "scim/ErrorDocument.h"
#include "Poco/JSON/Array.h"


namespace Orgs {
namespace Scim {


const std::string ErrorDocument::URN("urn:ietf:params:scim:api:messages:2.0:Error");


namespace {


std::string validUtf8(const std::string& text)
	/// text with each byte outside a well-formed UTF-8 sequence replaced by U+FFFD.
{
	std::string out;
	out.reserve(text.size());
	for (std::size_t i = 0; i < text.size();)
	{
		const unsigned char c = static_cast<unsigned char>(text[i]);
		std::size_t length = 0;
		unsigned min = 0;
		if (c < 0x80)
			length = 1;
		else if (c >= 0xC2 && c <= 0xDF)
			length = 2, min = 0x80;
		else if (c >= 0xE0 && c <= 0xEF)
			length = 3, min = 0x800;
		else if (c >= 0xF0 && c <= 0xF4)
			length = 4, min = 0x10000;
		unsigned code = length == 1 ? c : length == 2 ? (c & 0x1F) : length == 3 ? (c & 0x0F) : (c & 0x07);
		bool ok = length > 0 && i + length <= text.size();
		for (std::size_t k = 1; ok && k < length; ++k)
		{
			const unsigned char t = static_cast<unsigned char>(text[i + k]);
			ok = (t & 0xC0) == 0x80;
			code = (code << 6) | (t & 0x3F);
		}
		ok = ok && code >= min && code <= 0x10FFFF && (code < 0xD800 || code > 0xDFFF);
		if (ok)
		{
			out.append(text, i, length);
			i += length;
		}
		else
		{
			out += "\xEF\xBF\xBD";
			++i;
		}
	}
	return out;
}


} // namespace


Poco::JSON::Object::Ptr ErrorDocument::make(int status, const std::string& reason, const std::string& detail)
{
	Poco::JSON::Object::Ptr pError = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
	Poco::JSON::Array::Ptr pSchemas = new Poco::JSON::Array;
	pSchemas->add(URN);
	pError->set("schemas", pSchemas);
	pError->set("status", std::to_string(status));
	if (isScimType(reason))
		pError->set("scimType", reason);
	pError->set("detail", validUtf8(detail));
	return pError;
}


bool ErrorDocument::isScimType(const std::string& reason)
{
	static const char* types[] = {"invalidFilter", "tooMany",  "uniqueness",   "mutability",  "invalidSyntax",
	                              "invalidPath",   "noTarget", "invalidValue", "invalidVers", "sensitive"};
	for (const char* type : types)
	{
		if (reason == type)
			return true;
	}
	return false;
}


} // namespace Scim
} // namespace Orgs
