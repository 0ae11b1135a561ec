//
// Ticker.cpp
//
// Library: OrgsPlugin
// Package: Access
// Module:  Ticker
//


#include "access/Ticker.h"
#include <chrono>
#include <ctime>
#include <utility>


namespace Orgs {
namespace Access {


Ticker::Ticker(Poco::Int64 periodNs, Source source)
    : _periodNs(periodNs > 0 ? periodNs : 0), _source(source ? std::move(source) : Source(&Ticker::clock))
{
	refresh();
	if (_periodNs > 0)
	{
		_running.store(true, std::memory_order_release);
		_thread = std::thread([this]() { run(); });
	}
}


Ticker::~Ticker()
{
	if (_thread.joinable())
	{
		{
			std::lock_guard<std::mutex> lock(_mutex);
			_stop = true;
		}
		_wake.notify_all();
		_thread.join();
	}
}


Poco::Int64 Ticker::clock()
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return static_cast<Poco::Int64>(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}


void Ticker::advance(Poco::Int64 t)
{
	Poco::Int64 current = _now.load(std::memory_order_relaxed);
	while (current < t && !_now.compare_exchange_weak(current, t, std::memory_order_relaxed))
	{
	}
}


Poco::Int64 Ticker::refresh()
{
	const Poco::Int64 t = _source();
	advance(t);
	return t;
}


Poco::Int64 Ticker::read() const
{
	return _source();
}


void Ticker::run()
{
	std::unique_lock<std::mutex> lock(_mutex);
	while (!_stop)
	{
		_wake.wait_for(lock, std::chrono::nanoseconds(_periodNs));
		refresh();
	}
	_running.store(false, std::memory_order_release);
}


} // namespace Access
} // namespace Orgs
