//
// Preset.cpp
//
// Library: OrgsPlugin
// Package: Config
// Module:  Preset
//


#include "config/Preset.h"
#include "Poco/DirectoryIterator.h"
#include "Poco/Exception.h"
#include "Poco/File.h"
#include "Poco/Path.h"
#include "Poco/RegularExpression.h"
#include "Poco/String.h"
#include "Poco/Util/LayeredConfiguration.h"
#include "Poco/Util/PropertyFileConfiguration.h"
#include <algorithm>


namespace Orgs {
namespace Config {


const std::string Preset::KEY = "orgs.preset";
const std::string Preset::DIRECTORY_KEY = "orgs.presets.directory";


namespace {


const std::string SUFFIX = ".properties";


} // namespace


std::string Preset::name(const Poco::Util::AbstractConfiguration& config)
{
	Reader reader(config);
	return name(reader);
}


std::string Preset::name(Reader& reader)
{
	// A plain name, never a path: the preset is looked up in one folder only.
	static const Poco::RegularExpression nameRe("^[a-z0-9][a-z0-9_-]{0,63}$");
	const std::string value = reader.getString(KEY, "");
	if (!value.empty() && !nameRe.match(value))
		throw Poco::DataFormatException(KEY + ": expected a preset name (a-z, 0-9, _ and -), got '" + value + "'");
	return value;
}


std::string Preset::directory(Reader& reader, const Settings::PathResolver& resolvePath)
{
	return Poco::Path::forDirectory(resolvePath(reader.getString(DIRECTORY_KEY, "presets"))).toString();
}


std::string Preset::source(const Poco::Util::AbstractConfiguration& config)
{
	const std::string preset = name(config);
	return preset.empty() ? std::string("configuration") : "configuration (preset '" + preset + "')";
}


std::vector<std::string> Preset::available(const std::string& directory)
{
	std::vector<std::string> names;
	Poco::File dir(directory);
	if (!dir.exists() || !dir.isDirectory())
		return names;
	for (Poco::DirectoryIterator it(dir), end; it != end; ++it)
	{
		const std::string file = it.name();
		if (file.size() > SUFFIX.size() && Poco::endsWith(file, SUFFIX) && it->isFile())
			names.push_back(file.substr(0, file.size() - SUFFIX.size()));
	}
	std::sort(names.begin(), names.end());
	return names;
}


Poco::AutoPtr<Poco::Util::AbstractConfiguration> Preset::apply(const Poco::Util::AbstractConfiguration& config,
                                                               const Settings::PathResolver& resolvePath)
{
	// The host's configuration is shared, not copied: it stays owned by the host.
	Poco::AutoPtr<Poco::Util::AbstractConfiguration> pHost(const_cast<Poco::Util::AbstractConfiguration*>(&config),
	                                                       true);
	Reader reader(config);
	const std::string preset = name(reader);
	if (preset.empty())
		return pHost;

	const std::string folder = directory(reader, resolvePath);
	const std::string file = folder + preset + SUFFIX;
	if (!Poco::File(file).exists())
	{
		std::string known;
		for (const auto& n : available(folder))
			known += (known.empty() ? "" : ", ") + n;
		throw Poco::DataFormatException(KEY + ": unknown preset '" + preset + "' (no " + file +
		                                "; presets there: " + (known.empty() ? std::string("none") : known) + ")");
	}

	// Lower priority values are searched first: the host's layers (its files, --define) come
	// before the preset, so a key set by the host always wins.
	Poco::AutoPtr<Poco::Util::LayeredConfiguration> pLayered = new Poco::Util::LayeredConfiguration;
	pLayered->add(pHost, 0);
	pLayered->add(Poco::AutoPtr<Poco::Util::AbstractConfiguration>(new Poco::Util::PropertyFileConfiguration(file)),
	              100);
	return pLayered;
}


} // namespace Config
} // namespace Orgs
