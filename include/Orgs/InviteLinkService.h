//
// InviteLinkService.h
//
// Library: Orgs
// Package: Services
// Module:  InviteLinkService
//
// The organization-wide invitation link.
//


#ifndef Orgs_InviteLinkService_INCLUDED
#define Orgs_InviteLinkService_INCLUDED


#include "Orgs/Model.h"
#include "Poco/SharedPtr.h"
#include "Poco/Timestamp.h"
#include <string>


namespace Orgs {


struct InviteLink
	/// An organization's invitation link as the organization sees it. The token is never part
	/// of it.
{
	Id organizationId = 0;
	std::string role; ///< the organization role of whoever joins through it
	Id createdBy = 0;
	std::string creatorUsername;
	Poco::Timestamp createdAt; ///< when it was created or last reset
	Poco::Int64 uses = 0;      ///< accounts that joined through it since then
};


struct IssuedInviteLink
	/// A link just created or reset, with its clear token: shown this once.
{
	InviteLink link;
	std::string token;
	std::string url; ///< orgs.invitations.linkUrl with the token filled in
};


struct InviteLinkView
	/// What a signed-in holder of the token sees before joining.
{
	Id organizationId = 0;
	std::string organizationUsername;
	std::string organizationTitle;
	std::string role;
};


class InviteLinkService
	/// One invitation link per organization (Label Studio): whoever holds it and is signed in
	/// joins the organization with the link's role. The token is random, stored only as a hash
	/// and shown once, when the link is created or reset; a reset replaces it (the previous
	/// link stops working) and disabling deletes it.
	///
	/// The organization-side calls act on behalf of an actor: a non-member gets
	/// NotFoundException ("organization_not_found"), a member lacking the permission
	/// ForbiddenException ("permission_denied"). The token-side calls take the signed-in
	/// account and the token: an unknown, reset or disabled token, or one of a deleted
	/// organization, is NotFoundException ("invite_link_not_found").
{
public:
	using Ptr = Poco::SharedPtr<InviteLinkService>;

	virtual ~InviteLinkService() = default;

	virtual IssuedInviteLink resetLink(Id actorId, const std::string& org, const std::string& role) = 0;
		/// Creates the organization's link, or replaces it with a new token (invitations.create).
		/// An empty role means orgs.invitations.linkRole (default: the organization scope's
		/// default role); nobody but the owner issues a link whose role carries permissions they
		/// lack (ForbiddenException "role_exceeds_own"). InvalidInputException ("unknown_role"),
		/// ConflictException ("personal_organization").

	virtual InviteLink getLink(Id actorId, const std::string& org) = 0;
		/// Returns the link's metadata (invitations.read). NotFoundException ("invite_link_not_found").

	virtual void disableLink(Id actorId, const std::string& org) = 0;
		/// Deletes the link (invitations.revoke); its token stops working.
		/// NotFoundException ("invite_link_not_found").

	virtual InviteLinkView viewLink(Id actorId, const std::string& token) = 0;
		/// Shows the organization and the role to a signed-in account holding the token.

	virtual Membership joinByLink(Id actorId, const std::string& token) = 0;
		/// Makes the actor a member with the link's role (and the configured default roles) in
		/// one transaction. ConflictException ("already_member", "personal_organization"),
		/// QuotaExceededException ("seat_limit"), ForbiddenException ("domain_not_allowed") if
		/// the organization allows only some email domains and the actor's is not one.
};


} // namespace Orgs


#endif // Orgs_InviteLinkService_INCLUDED
