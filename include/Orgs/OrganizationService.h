//
// OrganizationService.h
//
// Library: Orgs
// Package: Services
// Module:  OrganizationService
//
// Organizations: create, read, list, change, delete and transfer ownership.
//


#ifndef Orgs_OrganizationService_INCLUDED
#define Orgs_OrganizationService_INCLUDED


#include "Orgs/Model.h"
#include "Poco/SharedPtr.h"
#include <string>


namespace Orgs {


class OrganizationService
	/// Every call acts on behalf of an account (the actor) and checks its permission.
	/// An organization is named by id (all digits) or username. A non-member gets
	/// NotFoundException for an organization that exists, exactly as for one that does not.
{
public:
	using Ptr = Poco::SharedPtr<OrganizationService>;

	virtual ~OrganizationService() = default;

	virtual Organization createOrganization(Id actorId, const OrganizationSpec& spec) = 0;
		/// Creates an organization owned by the actor, who also becomes a member, on the default
		/// plan (orgs.plans.default). Throws InvalidInputException for an invalid username,
		/// title or region and
		/// ConflictException ("username_taken") if the handle is in use.

	virtual OrganizationMembership getOrganization(Id actorId, const std::string& org) = 0;
		/// Returns the organization and the actor's role in it. Throws NotFoundException if
		/// it does not exist or the actor is not a member.

	virtual Page<OrganizationMembership> listOrganizations(Id actorId, const PageRequest& page) = 0;
		/// Returns the organizations the actor belongs to, in order of organization id.
		/// Throws InvalidInputException for a bad limit or cursor.

	virtual Organization updateOrganization(Id actorId, const std::string& org, const OrganizationChanges& changes) = 0;
		/// Renames or retitles, or sets the allowed email domains of invitations (permission
		/// org.update), or changes the plan (permission billing.manage, which the owner always
		/// holds and a role only by naming it). Throws InvalidInputException
		/// ("immutable_field") for a region, ("unknown_plan", "invalid_domain"),
		/// ForbiddenException ("permission_denied") without a permission the change needs and
		/// ConflictException ("username_taken") for a used handle, QuotaExceededException
		/// ("plan_limit") for a plan below the current usage.

	virtual void deleteOrganization(Id actorId, const std::string& org) = 0;
		/// Marks the organization deleted (owner only, ForbiddenException): from then on it is
		/// invisible to everyone and grants nothing, but its memberships, workspaces, resources,
		/// audit events and username are kept until the purge, orgs.organizations.retentionDays later.

	virtual Organization restoreOrganization(Id actorId, const std::string& org) = 0;
		/// Brings a deleted organization back as it was. Only its owner sees a deleted
		/// organization: anyone else gets NotFoundException. Throws GoneException
		/// ("retention_expired") once the retention period is over and ConflictException
		/// ("not_deleted") for an organization that is not deleted.

	virtual Organization transferOwnership(Id actorId, const std::string& org, const std::string& account) = 0;
		/// Makes a member the owner. Owner only (ForbiddenException); ConflictException
		/// ("not_a_member") if the account is not a member. The former owner keeps a
		/// membership with the configured former-owner role.

	virtual Usage getUsage(Id actorId, const std::string& org) = 0;
		/// Returns what the organization consumes and its plan's limits (usage.read).
};


} // namespace Orgs


#endif // Orgs_OrganizationService_INCLUDED
