//
// KeySet.cpp
//
// Library: OrgsPlugin
// Package: Identity
// Module:  KeySet
//


#include "identity/KeySet.h"
#include "http/JsonReader.h"
#include "Orgs/Errors.h"
#include "Poco/Exception.h"
#include "Poco/JSON/Array.h"


namespace Orgs {
namespace Federation {


KeySet::KeySet(std::vector<PublicKey::Ptr> keys) : _keys(std::move(keys)) {}


KeySet::Ptr KeySet::parse(const std::string& json, std::vector<std::string>& skipped)
{
	Poco::JSON::Object::Ptr pDocument;
	try
	{
		pDocument = Http::JsonReader::parseObject(json);
	}
	catch (InvalidInputException& exc)
	{
		throw Poco::DataFormatException("the key set is not a JSON object: " + exc.message());
	}
	Poco::JSON::Array::Ptr pKeys = pDocument->getArray("keys");
	if (!pKeys)
		throw Poco::DataFormatException("the key set has no \"keys\" array");
	std::vector<PublicKey::Ptr> keys;
	for (std::size_t i = 0; i < pKeys->size(); ++i)
	{
		Poco::JSON::Object::Ptr pJwk = pKeys->getObject(static_cast<unsigned>(i));
		const std::string label = "key " + std::to_string(i);
		if (!pJwk)
		{
			skipped.push_back(label + ": not an object");
			continue;
		}
		try
		{
			// An encryption key is not a signing key (RFC 7517, 4.2).
			if (pJwk->has("use") && pJwk->get("use").toString() != "sig")
			{
				skipped.push_back(label + ": not a signing key (use)");
				continue;
			}
			keys.push_back(PublicKey::fromJwk(pJwk));
		}
		catch (Poco::Exception& exc)
		{
			skipped.push_back(label + ": " + exc.message());
		}
	}
	return std::make_shared<const KeySet>(std::move(keys));
}


PublicKey::Ptr KeySet::find(const std::string& keyId) const
{
	for (const auto& pKey : _keys)
	{
		if (pKey->keyId() == keyId)
			return pKey;
	}
	return nullptr;
}


} // namespace Federation
} // namespace Orgs
