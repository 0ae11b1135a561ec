//
// EventRepository.cpp
//
// Library: OrgsPlugin
// Package: Data
// Module:  EventRepository
//


#include "data/EventRepository.h"
#include "data/Rows.h"


namespace Orgs {
namespace Data {


EventRepository::EventRepository(Database& database) : _database(database) {}


std::vector<Event> EventRepository::after(Poco::Data::Session& session, Id organizationId, Poco::Int64 afterSequence,
                                          const std::vector<std::string>& types, int limit)
{
	std::string sql = "SELECT id, organization_id, seq, action, actor_account_id, target_type, target_id, "
	                  "target_label, details, created_at, actor_via FROM audit_events "
	                  "WHERE organization_id = ? AND seq > ?";
	std::vector<Param> params{organizationId, afterSequence};
	// One statement shape per number of types (the caller caps it), each value bound.
	if (!types.empty())
	{
		sql += " AND action IN (";
		for (std::size_t i = 0; i < types.size(); ++i)
		{
			sql += i == 0 ? "?" : ", ?";
			params.emplace_back(types[i]);
		}
		sql += ")";
	}
	sql += " ORDER BY seq LIMIT ?";
	params.emplace_back(limit);
	Poco::Data::RecordSet rs = _database.select(session, sql, params);
	Rows rows(rs);
	std::vector<Event> result(rows.count());
	for (std::size_t i = 0; i < result.size(); ++i)
	{
		Event& e = result[i];
		e.id = rows.integer(i, 0);
		e.organizationId = rows.integer(i, 1);
		e.sequence = rows.integer(i, 2);
		e.type = rows.text(i, 3);
		e.actorAccountId = rows.integer(i, 4);
		e.targetType = rows.text(i, 5);
		e.targetId = rows.integer(i, 6);
		e.targetLabel = rows.text(i, 7);
		e.details = rows.text(i, 8);
		e.occurredAt = rows.time(i, 9);
		e.actorVia = rows.isNull(i, 10) ? std::string() : rows.text(i, 10);
	}
	return result;
}


} // namespace Data
} // namespace Orgs
