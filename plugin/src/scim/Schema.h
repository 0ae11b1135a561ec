//
// Schema.h
//
// Library: OrgsPlugin
// Package: Scim
// Module:  Schema
//
// The attribute table of one SCIM resource type (RFC 7643): its core schema, its extensions
// and the common attributes, with case-insensitive lookup by attribute path.
//


#ifndef Orgs_Scim_Schema_INCLUDED
#define Orgs_Scim_Schema_INCLUDED


#include "scim/Attribute.h"
#include <string>
#include <vector>


namespace Orgs {
namespace Scim {


class Schema
	/// What a resource type (User or Group) holds, as RFC 7643 defines it, restricted to the
	/// attributes Orgs stores. The one table behind /Schemas, /ResourceTypes, Filter, Patch and
	/// Projection.
	///
	/// In a resource, core attributes are top-level members ("userName", "emails"), extension
	/// attributes are members of an object named by the extension's URN
	/// ("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"department": ...}), and
	/// the common attributes (id, externalId, meta; RFC 7643 §3.1) are top-level members too.
	///
	/// Attribute paths (RFC 7644 §3.10: [URN ":"] name ["." subName]) are looked up ignoring
	/// ASCII case, with or without the URN of the schema they belong to:
	///   "userName", "USERNAME", "name.givenName", "emails.value",
	///   "urn:ietf:params:scim:schemas:core:2.0:User:userName",
	///   "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department",
	///   "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value".
	/// An unqualified name is looked up in the core schema and the common attributes first, then
	/// in the extensions (so "department" finds the enterprise one).
	///
	/// Some attributes that RFC 7643 defines for a User are accepted and not stored (title,
	/// phoneNumbers, addresses, preferredLanguage, ...): directories such as Entra ID send them
	/// in their default mappings. They resolve as IGNORED: Patch skips them, resource decoding
	/// drops them, Filter matches nothing on them. They are not listed in /Schemas.
{
public:
	struct Definition
		/// One schema (a row of /Schemas): its URN, name, description and attributes.
	{
		std::string id; ///< the URN, e.g. "urn:ietf:params:scim:schemas:core:2.0:User"
		std::string name;
		std::string description;
		std::vector<Attribute> attributes;
	};

	struct Extension
		/// An extension of the resource type (a row of /ResourceTypes' schemaExtensions).
	{
		Definition definition;
		bool required = false;
	};

	struct Path
		/// A resolved attribute path.
	{
		enum class Status
		{
			FOUND,   ///< an attribute of this table
			IGNORED, ///< an RFC 7643 attribute that Orgs accepts and does not store
			UNKNOWN  ///< neither
		};

		Status status = Status::UNKNOWN;
		std::string schema;                      ///< the URN of the schema the attribute belongs to (FOUND)
		bool extension = false;                  ///< the attribute lives under the extension's URN object
		const Attribute* attribute = nullptr;    ///< the top-level attribute (FOUND)
		const Attribute* subAttribute = nullptr; ///< the sub-attribute, or null for the whole attribute

		bool found() const;
			/// Returns true if status is FOUND.

		std::string text() const;
			/// Returns the canonical spelling: "emails.value", "userName", or for an extension
			/// attribute "urn:...:enterprise:2.0:User:department" (and ".value" for a sub-attribute).
	};

	static const std::string USER;       ///< "urn:ietf:params:scim:schemas:core:2.0:User"
	static const std::string GROUP;      ///< "urn:ietf:params:scim:schemas:core:2.0:Group"
	static const std::string ENTERPRISE; ///< "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"

	static const Schema& user();
		/// Returns the User resource type: core User (userName, name{formatted, familyName,
		/// givenName}, displayName, emails[{value, type, primary, display}], active), the
		/// enterprise extension (employeeNumber, costCenter, organization, division, department,
		/// manager{value, $ref, displayName}) and the common attributes.

	static const Schema& group();
		/// Returns the Group resource type: displayName, members[{value, $ref, display, type}] and
		/// the common attributes.

	static const Schema* forResourceType(const std::string& name);
		/// Returns user() for "User", group() for "Group" (any case), else null.

	const std::string& resourceType() const;
		/// Returns "User" or "Group".

	const std::string& endpoint() const;
		/// Returns "/Users" or "/Groups".

	const std::string& description() const;
		/// Returns the resource type's description (for /ResourceTypes).

	const Definition& core() const;
		/// Returns the core schema.

	const std::vector<Extension>& extensions() const;
		/// Returns the extensions (the enterprise one for User, none for Group).

	const std::vector<Attribute>& common() const;
		/// Returns the common attributes: id (readOnly, returned always, caseExact), externalId
		/// (readWrite, caseExact) and meta (readOnly complex: resourceType, created, lastModified,
		/// location, version). RFC 7643 §3.1 puts them in no schema: /Schemas does not list them.

	const Extension* extension(const std::string& urn) const;
		/// Returns the extension whose URN is urn (ignoring case), or null.

	bool isSchemaUrn(const std::string& urn) const;
		/// Returns true if urn (ignoring case) is the core schema's or an extension's URN.

	Path resolve(const std::string& path) const;
		/// Resolves an attribute path as the class describes; never throws. A path naming a
		/// sub-attribute of a simple attribute, or one more level than sub-attributes, is UNKNOWN.

	Path require(const std::string& path, const std::string& scimType) const;
		/// Returns resolve(path) if FOUND or IGNORED; otherwise throws InvalidInputException with
		/// the reason scimType ("invalidPath" for Patch, "invalidFilter" for Filter).

	Path topLevel(const Attribute& attribute) const;
		/// Returns the path of one of this table's own top-level attributes (core, common or
		/// extension), for walking a resource.

private:
	Schema(std::string resourceType, std::string endpoint, std::string description, Definition core,
	       std::vector<Extension> extensions, std::vector<std::string> ignored);

	std::string _resourceType;
	std::string _endpoint;
	std::string _description;
	Definition _core;
	std::vector<Extension> _extensions;
	std::vector<Attribute> _common;
	std::vector<std::string> _ignored; ///< lower-case top-level names accepted and not stored
};


inline bool Schema::Path::found() const
{
	return status == Status::FOUND;
}


inline const std::string& Schema::resourceType() const
{
	return _resourceType;
}


inline const std::string& Schema::endpoint() const
{
	return _endpoint;
}


inline const std::string& Schema::description() const
{
	return _description;
}


inline const Schema::Definition& Schema::core() const
{
	return _core;
}


inline const std::vector<Schema::Extension>& Schema::extensions() const
{
	return _extensions;
}


inline const std::vector<Attribute>& Schema::common() const
{
	return _common;
}


} // namespace Scim
} // namespace Orgs


#endif // Orgs_Scim_Schema_INCLUDED
