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


void AccountRepository::setActiveOrganization(Poco::Data::Session& session, Id accountId,
                                              const Poco::Nullable<Id>& organizationId)
{
	const Poco::Nullable<Poco::Int64> org = organizationId;
	_database.execute(session, "UPDATE accounts SET active_organization_id = ? WHERE id = ?", {org, accountId});
}


} // namespace Data
} // namespace Orgs
