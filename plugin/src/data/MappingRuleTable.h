//
// MappingRuleTable.h
//
// Library: OrgsPlugin
// Package: Data
// Module:  MappingRuleTable
//
// SQL for the ordered mapping rules of a kind of connection.
//


#ifndef Orgs_MappingRuleTable_INCLUDED
#define Orgs_MappingRuleTable_INCLUDED


#include "Orgs/SsoConnectionService.h"
#include "data/Database.h"
#include <algorithm>
#include <string>
#include <utility>
#include <vector>


namespace Orgs {
namespace Data {


class MappingRuleTable
	/// The mapping rules of one kind of connection (SSO, SCIM). Each kind keeps its rules in
	/// a table of its own, with the same columns (connection_id, position, claim, operator,
	/// value, target, workspace_id, role) and a foreign key to its connections: one piece of
	/// SQL serves both. The rules of a connection are read in the order they were written.
{
public:
	using Owned = std::pair<Id, SsoMappingRule>;
		/// A rule and the id of its connection.

	MappingRuleTable(Database& database, const std::string& table, const std::string& connectionsTable);
		/// table (the rules) and connectionsTable (theirs, with id and organization_id) are the
		/// schema's names, never input: they are written into the SQL.

	void insert(Poco::Data::Session& session, Id connectionId, const std::vector<SsoMappingRule>& rules);
		/// Writes the rules of a connection that has none, in order.

	void replace(Poco::Data::Session& session, Id connectionId, const std::vector<SsoMappingRule>& rules);
		/// Replaces every rule of the connection with rules.

	void remove(Poco::Data::Session& session, Id connectionId);
		/// Deletes every rule of the connection.

	std::vector<SsoMappingRule> of(Poco::Data::Session& session, Id connectionId);
		/// Returns the connection's rules, in order.

	std::vector<Owned> ofOrganization(Poco::Data::Session& session, Id organizationId, Id lowId, Id highId);
		/// Returns the rules of the organization's connections with ids from lowId to highId, by
		/// connection and in order: an index range of the organization's connections, whatever
		/// other organizations' connections lie between.

	template <class Connection>
	void attach(Poco::Data::Session& session, std::vector<Connection>& connections)
		/// Sets the rules of each connection (with its id, organizationId and rules), all of
		/// one organization: one statement for a page of connections.
	{
		if (connections.size() == 1)
		{
			connections.front().rules = of(session, connections.front().id);
			return;
		}
		if (connections.empty())
			return;
		Id low = connections.front().id, high = low;
		for (const Connection& c : connections)
		{
			low = std::min(low, c.id);
			high = std::max(high, c.id);
		}
		for (Connection& c : connections)
			c.rules.clear();
		for (Owned& owned : ofOrganization(session, connections.front().organizationId, low, high))
		{
			auto it = std::find_if(connections.begin(), connections.end(),
			                       [&owned](const Connection& c) { return c.id == owned.first; });
			if (it != connections.end()) // one of the organization's outside this page
				it->rules.push_back(std::move(owned.second));
		}
	}

private:
	Database& _database;
	const std::string _insert;
	const std::string _delete;
	const std::string _selectOne;
	const std::string _selectOrganization;
};


} // namespace Data
} // namespace Orgs


#endif // Orgs_MappingRuleTable_INCLUDED
