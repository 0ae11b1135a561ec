//
// Registry.cpp
//
// Library: OrgsPlugin
// Package: Metrics
// Module:  Registry
//


#include "metrics/Registry.h"
#include "Poco/Exception.h"


namespace Orgs {
namespace Metrics {


Registry::Registry() = default;


Registry::~Registry() = default;


bool Registry::validName(const std::string& name, bool label)
{
	if (name.empty())
		return false;
	for (std::size_t i = 0; i < name.size(); ++i)
	{
		const char c = name[i];
		const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (!label && c == ':');
		if (!alpha && !(i > 0 && c >= '0' && c <= '9'))
			return false;
	}
	return true;
}


Registry::Entry& Registry::add(const std::string& name, const std::string& help, Type type,
                               const std::vector<std::string>& labelNames)
{
	if (!validName(name, false))
		throw Poco::InvalidArgumentException("not a metric name: " + name);
	for (const std::string& l : labelNames)
	{
		if (!validName(l, true) || l.compare(0, 2, "__") == 0 || (type == Type::Histogram && l == "le"))
			throw Poco::InvalidArgumentException("not a label name for " + name + ": " + l);
	}
	Poco::FastMutex::ScopedLock lock(_mutex);
	for (const auto& e : _entries)
	{
		if (e->name == name)
			throw Poco::ExistsException("metric " + name + " is registered already");
	}
	std::unique_ptr<Entry> pEntry(new Entry);
	pEntry->name = name;
	pEntry->help = help;
	pEntry->type = type;
	pEntry->labelNames = labelNames;
	_entries.push_back(std::move(pEntry));
	return *_entries.back();
}


Registry::Family<Registry::Counter>& Registry::counter(const std::string& name, const std::string& help,
                                                       const std::vector<std::string>& labelNames)
{
	Entry& e = add(name, help, Type::Counter, labelNames);
	e.pCounters.reset(new Family<Counter>(labelNames, [] { return new Counter; }));
	return *e.pCounters;
}


Registry::Family<Histogram>& Registry::histogram(const std::string& name, const std::string& help,
                                                 const std::vector<std::string>& labelNames,
                                                 const std::vector<double>& bounds)
{
	Histogram check(bounds); // throws for bad bounds now, not at the first observation
	Entry& e = add(name, help, Type::Histogram, labelNames);
	e.pHistograms.reset(new Family<Histogram>(labelNames, [bounds] { return new Histogram(bounds); }));
	return *e.pHistograms;
}


void Registry::collect(const std::string& name, const std::string& help, Type type,
                       const std::vector<std::string>& labelNames, Collector collector)
{
	if (type == Type::Histogram)
		throw Poco::InvalidArgumentException("a collected family is a counter or a gauge: " + name);
	Entry& e = add(name, help, type, labelNames);
	e.collector = std::move(collector);
}


Labels Registry::labelsOf(const std::vector<std::string>& names, const std::vector<std::string>& values)
{
	Labels labels;
	for (std::size_t i = 0; i < names.size() && i < values.size(); ++i)
		labels.emplace_back(names[i], values[i]);
	return labels;
}


std::string Registry::exposition() const
{
	TextFormat out;
	Poco::FastMutex::ScopedLock lock(_mutex);
	for (const auto& pEntry : _entries)
	{
		const Entry& e = *pEntry;
		const char* type = e.type == Type::Counter ? "counter" : (e.type == Type::Gauge ? "gauge" : "histogram");
		if (e.pHistograms)
		{
			out.family(e.name, e.help, type);
			Poco::FastMutex::ScopedLock seriesLock(e.pHistograms->_mutex);
			for (const auto& s : e.pHistograms->_series)
				out.histogram(e.name, labelsOf(e.labelNames, s.first), s.second->snapshot());
			continue;
		}
		std::vector<Sample> samples;
		if (e.pCounters)
		{
			Poco::FastMutex::ScopedLock seriesLock(e.pCounters->_mutex);
			for (const auto& s : e.pCounters->_series)
				samples.push_back({s.first, static_cast<double>(s.second->value())});
		}
		else
		{
			try
			{
				e.collector(samples);
			}
			catch (...)
			{
				samples.clear(); // a failed source (the database down) leaves its family empty
			}
		}
		out.family(e.name, e.help, type);
		for (const Sample& s : samples)
		{
			if (s.labelValues.size() == e.labelNames.size())
				out.sample(e.name, labelsOf(e.labelNames, s.labelValues), s.value);
		}
	}
	return out.text();
}


} // namespace Metrics
} // namespace Orgs
