//
// ErrorDocument.cpp
//
// Library: OrgsPlugin
// Package: Scim
// Module:  ErrorDocument
//


#include "scim/ErrorDocument.h"
#include "service/Utf8.h"
#include "Poco/JSON/Array.h"


namespace Orgs {
namespace Scim {


const std::string ErrorDocument::URN("urn:ietf:params:scim:api:messages:2.0:Error");


Poco::JSON::Object::Ptr ErrorDocument::make(int status, const std::string& reason, const std::string& detail)
{
	Poco::JSON::Object::Ptr pError = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
	Poco::JSON::Array::Ptr pSchemas = new Poco::JSON::Array;
	pSchemas->add(URN);
	pError->set("schemas", pSchemas);
	pError->set("status", std::to_string(status));
	if (isScimType(reason))
		pError->set("scimType", reason);
	pError->set("detail", Service::Utf8::valid(detail));
	return pError;
}


bool ErrorDocument::isScimType(const std::string& reason)
{
	static const char* types[] = {"invalidFilter", "tooMany",  "uniqueness",   "mutability",  "invalidSyntax",
	                              "invalidPath",   "noTarget", "invalidValue", "invalidVers", "sensitive"};
	for (const char* type : types)
	{
		if (reason == type)
			return true;
	}
	return false;
}


} // namespace Scim
} // namespace Orgs
