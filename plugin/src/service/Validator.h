//
// Validator.h
//
// Library: OrgsPlugin
// Package: Service
// Module:  Validator
//
// The rules for names, titles, emails and references, shared by every service.
//


#ifndef Orgs_Validator_INCLUDED
#define Orgs_Validator_INCLUDED


#include "Orgs/Model.h"
#include <string>


namespace Orgs {
namespace Service {


class Validator
	/// Throws InvalidInputException with a reason naming the rule and a message naming the field.
{
public:
	static void username(const std::string& field, const std::string& value);
		/// 2-39 characters of a-z, 0-9 and -, neither starting nor ending with -, and not all
		/// digits (so that a path segment is unambiguously an id or a username).
		/// Reason "invalid_username".

	static void title(const std::string& field, const std::string& value);
		/// 1-100 characters (code points) of valid UTF-8 without control characters, not blank.
		/// Reason "invalid_title".

	static void name(const std::string& field, const std::string& value, std::size_t minLength, std::size_t maxLength);
		/// minLength-maxLength characters (code points) of valid UTF-8 without control
		/// characters, not blank unless minLength is 0. Reason "invalid_name".

	static void email(const std::string& field, const std::string& value);
		/// A plausible address: local@domain.tld, at most 254 characters. Reason "invalid_email".

	static bool parseId(const std::string& ref, Id& id);
		/// Returns true if ref is an id (1-18 digits, no sign, no leading zero).
};


} // namespace Service
} // namespace Orgs


#endif // Orgs_Validator_INCLUDED
