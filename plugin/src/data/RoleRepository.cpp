//
// RoleRepository.cpp
//
// Library: OrgsPlugin
// Package: Data
// Module:  RoleRepository
//


#include "data/RoleRepository.h"
#include "config/RoleCatalog.h"
#include "data/Rows.h"
#include "Orgs/Errors.h"
#include "Poco/Data/Statement.h"


using namespace Poco::Data::Keywords;
using Poco::Data::Keywords::bind;


namespace Orgs {
namespace Data {


namespace {


const std::string SELECT_ROLE("SELECT id, scope, name, permissions, description, created_by, created_at, updated_at "
                              "FROM custom_roles ");


std::vector<CustomRole> readRoles(Poco::Data::Statement& st)
{
	st.execute();
	Poco::Data::RecordSet rs(st);
	Rows rows(rs);
	std::vector<CustomRole> result;
	for (std::size_t i = 0; i < rows.count(); ++i)
	{
		CustomRole r;
		r.id = rows.integer(i, 0);
		r.scope = rows.text(i, 1);
		r.name = rows.text(i, 2);
		r.permissions = Config::RoleCatalog::parseNames(rows.text(i, 3)).names();
		r.description = rows.text(i, 4);
		r.custom = true;
		r.createdBy = rows.integer(i, 5);
		r.createdAt = rows.time(i, 6);
		r.updatedAt = rows.time(i, 7);
		result.push_back(r);
	}
	return result;
}


std::string stored(const CustomRole& role)
{
	PermissionSet set;
	for (const auto& name : role.permissions)
	{
		Permission p;
		if (parsePermission(name, p))
			set.add(p);
	}
	return Config::RoleCatalog::joinNames(set);
}


bool exists(Poco::Data::Session& session, const std::string& sql, Id orgId, const std::string& a, const std::string& b)
{
	Poco::Int64 n = 0;
	Poco::Data::Statement st(session);
	if (b.empty())
		st << sql, bind(orgId), bind(a), into(n);
	else
		st << sql, bind(orgId), bind(a), bind(b), into(n);
	st.execute();
	return n > 0;
}


} // namespace


RoleRepository::RoleRepository(Database& database) : _database(database) {}


Id RoleRepository::insert(Poco::Data::Session& session, Id orgId, const CustomRole& role)
{
	const std::string permissions = stored(role);
	const Poco::Int64 created = Database::toMicros(role.createdAt);
	const Poco::Int64 updated = Database::toMicros(role.updatedAt);
	try
	{
		session << "INSERT INTO custom_roles (organization_id, scope, name, permissions, description, created_by, "
		           "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
		    bind(orgId), bind(role.scope), bind(role.name), bind(permissions), bind(role.description),
		    bind(role.createdBy), bind(created), bind(updated), now;
	}
	catch (Poco::Exception& exc)
	{
		if (Database::classify(exc) == Database::ErrorKind::Duplicate)
			throw ConflictException("The organization already has a " + role.scope + " role named '" + role.name + "'",
			                        "role_exists");
		throw;
	}
	// Held roles of this name (stored before it existed) grant its permissions from now on.
	_database.accessChanged(session, orgId);
	return _database.lastInsertId(session);
}


Poco::Nullable<CustomRole> RoleRepository::find(Poco::Data::Session& session, Id orgId, const std::string& scope,
                                                const std::string& name)
{
	Poco::Data::Statement st(session);
	st << SELECT_ROLE + "WHERE organization_id = ? AND scope = ? AND name = ?", bind(orgId), bind(scope), bind(name);
	std::vector<CustomRole> found = readRoles(st);
	if (found.empty())
		return Poco::Nullable<CustomRole>();
	return found.front();
}


std::vector<CustomRole> RoleRepository::list(Poco::Data::Session& session, Id orgId)
{
	Poco::Data::Statement st(session);
	st << SELECT_ROLE + "WHERE organization_id = ? ORDER BY scope, name", bind(orgId);
	return readRoles(st);
}


Poco::Int64 RoleRepository::count(Poco::Data::Session& session, Id orgId)
{
	Poco::Int64 n = 0;
	session << "SELECT COUNT(*) FROM custom_roles WHERE organization_id = ?", bind(orgId), into(n), now;
	return n;
}


void RoleRepository::update(Poco::Data::Session& session, Id orgId, const CustomRole& role)
{
	// The permissions first, on their own: only a change of them changes access.
	const std::string permissions = stored(role);
	Poco::Data::Statement st(session);
	st << "UPDATE custom_roles SET permissions = ? WHERE organization_id = ? AND scope = ? AND name = ? "
	      "AND permissions <> ?",
	    bind(permissions), bind(orgId), bind(role.scope), bind(role.name), bind(permissions);
	if (st.execute() > 0)
		_database.accessChanged(session, orgId);
	const Poco::Int64 updated = Database::toMicros(role.updatedAt);
	session << "UPDATE custom_roles SET description = ?, updated_at = ? "
	           "WHERE organization_id = ? AND scope = ? AND name = ?",
	    bind(role.description), bind(updated), bind(orgId), bind(role.scope), bind(role.name), now;
}


bool RoleRepository::remove(Poco::Data::Session& session, Id orgId, const std::string& scope, const std::string& name)
{
	Poco::Data::Statement st(session);
	st << "DELETE FROM custom_roles WHERE organization_id = ? AND scope = ? AND name = ?", bind(orgId), bind(scope),
	    bind(name);
	if (st.execute() != 1)
		return false;
	_database.accessChanged(session, orgId);
	return true;
}


std::vector<std::string> RoleRepository::inUse(Poco::Data::Session& session, Id orgId, const std::string& scope,
                                               const std::string& name, bool workspaceScope)
{
	std::vector<std::string> result;
	if (workspaceScope)
	{
		if (exists(session, "SELECT COUNT(*) FROM workspace_members WHERE organization_id = ? AND role = ?", orgId,
		           name, ""))
			result.push_back("workspace_members");
		if (exists(session,
		           "SELECT COUNT(*) FROM invitation_workspaces iw JOIN invitations i ON i.id = iw.invitation_id "
		           "WHERE i.organization_id = ? AND i.status = 'pending' AND iw.role = ?",
		           orgId, name, ""))
			result.push_back("invitations");
		return result;
	}
	if (exists(session,
	           "SELECT COUNT(*) FROM resource_collaborators rc JOIN resources r ON r.id = rc.resource_id "
	           "WHERE rc.organization_id = ? AND r.type = ? AND rc.role = ?",
	           orgId, scope, name))
		result.push_back("collaborators");
	if (exists(session,
	           "SELECT COUNT(*) FROM member_default_roles WHERE organization_id = ? AND resource_type = ? AND role = ?",
	           orgId, scope, name))
		result.push_back("default_roles");
	if (exists(session,
	           "SELECT COUNT(*) FROM invitation_default_roles d JOIN invitations i ON i.id = d.invitation_id "
	           "WHERE i.organization_id = ? AND i.status = 'pending' AND d.resource_type = ? AND d.role = ?",
	           orgId, scope, name))
		result.push_back("invitations");
	return result;
}


} // namespace Data
} // namespace Orgs
