//
// KeySet.h
//
// Library: OrgsPlugin
// Package: Identity
// Module:  KeySet
//
// An issuer's JSON Web Key Set: the public keys its tokens are signed with.
//


#ifndef Orgs_KeySet_INCLUDED
#define Orgs_KeySet_INCLUDED


#include "identity/PublicKey.h"
#include <memory>
#include <string>
#include <vector>


namespace Orgs {
namespace Federation {


class KeySet
	/// The signing keys of a JWKS document (RFC 7517, 5). Immutable: a refetch makes a new set.
{
public:
	using Ptr = std::shared_ptr<const KeySet>;

	static Ptr parse(const std::string& json, std::vector<std::string>& skipped);
		/// Reads a JWKS document. Keys this plugin cannot use (another type or curve, an
		/// encryption key, a malformed or too small one) are left out, each with the reason in
		/// skipped; the others are kept in order. Throws Poco::DataFormatException if json is
		/// not a JSON object with a "keys" array.

	explicit KeySet(std::vector<PublicKey::Ptr> keys);

	PublicKey::Ptr find(const std::string& keyId) const;
		/// Returns the key whose kid is keyId, or null.

	const std::vector<PublicKey::Ptr>& keys() const;

private:
	std::vector<PublicKey::Ptr> _keys;
};


//
// inlines
//
inline const std::vector<PublicKey::Ptr>& KeySet::keys() const
{
	return _keys;
}


} // namespace Federation
} // namespace Orgs


#endif // Orgs_KeySet_INCLUDED
