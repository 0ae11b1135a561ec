//
// Attribute.cpp
//
// Library: OrgsPlugin
// Package: Scim
// Module:  Attribute
//


#include "scim/Attribute.h"
#include "Poco/String.h"


namespace Orgs {
namespace Scim {


const Attribute* Attribute::subAttribute(const std::string& subName) const
{
	for (const auto& sub : subAttributes)
	{
		if (Poco::icompare(sub.name, subName) == 0)
			return &sub;
	}
	return nullptr;
}


std::string Attribute::typeName(Type type)
{
	switch (type)
	{
	case Type::STRING:
		return "string";
	case Type::BOOLEAN:
		return "boolean";
	case Type::DECIMAL:
		return "decimal";
	case Type::INTEGER:
		return "integer";
	case Type::DATETIME:
		return "dateTime";
	case Type::BINARY:
		return "binary";
	case Type::REFERENCE:
		return "reference";
	case Type::COMPLEX:
		return "complex";
	}
	return "string";
}


std::string Attribute::mutabilityName(Mutability mutability)
{
	switch (mutability)
	{
	case Mutability::READ_ONLY:
		return "readOnly";
	case Mutability::READ_WRITE:
		return "readWrite";
	case Mutability::IMMUTABLE:
		return "immutable";
	case Mutability::WRITE_ONLY:
		return "writeOnly";
	}
	return "readWrite";
}


std::string Attribute::returnedName(Returned returned)
{
	switch (returned)
	{
	case Returned::ALWAYS:
		return "always";
	case Returned::NEVER:
		return "never";
	case Returned::DEFAULT:
		return "default";
	case Returned::REQUEST:
		return "request";
	}
	return "default";
}


std::string Attribute::uniquenessName(Uniqueness uniqueness)
{
	switch (uniqueness)
	{
	case Uniqueness::NONE:
		return "none";
	case Uniqueness::SERVER:
		return "server";
	case Uniqueness::GLOBAL:
		return "global";
	}
	return "none";
}


} // namespace Scim
} // namespace Orgs
