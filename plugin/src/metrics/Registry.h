//
// Registry.h
//
// Library: OrgsPlugin
// Package: Metrics
// Module:  Registry
//
// The plugin's metric families: counters, gauges and histograms with labels.
//


#ifndef Orgs_Registry_INCLUDED
#define Orgs_Registry_INCLUDED


#include "metrics/Histogram.h"
#include "metrics/TextFormat.h"
#include "Poco/Mutex.h"
#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>


namespace Orgs {
namespace Metrics {


class Registry
	/// Every metric family of the plugin, written in registration order by exposition().
	///
	/// Two kinds of family:
	///   - owned: counter() and histogram() families whose series the registry holds; a caller
	///     takes a series once (series(): a lock and a map look-up, creating it at first use)
	///     and keeps the reference, whose add()/observe() is a relaxed atomic;
	///   - collected: a Collector called at each scrape fills the samples of a gauge or a
	///     counter that another component keeps (the database pool, the grant cache, the
	///     permission check's sharded counters): nothing is pushed between scrapes.
	///
	/// Names must match [a-zA-Z_:][a-zA-Z0-9_:]*, label names [a-zA-Z_][a-zA-Z0-9_]*; a family
	/// registered twice throws Poco::ExistsException. Thread-safe.
{
public:
	enum class Type
	{
		Counter,
		Gauge,
		Histogram
	};

	struct Sample
	{
		std::vector<std::string> labelValues; ///< in the family's label order
		double value = 0;
	};

	using Collector = std::function<void(std::vector<Sample>& samples)>;
		/// Appends the family's samples at a scrape.

	class Counter
		/// A monotonically increasing count.
	{
	public:
		void add(Poco::UInt64 n = 1) { _value.fetch_add(n, std::memory_order_relaxed); }
		Poco::UInt64 value() const { return _value.load(std::memory_order_relaxed); }

	private:
		std::atomic<Poco::UInt64> _value{0};
	};

	template <class Series>
	class Family
		/// A family's labelled series.
	{
	public:
		Series& series(const std::vector<std::string>& labelValues);
			/// Returns the series for labelValues (as many as the family has label names),
			/// creating it at first use. The reference stays valid as long as the registry.

	private:
		Family(std::vector<std::string> labelNames, std::function<Series*()> make)
		    : _labelNames(std::move(labelNames)), _make(std::move(make))
		{
		}

		std::vector<std::string> _labelNames;
		std::function<Series*()> _make;
		mutable Poco::FastMutex _mutex;
		std::map<std::vector<std::string>, std::unique_ptr<Series>> _series;
		friend class Registry;
	};

	Registry();
	~Registry();

	Family<Counter>& counter(const std::string& name, const std::string& help,
	                         const std::vector<std::string>& labelNames = {});
		/// Registers an owned counter family; name ends in _total.

	Family<Histogram>& histogram(const std::string& name, const std::string& help,
	                             const std::vector<std::string>& labelNames, const std::vector<double>& bounds);
		/// Registers an owned histogram family (labelNames must not hold "le").

	void collect(const std::string& name, const std::string& help, Type type,
	             const std::vector<std::string>& labelNames, Collector collector);
		/// Registers a collected family of counters or gauges.

	std::string exposition() const;
		/// Returns every family in the text exposition format (TextFormat). A collector that
		/// throws loses its family's samples for this scrape, not the others'.

	static bool validName(const std::string& name, bool label);

private:
	Registry(const Registry&) = delete;
	Registry& operator=(const Registry&) = delete;

	struct Entry
	{
		std::string name;
		std::string help;
		Type type;
		std::vector<std::string> labelNames;
		std::unique_ptr<Family<Counter>> pCounters;
		std::unique_ptr<Family<Histogram>> pHistograms;
		Collector collector;
	};

	Entry& add(const std::string& name, const std::string& help, Type type, const std::vector<std::string>& labelNames);
	static Labels labelsOf(const std::vector<std::string>& names, const std::vector<std::string>& values);

	mutable Poco::FastMutex _mutex;
	std::vector<std::unique_ptr<Entry>> _entries;
};


template <class Series>
Series& Registry::Family<Series>::series(const std::vector<std::string>& labelValues)
{
	if (labelValues.size() != _labelNames.size())
		throw Poco::InvalidArgumentException("a metric series needs one value per label");
	Poco::FastMutex::ScopedLock lock(_mutex);
	auto it = _series.find(labelValues);
	if (it == _series.end())
		it = _series.emplace(labelValues, std::unique_ptr<Series>(_make())).first;
	return *it->second;
}


} // namespace Metrics
} // namespace Orgs


#endif // Orgs_Registry_INCLUDED
