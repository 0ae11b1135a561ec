//
// ExternalIdentityRepository.cpp
//
// Library: OrgsPlugin
// Package: Data
// Module:  ExternalIdentityRepository
//


#include "data/ExternalIdentityRepository.h"
#include "data/Rows.h"
#include "Orgs/Errors.h"


namespace Orgs {
namespace Data {


ExternalIdentityRepository::ExternalIdentityRepository(Database& database) : _database(database) {}


bool ExternalIdentityRepository::find(Poco::Data::Session& session, const std::string& issuer,
                                      const std::string& subject, Identity& identity)
{
	Poco::Data::RecordSet rs = _database.select(session,
	                                            "SELECT i.id, i.account_id, a.email, a.email_verified "
	                                            "FROM external_identities i JOIN accounts a ON a.id = i.account_id "
	                                            "WHERE i.issuer = ? AND i.subject = ?",
	                                            {issuer, subject});
	Rows rows(rs);
	if (rows.count() == 0)
		return false;
	identity.id = rows.integer(0, 0);
	identity.accountId = rows.integer(0, 1);
	identity.accountEmail = rows.text(0, 2);
	identity.accountEmailVerified = rows.integer(0, 3) != 0;
	return true;
}


Id ExternalIdentityRepository::insert(Poco::Data::Session& session, Id accountId, const std::string& issuer,
                                      const std::string& subject, const std::string& email, bool emailVerified,
                                      const Poco::Timestamp& at)
{
	try
	{
		_database.execute(
		    session,
		    "INSERT INTO external_identities (account_id, issuer, subject, email, email_verified, "
		    "created_at, last_sign_in_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
		    {accountId, issuer, subject, email, emailVerified ? 1 : 0, Database::toMicros(at), Database::toMicros(at)});
	}
	catch (Poco::Exception& exc)
	{
		if (Database::classify(exc) == Database::ErrorKind::Duplicate)
			throw ConflictException("This identity belongs to an account already", "identity_taken");
		throw;
	}
	return _database.lastInsertId(session);
}


void ExternalIdentityRepository::signedIn(Poco::Data::Session& session, Id identityId, const std::string& email,
                                          bool emailVerified, const Poco::Timestamp& at)
{
	_database.execute(session,
	                  "UPDATE external_identities SET last_sign_in_at = ?, email = ?, email_verified = ? WHERE id = ?",
	                  {Database::toMicros(at), email, emailVerified ? 1 : 0, identityId});
}


} // namespace Data
} // namespace Orgs
