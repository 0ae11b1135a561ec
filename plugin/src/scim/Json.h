//
// Json.h
//
// Library: OrgsPlugin
// Package: Scim
// Module:  Json
//
// The JSON helpers the SCIM units share: members by name ignoring case, deep copies and
// comparisons of Poco::JSON values.
//


#ifndef Orgs_Scim_Json_INCLUDED
#define Orgs_Scim_Json_INCLUDED


#include "Poco/Dynamic/Var.h"
#include "Poco/JSON/Array.h"
#include "Poco/JSON/Object.h"
#include <string>


namespace Orgs {
namespace Scim {


class Json
	/// Static helpers over Poco::JSON values. SCIM attribute names are case-insensitive (RFC
	/// 7643 §2.1), so a member is found by its name ignoring ASCII case.
{
public:
	static Poco::JSON::Object::Ptr object(const Poco::Dynamic::Var& value);
		/// Returns the object a value holds (as Object::Ptr or Object), or null.

	static Poco::JSON::Array::Ptr array(const Poco::Dynamic::Var& value);
		/// Returns the array a value holds (as Array::Ptr or Array), or null.

	static std::string key(const Poco::JSON::Object& object, const std::string& name);
		/// Returns the member name equal to name ignoring case (the exact one first), or "".

	static Poco::Dynamic::Var get(const Poco::JSON::Object& object, const std::string& name);
		/// Returns the member named name ignoring case; an empty Var when there is none.

	static void set(Poco::JSON::Object& object, const std::string& name, const Poco::Dynamic::Var& value);
		/// Sets the member, first removing one whose name differs from name only in case.

	static void remove(Poco::JSON::Object& object, const std::string& name);
		/// Removes the member named name ignoring case.

	static Poco::Dynamic::Var copy(const Poco::Dynamic::Var& value);
		/// Returns a deep copy (objects keep their member order).

	static Poco::JSON::Object::Ptr copy(const Poco::JSON::Object& object);
		/// Returns a deep copy of an object.

	static bool equal(const Poco::Dynamic::Var& a, const Poco::Dynamic::Var& b);
		/// Returns true if both are the same JSON value (member names compared exactly, member
		/// order ignored, numbers by value).

	static std::string stringify(const Poco::Dynamic::Var& value);
		/// Returns the value as JSON text.
};


} // namespace Scim
} // namespace Orgs


#endif // Orgs_Scim_Json_INCLUDED
