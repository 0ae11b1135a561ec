//
// Reader.h
//
// Library: OrgsPlugin
// Package: Config
// Module:  Reader
//
// Reads configuration keys with their defaults and notes what it read.
//


#ifndef Orgs_Config_Reader_INCLUDED
#define Orgs_Config_Reader_INCLUDED


#include "Poco/Types.h"
#include "Poco/Util/AbstractConfiguration.h"
#include <map>
#include <string>
#include <vector>


namespace Orgs {
namespace Config {


class Reader
	/// Reads the keys of a configuration, each with the default it takes when the key is unset,
	/// and refuses a malformed value with a Poco::DataFormatException naming the key.
	///
	/// It notes every key it was asked for, with its default and the value in effect, both
	/// written the same way (an integer in decimal, a switch as true or false, a list joined by
	/// ", ", seconds in the unit they are kept in). So a value that merely repeats the default
	/// reads the same as the default, whatever its spelling: the test of the shipped
	/// properties files finds such values, and keys nothing reads, with it.
	///
	/// The defaults themselves are not here: each key's default is declared once, by the class
	/// that reads the key (Settings, PlanCatalog, Preset).
{
public:
	struct Entry
		/// A key that was read.
	{
		std::string defaultValue; ///< the default, in the canonical form
		std::string value;        ///< the value in effect (the default when unset), in the canonical form
	};

	using Entries = std::map<std::string, Entry>;

	explicit Reader(const Poco::Util::AbstractConfiguration& config);
		/// Reads config, which must outlive the reader.

	std::string getString(const std::string& key, const std::string& deflt);
		/// Returns the value with surrounding blanks removed, or deflt.

	std::string getRawString(const std::string& key, const std::string& deflt);
		/// Returns the value as it is written (a password may begin or end with a blank), or deflt.

	int getInt(const std::string& key, int deflt, int min, int max);
		/// Returns the value, or deflt. Throws unless it is an integer from min to max.

	bool getBool(const std::string& key, bool deflt);
		/// Returns the value (true, false, yes, no, on, off, 1 or 0), or deflt.

	Poco::Int64 getSeconds(const std::string& key, Poco::Int64 deflt, Poco::Int64 unitsPerSecond, double min,
	                       double max);
		/// Returns a number of seconds (fractions allowed) in units of 1/unitsPerSecond (1000000
		/// for microseconds), or deflt, which is in those units. Throws unless the value is from
		/// min to max seconds.

	std::vector<std::string> getList(const std::string& key, const std::vector<std::string>& deflt);
		/// Returns a comma-separated list, each element trimmed, or deflt. Throws for an empty
		/// element (see RoleCatalog::parseList()).

	bool has(const std::string& key) const;
		/// Returns true if the key is set. Does not count as reading it.

	void keys(const std::string& key, Poco::Util::AbstractConfiguration::Keys& range) const;
		/// Returns the names of the keys beneath key (see AbstractConfiguration::keys()).

	const Entries& entries() const;
		/// Returns every key read so far.

private:
	void note(const std::string& key, const std::string& deflt, const std::string& value);

	const Poco::Util::AbstractConfiguration& _config;
	Entries _entries;
};


//
// inlines
//
inline const Reader::Entries& Reader::entries() const
{
	return _entries;
}


} // namespace Config
} // namespace Orgs


#endif // Orgs_Config_Reader_INCLUDED
