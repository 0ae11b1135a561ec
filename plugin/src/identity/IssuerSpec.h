//
// IssuerSpec.h
//
// Library: OrgsPlugin
// Package: Identity
// Module:  IssuerSpec
//
// An OpenID Provider whose tokens Orgs accepts, and how to check them.
//


#ifndef Orgs_IssuerSpec_INCLUDED
#define Orgs_IssuerSpec_INCLUDED


#include "Poco/Nullable.h"
#include <string>
#include <vector>


namespace Orgs {
namespace Federation {


struct IssuerSpec
	/// A trusted issuer: one configured (orgs.auth.oidc.<name>.*) or one an SSO connection names
	/// with its own issuer and audience.
{
	std::string name;                   ///< orgs.auth.oidc.<name>; empty for an SSO connection's own issuer
	std::string issuer;                 ///< iss, exactly as the provider writes it
	std::vector<std::string> audiences; ///< a token's aud must contain one of them
	std::string jwksUri;                ///< empty: read from <issuer>/.well-known/openid-configuration
	std::vector<std::string> algorithms = {"RS256", "ES256"}; ///< JWS algorithms accepted
	int clockSkewSeconds = 60;                                ///< leeway on exp, nbf and iat
	std::string groupsClaim = "groups";                       ///< the claim read as VerifiedToken::groups
};


class IssuerSource
	/// Issuers that are not in the configuration: those SSO connections name. Asked when a token
	/// names an issuer the configuration does not have.
{
public:
	virtual ~IssuerSource() = default;

	virtual Poco::Nullable<IssuerSpec> findIssuer(const std::string& issuer) = 0;
		/// Returns the issuer as the connections that name it have it (their audiences together),
		/// or null if none does.
};


} // namespace Federation
} // namespace Orgs


#endif // Orgs_IssuerSpec_INCLUDED
