//
// RoleRepository.h
//
// Library: OrgsPlugin
// Package: Data
// Module:  RoleRepository
//
// Per-organization custom roles (table custom_roles) and where a role name is in use.
//


#ifndef Orgs_RoleRepository_INCLUDED
#define Orgs_RoleRepository_INCLUDED


#include "Orgs/Model.h"
#include "Orgs/Permission.h"
#include "data/Database.h"
#include <string>
#include <vector>


namespace Orgs {
namespace Data {


class RoleRepository
	/// Custom roles of the workspace scope and of resource types, by organization. Permissions
	/// are stored as a list of names (RoleCatalog::joinNames) and read back through the
	/// vocabulary (RoleCatalog::parseNames).
{
public:
	explicit RoleRepository(Database& database);

	Id insert(Poco::Data::Session& session, Id orgId, const CustomRole& role);
		/// Inserts a custom role and returns its id. Throws ConflictException ("role_exists") if the organization
		/// already has a custom role of that name in the scope.

	Poco::Nullable<CustomRole> find(Poco::Data::Session& session, Id orgId, const std::string& scope,
	                                const std::string& name);
		/// Returns the organization's custom role, if it exists.

	std::vector<CustomRole> list(Poco::Data::Session& session, Id orgId);
		/// Returns the organization's custom roles by scope and name.

	Poco::Int64 count(Poco::Data::Session& session, Id orgId);
		/// Returns how many custom roles the organization has.

	void update(Poco::Data::Session& session, Id orgId, const CustomRole& role);
		/// Stores permissions, description and updatedAt of the role named by scope and name
		/// (access changes only if the permissions do).

	bool remove(Poco::Data::Session& session, Id orgId, const std::string& scope, const std::string& name);
		/// Deletes a custom role; returns false if there was none.

	std::vector<std::string> inUse(Poco::Data::Session& session, Id orgId, const std::string& scope,
	                               const std::string& name, bool workspaceScope);
		/// Returns where the role is held in the organization ("workspace_members",
		/// "invitations", "collaborators", "default_roles"); empty if nowhere. workspaceScope
		/// tells whether scope is the workspace scope (else a resource type).

private:
	Database& _database;
};


} // namespace Data
} // namespace Orgs


#endif // Orgs_RoleRepository_INCLUDED
