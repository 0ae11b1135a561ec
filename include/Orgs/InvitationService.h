//
// InvitationService.h
//
// Library: Orgs
// Package: Services
// Module:  InvitationService
//
// Invitations to join an organization by email.
//


#ifndef Orgs_InvitationService_INCLUDED
#define Orgs_InvitationService_INCLUDED


#include "Orgs/Model.h"
#include "Poco/SharedPtr.h"
#include <string>


namespace Orgs {


class InvitationService
	/// An organization invites an email address; whoever signs in with an account of that email
	/// (orgs.invitations.requireEmailMatch) and holds the token from the mail accepts or
	/// declines. The token is random, stored only as a hash, and works once; a resend replaces
	/// it. A pending invitation expires after orgs.invitations.ttlDays, holds a seat of the
	/// organization's plan while it is pending, and is one per (organization, email).
	///
	/// The organization-side calls act on behalf of an actor, like the other services: a
	/// non-member gets NotFoundException ("organization_not_found"), a member lacking the
	/// permission ForbiddenException ("permission_denied"). The token-side calls take the
	/// signed-in account and the token: an unknown, used or revoked token is NotFoundException
	/// ("invitation_not_found"), an expired one GoneException ("invitation_expired").
{
public:
	using Ptr = Poco::SharedPtr<InvitationService>;

	virtual ~InvitationService() = default;

	virtual IssuedInvitation createInvitation(Id actorId, const std::string& org, const InvitationSpec& spec) = 0;
		/// Invites an email (invitations.create) and queues the mail with the accept link, in one
		/// transaction. Nobody but the owner invites with a role carrying permissions they lack
		/// (ForbiddenException "role_exceeds_own"); naming a workspace needs
		/// workspace.members.manage in it.
		///
		/// Throws InvalidInputException ("invalid_email", "unknown_role", "unknown_resource_type",
		/// "domain_not_allowed", "invalid_name", "invalid_note"), NotFoundException
		/// ("workspace_not_found"), ConflictException ("already_member", "already_invited"),
		/// QuotaExceededException ("seat_limit", "plan_limit") and RateLimitedException
		/// ("invitation_rate_limited") after orgs.invitations.dailyLimit invitations in 24 hours.

	virtual Page<Invitation> listInvitations(Id actorId, const std::string& org, const InvitationQuery& query) = 0;
		/// Lists invitations by id (invitations.read), optionally of one status: pending,
		/// accepted, declined, revoked or expired. InvalidInputException ("invalid_status").

	virtual Invitation getInvitation(Id actorId, const std::string& org, Id invitationId) = 0;
		/// Returns one invitation (invitations.read). NotFoundException ("invitation_not_found").

	virtual void revokeInvitation(Id actorId, const std::string& org, Id invitationId) = 0;
		/// Revokes a pending or expired invitation (invitations.revoke); its token stops working.
		/// ConflictException ("invitation_not_pending") for an answered or revoked one.

	virtual IssuedInvitation resendInvitation(Id actorId, const std::string& org, Id invitationId) = 0;
		/// Gives a pending or expired invitation a new token and expiry and mails it again
		/// (invitations.create); the old token stops working. An expired one takes a seat again
		/// (QuotaExceededException). ConflictException ("invitation_not_pending",
		/// "already_invited" if the email was invited anew meanwhile, "already_member").

	virtual InvitationView viewInvitation(Id actorId, const std::string& token) = 0;
		/// Shows the organization, role, inviter and expiry of the invitation to any signed-in
		/// account holding its token.

	virtual Membership acceptInvitation(Id actorId, const std::string& token) = 0;
		/// Makes the actor a member with the invitation's role, default roles and workspaces, in
		/// one transaction. ForbiddenException ("email_mismatch") if the actor's email differs
		/// (orgs.invitations.requireEmailMatch), ConflictException ("already_member"),
		/// QuotaExceededException ("seat_limit").

	virtual void declineInvitation(Id actorId, const std::string& token) = 0;
		/// Declines; the token stops working. ForbiddenException ("email_mismatch") as above.
};


} // namespace Orgs


#endif // Orgs_InvitationService_INCLUDED
