//
// Utf8.cpp
//
// Library: OrgsPlugin
// Package: Service
// Module:  Utf8
//


#include "service/Utf8.h"


namespace Orgs {
namespace Service {


std::string Utf8::valid(const std::string& text)
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


} // namespace Service
} // namespace Orgs
