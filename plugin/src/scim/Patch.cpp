//
// Patch.cpp
//
// Library: OrgsPlugin
// Package: Scim
// Module:  Patch
//


#include "scim/Patch.h"
#include "scim/Json.h"
#include "scim/Value.h"
#include "Orgs/Errors.h"
#include "Poco/JSON/Array.h"
#include "Poco/String.h"
#include <algorithm>


namespace Orgs {
namespace Scim {


const std::string Patch::URN("urn:ietf:params:scim:api:messages:2.0:PatchOp");


namespace {


using Operation = Patch::Operation;
using Target = Patch::Target;


[[noreturn]] void invalidPath(const std::string& path, const std::string& why)
{
	throw InvalidInputException("The path \"" + path + "\" is not valid: " + why, "invalidPath");
}


Target parseTarget(const std::string& text, const Schema& schema)
	/// attrPath, attrPath.subAttr, attrPath[valFilter], attrPath[valFilter].subAttr.
{
	Target target;
	target.text = text;
	const std::size_t open = text.find('[');
	if (open == std::string::npos)
	{
		target.attribute = schema.require(Poco::trim(text), "invalidPath");
		target.subAttribute = target.attribute.subAttribute;
		return target;
	}
	// The closing bracket: the first "]" outside a string.
	std::size_t close = std::string::npos;
	bool quoted = false;
	for (std::size_t i = open + 1; i < text.size(); ++i)
	{
		const char c = text[i];
		if (quoted)
		{
			if (c == '\\')
				++i;
			else if (c == '"')
				quoted = false;
		}
		else if (c == '"')
			quoted = true;
		else if (c == ']')
		{
			close = i;
			break;
		}
	}
	if (close == std::string::npos)
		invalidPath(text, "\"[\" is not closed");
	const std::string name = Poco::trim(text.substr(0, open));
	const std::string inside = text.substr(open + 1, close - open - 1);
	std::string after = text.substr(close + 1);
	std::string sub;
	if (!after.empty())
	{
		if (after[0] != '.' || after.size() < 2 || after.find_first_of(".[]", 1) != std::string::npos)
			invalidPath(text, "only \".subAttribute\" may follow \"]\"");
		sub = after.substr(1);
	}
	target.attribute = schema.require(name, "invalidPath");
	if (!target.attribute.found())
		return target; // accepted and not stored: nothing to apply
	const Attribute& attribute = *target.attribute.attribute;
	if (target.attribute.subAttribute || attribute.type != Attribute::Type::COMPLEX || !attribute.multiValued)
		invalidPath(text, "\"" + name + "\" is not a multi-valued complex attribute");
	target.filter = Filter::parseValueFilter(inside, schema, target.attribute);
	if (!sub.empty())
	{
		target.subAttribute = attribute.subAttribute(sub);
		if (!target.subAttribute)
			invalidPath(text, "\"" + attribute.name + "\" has no sub-attribute \"" + sub + "\"");
	}
	return target;
}


std::string elementKey(const Poco::Dynamic::Var& element, const Attribute& attribute)
	/// What identifies an element of a multi-valued attribute: its "value" (compared as the
	/// sub-attribute's caseExact says), or the whole element as JSON.
{
	const Attribute* pValue = attribute.subAttribute("value");
	if (pValue)
	{
		auto pObject = Json::object(element);
		const Poco::Dynamic::Var v = pObject ? Json::get(*pObject, "value") : Poco::Dynamic::Var();
		if (v.isString())
			return pValue->caseExact ? v.convert<std::string>() : Poco::toLower(v.convert<std::string>());
	}
	return Json::stringify(element);
}


class Applier
{
public:
	Applier(Poco::JSON::Object::Ptr pResource, const Schema& schema) : _pResource(pResource), _schema(schema) {}

	void apply(const Operation& operation)
	{
		if (!operation.hasPath)
		{
			auto pValue = Json::object(operation.value);
			for (const auto& name : pValue->getNames())
			{
				if (Poco::icompare(name, "schemas") == 0)
					continue;
				const Poco::Dynamic::Var member = pValue->get(name);
				if (const Schema::Extension* pExtension = _schema.extension(name))
				{
					auto pMembers = Json::object(member);
					if (!pMembers)
					{
						if (Value::isNull(member) && operation.op != Patch::Op::ADD)
						{
							Json::remove(*_pResource, pExtension->definition.id);
							continue;
						}
						throw InvalidInputException("\"" + name + "\" must be an object", "invalidValue");
					}
					for (const auto& sub : pMembers->getNames())
						applyTo(operation.op, parseTarget(pExtension->definition.id + ":" + sub, _schema),
						        pMembers->get(sub));
					continue;
				}
				applyTo(operation.op, parseTarget(name, _schema), member);
			}
			return;
		}
		applyTo(operation.op, operation.target, operation.value);
	}

private:
	Poco::JSON::Object::Ptr container(const Schema::Path& path, bool create)
	{
		if (!path.extension)
			return _pResource;
		const std::string key = Json::key(*_pResource, path.schema);
		Poco::JSON::Object::Ptr pExtension = key.empty() ? nullptr : Json::object(_pResource->get(key));
		if (!pExtension && create)
		{
			pExtension = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
			Json::set(*_pResource, path.schema, pExtension);
			listSchema(path.schema);
		}
		return pExtension;
	}

	void listSchema(const std::string& urn)
	{
		Poco::JSON::Array::Ptr pSchemas = Json::array(Json::get(*_pResource, "schemas"));
		if (!pSchemas)
		{
			pSchemas = new Poco::JSON::Array;
			pSchemas->add(_schema.core().id);
			Json::set(*_pResource, "schemas", pSchemas);
		}
		for (unsigned i = 0; i < pSchemas->size(); ++i)
		{
			if (Poco::icompare(pSchemas->get(i).convert<std::string>(), urn) == 0)
				return;
		}
		pSchemas->add(urn);
	}

	void tidyExtension(const Schema::Path& path)
	{
		// An extension object left empty goes, with its URN in "schemas".
		if (!path.extension)
			return;
		auto pExtension = container(path, false);
		if (!pExtension || pExtension->size() > 0)
			return;
		Json::remove(*_pResource, path.schema);
		if (auto pSchemas = Json::array(Json::get(*_pResource, "schemas")))
		{
			Poco::JSON::Array::Ptr pKept = new Poco::JSON::Array;
			for (unsigned i = 0; i < pSchemas->size(); ++i)
			{
				if (Poco::icompare(pSchemas->get(i).convert<std::string>(), path.schema) != 0)
					pKept->add(pSchemas->get(i));
			}
			Json::set(*_pResource, "schemas", pKept);
		}
	}

	static void checkMutability(const Attribute& attribute, const std::string& path, Patch::Op op,
	                            const Poco::Dynamic::Var& current, const Poco::Dynamic::Var& wanted)
	{
		if (attribute.mutability == Attribute::Mutability::READ_WRITE ||
		    attribute.mutability == Attribute::Mutability::WRITE_ONLY)
			return;
		if (attribute.mutability == Attribute::Mutability::IMMUTABLE && op != Patch::Op::REMOVE &&
		    Value::isNull(current))
			return;
		if (op != Patch::Op::REMOVE && Json::equal(current, wanted))
			return;
		throw InvalidInputException("\"" + path + "\" is " + Attribute::mutabilityName(attribute.mutability) +
		                                ": it cannot be changed",
		                            "mutability");
	}

	void applyTo(Patch::Op op, const Target& target, const Poco::Dynamic::Var& value)
	{
		if (!target.attribute.found())
			return;
		const Attribute& attribute = *target.attribute.attribute;
		const std::string name = target.attribute.text();
		const bool clearing = op != Patch::Op::REMOVE && Value::isNull(value);
		auto pContainer = container(target.attribute, op != Patch::Op::REMOVE && !clearing);
		if (!pContainer)
			return;
		const Poco::Dynamic::Var current = Json::get(*pContainer, attribute.name);

		if (!target.filter.empty())
			applyFiltered(op, target, value, *pContainer);
		else if (target.subAttribute)
			applySub(op, target, value, *pContainer);
		else if (op == Patch::Op::REMOVE)
		{
			checkMutability(attribute, name, op, current, Poco::Dynamic::Var());
			if (attribute.multiValued && !Value::isNull(value))
				removeValues(attribute, *pContainer, value, name);
			else
				Json::remove(*pContainer, attribute.name);
		}
		else if (clearing)
		{
			checkMutability(attribute, name, Patch::Op::REMOVE, current, Poco::Dynamic::Var());
			Json::remove(*pContainer, attribute.name);
		}
		else
		{
			const Poco::Dynamic::Var coerced = Value::coerce(value, attribute, name);
			if (attribute.mutability != Attribute::Mutability::READ_WRITE)
			{
				checkMutability(attribute, name, op, current, coerced);
				if (Json::equal(current, coerced))
					return;
			}
			if (attribute.multiValued)
				setValues(op, attribute, *pContainer, coerced);
			else if (attribute.type == Attribute::Type::COMPLEX)
				mergeComplex(attribute, *pContainer, coerced);
			else
				Json::set(*pContainer, attribute.name, coerced);
		}
		tidyExtension(target.attribute);
	}

	static void mergeComplex(const Attribute& attribute, Poco::JSON::Object& container,
	                         const Poco::Dynamic::Var& coerced)
	{
		// RFC 7644 §3.5.2.1 and §3.5.2.3: sub-attributes not given are left unchanged.
		Poco::JSON::Object::Ptr pCurrent = Json::object(Json::get(container, attribute.name));
		auto pValue = Json::object(coerced);
		if (!pCurrent)
		{
			pCurrent = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
			Json::set(container, attribute.name, pCurrent);
		}
		for (const auto& sub : pValue->getNames())
			pCurrent->set(sub, pValue->get(sub));
	}

	static void setValues(Patch::Op op, const Attribute& attribute, Poco::JSON::Object& container,
	                      const Poco::Dynamic::Var& coerced)
	{
		auto pNew = Json::array(coerced);
		Poco::JSON::Array::Ptr pOut = new Poco::JSON::Array;
		std::vector<std::string> keys;
		if (op == Patch::Op::ADD)
		{
			if (auto pCurrent = Json::array(Json::get(container, attribute.name)))
			{
				for (unsigned i = 0; i < pCurrent->size(); ++i)
				{
					pOut->add(pCurrent->get(i));
					keys.push_back(elementKey(pCurrent->get(i), attribute));
				}
			}
		}
		const std::size_t kept = pOut->size();
		for (unsigned i = 0; i < pNew->size(); ++i)
		{
			const Poco::Dynamic::Var element = pNew->get(i);
			const std::string key = elementKey(element, attribute);
			const auto found = std::find(keys.begin(), keys.end(), key);
			if (found != keys.end())
			{
				// Already there: the new sub-attributes win (RFC 7644 §3.5.2.1).
				const auto index = static_cast<unsigned>(found - keys.begin());
				auto pOld = Json::object(pOut->get(index));
				auto pElement = Json::object(element);
				if (pOld && pElement)
				{
					for (const auto& sub : pElement->getNames())
						pOld->set(sub, pElement->get(sub));
				}
				continue;
			}
			pOut->add(element);
			keys.push_back(key);
		}
		if (pOut->size() == 0)
		{
			Json::remove(container, attribute.name);
			return;
		}
		normalizePrimary(attribute, *pOut, kept);
		Json::set(container, attribute.name, pOut);
	}

	static void normalizePrimary(const Attribute& attribute, Poco::JSON::Array& elements, std::size_t firstNew)
	{
		// At most one element is primary (RFC 7643 §2.4): the last one made primary wins.
		if (!attribute.subAttribute("primary"))
			return;
		int winner = -1;
		for (unsigned i = 0; i < elements.size(); ++i)
		{
			auto pElement = Json::object(elements.get(i));
			const Poco::Dynamic::Var p = pElement ? Json::get(*pElement, "primary") : Poco::Dynamic::Var();
			if (p.type() == typeid(bool) && p.extract<bool>() && (winner < 0 || i >= firstNew))
				winner = static_cast<int>(i);
		}
		if (winner < 0)
			return;
		for (unsigned i = 0; i < elements.size(); ++i)
		{
			auto pElement = Json::object(elements.get(i));
			if (pElement && static_cast<int>(i) != winner && Json::key(*pElement, "primary").size() > 0)
				pElement->set("primary", false);
		}
	}

	static void removeValues(const Attribute& attribute, Poco::JSON::Object& container, const Poco::Dynamic::Var& value,
	                         const std::string& name)
	{
		// Entra removes group members with {"op":"Remove","path":"members","value":[{"value":"id"}]}.
		auto pCurrent = Json::array(Json::get(container, attribute.name));
		if (!pCurrent)
			return;
		auto pGone = Json::array(Value::coerce(value, attribute, name));
		std::vector<std::string> gone;
		for (unsigned i = 0; i < pGone->size(); ++i)
			gone.push_back(elementKey(pGone->get(i), attribute));
		Poco::JSON::Array::Ptr pKept = new Poco::JSON::Array;
		for (unsigned i = 0; i < pCurrent->size(); ++i)
		{
			if (std::find(gone.begin(), gone.end(), elementKey(pCurrent->get(i), attribute)) == gone.end())
				pKept->add(pCurrent->get(i));
		}
		if (pKept->size() == 0)
			Json::remove(container, attribute.name);
		else
			Json::set(container, attribute.name, pKept);
	}

	void applySub(Patch::Op op, const Target& target, const Poco::Dynamic::Var& value, Poco::JSON::Object& container)
	{
		const Attribute& attribute = *target.attribute.attribute;
		const Attribute& sub = *target.subAttribute;
		const std::string name = target.attribute.text();
		const bool clearing = op == Patch::Op::REMOVE || Value::isNull(value);
		const Poco::Dynamic::Var coerced = clearing ? Poco::Dynamic::Var() : Value::coerce(value, sub, name);
		if (!attribute.multiValued)
		{
			Poco::JSON::Object::Ptr pCurrent = Json::object(Json::get(container, attribute.name));
			const Poco::Dynamic::Var old = pCurrent ? Json::get(*pCurrent, sub.name) : Poco::Dynamic::Var();
			checkMutability(attribute, name, clearing ? Patch::Op::REMOVE : op, old, coerced);
			checkMutability(sub, name, clearing ? Patch::Op::REMOVE : op, old, coerced);
			if (clearing)
			{
				if (!pCurrent)
					return;
				Json::remove(*pCurrent, sub.name);
				if (pCurrent->size() == 0)
					Json::remove(container, attribute.name);
				return;
			}
			if (!pCurrent)
			{
				pCurrent = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
				Json::set(container, attribute.name, pCurrent);
			}
			Json::set(*pCurrent, sub.name, coerced);
			return;
		}
		// emails.value without a filter: every element (RFC 7644 §3.5.2.3); none yet: one.
		Poco::JSON::Array::Ptr pCurrent = Json::array(Json::get(container, attribute.name));
		checkMutability(attribute, name, clearing ? Patch::Op::REMOVE : op, Poco::Dynamic::Var(), coerced);
		if (!pCurrent || pCurrent->size() == 0)
		{
			if (clearing)
				return;
			Poco::JSON::Object::Ptr pElement = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
			pElement->set(sub.name, coerced);
			pCurrent = new Poco::JSON::Array;
			pCurrent->add(pElement);
			Json::set(container, attribute.name, pCurrent);
			return;
		}
		for (unsigned i = 0; i < pCurrent->size(); ++i)
		{
			auto pElement = Json::object(pCurrent->get(i));
			if (!pElement)
				continue;
			if (clearing)
				Json::remove(*pElement, sub.name);
			else
				Json::set(*pElement, sub.name, coerced);
		}
		dropEmpty(attribute, container);
	}

	static void dropEmpty(const Attribute& attribute, Poco::JSON::Object& container)
	{
		// Elements whose "value" is gone describe nothing.
		auto pCurrent = Json::array(Json::get(container, attribute.name));
		if (!pCurrent)
			return;
		const bool hasValue = attribute.subAttribute("value") != nullptr;
		Poco::JSON::Array::Ptr pKept = new Poco::JSON::Array;
		for (unsigned i = 0; i < pCurrent->size(); ++i)
		{
			auto pElement = Json::object(pCurrent->get(i));
			if (!pElement || pElement->size() == 0 || (hasValue && Json::key(*pElement, "value").empty()))
				continue;
			pKept->add(pCurrent->get(i));
		}
		if (pKept->size() == 0)
			Json::remove(container, attribute.name);
		else
			Json::set(container, attribute.name, pKept);
	}

	void applyFiltered(Patch::Op op, const Target& target, const Poco::Dynamic::Var& value,
	                   Poco::JSON::Object& container)
	{
		const Attribute& attribute = *target.attribute.attribute;
		const std::string name = target.text;
		const bool clearing = op == Patch::Op::REMOVE || Value::isNull(value);
		Poco::JSON::Array::Ptr pCurrent = Json::array(Json::get(container, attribute.name));
		std::vector<unsigned> matched;
		if (pCurrent)
		{
			for (unsigned i = 0; i < pCurrent->size(); ++i)
			{
				auto pElement = Json::object(pCurrent->get(i));
				if (pElement && target.filter.matches(*pElement))
					matched.push_back(i);
			}
		}
		checkMutability(attribute, name, clearing ? Patch::Op::REMOVE : op, Poco::Dynamic::Var(), value);
		if (clearing)
		{
			// Remove on a filter that matches nothing does nothing.
			if (matched.empty())
				return;
			if (!target.subAttribute)
			{
				Poco::JSON::Array::Ptr pKept = new Poco::JSON::Array;
				for (unsigned i = 0; i < pCurrent->size(); ++i)
				{
					if (std::find(matched.begin(), matched.end(), i) == matched.end())
						pKept->add(pCurrent->get(i));
				}
				if (pKept->size() == 0)
					Json::remove(container, attribute.name);
				else
					Json::set(container, attribute.name, pKept);
				return;
			}
			for (unsigned i : matched)
				Json::remove(*Json::object(pCurrent->get(i)), target.subAttribute->name);
			dropEmpty(attribute, container);
			return;
		}

		Poco::JSON::Object::Ptr pGiven;
		Poco::Dynamic::Var subValue;
		if (target.subAttribute)
			subValue = Value::coerce(value, *target.subAttribute, name);
		else
			pGiven = Json::object(Value::coerce(value, attribute, name, true));

		if (matched.empty())
		{
			// Entra sets emails[type eq "work"].value on a user with no work email yet: the
			// element the filter describes is added.
			std::vector<std::pair<std::string, Poco::Dynamic::Var>> pairs;
			if (!target.filter.equalities(pairs))
				throw InvalidInputException(
				    "No value of \"" + attribute.name + "\" matches the filter in \"" + name + "\"", "noTarget");
			Poco::JSON::Object::Ptr pElement = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
			for (const auto& pair : pairs)
			{
				const Attribute* pSub = attribute.subAttribute(pair.first);
				pElement->set(pSub->name, Value::coerce(pair.second, *pSub, name));
			}
			if (target.subAttribute)
				pElement->set(target.subAttribute->name, subValue);
			else
			{
				for (const auto& sub : pGiven->getNames())
					pElement->set(sub, pGiven->get(sub));
			}
			if (!pCurrent)
			{
				pCurrent = new Poco::JSON::Array;
				Json::set(container, attribute.name, pCurrent);
			}
			pCurrent->add(pElement);
			normalizePrimary(attribute, *pCurrent, pCurrent->size() - 1);
			return;
		}
		for (unsigned i : matched)
		{
			auto pElement = Json::object(pCurrent->get(i));
			if (target.subAttribute)
				Json::set(*pElement, target.subAttribute->name, subValue);
			else
			{
				for (const auto& sub : pGiven->getNames())
					Json::set(*pElement, sub, pGiven->get(sub));
			}
		}
		normalizePrimary(attribute, *pCurrent, matched.back());
	}

	Poco::JSON::Object::Ptr _pResource;
	const Schema& _schema;
};


bool memberIds(const Poco::Dynamic::Var& value, std::vector<std::string>& ids)
	/// [{"value": id}, ...] (a single object too): the ids; false for anything else.
{
	std::vector<Poco::Dynamic::Var> items;
	if (auto pArray = Json::array(value))
	{
		for (unsigned i = 0; i < pArray->size(); ++i)
			items.push_back(pArray->get(i));
	}
	else if (Json::object(value))
		items.push_back(value);
	else
		return false;
	for (const auto& item : items)
	{
		auto pObject = Json::object(item);
		if (!pObject)
			return false;
		const Poco::Dynamic::Var id = Json::get(*pObject, "value");
		if (!id.isString())
			return false;
		ids.push_back(id.convert<std::string>());
	}
	return true;
}


void addId(std::vector<std::string>& list, const std::string& id)
{
	if (std::find(list.begin(), list.end(), id) == list.end())
		list.push_back(id);
}


void dropId(std::vector<std::string>& list, const std::string& id)
{
	list.erase(std::remove(list.begin(), list.end(), id), list.end());
}


} // namespace


std::vector<Patch::Operation> Patch::parse(const Poco::JSON::Object& request, const Schema& schema)
{
	bool patchOp = false;
	if (auto pSchemas = Json::array(Json::get(request, "schemas")))
	{
		for (unsigned i = 0; i < pSchemas->size(); ++i)
		{
			if (pSchemas->get(i).isString() && Poco::icompare(pSchemas->get(i).convert<std::string>(), URN) == 0)
				patchOp = true;
		}
	}
	if (!patchOp)
		throw InvalidInputException("\"schemas\" must list " + URN, "invalidSyntax");
	auto pOperations = Json::array(Json::get(request, "Operations"));
	if (!pOperations || pOperations->size() == 0)
		throw InvalidInputException("\"Operations\" must be a non-empty list", "invalidSyntax");

	std::vector<Operation> operations;
	for (unsigned i = 0; i < pOperations->size(); ++i)
	{
		const std::string where = "Operations[" + std::to_string(i) + "]";
		auto pOperation = Json::object(pOperations->get(i));
		if (!pOperation)
			throw InvalidInputException(where + " must be an object", "invalidSyntax");
		const Poco::Dynamic::Var opValue = Json::get(*pOperation, "op");
		const std::string op = opValue.isString() ? Poco::toLower(Poco::trim(opValue.convert<std::string>())) : "";
		Operation operation;
		if (op == "add")
			operation.op = Op::ADD;
		else if (op == "remove")
			operation.op = Op::REMOVE;
		else if (op == "replace")
			operation.op = Op::REPLACE;
		else
			throw InvalidInputException(where + ".op must be add, remove or replace", "invalidSyntax");
		operation.value = Json::get(*pOperation, "value");
		const Poco::Dynamic::Var pathValue = Json::get(*pOperation, "path");
		std::string path;
		if (!Value::isNull(pathValue))
		{
			if (!pathValue.isString())
				throw InvalidInputException(where + ".path must be a string", "invalidPath");
			path = Poco::trim(pathValue.convert<std::string>());
		}
		if (path.empty())
		{
			if (operation.op == Op::REMOVE)
				throw InvalidInputException(where + ": remove needs a path", "noTarget");
			if (!Json::object(operation.value))
				throw InvalidInputException(where + ": without a path, the value must be an object of attributes",
				                            "invalidValue");
		}
		else if (const Schema::Extension* pExtension = schema.extension(path))
		{
			// A path naming the extension itself: its value holds extension attributes.
			Poco::JSON::Object::Ptr pValue = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
			if (operation.op == Op::REMOVE)
				throw InvalidInputException(where + ": name the extension attribute to remove", "invalidPath");
			pValue->set(pExtension->definition.id, operation.value);
			operation.value = pValue;
		}
		else
		{
			operation.hasPath = true;
			operation.target = parseTarget(path, schema);
			if (operation.op != Op::REMOVE && Json::key(*pOperation, "value").empty())
				throw InvalidInputException(where + ": " + op + " needs a value", "invalidValue");
		}
		operations.push_back(operation);
	}
	return operations;
}


void Patch::apply(Poco::JSON::Object::Ptr pResource, const std::vector<Operation>& operations, const Schema& schema)
{
	Applier applier(pResource, schema);
	for (const auto& operation : operations)
		applier.apply(operation);
}


void Patch::apply(Poco::JSON::Object::Ptr pResource, const Poco::JSON::Object& request, const Schema& schema)
{
	apply(pResource, parse(request, schema), schema);
}


bool Patch::memberChanges(const std::vector<Operation>& operations, MemberChanges& changes)
{
	changes = MemberChanges();
	for (const auto& operation : operations)
	{
		Poco::Dynamic::Var value = operation.value;
		bool whole = true; // the operation names "members" without a filter
		std::string filtered;
		if (!operation.hasPath)
		{
			auto pValue = Json::object(value);
			if (!pValue)
				return false;
			std::string membersKey;
			for (const auto& name : pValue->getNames())
			{
				if (Poco::icompare(name, "members") == 0)
					membersKey = name;
				else if (Poco::icompare(name, "schemas") != 0)
					return false;
			}
			if (membersKey.empty())
				return false;
			value = pValue->get(membersKey);
		}
		else
		{
			const Target& target = operation.target;
			if (!target.attribute.found() || target.attribute.attribute->name != "members" ||
			    target.attribute.extension || target.subAttribute)
				return false;
			if (!target.filter.empty())
			{
				std::vector<std::pair<std::string, Poco::Dynamic::Var>> pairs;
				if (operation.op != Op::REMOVE || !target.filter.equalities(pairs) || pairs.size() != 1 ||
				    pairs[0].first != "value" || !pairs[0].second.isString())
					return false;
				whole = false;
				filtered = pairs[0].second.convert<std::string>();
			}
		}
		if (!whole)
		{
			dropId(changes.added, filtered);
			addId(changes.removed, filtered);
			continue;
		}
		std::vector<std::string> ids;
		const bool none = Value::isNull(value);
		if (!none && !memberIds(value, ids))
			return false;
		if (none)
		{
			// remove "members", or add/replace null: no members left (as apply() does).
			changes = MemberChanges();
			changes.removedAll = true;
			continue;
		}
		if (operation.op == Op::REPLACE)
		{
			changes = MemberChanges();
			changes.removedAll = true;
			changes.replaced = true;
			for (const auto& id : ids)
				addId(changes.added, id);
			continue;
		}
		for (const auto& id : ids)
		{
			if (operation.op == Op::ADD)
			{
				dropId(changes.removed, id);
				addId(changes.added, id);
			}
			else
			{
				dropId(changes.added, id);
				addId(changes.removed, id);
			}
		}
	}
	return true;
}


} // namespace Scim
} // namespace Orgs
