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
#include "data/MembershipRepository.h"
#include "data/OrganizationRepository.h"
#include "data/WorkspaceRepository.h"
#include "service/AuditTrail.h"
#include "service/Clock.h"
#include "service/Guard.h"
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
	OrganizationServiceImpl(Data::Database& database, Guard& guard, Clock::Ptr pClock,
	                        const std::vector<std::string>& regions,
	                        const std::string& defaultWorkspace = std::string(), int retentionDays = 30);
		/// Throws Poco::DataFormatException if defaultWorkspace is not a valid workspace name or
		/// no workspace roles are configured for it.

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

private:
	Data::Database& _database;
	Guard& _guard;
	Clock::Ptr _pClock;
	std::vector<std::string> _regions;
	std::string _defaultWorkspace;
	Data::HandleRepository _handles;
	Data::OrganizationRepository _organizations;
	Data::MembershipRepository _memberships;
	Data::WorkspaceRepository _workspaces;
	AuditTrail _audit;
	int _retentionDays;
};


} // namespace Service
} // namespace Orgs


#endif // Orgs_OrganizationServiceImpl_INCLUDED
