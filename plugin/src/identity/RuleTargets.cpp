//
// RuleTargets.cpp
//
// Library: OrgsPlugin
// Package: Identity
// Module:  RuleTargets
//


#include "identity/RuleTargets.h"
#include "config/RoleCatalog.h"
#include "Orgs/Errors.h"


namespace Orgs {
namespace Federation {


RuleTargets::RuleTargets(Data::Database& database, Access::RoleResolver& roles)
    : _roles(roles), _workspaces(database, Data::ScopedGrantRepository::WORKSPACE_MEMBERS)
{
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
