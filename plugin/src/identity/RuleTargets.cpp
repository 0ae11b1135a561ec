//
// RuleTargets.cpp
//
// Library: OrgsPlugin
// Package: Identity
// Module:  RuleTargets
//


#include "identity/RuleTargets.h"
#include "config/RoleCatalog.h"
#include "service/Validator.h"
#include "Orgs/Errors.h"


namespace Orgs {
namespace Federation {


RuleTargets::RuleTargets(Data::Database& database, Access::RoleResolver& roles)
    : _roles(roles), _workspaces(database, Data::ScopedGrantRepository::WORKSPACE_MEMBERS)
{
}


void RuleTargets::checkShapes(const std::vector<SsoMappingRule>& rules, const std::string& onlyClaim)
{
	constexpr std::size_t MAX_RULES = 100;
	if (rules.size() > MAX_RULES)
		throw InvalidInputException("rules: at most " + std::to_string(MAX_RULES), "invalid_rule");
	for (std::size_t i = 0; i < rules.size(); ++i)
	{
		const SsoMappingRule& r = rules[i];
		const std::string where = "rules[" + std::to_string(i) + "]: ";
		if (!onlyClaim.empty() && r.claim != onlyClaim)
			throw InvalidInputException(where + "claim must be '" + onlyClaim + "'", "invalid_rule");
		if (r.claim.empty() || r.claim.size() > 100 || !Service::Validator::isPlainText(r.claim))
			throw InvalidInputException(where + "claim must name a claim (1-100 characters)", "invalid_rule");
		if (r.op != SsoMappingRule::CONTAINS && r.op != SsoMappingRule::EQUALS)
			throw InvalidInputException(where + "operator must be 'contains' or 'equals'", "invalid_rule");
		if (r.value.size() > 500 || (!onlyClaim.empty() && r.value.empty()))
			throw InvalidInputException(
			    where + "value: " + (onlyClaim.empty() ? "at most" : "1 to") + " 500 characters", "invalid_rule");
		if (r.target != SsoMappingRule::ORGANIZATION && r.target != SsoMappingRule::WORKSPACE)
			throw InvalidInputException(where + "target must be 'organization' or 'workspace'", "invalid_rule");
		if (r.target == SsoMappingRule::ORGANIZATION && r.workspaceId != 0)
			throw InvalidInputException(where + "an organization rule names no workspace", "invalid_rule");
		if (r.target == SsoMappingRule::WORKSPACE && r.workspaceId <= 0)
			throw InvalidInputException(where + "a workspace rule names its workspace (workspace_id)", "invalid_rule");
		if (r.role.empty())
			throw InvalidInputException(where + "role must name a role", "unknown_role");
	}
}


void RuleTargets::check(Poco::Data::Session& session, const Service::Guard::Scope& scope,
                        const std::string& defaultRole, const std::vector<SsoMappingRule>& rules)
{
	const std::string& orgScope = Config::RoleCatalog::ORGANIZATION;
	const std::string& wsScope = Config::RoleCatalog::WORKSPACE;
	auto orgRole = [&](const std::string& role, const std::string& where) {
		_roles.check(orgScope, role);
		Service::Guard::requireWithin(scope, _roles.permissions(orgScope, role),
		                              where + " maps onto role '" + role + "'");
	};
	if (!defaultRole.empty())
		orgRole(defaultRole, "default_role");
	for (std::size_t i = 0; i < rules.size(); ++i)
	{
		const SsoMappingRule& r = rules[i];
		const std::string where = "rules[" + std::to_string(i) + "]";
		if (r.target == SsoMappingRule::ORGANIZATION)
		{
			orgRole(r.role, where);
			continue;
		}
		if (!_roles.catalog().hasScope(wsScope))
			throw InvalidInputException(where + ": there are no workspace roles (orgs.roles.workspace)",
			                            "workspaces_disabled");
		if (_workspaces.findScope(session, scope.organization.id, r.workspaceId).isNull())
			throw NotFoundException(where + ": workspace " + std::to_string(r.workspaceId) + " is not one of '" +
			                            scope.organization.username + "'",
			                        "workspace_not_found");
		_roles.check(session, scope.organization.id, wsScope, r.role);
	}
}


} // namespace Federation
} // namespace Orgs
