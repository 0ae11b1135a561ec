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

	void verify(Poco::Data::Session& session, Id tokenId) override;
		/// Throws UnauthenticatedException ("token_revoked") unless the token is neither revoked
		/// nor expired, read within the caller's transaction and kept so until it ends (see
		/// Data::Credential). A token revoked through this process has left its cache already.

private:
	static void validate(const AccountSpec& spec);
	Account insertAccount(Poco::Data::Session& session, const AccountSpec& spec, const std::string& subject,
	                      bool personal = true);
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
