//
// OperationsRepository.cpp
//
// Library: OrgsPlugin
// Package: Data
// Module:  OperationsRepository
//


#include "data/OperationsRepository.h"
#include "data/Rows.h"


namespace Orgs {
namespace Data {


OperationsRepository::OperationsRepository(Database& database) : _database(database) {}


std::vector<OperationsRepository::Backlog> OperationsRepository::outboxBacklog(Poco::Data::Session& session,
                                                                               Poco::Int64 nowMicros)
{
	// A delivery given up for good (webhooks) waits for nothing: it is history, not backlog.
	static const std::string sql =
	    "SELECT kind, COUNT(*), MIN(created_at), "
	    "MIN(CASE WHEN next_attempt_at <= ? THEN next_attempt_at ELSE NULL END) "
	    "FROM outbox WHERE sent_at IS NULL AND given_up_at IS NULL GROUP BY kind ORDER BY kind";
	Poco::Data::RecordSet rs = _database.select(session, sql, {nowMicros});
	Rows rows(rs);
	std::vector<Backlog> result;
	for (std::size_t i = 0; i < rows.count(); ++i)
	{
		Backlog b;
		b.kind = rows.text(i, 0);
		b.depth = rows.integer(i, 1);
		b.oldestCreatedAt = rows.integer(i, 2);
		b.oldestDueAt = rows.integer(i, 3);
		result.push_back(b);
	}
	return result;
}


int OperationsRepository::schemaVersion(Poco::Data::Session& session)
{
	Poco::Data::RecordSet rs = _database.select(session, "SELECT MAX(version) FROM schema_migrations", {});
	return static_cast<int>(Rows(rs).integer(0, 0));
}


} // namespace Data
} // namespace Orgs
