//
// ExternalIdentities.h
//
// Library: OrgsPlugin
// Package: Identity
// Module:  ExternalIdentities
//
// Which account an identity at an identity provider signs in to, made on first sight.
//


#ifndef Orgs_ExternalIdentities_INCLUDED
#define Orgs_ExternalIdentities_INCLUDED


#include "data/AccountRepository.h"
#include "data/Database.h"
#include "data/ExternalIdentityRepository.h"
#include "identity/SignInStep.h"
#include "identity/VerifiedToken.h"
#include "service/AccountServiceImpl.h"
#include "service/AuditTrail.h"
#include "service/Clock.h"
#include <string>


namespace Orgs {
namespace Federation {


class ExternalIdentities
	/// Resolves a verified token's identity (issuer, subject) to its account. The first token
	/// of an identity provisions it, in one transaction:
	///
	///   - with orgs.auth.linkVerifiedEmail, a token of a CONFIGURED issuer whose email is
	///     verified (email_verified true) signs in to the one existing account with that email
	///     (if several accounts have it, none is chosen: a new account is made);
	///   - otherwise a new account is made, its username derived from preferred_username, the
	///     email's local part or the name (AccountServiceImpl::provisionForIdentity makes it
	///     unique).
	///
	/// An issuer that only an SSO connection names never links by email: its organization's
	/// admins control it, and could otherwise mint a token with anyone's verified email and
	/// take over that account. For the same reason only a configured issuer marks an account's
	/// email verified (accounts.email_verified, which verified-domain rules trust).
	///
	/// Race-safe: two first sign-ins of one identity at once give one account (the loser's
	/// transaction rolls back on the unique (issuer, subject) and it reads the winner's).
{
public:
	ExternalIdentities(Data::Database& database, Service::AccountServiceImpl& accounts, Service::Clock::Ptr pClock,
	                   bool linkVerifiedEmail);

	SignIn resolve(const VerifiedToken& token);
		/// Returns the identity's account, provisioning both on first sight, and records the
		/// sign-in. Throws UnauthenticatedException ("token_identity_invalid") if the token's
		/// claims cannot make an account (an email that is not an address).

	static std::string usernameBase(const VerifiedToken& token);
		/// Returns the username a new account of token starts from: the first of
		/// preferred_username, the email's local part and the name that has at least two
		/// letters or digits, lower-cased, other characters as '-'; "user" if none has.

private:
	SignIn provision(const VerifiedToken& token);
	bool mayLinkByEmail(const VerifiedToken& token) const;

	Data::Database& _database;
	Service::AccountServiceImpl& _accountService;
	Service::Clock::Ptr _pClock;
	const bool _linkVerifiedEmail;
	Data::ExternalIdentityRepository _identities;
	Data::AccountRepository _accounts;
	Service::AuditTrail _audit;
};


} // namespace Federation
} // namespace Orgs


#endif // Orgs_ExternalIdentities_INCLUDED
