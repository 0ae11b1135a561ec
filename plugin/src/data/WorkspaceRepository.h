//
// WorkspaceRepository.h
//
// Library: OrgsPlugin
// Package: Data
// Module:  WorkspaceRepository
//
// SQL for the workspaces and workspace_members tables.
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
	/// Workspaces of an organization and their members. Listings are keyset-paginated by
	/// workspace id or account id. A workspace member references the organization membership,
	/// so only members can join and removing a member removes its workspace memberships.
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

	Poco::Nullable<WorkspaceMember> findMember(Poco::Data::Session& session, Id workspaceId, Id accountId);
		/// Returns the account's membership of the workspace with its public fields.

	void insertMember(Poco::Data::Session& session, Id orgId, Id workspaceId, Id accountId, const std::string& role,
	                  const Poco::Timestamp& at);
		/// Adds an organization member to a workspace. Throws ConflictException ("not_a_member")
		/// if the account is not a member of the organization.

	bool updateMember(Poco::Data::Session& session, Id orgId, Id workspaceId, Id accountId, const std::string& role);
		/// Gives a workspace member another role; returns false if the member holds none or
		/// already holds that one.

	bool removeMember(Poco::Data::Session& session, Id orgId, Id workspaceId, Id accountId);
		/// Removes a member from a workspace; returns false if it was not one.

	std::vector<WorkspaceMember> listMembers(Poco::Data::Session& session, Id workspaceId, Id afterAccountId,
	                                         int limit);
		/// Returns up to limit members with account id above afterAccountId, by account id.

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
