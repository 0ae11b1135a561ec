//
// JsonBody.h
//
// Library: OrgsPlugin
// Package: Http
// Module:  JsonBody
//
// Strict reading of a JSON request body: types are checked and unknown fields refused.
//


#ifndef Orgs_JsonBody_INCLUDED
#define Orgs_JsonBody_INCLUDED


#include "Orgs/Model.h"
#include "Poco/JSON/Array.h"
#include "Poco/JSON/Object.h"
#include "Poco/Nullable.h"
#include <map>
#include <set>
#include <string>
#include <vector>


namespace Orgs {
namespace Http {


class JsonBody
	/// Reads fields of a request's JSON object. Throws InvalidInputException with reason
	/// "missing_field", "invalid_type" or (from finish()) "unknown_field".
	///
	///     JsonBody body(context.body());
	///     std::string title = body.requiredString("title");
	///     body.finish(); // refuses any field not read
{
public:
	explicit JsonBody(Poco::JSON::Object::Ptr pObject);

	std::string requiredString(const std::string& key);
		/// Returns a string field that must be present.

	Poco::Nullable<std::string> optionalString(const std::string& key);
		/// Returns a string field, or null if absent.

	Poco::Nullable<std::map<std::string, std::string>> optionalStringMap(const std::string& key);
		/// Returns an object whose values are all strings, or null if absent.

	Poco::Nullable<Poco::Int64> optionalId(const std::string& key);
		/// Returns a field that is an id, or null if absent or JSON null: an integer from 1 to
		/// 2^63 - 1, or a string Validator::parseId() accepts (digits only, no sign, space or
		/// leading zero). Floating-point numbers and booleans are no ids.

	Poco::Nullable<std::string> requiredReferenceOrNull(const std::string& key);
		/// Returns a field that must be present and is an id (an integer as optionalId() takes
		/// it, or a string) or a username (a string), as a string; null if the field is JSON null.

	Poco::Nullable<std::vector<std::string>> optionalStringList(const std::string& key);
		/// Returns an array whose items are all strings, or null if absent.

	std::vector<Poco::JSON::Object::Ptr> optionalObjectList(const std::string& key);
		/// Returns the objects of an array of objects; empty if absent.

	std::vector<InvitationWorkspace> optionalWorkspaces(const std::string& key);
		/// Returns an array of {"id": workspace id, "role"?: workspace role} (an invitation's or a
		/// new member's workspaces); empty if absent. "missing_field" for an item without id.

	void finish() const;
		/// Throws InvalidInputException ("unknown_field") naming any field no getter asked for.

private:
	Poco::Dynamic::Var get(const std::string& key);

	Poco::JSON::Object::Ptr _pObject;
	std::set<std::string> _known;
};


} // namespace Http
} // namespace Orgs


#endif // Orgs_JsonBody_INCLUDED
