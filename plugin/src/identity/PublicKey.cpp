//
// PublicKey.cpp
//
// Library: OrgsPlugin
// Package: Identity
// Module:  PublicKey
//


#include "identity/PublicKey.h"
#include "identity/Base64Url.h"
#include "Poco/Exception.h"
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <memory>


namespace Orgs {
namespace Federation {


namespace {


struct Free
{
	void operator()(BIGNUM* p) const { BN_free(p); }
	void operator()(OSSL_PARAM_BLD* p) const { OSSL_PARAM_BLD_free(p); }
	void operator()(OSSL_PARAM* p) const { OSSL_PARAM_free(p); }
	void operator()(EVP_PKEY_CTX* p) const { EVP_PKEY_CTX_free(p); }
	void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
	void operator()(ECDSA_SIG* p) const { ECDSA_SIG_free(p); }
};


template <class T>
using Owned = std::unique_ptr<T, Free>;


std::string member(const Poco::JSON::Object::Ptr& pJwk, const std::string& name, bool required = true)
{
	if (!pJwk->has(name))
	{
		if (required)
			throw Poco::DataFormatException("JWK without " + name);
		return std::string();
	}
	const Poco::Dynamic::Var value = pJwk->get(name);
	if (!value.isString())
		throw Poco::DataFormatException("JWK member " + name + " is not a string");
	return value.extract<std::string>();
}


std::string bytesOf(const Poco::JSON::Object::Ptr& pJwk, const std::string& name)
{
	std::string bytes;
	if (!Base64Url::decode(member(pJwk, name), bytes) || bytes.empty())
		throw Poco::DataFormatException("JWK member " + name + " is not base64url");
	return bytes;
}


EVP_PKEY* fromData(const char* type, OSSL_PARAM_BLD* pBuilder)
{
	Owned<OSSL_PARAM> pParams(OSSL_PARAM_BLD_to_param(pBuilder));
	Owned<EVP_PKEY_CTX> pContext(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
	EVP_PKEY* pKey = nullptr;
	if (!pParams || !pContext || EVP_PKEY_fromdata_init(pContext.get()) <= 0 ||
	    EVP_PKEY_fromdata(pContext.get(), &pKey, EVP_PKEY_PUBLIC_KEY, pParams.get()) <= 0)
	{
		ERR_clear_error();
		throw Poco::DataFormatException(std::string("JWK: not a valid ") + type + " public key");
	}
	return pKey;
}


EVP_PKEY* rsaKey(const Poco::JSON::Object::Ptr& pJwk)
{
	const std::string n = bytesOf(pJwk, "n");
	const std::string e = bytesOf(pJwk, "e");
	Owned<BIGNUM> pN(BN_bin2bn(reinterpret_cast<const unsigned char*>(n.data()), static_cast<int>(n.size()), nullptr));
	Owned<BIGNUM> pE(BN_bin2bn(reinterpret_cast<const unsigned char*>(e.data()), static_cast<int>(e.size()), nullptr));
	Owned<OSSL_PARAM_BLD> pBuilder(OSSL_PARAM_BLD_new());
	if (!pN || !pE || !pBuilder || !OSSL_PARAM_BLD_push_BN(pBuilder.get(), OSSL_PKEY_PARAM_RSA_N, pN.get()) ||
	    !OSSL_PARAM_BLD_push_BN(pBuilder.get(), OSSL_PKEY_PARAM_RSA_E, pE.get()))
		throw Poco::DataFormatException("JWK: cannot read the RSA key");
	if (BN_num_bits(pN.get()) < PublicKey::MIN_RSA_BITS)
		throw Poco::DataFormatException("JWK: an RSA key of fewer than 2048 bits");
	return fromData("RSA", pBuilder.get());
}


EVP_PKEY* ecKey(const Poco::JSON::Object::Ptr& pJwk, const std::string& curve)
{
	std::size_t size = 0;
	const char* group = nullptr;
	if (curve == "P-256")
	{
		size = 32;
		group = "P-256";
	}
	else if (curve == "P-384")
	{
		size = 48;
		group = "P-384";
	}
	else
		throw Poco::DataFormatException("JWK: unsupported curve '" + curve + "'");
	const std::string x = bytesOf(pJwk, "x");
	const std::string y = bytesOf(pJwk, "y");
	if (x.size() != size || y.size() != size)
		throw Poco::DataFormatException("JWK: coordinates of the wrong size for " + curve);
	// The uncompressed point: 0x04, X, Y (SEC 1, 2.3.3). EVP_PKEY_fromdata checks it is on the curve.
	const std::string point = std::string(1, '\x04') + x + y;
	Owned<OSSL_PARAM_BLD> pBuilder(OSSL_PARAM_BLD_new());
	if (!pBuilder || !OSSL_PARAM_BLD_push_utf8_string(pBuilder.get(), OSSL_PKEY_PARAM_GROUP_NAME, group, 0) ||
	    !OSSL_PARAM_BLD_push_octet_string(pBuilder.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size()))
		throw Poco::DataFormatException("JWK: cannot read the EC key");
	EVP_PKEY* pKey = fromData("EC", pBuilder.get());
	Owned<EVP_PKEY_CTX> pCheck(EVP_PKEY_CTX_new_from_pkey(nullptr, pKey, nullptr));
	if (!pCheck || EVP_PKEY_public_check(pCheck.get()) != 1)
	{
		ERR_clear_error();
		EVP_PKEY_free(pKey);
		throw Poco::DataFormatException("JWK: the EC point is not on " + curve);
	}
	return pKey;
}


const EVP_MD* digestOf(const std::string& alg)
{
	const std::string bits = alg.substr(2);
	if (bits == "256")
		return EVP_sha256();
	if (bits == "384")
		return EVP_sha384();
	if (bits == "512")
		return EVP_sha512();
	return nullptr;
}


bool derSignature(const std::string& raw, std::size_t size, std::string& der)
	/// Turns a JWS ECDSA signature (R and S, each size bytes, big-endian) into the DER
	/// encoding OpenSSL verifies (RFC 7518, 3.4).
{
	if (raw.size() != 2 * size)
		return false;
	const unsigned char* p = reinterpret_cast<const unsigned char*>(raw.data());
	Owned<ECDSA_SIG> pSig(ECDSA_SIG_new());
	BIGNUM* r = BN_bin2bn(p, static_cast<int>(size), nullptr);
	BIGNUM* s = BN_bin2bn(p + size, static_cast<int>(size), nullptr);
	if (!pSig || !r || !s || !ECDSA_SIG_set0(pSig.get(), r, s))
	{
		BN_free(r);
		BN_free(s);
		return false;
	}
	unsigned char* pDer = nullptr;
	const int length = i2d_ECDSA_SIG(pSig.get(), &pDer);
	if (length <= 0)
		return false;
	der.assign(reinterpret_cast<const char*>(pDer), static_cast<std::size_t>(length));
	OPENSSL_free(pDer);
	return true;
}


} // namespace


PublicKey::Ptr PublicKey::fromJwk(const Poco::JSON::Object::Ptr& pJwk)
{
	std::shared_ptr<PublicKey> pKey(new PublicKey);
	pKey->_keyType = member(pJwk, "kty");
	pKey->_keyId = member(pJwk, "kid", false);
	pKey->_algorithm = member(pJwk, "alg", false);
	if (pKey->_keyType == "RSA")
		pKey->_pKey = rsaKey(pJwk);
	else if (pKey->_keyType == "EC")
	{
		pKey->_curve = member(pJwk, "crv");
		pKey->_pKey = ecKey(pJwk, pKey->_curve);
	}
	else
		throw Poco::DataFormatException("JWK: unsupported key type '" + pKey->_keyType + "'");
	return pKey;
}


PublicKey::~PublicKey()
{
	EVP_PKEY_free(_pKey);
}


bool PublicKey::fits(const std::string& alg) const
{
	if (!_algorithm.empty() && _algorithm != alg)
		return false;
	if (alg == "RS256" || alg == "RS384" || alg == "RS512")
		return _keyType == "RSA";
	if (alg == "ES256")
		return _keyType == "EC" && _curve == "P-256";
	if (alg == "ES384")
		return _keyType == "EC" && _curve == "P-384";
	return false;
}


bool PublicKey::verify(const std::string& alg, const std::string& signingInput, const std::string& signature) const
{
	if (!fits(alg))
		return false;
	const EVP_MD* pDigest = digestOf(alg);
	std::string der;
	const std::string* pSignature = &signature;
	if (_keyType == "EC")
	{
		if (!derSignature(signature, alg == "ES256" ? 32 : 48, der))
			return false;
		pSignature = &der;
	}
	Owned<EVP_MD_CTX> pContext(EVP_MD_CTX_new());
	const bool valid =
	    pContext && EVP_DigestVerifyInit(pContext.get(), nullptr, pDigest, nullptr, _pKey) == 1 &&
	    EVP_DigestVerify(pContext.get(), reinterpret_cast<const unsigned char*>(pSignature->data()), pSignature->size(),
	                     reinterpret_cast<const unsigned char*>(signingInput.data()), signingInput.size()) == 1;
	// A refused signature leaves errors on this thread's queue, where a later TLS call would find them.
	ERR_clear_error();
	return valid;
}


} // namespace Federation
} // namespace Orgs
