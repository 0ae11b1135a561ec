//
// FailureLimiter.cpp
//
// Library: OrgsPlugin
// Package: Http
// Module:  FailureLimiter
//


#include "http/FailureLimiter.h"
#include "Orgs/Errors.h"
#include <chrono>
#include <functional>


namespace Orgs {
namespace Http {


FailureLimiter::FailureLimiter(int limit, std::size_t maxAddresses, const ClientAddress& addresses,
                               Poco::Logger& logger)
    : _limit(limit), _shardCapacity(maxAddresses / SHARDS > 0 ? maxAddresses / SHARDS : 1), _addresses(addresses),
      _logger(logger)
{
}


Poco::Int64 FailureLimiter::now()
{
	return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
	    .count();
}


FailureLimiter::Shard& FailureLimiter::shard(const std::string& address)
{
	return _shards[std::hash<std::string>()(address) % SHARDS];
}


void FailureLimiter::admit(const Poco::Net::HTTPServerRequest& request)
{
	// The success path: nobody is refused, so there is nothing to look up.
	Poco::Int64 until = _refusingUntil.load(std::memory_order_relaxed);
	if (until == 0)
		return;
	const Poco::Int64 t = now();
	if (t >= until)
	{
		_refusingUntil.compare_exchange_strong(until, 0, std::memory_order_relaxed);
		return;
	}
	const std::string address = _addresses.of(request);
	Shard& s = shard(address);
	Poco::Int64 refusedUntil = 0;
	{
		std::lock_guard<std::mutex> lock(s.mutex);
		auto it = s.entries.find(address);
		if (it != s.entries.end())
			refusedUntil = it->second.refusedUntil;
	}
	if (t < refusedUntil)
	{
		const Poco::Int64 seconds = (refusedUntil - t + 999999999) / 1000000000;
		throw RateLimitedException("Too many failed sign-ins from your address: try again in " +
		                               std::to_string(seconds) + " s",
		                           "too_many_failures", _limit, seconds);
	}
}


void FailureLimiter::failed(const Poco::Net::HTTPServerRequest& request)
{
	if (!enabled())
		return;
	const std::string address = _addresses.of(request);
	const Poco::Int64 t = now();
	Shard& s = shard(address);
	int failures = 0;
	Poco::Int64 refuseUntil = 0;
	{
		std::lock_guard<std::mutex> lock(s.mutex);
		auto it = s.entries.find(address);
		if (it == s.entries.end())
		{
			if (s.entries.size() >= _shardCapacity)
				makeRoom(s, t);
			if (s.entries.size() >= _shardCapacity)
				return; // every tracked address is refused: this one goes uncounted for now
			it = s.entries.emplace(address, Entry()).first;
			it->second.windowStart = t;
		}
		Entry& e = it->second;
		if (t < e.refusedUntil)
			return; // refused already (a request that passed admit() just before)
		if (t - e.windowStart >= WINDOW_NS)
		{
			e.windowStart = t;
			e.failures = 0;
		}
		failures = ++e.failures;
		if (failures > _limit)
		{
			e.refusedUntil = refuseUntil = t + WINDOW_NS;
			e.windowStart = e.refusedUntil; // counting starts afresh once the refusal ends
			e.failures = 0;
		}
	}
	if (refuseUntil != 0)
	{
		refusing(refuseUntil);
		_logger.warning("Authentication failures: %d from %s within a minute (orgs.auth.failureLimit = %d); its "
		                "requests that need authentication are refused for 60 s",
		                failures, address, _limit);
	}
}


void FailureLimiter::refusing(Poco::Int64 until)
{
	Poco::Int64 current = _refusingUntil.load(std::memory_order_relaxed);
	while (current < until && !_refusingUntil.compare_exchange_weak(current, until, std::memory_order_relaxed))
	{
	}
}


void FailureLimiter::makeRoom(Shard& s, Poco::Int64 t)
{
	// First the addresses whose minute is over, then every one that is not refused.
	for (auto it = s.entries.begin(); it != s.entries.end();)
	{
		if (t >= it->second.refusedUntil && t - it->second.windowStart >= WINDOW_NS)
			it = s.entries.erase(it);
		else
			++it;
	}
	if (s.entries.size() < _shardCapacity)
		return;
	for (auto it = s.entries.begin(); it != s.entries.end();)
	{
		if (t >= it->second.refusedUntil)
			it = s.entries.erase(it);
		else
			++it;
	}
}


std::size_t FailureLimiter::tracked() const
{
	std::size_t n = 0;
	for (const Shard& s : _shards)
	{
		std::lock_guard<std::mutex> lock(s.mutex);
		n += s.entries.size();
	}
	return n;
}


} // namespace Http
} // namespace Orgs
