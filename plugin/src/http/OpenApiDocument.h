//
// OpenApiDocument.h
//
// Library: OrgsPlugin
// Package: Http
// Module:  OpenApiDocument
//
// The OpenAPI document compiled into the plugin.
//


#ifndef Orgs_OpenApiDocument_INCLUDED
#define Orgs_OpenApiDocument_INCLUDED


#include "Orgs/ApiDescription.h"
#include <string>


namespace Orgs {
namespace Http {


class OpenApiDocument : public Orgs::ApiDescription
	/// Orgs::ApiDescription over api/openapi.json, which the build embeds
	/// (cmake/EmbedOpenApi.cmake). The entity tag is the SHA-256 of the text, made once.
{
public:
	OpenApiDocument();

	const std::string& openApiDocument() const override;
	const std::string& entityTag() const override;

	static const std::string& embedded();
		/// Returns the embedded text (generated/EmbeddedOpenApi.cpp).

private:
	std::string _entityTag;
};


} // namespace Http
} // namespace Orgs


#endif // Orgs_OpenApiDocument_INCLUDED
