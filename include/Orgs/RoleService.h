//
// RoleService.h
//
// Library: Orgs
// Package: Services
// Module:  RoleService
//
// Per-organization custom roles of the workspace scope and of resource types.
//


#ifndef Orgs_RoleService_INCLUDED
#define Orgs_RoleService_INCLUDED


#include "Orgs/Model.h"
#include "Poco/SharedPtr.h"
#include <string>
#include <vector>


namespace Orgs {


class RoleService
	/// Every call acts on behalf of an account (the actor); organizations are named by id or
	/// username. A non-member gets NotFoundException ("organization_not_found").
	///
	/// An organization whose plan allows it (orgs.plans.<plan>.customRoles = true) may define
	/// its own roles for the workspace scope and for each resource type, built from the
	/// permission vocabulary. They are used wherever a workspace or resource role is named
	/// (workspace members, collaborators, invitations, default roles) and take effect through
	/// the same cache invalidation as any access change. Organization roles stay those of the
	/// configuration.
{
public:
	using Ptr = Poco::SharedPtr<RoleService>;

	virtual ~RoleService() = default;

	virtual std::vector<CustomRole> listRoles(Id actorId, const std::string& org) = 0;
		/// Returns the workspace and resource roles usable in the organization: the
		/// configuration's (custom false) and then the organization's own (custom true), by scope
		/// and name. Any member may list them.

	virtual CustomRole createRole(Id actorId, const std::string& org, const CustomRoleSpec& spec) = 0;
		/// Creates a custom role (owner or roles.manage). ForbiddenException ("plan_limit") if the
		/// plan does not allow custom roles; InvalidInputException ("invalid_scope" for the
		/// organization scope or an unknown one, "invalid_role_name", "unknown_permission",
		/// "permission_not_in_scope" for a permission that means nothing in the scope,
		/// "missing_permissions", "invalid_description"); ConflictException ("role_exists") for
		/// the name of a configuration role of the scope or of another custom role of it,
		/// ("role_limit") beyond 100 custom roles per organization.

	virtual CustomRole updateRole(Id actorId, const std::string& org, const std::string& scope, const std::string& name,
	                              const CustomRoleChanges& changes) = 0;
		/// Changes a custom role's permissions or description (owner or roles.manage), with the
		/// rules of createRole(). ConflictException ("role_not_custom") for a configuration role,
		/// NotFoundException ("role_not_found") for no role of that name.

	virtual void deleteRole(Id actorId, const std::string& org, const std::string& scope, const std::string& name) = 0;
		/// Deletes a custom role (owner or roles.manage; allowed on any plan). ConflictException
		/// ("role_in_use") while a workspace member, a collaborator, a pending invitation or a
		/// member's default role holds it, ("role_not_custom") for a configuration role;
		/// NotFoundException ("role_not_found").
};


} // namespace Orgs


#endif // Orgs_RoleService_INCLUDED
