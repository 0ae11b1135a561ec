//
// SsoConnectionRepository.cpp
//
// Library: OrgsPlugin
// Package: Data
// Module:  SsoConnectionRepository
//


#include "data/SsoConnectionRepository.h"
#include "data/Rows.h"
#include "Orgs/Errors.h"
#include "Poco/Data/RecordSet.h"
#include "Poco/String.h"
#include "Poco/StringTokenizer.h"
#include <algorithm>


namespace Orgs {
namespace Data {


namespace {


const std::string COLUMNS("SELECT c.id, c.organization_id, c.name, c.issuer_name, c.issuer, c.audience, c.jwks_uri, "
                          "c.domains, c.enforced, c.default_role, c.created_by, c.created_at, c.updated_at "
                          "FROM sso_connections c ");


} // namespace


SsoConnectionRepository::SsoConnectionRepository(Database& database)
    : _database(database), _rules(database, "sso_mapping_rules", "sso_connections")
{
}


std::string SsoConnectionRepository::joinDomains(const std::vector<std::string>& domains)
{
	std::string text;
	for (const auto& d : domains)
		text += (text.empty() ? "" : ",") + d;
	return text;
}


std::vector<std::string> SsoConnectionRepository::splitDomains(const std::string& text)
{
	std::vector<std::string> domains;
	Poco::StringTokenizer t(text, ",", Poco::StringTokenizer::TOK_IGNORE_EMPTY | Poco::StringTokenizer::TOK_TRIM);
	for (const auto& d : t)
		domains.push_back(d);
	return domains;
}


std::vector<SsoConnection> SsoConnectionRepository::read(Poco::Data::RecordSet& rs) const
{
	Rows rows(rs);
	std::vector<SsoConnection> result;
	result.reserve(rows.count());
	for (std::size_t i = 0; i < rows.count(); ++i)
	{
		SsoConnection c;
		c.id = rows.integer(i, 0);
		c.organizationId = rows.integer(i, 1);
		c.name = rows.text(i, 2);
		c.issuerName = rows.text(i, 3);
		c.issuer = rows.text(i, 4);
		c.audience = rows.text(i, 5);
		c.jwksUri = rows.text(i, 6);
		c.domains = splitDomains(rows.text(i, 7));
		c.enforced = rows.integer(i, 8) != 0;
		if (!rows.isNull(i, 9))
			c.defaultRole = rows.text(i, 9);
		c.createdBy = rows.integer(i, 10);
		c.createdAt = rows.time(i, 11);
		c.updatedAt = rows.time(i, 12);
		result.push_back(std::move(c));
	}
	return result;
}


Id SsoConnectionRepository::insert(Poco::Data::Session& session, const SsoConnection& c)
{
	try
	{
		_database.execute(
		    session,
		    "INSERT INTO sso_connections (organization_id, name, issuer_name, issuer, audience, jwks_uri, "
		    "domains, enforced, default_role, created_by, created_at, updated_at) "
		    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		    {c.organizationId, c.name, c.issuerName, c.issuer, c.audience, c.jwksUri, joinDomains(c.domains),
		     c.enforced ? 1 : 0, c.defaultRole, c.createdBy, Database::toMicros(c.createdAt),
		     Database::toMicros(c.updatedAt)});
	}
	catch (Poco::Exception& exc)
	{
		if (Database::classify(exc) == Database::ErrorKind::Duplicate)
			throw ConflictException("The organization has a connection named '" + c.name + "'",
			                        "sso_connection_exists");
		throw;
	}
	const Id id = _database.lastInsertId(session);
	_rules.insert(session, id, c.rules);
	return id;
}


void SsoConnectionRepository::update(Poco::Data::Session& session, const SsoConnection& c)
{
	try
	{
		_database.execute(
		    session,
		    "UPDATE sso_connections SET name = ?, issuer_name = ?, issuer = ?, audience = ?, jwks_uri = ?, "
		    "domains = ?, enforced = ?, default_role = ?, updated_at = ? "
		    "WHERE id = ? AND organization_id = ?",
		    {c.name, c.issuerName, c.issuer, c.audience, c.jwksUri, joinDomains(c.domains), c.enforced ? 1 : 0,
		     c.defaultRole, Database::toMicros(c.updatedAt), c.id, c.organizationId});
	}
	catch (Poco::Exception& exc)
	{
		if (Database::classify(exc) == Database::ErrorKind::Duplicate)
			throw ConflictException("The organization has a connection named '" + c.name + "'",
			                        "sso_connection_exists");
		throw;
	}
	_rules.replace(session, c.id, c.rules);
}


bool SsoConnectionRepository::remove(Poco::Data::Session& session, Id orgId, Id id)
{
	_rules.remove(session, id);
	return _database.execute(session, "DELETE FROM sso_connections WHERE id = ? AND organization_id = ?",
	                         {id, orgId}) == 1;
}


Poco::Nullable<SsoConnection> SsoConnectionRepository::find(Poco::Data::Session& session, Id orgId, Id id, bool lock)
{
	Poco::Data::RecordSet rs = _database.select(
	    session, COLUMNS + "WHERE c.id = ? AND c.organization_id = ?" + (lock ? _database.forUpdate() : ""),
	    {id, orgId});
	std::vector<SsoConnection> found = read(rs);
	if (found.empty())
		return Poco::Nullable<SsoConnection>();
	_rules.attach(session, found);
	return found.front();
}


std::vector<SsoConnection> SsoConnectionRepository::list(Poco::Data::Session& session, Id orgId, Id afterId, int limit)
{
	Poco::Data::RecordSet rs = _database.select(
	    session, COLUMNS + "WHERE c.organization_id = ? AND c.id > ? ORDER BY c.id LIMIT ?", {orgId, afterId, limit});
	std::vector<SsoConnection> found = read(rs);
	_rules.attach(session, found);
	return found;
}


std::vector<SsoConnection> SsoConnectionRepository::seeing(Poco::Data::Session& session, const std::string& issuer,
                                                           const std::string& issuerName)
{
	std::vector<SsoConnection> found;
	if (!issuerName.empty())
	{
		Poco::Data::RecordSet rs =
		    _database.select(session, COLUMNS + "WHERE c.issuer_name = ? ORDER BY c.id", {issuerName});
		found = read(rs);
	}
	else
	{
		Poco::Data::RecordSet rs =
		    _database.select(session, COLUMNS + "WHERE c.issuer = ? AND c.issuer_name = '' ORDER BY c.id", {issuer});
		found = read(rs);
	}
	// Rules one connection at a time: the connections of one issuer are few and their ids far apart.
	for (auto& c : found)
		c.rules = _rules.of(session, c.id);
	return found;
}


std::vector<SsoConnection> SsoConnectionRepository::enforced(Poco::Data::Session& session, Id orgId)
{
	Poco::Data::RecordSet rs =
	    _database.select(session, COLUMNS + "WHERE c.organization_id = ? AND c.enforced = 1 ORDER BY c.id", {orgId});
	return read(rs);
}


std::vector<SsoConnectionRepository::Audience> SsoConnectionRepository::audiences(Poco::Data::Session& session,
                                                                                  const std::string& issuer)
{
	Poco::Data::RecordSet rs = _database.select(
	    session, "SELECT audience, jwks_uri FROM sso_connections WHERE issuer = ? AND issuer_name = '' ORDER BY id",
	    {issuer});
	Rows rows(rs);
	std::vector<Audience> result;
	for (std::size_t i = 0; i < rows.count(); ++i)
		result.push_back(Audience{rows.text(i, 0), rows.text(i, 1)});
	return result;
}


} // namespace Data
} // namespace Orgs
