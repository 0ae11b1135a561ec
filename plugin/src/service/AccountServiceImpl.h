//
// AccountServiceImpl.h
//
// Library: OrgsPlugin
// Package: Service
// Module:  AccountServiceImpl
//
// Accounts and personal access tokens.
//


#ifndef Orgs_AccountServiceImpl_INCLUDED
#define Orgs_AccountServiceImpl_INCLUDED


#include "Orgs/AccountService.h"
#include "data/AccountRepository.h"
#include "data/Credential.h"
#include "data/HandleRepository.h"
#include "data/OrganizationRepository.h"
#include "data/TokenRepository.h"
#include "service/AuditTrail.h"
#include "service/Clock.h"
#include "service/FreshCache.h"
#include "service/Guard.h"
#include "service/Joining.h"
#include "service/OrganizationServiceImpl.h"
#include <vector>


namespace Orgs {
namespace Service {


class AccountServiceImpl : public Orgs::AccountService, public Data::Credential::Verifier
	/// Implements AccountService. Tokens look like "orgs_pat_<43 base64url characters>"
	/// (256 random bits); the prefix lets secret scanners recognise a leaked one.
	///
	/// As the Credential::Verifier of the HTTP layer it checks, inside every write transaction
	/// of a request, that the request's token is still live in the database.
{
public:
	static const std::string TOKEN_PREFIX;

	AccountServiceImpl(Data::Database& database, Guard& guard, Clock::Ptr pClock, int touchSeconds,
	                   Poco::Int64 maxStalenessNs, std::size_t cacheEntries,
	                   OrganizationServiceImpl* pPersonalOrganizations, const std::vector<Joining*>& joinings);
		/// Live tokens are remembered by hash for maxStalenessNs (orgs.access.maxStaleness): a
		/// token revoked here stops working at once, one revoked by another host within that
		/// bound. At most cacheEntries tokens are remembered.
		///
		/// With pPersonalOrganizations (orgs.organizations.personalOnSignup), every account
		/// created gets its personal organization through it. signUpToJoin() takes the tokens
		/// that one of joinings handles. Both must outlive this service.

	Account createAccount(const AccountSpec& spec) override;
	SignUp signUp(const AccountSpec& spec, const std::string& tokenName) override;
	SignUp signUpToJoin(const AccountSpec& spec, const std::string& tokenName, const std::string& invitation,
	                    Membership& joined) override;
	Account provisionAccount(const std::string& subject, const AccountSpec& spec) override;
	Account getAccount(Id accountId) override;
	Account findAccount(const std::string& ref) override;
	IssuedToken createToken(Id accountId, const std::string& name) override;
	Page<AccessToken> listTokens(Id accountId, const PageRequest& page) override;
	void revokeToken(Id accountId, Id tokenId) override;
	bool authenticateToken(const std::string& secret, Id& accountId) override;
	Poco::Nullable<Organization> activeOrganization(Id accountId) override;
	Poco::Nullable<Organization> setActiveOrganization(Id accountId, const std::string& org) override;

	bool authenticateToken(const std::string& secret, Id& accountId, Id& tokenId);
		/// As authenticateToken(secret, accountId), and returns the token's id too.

	Account provisionForIdentity(Poco::Data::Session& session, const AccountSpec& spec);
		/// Creates, within the caller's transaction, the account of an identity at an identity
		/// provider seen for the first time. spec.username is where its username starts: the
		/// account gets the first of "name", "name-2", "name-3", ... that no account or
		/// organization holds (one namespace of handles, as personal organizations take theirs),
		/// so two first sign-ins that race get two names. The email may be empty (a provider
		/// that does not share it). As every new account, it gets its personal organization
		/// with orgs.organizations.personalOnSignup, and an "account.created" event.
		///
		/// Throws InvalidInputException for a name that is not a username or an email that is
		/// not an address.

	static std::string usernameCandidate(const std::string& base, int n);
		/// Returns the n-th username provisionForIdentity() tries for base (n from 1): base,
		/// then base-2, base-3, ..., cut so that it keeps to 39 characters.

	void verify(Poco::Data::Session& session, Id tokenId) override;
		/// Throws UnauthenticatedException ("token_revoked") unless the token is neither revoked
		/// nor expired, read within the caller's transaction and kept so until it ends (see
		/// Data::Credential). A token revoked through this process has left its cache already.

private:
	static void validate(const AccountSpec& spec);
	Account insertAccount(Poco::Data::Session& session, const AccountSpec& spec, const std::string& subject,
	                      bool personal = true, bool firstFreeUsername = false);
	IssuedToken insertToken(Poco::Data::Session& session, Id accountId, const std::string& name);

	Data::Database& _database;
	Guard& _guard;
	Clock::Ptr _pClock;
	int _touchSeconds;
	Data::HandleRepository _handles;
	Data::AccountRepository _accounts;
	Data::TokenRepository _tokens;
	AuditTrail _audit;
	FreshCache<std::string, Data::TokenRepository::LiveToken> _liveTokens;
	Data::OrganizationRepository _organizations;
	OrganizationServiceImpl* _pPersonalOrganizations;
	std::vector<Joining*> _joinings;
};


} // namespace Service
} // namespace Orgs


#endif // Orgs_AccountServiceImpl_INCLUDED
