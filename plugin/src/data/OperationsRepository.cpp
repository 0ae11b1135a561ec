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


bool OperationsRepository::hasKind(Poco::Data::Session& session)
{
	const char* sql = _database.dialect() == Database::Dialect::MySQL
	                      ? "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = DATABASE() "
	                        "AND table_name = 'outbox' AND column_name = 'kind'"
	                      : "SELECT COUNT(*) FROM pragma_table_info('outbox') WHERE name = 'kind'";
	Poco::Data::RecordSet rs = _database.select(session, sql, {});
	return Rows(rs).integer(0, 0) > 0;
}


std::vector<OperationsRepository::Backlog> OperationsRepository::outboxBacklog(Poco::Data::Session& session,
                                                                               Poco::Int64 nowMicros)
{
	// One row per kind; the columns besides the kind are the same either way.
	static const std::string COLUMNS = "COUNT(*), MIN(created_at), "
	                                   "MIN(CASE WHEN next_attempt_at <= ? THEN next_attempt_at ELSE NULL END) "
	                                   "FROM outbox WHERE sent_at IS NULL";
	const std::string sql =
	    hasKind(session) ? "SELECT kind, " + COLUMNS + " GROUP BY kind ORDER BY kind" : "SELECT 'mail', " + COLUMNS;
	Poco::Data::RecordSet rs = _database.select(session, sql, {nowMicros});
	Rows rows(rs);
	std::vector<Backlog> result;
	for (std::size_t i = 0; i < rows.count(); ++i)
	{
		Backlog b;
		b.kind = rows.text(i, 0);
		b.depth = rows.integer(i, 1);
		if (b.depth == 0)
			continue; // the query without GROUP BY answers one row when there is nothing
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
