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
#include "Poco/Data/Statement.h"


using namespace Poco::Data::Keywords;
using Poco::Data::Keywords::bind;


namespace Orgs {
namespace Data {


namespace {


const std::string SELECT_WORKSPACE("SELECT w.id, w.organization_id, w.name, w.created_by, w.created_at, w.updated_at "
                                   "FROM workspaces w ");

const std::string SELECT_MEMBER("SELECT wm.workspace_id, wm.account_id, a.username, a.name, wm.role, wm.created_at "
                                "FROM workspace_members wm JOIN accounts a ON a.id = wm.account_id ");


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


WorkspaceMember readMember(const Rows& rows, std::size_t i)
{
	WorkspaceMember m;
	m.workspaceId = rows.integer(i, 0);
	m.accountId = rows.integer(i, 1);
	m.username = rows.text(i, 2);
	m.name = rows.text(i, 3);
	m.role = rows.text(i, 4);
	m.createdAt = rows.time(i, 5);
	return m;
}


std::vector<Workspace> readWorkspaces(Poco::Data::Statement& st)
{
	st.execute();
	Poco::Data::RecordSet rs(st);
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
		session << "INSERT INTO workspaces (organization_id, name, created_by, created_at, updated_at) VALUES (?, ?, "
		           "?, ?, ?)",
		    bind(orgId), bind(name), bind(createdBy), bind(micros), bind(micros), now;
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
	Poco::Data::Statement st(session);
	st << SELECT_WORKSPACE + "WHERE w.organization_id = ? AND w.id = ?", bind(orgId), bind(workspaceId);
	std::vector<Workspace> found = readWorkspaces(st);
	if (found.empty())
		return Poco::Nullable<Workspace>();
	return found.front();
}


void WorkspaceRepository::rename(Poco::Data::Session& session, const Workspace& w)
{
	try
	{
		session << "UPDATE workspaces SET name = ?, updated_at = ? WHERE organization_id = ? AND id = ?", bind(w.name),
		    bind(Database::toMicros(w.updatedAt)), bind(w.organizationId), bind(w.id), now;
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
	Poco::Data::Statement st(session);
	st << "DELETE FROM workspaces WHERE organization_id = ? AND id = ?", bind(orgId), bind(workspaceId);
	if (st.execute() != 1)
		return false;
	_database.accessChanged(session, orgId); // its members' roles go with it
	return true;
}


std::vector<Workspace> WorkspaceRepository::list(Poco::Data::Session& session, Id orgId, Id afterId, int limit)
{
	Poco::Data::Statement st(session);
	st << SELECT_WORKSPACE + "WHERE w.organization_id = ? AND w.id > ? ORDER BY w.id LIMIT ?", bind(orgId),
	    bind(afterId), bind(limit);
	return readWorkspaces(st);
}


std::vector<Workspace> WorkspaceRepository::listForMember(Poco::Data::Session& session, Id orgId, Id accountId,
                                                          const std::vector<std::string>& roles, Id afterId, int limit)
{
	if (roles.empty())
		return std::vector<Workspace>();
	// The account's workspace memberships are one range of workspace_members_account.
	Poco::Data::Statement st(session);
	std::string sql = SELECT_WORKSPACE + "JOIN workspace_members wm ON wm.workspace_id = w.id "
	                                     "WHERE wm.organization_id = ? AND wm.account_id = ? AND wm.workspace_id > ? "
	                                     "AND wm.role IN (";
	st.addBind(bind(orgId));
	st.addBind(bind(accountId));
	st.addBind(bind(afterId));
	for (std::size_t i = 0; i < roles.size(); ++i)
	{
		sql += i ? ", ?" : "?";
		st.addBind(bind(roles[i]));
	}
	sql += ") ORDER BY wm.workspace_id LIMIT ?";
	st.addBind(bind(limit));
	st << sql;
	return readWorkspaces(st);
}


Poco::Nullable<WorkspaceMember> WorkspaceRepository::findMember(Poco::Data::Session& session, Id workspaceId,
                                                                Id accountId)
{
	Poco::Data::Statement st(session);
	st << SELECT_MEMBER + "WHERE wm.workspace_id = ? AND wm.account_id = ?", bind(workspaceId), bind(accountId);
	st.execute();
	Poco::Data::RecordSet rs(st);
	Rows rows(rs);
	if (rows.count() == 0)
		return Poco::Nullable<WorkspaceMember>();
	return readMember(rows, 0);
}


void WorkspaceRepository::insertMember(Poco::Data::Session& session, Id orgId, Id workspaceId, Id accountId,
                                       const std::string& role, const Poco::Timestamp& at)
{
	try
	{
		session << "INSERT INTO workspace_members (workspace_id, organization_id, account_id, role, created_at) "
		           "VALUES (?, ?, ?, ?, ?)",
		    bind(workspaceId), bind(orgId), bind(accountId), bind(role), bind(Database::toMicros(at)), now;
	}
	catch (Poco::Exception& exc)
	{
		if (Database::classify(exc) == Database::ErrorKind::ForeignKey)
			throw ConflictException("Only members of the organization can join its workspaces", "not_a_member");
		throw;
	}
	_database.accessChanged(session, orgId);
}


bool WorkspaceRepository::updateMember(Poco::Data::Session& session, Id orgId, Id workspaceId, Id accountId,
                                       const std::string& role)
{
	Poco::Data::Statement st(session);
	st << "UPDATE workspace_members SET role = ? WHERE workspace_id = ? AND account_id = ? AND organization_id = ? "
	      "AND role <> ?",
	    bind(role), bind(workspaceId), bind(accountId), bind(orgId), bind(role);
	if (st.execute() != 1)
		return false;
	_database.accessChanged(session, orgId);
	return true;
}


bool WorkspaceRepository::removeMember(Poco::Data::Session& session, Id orgId, Id workspaceId, Id accountId)
{
	Poco::Data::Statement st(session);
	st << "DELETE FROM workspace_members WHERE workspace_id = ? AND account_id = ? AND organization_id = ?",
	    bind(workspaceId), bind(accountId), bind(orgId);
	if (st.execute() != 1)
		return false;
	_database.accessChanged(session, orgId);
	return true;
}


std::vector<WorkspaceMember> WorkspaceRepository::listMembers(Poco::Data::Session& session, Id workspaceId,
                                                              Id afterAccountId, int limit)
{
	Poco::Data::Statement st(session);
	st << SELECT_MEMBER + "WHERE wm.workspace_id = ? AND wm.account_id > ? ORDER BY wm.account_id LIMIT ?",
	    bind(workspaceId), bind(afterAccountId), bind(limit);
	st.execute();
	Poco::Data::RecordSet rs(st);
	Rows rows(rs);
	std::vector<WorkspaceMember> result;
	for (std::size_t i = 0; i < rows.count(); ++i)
		result.push_back(readMember(rows, i));
	return result;
}


Poco::Nullable<Workspace> WorkspaceRepository::oldest(Poco::Data::Session& session, Id orgId)
{
	Poco::Data::Statement st(session);
	st << SELECT_WORKSPACE + "WHERE w.organization_id = ? ORDER BY w.id LIMIT 1", bind(orgId);
	std::vector<Workspace> found = readWorkspaces(st);
	if (found.empty())
		return Poco::Nullable<Workspace>();
	return found.front();
}


Poco::Int64 WorkspaceRepository::countOfMember(Poco::Data::Session& session, Id orgId, Id accountId)
{
	// One range of workspace_members_account.
	Poco::Int64 count = 0;
	session << "SELECT COUNT(*) FROM workspace_members WHERE organization_id = ? AND account_id = ?", bind(orgId),
	    bind(accountId), into(count), now;
	return count;
}


std::vector<std::string> WorkspaceRepository::soleMembers(Poco::Data::Session& session, Id workspaceId, int limit)
{
	std::vector<std::string> usernames;
	session << "SELECT a.username FROM workspace_members wm JOIN accounts a ON a.id = wm.account_id "
	           "WHERE wm.workspace_id = ? AND NOT EXISTS (SELECT 1 FROM workspace_members o "
	           "WHERE o.organization_id = wm.organization_id AND o.account_id = wm.account_id "
	           "AND o.workspace_id <> wm.workspace_id) "
	           "ORDER BY wm.account_id LIMIT ?",
	    bind(workspaceId), bind(limit), into(usernames), now;
	return usernames;
}


} // namespace Data
} // namespace Orgs
