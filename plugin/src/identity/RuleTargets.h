//
// RuleTargets.h
//
// Library: OrgsPlugin
// Package: Identity
// Module:  RuleTargets
//
// What a connection's mapping rules may name: roles and workspaces that exist, and none beyond
// the actor's own.
//


#ifndef Orgs_RuleTargets_INCLUDED
#define Orgs_RuleTargets_INCLUDED


#include "Orgs/SsoConnectionService.h"
#include "access/RoleResolver.h"
#include "data/ScopedGrantRepository.h"
#include "service/Guard.h"
#include "Poco/Data/Session.h"
#include <string>
#include <vector>


namespace Orgs {
namespace Federation {


class RuleTargets
	/// Checks the roles and workspaces that an SSO or SCIM connection's default role and mapping
	/// rules name. Both kinds of connection admit people with these roles without the actor
	/// being there, so managing a connection (sso.manage, scim.manage) must not be a way to give
	/// a role beyond the actor's own.
{
public:
	RuleTargets(Data::Database& database, Access::RoleResolver& roles);

	static void checkShapes(const std::vector<SsoMappingRule>& rules, const std::string& onlyClaim = std::string());
		/// Checks what needs no database (InvalidInputException "invalid_rule", "unknown_role"):
		/// at most 100 rules, each with a claim (onlyClaim when given, e.g. "groups" for SCIM,
		/// whose rules then need a value), a known operator and target, a workspace exactly for
		/// a workspace rule, a value of at most 500 characters and a role.

	void check(Poco::Data::Session& session, const Service::Guard::Scope& scope, const std::string& defaultRole,
	           const std::vector<SsoMappingRule>& rules);
		/// Checks the default role (none when empty) and each rule: organization roles that are
		/// configured (InvalidInputException "unknown_role") and within the actor's permissions
		/// (ForbiddenException "role_exceeds_own"); workspaces of the organization
		/// (NotFoundException "workspace_not_found") when there are workspace roles at all
		/// (InvalidInputException "workspaces_disabled"), with roles configured or custom there.

private:
	Access::RoleResolver& _roles;
	Data::ScopedGrantRepository _workspaces;
};


} // namespace Federation
} // namespace Orgs


#endif // Orgs_RuleTargets_INCLUDED
