//
// Signer.h
//
// Library: OrgsPlugin
// Package: Events
// Module:  Signer
//
// The Standard Webhooks signature scheme.
//


#ifndef Orgs_Events_Signer_INCLUDED
#define Orgs_Events_Signer_INCLUDED


#include "Poco/Types.h"
#include <string>
#include <vector>


namespace Orgs {
namespace Events {


class Signer
	/// Signs webhook deliveries as the Standard Webhooks specification says: the signed content
	/// is "<webhook-id>.<webhook-timestamp>.<body>", the key is the base64-decoded part of the
	/// secret after "whsec_", the signature is HMAC-SHA256, base64-encoded, prefixed "v1,";
	/// several signatures (one per secret) are separated by spaces in webhook-signature.
{
public:
	static const std::size_t SECRET_BYTES = 32; ///< the spec asks for 24 to 64 bytes

	static std::string newSecret();
		/// Returns a new random secret, "whsec_" and the base64 of SECRET_BYTES random bytes.

	static std::string sign(const std::string& secret, const std::string& id, Poco::Int64 timestamp,
	                        const std::string& body);
		/// Returns "v1,<base64 signature>". Throws Poco::DataFormatException for a secret
		/// that is not whsec_<base64>.

	static std::string header(const std::vector<std::string>& secrets, const std::string& id, Poco::Int64 timestamp,
	                          const std::string& body);
		/// Returns the webhook-signature value: one signature per secret, space-separated.
};


} // namespace Events
} // namespace Orgs


#endif // Orgs_Events_Signer_INCLUDED
