//
// ForgedTokens.h
//
// Library: OrgsTests
// Package: Support
// Module:  ForgedTokens
//
// What an attacker makes of a real token: the same token with a header or a claim changed.
//


#ifndef Orgs_ForgedTokens_INCLUDED
#define Orgs_ForgedTokens_INCLUDED


#include "identity/Base64Url.h"
#include "Poco/Exception.h"
#include "Poco/JSON/Object.h"
#include "Poco/JSON/Parser.h"
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <functional>
#include <sstream>
#include <string>


namespace Orgs {
namespace Test {


class ForgedTokens
	/// Takes a real JWT of the test provider apart and puts it together with changes, as an
	/// attacker holding one would: every forgery keeps the rest of the token byte for byte.
{
public:
	using Edit = std::function<void(Poco::JSON::Object::Ptr)>;

	static std::string part(const std::string& jwt, int index)
		/// Returns the base64url text of part index (0 header, 1 payload, 2 signature).
	{
		const std::string::size_type first = jwt.find('.');
		const std::string::size_type second = jwt.find('.', first + 1);
		if (first == std::string::npos || second == std::string::npos)
			throw Poco::InvalidArgumentException("not a JWT: " + jwt);
		if (index == 0)
			return jwt.substr(0, first);
		if (index == 1)
			return jwt.substr(first + 1, second - first - 1);
		return jwt.substr(second + 1);
	}

	static Poco::JSON::Object::Ptr decode(const std::string& text)
	{
		std::string json;
		if (!Federation::Base64Url::decode(text, json))
			throw Poco::InvalidArgumentException("not base64url: " + text);
		return Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>();
	}

	static std::string encode(const Poco::JSON::Object::Ptr& pObject)
	{
		std::ostringstream out;
		pObject->stringify(out);
		return Federation::Base64Url::encode(out.str());
	}

	static std::string withHeader(const std::string& jwt, const Edit& edit)
		/// Returns jwt with its header changed by edit (payload and signature as they were).
	{
		Poco::JSON::Object::Ptr pHeader = decode(part(jwt, 0));
		edit(pHeader);
		return encode(pHeader) + "." + part(jwt, 1) + "." + part(jwt, 2);
	}

	static std::string withClaims(const std::string& jwt, const Edit& edit)
		/// Returns jwt with its payload changed by edit (header and signature as they were).
	{
		Poco::JSON::Object::Ptr pClaims = decode(part(jwt, 1));
		edit(pClaims);
		return part(jwt, 0) + "." + encode(pClaims) + "." + part(jwt, 2);
	}

	static std::string unsignedToken(const std::string& jwt)
		/// Returns jwt with "alg": "none" and no signature (RFC 7519, 6.1).
	{
		Poco::JSON::Object::Ptr pHeader = decode(part(jwt, 0));
		pHeader->set("alg", "none");
		return encode(pHeader) + "." + part(jwt, 1) + ".";
	}

	static std::string hmacSigned(const std::string& jwt, const std::string& secret, const std::string& alg = "HS256")
		/// Returns jwt re-signed with HMAC-SHA-256 keyed by secret (say, the issuer's public key
		/// as published): the algorithm confusion of RFC 8725, 2.1.
	{
		Poco::JSON::Object::Ptr pHeader = decode(part(jwt, 0));
		pHeader->set("alg", alg);
		const std::string input = encode(pHeader) + "." + part(jwt, 1);
		unsigned char mac[EVP_MAX_MD_SIZE];
		unsigned int length = 0;
		HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
		     reinterpret_cast<const unsigned char*>(input.data()), input.size(), mac, &length);
		return input + "." + Federation::Base64Url::encode(std::string(reinterpret_cast<char*>(mac), length));
	}
};


} // namespace Test
} // namespace Orgs


#endif // Orgs_ForgedTokens_INCLUDED
