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
#include "service/Clock.h"
#include "service/Guard.h"
#include <string>
#include <vector>


namespace Orgs {
namespace Service {


class OrganizationServiceImpl : public Orgs::OrganizationService
	/// Implements OrganizationService.
{
public:
	OrganizationServiceImpl(Data::Database& database, Guard& guard, Clock::Ptr pClock, const std::vector<std::string>& regions);

	Organization createOrganization(Id actorId, const OrganizationSpec& spec) override;
	OrganizationMembership getOrganization(Id actorId, const std::string& org) override;
	Page<OrganizationMembership> listOrganizations(Id actorId, const PageRequest& page) override;
	Organization updateOrganization(Id actorId, const std::string& org, const OrganizationChanges& changes) override;
	void deleteOrganization(Id actorId, const std::string& org) override;
	Organization transferOwnership(Id actorId, const std::string& org, const std::string& account) override;

private:
	Data::Database& _database;
	Guard& _guard;
	Clock::Ptr _pClock;
	std::vector<std::string> _regions;
	Data::HandleRepository _handles;
	Data::OrganizationRepository _organizations;
	Data::MembershipRepository _memberships;
};


} // namespace Service
} // namespace Orgs


#endif // Orgs_OrganizationServiceImpl_INCLUDED
