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


ScimConnectionRepository::ScimConnectionRepository(Database& database) : _database(database) {}


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


void ScimConnectionRepository::loadRules(Poco::Data::Session& session, ScimConnection& connection)
{
	Poco::Data::RecordSet rs =
	    _database.select(session,
	                     "SELECT claim, operator, value, target, workspace_id, role FROM scim_mapping_rules "
	                     "WHERE connection_id = ? ORDER BY position",
	                     {connection.id});
	Rows rows(rs);
	connection.rules.clear();
	for (std::size_t i = 0; i < rows.count(); ++i)
	{
		SsoMappingRule r;
		r.claim = rows.text(i, 0);
		r.op = rows.text(i, 1);
		r.value = rows.text(i, 2);
		r.target = rows.text(i, 3);
		r.workspaceId = rows.isNull(i, 4) ? 0 : rows.integer(i, 4);
		r.role = rows.text(i, 5);
		connection.rules.push_back(r);
	}
}


void ScimConnectionRepository::insertRules(Poco::Data::Session& session, Id id,
                                           const std::vector<SsoMappingRule>& rules)
{
	for (std::size_t i = 0; i < rules.size(); ++i)
	{
		const SsoMappingRule& r = rules[i];
		_database.execute(
		    session,
		    "INSERT INTO scim_mapping_rules (connection_id, position, claim, operator, value, target, "
		    "workspace_id, role) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
		    {id, static_cast<Poco::Int64>(i), r.claim, r.op, r.value, r.target,
		     r.workspaceId == 0 ? Poco::Nullable<Poco::Int64>() : Poco::Nullable<Poco::Int64>(r.workspaceId), r.role});
	}
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
	insertRules(session, id, c.rules);
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
	_database.execute(session, "DELETE FROM scim_mapping_rules WHERE connection_id = ?", {c.id});
	insertRules(session, c.id, c.rules);
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
	_database.execute(session, "DELETE FROM scim_mapping_rules WHERE connection_id = ?", {id});
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
	loadRules(session, found.front());
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
	loadRules(session, found.front());
	return found.front();
}


std::vector<ScimConnection> ScimConnectionRepository::list(Poco::Data::Session& session, Id orgId, Id afterId,
                                                           int limit)
{
	Poco::Data::RecordSet rs = _database.select(
	    session, COLUMNS + "WHERE c.organization_id = ? AND c.id > ? ORDER BY c.id LIMIT ?", {orgId, afterId, limit});
	std::vector<ScimConnection> found = read(rs);
	for (auto& c : found)
		loadRules(session, c);
	return found;
}


} // namespace Data
} // namespace Orgs
