//
// Configuration.cpp
//
// Library: OrgsPlugin
// Package: Config
// Module:  Configuration
//


#include "config/Configuration.h"
#include "config/Preset.h"
#include "Poco/AutoPtr.h"
#include "Poco/Exception.h"


namespace Orgs {
namespace Config {


Configuration::Configuration(const Poco::Util::AbstractConfiguration& config, const Settings::PathResolver& resolvePath)
    : _preset(Preset::name(config))
{
	// The preset lies beneath the host's configuration for as long as the keys are read.
	const Poco::AutoPtr<Poco::Util::AbstractConfiguration> pConfig = Preset::apply(config, resolvePath);
	_settings = Settings::load(*pConfig, resolvePath);
	_roles = RoleCatalog::load(*pConfig, Preset::source(config), _settings.rolesFile);
	checkAcrossFiles();
}


void Configuration::checkAcrossFiles() const
{
	const std::string& ORG = RoleCatalog::ORGANIZATION;
	const bool workspaceRoles = _roles.hasScope(RoleCatalog::WORKSPACE);

	if (!_settings.defaultWorkspace.empty() && !workspaceRoles)
		throw Poco::DataFormatException(
		    "orgs.workspaces.default: a default workspace needs workspace roles (orgs.roles.workspace)");
	if (_settings.workspaceMembershipRequired)
	{
		const std::string key("orgs.workspaces.membershipRequired");
		if (!workspaceRoles)
			throw Poco::DataFormatException(key + ": members can belong to workspaces only with workspace roles "
			                                      "(orgs.roles.workspace)");
		if (_settings.defaultWorkspace.empty())
			throw Poco::DataFormatException(key + ": needs orgs.workspaces.default, the workspace every "
			                                      "organization and its creator start with and members join by "
			                                      "default");
	}
	if (_settings.invitations.requireWorkspace && !workspaceRoles)
		throw Poco::DataFormatException(
		    "orgs.invitations.requireWorkspace: invitations can name a workspace only with workspace roles "
		    "(orgs.roles.workspace)");
	for (const auto& plan : _settings.plans.plans())
	{
		if (!plan.memberRole.empty() && !_roles.hasRole(ORG, plan.memberRole))
			throw Poco::DataFormatException("orgs.plans." + plan.name + ".memberRole: '" + plan.memberRole +
			                                "' is not a role of orgs.roles.organization");
	}
	const std::string& linkRole = _settings.invitations.linkRole;
	if (!linkRole.empty() && !_roles.hasRole(ORG, linkRole))
		throw Poco::DataFormatException("orgs.invitations.linkRole: '" + linkRole +
		                                "' is not an organization role (orgs.roles.organization)");
}


} // namespace Config
} // namespace Orgs
