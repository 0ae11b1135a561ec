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
#include "Poco/Mutex.h"
#include "Poco/Timespan.h"


namespace Orgs {
namespace Test {


class ManualClock : public Service::Clock
	/// Starts at the real time; advance() moves it on.
{
public:
	using Ptr = Poco::SharedPtr<ManualClock>;

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
