//
// SecretBox.cpp
//
// Library: OrgsPlugin
// Package: Service
// Module:  SecretBox
//


#include "service/SecretBox.h"
#include "service/Secrets.h"
#include "Poco/Base64Decoder.h"
#include "Poco/FileStream.h"
#include "Poco/String.h"
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <cctype>
#include <memory>
#include <sstream>
#include <vector>


namespace Orgs {
namespace Service {


POCO_IMPLEMENT_EXCEPTION(SealedSecretException, Poco::DataException, "The sealed secret does not open")


namespace {


constexpr int NONCE_BYTES = 12;
constexpr int TAG_BYTES = 16;


using Context = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;


Context newContext()
{
	Context ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
	if (!ctx)
		throw Poco::OutOfMemoryException("EVP_CIPHER_CTX_new");
	return ctx;
}


bool decodeBase64(const std::string& text, std::string& bytes)
{
	for (char c : text)
	{
		if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '/' && c != '=')
			return false;
	}
	try
	{
		std::istringstream in(text);
		Poco::Base64Decoder decoder(in);
		bytes.assign(std::istreambuf_iterator<char>(decoder), std::istreambuf_iterator<char>());
		return true;
	}
	catch (Poco::Exception&)
	{
		return false;
	}
}


bool decodeHex(const std::string& text, std::string& bytes)
{
	if (text.size() % 2 != 0)
		return false;
	bytes.clear();
	for (std::size_t i = 0; i < text.size(); i += 2)
	{
		if (!std::isxdigit(static_cast<unsigned char>(text[i])) ||
		    !std::isxdigit(static_cast<unsigned char>(text[i + 1])))
			return false;
		bytes.push_back(static_cast<char>(std::stoi(text.substr(i, 2), nullptr, 16)));
	}
	return true;
}


const unsigned char* bytesOf(const std::string& s)
{
	return reinterpret_cast<const unsigned char*>(s.data());
}


} // namespace


const std::string SecretBox::PREFIX("sealed:v1:");


SecretBox::SecretBox() {}


SecretBox::SecretBox(const std::string& key) : _key(key)
{
	if (_key.size() != KEY_BYTES)
		throw Poco::InvalidArgumentException("A secret key has " + std::to_string(KEY_BYTES) + " bytes");
}


SecretBox SecretBox::fromFile(const std::string& path)
{
	std::string text;
	try
	{
		Poco::FileInputStream in(path);
		text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
	}
	catch (Poco::Exception& exc)
	{
		throw Poco::FileException("orgs.secrets.keyFile: cannot read " + path, exc.displayText());
	}
	text = Poco::trim(text);
	std::string key;
	if (!(text.size() == 2 * KEY_BYTES && decodeHex(text, key)) &&
	    !(decodeBase64(text, key) && key.size() == KEY_BYTES))
	{
		throw Poco::DataFormatException("orgs.secrets.keyFile: " + path + " must hold a " + std::to_string(KEY_BYTES) +
		                                "-byte key as 64 hexadecimal digits or as base64 (openssl rand -hex 32)");
	}
	return SecretBox(key);
}


bool SecretBox::hasKey() const
{
	return !_key.empty();
}


bool SecretBox::isSealed(const std::string& stored)
{
	return stored.compare(0, PREFIX.size(), PREFIX) == 0;
}


std::string SecretBox::seal(const std::string& secret, const std::string& context) const
{
	if (!hasKey())
		return secret;
	std::string nonce(NONCE_BYTES, '\0');
	if (RAND_bytes(reinterpret_cast<unsigned char*>(&nonce[0]), NONCE_BYTES) != 1)
		throw Poco::SystemException("RAND_bytes failed");
	std::string ciphertext(secret.size(), '\0');
	std::string tag(TAG_BYTES, '\0');
	Context ctx = newContext();
	int length = 0;
	unsigned char final[TAG_BYTES]; // GCM writes nothing at the end
	if (EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, bytesOf(_key), bytesOf(nonce)) != 1 ||
	    EVP_EncryptUpdate(ctx.get(), nullptr, &length, bytesOf(context), static_cast<int>(context.size())) != 1 ||
	    EVP_EncryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(&ciphertext[0]), &length, bytesOf(secret),
	                      static_cast<int>(secret.size())) != 1 ||
	    EVP_EncryptFinal_ex(ctx.get(), final, &length) != 1 ||
	    EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, TAG_BYTES, &tag[0]) != 1)
	{
		throw Poco::SystemException("AES-256-GCM sealing failed");
	}
	return PREFIX + Secrets::base64(nonce + ciphertext + tag);
}


std::string SecretBox::open(const std::string& stored, const std::string& context) const
{
	if (!isSealed(stored))
		return stored;
	if (!hasKey())
		throw SealedSecretException("The secret is sealed and orgs.secrets.keyFile is not set");
	std::string sealed;
	if (!decodeBase64(stored.substr(PREFIX.size()), sealed) || sealed.size() < NONCE_BYTES + TAG_BYTES)
		throw SealedSecretException("The sealed secret is malformed");
	const std::string nonce = sealed.substr(0, NONCE_BYTES);
	const std::string ciphertext = sealed.substr(NONCE_BYTES, sealed.size() - NONCE_BYTES - TAG_BYTES);
	std::string tag = sealed.substr(sealed.size() - TAG_BYTES);
	std::string secret(ciphertext.size(), '\0');
	Context ctx = newContext();
	int length = 0;
	unsigned char final[TAG_BYTES]; // GCM writes nothing at the end
	if (EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, bytesOf(_key), bytesOf(nonce)) != 1 ||
	    EVP_DecryptUpdate(ctx.get(), nullptr, &length, bytesOf(context), static_cast<int>(context.size())) != 1 ||
	    EVP_DecryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(&secret[0]), &length, bytesOf(ciphertext),
	                      static_cast<int>(ciphertext.size())) != 1 ||
	    EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, TAG_BYTES, &tag[0]) != 1 ||
	    EVP_DecryptFinal_ex(ctx.get(), final, &length) != 1)
	{
		throw SealedSecretException("The sealed secret does not open with this key for this organization");
	}
	return secret;
}


} // namespace Service
} // namespace Orgs
