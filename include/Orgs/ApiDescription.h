//
// ApiDescription.h
//
// Library: Orgs
// Package: Services
// Module:  ApiDescription
//
// The plugin's HTTP contract as an OpenAPI 3.1 document.
//


#ifndef Orgs_ApiDescription_INCLUDED
#define Orgs_ApiDescription_INCLUDED


#include "Poco/SharedPtr.h"
#include <string>


namespace Orgs {


class ApiDescription
	/// The OpenAPI 3.1 document (JSON) of every route the plugin serves: its parameters, request
	/// bodies, every status it answers with, the body schemas and the problem codes. The same
	/// text is served at GET <orgs.http.basePath>/openapi.json and installed as
	/// share/orgs/openapi.json; it is compiled into the plugin from api/openapi.json, so a
	/// plugin always describes itself.
	///
	/// The document's paths are relative to the API's base path (its servers entry names
	/// /api/v1, the default of orgs.http.basePath).
{
public:
	using Ptr = Poco::SharedPtr<ApiDescription>;

	virtual ~ApiDescription() = default;

	virtual const std::string& openApiDocument() const = 0;
		/// Returns the document, a JSON text (UTF-8).

	virtual const std::string& entityTag() const = 0;
		/// Returns the document's strong entity tag, quoted as in an ETag header: it changes
		/// whenever the document does.
};


} // namespace Orgs


#endif // Orgs_ApiDescription_INCLUDED
