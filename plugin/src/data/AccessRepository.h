//
// AccessRepository.h
//
// Library: OrgsPlugin
// Package: Data
// Module:  AccessRepository
//
// The queries of the permission check: one statement per check, whatever the sizes.
//


#ifndef Orgs_AccessRepository_INCLUDED
#define Orgs_AccessRepository_INCLUDED


#include "Orgs/Model.h"
#include "data/Database.h"
#include <string>


namespace Orgs {
namespace Data {


class AccessRepository
	/// Reads an account's standing in an organization, a workspace or on a resource with one
	/// statement each: the organization row joined on primary keys with the rows that grant
	/// roles. The cost does not depend on how many members, workspaces or organizations there are.
	///
	/// What these statements read decides access, so every repository write of these columns
	/// (organizations' owner and deletion; memberships, workspaces, workspace_members,
	/// resources, resource_collaborators and custom_roles) records it with
	/// Database::accessChanged(): the transaction's commit then moves acl_version and the
	/// caches forget the organization.
{
public:
	struct Standing
	{
		bool organizationExists = false;
		Id ownerAccountId = 0;
		Poco::Int64 aclVersion = 0;
		bool member = false;
		std::string organizationRole;
		bool scopeExists = false;  ///< the workspace or resource exists in the organization
		std::string workspaceRole; ///< in the workspace, or in the resource's workspace
		Id workspaceId = 0;        ///< the workspace asked about, or the resource's (0: none)
		Id resourceId = 0;         ///< the resource asked about
		std::string resourceType;
		std::string resourceRole;
			/// The organization's custom role (custom_roles) of the same name, when there is one:
			/// its stored permission names. Empty for a configuration role.
		std::string customWorkspacePermissions;
		std::string customResourcePermissions;
	};

	explicit AccessRepository(Database& database);
		/// Repositories take the database they work on; this one needs nothing but the session
		/// each call receives.

	Standing organization(Poco::Data::Session& session, Id accountId, Id organizationId);
	Standing workspace(Poco::Data::Session& session, Id accountId, Id organizationId, Id workspaceId);
	Standing resource(Poco::Data::Session& session, Id accountId, Id organizationId, Id resourceId);

	Poco::Int64 aclVersion(Poco::Data::Session& session, Id organizationId);
		/// Returns the organization's acl_version, or -1 if it does not exist or is deleted.

private:
	Database& _database;
};


} // namespace Data
} // namespace Orgs


#endif // Orgs_AccessRepository_INCLUDED
