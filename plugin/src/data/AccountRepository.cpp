//
// AccountRepository.cpp
//
// Library: OrgsPlugin
// Package: Data
// Module:  AccountRepository
//


#include "data/AccountRepository.h"
#include "data/Rows.h"
#include "Orgs/Errors.h"


namespace Orgs {
namespace Data {


AccountRepository::AccountRepository(Database& database) : _database(database) {}


Account AccountRepository::insert(Poco::Data::Session& session, const AccountSpec& spec, const std::string& subject,
                                  const Poco::Timestamp& at)
{
	Poco::Nullable<std::string> sub;
	if (!subject.empty())
		sub = subject;
	try
	{
		_database.execute(session,
		                  "INSERT INTO accounts (username, email, name, external_subject, created_at) "
		                  "VALUES (?, ?, ?, ?, ?)",
		                  {spec.username, spec.email, spec.name, sub, Database::toMicros(at)});
	}
	catch (Poco::Exception& exc)
	{
		if (Database::classify(exc) == Database::ErrorKind::Duplicate)
			throw ConflictException("An account is already provisioned for this identity", "subject_taken");
		throw;
	}
	Account a;
	a.id = _database.lastInsertId(session);
	a.username = spec.username;
	a.email = spec.email;
	a.name = spec.name;
	a.createdAt = Poco::Timestamp(Database::toMicros(at));
	return a;
}


Poco::Nullable<Account> AccountRepository::findOne(Poco::Data::Session& session, const std::string& where,
                                                   const Param& value, Id organizationId, bool* pMember)
{
	// With an organization, whether the account is a member of it comes in the same round trip.
	Poco::Data::RecordSet rs =
	    pMember ? _database.select(session,
	                               "SELECT id, username, email, name, created_at, EXISTS (SELECT 1 FROM memberships m "
	                               "WHERE m.organization_id = ? AND m.account_id = accounts.id) FROM accounts WHERE " +
	                                   where + " = ?",
	                               {organizationId, value})
	            : _database.select(session,
	                               "SELECT id, username, email, name, created_at FROM accounts WHERE " + where + " = ?",
	                               {value});
	Rows rows(rs);
	if (rows.count() == 0)
		return Poco::Nullable<Account>();
	Account a;
	a.id = rows.integer(0, 0);
	a.username = rows.text(0, 1);
	a.email = rows.text(0, 2);
	a.name = rows.text(0, 3);
	a.createdAt = rows.time(0, 4);
	if (pMember)
		*pMember = rows.integer(0, 5) != 0;
	return a;
}


Poco::Nullable<Account> AccountRepository::findById(Poco::Data::Session& session, Id id)
{
	return findOne(session, "id", id);
}


Poco::Nullable<Account> AccountRepository::findByUsername(Poco::Data::Session& session, const std::string& username)
{
	return findOne(session, "username", username);
}


Poco::Nullable<Account> AccountRepository::findById(Poco::Data::Session& session, Id id, Id organizationId,
                                                    bool& member)
{
	return findOne(session, "id", id, organizationId, &member);
}


Poco::Nullable<Account> AccountRepository::findByUsername(Poco::Data::Session& session, const std::string& username,
                                                          Id organizationId, bool& member)
{
	return findOne(session, "username", username, organizationId, &member);
}


Poco::Nullable<Account> AccountRepository::findBySubject(Poco::Data::Session& session, const std::string& subject)
{
	return findOne(session, "external_subject", subject);
}


std::vector<Account> AccountRepository::findByEmail(Poco::Data::Session& session, const std::string& email, int limit)
{
	// MySQL's column compares without case (utf8mb4_unicode_ci) and can use its index; SQLite's
	// compares bytes unless told otherwise.
	const std::string sql = std::string("SELECT id, username, email, name, created_at FROM accounts WHERE email = ?") +
	                        (_database.dialect() == Database::Dialect::SQLite ? " COLLATE NOCASE" : "") +
	                        " ORDER BY id LIMIT ?";
	Poco::Data::RecordSet rs = _database.select(session, sql, {email, limit});
	Rows rows(rs);
	std::vector<Account> accounts;
	for (std::size_t i = 0; i < rows.count(); ++i)
	{
		Account a;
		a.id = rows.integer(i, 0);
		a.username = rows.text(i, 1);
		a.email = rows.text(i, 2);
		a.name = rows.text(i, 3);
		a.createdAt = rows.time(i, 4);
		accounts.push_back(a);
	}
	return accounts;
}


void AccountRepository::setEmailVerified(Poco::Data::Session& session, Id accountId, bool verified)
{
	_database.execute(session, "UPDATE accounts SET email_verified = ? WHERE id = ?", {verified ? 1 : 0, accountId});
}


void AccountRepository::setActiveOrganization(Poco::Data::Session& session, Id accountId,
                                              const Poco::Nullable<Id>& organizationId)
{
	const Poco::Nullable<Poco::Int64> org = organizationId;
	_database.execute(session, "UPDATE accounts SET active_organization_id = ? WHERE id = ?", {org, accountId});
}


} // namespace Data
} // namespace Orgs
