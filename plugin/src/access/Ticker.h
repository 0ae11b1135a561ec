//
// Ticker.h
//
// Library: OrgsPlugin
// Package: Access
// Module:  Ticker
//
// A monotonic clock read with one atomic load, kept current by a background thread.
//


#ifndef Orgs_Ticker_INCLUDED
#define Orgs_Ticker_INCLUDED


#include "Poco/Types.h"
#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>


namespace Orgs {
namespace Access {


class Ticker
	/// The staleness time of the process: monotonic nanoseconds from one source (the plugin's
	/// Service::Clock, CLOCK_MONOTONIC unless a test injects another), published for the
	/// cache's hit path, where even the vDSO's coarse clock (about 4 ns) is a large share of a
	/// check. Every freshness decision reads its time here: the grant cache through now() and
	/// refresh(), the organization and live-token caches (FreshCache) through read().
	///
	/// A thread owned by the ticker stores the source's time every period; now() is one
	/// relaxed atomic load. The value lags the source by at most about one period (more only
	/// if the thread is not scheduled for longer), never runs ahead of it and never goes back:
	/// whoever reads the source through refresh() also moves it on. A caller that must not
	/// keep something past a deadline therefore subtracts the period from its bound
	/// (AccessControlImpl does). A test that moves its clock calls refresh() to publish the
	/// new time at once.
	///
	/// A period of 0 starts no thread; now() then stays at the last refresh().
	/// The destructor stops and joins the thread.
{
public:
	using Source = std::function<Poco::Int64()>;
		/// Returns monotonic nanoseconds; it must never decrease. Called by the ticker's
		/// thread and by the slow paths, never on a cache hit.

	explicit Ticker(Poco::Int64 periodNs, Source source = Source());
		/// Starts the thread (if periodNs > 0) and reads the source once. An empty source
		/// stands for clock().

	~Ticker();
		/// Stops the thread and waits for it.

	Ticker(const Ticker&) = delete;
	Ticker& operator=(const Ticker&) = delete;

	Poco::Int64 now() const;
		/// Returns the last value stored: the clock at most about one period ago.

	Poco::Int64 refresh();
		/// Reads the source, moves now() on to it (never back) and returns it.

	Poco::Int64 read() const;
		/// Reads the source without publishing it: for callers that keep their own time
		/// stamps (FreshCache), so that they never write the line every check reads.

	Poco::Int64 periodNs() const;
		/// Returns the period given to the constructor.

	bool running() const;
		/// Returns true while the thread runs (tests).

	static Poco::Int64 clock();
		/// Returns CLOCK_MONOTONIC in nanoseconds.

private:
	void run();
	void advance(Poco::Int64 t);

	alignas(64) std::atomic<Poco::Int64> _now{0}; ///< on its own cache line: read by every check
	alignas(64) const Poco::Int64 _periodNs;
	const Source _source;
	std::atomic<bool> _running{false};
	std::mutex _mutex;
	std::condition_variable _wake;
	bool _stop = false;
	std::thread _thread;
};


//
// inlines
//
inline Poco::Int64 Ticker::now() const
{
	return _now.load(std::memory_order_relaxed);
}


inline Poco::Int64 Ticker::periodNs() const
{
	return _periodNs;
}


inline bool Ticker::running() const
{
	return _running.load(std::memory_order_acquire);
}


} // namespace Access
} // namespace Orgs


#endif // Orgs_Ticker_INCLUDED
