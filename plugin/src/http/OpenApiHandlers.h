//
// OpenApiHandlers.h
//
// Library: OrgsPlugin
// Package: Http
// Module:  OpenApiHandlers
//
// GET /openapi.json: the API's OpenAPI document.
//


#ifndef Orgs_OpenApiHandlers_INCLUDED
#define Orgs_OpenApiHandlers_INCLUDED


#include "Orgs/ApiDescription.h"
#include "http/Router.h"


namespace Orgs {
namespace Http {


class OpenApiHandlers
	/// Serves the OpenAPI document to anyone: it describes the API, not its data. Answers 200
	/// with the document, an ETag and Cache-Control allowing shared caches to keep it for an
	/// hour (revalidated by the ETag after that), or 304 when If-None-Match names the ETag.
{
public:
	explicit OpenApiHandlers(const Orgs::ApiDescription& description);

	void addRoutes(Router& router);

private:
	void document(RequestContext& c);

	const Orgs::ApiDescription& _description;
};


} // namespace Http
} // namespace Orgs


#endif // Orgs_OpenApiHandlers_INCLUDED
