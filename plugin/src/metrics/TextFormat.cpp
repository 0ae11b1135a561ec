//
// TextFormat.cpp
//
// Library: OrgsPlugin
// Package: Metrics
// Module:  TextFormat
//


#include "metrics/TextFormat.h"
#include <cmath>
#include <cstdio>
#include <cstdlib>


namespace Orgs {
namespace Metrics {


const std::string TextFormat::CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";


std::string TextFormat::escapeLabelValue(const std::string& value)
{
	std::string out;
	out.reserve(value.size());
	for (char c : value)
	{
		if (c == '\\')
			out += "\\\\";
		else if (c == '"')
			out += "\\\"";
		else if (c == '\n')
			out += "\\n";
		else
			out += c;
	}
	return out;
}


std::string TextFormat::escapeHelp(const std::string& help)
{
	std::string out;
	out.reserve(help.size());
	for (char c : help)
	{
		if (c == '\\')
			out += "\\\\";
		else if (c == '\n')
			out += "\\n";
		else
			out += c;
	}
	return out;
}


std::string TextFormat::number(double value)
{
	if (std::isnan(value))
		return "NaN";
	if (std::isinf(value))
		return value > 0 ? "+Inf" : "-Inf";
	char buffer[32];
	if (value == std::floor(value) && std::fabs(value) < 1e15)
		std::snprintf(buffer, sizeof(buffer), "%.0f", value);
	else
	{
		// The shortest of 15 or 17 digits that reads back as the same double: 0.001, not
		// 0.0010000000000000000.
		std::snprintf(buffer, sizeof(buffer), "%.15g", value);
		if (std::strtod(buffer, nullptr) != value)
			std::snprintf(buffer, sizeof(buffer), "%.17g", value);
	}
	return buffer;
}


void TextFormat::family(const std::string& name, const std::string& help, const std::string& type)
{
	_text += "# HELP " + name + " " + escapeHelp(help) + "\n";
	_text += "# TYPE " + name + " " + type + "\n";
}


void TextFormat::labels(const Labels& labels, const std::pair<std::string, std::string>* pExtra)
{
	if (labels.empty() && !pExtra)
		return;
	_text += '{';
	bool first = true;
	for (const auto& kv : labels)
	{
		if (!first)
			_text += ',';
		first = false;
		_text += kv.first + "=\"" + escapeLabelValue(kv.second) + "\"";
	}
	if (pExtra)
	{
		if (!first)
			_text += ',';
		_text += pExtra->first + "=\"" + escapeLabelValue(pExtra->second) + "\"";
	}
	_text += '}';
}


void TextFormat::sample(const std::string& name, const Labels& l, double value)
{
	_text += name;
	labels(l, nullptr);
	_text += ' ';
	_text += number(value);
	_text += '\n';
}


void TextFormat::histogram(const std::string& name, const Labels& l, const Histogram::Snapshot& s)
{
	for (std::size_t i = 0; i <= s.bounds.size(); ++i)
	{
		const std::pair<std::string, std::string> le("le", i < s.bounds.size() ? number(s.bounds[i]) : "+Inf");
		_text += name + "_bucket";
		labels(l, &le);
		_text += ' ' + number(static_cast<double>(s.cumulative[i])) + '\n';
	}
	sample(name + "_sum", l, s.sum);
	sample(name + "_count", l, static_cast<double>(s.count));
}


} // namespace Metrics
} // namespace Orgs
