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
#include "Poco/Data/Statement.h"


using namespace Poco::Data::Keywords;
using Poco::Data::Keywords::bind;


namespace Orgs {
namespace Data {


namespace {


const std::string
    RESOURCE_COLUMNS("r.id AS id, r.organization_id, r.workspace_id, r.type, r.name, r.created_by, r.created_at");

const std::string
    SELECT_COLLABORATOR("SELECT rc.resource_id, rc.account_id, a.username, a.name, rc.role, rc.created_at "
                        "FROM resource_collaborators rc JOIN accounts a ON a.id = rc.account_id ");


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


Collaborator readCollaborator(const Rows& rows, std::size_t i)
{
	Collaborator c;
	c.resourceId = rows.integer(i, 0);
	c.accountId = rows.integer(i, 1);
	c.username = rows.text(i, 2);
	c.name = rows.text(i, 3);
	c.role = rows.text(i, 4);
	c.createdAt = rows.time(i, 5);
	return c;
}


std::vector<Resource> readResources(Poco::Data::Statement& st)
{
	st.execute();
	Poco::Data::RecordSet rs(st);
	Rows rows(rs);
	std::vector<Resource> result;
	for (std::size_t i = 0; i < rows.count(); ++i)
		result.push_back(readResource(rows, i));
	return result;
}


std::string placeholders(Poco::Data::Statement& st, const std::vector<std::string>& values)
	/// Returns "?, ?, ..." for values and binds them.
{
	std::string sql;
	for (const auto& v : values)
	{
		sql += sql.empty() ? "?" : ", ?";
		st.addBind(bind(v));
	}
	return sql;
}


std::string filters(Poco::Data::Statement& st, const ResourceRepository::Filter& filter)
	/// Returns the SQL of the listing filters (on alias r) and binds their values.
{
	std::string sql;
	if (!filter.type.empty())
	{
		sql += " AND r.type = ?";
		st.addBind(bind(filter.type));
	}
	if (!filter.workspace.isNull())
	{
		sql += " AND r.workspace_id = ?";
		st.addBind(bind(filter.workspace.value()));
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
	Poco::Data::Statement st(session);
	st.addBind(bind(orgId));
	std::string sql =
	    "INSERT INTO resources (organization_id, workspace_id, type, name, created_by, created_at) VALUES (?, ";
	if (workspaceId.isNull())
	{
		sql += "NULL";
	}
	else
	{
		sql += "?";
		st.addBind(bind(workspaceId.value()));
	}
	sql += ", ?, ?, ?, ?)";
	st.addBind(bind(type));
	st.addBind(bind(name));
	st.addBind(bind(createdBy));
	st.addBind(bind(micros));
	st << sql;
	st.execute();
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
	Poco::Data::Statement st(session);
	st << "INSERT INTO resource_collaborators (resource_id, organization_id, account_id, role, created_at) "
	      "SELECT ?, m.organization_id, m.account_id, COALESCE(d.role, ?), ? "
	      "FROM memberships m "
	      "LEFT JOIN member_default_roles d "
	      "ON d.organization_id = m.organization_id AND d.account_id = m.account_id AND d.resource_type = ? "
	      "WHERE m.organization_id = ? AND m.account_id <> ? AND COALESCE(d.role, ?) <> ?",
	    bind(resource.id), bind(configuredDefault), bind(Database::toMicros(resource.createdAt)), bind(resource.type),
	    bind(resource.organizationId), bind(exceptAccountId), bind(configuredDefault), bind(noneRole);
	const int added = static_cast<int>(st.execute());
	if (added > 0)
		_database.accessChanged(session, resource.organizationId);
	return added;
}


Poco::Nullable<Resource> ResourceRepository::find(Poco::Data::Session& session, Id orgId, Id resourceId)
{
	Poco::Data::Statement st(session);
	st << "SELECT " + RESOURCE_COLUMNS + " FROM resources r WHERE r.organization_id = ? AND r.id = ?", bind(orgId),
	    bind(resourceId);
	std::vector<Resource> found = readResources(st);
	if (found.empty())
		return Poco::Nullable<Resource>();
	return found.front();
}


bool ResourceRepository::remove(Poco::Data::Session& session, Id orgId, Id resourceId)
{
	Poco::Data::Statement st(session);
	st << "DELETE FROM resources WHERE organization_id = ? AND id = ?", bind(orgId), bind(resourceId);
	if (st.execute() != 1)
		return false;
	_database.accessChanged(session, orgId); // its collaborators go with it
	return true;
}


std::vector<Resource> ResourceRepository::list(Poco::Data::Session& session, Id orgId, const Filter& filter, Id afterId,
                                               int limit)
{
	Poco::Data::Statement st(session);
	st.addBind(bind(orgId));
	st.addBind(bind(afterId));
	std::string sql = "SELECT " + RESOURCE_COLUMNS + " FROM resources r WHERE r.organization_id = ? AND r.id > ?";
	sql += filters(st, filter);
	sql += " ORDER BY r.id LIMIT ?";
	st.addBind(bind(limit));
	st << sql;
	return readResources(st);
}


std::vector<Resource> ResourceRepository::listReadable(Poco::Data::Session& session, Id orgId, Id accountId,
                                                       const Readers& readers, const Filter& filter, Id afterId,
                                                       int limit)
{
	// Two branches, each bounded to one page: the account's collaborator rows (an index range of
	// resource_collaborators_account) and the resources of the workspaces it belongs to with a
	// reading role. UNION removes a resource reached both ways.
	Poco::Data::Statement st(session);
	std::vector<std::string> branches;

	std::string typeRoles;
	for (const auto& kv : readers.collaboratorRoles)
	{
		if (kv.second.empty() || (!filter.type.empty() && filter.type != kv.first))
			continue;
		typeRoles += typeRoles.empty() ? "(" : " OR (";
		typeRoles += "r.type = ?";
		st.addBind(bind(kv.first));
		typeRoles += " AND rc.role IN (" + placeholders(st, kv.second) + "))";
	}
	if (!typeRoles.empty())
	{
		std::string sql = "SELECT * FROM (SELECT " + RESOURCE_COLUMNS +
		                  " FROM resource_collaborators rc JOIN resources r ON r.id = rc.resource_id "
		                  "WHERE (" +
		                  typeRoles + ") AND rc.organization_id = ? AND rc.account_id = ? AND rc.resource_id > ?";
		st.addBind(bind(orgId));
		st.addBind(bind(accountId));
		st.addBind(bind(afterId));
		sql += filters(st, filter);
		sql += " ORDER BY rc.resource_id LIMIT ?) c";
		st.addBind(bind(limit));
		branches.push_back(sql);
	}
	if (!readers.workspaceRoles.empty())
	{
		std::string sql = "SELECT * FROM (SELECT " + RESOURCE_COLUMNS +
		                  " FROM workspace_members wm JOIN resources r ON r.workspace_id = wm.workspace_id "
		                  "WHERE wm.role IN (" +
		                  placeholders(st, readers.workspaceRoles) +
		                  ") AND wm.organization_id = ? AND wm.account_id = ? AND r.id > ?";
		st.addBind(bind(orgId));
		st.addBind(bind(accountId));
		st.addBind(bind(afterId));
		sql += filters(st, filter);
		sql += " ORDER BY r.id LIMIT ?) w";
		st.addBind(bind(limit));
		branches.push_back(sql);
	}
	if (branches.empty())
		return std::vector<Resource>();
	std::string sql = branches.front();
	if (branches.size() > 1)
		sql += " UNION " + branches.back();
	sql += " ORDER BY id LIMIT ?";
	st.addBind(bind(limit));
	st << sql;
	return readResources(st);
}


Poco::Nullable<Collaborator> ResourceRepository::findCollaborator(Poco::Data::Session& session, Id resourceId,
                                                                  Id accountId)
{
	Poco::Data::Statement st(session);
	st << SELECT_COLLABORATOR + "WHERE rc.resource_id = ? AND rc.account_id = ?", bind(resourceId), bind(accountId);
	st.execute();
	Poco::Data::RecordSet rs(st);
	Rows rows(rs);
	if (rows.count() == 0)
		return Poco::Nullable<Collaborator>();
	return readCollaborator(rows, 0);
}


void ResourceRepository::insertCollaborator(Poco::Data::Session& session, Id orgId, Id resourceId, Id accountId,
                                            const std::string& role, const Poco::Timestamp& at)
{
	try
	{
		session << "INSERT INTO resource_collaborators (resource_id, organization_id, account_id, role, created_at) "
		           "VALUES (?, ?, ?, ?, ?)",
		    bind(resourceId), bind(orgId), bind(accountId), bind(role), bind(Database::toMicros(at)), now;
	}
	catch (Poco::Exception& exc)
	{
		if (Database::classify(exc) == Database::ErrorKind::ForeignKey)
			throw ConflictException("Only members of the organization can be collaborators", "not_a_member");
		throw;
	}
	_database.accessChanged(session, orgId);
}


bool ResourceRepository::updateCollaborator(Poco::Data::Session& session, Id orgId, Id resourceId, Id accountId,
                                            const std::string& role)
{
	Poco::Data::Statement st(session);
	st << "UPDATE resource_collaborators SET role = ? WHERE resource_id = ? AND account_id = ? AND organization_id = ? "
	      "AND role <> ?",
	    bind(role), bind(resourceId), bind(accountId), bind(orgId), bind(role);
	if (st.execute() != 1)
		return false;
	_database.accessChanged(session, orgId);
	return true;
}


bool ResourceRepository::removeCollaborator(Poco::Data::Session& session, Id orgId, Id resourceId, Id accountId)
{
	Poco::Data::Statement st(session);
	st << "DELETE FROM resource_collaborators WHERE resource_id = ? AND account_id = ? AND organization_id = ?",
	    bind(resourceId), bind(accountId), bind(orgId);
	if (st.execute() != 1)
		return false;
	_database.accessChanged(session, orgId);
	return true;
}


std::vector<Collaborator> ResourceRepository::listCollaborators(Poco::Data::Session& session, Id resourceId,
                                                                Id afterAccountId, int limit)
{
	Poco::Data::Statement st(session);
	st << SELECT_COLLABORATOR + "WHERE rc.resource_id = ? AND rc.account_id > ? ORDER BY rc.account_id LIMIT ?",
	    bind(resourceId), bind(afterAccountId), bind(limit);
	st.execute();
	Poco::Data::RecordSet rs(st);
	Rows rows(rs);
	std::vector<Collaborator> result;
	for (std::size_t i = 0; i < rows.count(); ++i)
		result.push_back(readCollaborator(rows, i));
	return result;
}


} // namespace Data
} // namespace Orgs
