//
// Validator.h
//
// Library: OrgsPlugin
// Package: Service
// Module:  Validator
//
// The rules for names, titles, emails, ids and numbers, shared by every service and the HTTP layer.
//


#ifndef Orgs_Validator_INCLUDED
#define Orgs_Validator_INCLUDED


#include "Orgs/Model.h"
#include <string>


namespace Orgs {
namespace Service {


class Validator
	/// Throws InvalidInputException with a reason naming the rule and a message naming the field.
	///
	/// Free text (titles, names, descriptions, notes) is valid UTF-8 without invisible or
	/// deceptive characters: no control characters (Cc, including tab and newline), no format
	/// characters (Cf: zero-width space, joiners and marks U+200B-U+200F, U+2060-U+2064, the
	/// byte order mark U+FEFF, soft hyphen, the bidirectional embeddings, overrides and
	/// isolates U+202A-U+202E and U+2066-U+2069, ...), no surrogates and no line or paragraph
	/// separators (U+2028, U+2029). So "fzmember" and "fzmember\u200b" cannot both be names,
	/// and no title reverses the text that follows it.
{
public:
	static void username(const std::string& field, const std::string& value);
		/// 2-39 characters of a-z, 0-9 and -, neither starting nor ending with -, and not all
		/// digits (so that a path segment is unambiguously an id or a username).
		/// Reason "invalid_username".

	static void title(const std::string& field, const std::string& value);
		/// 1-100 characters (code points) of free text, not blank. Reason "invalid_title".

	static void name(const std::string& field, const std::string& value, std::size_t minLength, std::size_t maxLength);
		/// minLength-maxLength characters (code points) of free text, not blank unless
		/// minLength is 0. Reason "invalid_name".

	static void email(const std::string& field, const std::string& value);
		/// A plausible address: local@domain.tld, at most 254 characters, nothing in it that free
		/// text may not hold. Reason "invalid_email".

	static bool isPlainText(const std::string& value);
		/// Returns true if value is valid UTF-8 without control characters (Cc): what a decoded
		/// path segment or query value must be.

	static bool parseNumber(const std::string& text, Poco::Int64& number);
		/// Returns true if text is a non-negative integer written the one way this API reads
		/// numbers: ASCII digits only (no sign, space or other character), no leading zero
		/// (but "0" itself), at most 9223372036854775807. Every id, limit and cursor of a path,
		/// a query or a body is read with it.

	static bool parseId(const std::string& ref, Id& id);
		/// Returns true if ref is an id: parseNumber() and greater than 0.
};


} // namespace Service
} // namespace Orgs


#endif // Orgs_Validator_INCLUDED
