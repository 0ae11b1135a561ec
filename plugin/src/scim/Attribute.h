//
// Attribute.h
//
// Library: OrgsPlugin
// Package: Scim
// Module:  Attribute
//
// One attribute definition of RFC 7643 §7 (the rows of /Schemas): pure data.
//


#ifndef Orgs_Scim_Attribute_INCLUDED
#define Orgs_Scim_Attribute_INCLUDED


#include <string>
#include <vector>


namespace Orgs {
namespace Scim {


struct Attribute
	/// An attribute's characteristics as RFC 7643 §2.2 and §7 define them. The same rows produce
	/// the /Schemas documents and drive Filter (caseExact), Patch (mutability, multiValued, type)
	/// and Projection (returned), so what the service provider says is what it does.
{
	enum class Type
	{
		STRING,
		BOOLEAN,
		DECIMAL,
		INTEGER,
		DATETIME,
		BINARY,
		REFERENCE,
		COMPLEX
	};

	enum class Mutability
	{
		READ_ONLY,
		READ_WRITE,
		IMMUTABLE,
		WRITE_ONLY
	};

	enum class Returned
	{
		ALWAYS,
		NEVER,
		DEFAULT,
		REQUEST
	};

	enum class Uniqueness
	{
		NONE,
		SERVER,
		GLOBAL
	};

	std::string name; ///< as the RFC spells it ("userName", "$ref"); lookups ignore case
	Type type = Type::STRING;
	bool multiValued = false;
	std::string description;
	bool required = false;
	bool caseExact = false;
	Mutability mutability = Mutability::READ_WRITE;
	Returned returned = Returned::DEFAULT;
	Uniqueness uniqueness = Uniqueness::NONE;
	std::vector<std::string> canonicalValues; ///< e.g. "work", "home", "other" for emails.type
	std::vector<std::string> referenceTypes;  ///< for Type::REFERENCE: "User", "Group", "external", "uri"
	std::vector<Attribute> subAttributes;     ///< for Type::COMPLEX

	const Attribute* subAttribute(const std::string& subName) const;
		/// Returns the sub-attribute named subName (ASCII case-insensitive), or null.

	static std::string typeName(Type type);
		/// Returns the RFC's name of a type: "string", "boolean", "decimal", "integer", "dateTime",
		/// "binary", "reference", "complex".

	static std::string mutabilityName(Mutability mutability);
		/// Returns "readOnly", "readWrite", "immutable" or "writeOnly".

	static std::string returnedName(Returned returned);
		/// Returns "always", "never", "default" or "request".

	static std::string uniquenessName(Uniqueness uniqueness);
		/// Returns "none", "server" or "global".
};


} // namespace Scim
} // namespace Orgs


#endif // Orgs_Scim_Attribute_INCLUDED
