//
// MetricsServiceImpl.cpp
//
// Library: OrgsPlugin
// Package: Metrics
// Module:  MetricsServiceImpl
//


#include "metrics/MetricsServiceImpl.h"
#include "Orgs/Errors.h"


namespace Orgs {
namespace Metrics {


MetricsServiceImpl::MetricsServiceImpl(Data::Database& database, Service::Clock::Ptr pClock, int schemaVersion,
                                       int outboxStuckSeconds)
    : _database(database), _operations(database), _pClock(pClock), _schemaVersion(schemaVersion),
      _stuckMicros(Poco::Int64(outboxStuckSeconds) * 1000000)
{
}


Poco::Int64 MetricsServiceImpl::nowMicros() const
{
	return Data::Database::toMicros(_pClock->now());
}


std::string MetricsServiceImpl::exposition()
{
	return _registry.exposition();
}


std::vector<Data::OperationsRepository::Backlog> MetricsServiceImpl::backlog()
{
	Poco::FastMutex::ScopedLock lock(_backlogMutex);
	const Poco::Int64 now = _pClock->monotonic();
	if (_backlogReadAt == 0 || now - _backlogReadAt >= 1000000000)
	{
		const Poco::Int64 at = nowMicros();
		_backlog =
		    _database.withSession([&](Poco::Data::Session& session) { return _operations.outboxBacklog(session, at); });
		_backlogReadAt = now == 0 ? 1 : now;
	}
	return _backlog;
}


Orgs::Readiness MetricsServiceImpl::readiness()
{
	Orgs::Readiness r;
	try
	{
		_database.ping();
		const int version =
		    _database.withSession([&](Poco::Data::Session& session) { return _operations.schemaVersion(session); });
		if (version < _schemaVersion)
		{
			r.problems.push_back("migrations_pending");
			r.detail += "The database's schema is at version " + std::to_string(version) + ", the plugin's at " +
			            std::to_string(_schemaVersion) + ". ";
		}
		const Poco::Int64 now = nowMicros();
		for (const Data::OperationsRepository::Backlog& b : backlog())
		{
			// Only mail: other kinds (webhooks) may wait for an endpoint for hours by design.
			if (b.kind == "mail" && b.oldestDueAt != 0 && now - b.oldestDueAt > _stuckMicros)
			{
				r.problems.push_back("outbox_stuck");
				r.detail += "A mail has been due for " + std::to_string((now - b.oldestDueAt) / 1000000) +
				            " s, longer than orgs.health.outboxStuckSeconds (" +
				            std::to_string(_stuckMicros / 1000000) + " s): is a sender running? ";
			}
		}
	}
	catch (std::exception&)
	{
		// Why the database failed is the log's (never an address or SQL in an answer).
		r.problems.push_back("database_unavailable");
		r.detail += "The database does not answer. ";
	}
	r.ready = r.problems.empty();
	if (!r.detail.empty())
		r.detail.pop_back();
	return r;
}


} // namespace Metrics
} // namespace Orgs
