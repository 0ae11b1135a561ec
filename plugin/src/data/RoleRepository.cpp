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


namespace Orgs {
namespace Data {


namespace {


const std::string SELECT_ROLE("SELECT id, scope, name, permissions, description, created_by, created_at, updated_at "
                              "FROM custom_roles ");


std::vector<CustomRole> readRoles(Poco::Data::RecordSet& rs)
{
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


bool exists(Database& database, Poco::Data::Session& session, const std::string& sql, Id orgId, const std::string& a,
            const std::string& b)
{
	std::vector<Param> params{orgId, a};
	if (!b.empty())
		params.emplace_back(b);
	Poco::Data::RecordSet rs = database.select(session, sql, params);
	return Rows(rs).integer(0, 0) > 0;
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
		_database.execute(
		    session,
		    "INSERT INTO custom_roles (organization_id, scope, name, permissions, description, created_by, "
		    "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
		    {orgId, role.scope, role.name, permissions, role.description, role.createdBy, created, updated});
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
	Poco::Data::RecordSet rs = _database.select(
	    session, SELECT_ROLE + "WHERE organization_id = ? AND scope = ? AND name = ?", {orgId, scope, name});
	std::vector<CustomRole> found = readRoles(rs);
	if (found.empty())
		return Poco::Nullable<CustomRole>();
	return found.front();
}


std::vector<CustomRole> RoleRepository::list(Poco::Data::Session& session, Id orgId)
{
	Poco::Data::RecordSet rs =
	    _database.select(session, SELECT_ROLE + "WHERE organization_id = ? ORDER BY scope, name", {orgId});
	return readRoles(rs);
}


Poco::Int64 RoleRepository::count(Poco::Data::Session& session, Id orgId)
{
	Poco::Data::RecordSet rs =
	    _database.select(session, "SELECT COUNT(*) FROM custom_roles WHERE organization_id = ?", {orgId});
	return Rows(rs).integer(0, 0);
}


void RoleRepository::update(Poco::Data::Session& session, Id orgId, const CustomRole& role)
{
	// The permissions first, on their own: only a change of them changes access.
	const std::string permissions = stored(role);
	if (_database.execute(
	        session,
	        "UPDATE custom_roles SET permissions = ? WHERE organization_id = ? AND scope = ? AND name = ? "
	        "AND permissions <> ?",
	        {permissions, orgId, role.scope, role.name, permissions}) > 0)
		_database.accessChanged(session, orgId);
	const Poco::Int64 updated = Database::toMicros(role.updatedAt);
	_database.execute(session,
	                  "UPDATE custom_roles SET description = ?, updated_at = ? "
	                  "WHERE organization_id = ? AND scope = ? AND name = ?",
	                  {role.description, updated, orgId, role.scope, role.name});
}


bool RoleRepository::remove(Poco::Data::Session& session, Id orgId, const std::string& scope, const std::string& name)
{
	if (_database.execute(session, "DELETE FROM custom_roles WHERE organization_id = ? AND scope = ? AND name = ?",
	                      {orgId, scope, name}) != 1)
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
		if (exists(_database, session, "SELECT COUNT(*) FROM workspace_members WHERE organization_id = ? AND role = ?",
		           orgId, name, ""))
			result.push_back("workspace_members");
		if (exists(_database, session,
		           "SELECT COUNT(*) FROM invitation_workspaces iw JOIN invitations i ON i.id = iw.invitation_id "
		           "WHERE i.organization_id = ? AND i.status = 'pending' AND iw.role = ?",
		           orgId, name, ""))
			result.push_back("invitations");
		return result;
	}
	if (exists(_database, session,
	           "SELECT COUNT(*) FROM resource_collaborators rc JOIN resources r ON r.id = rc.resource_id "
	           "WHERE rc.organization_id = ? AND r.type = ? AND rc.role = ?",
	           orgId, scope, name))
		result.push_back("collaborators");
	if (exists(_database, session,
	           "SELECT COUNT(*) FROM member_default_roles WHERE organization_id = ? AND resource_type = ? AND role = ?",
	           orgId, scope, name))
		result.push_back("default_roles");
	if (exists(_database, session,
	           "SELECT COUNT(*) FROM invitation_default_roles d JOIN invitations i ON i.id = d.invitation_id "
	           "WHERE i.organization_id = ? AND i.status = 'pending' AND d.resource_type = ? AND d.role = ?",
	           orgId, scope, name))
		result.push_back("invitations");
	return result;
}


} // namespace Data
} // namespace Orgs
