//
// AccessRepository.cpp
//
// Library: OrgsPlugin
// Package: Data
// Module:  AccessRepository
//


#include "data/AccessRepository.h"
#include "data/Rows.h"


namespace Orgs {
namespace Data {


namespace {


const std::string ORGANIZATION_AND_MEMBER("SELECT o.owner_account_id, o.acl_version, m.role%s FROM organizations o "
                                          "LEFT JOIN memberships m ON m.organization_id = o.id AND m.account_id = ? ");


std::string select(const std::string& extraColumns, const std::string& joins)
{
	std::string sql = ORGANIZATION_AND_MEMBER;
	sql.replace(sql.find("%s"), 2, extraColumns);
	return sql + joins + "WHERE o.id = ? AND o.deleted_at IS NULL"; // a deleted organization grants nothing
}


bool readCommon(Rows& rows, AccessRepository::Standing& s)
{
	if (rows.count() == 0)
		return false;
	s.organizationExists = true;
	s.ownerAccountId = rows.integer(0, 0);
	s.aclVersion = rows.integer(0, 1);
	s.member = !rows.isNull(0, 2);
	s.organizationRole = rows.text(0, 2);
	return true;
}


} // namespace


AccessRepository::AccessRepository(Database& database) : _database(database) {}


AccessRepository::Standing AccessRepository::organization(Poco::Data::Session& session, Id accountId, Id organizationId)
{
	static const std::string sql = select("", "");
	Poco::Data::RecordSet rs = _database.select(session, sql, {accountId, organizationId});
	Rows rows(rs);
	Standing s;
	readCommon(rows, s);
	return s;
}


AccessRepository::Standing AccessRepository::workspace(Poco::Data::Session& session, Id accountId, Id organizationId,
                                                       Id workspaceId)
{
	// A custom workspace role is joined by name on its unique key: still one statement.
	static const std::string sql =
	    select(", w.id, wm.role, cw.permissions",
	           "LEFT JOIN workspaces w ON w.organization_id = o.id AND w.id = ? "
	           "LEFT JOIN workspace_members wm ON wm.workspace_id = w.id AND wm.account_id = ? "
	           "LEFT JOIN custom_roles cw ON cw.organization_id = o.id AND cw.scope = 'workspace' "
	           "AND cw.name = wm.role ");
	Poco::Data::RecordSet rs = _database.select(session, sql, {accountId, workspaceId, accountId, organizationId});
	Rows rows(rs);
	Standing s;
	if (readCommon(rows, s) && !rows.isNull(0, 3))
	{
		s.scopeExists = true;
		s.workspaceId = rows.integer(0, 3);
		s.workspaceRole = rows.text(0, 4);
		s.customWorkspacePermissions = rows.text(0, 5);
	}
	return s;
}


AccessRepository::Standing AccessRepository::resource(Poco::Data::Session& session, Id accountId, Id organizationId,
                                                      Id resourceId)
{
	static const std::string sql =
	    select(", r.id, r.type, r.workspace_id, wm.role, rc.role, cw.permissions, cr.permissions",
	           "LEFT JOIN resources r ON r.organization_id = o.id AND r.id = ? "
	           "LEFT JOIN workspace_members wm ON wm.workspace_id = r.workspace_id AND wm.account_id = ? "
	           "LEFT JOIN resource_collaborators rc ON rc.resource_id = r.id AND rc.account_id = ? "
	           "LEFT JOIN custom_roles cw ON cw.organization_id = o.id AND cw.scope = 'workspace' "
	           "AND cw.name = wm.role "
	           "LEFT JOIN custom_roles cr ON cr.organization_id = o.id AND cr.scope = r.type AND cr.name = rc.role ");
	Poco::Data::RecordSet rs =
	    _database.select(session, sql, {accountId, resourceId, accountId, accountId, organizationId});
	Rows rows(rs);
	Standing s;
	if (readCommon(rows, s) && !rows.isNull(0, 3))
	{
		s.scopeExists = true;
		s.resourceId = rows.integer(0, 3);
		s.resourceType = rows.text(0, 4);
		s.workspaceId = rows.integer(0, 5);
		s.workspaceRole = rows.text(0, 6);
		s.resourceRole = rows.text(0, 7);
		s.customWorkspacePermissions = rows.text(0, 8);
		s.customResourcePermissions = rows.text(0, 9);
	}
	return s;
}


Poco::Int64 AccessRepository::aclVersion(Poco::Data::Session& session, Id organizationId)
{
	Poco::Data::RecordSet rs = _database.select(
	    session, "SELECT acl_version FROM organizations WHERE id = ? AND deleted_at IS NULL", {organizationId});
	Rows rows(rs);
	return rows.count() == 0 ? -1 : rows.integer(0, 0);
}


} // namespace Data
} // namespace Orgs
