//
// ExpositionParser.h
//
// Library: OrgsTests
// Package: Support
// Module:  ExpositionParser
//
// Prometheus's own parser of the text exposition format, run over a scrape.
//


#ifndef Orgs_ExpositionParser_INCLUDED
#define Orgs_ExpositionParser_INCLUDED


#include "Poco/JSON/Array.h"
#include "Poco/JSON/Object.h"
#include "Poco/JSON/Parser.h"
#include "Poco/Pipe.h"
#include "Poco/PipeStream.h"
#include "Poco/Process.h"
#include "Poco/StreamCopier.h"
#include <cppunit/extensions/HelperMacros.h>
#include <map>
#include <string>
#include <thread>


class ExpositionParser
	/// Parses a scrape with prometheus_client.parser.text_string_to_metric_families (Debian's
	/// python3-prometheus-client, run by /usr/bin/python3: not this project's writer) and
	/// fails the test on any error it raises. Samples are keyed "name{a=x,b=y}" with the labels
	/// sorted by name and their values unescaped; types by family name.
{
public:
	explicit ExpositionParser(const std::string& text)
	{
		static const std::string SCRIPT = "import sys, json\n"
		                                  "from prometheus_client.parser import text_string_to_metric_families\n"
		                                  "out = {'samples': {}, 'types': {}}\n"
		                                  "for f in text_string_to_metric_families(sys.stdin.read()):\n"
		                                  "    out['types'][f.name] = f.type\n"
		                                  "    for s in f.samples:\n"
		                                  "        k = s.name + '{' + ','.join(n + '=' + s.labels[n] for n in "
		                                  "sorted(s.labels)) + '}'\n"
		                                  "        if k in out['samples']: raise ValueError('duplicate ' + k)\n"
		                                  "        out['samples'][k] = repr(s.value)\n"
		                                  "print(json.dumps(out))\n";
		Poco::Pipe in, out, err;
		Poco::ProcessHandle handle = Poco::Process::launch("/usr/bin/python3", {"-c", SCRIPT}, &in, &out, &err);
		std::string output, errors;
		// Read both pipes while writing: a large scrape must not fill a pipe and stall.
		std::thread reader([&] {
			Poco::PipeInputStream o(out);
			Poco::StreamCopier::copyToString(o, output);
		});
		std::thread errorReader([&] {
			Poco::PipeInputStream e(err);
			Poco::StreamCopier::copyToString(e, errors);
		});
		{
			Poco::PipeOutputStream i(in);
			i << text;
			i.close();
		}
		reader.join();
		errorReader.join();
		const int code = handle.wait();
		CPPUNIT_ASSERT_EQUAL_MESSAGE("prometheus_client refused the exposition:\n" + errors + "\n--- text ---\n" + text,
		                             0, code);
		Poco::JSON::Object::Ptr o = Poco::JSON::Parser().parse(output).extract<Poco::JSON::Object::Ptr>();
		Poco::JSON::Object::Ptr samples = o->getObject("samples");
		for (const auto& kv : *samples)
			_samples[kv.first] = parseValue(kv.second.convert<std::string>());
		Poco::JSON::Object::Ptr types = o->getObject("types");
		for (const auto& kv : *types)
			_types[kv.first] = kv.second.convert<std::string>();
	}

	bool has(const std::string& key) const { return _samples.count(key) != 0; }

	double value(const std::string& key) const
		/// Returns the sample's value; fails the test if there is none.
	{
		auto it = _samples.find(key);
		CPPUNIT_ASSERT_MESSAGE("no sample " + key, it != _samples.end());
		return it->second;
	}

	double valueOr(const std::string& key, double deflt) const
	{
		auto it = _samples.find(key);
		return it == _samples.end() ? deflt : it->second;
	}

	std::string type(const std::string& family) const
	{
		auto it = _types.find(family);
		return it == _types.end() ? std::string() : it->second;
	}

	const std::map<std::string, double>& samples() const { return _samples; }

private:
	static double parseValue(const std::string& text)
	{
		if (text == "inf")
			return HUGE_VAL;
		if (text == "-inf")
			return -HUGE_VAL;
		return std::stod(text);
	}

	std::map<std::string, double> _samples;
	std::map<std::string, std::string> _types;
};


#endif // Orgs_ExpositionParser_INCLUDED
