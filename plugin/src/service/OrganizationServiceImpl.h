//
// OrganizationServiceImpl.h
//
// Library: OrgsPlugin
// Package: Service
// Module:  OrganizationServiceImpl
//
// Organizations: the rules and the transactions.
//


#ifndef Orgs_OrganizationServiceImpl_INCLUDED
#define Orgs_OrganizationServiceImpl_INCLUDED


#include "Orgs/OrganizationService.h"
#include "data/HandleRepository.h"
#include "data/InvitationRepository.h"
#include "data/MembershipRepository.h"
#include "data/OrganizationRepository.h"
#include "data/WorkspaceRepository.h"
#include "access/RoleResolver.h"
#include "service/Admission.h"
#include "service/AuditTrail.h"
#include "service/Clock.h"
#include "service/Guard.h"
#include "service/Quotas.h"
#include "service/ScopedGrants.h"
#include <string>
#include <vector>


namespace Orgs {
namespace Service {


class OrganizationServiceImpl : public Orgs::OrganizationService
	/// Implements OrganizationService. A new organization gets, in the same transaction, the
	/// configured default workspace (orgs.workspaces.default) with its creator as the
	/// workspace's creator role.
{
public:
	OrganizationServiceImpl(Data::Database& database, Guard& guard, Access::RoleResolver& roles,
	                        ScopedGrants& workspaceMembers, Admission& admission, Quotas& quotas, Clock::Ptr pClock,
	                        const std::vector<std::string>& regions,
	                        const std::string& defaultWorkspace = std::string(), int retentionDays = 30);
		/// Throws Poco::DataFormatException if defaultWorkspace is not a valid workspace name
		/// (that there are workspace roles for it is Config::Configuration's check). A transfer of
		/// ownership is refused as Admission refuses a personal organization's members.

	Organization createOrganization(Id actorId, const OrganizationSpec& spec) override;
	OrganizationMembership getOrganization(Id actorId, const std::string& org) override;
	Page<OrganizationMembership> listOrganizations(Id actorId, const PageRequest& page) override;
	Organization updateOrganization(Id actorId, const std::string& org, const OrganizationChanges& changes) override;
	void deleteOrganization(Id actorId, const std::string& org) override;
	Organization transferOwnership(Id actorId, const std::string& org, const std::string& account) override;
	Organization restoreOrganization(Id actorId, const std::string& org) override;

	int purgeDeleted();
		/// Removes for good every organization deleted at least retentionDays ago, each in its own
		/// transaction (its rows cascade), and releases its username. Returns how many it removed.

	Organization createPersonalOrganization(Poco::Data::Session& session, const Account& owner);
		/// Creates, in the caller's transaction, the personal organization of an account just
		/// inserted (orgs.organizations.personalOnSignup): owned by it, flagged personal, named
		/// personalUsername(owner.username, n) for the first n whose handle is free, titled
		/// personalTitle(owner), in the default region, with the default workspace if configured.

	static std::string personalUsername(const std::string& accountUsername, int n);
		/// Returns the n-th candidate handle of a personal organization: "<username>-personal"
		/// for n = 1, then "<username>-personal-<n>", the account's username shortened (and
		/// stripped of a trailing '-') so that the handle keeps to 39 characters.

	static std::string personalTitle(const Account& owner);
		/// Returns "<name>'s organization" (the username if the account has no name), within
		/// the 100 characters a title may have.

	Usage getUsage(Id actorId, const std::string& org) override;

	static std::vector<std::string> checkDomains(const std::vector<std::string>& domains);
		/// Returns the domains in lower case, without blanks and duplicates. Throws
		/// InvalidInputException ("invalid_domain") for a malformed one or more than 20.

private:
	OrganizationSpec checkSpec(const OrganizationSpec& spec) const;
		/// Validates username, title and region and fills in the default region.
		/// Throws InvalidInputException.

	Organization insertOrganization(Poco::Data::Session& session, Id ownerId, const OrganizationSpec& spec,
	                                bool personal);
		/// The one creation path of every organization, in the caller's transaction, after the
		/// caller reserved spec.username: the row, the owner's membership and the default workspace.
	Organization withPlan(Organization o) const;

	Data::Database& _database;
	Guard& _guard;
	Access::RoleResolver& _roles;
	ScopedGrants& _workspaceMembers;
	Admission& _admission;
	Quotas& _quotas;
	Clock::Ptr _pClock;
	std::vector<std::string> _regions;
	std::string _defaultWorkspace;
	Data::HandleRepository _handles;
	Data::OrganizationRepository _organizations;
	Data::MembershipRepository _memberships;
	Data::WorkspaceRepository _workspaces;
	Data::InvitationRepository _invitations;
	AuditTrail _audit;
	int _retentionDays;
};


} // namespace Service
} // namespace Orgs


#endif // Orgs_OrganizationServiceImpl_INCLUDED
