//
// MembershipService.h
//
// Library: Orgs
// Package: Services
// Module:  MembershipService
//
// The members of an organization and their roles.
//


#ifndef Orgs_MembershipService_INCLUDED
#define Orgs_MembershipService_INCLUDED


#include "Orgs/Model.h"
#include "Poco/SharedPtr.h"
#include <string>


namespace Orgs {


class MembershipService
	/// Every call acts on behalf of an account (the actor). Organizations and accounts are
	/// named by id (all digits) or username. Non-members get NotFoundException; members
	/// lacking the permission get ForbiddenException.
{
public:
	using Ptr = Poco::SharedPtr<MembershipService>;

	virtual ~MembershipService() = default;

	virtual Page<Membership> listMembers(Id actorId, const std::string& org, const MemberQuery& query) = 0;
		/// Lists members (members.read), in the order they joined, filtered by role and by a
		/// substring of username or name.

	virtual Membership addMember(Id actorId, const std::string& org, const MemberSpec& member) = 0;
		/// Adds an existing account (members.add); an empty role means the configured default,
		/// and default roles per resource type may be given. It joins the workspaces named, as an
		/// invitation's are (workspace.members.manage in each, a role within the actor's own);
		/// with orgs.workspaces.membershipRequired and none named, the organization's default
		/// workspace with the workspace scope's default role, checked the same way. Throws
		/// NotFoundException ("account_not_found", "workspace_not_found"), InvalidInputException
		/// ("unknown_role", "unknown_resource_type", "duplicate_workspace") and ConflictException
		/// ("already_member", "no_default_workspace").

	Membership addMember(Id actorId, const std::string& org, const std::string& account, const std::string& role)
		/// Adds an account with a role and the configured default roles.
	{
		MemberSpec spec;
		spec.account = account;
		spec.role = role;
		return addMember(actorId, org, spec);
	}

	virtual Membership getMember(Id actorId, const std::string& org, const std::string& account) = 0;
		/// Returns one membership (members.read, or the actor's own).

	virtual Membership updateMember(Id actorId, const std::string& org, const std::string& account,
	                                const MemberChanges& changes) = 0;
		/// Changes a member's role and default roles in one transaction (members.update).
		/// ConflictException ("owner_immutable") for a change of the owner's role.

	Membership changeRole(Id actorId, const std::string& org, const std::string& account, const std::string& role)
		/// Changes a member's role.
	{
		MemberChanges changes;
		changes.role = role;
		return updateMember(actorId, org, account, changes);
	}

	virtual void removeMember(Id actorId, const std::string& org, const std::string& account) = 0;
		/// Removes a member (members.remove), with their workspace memberships and resource roles,
		/// in one transaction; what they created stays attributed to them.
		/// ConflictException ("owner_immutable") for the owner.

	virtual void leave(Id actorId, const std::string& org) = 0;
		/// The actor leaves. ConflictException ("transfer_ownership_first") for the owner.
};


} // namespace Orgs


#endif // Orgs_MembershipService_INCLUDED
