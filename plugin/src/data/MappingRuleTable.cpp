//
// MappingRuleTable.cpp
//
// Library: OrgsPlugin
// Package: Data
// Module:  MappingRuleTable
//


#include "data/MappingRuleTable.h"
#include "data/Rows.h"
#include "Poco/Data/RecordSet.h"


namespace Orgs {
namespace Data {


MappingRuleTable::MappingRuleTable(Database& database, const std::string& table, const std::string& connectionsTable)
    : _database(database), _insert("INSERT INTO " + table +
                                   " (connection_id, position, claim, operator, value, target, workspace_id, role) "
                                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
      _delete("DELETE FROM " + table + " WHERE connection_id = ?"),
      _selectOne("SELECT connection_id, claim, operator, value, target, workspace_id, role FROM " + table +
                 " WHERE connection_id = ? ORDER BY position"),
      _selectOrganization("SELECT r.connection_id, r.claim, r.operator, r.value, r.target, r.workspace_id, r.role "
                          "FROM " +
                          connectionsTable + " c JOIN " + table +
                          " r ON r.connection_id = c.id WHERE c.organization_id = ? AND c.id >= ? AND c.id <= ? "
                          "ORDER BY r.connection_id, r.position")
{
}


void MappingRuleTable::insert(Poco::Data::Session& session, Id connectionId, const std::vector<SsoMappingRule>& rules)
{
	for (std::size_t i = 0; i < rules.size(); ++i)
	{
		const SsoMappingRule& r = rules[i];
		_database.execute(
		    session, _insert,
		    {connectionId, static_cast<Poco::Int64>(i), r.claim, r.op, r.value, r.target,
		     r.workspaceId == 0 ? Poco::Nullable<Poco::Int64>() : Poco::Nullable<Poco::Int64>(r.workspaceId), r.role});
	}
}


void MappingRuleTable::replace(Poco::Data::Session& session, Id connectionId, const std::vector<SsoMappingRule>& rules)
{
	remove(session, connectionId);
	insert(session, connectionId, rules);
}


void MappingRuleTable::remove(Poco::Data::Session& session, Id connectionId)
{
	_database.execute(session, _delete, {connectionId});
}


namespace {


std::vector<MappingRuleTable::Owned> readRules(Poco::Data::RecordSet& rs)
	/// connection_id, claim, operator, value, target, workspace_id, role.
{
	Rows rows(rs);
	std::vector<MappingRuleTable::Owned> result;
	result.reserve(rows.count());
	for (std::size_t i = 0; i < rows.count(); ++i)
	{
		SsoMappingRule r;
		r.claim = rows.text(i, 1);
		r.op = rows.text(i, 2);
		r.value = rows.text(i, 3);
		r.target = rows.text(i, 4);
		r.workspaceId = rows.isNull(i, 5) ? 0 : rows.integer(i, 5);
		r.role = rows.text(i, 6);
		result.emplace_back(rows.integer(i, 0), std::move(r));
	}
	return result;
}


} // namespace


std::vector<SsoMappingRule> MappingRuleTable::of(Poco::Data::Session& session, Id connectionId)
{
	Poco::Data::RecordSet rs = _database.select(session, _selectOne, {connectionId});
	std::vector<SsoMappingRule> rules;
	for (Owned& owned : readRules(rs))
		rules.push_back(std::move(owned.second));
	return rules;
}


std::vector<MappingRuleTable::Owned> MappingRuleTable::ofOrganization(Poco::Data::Session& session, Id organizationId,
                                                                      Id lowId, Id highId)
{
	Poco::Data::RecordSet rs = _database.select(session, _selectOrganization, {organizationId, lowId, highId});
	return readRules(rs);
}


} // namespace Data
} // namespace Orgs
