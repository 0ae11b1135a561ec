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
#include "Poco/Data/Statement.h"


using namespace Poco::Data::Keywords;
using Poco::Data::Keywords::bind;


namespace Orgs {
namespace Data {


const ScopedGrantRepository::Table ScopedGrantRepository::WORKSPACE_MEMBERS{
    "workspace_members", "workspace_id", "Only members of the organization can join its workspaces", "workspaces", ""};
const ScopedGrantRepository::Table ScopedGrantRepository::RESOURCE_COLLABORATORS{
    "resource_collaborators", "resource_id", "Only members of the organization can be collaborators", "resources",
    "type"};


ScopedGrantRepository::ScopedGrantRepository(Database&, const Table& table)
    : _table(table),
      _selectScope("SELECT id, name" + (table.typeColumn.empty() ? std::string() : ", " + table.typeColumn) + " FROM " +
                   table.scopeTable + " WHERE organization_id = ? AND id = ?"),
      _select("SELECT g." + table.scopeColumn + ", g.account_id, a.username, a.name, g.role, g.created_at FROM " +
              table.name + " g JOIN accounts a ON a.id = g.account_id "),
      _insert("INSERT INTO " + table.name + " (" + table.scopeColumn +
              ", organization_id, account_id, role, created_at) VALUES (?, ?, ?, ?, ?)"),
      _update("UPDATE " + table.name + " SET role = ? WHERE " + table.scopeColumn + " = ? AND account_id = ?"),
      _remove("DELETE FROM " + table.name + " WHERE " + table.scopeColumn + " = ? AND account_id = ?")
{
}


std::vector<ScopedGrantRepository::Row> ScopedGrantRepository::read(Poco::Data::Statement& st) const
{
	st.execute();
	Poco::Data::RecordSet rs(st);
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
	Poco::Data::Statement st(session);
	st << _selectScope, bind(orgId), bind(scopeId);
	st.execute();
	Poco::Data::RecordSet rs(st);
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
	Poco::Data::Statement st(session);
	st << _select + "WHERE g." + _table.scopeColumn + " = ? AND g.account_id = ?", bind(scopeId), bind(accountId);
	std::vector<Row> found = read(st);
	if (found.empty())
		return Poco::Nullable<Row>();
	return found.front();
}


void ScopedGrantRepository::insert(Poco::Data::Session& session, Id orgId, Id scopeId, Id accountId,
                                   const std::string& role, const Poco::Timestamp& at)
{
	try
	{
		session << _insert, bind(scopeId), bind(orgId), bind(accountId), bind(role), bind(Database::toMicros(at)), now;
	}
	catch (Poco::Exception& exc)
	{
		if (Database::classify(exc) == Database::ErrorKind::ForeignKey)
			throw ConflictException(_table.notMember, "not_a_member");
		throw;
	}
}


bool ScopedGrantRepository::update(Poco::Data::Session& session, Id scopeId, Id accountId, const std::string& role)
{
	Poco::Data::Statement st(session);
	st << _update, bind(role), bind(scopeId), bind(accountId);
	return st.execute() == 1;
}


bool ScopedGrantRepository::remove(Poco::Data::Session& session, Id scopeId, Id accountId)
{
	Poco::Data::Statement st(session);
	st << _remove, bind(scopeId), bind(accountId);
	return st.execute() == 1;
}


std::vector<ScopedGrantRepository::Row> ScopedGrantRepository::list(Poco::Data::Session& session, Id scopeId,
                                                                    Id afterAccountId, int limit)
{
	Poco::Data::Statement st(session);
	st << _select + "WHERE g." + _table.scopeColumn + " = ? AND g.account_id > ? ORDER BY g.account_id LIMIT ?",
	    bind(scopeId), bind(afterAccountId), bind(limit);
	return read(st);
}


} // namespace Data
} // namespace Orgs
