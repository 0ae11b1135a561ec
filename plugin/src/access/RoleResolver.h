//
// RoleResolver.h
//
// Library: OrgsPlugin
// Package: Access
// Module:  RoleResolver
//
// The one place where a role of the configuration or of an organization becomes permissions.
//


#ifndef Orgs_RoleResolver_INCLUDED
#define Orgs_RoleResolver_INCLUDED


#include "Orgs/Model.h"
#include "Orgs/Permission.h"
#include "config/RoleCatalog.h"
#include "data/AccessRepository.h"
#include "data/Database.h"
#include "data/RoleRepository.h"
#include <string>
#include <vector>


namespace Orgs {
namespace Access {


class RoleResolver
	/// Turns a role into the permissions it grants, and nothing else does. A role is one of the
	/// configuration (RoleCatalog, compiled at start) or, for the workspace scope and resource
	/// types, a custom role of the organization (custom_roles, see RoleService). The
	/// configuration's role wins over a custom role of the same name; a custom role grants only
	/// what means something in its scope (RoleCatalog::scopePermissions()); organization roles
	/// are never custom; an unknown role grants nothing.
	///
	/// Used where a grant is loaded into the cache (evaluate()), where a change is checked
	/// against what the actor holds (permissions(), implied()), where a role named in a request
	/// is validated (check(), knows()) and where a listing needs the roles that grant reading
	/// (rolesWith()). Never on the cache's hit path.
	///
	/// The calls that take a session read custom roles in it (inside the caller's transaction
	/// when there is one); the others read nothing. Thread-safe.
{
public:
	RoleResolver(Data::Database& database, const Config::RoleCatalog& catalog);

	const Config::RoleCatalog& catalog() const;
		/// Returns the role model of the configuration (scopes, default and creator roles).

	PermissionSet permissions(const std::string& scope, const std::string& role,
	                          const std::string& customPermissions = std::string()) const;
		/// Returns the permissions of a configuration role of the scope; else, for a custom role
		/// given as its stored permission names (read with the account's standing), those
		/// names limited to the scope. Empty for an unknown role.

	PermissionSet permissions(Poco::Data::Session& session, Id organizationId, const std::string& scope,
	                          const std::string& role);
		/// As above, reading the organization's custom role of that name if the configuration
		/// has no such role.

	PermissionSet implied(const std::string& organizationRole) const;
		/// Returns the permissions the organization role implies in every workspace
		/// (orgs.roles.organization.<role>.impliesWorkspaceRole); empty for none.

	PermissionSet evaluate(const Data::AccessRepository::Standing& standing, Id accountId,
	                       std::vector<GrantSource>* pSources = nullptr) const;
		/// Compiles a standing to the permissions it grants: everything for the owner, else the
		/// organization role's, the workspace role it implies, the workspace role and the
		/// resource role (with the custom roles' permissions read with the standing). Adds the
		/// grants behind them to *pSources if given.

	bool knows(Poco::Data::Session& session, Id organizationId, const std::string& scope, const std::string& role);
		/// Returns true if the scope defines the role in the configuration or, for the workspace
		/// scope and resource types, as a custom role of the organization.

	std::string check(const std::string& scope, const std::string& role) const;
		/// Returns role, or the scope's default role if role is empty. Throws InvalidInputException
		/// ("unknown_role") for a role the configuration does not define in the scope.

	std::string check(Poco::Data::Session& session, Id organizationId, const std::string& scope,
	                  const std::string& role);
		/// As check(scope, role), also accepting a custom role of the organization.

	void checkDefaultRoles(Poco::Data::Session& session, Id organizationId, const RoleMap& roles);
		/// Throws InvalidInputException ("unknown_resource_type", "unknown_role") unless every key
		/// is a configured resource type and every value one of its roles (a custom role too).

	std::vector<std::string> rolesWith(Poco::Data::Session& session, Id organizationId, const std::string& scope,
	                                   PermissionSet anyOf);
		/// Returns the roles of the scope, of the configuration and the organization's custom
		/// ones, that grant any of anyOf.

	static PermissionSet parse(const std::vector<std::string>& names);
		/// Returns the permissions named, ignoring names outside the vocabulary.

private:
	PermissionSet custom(const std::string& scope, const std::vector<std::string>& names) const;

	const Config::RoleCatalog& _catalog;
	Data::RoleRepository _customRoles;
};


//
// inlines
//
inline const Config::RoleCatalog& RoleResolver::catalog() const
{
	return _catalog;
}


} // namespace Access
} // namespace Orgs


#endif // Orgs_RoleResolver_INCLUDED
