//
// Patch.h
//
// Library: OrgsPlugin
// Package: Scim
// Module:  Patch
//
// SCIM PATCH (RFC 7644 §3.5.2) applied to a resource's JSON, as real directories send it.
//


#ifndef Orgs_Scim_Patch_INCLUDED
#define Orgs_Scim_Patch_INCLUDED


#include "scim/Filter.h"
#include "scim/Schema.h"
#include "Poco/Dynamic/Var.h"
#include "Poco/JSON/Object.h"
#include <string>
#include <vector>


namespace Orgs {
namespace Scim {


class Patch
	/// Parses a PatchOp request and applies it to a resource.
	///
	/// The service reads the resource, encodes it as JSON (core attributes at the top, extension
	/// attributes under their URN), calls apply(), decodes the result and writes what changed,
	/// all in one transaction. apply() changes only the JSON.
	///
	/// What it accepts (RFC 7644 §3.5.2 and what Entra ID and Okta send):
	///   - "schemas" must hold urn:ietf:params:scim:api:messages:2.0:PatchOp and "Operations" a
	///     non-empty array, else reason "invalidSyntax";
	///   - op "add", "remove", "replace" in any case ("Replace", "Add"); another op "invalidSyntax";
	///   - no path with an object value: each member is a path (plain, dotted "name.givenName",
	///     URN-qualified, filtered "emails[type eq \"work\"].value") applied with the same op; a
	///     member named by an extension URN holding an object applies its members; "schemas"
	///     is skipped;
	///   - paths attrPath, attrPath.subAttr, attrPath[valFilter], attrPath[valFilter].subAttr;
	///   - add/replace on a filtered path that matches no element adds one carrying the filter's
	///     equalities (emails[type eq "work"].value = "x" adds {"type":"work","value":"x"});
	///   - remove on a filtered path that matches nothing does nothing;
	///   - remove with a path and a value on a multi-valued attribute removes the elements equal
	///     to those values (by "value"): Entra removes group members this way;
	///   - a null value (or an empty array for a multi-valued attribute) clears the attribute;
	///   - add of a multi-valued attribute appends the new values that are not already there
	///     (by "value"), replace replaces them all; add and replace of a complex attribute merge
	///     and set its sub-attributes; "primary": true on one element clears it on the others;
	///   - values are coerced per the attribute (Value::coerce): "True"/"False" strings for
	///     booleans, a bare string for a complex attribute with a value sub-attribute (Entra's
	///     manager), a single object for a multi-valued one;
	///   - readOnly attributes (id, meta, groups): a value equal to the current one is ignored
	///     (Okta's group rename repeats the id), another answers reason "mutability"; immutable
	///     ones the same once set;
	///   - attributes Orgs accepts and does not store (Schema's IGNORED) are skipped.
	/// Errors: InvalidInputException with reason "invalidPath" (bad or unknown path),
	/// "invalidValue" (a value of the wrong type), "invalidFilter" (a bad filter in a path),
	/// "noTarget" (remove without a path), "mutability", "invalidSyntax".
{
public:
	enum class Op
	{
		ADD,
		REMOVE,
		REPLACE
	};

	struct Target
		/// A parsed operation path.
	{
		Schema::Path attribute;                  ///< the attribute (before any brackets)
		Filter filter;                           ///< the value filter in brackets; empty() without one
		const Attribute* subAttribute = nullptr; ///< after "]." (or attribute.subAttribute without brackets)
		std::string text;                        ///< the path as sent
	};

	struct Operation
	{
		Op op = Op::ADD;
		bool hasPath = false;
		Target target;            ///< when hasPath
		Poco::Dynamic::Var value; ///< as sent (empty when absent or null)
	};

	struct MemberChanges
		/// What a Group PATCH does to members, when that is all it does and it can be said
		/// without reading the current members (see memberChanges()).
	{
		std::vector<std::string> added;   ///< member ids (members' "value") to add
		std::vector<std::string> removed; ///< member ids to remove
		bool replaced = false;            ///< the members become exactly "added"
		bool removedAll = false;          ///< every member is removed (before "added" are added)
	};

	static const std::string URN; ///< "urn:ietf:params:scim:api:messages:2.0:PatchOp"

	static std::vector<Operation> parse(const Poco::JSON::Object& request, const Schema& schema);
		/// Checks and parses a PatchOp request (schemas, Operations, op, path). Throws
		/// InvalidInputException (see the class).

	static void apply(Poco::JSON::Object::Ptr pResource, const std::vector<Operation>& operations,
	                  const Schema& schema);
		/// Applies parsed operations in order to the resource. On an exception the resource may
		/// be partly changed: the caller discards it (RFC 7644: all or nothing).

	static void apply(Poco::JSON::Object::Ptr pResource, const Poco::JSON::Object& request, const Schema& schema);
		/// parse() then apply().

	static bool memberChanges(const std::vector<Operation>& operations, MemberChanges& changes);
		/// Returns true, and fills changes, if every operation is an add, remove or replace of
		/// Group members by id: add/replace "members" with values [{"value": id}, ...], remove
		/// "members" with such values, remove members[value eq "id"], remove "members" (all), or
		/// no path with {"members": [...]}. A large group's members then need not be loaded. The
		/// ids are as sent (the service checks them). Otherwise false (use apply()).
};


} // namespace Scim
} // namespace Orgs


#endif // Orgs_Scim_Patch_INCLUDED
