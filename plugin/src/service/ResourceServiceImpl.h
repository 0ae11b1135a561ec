//
// ResourceServiceImpl.h
//
// Library: OrgsPlugin
// Package: Service
// Module:  ResourceServiceImpl
//
// Resources and their collaborators: the rules and the transactions.
//


#ifndef Orgs_ResourceServiceImpl_INCLUDED
#define Orgs_ResourceServiceImpl_INCLUDED


#include "Orgs/ResourceService.h"
#include "data/MembershipRepository.h"
#include "data/ResourceRepository.h"
#include "service/AuditTrail.h"
#include "service/Clock.h"
#include "service/Guard.h"


namespace Orgs {
namespace Service {


class ResourceServiceImpl : public Orgs::ResourceService
	/// Implements ResourceService.
	///
	/// A resource is visible to an actor whose permissions on it include resource.read or
	/// resources.read. Those permissions are the organization role's, the workspace role the
	/// organization role implies, the actor's role in the resource's workspace and its
	/// collaborator role on the resource (AccessControl). The listing applies the same rule in
	/// SQL, one statement per page. Reads use the cached permission check; changes decide on
	/// permissions read in their own transaction and bump the organization's acl_version.
	/// Nobody but the owner gives or touches a collaborator role with permissions they do not
	/// hold on the resource (ForbiddenException "role_exceeds_own").
{
public:
	ResourceServiceImpl(Data::Database& database, Guard& guard, Clock::Ptr pClock);

	Resource createResource(Id actorId, const std::string& org, const ResourceSpec& spec) override;
	Page<Resource> listResources(Id actorId, const std::string& org, const ResourceQuery& query) override;
	Resource getResource(Id actorId, const std::string& org, Id resourceId) override;
	void deleteResource(Id actorId, const std::string& org, Id resourceId) override;
	Page<Collaborator> listCollaborators(Id actorId, const std::string& org, Id resourceId,
	                                     const PageRequest& page) override;
	Collaborator setCollaborator(Id actorId, const std::string& org, Id resourceId, const std::string& account,
	                             const std::string& role) override;
	void removeCollaborator(Id actorId, const std::string& org, Id resourceId, const std::string& account) override;

private:
	void checkType(const std::string& type) const;

	Data::Database& _database;
	Guard& _guard;
	Clock::Ptr _pClock;
	Data::ResourceRepository _resources;
	Data::MembershipRepository _memberships;
	Data::ResourceRepository::Readers _readers; ///< the roles that let their holder read a resource
	AuditTrail _audit;
};


} // namespace Service
} // namespace Orgs


#endif // Orgs_ResourceServiceImpl_INCLUDED
