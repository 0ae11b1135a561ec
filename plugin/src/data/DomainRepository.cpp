//
// DomainRepository.cpp
//
// Library: OrgsPlugin
// Package: Data
// Module:  DomainRepository
//


#include "data/DomainRepository.h"
#include "data/Rows.h"
#include "Orgs/Errors.h"
#include "Poco/Data/RecordSet.h"


namespace Orgs {
namespace Data {


namespace {


const std::string COLUMNS("d.id, d.organization_id, d.domain, d.challenge, d.verified_at, d.join_mode, d.join_role, "
                          "d.created_at");


const std::string RECORD_PREFIX("_orgs-challenge.");


OrganizationDomain readDomain(const Rows& rows, std::size_t row)
{
	OrganizationDomain d;
	d.id = rows.integer(row, 0);
	d.organizationId = rows.integer(row, 1);
	d.domain = rows.text(row, 2);
	d.recordName = RECORD_PREFIX + d.domain;
	d.challenge = rows.text(row, 3);
	const Poco::Nullable<Poco::Int64> verifiedAt = rows.nullableInteger(row, 4);
	if (!verifiedAt.isNull())
		d.verifiedAt = Database::fromMicros(verifiedAt.value());
	d.joinMode = rows.text(row, 5);
	d.joinRole = rows.text(row, 6);
	d.createdAt = Database::fromMicros(rows.integer(row, 7));
	return d;
}


std::vector<DomainRepository::Joinable> readJoinable(Poco::Data::RecordSet& rs)
{
	Rows rows(rs);
	std::vector<DomainRepository::Joinable> result;
	for (std::size_t i = 0; i < rows.count(); ++i)
	{
		DomainRepository::Joinable j;
		j.domain = readDomain(rows, i);
		j.organizationUsername = rows.text(i, 8);
		j.organizationTitle = rows.text(i, 9);
		result.push_back(j);
	}
	return result;
}


} // namespace


DomainRepository::DomainRepository(Database& database) : _database(database) {}


Poco::Nullable<OrganizationDomain> DomainRepository::find(Poco::Data::Session& session, Id orgId,
                                                          const std::string& domain, bool lock)
{
	Poco::Data::RecordSet rs = _database.select(
	    session,
	    "SELECT " + COLUMNS + " FROM organization_domains d WHERE d.organization_id = ? AND d.domain = ?" +
	        (lock ? _database.forUpdate() : ""),
	    {orgId, domain});
	Rows rows(rs);
	if (rows.count() == 0)
		return Poco::Nullable<OrganizationDomain>();
	return readDomain(rows, 0);
}


std::vector<OrganizationDomain> DomainRepository::list(Poco::Data::Session& session, Id orgId, Id afterId, int limit)
{
	Poco::Data::RecordSet rs =
	    _database.select(session,
	                     "SELECT " + COLUMNS +
	                         " FROM organization_domains d WHERE d.organization_id = ? AND d.id > ? "
	                         "ORDER BY d.id LIMIT ?",
	                     {orgId, afterId, limit});
	Rows rows(rs);
	std::vector<OrganizationDomain> result;
	for (std::size_t i = 0; i < rows.count(); ++i)
		result.push_back(readDomain(rows, i));
	return result;
}


Poco::Nullable<Id> DomainRepository::verifiedBy(Poco::Data::Session& session, const std::string& domain)
{
	Poco::Data::RecordSet rs = _database.select(
	    session, "SELECT organization_id FROM organization_domains WHERE verified_domain = ?", {domain});
	Rows rows(rs);
	if (rows.count() == 0)
		return Poco::Nullable<Id>();
	return rows.integer(0, 0);
}


Id DomainRepository::insert(Poco::Data::Session& session, Id orgId, const std::string& domain,
                            const std::string& challenge, const std::string& joinRole, Id createdBy,
                            const Poco::Timestamp& at)
{
	try
	{
		_database.execute(session,
		                  "INSERT INTO organization_domains (organization_id, domain, challenge, verified_at, "
		                  "verified_domain, join_mode, join_role, created_by, created_at) "
		                  "VALUES (?, ?, ?, NULL, NULL, 'off', ?, ?, ?)",
		                  {orgId, domain, challenge, joinRole, createdBy, Database::toMicros(at)});
	}
	catch (Poco::Exception& exc)
	{
		if (Database::classify(exc) == Database::ErrorKind::Duplicate)
			throw ConflictException("The organization has claimed '" + domain + "' already", "domain_exists");
		throw;
	}
	return _database.lastInsertId(session);
}


void DomainRepository::markVerified(Poco::Data::Session& session, Id id, const std::string& domain,
                                    const Poco::Timestamp& at)
{
	try
	{
		_database.execute(session, "UPDATE organization_domains SET verified_at = ?, verified_domain = ? WHERE id = ?",
		                  {Database::toMicros(at), domain, id});
	}
	catch (Poco::Exception& exc)
	{
		if (Database::classify(exc) == Database::ErrorKind::Duplicate)
			throw ConflictException("Another organization has verified '" + domain + "'", "domain_claimed");
		throw;
	}
}


void DomainRepository::update(Poco::Data::Session& session, Id id, const std::string& joinMode,
                              const std::string& joinRole)
{
	_database.execute(session, "UPDATE organization_domains SET join_mode = ?, join_role = ? WHERE id = ?",
	                  {joinMode, joinRole, id});
}


bool DomainRepository::remove(Poco::Data::Session& session, Id id)
{
	return _database.execute(session, "DELETE FROM organization_domains WHERE id = ?", {id}) == 1;
}


std::vector<DomainRepository::Joinable> DomainRepository::joinable(Poco::Data::Session& session,
                                                                   const std::string& domain,
                                                                   const std::string& joinMode, Id accountId)
{
	Poco::Data::RecordSet rs = _database.select(
	    session,
	    "SELECT " + COLUMNS +
	        ", o.username, o.title FROM organization_domains d JOIN organizations o ON o.id = d.organization_id "
	        "WHERE d.verified_domain = ? AND d.join_mode = ? AND o.deleted_at IS NULL AND NOT EXISTS "
	        "(SELECT 1 FROM memberships m WHERE m.organization_id = d.organization_id AND m.account_id = ?)",
	    {domain, joinMode, accountId});
	return readJoinable(rs);
}


Poco::Nullable<DomainRepository::Joinable> DomainRepository::joinableIn(Poco::Data::Session& session, Id orgId,
                                                                        const std::string& domain,
                                                                        const std::string& joinMode)
{
	Poco::Data::RecordSet rs = _database.select(
	    session,
	    "SELECT " + COLUMNS +
	        ", o.username, o.title FROM organization_domains d JOIN organizations o ON o.id = d.organization_id "
	        "WHERE d.organization_id = ? AND d.verified_domain = ? AND d.join_mode = ?",
	    {orgId, domain, joinMode});
	std::vector<Joinable> found = readJoinable(rs);
	if (found.empty())
		return Poco::Nullable<Joinable>();
	return found.front();
}


bool DomainRepository::emailVerified(Poco::Data::Session& session, Id accountId, std::string& email)
{
	Poco::Data::RecordSet rs =
	    _database.select(session, "SELECT email, email_verified FROM accounts WHERE id = ?", {accountId});
	Rows rows(rs);
	if (rows.count() == 0)
		return false;
	email = rows.text(0, 0);
	return rows.integer(0, 1) != 0;
}


} // namespace Data
} // namespace Orgs
