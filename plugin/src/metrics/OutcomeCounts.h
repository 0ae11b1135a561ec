//
// OutcomeCounts.h
//
// Library: OrgsPlugin
// Package: Metrics
// Module:  OutcomeCounts
//
// Counts of a rare event by outcome and reason.
//


#ifndef Orgs_OutcomeCounts_INCLUDED
#define Orgs_OutcomeCounts_INCLUDED


#include "Poco/Mutex.h"
#include "Poco/Types.h"
#include <map>
#include <string>
#include <utility>


namespace Orgs {
namespace Metrics {


class OutcomeCounts
	/// Counts an event that is rare next to a request (a sign-in, a SCIM request) by outcome and
	/// reason, e.g. ("refused", "sso_required"). The component that sees the event owns it and
	/// counts; the MetricsModule reads snapshot() at a scrape. Outcomes and reasons must come
	/// from a bounded set (machine codes, never user input): each pair is a series.
{
public:
	using Key = std::pair<std::string, std::string>; ///< outcome, reason ("" for none)

	void count(const std::string& outcome, const std::string& reason = std::string())
	{
		Poco::FastMutex::ScopedLock lock(_mutex);
		++_counts[Key(outcome, reason)];
	}

	std::map<Key, Poco::UInt64> snapshot() const
	{
		Poco::FastMutex::ScopedLock lock(_mutex);
		return _counts;
	}

private:
	mutable Poco::FastMutex _mutex;
	std::map<Key, Poco::UInt64> _counts;
};


} // namespace Metrics
} // namespace Orgs


#endif // Orgs_OutcomeCounts_INCLUDED
