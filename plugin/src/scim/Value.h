//
// Value.h
//
// Library: OrgsPlugin
// Package: Scim
// Module:  Value
//
// The value coercions real SCIM clients need, and the decoding of POST and PUT bodies.
//


#ifndef Orgs_Scim_Value_INCLUDED
#define Orgs_Scim_Value_INCLUDED


#include "scim/Attribute.h"
#include "scim/Schema.h"
#include "Poco/Dynamic/Var.h"
#include "Poco/JSON/Object.h"
#include <string>


namespace Orgs {
namespace Scim {


class Value
	/// Reads JSON values as an attribute's type asks, accepting what directories send.
	///
	/// Entra ID sends booleans as the strings "True" and "False"; it and Okta send null (or
	/// omit) for cleared attributes; Entra sends the enterprise manager as a bare id string. All
	/// errors throw InvalidInputException with reason "invalidValue" and a detail naming the
	/// attribute (never the value's internals).
{
public:
	static bool isNull(const Poco::Dynamic::Var& value);
		/// Returns true for an absent value (empty Var) or JSON null.

	static bool toBoolean(const Poco::Dynamic::Var& value, const std::string& attribute);
		/// Returns a boolean from true/false, or the strings "true"/"false" in any case (Entra's
		/// "True"/"False"). Anything else (numbers, other strings, null) throws.

	static std::string toString(const Poco::Dynamic::Var& value, const std::string& attribute);
		/// Returns a string value. Numbers are refused (a SCIM string attribute is a JSON string);
		/// null and objects throw.

	static std::string optionalString(const Poco::JSON::Object& object, const std::string& name,
	                                  const std::string& attribute);
		/// Returns the member's string value, or "" when it is absent or null.

	static Poco::Dynamic::Var coerce(const Poco::Dynamic::Var& value, const Attribute& attribute,
	                                 const std::string& path, bool element = false);
		/// Returns value as the attribute's type wants it: booleans as bool (from the strings
		/// above); strings, references and dateTimes as std::string; integers as Poco::Int64;
		/// decimals as double; complex values as a new Object with canonical sub-attribute names
		/// (sub-attributes Orgs does not know are dropped, "$ref" kept); a bare string for a
		/// complex attribute with a "value" sub-attribute becomes {"value": string}; a
		/// multi-valued attribute gets an Array (a single value is wrapped) unless element is
		/// true (then one element is coerced). null stays null (an empty Var). path names the
		/// attribute in errors.

	static Poco::JSON::Object::Ptr normalize(const Poco::JSON::Object& body, const Schema& schema);
		/// Decodes a POST or PUT body: returns a new resource object with canonical member names
		/// (core attributes at the top, extension attributes under their URN, URN-qualified
		/// top-level names moved there), each value coerced, null members dropped, readOnly
		/// members (id, meta, groups) dropped (RFC 7644 §3.5.1: ignored), ignored and unknown
		/// members dropped, and "schemas" set to the core URN plus the extensions present.
		/// Throws InvalidInputException: "invalidSyntax" when "schemas" lacks the core URN,
		/// "invalidValue" when a required attribute (userName, Group displayName) is missing or
		/// empty or a value has the wrong type.
};


} // namespace Scim
} // namespace Orgs


#endif // Orgs_Scim_Value_INCLUDED
