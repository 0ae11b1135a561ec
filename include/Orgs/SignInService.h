//
// SignInService.h
//
// Library: Orgs
// Package: Services
// Module:  SignInService
//
// Signing in with a token of an OpenID Provider.
//


#ifndef Orgs_SignInService_INCLUDED
#define Orgs_SignInService_INCLUDED


#include "Orgs/Model.h"
#include "Poco/SharedPtr.h"
#include <string>


namespace Orgs {


class SignInService
	/// Signs in with a JSON Web Token (an OpenID Connect ID token or a JWT access token) of a
	/// trusted issuer: one configured under orgs.auth.oidc.<name>.*, or one an organization's
	/// SSO connection names. It is what "Authorization: Bearer <JWT>" does on every route of
	/// the HTTP API, for a host that receives such tokens itself (a WebSocket, a gRPC call).
	///
	/// The first token of an identity (issuer, subject) provisions its account (see README.md,
	/// "Signing in with OpenID Connect"); every sign-in runs the modules' sign-in steps (SSO
	/// mapping rules, verified-domain joins). A token that signed in is remembered until it
	/// expires: using it again costs neither a signature check nor a query.
{
public:
	using Ptr = Poco::SharedPtr<SignInService>;

	virtual ~SignInService() = default;

	virtual Account signIn(const std::string& token) = 0;
		/// Verifies token, signs its identity in and returns its account.
		///
		/// Throws UnauthenticatedException for a token that is refused, with a reason saying
		/// why (token_malformed, token_unsigned, token_algorithm_not_allowed,
		/// token_issuer_unknown, token_kid_missing, token_key_unknown, token_signature_invalid,
		/// token_audience_mismatch, token_expired, token_not_yet_valid, token_identity_invalid),
		/// UnavailableException ("identity_provider_unavailable") if the issuer's keys cannot be
		/// fetched, and what a sign-in step throws to refuse the sign-in (UnauthenticatedException
		/// or ForbiddenException).
};


} // namespace Orgs


#endif // Orgs_SignInService_INCLUDED
