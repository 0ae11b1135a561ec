//
// Base64Url.cpp
//
// Library: OrgsPlugin
// Package: Identity
// Module:  Base64Url
//


#include "identity/Base64Url.h"


namespace Orgs {
namespace Federation {


namespace {


int valueOf(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '-')
		return 62;
	if (c == '_')
		return 63;
	return -1;
}


} // namespace


bool Base64Url::isAlphabet(char c)
{
	return valueOf(c) >= 0;
}


bool Base64Url::decode(const std::string& text, std::string& bytes)
{
	return decode(text.data(), text.data() + text.size(), bytes);
}


bool Base64Url::decode(const char* begin, const char* end, std::string& bytes)
{
	const std::size_t length = static_cast<std::size_t>(end - begin);
	// One character left over carries six bits: no byte string encodes to that.
	if (length % 4 == 1)
		return false;
	bytes.clear();
	bytes.reserve(length * 3 / 4);
	unsigned int buffer = 0;
	int bits = 0;
	for (const char* p = begin; p != end; ++p)
	{
		const int v = valueOf(*p);
		if (v < 0)
			return false;
		buffer = (buffer << 6) | static_cast<unsigned int>(v);
		bits += 6;
		if (bits >= 8)
		{
			bits -= 8;
			bytes.push_back(static_cast<char>((buffer >> bits) & 0xFF));
		}
	}
	// The bits left over must be zero (RFC 4648, 3.5): one byte string has one encoding.
	return (buffer & ((1u << bits) - 1)) == 0;
}


std::string Base64Url::encode(const std::string& bytes)
{
	static const char ALPHABET[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	std::string text;
	text.reserve((bytes.size() * 4 + 2) / 3);
	unsigned int buffer = 0;
	int bits = 0;
	for (char c : bytes)
	{
		buffer = (buffer << 8) | static_cast<unsigned char>(c);
		bits += 8;
		while (bits >= 6)
		{
			bits -= 6;
			text.push_back(ALPHABET[(buffer >> bits) & 0x3F]);
		}
	}
	if (bits > 0)
		text.push_back(ALPHABET[(buffer << (6 - bits)) & 0x3F]);
	return text;
}


} // namespace Federation
} // namespace Orgs
