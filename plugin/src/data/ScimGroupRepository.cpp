//
// ScimGroupRepository.cpp
//
// Library: OrgsPlugin
// Package: Data
// Module:  ScimGroupRepository
//


#include "data/ScimGroupRepository.h"
#include "data/Rows.h"
#include "Orgs/Errors.h"
#include "Poco/Data/RecordSet.h"
#include "Poco/UTF8String.h"


namespace Orgs {
namespace Data {


namespace {


const std::string COLUMNS("SELECT g.id, g.connection_id, g.organization_id, g.display_name, g.external_id, "
                          "g.created_at, g.updated_at FROM scim_groups g ");


ConflictException taken(const std::string& displayName)
{
	return ConflictException("The connection has a group named '" + displayName + "' (compared ignoring case)",
	                         "uniqueness");
}


} // namespace


ScimGroupRepository::ScimGroupRepository(Database& database) : _database(database) {}


std::vector<ScimGroupRepository::Row> ScimGroupRepository::read(Poco::Data::RecordSet& rs) const
{
	Rows rows(rs);
	std::vector<Row> result;
	result.reserve(rows.count());
	for (std::size_t i = 0; i < rows.count(); ++i)
	{
		Row r;
		r.id = rows.integer(i, 0);
		r.connectionId = rows.integer(i, 1);
		r.organizationId = rows.integer(i, 2);
		r.displayName = rows.text(i, 3);
		if (!rows.isNull(i, 4))
			r.externalId = rows.text(i, 4);
		r.createdAt = rows.time(i, 5);
		r.updatedAt = rows.time(i, 6);
		result.push_back(std::move(r));
	}
	return result;
}


Id ScimGroupRepository::insert(Poco::Data::Session& session, const Row& r)
{
	try
	{
		_database.execute(session,
		                  "INSERT INTO scim_groups (connection_id, organization_id, display_name, display_name_key, "
		                  "external_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
		                  {r.connectionId, r.organizationId, r.displayName, Poco::UTF8::toLower(r.displayName),
		                   r.externalId, Database::toMicros(r.createdAt), Database::toMicros(r.updatedAt)});
	}
	catch (Poco::Exception& exc)
	{
		if (Database::classify(exc) == Database::ErrorKind::Duplicate)
			throw taken(r.displayName);
		throw;
	}
	return _database.lastInsertId(session);
}


void ScimGroupRepository::update(Poco::Data::Session& session, const Row& r)
{
	try
	{
		_database.execute(
		    session,
		    "UPDATE scim_groups SET display_name = ?, display_name_key = ?, external_id = ?, "
		    "updated_at = ? WHERE id = ?",
		    {r.displayName, Poco::UTF8::toLower(r.displayName), r.externalId, Database::toMicros(r.updatedAt), r.id});
	}
	catch (Poco::Exception& exc)
	{
		if (Database::classify(exc) == Database::ErrorKind::Duplicate)
			throw taken(r.displayName);
		throw;
	}
}


void ScimGroupRepository::remove(Poco::Data::Session& session, Id id)
{
	_database.execute(session, "DELETE FROM scim_group_members WHERE group_id = ?", {id});
	_database.execute(session, "DELETE FROM scim_groups WHERE id = ?", {id});
}


Poco::Nullable<ScimGroupRepository::Row> ScimGroupRepository::find(Poco::Data::Session& session, Id connectionId, Id id,
                                                                   bool lock)
{
	Poco::Data::RecordSet rs = _database.select(
	    session, COLUMNS + "WHERE g.id = ? AND g.connection_id = ?" + (lock ? _database.forUpdate() : ""),
	    {id, connectionId});
	std::vector<Row> found = read(rs);
	return found.empty() ? Poco::Nullable<Row>() : Poco::Nullable<Row>(found.front());
}


std::vector<ScimGroupRepository::Row>
ScimGroupRepository::findByDisplayName(Poco::Data::Session& session, Id connectionId, const std::string& displayName)
{
	Poco::Data::RecordSet rs =
	    _database.select(session, COLUMNS + "WHERE g.connection_id = ? AND g.display_name_key = ?",
	                     {connectionId, Poco::UTF8::toLower(displayName)});
	return read(rs);
}


std::vector<ScimGroupRepository::Row> ScimGroupRepository::findByExternalId(Poco::Data::Session& session,
                                                                            Id connectionId,
                                                                            const std::string& externalId, int limit)
{
	Poco::Data::RecordSet rs =
	    _database.select(session, COLUMNS + "WHERE g.connection_id = ? AND g.external_id = ? ORDER BY g.id LIMIT ?",
	                     {connectionId, externalId, limit});
	return read(rs);
}


std::vector<ScimGroupRepository::Row> ScimGroupRepository::list(Poco::Data::Session& session, Id connectionId,
                                                                int offset, int limit)
{
	Poco::Data::RecordSet rs = _database.select(
	    session, COLUMNS + "WHERE g.connection_id = ? ORDER BY g.id LIMIT ? OFFSET ?", {connectionId, limit, offset});
	return read(rs);
}


int ScimGroupRepository::count(Poco::Data::Session& session, Id connectionId)
{
	Poco::Data::RecordSet rs =
	    _database.select(session, "SELECT COUNT(*) FROM scim_groups WHERE connection_id = ?", {connectionId});
	Rows rows(rs);
	return rows.count() == 0 ? 0 : static_cast<int>(rows.integer(0, 0));
}


std::vector<ScimGroupRepository::Member> ScimGroupRepository::members(Poco::Data::Session& session, Id groupId)
{
	Poco::Data::RecordSet rs = _database.select(session,
	                                            "SELECT u.id, u.user_name FROM scim_group_members m "
	                                            "JOIN scim_users u ON u.id = m.scim_user_id "
	                                            "WHERE m.group_id = ? AND u.deleted_at IS NULL ORDER BY u.id",
	                                            {groupId});
	Rows rows(rs);
	std::vector<Member> result;
	for (std::size_t i = 0; i < rows.count(); ++i)
		result.push_back(Member{rows.integer(i, 0), rows.text(i, 1)});
	return result;
}


bool ScimGroupRepository::addMember(Poco::Data::Session& session, Id groupId, Id userId)
{
	Poco::Data::RecordSet rs = _database.select(
	    session, "SELECT 1 FROM scim_group_members WHERE group_id = ? AND scim_user_id = ?", {groupId, userId});
	if (rs.rowCount() != 0)
		return false;
	_database.execute(session, "INSERT INTO scim_group_members (group_id, scim_user_id) VALUES (?, ?)",
	                  {groupId, userId});
	return true;
}


bool ScimGroupRepository::removeMember(Poco::Data::Session& session, Id groupId, Id userId)
{
	return _database.execute(session, "DELETE FROM scim_group_members WHERE group_id = ? AND scim_user_id = ?",
	                         {groupId, userId}) != 0;
}


} // namespace Data
} // namespace Orgs
