//
// Secrets.h
//
// Library: OrgsPlugin
// Package: Service
// Module:  Secrets
//
// Random secrets and their hashes.
//


#ifndef Orgs_Secrets_INCLUDED
#define Orgs_Secrets_INCLUDED


#include <string>


namespace Orgs {
namespace Service {


class Secrets
	/// Creates unguessable secrets and hashes them for storage.
{
public:
	static std::string generate(const std::string& prefix, std::size_t bytes = 32);
		/// Returns prefix followed by bytes random bytes from the operating system's generator,
		/// base64url-encoded without padding.

	static std::string base64(const std::string& bytes);
		/// Returns bytes in standard base64 with padding, on one line.

	static std::string sha256Hex(const std::string& secret);
		/// Returns the SHA-256 of secret in lower-case hex: what is stored instead of the secret.
};


} // namespace Service
} // namespace Orgs


#endif // Orgs_Secrets_INCLUDED
