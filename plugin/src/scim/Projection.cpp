//
// Projection.cpp
//
// Library: OrgsPlugin
// Package: Scim
// Module:  Projection
//


#include "scim/Projection.h"
#include "scim/Json.h"
#include "Orgs/Errors.h"
#include "Poco/JSON/Array.h"
#include "Poco/String.h"
#include "Poco/StringTokenizer.h"


namespace Orgs {
namespace Scim {


namespace {


bool sameAttribute(const Schema::Path& a, const Schema::Path& b)
{
	return a.attribute && a.attribute == b.attribute;
}


bool coversExtension(const Schema::Path& selection, const Schema::Path& path)
	/// The selection names a whole extension that path belongs to.
{
	return !selection.attribute && selection.extension && path.extension &&
	       Poco::icompare(selection.schema, path.schema) == 0;
}


Poco::Dynamic::Var keepSubs(const Poco::Dynamic::Var& value, const std::vector<const Attribute*>& subs, bool keep)
	/// The value with only (keep) or without (!keep) the given sub-attributes, element by element.
{
	auto filterObject = [&](const Poco::JSON::Object& object) -> Poco::JSON::Object::Ptr {
		Poco::JSON::Object::Ptr pOut = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
		for (const auto& name : object.getNames())
		{
			bool listed = false;
			for (const Attribute* pSub : subs)
				listed = listed || Poco::icompare(pSub->name, name) == 0;
			if (listed == keep)
				pOut->set(name, object.get(name));
		}
		return pOut;
	};
	if (auto pArray = Json::array(value))
	{
		Poco::JSON::Array::Ptr pOut = new Poco::JSON::Array;
		for (unsigned i = 0; i < pArray->size(); ++i)
		{
			auto pElement = Json::object(pArray->get(i));
			if (!pElement)
				continue;
			auto pKept = filterObject(*pElement);
			if (pKept->size() > 0)
				pOut->add(pKept);
		}
		if (pOut->size() == 0)
			return Poco::Dynamic::Var();
		return pOut;
	}
	if (auto pObject = Json::object(value))
	{
		auto pKept = filterObject(*pObject);
		if (pKept->size() == 0)
			return Poco::Dynamic::Var();
		return pKept;
	}
	return value;
}


} // namespace


Projection::Projection() : _pSchema(nullptr) {}


Projection Projection::parse(const std::string& attributes, const std::string& excludedAttributes, const Schema& schema)
{
	Projection projection;
	projection._pSchema = &schema;
	auto read = [&](const std::string& list, std::vector<Selection>& into, const char* parameter) {
		if (Poco::trim(list).empty())
			return;
		Poco::StringTokenizer names(list, ",", Poco::StringTokenizer::TOK_TRIM);
		for (const auto& name : names)
		{
			if (name.empty())
				throw InvalidInputException(std::string(parameter) + " has an empty name", "invalidValue");
			Selection selection;
			if (const Schema::Extension* pExtension = schema.extension(name))
			{
				selection.path.extension = true;
				selection.path.schema = pExtension->definition.id;
				into.push_back(selection);
				continue;
			}
			selection.path = schema.resolve(name);
			if (selection.path.found())
				into.push_back(selection);
		}
	};
	read(attributes, projection._included, "attributes");
	read(excludedAttributes, projection._excluded, "excludedAttributes");
	if (!Poco::trim(attributes).empty() && projection._included.empty())
	{
		// Every name asked for is unknown: the returned-always attributes alone.
		Selection none;
		none.path.status = Schema::Path::Status::UNKNOWN;
		projection._included.push_back(none);
	}
	return projection;
}


bool Projection::wants(const std::string& attribute) const
{
	if (!_pSchema)
	{
		// The default projection: the service has no schema to ask; every default attribute.
		return true;
	}
	Schema::Path path;
	if (const Schema::Extension* pExtension = _pSchema->extension(attribute))
	{
		path.extension = true;
		path.schema = pExtension->definition.id;
	}
	else
	{
		path = _pSchema->resolve(attribute);
		if (!path.found())
			return false;
		if (path.attribute->returned == Attribute::Returned::ALWAYS)
			return true;
		if (path.attribute->returned == Attribute::Returned::NEVER)
			return false;
	}
	if (!_included.empty())
	{
		bool any = false;
		for (const auto& s : _included)
		{
			if (!path.attribute)
				any = any || (s.path.extension && Poco::icompare(s.path.schema, path.schema) == 0);
			else if (sameAttribute(s.path, path))
				any = any || !s.path.subAttribute || !path.subAttribute || s.path.subAttribute == path.subAttribute;
			else
				any = any || coversExtension(s.path, path);
		}
		if (!any)
			return false;
	}
	else if (path.attribute && path.attribute->returned == Attribute::Returned::REQUEST)
		return false;
	for (const auto& s : _excluded)
	{
		if (coversExtension(s.path, path) ||
		    (!path.attribute && !s.path.attribute && Poco::icompare(s.path.schema, path.schema) == 0))
			return false;
		if (sameAttribute(s.path, path) && (!s.path.subAttribute || s.path.subAttribute == path.subAttribute))
			return false;
	}
	return true;
}


Poco::JSON::Object::Ptr Projection::apply(const Poco::JSON::Object& resource) const
{
	if (!_pSchema || (_included.empty() && _excluded.empty()))
		return Json::copy(resource);
	const Schema& schema = *_pSchema;

	auto project = [&](const Schema::Path& path, const Poco::Dynamic::Var& value) -> Poco::Dynamic::Var {
		const Attribute& attribute = *path.attribute;
		if (attribute.returned == Attribute::Returned::ALWAYS)
			return Json::copy(value);
		if (attribute.returned == Attribute::Returned::NEVER)
			return Poco::Dynamic::Var();
		Poco::Dynamic::Var out = Json::copy(value);
		if (!_included.empty())
		{
			bool whole = false;
			std::vector<const Attribute*> subs;
			for (const auto& s : _included)
			{
				if (coversExtension(s.path, path))
					whole = true;
				else if (sameAttribute(s.path, path))
				{
					if (s.path.subAttribute)
						subs.push_back(s.path.subAttribute);
					else
						whole = true;
				}
			}
			if (!whole && subs.empty())
				return Poco::Dynamic::Var();
			if (!whole)
				out = keepSubs(out, subs, true);
		}
		else if (attribute.returned == Attribute::Returned::REQUEST)
			return Poco::Dynamic::Var();
		std::vector<const Attribute*> dropped;
		for (const auto& s : _excluded)
		{
			if (coversExtension(s.path, path))
				return Poco::Dynamic::Var();
			if (sameAttribute(s.path, path))
			{
				if (!s.path.subAttribute)
					return Poco::Dynamic::Var();
				dropped.push_back(s.path.subAttribute);
			}
		}
		if (!dropped.empty() && !out.isEmpty())
			out = keepSubs(out, dropped, false);
		return out;
	};

	Poco::JSON::Object::Ptr pOut = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
	std::vector<std::string> droppedExtensions;
	for (const auto& name : resource.getNames())
	{
		const Poco::Dynamic::Var value = resource.get(name);
		if (Poco::icompare(name, "schemas") == 0)
		{
			pOut->set(name, value); // rewritten below once the extensions are known
			continue;
		}
		if (const Schema::Extension* pExtension = schema.extension(name))
		{
			auto pMembers = Json::object(value);
			Poco::JSON::Object::Ptr pKept = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
			if (pMembers)
			{
				for (const auto& sub : pMembers->getNames())
				{
					const Schema::Path path = schema.resolve(pExtension->definition.id + ":" + sub);
					if (!path.found())
						continue;
					const Poco::Dynamic::Var kept = project(path, pMembers->get(sub));
					if (!kept.isEmpty())
						pKept->set(sub, kept);
				}
			}
			if (pKept->size() > 0)
				pOut->set(name, pKept);
			else
				droppedExtensions.push_back(pExtension->definition.id);
			continue;
		}
		const Schema::Path path = schema.resolve(name);
		if (!path.found() || path.subAttribute)
		{
			if (_included.empty())
				pOut->set(name, Json::copy(value));
			continue;
		}
		const Poco::Dynamic::Var kept = project(path, value);
		if (!kept.isEmpty())
			pOut->set(name, kept);
	}
	if (auto pSchemas = Json::array(Json::get(*pOut, "schemas")))
	{
		Poco::JSON::Array::Ptr pKept = new Poco::JSON::Array;
		for (unsigned i = 0; i < pSchemas->size(); ++i)
		{
			const std::string urn = pSchemas->get(i).convert<std::string>();
			bool dropped = false;
			for (const auto& d : droppedExtensions)
				dropped = dropped || Poco::icompare(d, urn) == 0;
			if (!dropped)
				pKept->add(urn);
		}
		Json::set(*pOut, Json::key(*pOut, "schemas"), pKept);
	}
	return pOut;
}


} // namespace Scim
} // namespace Orgs
