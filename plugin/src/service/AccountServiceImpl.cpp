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


namespace Orgs {
namespace Service {


const std::string AccountServiceImpl::TOKEN_PREFIX("orgs_pat_");


AccountServiceImpl::AccountServiceImpl(Data::Database& database, Guard& guard, Clock::Ptr pClock, int touchSeconds)
    : _database(database), _guard(guard), _pClock(pClock), _touchSeconds(touchSeconds), _handles(database),
      _accounts(database), _tokens(database), _organizations(database)
{
}


void AccountServiceImpl::validate(const AccountSpec& spec)
{
	Validator::username("username", spec.username);
	Validator::email("email", spec.email);
	Validator::name("name", spec.name, 0, 200);
}


Account AccountServiceImpl::insertAccount(Poco::Data::Session& session, const AccountSpec& spec,
                                          const std::string& subject)
{
	_handles.reserve(session, spec.username, Data::HandleRepository::ACCOUNT);
	const Account account = _accounts.insert(session, spec, subject, _pClock->now());
	if (_pPersonalOrganizations)
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
		if (!_tokens.revoke(s, accountId, tokenId, _pClock->now()))
			throw NotFoundException("You have no token " + std::to_string(tokenId), "token_not_found");
	});
}


bool AccountServiceImpl::authenticateToken(const std::string& secret, Id& accountId)
{
	if (secret.size() < TOKEN_PREFIX.size() + 16 || secret.size() > 256 ||
	    secret.compare(0, TOKEN_PREFIX.size(), TOKEN_PREFIX) != 0)
		return false;
	const std::string hash = Secrets::sha256Hex(secret);
	const Poco::Timestamp now = _pClock->now();
	return _database.withSession([&](Poco::Data::Session& s) {
		Data::TokenRepository::LiveToken token;
		if (!_tokens.findLive(s, hash, token))
			return false;
		if (!token.expiresAt.isNull() && token.expiresAt.value() <= now)
			return false;
		// Record use at most once per touchSeconds: a write per request would cost more than the request.
		if (token.lastUsedAt.isNull() ||
		    now - token.lastUsedAt.value() >= Poco::Timestamp::TimeDiff(_touchSeconds) * 1000000)
			_tokens.touch(s, token.id, now);
		accountId = token.accountId;
		return true;
	});
}


void AccountServiceImpl::createPersonalOrganizations(OrganizationServiceImpl& organizations)
{
	_pPersonalOrganizations = &organizations;
}


Poco::Nullable<Organization> AccountServiceImpl::activeOrganization(Id accountId)
{
	return _database.withSession(
	    [&](Poco::Data::Session& s) { return _organizations.findActiveForAccount(s, accountId); });
}


Poco::Nullable<Organization> AccountServiceImpl::setActiveOrganization(Id accountId, const std::string& org)
{
	return _database.transact([&](Poco::Data::Session& s) {
		if (_accounts.findById(s, accountId).isNull())
			throw NotFoundException("No account " + std::to_string(accountId), "account_not_found");
		Poco::Nullable<Organization> active;
		if (!org.empty())
			active = _guard.visible(s, accountId, org, true).organization; // members only, as of now
		_accounts.setActiveOrganization(s, accountId,
		                                active.isNull() ? Poco::Nullable<Id>() : Poco::Nullable<Id>(active.value().id));
		return active;
	});
}


} // namespace Service
} // namespace Orgs
