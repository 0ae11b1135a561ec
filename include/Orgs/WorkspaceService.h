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
	/// by id or username, workspaces by id. A non-member gets NotFoundException
	/// ("organization_not_found") for the organization; a member gets NotFoundException
	/// ("workspace_not_found") for a workspace it may not see and ForbiddenException
	/// ("permission_denied") for one it sees but may not change.
	///
	/// The actor's permissions in a workspace are those of its organization role, of the workspace
	/// role its organization role implies (orgs.roles.organization.<role>.impliesWorkspaceRole)
	/// and of its own workspace role. It sees a workspace if they include workspace.read, or if
	/// its organization role grants workspaces.list_all. Nobody but the owner gives, changes or
	/// removes a workspace role with permissions they do not hold in that workspace
	/// (ForbiddenException "role_exceeds_own").
{
public:
	using Ptr = Poco::SharedPtr<WorkspaceService>;

	virtual ~WorkspaceService() = default;

	virtual Workspace createWorkspace(Id actorId, const std::string& org, const std::string& name) = 0;
		/// Creates a workspace (workspaces.create); the actor becomes a member with the workspace
		/// scope's creator role (orgs.roles.workspace.creatorRole, by default its last role).
		/// The name (1-100 characters, surrounding blanks dropped) is unique in the organization,
		/// compared exactly. InvalidInputException ("invalid_name"), ConflictException
		/// ("workspace_exists") for a name in use.

	virtual Page<Workspace> listWorkspaces(Id actorId, const std::string& org, const PageRequest& page) = 0;
		/// Lists, by id, every workspace with workspaces.list_all; with workspaces.read, those the
		/// actor may read (every one if its organization role implies a workspace role with
		/// workspace.read, else those it belongs to with a role granting it); none otherwise (such
		/// roles reach their resources directly).

	virtual Workspace getWorkspace(Id actorId, const std::string& org, Id workspaceId) = 0;
		/// Returns a workspace the actor sees (workspace.read in it, or workspaces.list_all).

	virtual Workspace renameWorkspace(Id actorId, const std::string& org, Id workspaceId, const std::string& name) = 0;
		/// Renames a workspace (workspace.update). InvalidInputException ("invalid_name"),
		/// ConflictException ("workspace_exists").

	virtual void deleteWorkspace(Id actorId, const std::string& org, Id workspaceId) = 0;
		/// Deletes a workspace and its memberships (workspace.delete). Its resources stay in the
		/// organization, outside any workspace, with their collaborators. With
		/// orgs.workspaces.membershipRequired, ConflictException ("last_workspace") if it is the
		/// only workspace of one of its members.

	virtual Page<WorkspaceMember> listWorkspaceMembers(Id actorId, const std::string& org, Id workspaceId,
	                                                   const PageRequest& page) = 0;
		/// Lists a workspace's members (workspace.read in it), by account id. Roles implied by an
		/// organization role are no memberships and are not listed.

	virtual WorkspaceMember setWorkspaceMember(Id actorId, const std::string& org, Id workspaceId,
	                                           const std::string& account, const std::string& role) = 0;
		/// Adds an organization member to the workspace or changes its role
		/// (workspace.members.manage); an empty role means the workspace scope's default.
		/// NotFoundException ("account_not_found") for an unknown account, ConflictException
		/// ("not_a_member") for an account outside the organization, InvalidInputException
		/// ("unknown_role") for a role outside the workspace scope.

	virtual void removeWorkspaceMember(Id actorId, const std::string& org, Id workspaceId,
	                                   const std::string& account) = 0;
		/// Removes an account from the workspace (workspace.members.manage). NotFoundException
		/// ("workspace_member_not_found") if it is not a member of it. With
		/// orgs.workspaces.membershipRequired, ConflictException ("last_workspace") if it is the
		/// account's only workspace. Removing someone from the organization removes them from its
		/// workspaces in the same transaction.
};


} // namespace Orgs


#endif // Orgs_WorkspaceService_INCLUDED
