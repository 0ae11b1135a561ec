//
// Value.cpp
//
// Library: OrgsPlugin
// Package: Scim
// Module:  Value
//


#include "scim/Value.h"
#include "scim/Json.h"
#include "Orgs/Errors.h"
#include "Poco/JSON/Array.h"
#include "Poco/String.h"


namespace Orgs {
namespace Scim {


namespace {


[[noreturn]] void invalid(const std::string& path, const std::string& expected)
{
	throw InvalidInputException("The value of \"" + path + "\" must be " + expected, "invalidValue");
}


void place(Poco::JSON::Object& target, const Attribute& attribute, const Poco::Dynamic::Var& value)
	/// Sets a coerced value, merging a sub-attribute object into one already there (a body may
	/// carry both "name" and "name.givenName").
{
	const Poco::Dynamic::Var current = Json::get(target, attribute.name);
	auto pCurrent = Json::object(current);
	auto pValue = Json::object(value);
	if (pCurrent && pValue && !attribute.multiValued)
	{
		for (const auto& name : pValue->getNames())
			pCurrent->set(name, pValue->get(name));
		return;
	}
	Json::set(target, attribute.name, value);
}


} // namespace


bool Value::isNull(const Poco::Dynamic::Var& value)
{
	return value.isEmpty();
}


bool Value::toBoolean(const Poco::Dynamic::Var& value, const std::string& attribute)
{
	if (value.type() == typeid(bool))
		return value.extract<bool>();
	if (value.isString())
	{
		const std::string text = Poco::trim(value.extract<std::string>());
		if (Poco::icompare(text, "true") == 0)
			return true;
		if (Poco::icompare(text, "false") == 0)
			return false;
	}
	invalid(attribute, "a boolean (true or false)");
}


std::string Value::toString(const Poco::Dynamic::Var& value, const std::string& attribute)
{
	if (value.isString() && value.type() == typeid(std::string))
		return value.extract<std::string>();
	invalid(attribute, "a string");
}


std::string Value::optionalString(const Poco::JSON::Object& object, const std::string& name,
                                  const std::string& attribute)
{
	const Poco::Dynamic::Var value = Json::get(object, name);
	if (isNull(value))
		return std::string();
	return toString(value, attribute);
}


Poco::Dynamic::Var Value::coerce(const Poco::Dynamic::Var& value, const Attribute& attribute, const std::string& path,
                                 bool element)
{
	if (isNull(value))
		return Poco::Dynamic::Var();
	if (attribute.multiValued && !element)
	{
		Poco::JSON::Array::Ptr pOut = new Poco::JSON::Array;
		if (auto pArray = Json::array(value))
		{
			for (unsigned i = 0; i < pArray->size(); ++i)
			{
				const Poco::Dynamic::Var item = pArray->get(i);
				if (!isNull(item))
					pOut->add(coerce(item, attribute, path, true));
			}
		}
		else
			pOut->add(coerce(value, attribute, path, true));
		return pOut;
	}
	if (Json::array(value))
		invalid(path, "a single value, not a list");
	switch (attribute.type)
	{
	case Attribute::Type::BOOLEAN:
		return toBoolean(value, path);
	case Attribute::Type::STRING:
	case Attribute::Type::REFERENCE:
	case Attribute::Type::DATETIME:
	case Attribute::Type::BINARY:
		return toString(value, path);
	case Attribute::Type::INTEGER:
		if (value.isInteger() && value.type() != typeid(bool))
			return value.convert<Poco::Int64>();
		invalid(path, "an integer");
	case Attribute::Type::DECIMAL:
		if (value.isNumeric() && value.type() != typeid(bool))
			return value.convert<double>();
		invalid(path, "a number");
	case Attribute::Type::COMPLEX:
		break;
	}
	auto pObject = Json::object(value);
	if (!pObject)
	{
		// Entra sends the enterprise manager as the manager's id alone.
		const Attribute* pValue = attribute.subAttribute("value");
		if (value.isString() && pValue)
		{
			Poco::JSON::Object::Ptr pOut = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
			pOut->set(pValue->name, toString(value, path));
			return pOut;
		}
		invalid(path, "an object");
	}
	Poco::JSON::Object::Ptr pOut = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
	for (const auto& name : pObject->getNames())
	{
		const Attribute* pSub = attribute.subAttribute(name);
		if (!pSub)
			continue;
		const Poco::Dynamic::Var sub = coerce(pObject->get(name), *pSub, path + "." + pSub->name);
		if (!isNull(sub))
			pOut->set(pSub->name, sub);
	}
	return pOut;
}


Poco::JSON::Object::Ptr Value::normalize(const Poco::JSON::Object& body, const Schema& schema)
{
	bool hasCore = false;
	if (auto pSchemas = Json::array(Json::get(body, "schemas")))
	{
		for (unsigned i = 0; i < pSchemas->size(); ++i)
		{
			const Poco::Dynamic::Var urn = pSchemas->get(i);
			if (urn.isString() && Poco::icompare(urn.convert<std::string>(), schema.core().id) == 0)
				hasCore = true;
		}
	}
	if (!hasCore)
		throw InvalidInputException("\"schemas\" must list " + schema.core().id, "invalidSyntax");

	Poco::JSON::Object::Ptr pCore = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
	std::vector<std::pair<std::string, Poco::JSON::Object::Ptr>> extensions;
	for (const auto& e : schema.extensions())
		extensions.emplace_back(e.definition.id, new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER));

	auto put = [&](const Schema::Path& path, const Poco::Dynamic::Var& raw) {
		if (!path.found() || path.attribute->mutability == Attribute::Mutability::READ_ONLY)
			return;
		Poco::JSON::Object* pTarget = pCore.get();
		if (path.extension)
		{
			for (auto& e : extensions)
			{
				if (e.first == path.schema)
					pTarget = e.second.get();
			}
		}
		if (path.subAttribute)
		{
			const Poco::Dynamic::Var sub = coerce(raw, *path.subAttribute, path.text());
			if (isNull(sub) || path.attribute->multiValued)
				return;
			Poco::JSON::Object::Ptr pOne = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
			pOne->set(path.subAttribute->name, sub);
			place(*pTarget, *path.attribute, pOne);
			return;
		}
		const Poco::Dynamic::Var value = coerce(raw, *path.attribute, path.text());
		if (isNull(value))
			return;
		place(*pTarget, *path.attribute, value);
	};

	for (const auto& name : body.getNames())
	{
		if (Poco::icompare(name, "schemas") == 0)
			continue;
		const Poco::Dynamic::Var raw = body.get(name);
		if (const Schema::Extension* pExtension = schema.extension(name))
		{
			auto pMembers = Json::object(raw);
			if (!pMembers)
			{
				if (isNull(raw))
					continue;
				throw InvalidInputException("\"" + pExtension->definition.id + "\" must be an object", "invalidValue");
			}
			for (const auto& sub : pMembers->getNames())
				put(schema.resolve(pExtension->definition.id + ":" + sub), pMembers->get(sub));
			continue;
		}
		put(schema.resolve(name), raw);
	}

	for (const auto& a : schema.core().attributes)
	{
		if (!a.required)
			continue;
		const Poco::Dynamic::Var v = Json::get(*pCore, a.name);
		if (isNull(v) || (v.isString() && Poco::trim(v.convert<std::string>()).empty()))
			throw InvalidInputException("\"" + a.name + "\" is required", "invalidValue");
	}

	Poco::JSON::Object::Ptr pOut = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
	Poco::JSON::Array::Ptr pSchemas = new Poco::JSON::Array;
	pSchemas->add(schema.core().id);
	for (const auto& e : extensions)
	{
		if (e.second->size() > 0)
			pSchemas->add(e.first);
	}
	pOut->set("schemas", pSchemas);
	for (const auto& name : pCore->getNames())
		pOut->set(name, pCore->get(name));
	for (const auto& e : extensions)
	{
		if (e.second->size() > 0)
			pOut->set(e.first, e.second);
	}
	return pOut;
}


} // namespace Scim
} // namespace Orgs
