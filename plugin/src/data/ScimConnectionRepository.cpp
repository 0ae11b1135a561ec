//
// ScimConnectionRepository.cpp
//
// Library: OrgsPlugin
// Package: Data
// Module:  ScimConnectionRepository
//


#include "data/ScimConnectionRepository.h"
#include "data/Rows.h"
#include "Orgs/Errors.h"
#include "Poco/Data/RecordSet.h"


namespace Orgs {
namespace Data {


namespace {


const std::string COLUMNS("SELECT c.id, c.organization_id, c.name, c.token_prefix, c.default_role, c.created_by, "
                          "c.created_at, c.updated_at, c.token_created_at FROM scim_connections c ");


} // namespace


ScimConnectionRepository::ScimConnectionRepository(Database& database)
    : _database(database), _rules(database, "scim_mapping_rules", "scim_connections")
{
}


std::vector<ScimConnection> ScimConnectionRepository::read(Poco::Data::RecordSet& rs) const
{
	Rows rows(rs);
	std::vector<ScimConnection> result;
	result.reserve(rows.count());
	for (std::size_t i = 0; i < rows.count(); ++i)
	{
		ScimConnection c;
		c.id = rows.integer(i, 0);
		c.organizationId = rows.integer(i, 1);
		c.name = rows.text(i, 2);
		c.tokenPrefix = rows.text(i, 3);
		if (!rows.isNull(i, 4))
			c.defaultRole = rows.text(i, 4);
		c.createdBy = rows.integer(i, 5);
		c.createdAt = rows.time(i, 6);
		c.updatedAt = rows.time(i, 7);
		c.tokenCreatedAt = rows.time(i, 8);
		result.push_back(std::move(c));
	}
	return result;
}


Id ScimConnectionRepository::insert(Poco::Data::Session& session, const ScimConnection& c, const std::string& tokenHash)
{
	try
	{
		_database.execute(
		    session,
		    "INSERT INTO scim_connections (organization_id, name, token_hash, token_prefix, default_role, "
		    "created_by, created_at, updated_at, token_created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
		    {c.organizationId, c.name, tokenHash, c.tokenPrefix, c.defaultRole, c.createdBy,
		     Database::toMicros(c.createdAt), Database::toMicros(c.updatedAt), Database::toMicros(c.tokenCreatedAt)});
	}
	catch (Poco::Exception& exc)
	{
		if (Database::classify(exc) == Database::ErrorKind::Duplicate)
			throw ConflictException("The organization has a SCIM connection named '" + c.name + "'",
			                        "scim_connection_exists");
		throw;
	}
	const Id id = _database.lastInsertId(session);
	_rules.insert(session, id, c.rules);
	return id;
}


void ScimConnectionRepository::update(Poco::Data::Session& session, const ScimConnection& c)
{
	try
	{
		_database.execute(session,
		                  "UPDATE scim_connections SET name = ?, default_role = ?, updated_at = ? "
		                  "WHERE id = ? AND organization_id = ?",
		                  {c.name, c.defaultRole, Database::toMicros(c.updatedAt), c.id, c.organizationId});
	}
	catch (Poco::Exception& exc)
	{
		if (Database::classify(exc) == Database::ErrorKind::Duplicate)
			throw ConflictException("The organization has a SCIM connection named '" + c.name + "'",
			                        "scim_connection_exists");
		throw;
	}
	_rules.replace(session, c.id, c.rules);
}


void ScimConnectionRepository::setToken(Poco::Data::Session& session, Id id, const std::string& tokenHash,
                                        const std::string& prefix, const Poco::Timestamp& at)
{
	_database.execute(session,
	                  "UPDATE scim_connections SET token_hash = ?, token_prefix = ?, token_created_at = ?, "
	                  "updated_at = ? WHERE id = ?",
	                  {tokenHash, prefix, Database::toMicros(at), Database::toMicros(at), id});
}


bool ScimConnectionRepository::remove(Poco::Data::Session& session, Id orgId, Id id)
{
	// Children first: SQLite enforces the cascades only with foreign_keys on, MySQL always.
	_database.execute(session,
	                  "DELETE FROM scim_group_members WHERE group_id IN "
	                  "(SELECT id FROM scim_groups WHERE connection_id = ?)",
	                  {id});
	_database.execute(session, "DELETE FROM scim_groups WHERE connection_id = ?", {id});
	_database.execute(session, "DELETE FROM scim_user_emails WHERE connection_id = ?", {id});
	_database.execute(session, "DELETE FROM scim_users WHERE connection_id = ?", {id});
	_rules.remove(session, id);
	return _database.execute(session, "DELETE FROM scim_connections WHERE id = ? AND organization_id = ?",
	                         {id, orgId}) == 1;
}


Poco::Nullable<ScimConnection> ScimConnectionRepository::find(Poco::Data::Session& session, Id orgId, Id id, bool lock)
{
	Poco::Data::RecordSet rs = _database.select(
	    session, COLUMNS + "WHERE c.id = ? AND c.organization_id = ?" + (lock ? _database.forUpdate() : ""),
	    {id, orgId});
	std::vector<ScimConnection> found = read(rs);
	if (found.empty())
		return Poco::Nullable<ScimConnection>();
	_rules.attach(session, found);
	return found.front();
}


Poco::Nullable<ScimConnection> ScimConnectionRepository::findByToken(Poco::Data::Session& session,
                                                                     const std::string& tokenHash, bool lock)
{
	Poco::Data::RecordSet rs =
	    _database.select(session, COLUMNS + "WHERE c.token_hash = ?" + (lock ? _database.forShare() : ""), {tokenHash});
	std::vector<ScimConnection> found = read(rs);
	if (found.empty())
		return Poco::Nullable<ScimConnection>();
	_rules.attach(session, found);
	return found.front();
}


std::vector<ScimConnection> ScimConnectionRepository::list(Poco::Data::Session& session, Id orgId, Id afterId,
                                                           int limit)
{
	Poco::Data::RecordSet rs = _database.select(
	    session, COLUMNS + "WHERE c.organization_id = ? AND c.id > ? ORDER BY c.id LIMIT ?", {orgId, afterId, limit});
	std::vector<ScimConnection> found = read(rs);
	_rules.attach(session, found);
	return found;
}


} // namespace Data
} // namespace Orgs
