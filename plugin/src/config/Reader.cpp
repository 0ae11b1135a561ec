//
// Reader.cpp
//
// Library: OrgsPlugin
// Package: Config
// Module:  Reader
//


#include "config/Reader.h"
#include "config/RoleCatalog.h"
#include "Poco/Exception.h"
#include "Poco/NumberFormatter.h"
#include "Poco/NumberParser.h"
#include "Poco/String.h"


namespace Orgs {
namespace Config {


namespace {


std::string join(const std::vector<std::string>& items)
{
	std::string text;
	for (const auto& item : items)
		text += (text.empty() ? "" : ", ") + item;
	return text;
}


std::string boolText(bool value)
{
	return value ? "true" : "false";
}


} // namespace


Reader::Reader(const Poco::Util::AbstractConfiguration& config) : _config(config) {}


void Reader::note(const std::string& key, const std::string& deflt, const std::string& value)
{
	_entries[key] = Entry{deflt, value};
}


std::string Reader::getString(const std::string& key, const std::string& deflt)
{
	const std::string value = Poco::trim(_config.getString(key, deflt));
	note(key, Poco::trim(deflt), value);
	return value;
}


std::string Reader::getRawString(const std::string& key, const std::string& deflt)
{
	const std::string value = _config.getString(key, deflt);
	note(key, deflt, value);
	return value;
}


int Reader::getInt(const std::string& key, int deflt, int min, int max)
{
	// The default is checked like a value: another key may have narrowed the range.
	const std::string text = Poco::trim(_config.getString(key, std::to_string(deflt)));
	int value = 0;
	if (!Poco::NumberParser::tryParse(text, value) || value < min || value > max)
	{
		throw Poco::DataFormatException(key + ": expected an integer from " + std::to_string(min) + " to " +
		                                std::to_string(max) + ", got '" + text + "'");
	}
	note(key, std::to_string(deflt), std::to_string(value));
	return value;
}


bool Reader::getBool(const std::string& key, bool deflt)
{
	bool value = deflt;
	try
	{
		value = _config.getBool(key, deflt);
	}
	catch (Poco::SyntaxException&)
	{
		throw Poco::DataFormatException(key + ": expected true or false, got '" + _config.getString(key) + "'");
	}
	note(key, boolText(deflt), boolText(value));
	return value;
}


Poco::Int64 Reader::getSeconds(const std::string& key, Poco::Int64 deflt, Poco::Int64 unitsPerSecond, double min,
                               double max)
{
	Poco::Int64 value = deflt;
	if (_config.has(key))
	{
		const std::string text = Poco::trim(_config.getString(key));
		double seconds = 0;
		if (!Poco::NumberParser::tryParseFloat(text, seconds) || !(seconds >= min) || !(seconds <= max))
		{
			throw Poco::DataFormatException(key + ": expected seconds from " + Poco::NumberFormatter::format(min) +
			                                " to " + Poco::NumberFormatter::format(max) + ", got '" + text + "'");
		}
		value = static_cast<Poco::Int64>(seconds * static_cast<double>(unitsPerSecond));
	}
	note(key, std::to_string(deflt), std::to_string(value));
	return value;
}


std::vector<std::string> Reader::getList(const std::string& key, const std::vector<std::string>& deflt)
{
	std::vector<std::string> value = deflt;
	if (_config.has(key))
		value = RoleCatalog::parseList(_config.getString(key), key);
	note(key, join(deflt), join(value));
	return value;
}


bool Reader::has(const std::string& key) const
{
	return _config.has(key);
}


void Reader::keys(const std::string& key, Poco::Util::AbstractConfiguration::Keys& range) const
{
	_config.keys(key, range);
}


} // namespace Config
} // namespace Orgs
