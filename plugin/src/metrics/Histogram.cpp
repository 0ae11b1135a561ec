//
// Histogram.cpp
//
// Library: OrgsPlugin
// Package: Metrics
// Module:  Histogram
//


#include "metrics/Histogram.h"
#include "Poco/Exception.h"
#include <algorithm>
#include <cmath>


namespace Orgs {
namespace Metrics {


Histogram::Histogram(const std::vector<double>& bounds) : _bounds(bounds)
{
	for (std::size_t i = 0; i < _bounds.size(); ++i)
	{
		if (!std::isfinite(_bounds[i]) || (i > 0 && _bounds[i] <= _bounds[i - 1]))
			throw Poco::InvalidArgumentException("histogram bounds must be finite and ascending");
	}
	_counts.reset(new std::atomic<Poco::UInt64>[_bounds.size() + 1]);
	for (std::size_t i = 0; i <= _bounds.size(); ++i)
		_counts[i].store(0, std::memory_order_relaxed);
}


const std::vector<double>& Histogram::latencyBounds()
{
	static const std::vector<double> BOUNDS{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
	return BOUNDS;
}


void Histogram::observe(double value)
{
	// le is inclusive: a value equal to a bound belongs to that bound's bucket.
	const std::size_t i =
	    static_cast<std::size_t>(std::lower_bound(_bounds.begin(), _bounds.end(), value) - _bounds.begin());
	_counts[i].fetch_add(1, std::memory_order_relaxed);
	double sum = _sum.load(std::memory_order_relaxed);
	while (!_sum.compare_exchange_weak(sum, sum + value, std::memory_order_relaxed))
	{
	}
}


Histogram::Snapshot Histogram::snapshot() const
{
	Snapshot s;
	s.bounds = _bounds;
	Poco::UInt64 running = 0;
	for (std::size_t i = 0; i <= _bounds.size(); ++i)
	{
		running += _counts[i].load(std::memory_order_relaxed);
		s.cumulative.push_back(running);
	}
	s.count = running;
	s.sum = _sum.load(std::memory_order_relaxed);
	return s;
}


} // namespace Metrics
} // namespace Orgs
