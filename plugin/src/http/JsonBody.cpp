//
// JsonBody.cpp
//
// Library: OrgsPlugin
// Package: Http
// Module:  JsonBody
//


#include "http/JsonBody.h"
#include "service/Validator.h"
#include "Orgs/Errors.h"
#include <limits>


namespace Orgs {
namespace Http {


namespace {


bool integerId(const Poco::Dynamic::Var& v, Poco::Int64& id)
	/// Returns true if v is a JSON integer from 1 to 2^63 - 1: not a boolean (Poco counts it as an
	/// integer, so true would be id 1), not a floating-point number, and never converted with
	/// a range error.
{
	if (!v.isInteger() || v.isBoolean())
		return false;
	if (v.isSigned())
		id = v.convert<Poco::Int64>();
	else
	{
		const Poco::UInt64 u = v.convert<Poco::UInt64>();
		if (u > static_cast<Poco::UInt64>(std::numeric_limits<Poco::Int64>::max()))
			return false;
		id = static_cast<Poco::Int64>(u);
	}
	return id > 0;
}


} // namespace


JsonBody::JsonBody(Poco::JSON::Object::Ptr pObject)
    : _pObject(pObject ? pObject : Poco::JSON::Object::Ptr(new Poco::JSON::Object))
{
}


Poco::Dynamic::Var JsonBody::get(const std::string& key)
{
	_known.insert(key);
	return _pObject->get(key);
}


std::string JsonBody::requiredString(const std::string& key)
{
	Poco::Nullable<std::string> value = optionalString(key);
	if (value.isNull())
		throw InvalidInputException(key + " is required", "missing_field");
	return value.value();
}


Poco::Nullable<std::string> JsonBody::optionalString(const std::string& key)
{
	if (!_pObject->has(key))
	{
		_known.insert(key);
		return Poco::Nullable<std::string>();
	}
	Poco::Dynamic::Var v = get(key);
	if (!v.isString())
		throw InvalidInputException(key + " must be a string", "invalid_type");
	return v.extract<std::string>();
}


Poco::Nullable<std::map<std::string, std::string>> JsonBody::optionalStringMap(const std::string& key)
{
	_known.insert(key);
	if (!_pObject->has(key))
		return Poco::Nullable<std::map<std::string, std::string>>();
	Poco::JSON::Object::Ptr pMap = _pObject->getObject(key);
	if (!pMap)
		throw InvalidInputException(key + " must be an object of strings", "invalid_type");
	std::map<std::string, std::string> result;
	for (const auto& name : pMap->getNames())
	{
		Poco::Dynamic::Var v = pMap->get(name);
		if (!v.isString())
			throw InvalidInputException(key + "." + name + " must be a string", "invalid_type");
		result[name] = v.extract<std::string>();
	}
	return result;
}


Poco::Nullable<Poco::Int64> JsonBody::optionalId(const std::string& key)
{
	_known.insert(key);
	if (!_pObject->has(key) || _pObject->isNull(key))
		return Poco::Nullable<Poco::Int64>();
	Poco::Dynamic::Var v = _pObject->get(key);
	Poco::Int64 id = 0;
	const bool ok = v.isString() ? Service::Validator::parseId(v.extract<std::string>(), id) : integerId(v, id);
	if (!ok)
		throw InvalidInputException(key + " must be an id", "invalid_type");
	return id;
}


Poco::Nullable<std::string> JsonBody::requiredReferenceOrNull(const std::string& key)
{
	_known.insert(key);
	if (!_pObject->has(key))
		throw InvalidInputException(key + " is required (null to clear it)", "missing_field");
	if (_pObject->isNull(key))
		return Poco::Nullable<std::string>();
	Poco::Dynamic::Var v = _pObject->get(key);
	if (v.isString())
		return v.extract<std::string>();
	Poco::Int64 id = 0;
	if (integerId(v, id))
		return std::to_string(id);
	throw InvalidInputException(key + " must be an id, a username or null", "invalid_type");
}


Poco::Nullable<std::vector<std::string>> JsonBody::optionalStringList(const std::string& key)
{
	_known.insert(key);
	if (!_pObject->has(key))
		return Poco::Nullable<std::vector<std::string>>();
	Poco::JSON::Array::Ptr pArray = _pObject->getArray(key);
	if (!pArray)
		throw InvalidInputException(key + " must be an array of strings", "invalid_type");
	std::vector<std::string> result;
	for (std::size_t i = 0; i < pArray->size(); ++i)
	{
		Poco::Dynamic::Var v = pArray->get(static_cast<unsigned>(i));
		if (!v.isString())
			throw InvalidInputException(key + "[" + std::to_string(i) + "] must be a string", "invalid_type");
		result.push_back(v.extract<std::string>());
	}
	return result;
}


std::vector<Poco::JSON::Object::Ptr> JsonBody::optionalObjectList(const std::string& key)
{
	_known.insert(key);
	std::vector<Poco::JSON::Object::Ptr> result;
	if (!_pObject->has(key))
		return result;
	Poco::JSON::Array::Ptr pArray = _pObject->getArray(key);
	if (!pArray)
		throw InvalidInputException(key + " must be an array of objects", "invalid_type");
	for (std::size_t i = 0; i < pArray->size(); ++i)
	{
		Poco::JSON::Object::Ptr pItem = pArray->getObject(static_cast<unsigned>(i));
		if (!pItem)
			throw InvalidInputException(key + "[" + std::to_string(i) + "] must be an object", "invalid_type");
		result.push_back(pItem);
	}
	return result;
}


std::vector<InvitationWorkspace> JsonBody::optionalWorkspaces(const std::string& key)
{
	std::vector<InvitationWorkspace> workspaces;
	for (const auto& pItem : optionalObjectList(key))
	{
		JsonBody item(pItem);
		const Poco::Nullable<Poco::Int64> id = item.optionalId("id");
		if (id.isNull())
			throw InvalidInputException(key + "[].id is required", "missing_field");
		InvitationWorkspace w;
		w.workspaceId = id.value();
		w.role = item.optionalString("role").value("");
		item.finish();
		workspaces.push_back(w);
	}
	return workspaces;
}


void JsonBody::finish() const
{
	std::string unknown;
	for (const auto& name : _pObject->getNames())
	{
		if (!_known.count(name))
			unknown += (unknown.empty() ? "" : ", ") + name;
	}
	if (!unknown.empty())
		throw InvalidInputException("unknown field(s): " + unknown, "unknown_field");
}


} // namespace Http
} // namespace Orgs
