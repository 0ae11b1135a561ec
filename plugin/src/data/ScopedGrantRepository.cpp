//
// ScopedGrantRepository.cpp
//
// Library: OrgsPlugin
// Package: Data
// Module:  ScopedGrantRepository
//


#include "data/ScopedGrantRepository.h"
#include "data/Rows.h"
#include "Orgs/Errors.h"
#include "Poco/Data/RecordSet.h"


namespace Orgs {
namespace Data {


namespace {


std::string select(const ScopedGrantRepository::Table& table)
{
	return "SELECT g." + table.scopeColumn + ", g.account_id, a.username, a.name, g.role, g.created_at FROM " +
	       table.name + " g JOIN accounts a ON a.id = g.account_id ";
}


} // namespace


const ScopedGrantRepository::Table ScopedGrantRepository::WORKSPACE_MEMBERS{
    "workspace_members", "workspace_id", "Only members of the organization can join its workspaces", "workspaces", ""};
const ScopedGrantRepository::Table ScopedGrantRepository::RESOURCE_COLLABORATORS{
    "resource_collaborators", "resource_id", "Only members of the organization can be collaborators", "resources",
    "type"};


ScopedGrantRepository::ScopedGrantRepository(Database& database, const Table& table)
    : _database(database), _table(table),
      _selectScope("SELECT id, name" + (table.typeColumn.empty() ? std::string() : ", " + table.typeColumn) + " FROM " +
                   table.scopeTable + " WHERE organization_id = ? AND id = ?"),
      _find(select(table) + "WHERE g." + table.scopeColumn + " = ? AND g.account_id = ?"),
      _list(select(table) + "WHERE g." + table.scopeColumn + " = ? AND g.account_id > ? ORDER BY g.account_id LIMIT ?"),
      _insert("INSERT INTO " + table.name + " (" + table.scopeColumn +
              ", organization_id, account_id, role, created_at) VALUES (?, ?, ?, ?, ?)"),
      _update("UPDATE " + table.name + " SET role = ? WHERE " + table.scopeColumn +
              " = ? AND account_id = ? AND organization_id = ? AND role <> ?"),
      _remove("DELETE FROM " + table.name + " WHERE " + table.scopeColumn +
              " = ? AND account_id = ? AND organization_id = ?")
{
}


std::vector<ScopedGrantRepository::Row> ScopedGrantRepository::read(Poco::Data::RecordSet& rs) const
{
	Rows rows(rs);
	std::vector<Row> result(rows.count());
	for (std::size_t i = 0; i < result.size(); ++i)
	{
		Row& r = result[i];
		r.scopeId = rows.integer(i, 0);
		r.accountId = rows.integer(i, 1);
		r.username = rows.text(i, 2);
		r.name = rows.text(i, 3);
		r.role = rows.text(i, 4);
		r.createdAt = rows.time(i, 5);
	}
	return result;
}


Poco::Nullable<ScopedGrantRepository::Scope> ScopedGrantRepository::findScope(Poco::Data::Session& session, Id orgId,
                                                                              Id scopeId)
{
	Poco::Data::RecordSet rs = _database.select(session, _selectScope, {orgId, scopeId});
	Rows rows(rs);
	if (rows.count() == 0)
		return Poco::Nullable<Scope>();
	Scope scope;
	scope.id = rows.integer(0, 0);
	scope.name = rows.text(0, 1);
	if (!_table.typeColumn.empty())
		scope.type = rows.text(0, 2);
	return scope;
}


Poco::Nullable<ScopedGrantRepository::Row> ScopedGrantRepository::find(Poco::Data::Session& session, Id scopeId,
                                                                       Id accountId)
{
	Poco::Data::RecordSet rs = _database.select(session, _find, {scopeId, accountId});
	std::vector<Row> found = read(rs);
	if (found.empty())
		return Poco::Nullable<Row>();
	return found.front();
}


void ScopedGrantRepository::insert(Poco::Data::Session& session, Id orgId, Id scopeId, Id accountId,
                                   const std::string& role, const Poco::Timestamp& at)
{
	try
	{
		_database.execute(session, _insert, {scopeId, orgId, accountId, role, Database::toMicros(at)});
	}
	catch (Poco::Exception& exc)
	{
		if (Database::classify(exc) == Database::ErrorKind::ForeignKey)
			throw ConflictException(_table.notMember, "not_a_member");
		throw;
	}
	_database.accessChanged(session, orgId);
}


bool ScopedGrantRepository::update(Poco::Data::Session& session, Id orgId, Id scopeId, Id accountId,
                                   const std::string& role)
{
	if (_database.execute(session, _update, {role, scopeId, accountId, orgId, role}) != 1)
		return false;
	_database.accessChanged(session, orgId);
	return true;
}


bool ScopedGrantRepository::remove(Poco::Data::Session& session, Id orgId, Id scopeId, Id accountId)
{
	if (_database.execute(session, _remove, {scopeId, accountId, orgId}) != 1)
		return false;
	_database.accessChanged(session, orgId);
	return true;
}


std::vector<ScopedGrantRepository::Row> ScopedGrantRepository::list(Poco::Data::Session& session, Id scopeId,
                                                                    Id afterAccountId, int limit)
{
	Poco::Data::RecordSet rs = _database.select(session, _list, {scopeId, afterAccountId, limit});
	return read(rs);
}


} // namespace Data
} // namespace Orgs
