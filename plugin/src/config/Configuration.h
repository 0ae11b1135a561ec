//
// Configuration.h
//
// Library: OrgsPlugin
// Package: Config
// Module:  Configuration
//
// The plugin's configuration, read and checked once at start.
//


#ifndef Orgs_Config_Configuration_INCLUDED
#define Orgs_Config_Configuration_INCLUDED


#include "config/RoleCatalog.h"
#include "config/Settings.h"
#include "Poco/Util/AbstractConfiguration.h"
#include <string>


namespace Orgs {
namespace Config {


class Configuration
	/// Everything the plugin reads from configuration, read and checked once, at start: the
	/// host's configuration over the preset it selects (Preset), the settings (Settings) and
	/// the role model (RoleCatalog, from orgs.roles.file or inline).
	///
	/// Each of those checks its own keys. The rules that tie keys of different files together
	/// are checked here, and only here:
	///   - a plan's memberRole (orgs.plans.<plan>.memberRole) is an organization role;
	///   - orgs.invitations.linkRole, when set, is an organization role;
	///   - orgs.workspaces.default needs workspace roles (orgs.roles.workspace);
	///   - orgs.workspaces.membershipRequired needs workspace roles and orgs.workspaces.default;
	///   - orgs.invitations.requireWorkspace needs workspace roles.
	/// What is built from a Configuration takes them as given. Immutable once built.
{
public:
	Configuration(const Poco::Util::AbstractConfiguration& config, const Settings::PathResolver& resolvePath);
		/// Reads config (the host's, whose orgs.preset selects a preset beneath it); relative
		/// paths are resolved with resolvePath. Throws Poco::DataFormatException naming the key
		/// (and the file, for the role model) for anything malformed, unknown or inconsistent.

	const Settings& settings() const;
	const RoleCatalog& roles() const;

	const std::string& preset() const;
		/// Returns the name of the selected preset, or "" for none.

private:
	void checkAcrossFiles() const;

	std::string _preset;
	Settings _settings;
	RoleCatalog _roles;
};


//
// inlines
//
inline const Settings& Configuration::settings() const
{
	return _settings;
}


inline const RoleCatalog& Configuration::roles() const
{
	return _roles;
}


inline const std::string& Configuration::preset() const
{
	return _preset;
}


} // namespace Config
} // namespace Orgs


#endif // Orgs_Config_Configuration_INCLUDED
