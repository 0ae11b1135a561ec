//
// WorkspaceService.h
//
// Library: Orgs
// Package: Services
// Module:  WorkspaceService
//
// Workspaces (teams) of an organization and their members.
//


#ifndef Orgs_WorkspaceService_INCLUDED
#define Orgs_WorkspaceService_INCLUDED


#include "Orgs/Model.h"
#include "Poco/SharedPtr.h"
#include <string>


namespace Orgs {


class WorkspaceService
	/// Every call acts on behalf of an account (the actor). Organizations and accounts are named
	/// by id or username, workspaces by id. A non-member gets NotFoundException for the
	/// organization; a member gets NotFoundException ("workspace_not_found") for a workspace it
	/// may not see and ForbiddenException for one it sees but may not change.
{
public:
	using Ptr = Poco::SharedPtr<WorkspaceService>;

	virtual ~WorkspaceService() = default;

	virtual Workspace createWorkspace(Id actorId, const std::string& org, const std::string& name) = 0;
		/// Creates a workspace (workspaces.create); the actor becomes its admin (the workspace
		/// scope's last role). ConflictException ("workspace_exists") for a name in use.

	virtual Page<Workspace> listWorkspaces(Id actorId, const std::string& org, const PageRequest& page) = 0;
		/// Lists every workspace with workspaces.list_all, those the actor belongs to with
		/// workspaces.read, none otherwise.

	virtual Workspace getWorkspace(Id actorId, const std::string& org, Id workspaceId) = 0;
		/// Returns a workspace (workspace.read).

	virtual Workspace renameWorkspace(Id actorId, const std::string& org, Id workspaceId, const std::string& name) = 0;
		/// Renames a workspace (workspace.update).

	virtual void deleteWorkspace(Id actorId, const std::string& org, Id workspaceId) = 0;
		/// Deletes a workspace and its memberships (workspace.delete). Its resources stay in the
		/// organization, outside any workspace.

	virtual Page<WorkspaceMember> listWorkspaceMembers(Id actorId, const std::string& org, Id workspaceId,
	                                                   const PageRequest& page) = 0;
		/// Lists a workspace's members (workspace.read), by account id.

	virtual WorkspaceMember setWorkspaceMember(Id actorId, const std::string& org, Id workspaceId,
	                                           const std::string& account, const std::string& role) = 0;
		/// Adds an organization member to the workspace or changes its role
		/// (workspace.members.manage). ConflictException ("not_a_member") for an account outside
		/// the organization; InvalidInputException ("unknown_role") for a role outside the
		/// workspace scope.

	virtual void removeWorkspaceMember(Id actorId, const std::string& org, Id workspaceId, const std::string& account) = 0;
		/// Removes an account from the workspace (workspace.members.manage).
};


} // namespace Orgs


#endif // Orgs_WorkspaceService_INCLUDED
