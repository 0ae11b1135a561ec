//
// Secrets.cpp
//
// Library: OrgsPlugin
// Package: Service
// Module:  Secrets
//


#include "service/Secrets.h"
#include "Poco/Base64Encoder.h"
#include "Poco/DigestEngine.h"
#include "Poco/RandomStream.h"
#include "Poco/SHA2Engine.h"
#include <sstream>
#include <vector>


namespace Orgs {
namespace Service {


std::string Secrets::generate(const std::string& prefix, std::size_t bytes)
{
	std::vector<char> buffer(bytes);
	Poco::RandomInputStream random;
	random.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
	std::ostringstream out;
	Poco::Base64Encoder encoder(out, Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
	encoder.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
	encoder.close();
	return prefix + out.str();
}


std::string Secrets::base64(const std::string& bytes)
{
	std::ostringstream out;
	Poco::Base64Encoder encoder(out);
	encoder.rdbuf()->setLineLength(0);
	encoder.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
	encoder.close();
	return out.str();
}


std::string Secrets::sha256Hex(const std::string& secret)
{
	Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
	sha.update(secret);
	return Poco::DigestEngine::digestToHex(sha.digest());
}


} // namespace Service
} // namespace Orgs
