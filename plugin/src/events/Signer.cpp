//
// Signer.cpp
//
// Library: OrgsPlugin
// Package: Events
// Module:  Signer
//


#include "events/Signer.h"
#include "service/Secrets.h"
#include "Poco/Base64Decoder.h"
#include "Poco/Exception.h"
#include "Poco/HMACEngine.h"
#include "Poco/RandomStream.h"
#include "Poco/SHA2Engine.h"
#include <iterator>
#include <sstream>


namespace Orgs {
namespace Events {


namespace {


class Sha256Engine : public Poco::SHA2Engine
	/// SHA-256 in the shape Poco::HMACEngine wants (block and digest sizes as enum values).
{
public:
	enum
	{
		BLOCK_SIZE = 64,
		DIGEST_SIZE = 32
	};

	Sha256Engine() : Poco::SHA2Engine(Poco::SHA2Engine::SHA_256) {}
};


std::string keyOf(const std::string& secret)
{
	static const std::string PREFIX = "whsec_";
	if (secret.compare(0, PREFIX.size(), PREFIX) != 0 || secret.size() == PREFIX.size())
		throw Poco::DataFormatException("A webhook secret starts with whsec_");
	std::istringstream in(secret.substr(PREFIX.size()));
	Poco::Base64Decoder decoder(in);
	std::string key((std::istreambuf_iterator<char>(decoder)), std::istreambuf_iterator<char>());
	if (key.empty())
		throw Poco::DataFormatException("A webhook secret is whsec_ and base64");
	return key;
}


} // namespace


std::string Signer::newSecret()
{
	std::string bytes(SECRET_BYTES, '\0');
	Poco::RandomInputStream random;
	random.read(&bytes[0], static_cast<std::streamsize>(bytes.size()));
	return "whsec_" + Service::Secrets::base64(bytes);
}


std::string Signer::sign(const std::string& secret, const std::string& id, Poco::Int64 timestamp,
                         const std::string& body)
{
	const std::string key = keyOf(secret);
	Poco::HMACEngine<Sha256Engine> hmac(key);
	hmac.update(id);
	hmac.update('.');
	hmac.update(std::to_string(timestamp));
	hmac.update('.');
	hmac.update(body);
	const Poco::DigestEngine::Digest& digest = hmac.digest();
	return "v1," + Service::Secrets::base64(std::string(digest.begin(), digest.end()));
}


std::string Signer::header(const std::vector<std::string>& secrets, const std::string& id, Poco::Int64 timestamp,
                           const std::string& body)
{
	std::string value;
	for (const auto& secret : secrets)
		value += (value.empty() ? "" : " ") + sign(secret, id, timestamp, body);
	return value;
}


} // namespace Events
} // namespace Orgs
