//
// CompactJws.cpp
//
// Library: OrgsPlugin
// Package: Identity
// Module:  CompactJws
//


#include "identity/CompactJws.h"
#include "http/JsonReader.h"
#include "identity/Base64Url.h"
#include "Orgs/Errors.h"


namespace Orgs {
namespace Federation {


namespace {


[[noreturn]] void malformed(const std::string& why)
{
	throw UnauthenticatedException("The bearer token is not a well-formed JSON Web Token: " + why, "token_malformed");
}


Poco::JSON::Object::Ptr decodeObject(const char* begin, const char* end, const char* part)
{
	std::string json;
	if (!Base64Url::decode(begin, end, json))
		malformed(std::string("its ") + part + " is not base64url");
	try
	{
		// Strictly: a header or claim given twice must not be read as whichever came last.
		return Http::JsonReader::parseObject(json);
	}
	catch (InvalidInputException& exc)
	{
		malformed(std::string("its ") + part + " is not a JSON object (" + exc.message() + ")");
	}
}


} // namespace


bool CompactJws::looksLike(const std::string& token)
{
	int dots = 0;
	std::size_t partLength = 0;
	for (char c : token)
	{
		if (c == '.')
		{
			if (partLength == 0 || ++dots > 2)
				return false;
			partLength = 0;
		}
		else if (Base64Url::isAlphabet(c))
			++partLength;
		else
			return false;
	}
	return dots == 2;
}


CompactJws CompactJws::parse(const std::string& token)
{
	if (token.size() > MAX_LENGTH)
		malformed("it is longer than " + std::to_string(MAX_LENGTH) + " characters");
	const std::string::size_type first = token.find('.');
	const std::string::size_type second = first == std::string::npos ? first : token.find('.', first + 1);
	if (second == std::string::npos || token.find('.', second + 1) != std::string::npos)
		malformed("it does not have three parts");
	const char* data = token.data();
	CompactJws jws;
	jws._pHeader = decodeObject(data, data + first, "header");
	jws._pPayload = decodeObject(data + first + 1, data + second, "payload");
	if (!Base64Url::decode(data + second + 1, data + token.size(), jws._signature))
		malformed("its signature is not base64url");
	jws._signingInput.assign(token, 0, second);

	const Poco::Dynamic::Var alg = jws._pHeader->get("alg");
	if (!alg.isString())
		malformed("its header names no algorithm (alg)");
	jws._algorithm = alg.extract<std::string>();
	if (jws._pHeader->has("kid"))
	{
		const Poco::Dynamic::Var kid = jws._pHeader->get("kid");
		if (!kid.isString())
			malformed("its key id (kid) is not a string");
		jws._keyId = kid.extract<std::string>();
	}
	if (jws._pHeader->has("crit"))
		malformed("it names critical header parameters (crit) that are not understood");
	return jws;
}


} // namespace Federation
} // namespace Orgs
