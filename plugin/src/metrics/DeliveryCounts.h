//
// DeliveryCounts.h
//
// Library: OrgsPlugin
// Package: Metrics
// Module:  DeliveryCounts
//
// What a sender of one outbox kind did with its attempts.
//


#ifndef Orgs_DeliveryCounts_INCLUDED
#define Orgs_DeliveryCounts_INCLUDED


#include "Poco/Types.h"
#include <atomic>


namespace Orgs {
namespace Metrics {


class DeliveryCounts
	/// The outcomes of one sender's delivery attempts (orgs_outbox_deliveries_total{kind,outcome}):
	/// sent, retried (failed and rescheduled) and failed (given up for good). The sender that
	/// owns it counts; the MetricsModule reads it at a scrape, under the sender's kind
	/// (MetricsModule::addDeliveries()).
{
public:
	enum Outcome
	{
		SENT,
		RETRIED,
		FAILED,
		OUTCOMES
	};

	void count(Outcome outcome) { _counts[outcome].fetch_add(1, std::memory_order_relaxed); }

	Poco::UInt64 value(Outcome outcome) const { return _counts[outcome].load(std::memory_order_relaxed); }

	static const char* name(Outcome outcome)
	{
		return outcome == SENT ? "sent" : (outcome == RETRIED ? "retried" : "failed");
	}

private:
	std::atomic<Poco::UInt64> _counts[OUTCOMES]{};
};


} // namespace Metrics
} // namespace Orgs


#endif // Orgs_DeliveryCounts_INCLUDED
