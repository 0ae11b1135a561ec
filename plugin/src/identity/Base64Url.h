//
// Base64Url.h
//
// Library: OrgsPlugin
// Package: Identity
// Module:  Base64Url
//
// The unpadded base64url encoding of JSON Web Tokens and keys (RFC 7515, appendix C).
//


#ifndef Orgs_Base64Url_INCLUDED
#define Orgs_Base64Url_INCLUDED


#include <string>


namespace Orgs {
namespace Federation {


class Base64Url
	/// Encodes and decodes base64url without padding, strictly: a JWS part with padding, a
	/// character outside the alphabet or a length no encoding has is not a token this plugin
	/// issued a verdict on, it is malformed.
{
public:
	static bool decode(const std::string& text, std::string& bytes);
		/// Decodes text into bytes. Returns false if text is not unpadded base64url.

	static bool decode(const char* begin, const char* end, std::string& bytes);
		/// As decode(text, bytes), for the characters from begin to end.

	static std::string encode(const std::string& bytes);
		/// Returns bytes in unpadded base64url.

	static bool isAlphabet(char c);
		/// Returns true for A-Z, a-z, 0-9, '-' and '_'.
};


} // namespace Federation
} // namespace Orgs


#endif // Orgs_Base64Url_INCLUDED
