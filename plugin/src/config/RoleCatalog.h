//
// RoleCatalog.h
//
// Library: OrgsPlugin
// Package: Config
// Module:  RoleCatalog
//
// Roles read from configuration and compiled to permission sets.
//


#ifndef Orgs_RoleCatalog_INCLUDED
#define Orgs_RoleCatalog_INCLUDED


#include "Orgs/Model.h"
#include "Orgs/Permission.h"
#include "Poco/Util/AbstractConfiguration.h"
#include <map>
#include <string>
#include <vector>


namespace Orgs {
namespace Config {


class RoleCatalog
	/// The role model: for each scope ("organization", "workspace", each resource type) the
	/// roles in order, each compiled to a PermissionSet, and the scope's default role.
	///
	/// Read from keys of the form
	///     orgs.roles.<scope> = r1, r2
	///     orgs.roles.<scope>.<role>.permissions = perm, perm | *
	///     orgs.roles.<scope>.default = r1
	///     orgs.roles.organization.formerOwner = r2
	///     orgs.roles.organization.<role>.impliesWorkspaceRole = <workspace role>
	///     orgs.roles.<scope>.creatorRole = <role>   (workspace and resource scopes)
	///     orgs.resources.types = dataset
	/// Immutable after load; safe to share between threads.
{
public:
	static const std::string ORGANIZATION;
	static const std::string WORKSPACE;

	static const std::string NONE;
		/// The resource role that means "not a collaborator".

	struct Role
	{
		std::string name;
		PermissionSet permissions;
		std::string impliesWorkspaceRole; ///< organization roles only; empty for none
		PermissionSet impliedPermissions; ///< the permissions of impliesWorkspaceRole
	};

	struct Scope
	{
		std::string name;
		std::vector<Role> roles;
		std::string defaultRole;
		std::string creatorRole; ///< the role of whoever creates a workspace or resource
	};

	static RoleCatalog load(const Poco::Util::AbstractConfiguration& config, const std::string& source);
		/// Reads and validates the role model. source names the file the keys come from and
		/// appears in every error. Throws Poco::DataFormatException naming the source and the key
		/// for a malformed list, an unknown permission, a duplicate role or a default or
		/// former-owner role that is not defined.

	static RoleCatalog load(const Poco::Util::AbstractConfiguration& config, const std::string& source,
	                        const std::string& file);
		/// Reads the role model from file (orgs.roles.file, already resolved) layered beneath
		/// config, so that config (--define, say) can override a role too; from config alone
		/// when file is empty (a preset's roles are inline). Throws Poco::DataFormatException
		/// if the file does not exist and as load() does.

	bool hasRole(const std::string& scope, const std::string& role) const;
		/// Returns true if the scope defines the role.

	PermissionSet permissions(const std::string& scope, const std::string& role) const;
		/// Returns the role's permissions, or an empty set for an unknown role.

	const std::string& defaultRole(const std::string& scope) const;
		/// Returns the scope's default role. Throws Poco::NotFoundException for an unknown scope.

	const std::string& formerOwnerRole() const;
		/// Returns the organization role an owner holds as a member, kept after a transfer.

	const Role* findRole(const std::string& scope, const std::string& role) const;
		/// Returns the role, or null if the scope does not define it.

	int roleIndex(const std::string& scope, const std::string& role) const;
		/// Returns the role's position in its scope, or -1.

	const std::string& roleName(const std::string& scope, int index) const;
		/// Returns the name of the role at index (empty if out of range).

	const std::string& creatorRole(const std::string& scope) const;
		/// Returns the role given to the creator of a workspace or a resource of the scope.

	bool hasScope(const std::string& scope) const;
		/// Returns true for "organization", for "workspace" if configured, and for each resource type.

	std::vector<std::string> rolesWith(const std::string& scope, Permission permission) const;
		/// Returns the roles of the scope that grant the permission.

	const std::vector<std::string>& resourceTypes() const;
		/// Returns the configured resource types.

	std::vector<RoleScopeInfo> describe() const;
		/// Returns the catalog as public value types, scopes in configuration order.

	PermissionSet scopePermissions(const std::string& scope) const;
		/// Returns the permissions that mean something in a role of the scope: every permission
		/// for "organization"; for "workspace" those checked in a workspace or on its resources
		/// (workspace.*, resources.*, resource.*); for a resource type those checked on one
		/// resource (resource.*, resources.read, resources.delete). Empty for an unknown scope.

	static PermissionSet wildcard();
		/// Returns what "*" grants in a role's permissions: every permission of the vocabulary
		/// but billing.manage, which a role holds only by naming it ("*, billing.manage"), so that
		/// a configuration written before it existed keeps changing the plan the owner's alone.

	static bool isValidRoleName(const std::string& name);
		/// Returns true for a lowercase slug: a-z, 0-9, _ and -, starting with a letter, at most 64.

	static PermissionSet parseNames(const std::string& names);
		/// Returns the permissions of a comma-separated list of names, ignoring names outside the
		/// vocabulary (a stored custom role; see RoleRepository).

	static std::string joinNames(PermissionSet permissions);
		/// Returns the permission names as "a, b, c" (the stored form of a custom role).

	static std::vector<std::string> parseList(const std::string& value, const std::string& where);
		/// Splits a comma-separated list, trimming blanks. Throws Poco::DataFormatException
		/// (naming where) for an empty element.

private:
	const Scope* findScope(const std::string& scope) const;

	std::vector<Scope> _scopes;
	std::string _formerOwnerRole;
	std::vector<std::string> _resourceTypes;
};


} // namespace Config
} // namespace Orgs


#endif // Orgs_RoleCatalog_INCLUDED
