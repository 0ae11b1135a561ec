//
// Discovery.h
//
// Library: OrgsPlugin
// Package: Scim
// Module:  Discovery
//
// The discovery documents of RFC 7644 §4: /ServiceProviderConfig, /Schemas, /ResourceTypes.
//


#ifndef Orgs_Scim_Discovery_INCLUDED
#define Orgs_Scim_Discovery_INCLUDED


#include "scim/Schema.h"
#include "Poco/JSON/Object.h"
#include <string>


namespace Orgs {
namespace Scim {


class Discovery
	/// Builds the discovery documents of one SCIM connection, with meta.location under its
	/// base URL (e.g. "https://orgs.example.com/api/v1/scim/v2/0f3c...": no trailing slash).
	///
	/// /ServiceProviderConfig says what the service does, truthfully: patch yes; bulk no; filter
	/// yes with maxResults ListResponse::MAX_COUNT; changePassword no; sort no; etag no;
	/// authentication by OAuth bearer token (the connection's SCIM token).
	/// /Schemas lists the User, enterprise User and Group schemas from Schema's tables;
	/// /ResourceTypes lists User (with the enterprise extension, not required) and Group.
{
public:
	static const std::string
	    SERVICE_PROVIDER_CONFIG_URN;            ///< urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig
	static const std::string SCHEMA_URN;        ///< urn:ietf:params:scim:schemas:core:2.0:Schema
	static const std::string RESOURCE_TYPE_URN; ///< urn:ietf:params:scim:schemas:core:2.0:ResourceType
	static const std::string CONTENT_TYPE;      ///< "application/scim+json"

	explicit Discovery(const std::string& baseUrl);
		/// Creates the documents' builder for a connection's base URL (a trailing "/" is dropped).

	Poco::JSON::Object::Ptr serviceProviderConfig() const;
		/// Returns the ServiceProviderConfig document.

	Poco::JSON::Object::Ptr schemas() const;
		/// Returns a ListResponse of every schema (RFC 7644 §4: /Schemas).

	Poco::JSON::Object::Ptr schema(const std::string& urn) const;
		/// Returns one schema (/Schemas/{urn}; urn compared ignoring case). Throws
		/// NotFoundException for another.

	Poco::JSON::Object::Ptr resourceTypes() const;
		/// Returns a ListResponse of the resource types User and Group.

	Poco::JSON::Object::Ptr resourceType(const std::string& name) const;
		/// Returns one resource type (/ResourceTypes/User). Throws NotFoundException for another.

	std::string location(const Schema& schema, const std::string& id) const;
		/// Returns a resource's meta.location: baseUrl + endpoint + "/" + id.

	static Poco::JSON::Object::Ptr schemaDocument(const Schema::Definition& definition, const std::string& baseUrl);
		/// Returns one schema document: id, name, description, attributes (each with name, type,
		/// multiValued, description, required, caseExact, mutability, returned, uniqueness,
		/// subAttributes, canonicalValues and referenceTypes where they apply) and meta.

	const std::string& baseUrl() const;

private:
	std::string _baseUrl;
};


inline const std::string& Discovery::baseUrl() const
{
	return _baseUrl;
}


} // namespace Scim
} // namespace Orgs


#endif // Orgs_Scim_Discovery_INCLUDED
