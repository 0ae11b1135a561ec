//
// WorkspaceServiceImpl.h
//
// Library: OrgsPlugin
// Package: Service
// Module:  WorkspaceServiceImpl
//
// Workspaces and their members: the rules and the transactions.
//


#ifndef Orgs_WorkspaceServiceImpl_INCLUDED
#define Orgs_WorkspaceServiceImpl_INCLUDED


#include "Orgs/WorkspaceService.h"
#include "access/RoleResolver.h"
#include "data/WorkspaceRepository.h"
#include "service/AuditTrail.h"
#include "service/Clock.h"
#include "service/Guard.h"
#include "service/Quotas.h"
#include "service/RequiredWorkspace.h"
#include "service/ScopedGrants.h"
#include <string>
#include <vector>


namespace Orgs {
namespace Service {


class WorkspaceServiceImpl : public Orgs::WorkspaceService
	/// Implements WorkspaceService.
	///
	/// Visibility: a workspace is visible to an actor whose permissions in it (organization role,
	/// the workspace role the organization role implies, and its own workspace role) include
	/// workspace.read, and to every holder of workspaces.list_all. The listing is gated by the
	/// organization permissions: workspaces.list_all lists every workspace; workspaces.read lists
	/// those the actor may read (all of them if its organization role implies a workspace role
	/// with workspace.read, else those it belongs to with such a role); without either the list
	/// is empty. Reads use the cached permission check; changes decide on permissions read in
	/// their own transaction and bump the organization's acl_version when access changes.
	/// Workspace members are ScopedGrants (ScopedGrants::WORKSPACE): nobody but the owner gives
	/// or touches a workspace role with permissions they do not hold in that workspace
	/// (ForbiddenException "role_exceeds_own").
{
public:
	WorkspaceServiceImpl(Data::Database& database, Guard& guard, Access::RoleResolver& roles, ScopedGrants& members,
	                     Quotas& quotas, RequiredWorkspace& required, Clock::Ptr pClock);
		/// A workspace counts against the plan's maxWorkspaces ("plan_limit"). Removing a member
		/// from its last workspace, or deleting the last workspace of a member, is refused when
		/// members must belong to one ("last_workspace").

	Workspace createWorkspace(Id actorId, const std::string& org, const std::string& name) override;
	Page<Workspace> listWorkspaces(Id actorId, const std::string& org, const PageRequest& page) override;
	Workspace getWorkspace(Id actorId, const std::string& org, Id workspaceId) override;
	Workspace renameWorkspace(Id actorId, const std::string& org, Id workspaceId, const std::string& name) override;
	void deleteWorkspace(Id actorId, const std::string& org, Id workspaceId) override;
	Page<WorkspaceMember> listWorkspaceMembers(Id actorId, const std::string& org, Id workspaceId,
	                                           const PageRequest& page) override;
	WorkspaceMember setWorkspaceMember(Id actorId, const std::string& org, Id workspaceId, const std::string& account,
	                                   const std::string& role) override;
	void removeWorkspaceMember(Id actorId, const std::string& org, Id workspaceId, const std::string& account) override;

	static std::string checkName(const std::string& name);
		/// Returns name without surrounding blanks. Throws InvalidInputException ("invalid_name")
		/// unless it is 1-100 characters.

	static WorkspaceMember member(const ScopedGrants::Grant& grant);
		/// Returns a workspace member as the API shows it.

private:
	Workspace workspace(Poco::Data::Session& session, const Guard::Scope& scope, Id actorId, Id workspaceId,
	                    ScopedGrants::Target& target, bool inTransaction = false);
		/// Returns the workspace if the actor may see it, and target with its permissions there.

	Data::Database& _database;
	Guard& _guard;
	Access::RoleResolver& _roles;
	ScopedGrants& _members;
	Quotas& _quotas;
	RequiredWorkspace& _required;
	Clock::Ptr _pClock;
	Data::WorkspaceRepository _workspaces;
	AuditTrail _audit;
};


} // namespace Service
} // namespace Orgs


#endif // Orgs_WorkspaceServiceImpl_INCLUDED
