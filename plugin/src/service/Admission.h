//
// Admission.h
//
// Library: OrgsPlugin
// Package: Service
// Module:  Admission
//
// Who may join an organization, with what, and why not: one policy for every way in.
//


#ifndef Orgs_Admission_INCLUDED
#define Orgs_Admission_INCLUDED


#include "Orgs/Model.h"
#include "access/RoleResolver.h"
#include "data/InvitationRepository.h"
#include "data/MembershipRepository.h"
#include "service/AuditTrail.h"
#include "service/Clock.h"
#include "service/Guard.h"
#include "service/Quotas.h"
#include "service/RequiredWorkspace.h"
#include "service/ScopedGrants.h"
#include "Poco/Nullable.h"
#include "Poco/Nullable.h"
#include <string>
#include <vector>


namespace Orgs {
namespace Service {


class Admission
	/// The one policy every way into an organization goes through: a member adding an account,
	/// an invitation (sent, sent again, accepted), the invite link, signing up with either's
	/// token; a sign-in through an SSO connection whose mapping rules admit the account; an
	/// account joining by its verified email's domain; and the ways still to come (SCIM), which
	/// describe themselves as a Way, a Candidate and a Request.
	///
	/// admit() decides within the caller's transaction, after the organization's row was
	/// locked as its first statement (so that seats are counted one change after the other),
	/// and throws the first reason that refuses, always in this order, one status per reason:
	///
	///   1. the organization is personal and orgs.organizations.personalAllowsMembers is false:
	///      ConflictException 409 "personal_organization";
	///   2. the plan's switches: orgs.plans.<plan>.allowsMembers = false, ForbiddenException
	///      403 "plan_requires_upgrade"; a plan memberRole other than the role asked for,
	///      ConflictException 409 "plan_member_role" (a way without a request of its own gets
	///      the plan's role);
	///   3. the organization's allowed email domains do not include the candidate's:
	///      ForbiddenException 403 "domain_not_allowed";
	///   4. the candidate is a member already, ConflictException 409 "already_member"; an
	///      email with a pending invitation, 409 "already_invited" (an expired one frees it);
	///   5. seats (members plus pending invitations that have not expired) beyond the plan's
	///      maxMembers: QuotaExceededException 409 "seat_limit"; for an invitation also the
	///      plan's maxPendingInvitations, 409 "plan_limit";
	///   6. roles: default roles per resource type that are not configured or custom roles of
	///      the organization, InvalidInputException 400 "unknown_resource_type" or
	///      "unknown_role"; a role with a permission the actor does not hold (unless the actor
	///      owns the organization), ForbiddenException 403 "role_exceeds_own";
	///   7. workspaces to join: an organization without a workspace while every member must
	///      be in one (orgs.workspaces.membershipRequired), ConflictException 409
	///      "no_default_workspace"; for each named one, an unknown workspace role 400
	///      "unknown_role", a workspace the actor cannot see 404 "workspace_not_found", one
	///      where it lacks workspace.members.manage 403 "permission_denied", a role beyond its
	///      own there 403 "role_exceeds_own".
	///
	/// Not every step applies to every way (see Way): what a member decided when inviting is
	/// not decided again when the invitee accepts, only re-read as the configuration has it
	/// now. Before the transaction, checkRequest() refuses what is wrong with the request
	/// alone (400). enrol() then writes the decided membership.
{
public:
	enum class Way
		/// How the candidate joins, and so which steps apply:
	{
		ADDED,               ///< by a member with members.add (POST /orgs/{org}/members): 1, 2, 4, 5, 6, 7
		INVITED,             ///< invited by email (POST /orgs/{org}/invitations): 1-7
		INVITATION_RESENT,   ///< sent again (POST .../invitations/{id}/resend): 3, 4, and 5 if it had expired
		INVITATION_ACCEPTED, ///< the invitee accepts (POST /invitations/{token}/accept, sign-up): 1, 2, 4, 5,
		                     ///< and the invitation's roles and workspaces as far as they still exist
		LINK_ACCEPTED,       ///< a holder of the invite link joins (POST /invite-links/{token}/accept,
		                     ///< sign-up): 1-5, the link's role, the default workspace when required
		SSO_MAPPED,          ///< an account signs in through the organization's SSO connection and its
		                     ///< mapping rules admit it: 1-5, the rules' role and workspaces as far as the
		                     ///< configuration and the organization still have them
		DOMAIN_JOINED,       ///< an account whose verified email is in one of the organization's verified
		                     ///< domains joins (suggested, or automatically): 1-5, the domain's role, the
		                     ///< default workspace when required
		SCIM_PROVISIONED     ///< the organization's directory provisions (or reactivates) a user through a
		                     ///< SCIM connection: 1-5, the role and workspaces its mapping rules give
	};

	struct Candidate
		/// Who joins: an account or, for an invitation, an email that may have no account yet.
	{
		Id accountId = 0;                  ///< 0 for an email
		std::string username;              ///< the account's, for audit events (read when needed if empty)
		std::string email;                 ///< in lower case without blanks: the invited one, or the account's
		const Account* pAccount = nullptr; ///< the account when the caller has read it: enrol() then
		                                   ///< answers without reading the new membership back
		Poco::Nullable<bool> member =
		    Poco::Nullable<bool>(); ///< whether the account is a member already, when the caller
		                            ///< read it with the account (else admit() reads it)
	};

	struct Request
		/// What the way in asks for.
	{
		std::string role;                            ///< the organization role; empty for the default
		std::string fallbackRole;                    ///< for an accepted way, the role when role is empty or no longer
		                                             ///< configured (empty: the organization scope's default)
		RoleMap defaultRoles;                        ///< default roles per resource type
		std::vector<InvitationWorkspace> workspaces; ///< the workspaces to join and their roles
		int seats = 1;                               ///< the seats it takes: 0 for an invitation that holds its own
	};

	struct Placement
		/// A workspace the candidate joins.
	{
		ScopedGrants::Target workspace;
		std::string role;
		bool record = false; ///< written as a workspace_member.set event of its own
	};

	struct Decision
		/// The membership admit() decided.
	{
		std::string role;
		RoleMap defaultRoles;
		std::vector<Placement> workspaces;
	};

	Admission(Data::Database& database, Guard& guard, Access::RoleResolver& roles, ScopedGrants& workspaceMembers,
	          Quotas& quotas, RequiredWorkspace& required, Clock::Ptr pClock, bool personalAllowsMembers,
	          bool invitationsRequireWorkspace);
		/// personalAllowsMembers is orgs.organizations.personalAllowsMembers,
		/// invitationsRequireWorkspace orgs.invitations.requireWorkspace (that there are workspace
		/// roles for it is Config::Configuration's check).

	void checkRequest(Way way, const Request& request) const;
		/// Before the transaction, for a member's request (ADDED, INVITED): throws
		/// InvalidInputException for what is wrong with it alone, in this order: a role the
		/// configuration does not define ("unknown_role"), an invitation without a workspace
		/// under orgs.invitations.requireWorkspace ("workspace_required"), workspaces without
		/// workspace roles ("workspaces_disabled"), a workspace named twice
		/// ("duplicate_workspace").

	Decision admit(Poco::Data::Session& session, const Guard::Scope& scope, Id actorId, Way way,
	               const Candidate& candidate, const Request& request);
		/// Decides, within the caller's transaction, the membership the candidate gets: its
		/// organization role, default roles and workspaces, or throws the first reason that
		/// refuses (see the class). scope is the organization, locked, with the actor's standing
		/// read in the transaction (for an accepted way, the organization alone: the actor is
		/// the candidate).

	Membership enrol(Poco::Data::Session& session, const Organization& org, Id actorId, const Candidate& candidate,
	                 const Decision& decision, const std::string& action, const AuditTarget& target,
	                 const AuditDetails& details);
		/// Makes the candidate (an account) a member as decided, records the event of the way in
		/// (action, target, details) and each placement to record, and bumps acl_version.
		/// Returns the membership.

	void requireAcceptsMembers(const Organization& org) const;
		/// Step 1 alone: throws ConflictException ("personal_organization") if nobody joins the
		/// organization because it is a personal one (also for an invite link and for a transfer
		/// of ownership, which would make another account its owner).

private:
	std::string decideRole(const Organization& org, Way way, const Request& request) const;
	void requireDomain(const Organization& org, Way way, const Candidate& candidate) const;
	void requireNew(Poco::Data::Session& session, const Organization& org, Way way, const Candidate& candidate);
	RoleMap decideDefaultRoles(Poco::Data::Session& session, const Organization& org, Way way, const Request& request);
	std::vector<Placement> decideWorkspaces(Poco::Data::Session& session, const Guard::Scope& scope, Id actorId,
	                                        Way way, const Request& request);
	Placement defaultWorkspace(Poco::Data::Session& session, const Organization& org, bool record);
	static std::string verb(Way way);

	Guard& _guard;
	Access::RoleResolver& _roles;
	ScopedGrants& _workspaceMembers;
	Quotas& _quotas;
	RequiredWorkspace& _required;
	Clock::Ptr _pClock;
	bool _personalAllowsMembers;
	bool _invitationsRequireWorkspace;
	Data::MembershipRepository _memberships;
	Data::InvitationRepository _invitations;
	AuditTrail _audit;
};


} // namespace Service
} // namespace Orgs


#endif // Orgs_Admission_INCLUDED
