//
// WorkspaceRepository.cpp
//
// Library: OrgsPlugin
// Package: Data
// Module:  WorkspaceRepository
//


#include "data/WorkspaceRepository.h"
#include "data/Rows.h"
#include "Orgs/Errors.h"


namespace Orgs {
namespace Data {


namespace {


const std::string SELECT_WORKSPACE("SELECT w.id, w.organization_id, w.name, w.created_by, w.created_at, w.updated_at "
                                   "FROM workspaces w ");


Workspace readWorkspace(const Rows& rows, std::size_t i)
{
	Workspace w;
	w.id = rows.integer(i, 0);
	w.organizationId = rows.integer(i, 1);
	w.name = rows.text(i, 2);
	w.createdBy = rows.integer(i, 3);
	w.createdAt = rows.time(i, 4);
	w.updatedAt = rows.time(i, 5);
	return w;
}


std::vector<Workspace> readWorkspaces(Poco::Data::RecordSet& rs)
{
	Rows rows(rs);
	std::vector<Workspace> result;
	for (std::size_t i = 0; i < rows.count(); ++i)
		result.push_back(readWorkspace(rows, i));
	return result;
}


[[noreturn]] void nameInUse(const std::string& name)
{
	throw ConflictException("The organization already has a workspace named '" + name + "'", "workspace_exists");
}


} // namespace


WorkspaceRepository::WorkspaceRepository(Database& database) : _database(database) {}


Workspace WorkspaceRepository::insert(Poco::Data::Session& session, Id orgId, const std::string& name, Id createdBy,
                                      const Poco::Timestamp& at)
{
	const Poco::Int64 micros = Database::toMicros(at);
	try
	{
		_database.execute(session,
		                  "INSERT INTO workspaces (organization_id, name, created_by, created_at, updated_at) "
		                  "VALUES (?, ?, ?, ?, ?)",
		                  {orgId, name, createdBy, micros, micros});
	}
	catch (Poco::Exception& exc)
	{
		if (Database::classify(exc) == Database::ErrorKind::Duplicate)
			nameInUse(name);
		throw;
	}
	Workspace w;
	w.id = _database.lastInsertId(session);
	_database.accessChanged(session, orgId); // a check of this id before it existed may be cached
	w.organizationId = orgId;
	w.name = name;
	w.createdBy = createdBy;
	w.createdAt = Poco::Timestamp(micros);
	w.updatedAt = w.createdAt;
	return w;
}


Poco::Nullable<Workspace> WorkspaceRepository::find(Poco::Data::Session& session, Id orgId, Id workspaceId)
{
	Poco::Data::RecordSet rs =
	    _database.select(session, SELECT_WORKSPACE + "WHERE w.organization_id = ? AND w.id = ?", {orgId, workspaceId});
	std::vector<Workspace> found = readWorkspaces(rs);
	if (found.empty())
		return Poco::Nullable<Workspace>();
	return found.front();
}


void WorkspaceRepository::rename(Poco::Data::Session& session, const Workspace& w)
{
	try
	{
		_database.execute(session,
		                  "UPDATE workspaces SET name = ?, updated_at = ? WHERE organization_id = ? AND id = ?",
		                  {w.name, Database::toMicros(w.updatedAt), w.organizationId, w.id});
	}
	catch (Poco::Exception& exc)
	{
		if (Database::classify(exc) == Database::ErrorKind::Duplicate)
			nameInUse(w.name);
		throw;
	}
}


bool WorkspaceRepository::remove(Poco::Data::Session& session, Id orgId, Id workspaceId)
{
	if (_database.execute(session, "DELETE FROM workspaces WHERE organization_id = ? AND id = ?",
	                      {orgId, workspaceId}) != 1)
		return false;
	_database.accessChanged(session, orgId); // its members' roles go with it
	return true;
}


std::vector<Workspace> WorkspaceRepository::list(Poco::Data::Session& session, Id orgId, Id afterId, int limit)
{
	Poco::Data::RecordSet rs =
	    _database.select(session, SELECT_WORKSPACE + "WHERE w.organization_id = ? AND w.id > ? ORDER BY w.id LIMIT ?",
	                     {orgId, afterId, limit});
	return readWorkspaces(rs);
}


std::vector<Workspace> WorkspaceRepository::listForMember(Poco::Data::Session& session, Id orgId, Id accountId,
                                                          const std::vector<std::string>& roles, Id afterId, int limit)
{
	if (roles.empty())
		return std::vector<Workspace>();
	// The account's workspace memberships are one range of workspace_members_account.
	// The roles come from the configuration: a few lists, each prepared once per connection.
	std::string sql = SELECT_WORKSPACE + "JOIN workspace_members wm ON wm.workspace_id = w.id "
	                                     "WHERE wm.organization_id = ? AND wm.account_id = ? AND wm.workspace_id > ? "
	                                     "AND wm.role IN (";
	std::vector<Param> params{orgId, accountId, afterId};
	for (std::size_t i = 0; i < roles.size(); ++i)
	{
		sql += i ? ", ?" : "?";
		params.emplace_back(roles[i]);
	}
	sql += ") ORDER BY wm.workspace_id LIMIT ?";
	params.emplace_back(limit);
	Poco::Data::RecordSet rs = _database.select(session, sql, params);
	return readWorkspaces(rs);
}


Poco::Nullable<Workspace> WorkspaceRepository::oldest(Poco::Data::Session& session, Id orgId)
{
	Poco::Data::RecordSet rs =
	    _database.select(session, SELECT_WORKSPACE + "WHERE w.organization_id = ? ORDER BY w.id LIMIT 1", {orgId});
	std::vector<Workspace> found = readWorkspaces(rs);
	if (found.empty())
		return Poco::Nullable<Workspace>();
	return found.front();
}


Poco::Int64 WorkspaceRepository::countOfMember(Poco::Data::Session& session, Id orgId, Id accountId)
{
	// One range of workspace_members_account.
	Poco::Data::RecordSet rs =
	    _database.select(session, "SELECT COUNT(*) FROM workspace_members WHERE organization_id = ? AND account_id = ?",
	                     {orgId, accountId});
	return Rows(rs).integer(0, 0);
}


std::vector<std::string> WorkspaceRepository::soleMembers(Poco::Data::Session& session, Id workspaceId, int limit)
{
	Poco::Data::RecordSet rs =
	    _database.select(session,
	                     "SELECT a.username FROM workspace_members wm JOIN accounts a ON a.id = wm.account_id "
	                     "WHERE wm.workspace_id = ? AND NOT EXISTS (SELECT 1 FROM workspace_members o "
	                     "WHERE o.organization_id = wm.organization_id AND o.account_id = wm.account_id "
	                     "AND o.workspace_id <> wm.workspace_id) "
	                     "ORDER BY wm.account_id LIMIT ?",
	                     {workspaceId, limit});
	Rows rows(rs);
	std::vector<std::string> usernames(rows.count());
	for (std::size_t i = 0; i < usernames.size(); ++i)
		usernames[i] = rows.text(i, 0);
	return usernames;
}


} // namespace Data
} // namespace Orgs
