//
// AuditRepository.cpp
//
// Library: OrgsPlugin
// Package: Data
// Module:  AuditRepository
//


#include "data/AuditRepository.h"
#include "data/Rows.h"
#include "Poco/Data/Statement.h"
#include <limits>


using namespace Poco::Data::Keywords;
using Poco::Data::Keywords::bind;


namespace Orgs {
namespace Data {


AuditRepository::AuditRepository(Database&) {}


void AuditRepository::insert(Poco::Data::Session& session, const AuditEvent& e)
{
	Poco::Nullable<Poco::Int64> organizationId;
	if (e.organizationId != 0)
		organizationId = e.organizationId;
	Poco::Nullable<Poco::Int64> targetId;
	if (e.targetId != 0)
		targetId = e.targetId;
	const Poco::Int64 at = Database::toMicros(e.createdAt);
	session << "INSERT INTO audit_events (organization_id, actor_account_id, action, target_type, target_id, "
	           "target_label, details, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	    bind(organizationId), bind(e.actorAccountId), bind(e.action), bind(e.targetType), bind(targetId),
	    bind(e.targetLabel), bind(e.details), bind(at), now;
}


std::vector<AuditEvent> AuditRepository::list(Poco::Data::Session& session, Id organizationId, const Filter& filter,
                                              Id beforeId, int limit)
{
	const Poco::Int64 before = beforeId > 0 ? beforeId : std::numeric_limits<Poco::Int64>::max();
	std::string sql = "SELECT e.id, e.organization_id, e.actor_account_id, a.username, e.action, e.target_type, "
	                  "e.target_id, e.target_label, e.details, e.created_at "
	                  "FROM audit_events e JOIN accounts a ON a.id = e.actor_account_id "
	                  "WHERE e.organization_id = ? AND e.id < ?";
	Poco::Data::Statement st(session);
	// Every value is bound; only the shape of the WHERE clause depends on the filters.
	const std::string action = filter.action;
	const Poco::Int64 actor = filter.actorAccountId;
	const Poco::Int64 since = filter.since.isNull() ? 0 : Database::toMicros(filter.since.value());
	const Poco::Int64 until = filter.until.isNull() ? 0 : Database::toMicros(filter.until.value());
	if (!action.empty())
		sql += " AND e.action = ?";
	if (actor != 0)
		sql += " AND e.actor_account_id = ?";
	if (!filter.since.isNull())
		sql += " AND e.created_at >= ?";
	if (!filter.until.isNull())
		sql += " AND e.created_at < ?";
	sql += " ORDER BY e.id DESC LIMIT ?";
	st << sql;
	st.addBind(bind(organizationId));
	st.addBind(bind(before));
	if (!action.empty())
		st.addBind(bind(action));
	if (actor != 0)
		st.addBind(bind(actor));
	if (!filter.since.isNull())
		st.addBind(bind(since));
	if (!filter.until.isNull())
		st.addBind(bind(until));
	st.addBind(bind(limit));
	st.execute();
	Poco::Data::RecordSet rs(st);
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
		result.push_back(e);
	}
	return result;
}


} // namespace Data
} // namespace Orgs
