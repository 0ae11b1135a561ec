//
// ResourceRepository.cpp
//
// Library: OrgsPlugin
// Package: Data
// Module:  ResourceRepository
//


#include "data/ResourceRepository.h"
#include "data/Rows.h"
#include "Orgs/Errors.h"


namespace Orgs {
namespace Data {


namespace {


const std::string
    RESOURCE_COLUMNS("r.id AS id, r.organization_id, r.workspace_id, r.type, r.name, r.created_by, r.created_at");


Resource readResource(const Rows& rows, std::size_t i)
{
	Resource r;
	r.id = rows.integer(i, 0);
	r.organizationId = rows.integer(i, 1);
	r.workspaceId = rows.nullableInteger(i, 2);
	r.type = rows.text(i, 3);
	r.name = rows.text(i, 4);
	r.createdBy = rows.integer(i, 5);
	r.createdAt = rows.time(i, 6);
	return r;
}


std::vector<Resource> readResources(Poco::Data::RecordSet& rs)
{
	Rows rows(rs);
	std::vector<Resource> result;
	for (std::size_t i = 0; i < rows.count(); ++i)
		result.push_back(readResource(rows, i));
	return result;
}


std::string placeholders(std::vector<Param>& params, const std::vector<std::string>& values)
	/// Returns "?, ?, ..." for values and appends them to params. The values are role names
	/// from the configuration: a few lists, each prepared once per connection.
{
	std::string sql;
	for (const auto& v : values)
	{
		sql += sql.empty() ? "?" : ", ?";
		params.emplace_back(v);
	}
	return sql;
}


std::string filters(std::vector<Param>& params, const ResourceRepository::Filter& filter)
	/// Returns the SQL of the listing filters (on alias r) and appends their values to params.
{
	std::string sql;
	if (!filter.type.empty())
	{
		sql += " AND r.type = ?";
		params.emplace_back(filter.type);
	}
	if (!filter.workspace.isNull())
	{
		sql += " AND r.workspace_id = ?";
		params.emplace_back(filter.workspace.value());
	}
	return sql;
}


} // namespace


ResourceRepository::ResourceRepository(Database& database) : _database(database) {}


Resource ResourceRepository::insert(Poco::Data::Session& session, Id orgId, const Poco::Nullable<Id>& workspaceId,
                                    const std::string& type, const std::string& name, Id createdBy,
                                    const Poco::Timestamp& at)
{
	const Poco::Int64 micros = Database::toMicros(at);
	const Poco::Nullable<Poco::Int64> workspace = workspaceId;
	_database.execute(session,
	                  "INSERT INTO resources (organization_id, workspace_id, type, name, created_by, created_at) "
	                  "VALUES (?, ?, ?, ?, ?, ?)",
	                  {orgId, workspace, type, name, createdBy, micros});
	Resource r;
	r.id = _database.lastInsertId(session);
	_database.accessChanged(session, orgId); // a check of this id before it existed may be cached
	r.organizationId = orgId;
	r.workspaceId = workspaceId;
	r.type = type;
	r.name = name;
	r.createdBy = createdBy;
	r.createdAt = Poco::Timestamp(micros);
	return r;
}


int ResourceRepository::addDefaultCollaborators(Poco::Data::Session& session, const Resource& resource,
                                                const std::string& configuredDefault, const std::string& noneRole,
                                                Id exceptAccountId)
{
	// Set-based: the members and their default roles are read and written by the database in
	// one statement, so a 100,000-member organization costs one round trip, not 100,000.
	const int added = static_cast<int>(_database.execute(
	    session,
	    "INSERT INTO resource_collaborators (resource_id, organization_id, account_id, role, created_at) "
	    "SELECT ?, m.organization_id, m.account_id, COALESCE(d.role, ?), ? "
	    "FROM memberships m "
	    "LEFT JOIN member_default_roles d "
	    "ON d.organization_id = m.organization_id AND d.account_id = m.account_id AND d.resource_type = ? "
	    "WHERE m.organization_id = ? AND m.account_id <> ? AND COALESCE(d.role, ?) <> ?",
	    {resource.id, configuredDefault, Database::toMicros(resource.createdAt), resource.type, resource.organizationId,
	     exceptAccountId, configuredDefault, noneRole}));
	if (added > 0)
		_database.accessChanged(session, resource.organizationId);
	return added;
}


Poco::Nullable<Resource> ResourceRepository::find(Poco::Data::Session& session, Id orgId, Id resourceId)
{
	Poco::Data::RecordSet rs = _database.select(
	    session, "SELECT " + RESOURCE_COLUMNS + " FROM resources r WHERE r.organization_id = ? AND r.id = ?",
	    {orgId, resourceId});
	std::vector<Resource> found = readResources(rs);
	if (found.empty())
		return Poco::Nullable<Resource>();
	return found.front();
}


bool ResourceRepository::remove(Poco::Data::Session& session, Id orgId, Id resourceId)
{
	if (_database.execute(session, "DELETE FROM resources WHERE organization_id = ? AND id = ?", {orgId, resourceId}) !=
	    1)
		return false;
	_database.accessChanged(session, orgId); // its collaborators go with it
	return true;
}


std::vector<Resource> ResourceRepository::list(Poco::Data::Session& session, Id orgId, const Filter& filter, Id afterId,
                                               int limit)
{
	std::vector<Param> params{orgId, afterId};
	std::string sql = "SELECT " + RESOURCE_COLUMNS + " FROM resources r WHERE r.organization_id = ? AND r.id > ?";
	sql += filters(params, filter);
	sql += " ORDER BY r.id LIMIT ?";
	params.emplace_back(limit);
	Poco::Data::RecordSet rs = _database.select(session, sql, params);
	return readResources(rs);
}


std::vector<Resource> ResourceRepository::listReadable(Poco::Data::Session& session, Id orgId, Id accountId,
                                                       const Readers& readers, const Filter& filter, Id afterId,
                                                       int limit)
{
	// Two branches, each bounded to one page: the account's collaborator rows (an index range of
	// resource_collaborators_account) and the resources of the workspaces it belongs to with a
	// reading role. UNION removes a resource reached both ways.
	std::vector<Param> params;
	std::vector<std::string> branches;

	std::string typeRoles;
	for (const auto& kv : readers.collaboratorRoles)
	{
		if (kv.second.empty() || (!filter.type.empty() && filter.type != kv.first))
			continue;
		typeRoles += typeRoles.empty() ? "(" : " OR (";
		typeRoles += "r.type = ?";
		params.emplace_back(kv.first);
		typeRoles += " AND rc.role IN (" + placeholders(params, kv.second) + "))";
	}
	if (!typeRoles.empty())
	{
		std::string sql = "SELECT * FROM (SELECT " + RESOURCE_COLUMNS +
		                  " FROM resource_collaborators rc JOIN resources r ON r.id = rc.resource_id "
		                  "WHERE (" +
		                  typeRoles + ") AND rc.organization_id = ? AND rc.account_id = ? AND rc.resource_id > ?";
		params.emplace_back(orgId);
		params.emplace_back(accountId);
		params.emplace_back(afterId);
		sql += filters(params, filter);
		sql += " ORDER BY rc.resource_id LIMIT ?) c";
		params.emplace_back(limit);
		branches.push_back(sql);
	}
	if (!readers.workspaceRoles.empty())
	{
		std::string sql = "SELECT * FROM (SELECT " + RESOURCE_COLUMNS +
		                  " FROM workspace_members wm JOIN resources r ON r.workspace_id = wm.workspace_id "
		                  "WHERE wm.role IN (" +
		                  placeholders(params, readers.workspaceRoles) +
		                  ") AND wm.organization_id = ? AND wm.account_id = ? AND r.id > ?";
		params.emplace_back(orgId);
		params.emplace_back(accountId);
		params.emplace_back(afterId);
		sql += filters(params, filter);
		sql += " ORDER BY r.id LIMIT ?) w";
		params.emplace_back(limit);
		branches.push_back(sql);
	}
	if (branches.empty())
		return std::vector<Resource>();
	std::string sql = branches.front();
	if (branches.size() > 1)
		sql += " UNION " + branches.back();
	sql += " ORDER BY id LIMIT ?";
	params.emplace_back(limit);
	Poco::Data::RecordSet rs = _database.select(session, sql, params);
	return readResources(rs);
}


} // namespace Data
} // namespace Orgs
