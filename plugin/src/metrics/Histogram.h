//
// Histogram.h
//
// Library: OrgsPlugin
// Package: Metrics
// Module:  Histogram
//
// Observations counted in fixed buckets, with their sum.
//


#ifndef Orgs_Histogram_INCLUDED
#define Orgs_Histogram_INCLUDED


#include "Poco/Types.h"
#include <atomic>
#include <memory>
#include <vector>


namespace Orgs {
namespace Metrics {


class Histogram
	/// A Prometheus histogram: observe() adds a value to the first bucket whose upper bound
	/// holds it (or to +Inf) and to the sum. Lock-free (relaxed atomics), allocation-free after
	/// construction.
{
public:
	struct Snapshot
	{
		std::vector<double> bounds;           ///< upper bounds, ascending, without +Inf
		std::vector<Poco::UInt64> cumulative; ///< per bound, then +Inf: observations <= it
		double sum = 0;
		Poco::UInt64 count = 0; ///< the +Inf bucket
	};

	explicit Histogram(const std::vector<double>& bounds);
		/// bounds must be ascending and finite. Throws Poco::InvalidArgumentException otherwise.

	void observe(double value);

	Snapshot snapshot() const;

	const std::vector<double>& bounds() const;

	static const std::vector<double>& latencyBounds();
		/// Seconds, from 1 ms to 10 s: the request latency buckets.

private:
	Histogram(const Histogram&) = delete;
	Histogram& operator=(const Histogram&) = delete;

	std::vector<double> _bounds;
	std::unique_ptr<std::atomic<Poco::UInt64>[]> _counts; ///< per bucket (not cumulative), +Inf last
	std::atomic<double> _sum{0};
};


inline const std::vector<double>& Histogram::bounds() const
{
	return _bounds;
}


} // namespace Metrics
} // namespace Orgs


#endif // Orgs_Histogram_INCLUDED
