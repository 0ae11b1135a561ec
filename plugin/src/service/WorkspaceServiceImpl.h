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
#include "data/MembershipRepository.h"
#include "data/WorkspaceRepository.h"
#include "service/AuditTrail.h"
#include "service/Clock.h"
#include "service/Guard.h"
#include "service/Quotas.h"
#include "service/RequiredWorkspace.h"
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
	/// Nobody but the owner gives or touches a workspace role with permissions they do not hold
	/// in that workspace (ForbiddenException "role_exceeds_own").
{
public:
	WorkspaceServiceImpl(Data::Database& database, Guard& guard, Clock::Ptr pClock, Quotas* pQuotas = nullptr,
	                     RequiredWorkspace* pRequired = nullptr);
		/// With pQuotas, a workspace counts against the plan's maxWorkspaces ("plan_limit"). With
		/// pRequired, removing a member from its last workspace, or deleting the last workspace
		/// of a member, is refused when members must belong to one ("last_workspace").

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

private:
	void requireWorkspaceScope() const;

	Data::Database& _database;
	Guard& _guard;
	Clock::Ptr _pClock;
	Data::WorkspaceRepository _workspaces;
	Data::MembershipRepository _memberships;
	Quotas* _pQuotas;
	std::vector<std::string> _readerRoles; ///< the workspace roles that grant workspace.read
	AuditTrail _audit;
	RequiredWorkspace* _pRequired;
};


} // namespace Service
} // namespace Orgs


#endif // Orgs_WorkspaceServiceImpl_INCLUDED
