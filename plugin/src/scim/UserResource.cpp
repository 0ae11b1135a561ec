//
// UserResource.cpp
//
// Library: OrgsPlugin
// Package: Scim
// Module:  UserResource
//


#include "scim/UserResource.h"
#include "scim/Schema.h"
#include "scim/Value.h"
#include "Orgs/Errors.h"
#include "Poco/DateTimeFormat.h"
#include "Poco/DateTimeFormatter.h"
#include "Poco/JSON/Array.h"
#include "Poco/JSON/Parser.h"
#include "Poco/JSON/Stringifier.h"
#include "Poco/UTF8String.h"
#include <sstream>


namespace Orgs {
namespace Scim {


namespace {


std::string textOf(const Poco::JSON::Object& o, const std::string& name)
{
	if (!o.has(name) || o.isNull(name))
		return std::string();
	const Poco::Dynamic::Var v = o.get(name);
	return v.isString() ? v.convert<std::string>() : std::string();
}


void requireLength(const std::string& attribute, const std::string& value, std::size_t max)
{
	if (value.size() > max)
		throw InvalidInputException(attribute + ": at most " + std::to_string(max) + " bytes", "invalidValue");
}


std::string stringify(const Poco::JSON::Object& o)
{
	std::ostringstream out;
	Poco::JSON::Stringifier::stringify(o, out);
	return out.str();
}


} // namespace


std::string UserResource::time(const Poco::Timestamp& at)
{
	return Poco::DateTimeFormatter::format(at, "%Y-%m-%dT%H:%M:%S.%iZ");
}


void UserResource::decode(const Poco::JSON::Object& resource, Data::ScimUserRepository::Row& row)
{
	row.userName = textOf(resource, "userName");
	if (row.userName.empty())
		throw InvalidInputException("userName is required", "invalidValue");
	requireLength("userName", row.userName, 190);
	const std::string externalId = textOf(resource, "externalId");
	requireLength("externalId", externalId, 190);
	row.externalId = externalId.empty() ? Poco::Nullable<std::string>() : Poco::Nullable<std::string>(externalId);
	row.displayName = textOf(resource, "displayName");
	requireLength("displayName", row.displayName, 255);
	row.givenName.clear();
	row.familyName.clear();
	row.formattedName.clear();
	Poco::JSON::Object::Ptr pName = resource.has("name") ? resource.getObject("name") : nullptr;
	if (pName)
	{
		row.givenName = textOf(*pName, "givenName");
		row.familyName = textOf(*pName, "familyName");
		row.formattedName = textOf(*pName, "formatted");
		requireLength("name.givenName", row.givenName, 255);
		requireLength("name.familyName", row.familyName, 255);
		requireLength("name.formatted", row.formattedName, 255);
	}
	row.active = true;
	if (resource.has("active") && !resource.isNull("active"))
		row.active = Value::toBoolean(resource.get("active"), "active");
	Poco::JSON::Object stored(Poco::JSON_PRESERVE_KEY_ORDER);
	row.email.clear();
	row.emails.clear();
	Poco::JSON::Array::Ptr pEmails = resource.has("emails") ? resource.getArray("emails") : nullptr;
	if (pEmails && pEmails->size() > 0)
	{
		std::string first;
		for (std::size_t i = 0; i < pEmails->size(); ++i)
		{
			Poco::JSON::Object::Ptr pEmail = pEmails->getObject(static_cast<unsigned>(i));
			if (!pEmail)
				continue;
			const std::string value = textOf(*pEmail, "value");
			if (!value.empty())
				row.emails.push_back(value);
			if (first.empty())
				first = value;
			if (pEmail->has("primary") && !pEmail->isNull("primary") &&
			    Value::toBoolean(pEmail->get("primary"), "emails.primary") && row.email.empty())
				row.email = value;
		}
		if (row.email.empty())
			row.email = first;
		requireLength("emails.value", row.email, 190);
		stored.set("emails", pEmails);
	}
	if (resource.has(Schema::ENTERPRISE))
	{
		Poco::JSON::Object::Ptr pExtension = resource.getObject(Schema::ENTERPRISE);
		if (pExtension && pExtension->size() > 0)
			stored.set(Schema::ENTERPRISE, pExtension);
	}
	row.attributes = stringify(stored);
	if (row.attributes.size() > 60000)
		throw InvalidInputException("The user's attributes are too large to store", "invalidValue");
}


Poco::JSON::Object::Ptr UserResource::encode(const Data::ScimUserRepository::Row& row, const Discovery& discovery)
{
	Poco::JSON::Object::Ptr pStored;
	if (!row.attributes.empty())
	{
		Poco::JSON::Parser parser;
		pStored = parser.parse(row.attributes).extract<Poco::JSON::Object::Ptr>();
	}
	Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
	Poco::JSON::Array::Ptr schemas = new Poco::JSON::Array;
	schemas->add(Schema::USER);
	const bool extension = pStored && pStored->has(Schema::ENTERPRISE);
	if (extension)
		schemas->add(Schema::ENTERPRISE);
	o->set("schemas", schemas);
	o->set("id", std::to_string(row.id));
	if (!row.externalId.isNull())
		o->set("externalId", row.externalId.value());
	o->set("userName", row.userName);
	if (!row.givenName.empty() || !row.familyName.empty() || !row.formattedName.empty())
	{
		Poco::JSON::Object::Ptr name = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
		if (!row.formattedName.empty())
			name->set("formatted", row.formattedName);
		if (!row.familyName.empty())
			name->set("familyName", row.familyName);
		if (!row.givenName.empty())
			name->set("givenName", row.givenName);
		o->set("name", name);
	}
	if (!row.displayName.empty())
		o->set("displayName", row.displayName);
	if (pStored && pStored->has("emails"))
		o->set("emails", pStored->getArray("emails"));
	o->set("active", row.active);
	if (extension)
		o->set(Schema::ENTERPRISE, pStored->getObject(Schema::ENTERPRISE));
	Poco::JSON::Object::Ptr meta = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
	meta->set("resourceType", "User");
	meta->set("created", time(row.createdAt));
	meta->set("lastModified", time(row.updatedAt));
	meta->set("location", discovery.location(Schema::user(), std::to_string(row.id)));
	o->set("meta", meta);
	return o;
}


} // namespace Scim
} // namespace Orgs
