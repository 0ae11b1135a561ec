//
// PublicKey.h
//
// Library: OrgsPlugin
// Package: Identity
// Module:  PublicKey
//
// One signing key of an issuer, read from its JSON Web Key.
//


#ifndef Orgs_PublicKey_INCLUDED
#define Orgs_PublicKey_INCLUDED


#include "Poco/JSON/Object.h"
#include <memory>
#include <string>


typedef struct evp_pkey_st EVP_PKEY;


namespace Orgs {
namespace Federation {


class PublicKey
	/// An RSA or elliptic-curve (P-256, P-384) public key from a JWK (RFC 7517, 7518 section 6)
	/// that verifies JWS signatures: RS256, RS384, RS512 (RSASSA-PKCS1-v1_5), ES256 and ES384
	/// (ECDSA, the signature being R and S side by side, RFC 7518 3.4). Immutable; verify()
	/// may be called from several threads at once.
{
public:
	using Ptr = std::shared_ptr<const PublicKey>;

	static const int MIN_RSA_BITS = 2048; ///< smaller RSA keys are refused (RFC 7518, 3.3)

	static Ptr fromJwk(const Poco::JSON::Object::Ptr& pJwk);
		/// Reads a JWK. Throws Poco::DataFormatException for a key that is not an RSA or
		/// EC (P-256, P-384) public key, lacks a member, is malformed or too small; a private
		/// key's members are ignored.

	~PublicKey();

	const std::string& keyId() const;
		/// Returns kid ("" if the JWK has none).

	const std::string& keyType() const;
		/// Returns "RSA" or "EC".

	const std::string& algorithm() const;
		/// Returns the JWK's alg, if it names one ("" otherwise).

	bool fits(const std::string& alg) const;
		/// Returns true if the key may verify signatures of the JWS algorithm alg: its type and
		/// curve are the algorithm's, and its own alg, if any, is alg.

	bool verify(const std::string& alg, const std::string& signingInput, const std::string& signature) const;
		/// Returns true if signature is a valid signature of signingInput with this key under
		/// alg. Returns false for an algorithm the key does not fit, or a signature of the
		/// wrong size.

private:
	PublicKey() = default;
	PublicKey(const PublicKey&) = delete;
	PublicKey& operator=(const PublicKey&) = delete;

	std::string _keyId;
	std::string _keyType;
	std::string _curve;
	std::string _algorithm;
	EVP_PKEY* _pKey = nullptr;
};


//
// inlines
//
inline const std::string& PublicKey::keyId() const
{
	return _keyId;
}


inline const std::string& PublicKey::keyType() const
{
	return _keyType;
}


inline const std::string& PublicKey::algorithm() const
{
	return _algorithm;
}


} // namespace Federation
} // namespace Orgs


#endif // Orgs_PublicKey_INCLUDED
