//
// Projection.h
//
// Library: OrgsPlugin
// Package: Scim
// Module:  Projection
//
// The attributes and excludedAttributes query parameters (RFC 7644 §3.9, §3.4.2.5).
//


#ifndef Orgs_Scim_Projection_INCLUDED
#define Orgs_Scim_Projection_INCLUDED


#include "scim/Schema.h"
#include "Poco/JSON/Object.h"
#include <string>
#include <vector>


namespace Orgs {
namespace Scim {


class Projection
	/// Which attributes a response carries.
	///
	/// Without parameters: every attribute whose "returned" is always or default. With
	/// attributes=a,b: only those (a sub-attribute "name.givenName" keeps name with only that
	/// member; "emails.value" keeps value in each element), plus the returned-always ones.
	/// With excludedAttributes=a,b: the default set minus those; returned-always attributes (id,
	/// schemas, meta) cannot be excluded. Both given: attributes first, then the exclusions.
	/// Names ignore case and may carry their schema's URN; an extension URN alone names all of
	/// the extension. Names of attributes Orgs does not know or does not store are ignored (a
	/// client that asks for "title" gets what there is). "schemas" always stays; an extension's
	/// URN stays in "schemas" only when some of its attributes remain.
{
public:
	Projection();
		/// Creates the default projection (every returned-default attribute).

	static Projection parse(const std::string& attributes, const std::string& excludedAttributes, const Schema& schema);
		/// Parses the two comma-separated lists (either may be empty; spaces around names are
		/// ignored). Throws InvalidInputException with reason "invalidValue" only for an empty
		/// name between commas.

	bool wants(const std::string& attribute) const;
		/// Returns true if the response will carry (some of) the attribute, a path as Schema
		/// resolves it: wants("members") is false for excludedAttributes=members, so the
		/// service need not load a group's members. An unknown name answers false.

	Poco::JSON::Object::Ptr apply(const Poco::JSON::Object& resource) const;
		/// Returns a copy of the resource (as the service encodes it) with only the projected
		/// attributes, in the resource's member order.

private:
	struct Selection
	{
		Schema::Path path;
	};

	const Schema* _pSchema;
	std::vector<Selection> _included; ///< empty: the default set
	std::vector<Selection> _excluded;
};


} // namespace Scim
} // namespace Orgs


#endif // Orgs_Scim_Projection_INCLUDED
