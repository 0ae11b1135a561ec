//
// ApiUsage.h
//
// Library: OrgsPlugin
// Package: Service
// Module:  ApiUsage
//
// Counts API requests per organization and calendar month.
//


#ifndef Orgs_ApiUsage_INCLUDED
#define Orgs_ApiUsage_INCLUDED


#include "Orgs/Model.h"
#include "data/ApiUsageRepository.h"
#include "service/Clock.h"
#include "Poco/Event.h"
#include "Poco/Logger.h"
#include "Poco/Thread.h"
#include <array>
#include <cstddef>
#include <functional>
#include <mutex>
#include <unordered_map>


namespace Orgs {
namespace Service {


class ApiUsage
	/// Counts the HTTP requests addressed to each organization per calendar month (UTC), for
	/// "API requests in the current month" (GET /orgs/{org}/usage).
	///
	/// A request is counted in memory: record() takes one of SHARDS mutexes for a hash-map
	/// increment, never waits for I/O and runs no SQL. A background thread adds the counts to
	/// the api_usage table every orgs.usage.flushSeconds and once more when it stops, so several
	/// processes on one database add up. requestsThisMonth() is what is stored plus what this
	/// process has not written yet.
{
public:
	static const std::size_t SHARDS = 16;

	ApiUsage(Data::Database& database, Clock::Ptr pClock, Poco::Logger& logger);

	~ApiUsage();
		/// Stops the flush thread (see stop()).

	void record(Id organizationId);
		/// Counts one request for the organization in the current month.

	Poco::Int64 requestsThisMonth(Poco::Data::Session& session, Id organizationId);
		/// Returns the requests counted for the organization in the current month (UTC): what
		/// the table holds plus what this process has not flushed yet. Waits for a flush in
		/// progress, so call it outside a write transaction.

	void flush();
		/// Adds every pending count to the table in one transaction. If that fails the counts
		/// stay pending for the next flush, and the database's exception is thrown.

	void start(int flushSeconds);
		/// Starts the thread that flushes every flushSeconds.

	void stop();
		/// Stops the flush thread, if running, and flushes once more (a failure is logged).
		/// Safe to call twice.

	Poco::Int64 pending(Id organizationId, int month) const;
		/// Returns what this process counted for the organization in the month (yyyymm) and
		/// has not flushed yet.

	static int monthOf(const Poco::Timestamp& ts);
		/// Returns the calendar month (UTC) of ts as yyyymm, e.g. 202611.

	static Poco::Timestamp monthStart(int month);
		/// Returns the first instant (UTC) of the month given as yyyymm.

private:
	struct Key
	{
		Id organizationId;
		int month;
		bool operator==(const Key& other) const
		{
			return organizationId == other.organizationId && month == other.month;
		}
	};

	struct KeyHash
	{
		std::size_t operator()(const Key& k) const
		{
			return std::hash<Poco::Int64>()(k.organizationId * 1000003 + k.month);
		}
	};

	using Counts = std::unordered_map<Key, Poco::Int64, KeyHash>;

	struct alignas(64) Shard
	{
		mutable std::mutex mutex;
		Counts counts;
	};

	Shard& shardOf(Id organizationId);
	const Shard& shardOf(Id organizationId) const;
	int currentMonth() const;
		/// monthOf(now), from a per-thread cache of the current month's bounds.
	void run();

	Data::Database& _database;
	Data::ApiUsageRepository _repository;
	Clock::Ptr _pClock;
	Poco::Logger& _logger;
	std::array<Shard, SHARDS> _shards;
	std::mutex _flushMutex; ///< held while counts are on their way to the table
	Poco::Thread _thread;
	Poco::Event _stopEvent;
	long _flushMs = 10000;
	bool _running = false;
};


inline ApiUsage::Shard& ApiUsage::shardOf(Id organizationId)
{
	return _shards[static_cast<std::size_t>(organizationId) % SHARDS];
}


inline const ApiUsage::Shard& ApiUsage::shardOf(Id organizationId) const
{
	return _shards[static_cast<std::size_t>(organizationId) % SHARDS];
}


} // namespace Service
} // namespace Orgs


#endif // Orgs_ApiUsage_INCLUDED
