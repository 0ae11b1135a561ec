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
#include <mutex>
#include <thread>


namespace Orgs {
namespace Access {


class Ticker
	/// Monotonic nanoseconds (CLOCK_MONOTONIC) for the cache's hit path, where even the vDSO's
	/// coarse clock (about 4 ns) is a large share of a check.
	///
	/// A thread owned by the ticker stores the clock every period; now() is one relaxed atomic
	/// load. The value lags the clock by at most about one period (more only if the thread is
	/// not scheduled for longer), never runs ahead of it and never goes back: whoever reads the
	/// clock through refresh() also moves it on. A caller that must not keep something past a
	/// deadline therefore subtracts the period from its bound (AccessControlImpl does).
	///
	/// A period of 0 starts no thread; now() then stays at the last refresh().
	/// The destructor stops and joins the thread.
{
public:
	explicit Ticker(Poco::Int64 periodNs);
		/// Starts the thread (if periodNs > 0) and reads the clock once.

	~Ticker();
		/// Stops the thread and waits for it.

	Ticker(const Ticker&) = delete;
	Ticker& operator=(const Ticker&) = delete;

	Poco::Int64 now() const;
		/// Returns the last value stored: the clock at most about one period ago.

	Poco::Int64 refresh();
		/// Reads the clock, moves now() on to it (never back) and returns it.

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
