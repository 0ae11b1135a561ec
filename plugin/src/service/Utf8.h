//
// Utf8.h
//
// Library: OrgsPlugin
// Package: Service
// Module:  Utf8
//
// Making text that echoes a request safe to put in a JSON string.
//


#ifndef Orgs_Utf8_INCLUDED
#define Orgs_Utf8_INCLUDED


#include <string>


namespace Orgs {
namespace Service {


class Utf8
	/// Well-formed UTF-8 for answers: an error's detail may quote what a client sent, and the
	/// problem documents and SCIM error documents must stay valid JSON whatever that was.
{
public:
	static std::string valid(const std::string& text);
		/// Returns text with each byte that does not belong to a well-formed UTF-8 sequence
		/// (overlong forms, surrogates and code points above U+10FFFF included) replaced by U+FFFD.
};


} // namespace Service
} // namespace Orgs


#endif // Orgs_Utf8_INCLUDED
