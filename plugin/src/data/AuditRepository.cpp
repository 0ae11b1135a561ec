//
// AuditRepository.cpp
//
// Library: OrgsPlugin
// Package: Data
// Module:  AuditRepository
//


#include "data/AuditRepository.h"
#include "data/EventSink.h"
#include "data/Rows.h"
#include <limits>


namespace Orgs {
namespace Data {


AuditRepository::AuditRepository(Database& database) : _database(database) {}


void AuditRepository::insert(Poco::Data::Session& session, const AuditEvent& e)
{
	Poco::Nullable<Poco::Int64> organizationId;
	if (e.organizationId != 0)
		organizationId = e.organizationId;
	Poco::Nullable<Poco::Int64> targetId;
	if (e.targetId != 0)
		targetId = e.targetId;
	const Poco::Int64 at = Database::toMicros(e.createdAt);
	// The organization's next number, taken under its row lock (held until COMMIT): a later
	// number always commits later, so the event feed never skips one (see 0014_webhooks.sql).
	// An organization purged in this very transaction has no row and its event no number.
	Poco::Nullable<Poco::Int64> seq;
	bool withEndpoints = false;
	if (e.organizationId != 0)
		seq = nextSequence(session, e.organizationId, withEndpoints);
	_database.execute(session,
	                  "INSERT INTO audit_events (organization_id, actor_account_id, action, target_type, target_id, "
	                  "target_label, details, created_at, actor_via, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	                  {organizationId, e.actorAccountId, e.action, e.targetType, targetId, e.targetLabel, e.details, at,
	                   e.actorVia.empty() ? Poco::Nullable<std::string>() : Poco::Nullable<std::string>(e.actorVia),
	                   seq});
	EventSink* pSink = _database.eventSink();
	if (pSink && !seq.isNull())
	{
		Event event;
		event.id = _database.lastInsertId(session);
		event.organizationId = e.organizationId;
		event.sequence = seq.value();
		event.type = e.action;
		event.actorAccountId = e.actorAccountId;
		event.actorVia = e.actorVia;
		event.targetType = e.targetType;
		event.targetId = e.targetId;
		event.targetLabel = e.targetLabel;
		event.details = e.details;
		event.occurredAt = e.createdAt;
		pSink->recorded(session, event, withEndpoints);
	}
}


Poco::Nullable<Poco::Int64> AuditRepository::nextSequence(Poco::Data::Session& session, Id organizationId,
                                                          bool& withEndpoints)
{
	if (_database.dialect() == Database::Dialect::MySQL)
	{
		// LAST_INSERT_ID(expr) hands a value back with the UPDATE's answer (no SELECT): the new
		// number times two, plus one if the organization has a webhook endpoint.
		if (_database.execute(session,
		                      "UPDATE organizations SET event_seq = "
		                      "LAST_INSERT_ID((event_seq + 1) * 2 + (webhook_endpoints > 0)) DIV 2 WHERE id = ?",
		                      {organizationId}) == 0)
			return Poco::Nullable<Poco::Int64>();
		const Poco::UInt64 both = _database.lastInsertId(session);
		withEndpoints = (both & 1u) != 0;
		return static_cast<Poco::Int64>(both >> 1);
	}
	if (_database.execute(session, "UPDATE organizations SET event_seq = event_seq + 1 WHERE id = ?",
	                      {organizationId}) == 0)
		return Poco::Nullable<Poco::Int64>();
	Poco::Data::RecordSet rs = _database.select(
	    session, "SELECT event_seq, webhook_endpoints FROM organizations WHERE id = ?", {organizationId});
	Rows rows(rs);
	withEndpoints = rows.integer(0, 1) > 0;
	return rows.integer(0, 0);
}


std::vector<AuditEvent> AuditRepository::list(Poco::Data::Session& session, Id organizationId, const Filter& filter,
                                              Id beforeId, int limit)
{
	const Poco::Int64 before = beforeId > 0 ? beforeId : std::numeric_limits<Poco::Int64>::max();
	std::string sql = "SELECT e.id, e.organization_id, e.actor_account_id, a.username, e.action, e.target_type, "
	                  "e.target_id, e.target_label, e.details, e.created_at, e.actor_via "
	                  "FROM audit_events e JOIN accounts a ON a.id = e.actor_account_id "
	                  "WHERE e.organization_id = ? AND e.id < ?";
	// Every value is bound; only the shape of the WHERE clause depends on the filters (16 shapes
	// at most, each prepared once per connection).
	std::vector<Param> params{organizationId, before};
	if (!filter.action.empty())
	{
		sql += " AND e.action = ?";
		params.emplace_back(filter.action);
	}
	if (filter.actorAccountId != 0)
	{
		sql += " AND e.actor_account_id = ?";
		params.emplace_back(filter.actorAccountId);
	}
	if (!filter.since.isNull())
	{
		sql += " AND e.created_at >= ?";
		params.emplace_back(Database::toMicros(filter.since.value()));
	}
	if (!filter.until.isNull())
	{
		sql += " AND e.created_at < ?";
		params.emplace_back(Database::toMicros(filter.until.value()));
	}
	sql += " ORDER BY e.id DESC LIMIT ?";
	params.emplace_back(limit);
	Poco::Data::RecordSet rs = _database.select(session, sql, params);
	Rows rows(rs);
	std::vector<AuditEvent> result;
	result.reserve(rows.count());
	for (std::size_t i = 0; i < rows.count(); ++i)
	{
		AuditEvent e;
		e.id = rows.integer(i, 0);
		e.organizationId = rows.integer(i, 1);
		e.actorAccountId = rows.integer(i, 2);
		e.actorUsername = rows.text(i, 3);
		e.action = rows.text(i, 4);
		e.targetType = rows.text(i, 5);
		e.targetId = rows.integer(i, 6);
		e.targetLabel = rows.text(i, 7);
		e.details = rows.text(i, 8);
		e.createdAt = rows.time(i, 9);
		e.actorVia = rows.isNull(i, 10) ? std::string() : rows.text(i, 10);
		result.push_back(e);
	}
	return result;
}


} // namespace Data
} // namespace Orgs
