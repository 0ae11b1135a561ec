//
// VerifiedToken.h
//
// Library: OrgsPlugin
// Package: Identity
// Module:  VerifiedToken
//
// What a verified OpenID Connect token says about who sent it.
//


#ifndef Orgs_VerifiedToken_INCLUDED
#define Orgs_VerifiedToken_INCLUDED


#include "Orgs/Model.h"
#include "Poco/JSON/Object.h"
#include "Poco/Timestamp.h"
#include <memory>
#include <string>
#include <vector>


namespace Orgs {
namespace Federation {
// Federated identity: the accounts' identities at other issuers. The folder is identity/;
// the namespace cannot be Identity, which names the struct hosts' Authenticators fill.


struct VerifiedToken
	/// A JSON Web Token whose signature, issuer, audience and lifetime were verified, and the
	/// claims Orgs reads from it. Immutable once made; shared by every request that presents
	/// the same token while it is cached.
{
	using Ptr = std::shared_ptr<const VerifiedToken>; ///< (Poco 1.11's SharedPtr does not take a const type)

	std::string issuer;              ///< iss, as the token says it (and the trusted issuer is configured)
	std::string issuerName;          ///< the configured issuer's name (orgs.auth.oidc.<name>); empty for an
	                                 ///< issuer that only an SSO connection names
	std::string audience;            ///< the audience it was accepted for (one of aud)
	std::string subject;             ///< sub: the issuer's stable id of the user
	std::string email;               ///< email, in lower case; empty if absent
	bool emailVerified = false;      ///< email_verified is true
	std::string name;                ///< name, if present
	std::string preferredUsername;   ///< preferred_username, if present
	std::vector<std::string> groups; ///< the groups claim (orgs.auth.oidc.<name>.groupsClaim, default
	                                 ///< "groups"): a string array, or one string; empty if absent
	std::string tokenId;             ///< jti, if present
	Poco::Timestamp issuedAt;        ///< iat (0 if absent)
	Poco::Timestamp expiresAt;       ///< exp
	Poco::JSON::Object::Ptr pClaims; ///< every claim of the payload, for mapping rules naming others
};


} // namespace Federation
} // namespace Orgs


#endif // Orgs_VerifiedToken_INCLUDED
