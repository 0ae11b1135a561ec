//
// Json.cpp
//
// Library: OrgsPlugin
// Package: Scim
// Module:  Json
//


#include "scim/Json.h"
#include "Poco/JSON/Stringifier.h"
#include "Poco/String.h"
#include <sstream>


namespace Orgs {
namespace Scim {


Poco::JSON::Object::Ptr Json::object(const Poco::Dynamic::Var& value)
{
	if (value.type() == typeid(Poco::JSON::Object::Ptr))
		return value.extract<Poco::JSON::Object::Ptr>();
	if (value.type() == typeid(Poco::JSON::Object))
		return new Poco::JSON::Object(value.extract<Poco::JSON::Object>());
	return nullptr;
}


Poco::JSON::Array::Ptr Json::array(const Poco::Dynamic::Var& value)
{
	if (value.type() == typeid(Poco::JSON::Array::Ptr))
		return value.extract<Poco::JSON::Array::Ptr>();
	if (value.type() == typeid(Poco::JSON::Array))
		return new Poco::JSON::Array(value.extract<Poco::JSON::Array>());
	return nullptr;
}


std::string Json::key(const Poco::JSON::Object& object, const std::string& name)
{
	if (object.has(name))
		return name;
	for (auto it = object.begin(); it != object.end(); ++it)
	{
		if (Poco::icompare(it->first, name) == 0)
			return it->first;
	}
	return std::string();
}


Poco::Dynamic::Var Json::get(const Poco::JSON::Object& object, const std::string& name)
{
	const std::string k = key(object, name);
	if (k.empty())
		return Poco::Dynamic::Var();
	return object.get(k);
}


void Json::set(Poco::JSON::Object& object, const std::string& name, const Poco::Dynamic::Var& value)
{
	const std::string k = key(object, name);
	if (!k.empty() && k != name)
		object.remove(k);
	object.set(name, value);
}


void Json::remove(Poco::JSON::Object& object, const std::string& name)
{
	for (;;)
	{
		const std::string k = key(object, name);
		if (k.empty())
			return;
		object.remove(k);
	}
}


Poco::Dynamic::Var Json::copy(const Poco::Dynamic::Var& value)
{
	if (auto pObject = object(value))
		return copy(*pObject);
	if (auto pArray = array(value))
	{
		Poco::JSON::Array::Ptr pCopy = new Poco::JSON::Array;
		for (std::size_t i = 0; i < pArray->size(); ++i)
			pCopy->add(copy(pArray->get(static_cast<unsigned>(i))));
		return pCopy;
	}
	return value;
}


Poco::JSON::Object::Ptr Json::copy(const Poco::JSON::Object& source)
{
	Poco::JSON::Object::Ptr pCopy = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
	for (const auto& name : source.getNames())
		pCopy->set(name, copy(source.get(name)));
	return pCopy;
}


bool Json::equal(const Poco::Dynamic::Var& a, const Poco::Dynamic::Var& b)
{
	if (a.isEmpty() || b.isEmpty())
		return a.isEmpty() && b.isEmpty();
	auto pObjectA = object(a);
	auto pObjectB = object(b);
	if (pObjectA || pObjectB)
	{
		if (!pObjectA || !pObjectB || pObjectA->size() != pObjectB->size())
			return false;
		for (auto it = pObjectA->begin(); it != pObjectA->end(); ++it)
		{
			if (!pObjectB->has(it->first) || !equal(it->second, pObjectB->get(it->first)))
				return false;
		}
		return true;
	}
	auto pArrayA = array(a);
	auto pArrayB = array(b);
	if (pArrayA || pArrayB)
	{
		if (!pArrayA || !pArrayB || pArrayA->size() != pArrayB->size())
			return false;
		for (unsigned i = 0; i < pArrayA->size(); ++i)
		{
			if (!equal(pArrayA->get(i), pArrayB->get(i)))
				return false;
		}
		return true;
	}
	const bool boolA = a.type() == typeid(bool);
	const bool boolB = b.type() == typeid(bool);
	if (boolA || boolB)
		return boolA && boolB && a.extract<bool>() == b.extract<bool>();
	if (a.isString() || b.isString())
		return a.isString() && b.isString() && a.convert<std::string>() == b.convert<std::string>();
	if (a.isNumeric() && b.isNumeric())
		return a.convert<double>() == b.convert<double>();
	return false;
}


std::string Json::stringify(const Poco::Dynamic::Var& value)
{
	std::ostringstream out;
	Poco::JSON::Stringifier::stringify(value, out);
	return out.str();
}


} // namespace Scim
} // namespace Orgs
