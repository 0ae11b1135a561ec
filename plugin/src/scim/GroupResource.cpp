//
// GroupResource.cpp
//
// Library: OrgsPlugin
// Package: Scim
// Module:  GroupResource
//


#include "scim/GroupResource.h"
#include "scim/Schema.h"
#include "scim/UserResource.h"
#include "Orgs/Errors.h"
#include "Poco/JSON/Array.h"


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


} // namespace


void GroupResource::decode(const Poco::JSON::Object& resource, Data::ScimGroupRepository::Row& row,
                           std::vector<std::string>& members)
{
	row.displayName = textOf(resource, "displayName");
	if (row.displayName.empty())
		throw InvalidInputException("displayName is required", "invalidValue");
	if (row.displayName.size() > 190)
		throw InvalidInputException("displayName: at most 190 bytes", "invalidValue");
	const std::string externalId = textOf(resource, "externalId");
	if (externalId.size() > 190)
		throw InvalidInputException("externalId: at most 190 bytes", "invalidValue");
	row.externalId = externalId.empty() ? Poco::Nullable<std::string>() : Poco::Nullable<std::string>(externalId);
	members.clear();
	Poco::JSON::Array::Ptr pMembers = resource.has("members") ? resource.getArray("members") : nullptr;
	if (!pMembers)
		return;
	for (std::size_t i = 0; i < pMembers->size(); ++i)
	{
		Poco::JSON::Object::Ptr pMember = pMembers->getObject(static_cast<unsigned>(i));
		const std::string value = pMember ? textOf(*pMember, "value") : std::string();
		if (value.empty())
			throw InvalidInputException("members[" + std::to_string(i) + "]: value is required", "invalidValue");
		members.push_back(value);
	}
}


Poco::JSON::Object::Ptr GroupResource::encode(const Data::ScimGroupRepository::Row& row,
                                              const std::vector<Data::ScimGroupRepository::Member>* pMembers,
                                              const Discovery& discovery)
{
	Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
	Poco::JSON::Array::Ptr schemas = new Poco::JSON::Array;
	schemas->add(Schema::GROUP);
	o->set("schemas", schemas);
	o->set("id", std::to_string(row.id));
	if (!row.externalId.isNull())
		o->set("externalId", row.externalId.value());
	o->set("displayName", row.displayName);
	if (pMembers)
	{
		Poco::JSON::Array::Ptr members = new Poco::JSON::Array;
		for (const auto& m : *pMembers)
		{
			Poco::JSON::Object::Ptr member = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
			member->set("value", std::to_string(m.userId));
			member->set("$ref", discovery.location(Schema::user(), std::to_string(m.userId)));
			member->set("display", m.userName);
			member->set("type", "User");
			members->add(member);
		}
		o->set("members", members);
	}
	Poco::JSON::Object::Ptr meta = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
	meta->set("resourceType", "Group");
	meta->set("created", UserResource::time(row.createdAt));
	meta->set("lastModified", UserResource::time(row.updatedAt));
	meta->set("location", discovery.location(Schema::group(), std::to_string(row.id)));
	o->set("meta", meta);
	return o;
}


} // namespace Scim
} // namespace Orgs
