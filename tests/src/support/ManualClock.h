//
// ManualClock.h
//
// Library: OrgsTests
// Package: Support
// Module:  ManualClock
//
// A clock that moves only when a test moves it.
//


#ifndef Orgs_ManualClock_INCLUDED
#define Orgs_ManualClock_INCLUDED


#include "service/Clock.h"
#include "Poco/DateTime.h"
#include "Poco/Mutex.h"
#include "Poco/Timespan.h"


namespace Orgs {
namespace Test {


class ManualClock : public Service::Clock
	/// Starts at the real time or at a given one; advance() and set() move it. Safe to read
	/// from several threads.
	///
	/// Its staleness time (monotonic()) runs with the real monotonic clock plus every span
	/// advance() moved it on: a test ages what the caches hold by advancing the clock rather
	/// than by sleeping, and a test that does not advance it sees caches age as usual. set()
	/// jumps between dates and leaves the staleness time alone (it must never go back).
{
public:
	using Ptr = Poco::SharedPtr<ManualClock>;

	ManualClock() = default;

	explicit ManualClock(const Poco::DateTime& at) : _now(at.timestamp()) {}

	void set(const Poco::DateTime& at)
	{
		Poco::FastMutex::ScopedLock lock(_mutex);
		_now = at.timestamp();
	}

	Poco::Timestamp now() const override
	{
		Poco::FastMutex::ScopedLock lock(_mutex);
		return _now;
	}

	void advance(const Poco::Timespan& span)
	{
		Poco::FastMutex::ScopedLock lock(_mutex);
		_now += span;
		if (span.totalMicroseconds() > 0)
			_advancedNs += span.totalMicroseconds() * 1000;
	}

	Poco::Int64 monotonic() const override
	{
		Poco::FastMutex::ScopedLock lock(_mutex);
		return Service::Clock::monotonic() + _advancedNs;
	}

private:
	mutable Poco::FastMutex _mutex;
	Poco::Timestamp _now;
	Poco::Int64 _advancedNs = 0;
};


} // namespace Test
} // namespace Orgs


#endif // Orgs_ManualClock_INCLUDED
