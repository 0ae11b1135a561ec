//
// AccountServiceImpl.cpp
//
// Library: OrgsPlugin
// Package: Service
// Module:  AccountServiceImpl
//


#include "service/AccountServiceImpl.h"
#include "service/Paging.h"
#include "service/Secrets.h"
#include "service/Validator.h"
#include "Orgs/Errors.h"
#include "Poco/String.h"
#include <algorithm>
#include <limits>


namespace Orgs {
namespace Service {


const std::string AccountServiceImpl::TOKEN_PREFIX("orgs_pat_");


AccountServiceImpl::AccountServiceImpl(Data::Database& database, Guard& guard, Clock::Ptr pClock, int touchSeconds,
                                       Poco::Int64 maxStalenessNs, std::size_t cacheEntries,
                                       OrganizationServiceImpl* pPersonalOrganizations,
                                       const std::vector<Joining*>& joinings)
    : _database(database), _guard(guard), _pClock(pClock), _touchSeconds(touchSeconds), _handles(database),
      _accounts(database), _tokens(database), _audit(database, pClock),
      _liveTokens(maxStalenessNs, cacheEntries, guard.time()), _organizations(database),
      _pPersonalOrganizations(pPersonalOrganizations), _joinings(joinings)
{
}


void AccountServiceImpl::validate(const AccountSpec& spec)
{
	Validator::username("username", spec.username);
	Validator::email("email", spec.email);
	Validator::name("name", spec.name, 0, 200);
}


std::string AccountServiceImpl::usernameCandidate(const std::string& base, int n)
{
	static const std::size_t MAX_LENGTH = 39; // Validator::username
	const std::string suffix = n <= 1 ? std::string() : "-" + std::to_string(n);
	std::string name = base.substr(0, MAX_LENGTH - std::min(MAX_LENGTH - 2, suffix.size()));
	while (name.size() > 1 && name.back() == '-')
		name.pop_back();
	return name + suffix;
}


Account AccountServiceImpl::insertAccount(Poco::Data::Session& session, const AccountSpec& spec,
                                          const std::string& subject, bool personal, bool firstFreeUsername)
{
	AccountSpec taken = spec;
	// Handles share one namespace with organizations: take the first free candidate, in order,
	// so the name is deterministic. A failed reservation aborts only its own statement.
	static const int MAX_CANDIDATES = 1000;
	for (int n = 1;; ++n)
	{
		if (firstFreeUsername)
			taken.username = usernameCandidate(spec.username, n);
		try
		{
			_handles.reserve(session, taken.username, Data::HandleRepository::ACCOUNT);
			break;
		}
		catch (ConflictException& exc)
		{
			if (!firstFreeUsername || exc.reason() != "username_taken" || n >= MAX_CANDIDATES)
				throw;
		}
	}
	const Account account = _accounts.insert(session, taken, subject, _pClock->now());
	// An account-level event (no organization); the new account is its own actor.
	_audit.record(session, 0, account.id, "account.created", {"account", account.id, account.username},
	              AuditDetails().after("username", account.username).after("email", account.email));
	if (_pPersonalOrganizations && personal)
	{
		const Organization personal = _pPersonalOrganizations->createPersonalOrganization(session, account);
		_accounts.setActiveOrganization(session, account.id, personal.id);
	}
	return account;
}


IssuedToken AccountServiceImpl::insertToken(Poco::Data::Session& session, Id accountId, const std::string& name)
{
	IssuedToken issued;
	issued.secret = Secrets::generate(TOKEN_PREFIX);
	issued.token = _tokens.insert(session, accountId, name, issued.secret.substr(0, TOKEN_PREFIX.size() + 6),
	                              Secrets::sha256Hex(issued.secret), _pClock->now());
	_audit.record(session, 0, accountId, "token.created", {"token", issued.token.id, name},
	              AuditDetails().after("name", name).after("prefix", issued.token.prefix));
	return issued;
}


Account AccountServiceImpl::createAccount(const AccountSpec& spec)
{
	validate(spec);
	return _database.transact([&](Poco::Data::Session& s) { return insertAccount(s, spec, ""); });
}


SignUp AccountServiceImpl::signUp(const AccountSpec& spec, const std::string& tokenName)
{
	validate(spec);
	Validator::name("token name", tokenName, 1, 100);
	return _database.transact([&](Poco::Data::Session& s) {
		SignUp result;
		result.account = insertAccount(s, spec, "");
		result.token = insertToken(s, result.account.id, tokenName);
		return result;
	});
}


SignUp AccountServiceImpl::signUpToJoin(const AccountSpec& spec, const std::string& tokenName,
                                        const std::string& invitation, Membership& joined)
{
	validate(spec);
	Validator::name("token name", tokenName, 1, 100);
	Joining* pJoining = nullptr;
	for (Joining* p : _joinings)
	{
		if (p->handles(invitation))
			pJoining = p;
	}
	if (!pJoining)
		throw NotFoundException("No such invitation: it is unknown, used or revoked", "invitation_not_found");
	// The organization outside the transaction, so that locking its row is the transaction's
	// first statement (see Quotas); join() checks the token again under the lock.
	const Id orgId = pJoining->organizationOf(invitation);
	return _database.transact([&](Poco::Data::Session& s) {
		if (_organizations.findById(s, orgId, true).isNull())
			throw NotFoundException("No such invitation: it is unknown, used or revoked", "invitation_not_found");
		SignUp result;
		result.account = insertAccount(s, spec, "", false); // it joins an organization instead
		result.token = insertToken(s, result.account.id, tokenName);
		joined = pJoining->join(s, orgId, result.account.id, invitation);
		_accounts.setActiveOrganization(s, result.account.id, orgId);
		return result;
	});
}


Account AccountServiceImpl::provisionAccount(const std::string& subject, const AccountSpec& spec)
{
	if (subject.empty() || subject.size() > 191)
		throw InvalidInputException("The identity's subject must be 1-191 characters", "invalid_subject");
	auto find = [&]() {
		return _database.withSession([&](Poco::Data::Session& s) { return _accounts.findBySubject(s, subject); });
	};
	Poco::Nullable<Account> existing = find();
	if (!existing.isNull())
		return existing.value();
	validate(spec);
	try
	{
		return _database.transact([&](Poco::Data::Session& s) { return insertAccount(s, spec, subject); });
	}
	catch (ConflictException& exc)
	{
		// Two first requests of the same user raced: the other one provisioned the account.
		if (exc.reason() != "subject_taken")
			throw;
		existing = find();
		if (existing.isNull())
			throw;
		return existing.value();
	}
}


Account AccountServiceImpl::provisionForIdentity(Poco::Data::Session& session, const AccountSpec& spec)
{
	Validator::username("username", spec.username);
	if (!spec.email.empty())
		Validator::email("email", spec.email);
	Validator::name("name", spec.name, 0, 200);
	return insertAccount(session, spec, "", true, true);
}


Account AccountServiceImpl::getAccount(Id accountId)
{
	return _database.withSession([&](Poco::Data::Session& s) {
		Poco::Nullable<Account> a = _accounts.findById(s, accountId);
		if (a.isNull())
			throw NotFoundException("No account " + std::to_string(accountId), "account_not_found");
		return a.value();
	});
}


Account AccountServiceImpl::findAccount(const std::string& ref)
{
	return _database.withSession([&](Poco::Data::Session& s) { return _guard.account(s, ref); });
}


IssuedToken AccountServiceImpl::createToken(Id accountId, const std::string& name)
{
	Validator::name("name", name, 1, 100);
	return _database.transact([&](Poco::Data::Session& s) {
		if (_accounts.findById(s, accountId).isNull())
			throw NotFoundException("No account " + std::to_string(accountId), "account_not_found");
		return insertToken(s, accountId, name);
	});
}


Page<AccessToken> AccountServiceImpl::listTokens(Id accountId, const PageRequest& page)
{
	Paging::checkLimit(page.limit);
	const Id before = Paging::decode(page.cursor);
	return _database.withSession([&](Poco::Data::Session& s) {
		return Paging::page(_tokens.listLive(s, accountId, before, page.limit + 1), page.limit,
		                    [](const AccessToken& t) { return t.id; });
	});
}


void AccountServiceImpl::revokeToken(Id accountId, Id tokenId)
{
	_database.transact([&](Poco::Data::Session& s) {
		// The newest live token up to tokenId: the token itself if it is live, for the event's label.
		// (The bound is exclusive; the largest id has no successor, and no token holds it.)
		const Id before = tokenId < std::numeric_limits<Id>::max() ? tokenId + 1 : tokenId;
		const std::vector<AccessToken> live = _tokens.listLive(s, accountId, before, 1);
		if (!_tokens.revoke(s, accountId, tokenId, _pClock->now()))
			throw NotFoundException("You have no token " + std::to_string(tokenId), "token_not_found");
		const std::string name = !live.empty() && live.front().id == tokenId ? live.front().name : std::string();
		_audit.record(s, 0, accountId, "token.revoked", {"token", tokenId, name});
		// The cache is keyed by hashes this service never stores: forget them all (revoking is rare).
		Data::Database::afterCommit([this] { _liveTokens.clear(); });
	});
}


bool AccountServiceImpl::authenticateToken(const std::string& secret, Id& accountId)
{
	Id tokenId = 0;
	return authenticateToken(secret, accountId, tokenId);
}


void AccountServiceImpl::verify(Poco::Data::Session& session, Id tokenId)
{
	if (!_tokens.holdLive(session, tokenId, _pClock->now()))
		throw UnauthenticatedException("The access token was revoked or has expired", "token_revoked");
}


bool AccountServiceImpl::authenticateToken(const std::string& secret, Id& accountId, Id& tokenId)
{
	if (secret.size() < TOKEN_PREFIX.size() + 16 || secret.size() > 256 ||
	    secret.compare(0, TOKEN_PREFIX.size(), TOKEN_PREFIX) != 0)
		return false;
	const std::string hash = Secrets::sha256Hex(secret);
	const Poco::Timestamp now = _pClock->now();
	const Poco::Timestamp::TimeDiff touchEvery = Poco::Timestamp::TimeDiff(_touchSeconds) * 1000000;
	auto usable = [&](const Data::TokenRepository::LiveToken& t) {
		return t.expiresAt.isNull() || t.expiresAt.value() > now;
	};
	auto touchDue = [&](const Data::TokenRepository::LiveToken& t) {
		return t.lastUsedAt.isNull() || now - t.lastUsedAt.value() >= touchEvery;
	};

	// A token seen within maxStaleness needs no query, unless its use is due to be recorded.
	Data::TokenRepository::LiveToken token;
	if (_liveTokens.get(hash, token) && !touchDue(token))
	{
		accountId = token.accountId;
		tokenId = token.id;
		return usable(token);
	}
	const auto stamp = _liveTokens.stamp();
	return _database.withSession([&](Poco::Data::Session& s) {
		if (!_tokens.findLive(s, hash, token))
			return false;
		// Record use at most once per touchSeconds: a write per request would cost more than the request.
		if (usable(token) && touchDue(token))
		{
			_tokens.touch(s, token.id, now);
			token.lastUsedAt = now;
		}
		_liveTokens.put(hash, token, stamp);
		accountId = token.accountId;
		tokenId = token.id;
		return usable(token);
	});
}


Poco::Nullable<Organization> AccountServiceImpl::activeOrganization(Id accountId)
{
	return _database.withSession(
	    [&](Poco::Data::Session& s) { return _organizations.findActiveForAccount(s, accountId); });
}


Poco::Nullable<Organization> AccountServiceImpl::setActiveOrganization(Id accountId, const std::string& org)
{
	return _database.transact([&](Poco::Data::Session& s) {
		const Poco::Nullable<Account> account = _accounts.findById(s, accountId);
		if (account.isNull())
			throw NotFoundException("No account " + std::to_string(accountId), "account_not_found");
		Poco::Nullable<Organization> active;
		if (!org.empty())
			active = _guard.visible(s, accountId, org, true).organization; // members only, as of now
		_accounts.setActiveOrganization(s, accountId,
		                                active.isNull() ? Poco::Nullable<Id>() : Poco::Nullable<Id>(active.value().id));
		// An account-level event: which organization the account works in is its own affair.
		_audit.record(s, 0, accountId, "account.active_organization_changed",
		              {"account", accountId, account.value().username},
		              AuditDetails().after("organization", active.isNull() ? Poco::Dynamic::Var()
		                                                                   : Poco::Dynamic::Var(active.value().id)));
		return active;
	});
}


} // namespace Service
} // namespace Orgs
