//
// MetricsServiceImpl.h
//
// Library: OrgsPlugin
// Package: Metrics
// Module:  MetricsServiceImpl
//
// The registry's exposition and the readiness checks, behind Orgs::MetricsService.
//


#ifndef Orgs_MetricsServiceImpl_INCLUDED
#define Orgs_MetricsServiceImpl_INCLUDED


#include "Orgs/MetricsService.h"
#include "data/Database.h"
#include "data/OperationsRepository.h"
#include "metrics/Registry.h"
#include "service/Clock.h"
#include "Poco/Mutex.h"
#include <vector>


namespace Orgs {
namespace Metrics {


class MetricsServiceImpl : public Orgs::MetricsService
	/// Implements MetricsService over a Registry that the MetricsModule fills, and the
	/// readiness probe. The outbox's backlog (one GROUP BY query) is read at most once a second
	/// however often it is scraped or probed.
{
public:
	MetricsServiceImpl(Data::Database& database, Service::Clock::Ptr pClock, int schemaVersion, int outboxStuckSeconds);
		/// schemaVersion is the plugin's (the version it migrated to); readiness fails while
		/// the database's is lower.

	Registry& registry();

	std::string exposition() override;
	Orgs::Readiness readiness() override;

	std::vector<Data::OperationsRepository::Backlog> backlog();
		/// Returns the outbox's backlog per kind, read at most once a second. Throws if the
		/// database fails.

	Poco::Int64 nowMicros() const;
		/// The plugin's date, in microseconds (what the outbox's columns hold).

private:
	MetricsServiceImpl(const MetricsServiceImpl&) = delete;
	MetricsServiceImpl& operator=(const MetricsServiceImpl&) = delete;

	Data::Database& _database;
	Data::OperationsRepository _operations;
	Service::Clock::Ptr _pClock;
	const int _schemaVersion;
	const Poco::Int64 _stuckMicros;
	Registry _registry;
	Poco::FastMutex _backlogMutex;
	std::vector<Data::OperationsRepository::Backlog> _backlog;
	Poco::Int64 _backlogReadAt = 0; ///< monotonic ns; 0: never
};


inline Registry& MetricsServiceImpl::registry()
{
	return _registry;
}


} // namespace Metrics
} // namespace Orgs


#endif // Orgs_MetricsServiceImpl_INCLUDED
