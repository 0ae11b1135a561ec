//
// Clock.h
//
// Library: OrgsPlugin
// Package: Service
// Module:  Clock
//
// The time source of the plugin, replaceable in tests.
//


#ifndef Orgs_Clock_INCLUDED
#define Orgs_Clock_INCLUDED


#include "Poco/SharedPtr.h"
#include "Poco/Timestamp.h"
#include "Poco/Types.h"
#include <ctime>


namespace Orgs {
namespace Service {


class Clock
	/// The one time source of the plugin, in two readings: now(), the date (UTC) that expiries,
	/// audit events and months are reckoned in, and monotonic(), the staleness time that every
	/// cache's freshness is reckoned in (the grant cache through Access::Ticker, the
	/// organization and live-token caches through FreshCache). Subclass it to control time in
	/// tests: moving monotonic() ages what the caches hold without sleeping.
{
public:
	using Ptr = Poco::SharedPtr<Clock>;

	virtual ~Clock() = default;

	virtual Poco::Timestamp now() const { return Poco::Timestamp(); }
		/// Returns the current time.

	virtual Poco::Int64 monotonic() const
		/// Returns nanoseconds of a clock that never goes back (CLOCK_MONOTONIC): how long
		/// something has been kept. It must never decrease.
	{
		struct timespec ts;
		clock_gettime(CLOCK_MONOTONIC, &ts);
		return static_cast<Poco::Int64>(ts.tv_sec) * 1000000000 + ts.tv_nsec;
	}
};


} // namespace Service
} // namespace Orgs


#endif // Orgs_Clock_INCLUDED
