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
	}

private:
	mutable Poco::FastMutex _mutex;
	Poco::Timestamp _now;
};


} // namespace Test
} // namespace Orgs


#endif // Orgs_ManualClock_INCLUDED
