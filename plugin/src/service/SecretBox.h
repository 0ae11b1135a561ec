//
// SecretBox.h
//
// Library: OrgsPlugin
// Package: Service
// Module:  SecretBox
//
// Secrets the plugin must read back, sealed for storage.
//


#ifndef Orgs_SecretBox_INCLUDED
#define Orgs_SecretBox_INCLUDED


#include "Poco/Exception.h"
#include <memory>
#include <string>


namespace Orgs {
namespace Service {


POCO_DECLARE_EXCEPTION(, SealedSecretException, Poco::DataException)
	/// A sealed secret that does not open: another key, another context, altered, or no key.


class SecretBox
	/// Seals the secrets the plugin must read back in clear (a webhook's signing secret; a hash
	/// would not sign) before they are stored: AES-256-GCM under the operator's key
	/// (orgs.secrets.keyFile), kept outside the database, so that a copy of the database or of
	/// its backups does not give them away. A sealed value reads "sealed:v1:" followed by the
	/// base64 of nonce (12 bytes), ciphertext and tag (16 bytes). The context (the owning
	/// organization) is authenticated with it: a sealed value copied into another organization's
	/// row does not open there.
	///
	/// Without a key, seal() returns the secret as it is; open() returns unsealed values as they
	/// are in either case, so values stored before the key was set keep working.
{
public:
	using Ptr = std::shared_ptr<const SecretBox>;

	static constexpr std::size_t KEY_BYTES = 32;
	static const std::string PREFIX; ///< "sealed:v1:"

	SecretBox();
		/// Creates a box without a key: nothing is sealed.

	explicit SecretBox(const std::string& key);
		/// Creates a box with a KEY_BYTES-byte key. Throws Poco::InvalidArgumentException for
		/// another length.

	static SecretBox fromFile(const std::string& path);
		/// Reads the key from a file holding it as 64 hexadecimal digits or as base64 (surrounding
		/// white space ignored). Throws Poco::FileException if the file cannot be read and
		/// Poco::DataFormatException if it holds no such key (never its content).

	bool hasKey() const;

	std::string seal(const std::string& secret, const std::string& context) const;
		/// Returns secret sealed for context, with a fresh random nonce; secret itself without a key.

	std::string open(const std::string& stored, const std::string& context) const;
		/// Returns the secret of a stored value. Throws SealedSecretException if it is sealed and
		/// does not open with this key for this context.

	static bool isSealed(const std::string& stored);

private:
	std::string _key; ///< empty: no key
};


} // namespace Service
} // namespace Orgs


#endif // Orgs_SecretBox_INCLUDED
