//
// BurstLog.cpp
//
// Library: OrgsPlugin
// Package: Http
// Module:  BurstLog
//


#include "http/BurstLog.h"
#include <chrono>


namespace Orgs {
namespace Http {


namespace {


const std::string OTHER_KEY = "(other errors)";


} // namespace


BurstLog::BurstLog(Poco::Logger& logger, Poco::Timespan window) : _logger(logger), _window(window)
{
	if (_window > 0)
		_thread = std::thread([this] { run(); });
}


BurstLog::~BurstLog()
{
	{
		std::lock_guard<std::mutex> lock(_mutex);
		_stop = true;
	}
	_wake.notify_all();
	if (_thread.joinable())
		_thread.join();
	for (const auto& kv : _bursts)
		summarise(kv.first, kv.second, kv.second.started.elapsed());
}


void BurstLog::log(Poco::Message::Priority priority, const std::string& key, const std::string& text)
{
	if (_window <= 0)
	{
		_logger.log(Poco::Message(_logger.name(), text, priority));
		return;
	}
	{
		std::lock_guard<std::mutex> lock(_mutex);
		auto it = _bursts.find(key);
		if (it == _bursts.end() && _bursts.size() >= MAX_KEYS)
			it = _bursts.find(OTHER_KEY);
		if (it != _bursts.end())
		{
			++it->second.repeats;
			it->second.lastText = text;
			return;
		}
		Burst& burst = _bursts[_bursts.size() >= MAX_KEYS ? OTHER_KEY : key];
		burst.priority = priority;
	}
	// The first of a burst: logged outside the lock, at once, in full.
	_wake.notify_all();
	_logger.log(Poco::Message(_logger.name(), text, priority));
}


void BurstLog::run()
{
	std::unique_lock<std::mutex> lock(_mutex);
	while (!_stop)
	{
		// Sleep until the oldest burst's window ends (or a first burst arrives).
		Poco::Timestamp due = Poco::Timestamp::TIMEVAL_MAX;
		for (const auto& kv : _bursts)
			due = std::min(due, kv.second.started + _window.totalMicroseconds());
		if (_bursts.empty())
			_wake.wait(lock);
		else
		{
			const Poco::Timestamp now;
			if (due > now)
				_wake.wait_for(lock, std::chrono::microseconds(due - now));
		}
		if (_stop)
			break;
		const Poco::Timestamp now;
		for (auto it = _bursts.begin(); it != _bursts.end();)
		{
			if (now - it->second.started >= _window.totalMicroseconds())
			{
				const std::string key = it->first;
				const Burst burst = it->second;
				it = _bursts.erase(it);
				lock.unlock();
				summarise(key, burst, _window);
				lock.lock();
				it = _bursts.upper_bound(key); // the map may have changed meanwhile
			}
			else
				++it;
		}
	}
}


void BurstLog::summarise(const std::string& key, const Burst& burst, Poco::Timespan elapsed)
{
	if (burst.repeats == 0)
		return;
	const std::string text = key + ": " + std::to_string(burst.repeats) + " more time" +
	                         (burst.repeats == 1 ? "" : "s") + " in " + std::to_string(elapsed.totalSeconds()) +
	                         " s; the last: " + burst.lastText;
	_logger.log(Poco::Message(_logger.name(), text, burst.priority));
}


} // namespace Http
} // namespace Orgs
