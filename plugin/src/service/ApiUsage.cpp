//
// ApiUsage.cpp
//
// Library: OrgsPlugin
// Package: Service
// Module:  ApiUsage
//


#include "service/ApiUsage.h"
#include "data/Database.h"
#include <map>


namespace Orgs {
namespace Service {


namespace {


const Poco::Int64 MICROS_PER_DAY = Poco::Int64(86400) * 1000000;


struct MonthCache
	/// The month a thread last counted in and its bounds: a request costs two comparisons.
{
	Poco::Int64 start = 1; ///< an empty range until the first use
	Poco::Int64 end = 0;
	int month = 0;
};


thread_local MonthCache monthCache;


Poco::Int64 daysFromCivil(Poco::Int64 year, Poco::Int64 month, Poco::Int64 day)
	/// Days since 1970-01-01 of a date of the proleptic Gregorian calendar (H. Hinnant).
{
	year -= month <= 2 ? 1 : 0;
	const Poco::Int64 era = (year >= 0 ? year : year - 399) / 400;
	const Poco::Int64 yoe = year - era * 400;
	const Poco::Int64 doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
	const Poco::Int64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}


} // namespace


ApiUsage::ApiUsage(Data::Database& database, Clock::Ptr pClock, Poco::Logger& logger)
    : _database(database), _repository(database), _pClock(pClock), _logger(logger)
{
}


ApiUsage::~ApiUsage()
{
	try
	{
		stop();
	}
	catch (...)
	{
	}
}


int ApiUsage::monthOf(const Poco::Timestamp& ts)
{
	// Days since 1970-01-01, rounded down, then the civil date (H. Hinnant's days_from_civil
	// inverse): integer arithmetic only.
	const Poco::Int64 micros = ts.epochMicroseconds();
	Poco::Int64 days = micros / MICROS_PER_DAY;
	if (micros % MICROS_PER_DAY < 0)
		--days;
	days += 719468;
	const Poco::Int64 era = (days >= 0 ? days : days - 146096) / 146097;
	const Poco::Int64 doe = days - era * 146097;                                   // [0, 146096]
	const Poco::Int64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365; // [0, 399]
	const Poco::Int64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);               // [0, 365]
	const Poco::Int64 mp = (5 * doy + 2) / 153;                                    // [0, 11], March first
	const Poco::Int64 month = mp < 10 ? mp + 3 : mp - 9;
	const Poco::Int64 year = yoe + era * 400 + (month <= 2 ? 1 : 0);
	return static_cast<int>(year * 100 + month);
}


Poco::Timestamp ApiUsage::monthStart(int month)
{
	return Poco::Timestamp(daysFromCivil(month / 100, month % 100, 1) * MICROS_PER_DAY);
}


int ApiUsage::currentMonth() const
{
	const Poco::Int64 now = _pClock->now().epochMicroseconds();
	MonthCache& cache = monthCache;
	if (now < cache.start || now >= cache.end) // a new month, another clock, or the first call
	{
		cache.month = monthOf(Poco::Timestamp(now));
		const int next = cache.month % 100 == 12 ? (cache.month / 100 + 1) * 100 + 1 : cache.month + 1;
		cache.start = monthStart(cache.month).epochMicroseconds();
		cache.end = monthStart(next).epochMicroseconds();
	}
	return cache.month;
}


void ApiUsage::record(Id organizationId)
{
	const Key key{organizationId, currentMonth()};
	Shard& shard = shardOf(organizationId);
	std::lock_guard<std::mutex> lock(shard.mutex);
	++shard.counts[key];
}


Poco::Int64 ApiUsage::pending(Id organizationId, int month) const
{
	const Shard& shard = shardOf(organizationId);
	std::lock_guard<std::mutex> lock(shard.mutex);
	auto it = shard.counts.find(Key{organizationId, month});
	return it == shard.counts.end() ? 0 : it->second;
}


Poco::Int64 ApiUsage::requestsThisMonth(Poco::Data::Session& session, Id organizationId)
{
	const int month = currentMonth();
	// Counts taken by a flush are in neither place until it commits (or puts them back).
	std::lock_guard<std::mutex> flushLock(_flushMutex);
	return _repository.requests(session, organizationId, month) + pending(organizationId, month);
}


void ApiUsage::flush()
{
	std::lock_guard<std::mutex> flushLock(_flushMutex);
	// Sorted by (organization, month): two processes flushing at once lock rows in one order.
	std::map<std::pair<Id, int>, Poco::Int64> batch;
	for (Shard& shard : _shards)
	{
		Counts taken;
		{
			std::lock_guard<std::mutex> lock(shard.mutex);
			taken.swap(shard.counts);
		}
		for (const auto& kv : taken)
			batch[std::make_pair(kv.first.organizationId, kv.first.month)] += kv.second;
	}
	if (batch.empty())
		return;
	try
	{
		_database.transact([&](Poco::Data::Session& session) {
			for (const auto& kv : batch)
				_repository.add(session, kv.first.first, kv.first.second, kv.second);
		});
	}
	catch (...)
	{
		// Nothing was written: count it again next time.
		for (const auto& kv : batch)
		{
			Shard& shard = shardOf(kv.first.first);
			std::lock_guard<std::mutex> lock(shard.mutex);
			shard.counts[Key{kv.first.first, kv.first.second}] += kv.second;
		}
		throw;
	}
}


void ApiUsage::start(int flushSeconds)
{
	if (_running)
		return;
	_flushMs = static_cast<long>(flushSeconds) * 1000;
	_thread.setName("orgs-api-usage");
	_running = true;
	_thread.startFunc([this]() { run(); });
}


void ApiUsage::run()
{
	while (!_stopEvent.tryWait(_flushMs))
	{
		try
		{
			flush();
		}
		catch (Poco::Exception& exc)
		{
			_logger.warning("Could not write API request counts (kept for the next try): %s", exc.displayText());
		}
		catch (std::exception& exc)
		{
			_logger.warning("Could not write API request counts (kept for the next try): %s", std::string(exc.what()));
		}
	}
}


void ApiUsage::stop()
{
	if (_running)
	{
		_stopEvent.set();
		_thread.join();
		_running = false;
	}
	try
	{
		flush();
	}
	catch (Poco::Exception& exc)
	{
		_logger.error("API request counts were lost at shutdown: %s", exc.displayText());
	}
}


} // namespace Service
} // namespace Orgs
