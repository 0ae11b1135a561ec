//
// SignInStep.h
//
// Library: OrgsPlugin
// Package: Identity
// Module:  SignInStep
//
// What else happens when someone signs in with a token from an identity provider.
//


#ifndef Orgs_SignInStep_INCLUDED
#define Orgs_SignInStep_INCLUDED


#include "Orgs/Model.h"
#include "identity/VerifiedToken.h"


namespace Orgs {
namespace Federation {


struct SignIn
	/// One sign-in: a verified token, and the account its identity (issuer, subject) belongs to.
	///
	/// A sign-in is the first time this process sees a token (verification results are cached
	/// per token until it expires): every token an identity provider issues is one sign-in.
{
	const VerifiedToken& token;
	Id accountId = 0;             ///< the account of the identity
	Id identityId = 0;            ///< the external identity's row
	bool accountCreated = false;  ///< the account was provisioned for this identity just now
	bool identityCreated = false; ///< the identity was seen for the first time (first sign-in)
	bool emailVerified = false;   ///< the account's email is one an identity provider verified
	std::string email;            ///< the account's email
};


class SignInStep
	/// A module's part in a sign-in (SSO connections apply their mapping rules; verified domains
	/// join accounts to organizations). Steps run one after the other, after the identity and
	/// its account were committed, each in its own transactions.
{
public:
	virtual ~SignInStep() = default;

	virtual void signedIn(const SignIn& signIn) = 0;
		/// Does this step's part. Throws UnauthenticatedException or ForbiddenException to refuse
		/// the sign-in (the request fails with that error and the token is not cached). A refusal
		/// of the step's own change that should not refuse the sign-in (a full organization, say)
		/// is the step's to log, not to throw.
};


} // namespace Federation
} // namespace Orgs


#endif // Orgs_SignInStep_INCLUDED
