//
// OperationsRepository.h
//
// Library: OrgsPlugin
// Package: Data
// Module:  OperationsRepository
//
// What the metrics and the readiness probe ask of the database.
//


#ifndef Orgs_OperationsRepository_INCLUDED
#define Orgs_OperationsRepository_INCLUDED


#include "data/Database.h"
#include <string>
#include <vector>


namespace Orgs {
namespace Data {


class OperationsRepository
	/// Operational reads: the outbox's backlog per kind, and the schema's version.
{
public:
	struct Backlog
		/// The unsent rows of one outbox kind.
	{
		std::string kind;                ///< "mail", "webhook"
		Poco::Int64 depth = 0;           ///< rows not sent yet
		Poco::Int64 oldestCreatedAt = 0; ///< created_at (µs) of the oldest unsent row; 0 when none
		Poco::Int64 oldestDueAt = 0;     ///< next_attempt_at (µs) of the longest due row (due <= now); 0 when none
	};

	explicit OperationsRepository(Database& database);

	std::vector<Backlog> outboxBacklog(Poco::Data::Session& session, Poco::Int64 nowMicros);
		/// Returns the backlog of each kind with rows neither sent nor given up, by kind, from
		/// one GROUP BY query.

	int schemaVersion(Poco::Data::Session& session);
		/// Returns the highest applied migration (0 when none).

private:
	Database& _database;
};


} // namespace Data
} // namespace Orgs


#endif // Orgs_OperationsRepository_INCLUDED
