//
// ScimUserRepository.cpp
//
// Library: OrgsPlugin
// Package: Data
// Module:  ScimUserRepository
//


#include "data/ScimUserRepository.h"
#include "data/Rows.h"
#include "Orgs/Errors.h"
#include "Poco/Data/RecordSet.h"
#include "Poco/UTF8String.h"
#include <set>


namespace Orgs {
namespace Data {


namespace {


const std::string COLUMNS("SELECT u.id, u.connection_id, u.organization_id, u.account_id, u.user_name, "
                          "u.external_id, u.display_name, u.given_name, u.family_name, u.formatted_name, u.email, "
                          "u.attributes, u.active, u.account_created, u.created_at, u.updated_at "
                          "FROM scim_users u ");


ConflictException taken(const std::string& userName)
{
	return ConflictException("The connection has a user with userName '" + userName + "' (compared ignoring case)",
	                         "uniqueness");
}


} // namespace


ScimUserRepository::ScimUserRepository(Database& database) : _database(database) {}


std::string ScimUserRepository::keyOf(const std::string& text)
{
	return Poco::UTF8::toLower(text);
}


std::vector<ScimUserRepository::Row> ScimUserRepository::read(Poco::Data::RecordSet& rs) const
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
		r.accountId = rows.integer(i, 3);
		r.userName = rows.text(i, 4);
		if (!rows.isNull(i, 5))
			r.externalId = rows.text(i, 5);
		r.displayName = rows.text(i, 6);
		r.givenName = rows.text(i, 7);
		r.familyName = rows.text(i, 8);
		r.formattedName = rows.text(i, 9);
		r.email = rows.text(i, 10);
		r.attributes = rows.text(i, 11);
		r.active = rows.integer(i, 12) != 0;
		r.accountCreated = rows.integer(i, 13) != 0;
		r.createdAt = rows.time(i, 14);
		r.updatedAt = rows.time(i, 15);
		result.push_back(std::move(r));
	}
	return result;
}


Id ScimUserRepository::insert(Poco::Data::Session& session, const Row& r)
{
	try
	{
		_database.execute(
		    session,
		    "INSERT INTO scim_users (connection_id, organization_id, account_id, user_name, user_name_key, "
		    "external_id, display_name, given_name, family_name, formatted_name, email, email_key, attributes, "
		    "active, account_created, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
		    "?)",
		    {r.connectionId, r.organizationId, r.accountId, r.userName, keyOf(r.userName), r.externalId, r.displayName,
		     r.givenName, r.familyName, r.formattedName, r.email, keyOf(r.email), r.attributes, r.active ? 1 : 0,
		     r.accountCreated ? 1 : 0, Database::toMicros(r.createdAt), Database::toMicros(r.updatedAt)});
	}
	catch (Poco::Exception& exc)
	{
		if (Database::classify(exc) == Database::ErrorKind::Duplicate)
			throw taken(r.userName);
		throw;
	}
	Row stored = r;
	stored.id = _database.lastInsertId(session);
	writeEmails(session, stored);
	return stored.id;
}


void ScimUserRepository::writeEmails(Poco::Data::Session& session, const Row& r)
{
	_database.execute(session, "DELETE FROM scim_user_emails WHERE scim_user_id = ?", {r.id});
	std::set<std::string> keys;
	for (const auto& email : r.emails)
	{
		const std::string key = keyOf(email);
		if (!key.empty() && key.size() <= 190)
			keys.insert(key);
	}
	for (const auto& key : keys)
	{
		_database.execute(session,
		                  "INSERT INTO scim_user_emails (scim_user_id, connection_id, email_key) VALUES (?, ?, ?)",
		                  {r.id, r.connectionId, key});
	}
}


void ScimUserRepository::update(Poco::Data::Session& session, const Row& r)
{
	try
	{
		_database.execute(session,
		                  "UPDATE scim_users SET user_name = ?, user_name_key = ?, external_id = ?, display_name = ?, "
		                  "given_name = ?, family_name = ?, formatted_name = ?, email = ?, email_key = ?, "
		                  "attributes = ?, active = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL",
		                  {r.userName, keyOf(r.userName), r.externalId, r.displayName, r.givenName, r.familyName,
		                   r.formattedName, r.email, keyOf(r.email), r.attributes, r.active ? 1 : 0,
		                   Database::toMicros(r.updatedAt), r.id});
	}
	catch (Poco::Exception& exc)
	{
		if (Database::classify(exc) == Database::ErrorKind::Duplicate)
			throw taken(r.userName);
		throw;
	}
	writeEmails(session, r);
}


void ScimUserRepository::tombstone(Poco::Data::Session& session, Id id, const Poco::Timestamp& at)
{
	_database.execute(session, "DELETE FROM scim_group_members WHERE scim_user_id = ?", {id});
	_database.execute(session, "DELETE FROM scim_user_emails WHERE scim_user_id = ?", {id});
	_database.execute(session,
	                  "UPDATE scim_users SET user_name_key = NULL, active = 0, deleted_at = ?, updated_at = ? "
	                  "WHERE id = ?",
	                  {Database::toMicros(at), Database::toMicros(at), id});
}


Poco::Nullable<ScimUserRepository::Row> ScimUserRepository::find(Poco::Data::Session& session, Id connectionId, Id id,
                                                                 bool lock)
{
	Poco::Data::RecordSet rs =
	    _database.select(session,
	                     COLUMNS + "WHERE u.id = ? AND u.connection_id = ? AND u.deleted_at IS NULL" +
	                         (lock ? _database.forUpdate() : ""),
	                     {id, connectionId});
	std::vector<Row> found = read(rs);
	return found.empty() ? Poco::Nullable<Row>() : Poco::Nullable<Row>(found.front());
}


std::vector<ScimUserRepository::Row> ScimUserRepository::findBy(Poco::Data::Session& session, Id connectionId, Key key,
                                                                const std::string& value, int limit)
{
	// One statement per key, each on its index (connection_id, column).
	std::string where;
	std::string bound = value;
	switch (key)
	{
	case Key::USER_NAME:
		where = "u.user_name_key = ?";
		bound = keyOf(value);
		break;
	case Key::EXTERNAL_ID:
		where = "u.external_id = ?";
		break;
	case Key::EMAIL:
		where = "u.id IN (SELECT e.scim_user_id FROM scim_user_emails e WHERE e.connection_id = u.connection_id "
		        "AND e.email_key = ?)";
		bound = keyOf(value);
		break;
	case Key::DISPLAY_NAME:
		where = "u.display_name = ?";
		break;
	}
	Poco::Data::RecordSet rs = _database.select(
	    session, COLUMNS + "WHERE u.connection_id = ? AND " + where + " AND u.deleted_at IS NULL ORDER BY u.id LIMIT ?",
	    {connectionId, bound, limit});
	return read(rs);
}


Poco::Nullable<ScimUserRepository::Row>
ScimUserRepository::findByAccount(Poco::Data::Session& session, Id organizationId, Id connectionId, Id accountId)
{
	Poco::Data::RecordSet rs = _database.select(session,
	                                            COLUMNS + "WHERE u.organization_id = ? AND u.account_id = ? AND "
	                                                      "u.connection_id = ? AND u.deleted_at IS NULL LIMIT 1",
	                                            {organizationId, accountId, connectionId});
	std::vector<Row> found = read(rs);
	return found.empty() ? Poco::Nullable<Row>() : Poco::Nullable<Row>(found.front());
}


std::vector<ScimUserRepository::Row> ScimUserRepository::list(Poco::Data::Session& session, Id connectionId, int offset,
                                                              int limit)
{
	Poco::Data::RecordSet rs = _database.select(
	    session, COLUMNS + "WHERE u.connection_id = ? AND u.deleted_at IS NULL ORDER BY u.id LIMIT ? OFFSET ?",
	    {connectionId, limit, offset});
	return read(rs);
}


std::vector<ScimUserRepository::Row> ScimUserRepository::listByIds(Poco::Data::Session& session, Id connectionId,
                                                                   const std::vector<Id>& ids)
{
	std::vector<Row> result;
	for (Id id : ids)
	{
		Poco::Nullable<Row> r = find(session, connectionId, id);
		if (!r.isNull())
			result.push_back(r.value());
	}
	return result;
}


int ScimUserRepository::count(Poco::Data::Session& session, Id connectionId)
{
	Poco::Data::RecordSet rs = _database.select(
	    session, "SELECT COUNT(*) FROM scim_users WHERE connection_id = ? AND deleted_at IS NULL", {connectionId});
	Rows rows(rs);
	return rows.count() == 0 ? 0 : static_cast<int>(rows.integer(0, 0));
}


std::vector<ScimUserRepository::Row> ScimUserRepository::listActive(Poco::Data::Session& session, Id connectionId)
{
	Poco::Data::RecordSet rs = _database.select(
	    session, COLUMNS + "WHERE u.connection_id = ? AND u.deleted_at IS NULL AND u.active = 1 ORDER BY u.id",
	    {connectionId});
	return read(rs);
}


ScimUserRepository::State ScimUserRepository::state(Poco::Data::Session& session, Id organizationId, Id accountId)
{
	Poco::Data::RecordSet rs =
	    _database.select(session,
	                     "SELECT COUNT(*), SUM(CASE WHEN active = 1 AND deleted_at IS NULL THEN 1 ELSE 0 END) "
	                     "FROM scim_users WHERE organization_id = ? AND account_id = ?",
	                     {organizationId, accountId});
	Rows rows(rs);
	if (rows.count() == 0 || rows.integer(0, 0) == 0)
		return State::NONE;
	return !rows.isNull(0, 1) && rows.integer(0, 1) > 0 ? State::MANAGED : State::DEPROVISIONED;
}


std::vector<std::string> ScimUserRepository::groupNames(Poco::Data::Session& session, Id userId)
{
	Poco::Data::RecordSet rs = _database.select(session,
	                                            "SELECT g.display_name FROM scim_group_members m "
	                                            "JOIN scim_groups g ON g.id = m.group_id "
	                                            "WHERE m.scim_user_id = ? ORDER BY g.id",
	                                            {userId});
	Rows rows(rs);
	std::vector<std::string> names;
	for (std::size_t i = 0; i < rows.count(); ++i)
		names.push_back(rows.text(i, 0));
	return names;
}


void ScimUserRepository::updateAccountProfile(Poco::Data::Session& session, Id accountId, const std::string& name,
                                              const std::string& email)
{
	_database.execute(session, "UPDATE accounts SET name = ?, email = ? WHERE id = ?", {name, email, accountId});
}


} // namespace Data
} // namespace Orgs
