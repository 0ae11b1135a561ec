//
// Discovery.cpp
//
// Library: OrgsPlugin
// Package: Scim
// Module:  Discovery
//


#include "scim/Discovery.h"
#include "scim/ListResponse.h"
#include "Orgs/Errors.h"
#include "Poco/JSON/Array.h"
#include "Poco/String.h"


namespace Orgs {
namespace Scim {


const std::string Discovery::SERVICE_PROVIDER_CONFIG_URN("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig");
const std::string Discovery::SCHEMA_URN("urn:ietf:params:scim:schemas:core:2.0:Schema");
const std::string Discovery::RESOURCE_TYPE_URN("urn:ietf:params:scim:schemas:core:2.0:ResourceType");
const std::string Discovery::CONTENT_TYPE("application/scim+json");


namespace {


Poco::JSON::Object::Ptr newObject()
{
	return new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
}


Poco::JSON::Array::Ptr schemasOf(const std::string& urn)
{
	Poco::JSON::Array::Ptr pSchemas = new Poco::JSON::Array;
	pSchemas->add(urn);
	return pSchemas;
}


Poco::JSON::Object::Ptr supported(bool yes)
{
	Poco::JSON::Object::Ptr p = newObject();
	p->set("supported", yes);
	return p;
}


Poco::JSON::Object::Ptr meta(const std::string& resourceType, const std::string& location)
{
	Poco::JSON::Object::Ptr p = newObject();
	p->set("resourceType", resourceType);
	p->set("location", location);
	return p;
}


Poco::JSON::Object::Ptr attributeDocument(const Attribute& a)
{
	Poco::JSON::Object::Ptr p = newObject();
	p->set("name", a.name);
	p->set("type", Attribute::typeName(a.type));
	p->set("multiValued", a.multiValued);
	p->set("description", a.description);
	p->set("required", a.required);
	if (a.type != Attribute::Type::COMPLEX && a.type != Attribute::Type::BOOLEAN)
		p->set("caseExact", a.caseExact);
	if (!a.canonicalValues.empty())
	{
		Poco::JSON::Array::Ptr pValues = new Poco::JSON::Array;
		for (const auto& v : a.canonicalValues)
			pValues->add(v);
		p->set("canonicalValues", pValues);
	}
	if (!a.referenceTypes.empty())
	{
		Poco::JSON::Array::Ptr pTypes = new Poco::JSON::Array;
		for (const auto& t : a.referenceTypes)
			pTypes->add(t);
		p->set("referenceTypes", pTypes);
	}
	p->set("mutability", Attribute::mutabilityName(a.mutability));
	p->set("returned", Attribute::returnedName(a.returned));
	if (a.type != Attribute::Type::COMPLEX && a.type != Attribute::Type::BOOLEAN)
		p->set("uniqueness", Attribute::uniquenessName(a.uniqueness));
	if (a.type == Attribute::Type::COMPLEX)
	{
		Poco::JSON::Array::Ptr pSubs = new Poco::JSON::Array;
		for (const auto& sub : a.subAttributes)
			pSubs->add(attributeDocument(sub));
		p->set("subAttributes", pSubs);
	}
	return p;
}


std::string trimmed(const std::string& baseUrl)
{
	std::string out = baseUrl;
	while (!out.empty() && out.back() == '/')
		out.pop_back();
	return out;
}


} // namespace


Discovery::Discovery(const std::string& baseUrl) : _baseUrl(trimmed(baseUrl)) {}


Poco::JSON::Object::Ptr Discovery::serviceProviderConfig() const
{
	Poco::JSON::Object::Ptr p = newObject();
	p->set("schemas", schemasOf(SERVICE_PROVIDER_CONFIG_URN));
	p->set("patch", supported(true));
	Poco::JSON::Object::Ptr pBulk = supported(false);
	pBulk->set("maxOperations", 0);
	pBulk->set("maxPayloadSize", 0);
	p->set("bulk", pBulk);
	Poco::JSON::Object::Ptr pFilter = supported(true);
	pFilter->set("maxResults", static_cast<Poco::UInt64>(ListResponse::MAX_COUNT));
	p->set("filter", pFilter);
	p->set("changePassword", supported(false));
	p->set("sort", supported(false));
	p->set("etag", supported(false));
	Poco::JSON::Object::Ptr pScheme = newObject();
	pScheme->set("type", "oauthbearertoken");
	pScheme->set("name", "OAuth Bearer Token");
	pScheme->set("description", "The SCIM connection's token, shown once when the connection is created, sent as "
	                            "Authorization: Bearer <token>");
	pScheme->set("specUri", "https://www.rfc-editor.org/info/rfc6750");
	pScheme->set("primary", true);
	Poco::JSON::Array::Ptr pSchemes = new Poco::JSON::Array;
	pSchemes->add(pScheme);
	p->set("authenticationSchemes", pSchemes);
	p->set("meta", meta("ServiceProviderConfig", _baseUrl + "/ServiceProviderConfig"));
	return p;
}


Poco::JSON::Object::Ptr Discovery::schemaDocument(const Schema::Definition& definition, const std::string& baseUrl)
{
	Poco::JSON::Object::Ptr p = newObject();
	p->set("schemas", schemasOf(SCHEMA_URN));
	p->set("id", definition.id);
	p->set("name", definition.name);
	p->set("description", definition.description);
	Poco::JSON::Array::Ptr pAttributes = new Poco::JSON::Array;
	for (const auto& a : definition.attributes)
		pAttributes->add(attributeDocument(a));
	p->set("attributes", pAttributes);
	p->set("meta", meta("Schema", trimmed(baseUrl) + "/Schemas/" + definition.id));
	return p;
}


Poco::JSON::Object::Ptr Discovery::schemas() const
{
	Poco::JSON::Array::Ptr pResources = new Poco::JSON::Array;
	for (const Schema* pSchema : {&Schema::user(), &Schema::group()})
	{
		pResources->add(schemaDocument(pSchema->core(), _baseUrl));
		for (const auto& e : pSchema->extensions())
			pResources->add(schemaDocument(e.definition, _baseUrl));
	}
	return ListResponse::make(pResources->size(), 1, pResources);
}


Poco::JSON::Object::Ptr Discovery::schema(const std::string& urn) const
{
	for (const Schema* pSchema : {&Schema::user(), &Schema::group()})
	{
		if (Poco::icompare(pSchema->core().id, urn) == 0)
			return schemaDocument(pSchema->core(), _baseUrl);
		if (const Schema::Extension* pExtension = pSchema->extension(urn))
			return schemaDocument(pExtension->definition, _baseUrl);
	}
	throw NotFoundException("No schema " + urn);
}


Poco::JSON::Object::Ptr Discovery::resourceType(const std::string& name) const
{
	const Schema* pSchema = Schema::forResourceType(name);
	if (!pSchema)
		throw NotFoundException("No resource type " + name);
	Poco::JSON::Object::Ptr p = newObject();
	p->set("schemas", schemasOf(RESOURCE_TYPE_URN));
	p->set("id", pSchema->resourceType());
	p->set("name", pSchema->resourceType());
	p->set("endpoint", pSchema->endpoint());
	p->set("description", pSchema->description());
	p->set("schema", pSchema->core().id);
	if (!pSchema->extensions().empty())
	{
		Poco::JSON::Array::Ptr pExtensions = new Poco::JSON::Array;
		for (const auto& e : pSchema->extensions())
		{
			Poco::JSON::Object::Ptr pExtension = newObject();
			pExtension->set("schema", e.definition.id);
			pExtension->set("required", e.required);
			pExtensions->add(pExtension);
		}
		p->set("schemaExtensions", pExtensions);
	}
	p->set("meta", meta("ResourceType", _baseUrl + "/ResourceTypes/" + pSchema->resourceType()));
	return p;
}


Poco::JSON::Object::Ptr Discovery::resourceTypes() const
{
	Poco::JSON::Array::Ptr pResources = new Poco::JSON::Array;
	pResources->add(resourceType("User"));
	pResources->add(resourceType("Group"));
	return ListResponse::make(pResources->size(), 1, pResources);
}


std::string Discovery::location(const Schema& schema, const std::string& id) const
{
	return _baseUrl + schema.endpoint() + "/" + id;
}


} // namespace Scim
} // namespace Orgs
