//
// OpenApiDocument.cpp
//
// Library: OrgsPlugin
// Package: Http
// Module:  OpenApiDocument
//


#include "http/OpenApiDocument.h"
#include "Poco/DigestEngine.h"
#include "Poco/SHA2Engine.h"


namespace Orgs {
namespace Http {


OpenApiDocument::OpenApiDocument()
{
	Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
	sha.update(embedded());
	// Half the digest is plenty to tell versions apart and keeps the header short.
	_entityTag = "\"" + Poco::DigestEngine::digestToHex(sha.digest()).substr(0, 32) + "\"";
}


const std::string& OpenApiDocument::openApiDocument() const
{
	return embedded();
}


const std::string& OpenApiDocument::entityTag() const
{
	return _entityTag;
}


} // namespace Http
} // namespace Orgs
