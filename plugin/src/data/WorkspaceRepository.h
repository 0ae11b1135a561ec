//
// WorkspaceRepository.h
//
// Library: OrgsPlugin
// Package: Data
// Module:  WorkspaceRepository
//
// SQL for the workspaces table (and counts over workspace_members).
//


#ifndef Orgs_WorkspaceRepository_INCLUDED
#define Orgs_WorkspaceRepository_INCLUDED


#include "Orgs/Model.h"
#include "data/Database.h"
#include "Poco/Nullable.h"
#include <string>
#include <vector>


namespace Orgs {
namespace Data {


class WorkspaceRepository
	/// Workspaces of an organization, and what is asked of their members as a whole (how many
	/// workspaces a member belongs to, who belongs to no other). Listings are keyset-paginated
	/// by workspace id. The members' roles themselves are ScopedGrantRepository's
	/// (WORKSPACE_MEMBERS).
{
public:
	explicit WorkspaceRepository(Database& database);

	Workspace insert(Poco::Data::Session& session, Id orgId, const std::string& name, Id createdBy,
	                 const Poco::Timestamp& at);
		/// Inserts a workspace. Throws ConflictException ("workspace_exists") for a name in use.

	Poco::Nullable<Workspace> find(Poco::Data::Session& session, Id orgId, Id workspaceId);
		/// Returns the workspace if it exists in the organization.

	void rename(Poco::Data::Session& session, const Workspace& workspace);
		/// Stores name and updatedAt. Throws ConflictException ("workspace_exists").

	bool remove(Poco::Data::Session& session, Id orgId, Id workspaceId);
		/// Deletes a workspace and (by foreign key) its memberships; its resources are kept,
		/// outside any workspace.

	std::vector<Workspace> list(Poco::Data::Session& session, Id orgId, Id afterId, int limit);
		/// Returns up to limit workspaces of the organization with id above afterId, by id.

	std::vector<Workspace> listForMember(Poco::Data::Session& session, Id orgId, Id accountId,
	                                     const std::vector<std::string>& roles, Id afterId, int limit);
		/// As list(), restricted to the workspaces the account belongs to with one of roles.
		/// Returns nothing if roles is empty.

	Poco::Nullable<Workspace> oldest(Poco::Data::Session& session, Id orgId);
		/// Returns the organization's workspace with the lowest id, if it has one.

	Poco::Int64 countOfMember(Poco::Data::Session& session, Id orgId, Id accountId);
		/// Returns how many workspaces of the organization the account belongs to.

	std::vector<std::string> soleMembers(Poco::Data::Session& session, Id workspaceId, int limit);
		/// Returns the usernames of up to limit members of the workspace who belong to no other
		/// workspace of its organization, by account id.

private:
	Database& _database;
};


} // namespace Data
} // namespace Orgs


#endif // Orgs_WorkspaceRepository_INCLUDED
