//
// JsonBody.cpp
//
// Library: OrgsPlugin
// Package: Http
// Module:  JsonBody
//


#include "http/JsonBody.h"
#include "Orgs/Errors.h"


namespace Orgs {
namespace Http {


JsonBody::JsonBody(Poco::JSON::Object::Ptr pObject) : _pObject(pObject ? pObject : Poco::JSON::Object::Ptr(new Poco::JSON::Object))
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
