//
// Preset.h
//
// Library: OrgsPlugin
// Package: Config
// Module:  Preset
//
// orgs.preset: a named properties file of product behaviour beneath the host's configuration.
//


#ifndef Orgs_Config_Preset_INCLUDED
#define Orgs_Config_Preset_INCLUDED


#include "config/Reader.h"
#include "config/Settings.h"
#include "Poco/AutoPtr.h"
#include "Poco/Util/AbstractConfiguration.h"
#include <string>
#include <vector>


namespace Orgs {
namespace Config {


class Preset
	/// A preset makes Orgs behave like a known product by configuration alone: roles, default
	/// roles, plans, regions and switches in one file, config/presets/<name>.properties
	/// (installed as etc/orgs/presets/<name>.properties).
	///
	/// orgs.preset = NAME selects it; orgs.presets.directory (default "presets", relative to the
	/// plugin's configuration folder) says where presets lie. The preset's file is layered
	/// beneath the whole host configuration: any key the host's files or --define set wins over
	/// the preset's. Without orgs.preset (or with an empty one) nothing is added.
{
public:
	static Poco::AutoPtr<Poco::Util::AbstractConfiguration> apply(const Poco::Util::AbstractConfiguration& config,
	                                                              const Settings::PathResolver& resolvePath);
		/// Returns config with the selected preset beneath it, or config itself (shared) when
		/// none is selected. Throws Poco::DataFormatException for an invalid or unknown preset
		/// name; the message lists the presets found.

	static std::string name(const Poco::Util::AbstractConfiguration& config);
	static std::string name(Reader& reader);
		/// Returns the trimmed value of orgs.preset ("" when unset). Throws
		/// Poco::DataFormatException unless it is empty or a plain name (a-z, 0-9, _ and -).

	static std::string directory(Reader& reader, const Settings::PathResolver& resolvePath);
		/// Returns the folder orgs.presets.directory names, resolved with resolvePath and ending
		/// in a separator.

	static std::string source(const Poco::Util::AbstractConfiguration& config);
		/// Names where inline keys come from, for error messages: "configuration (preset 'NAME')"
		/// when a preset is selected, else "configuration".

	static std::vector<std::string> available(const std::string& directory);
		/// Returns the names of the presets in directory, sorted (empty if it does not exist).

	static const std::string KEY;           ///< "orgs.preset"
	static const std::string DIRECTORY_KEY; ///< "orgs.presets.directory"
};


} // namespace Config
} // namespace Orgs


#endif // Orgs_Config_Preset_INCLUDED
