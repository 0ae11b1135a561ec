//
// ExternalIdentities.cpp
//
// Library: OrgsPlugin
// Package: Identity
// Module:  ExternalIdentities
//


#include "identity/ExternalIdentities.h"
#include "Orgs/Errors.h"
#include "Poco/String.h"


namespace Orgs {
namespace Federation {


namespace {


std::string normalized(const std::string& text)
	/// Lower-case a-z and 0-9, every run of other characters one '-', none at either end.
{
	std::string result;
	for (char c : text)
	{
		const char lower = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
		if ((lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9'))
			result.push_back(lower);
		else if (!result.empty() && result.back() != '-')
			result.push_back('-');
	}
	while (!result.empty() && result.back() == '-')
		result.pop_back();
	return result.substr(0, 39);
}


bool usable(const std::string& name)
{
	if (name.size() < 2)
		return false;
	// All digits would read as an id (Validator::username).
	return name.find_first_not_of("0123456789-") != std::string::npos;
}


std::string cutName(const std::string& name)
	/// At most 200 characters (Validator::name), cut on a code point boundary.
{
	std::size_t characters = 0;
	std::size_t end = 0;
	while (end < name.size() && characters < 200)
	{
		++end;
		while (end < name.size() && (static_cast<unsigned char>(name[end]) & 0xC0) == 0x80)
			++end;
		++characters;
	}
	return Poco::trim(name.substr(0, end));
}


} // namespace


ExternalIdentities::ExternalIdentities(Data::Database& database, Service::AccountServiceImpl& accounts,
                                       Service::Clock::Ptr pClock, bool linkVerifiedEmail)
    : _database(database), _accountService(accounts), _pClock(pClock), _linkVerifiedEmail(linkVerifiedEmail),
      _identities(database), _accounts(database), _audit(database, pClock)
{
}


std::string ExternalIdentities::usernameBase(const VerifiedToken& token)
{
	const std::string::size_type at = token.email.find('@');
	const std::string candidates[] = {token.preferredUsername,
	                                  at == std::string::npos ? std::string() : token.email.substr(0, at), token.name};
	for (const auto& candidate : candidates)
	{
		std::string name = normalized(candidate);
		while (!name.empty() && name.back() == '-')
			name.pop_back();
		if (usable(name))
			return name;
	}
	return "user";
}


bool ExternalIdentities::mayLinkByEmail(const VerifiedToken& token) const
{
	// Only a configured issuer (issuerName set): an SSO connection's issuer is run by that
	// organization's admins, who must never reach accounts outside it by asserting an email.
	return _linkVerifiedEmail && token.emailVerified && !token.email.empty() && !token.issuerName.empty();
}


SignIn ExternalIdentities::resolve(const VerifiedToken& token)
{
	const bool configured = !token.issuerName.empty();
	SignIn signIn{token, 0, 0, false, false, false, std::string()};
	Data::ExternalIdentityRepository::Identity identity;
	const bool known = _database.withSession(
	    [&](Poco::Data::Session& s) { return _identities.find(s, token.issuer, token.subject, identity); });
	if (!known)
	{
		try
		{
			return provision(token);
		}
		catch (ConflictException& exc)
		{
			// Another request provisioned this identity first: sign in to its account.
			if (exc.reason() != "identity_taken")
				throw;
		}
	}
	// A known identity: its account as it is, and what the provider says now.
	const bool verifiesEmail = configured && token.emailVerified && !token.email.empty();
	_database.transact([&](Poco::Data::Session& s) {
		if (!_identities.find(s, token.issuer, token.subject, identity))
			throw UnavailableException("The identity changed while signing in; retry", "identity_changed");
		_identities.signedIn(s, identity.id, token.email, token.emailVerified, _pClock->now());
		if (verifiesEmail && !identity.accountEmailVerified && Poco::icompare(identity.accountEmail, token.email) == 0)
		{
			_accounts.setEmailVerified(s, identity.accountId, true);
			identity.accountEmailVerified = true;
		}
	});
	signIn.accountId = identity.accountId;
	signIn.identityId = identity.id;
	signIn.email = identity.accountEmail;
	signIn.emailVerified = identity.accountEmailVerified;
	return signIn;
}


SignIn ExternalIdentities::provision(const VerifiedToken& token)
{
	const bool configured = !token.issuerName.empty();
	AccountSpec spec;
	spec.username = usernameBase(token);
	spec.email = token.email;
	spec.name = cutName(token.name);
	try
	{
		return _database.transact([&](Poco::Data::Session& s) {
			Data::ExternalIdentityRepository::Identity existing;
			if (_identities.find(s, token.issuer, token.subject, existing))
				throw ConflictException("This identity belongs to an account already", "identity_taken");
			SignIn signIn{token, 0, 0, false, false, false, std::string()};
			signIn.identityCreated = true;
			Poco::Nullable<Account> account;
			if (mayLinkByEmail(token))
			{
				// One account with the email, or none: with two, choosing either would be a guess.
				const std::vector<Account> sameEmail = _accounts.findByEmail(s, token.email, 2);
				if (sameEmail.size() == 1)
					account = sameEmail.front();
			}
			if (account.isNull())
			{
				account = _accountService.provisionForIdentity(s, spec);
				signIn.accountCreated = true;
			}
			const Account& a = account.value();
			// Only a configured issuer's word marks an email verified (see the class).
			const bool verified =
			    configured && token.emailVerified && !token.email.empty() && Poco::icompare(a.email, token.email) == 0;
			if (verified)
				_accounts.setEmailVerified(s, a.id, true);
			signIn.identityId = _identities.insert(s, a.id, token.issuer, token.subject, token.email,
			                                       token.emailVerified, _pClock->now());
			// An account-level event, the account its own actor (as at sign-up).
			_audit.record(s, 0, a.id, "account.identity_linked", {"account", a.id, a.username},
			              Service::AuditDetails()
			                  .after("issuer", token.issuer)
			                  .after("subject", token.subject)
			                  .after("created", signIn.accountCreated));
			signIn.accountId = a.id;
			signIn.email = a.email;
			signIn.emailVerified = verified;
			return signIn;
		});
	}
	catch (InvalidInputException& exc)
	{
		throw UnauthenticatedException("The token's claims cannot make an account: " + exc.message(),
		                               "token_identity_invalid");
	}
}


} // namespace Federation
} // namespace Orgs
