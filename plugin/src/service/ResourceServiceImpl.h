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
#include "access/RoleResolver.h"
#include "data/ResourceRepository.h"
#include "service/AuditTrail.h"
#include "service/Clock.h"
#include "service/Guard.h"
#include "service/ScopedGrants.h"


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
	/// Collaborators are ScopedGrants (ScopedGrants::RESOURCE): nobody but the owner gives or
	/// touches a collaborator role with permissions they do not hold on the resource
	/// (ForbiddenException "role_exceeds_own").
{
public:
	ResourceServiceImpl(Data::Database& database, Guard& guard, Access::RoleResolver& roles,
	                    ScopedGrants& workspaceMembers, ScopedGrants& collaborators, Clock::Ptr pClock);
		/// workspaceMembers decides who may create a resource in a workspace.

	Resource createResource(Id actorId, const std::string& org, const ResourceSpec& spec) override;
	Page<Resource> listResources(Id actorId, const std::string& org, const ResourceQuery& query) override;
	Resource getResource(Id actorId, const std::string& org, Id resourceId) override;
	void deleteResource(Id actorId, const std::string& org, Id resourceId) override;
	Page<Collaborator> listCollaborators(Id actorId, const std::string& org, Id resourceId,
	                                     const PageRequest& page) override;
	Collaborator setCollaborator(Id actorId, const std::string& org, Id resourceId, const std::string& account,
	                             const std::string& role) override;
	void removeCollaborator(Id actorId, const std::string& org, Id resourceId, const std::string& account) override;

	static Collaborator collaborator(const ScopedGrants::Grant& grant);
		/// Returns a collaborator as the API shows it.

private:
	void checkType(const std::string& type) const;
	Resource resource(Poco::Data::Session& session, const Guard::Scope& scope, Id actorId, Id resourceId,
	                  ScopedGrants::Target& target, bool inTransaction = false);
		/// Returns the resource if the actor may see it, and target with its permissions there.

	Data::Database& _database;
	Guard& _guard;
	Access::RoleResolver& _roles;
	ScopedGrants& _workspaceMembers;
	ScopedGrants& _collaborators;
	Clock::Ptr _pClock;
	Data::ResourceRepository _resources;
	AuditTrail _audit;
};


} // namespace Service
} // namespace Orgs


#endif // Orgs_ResourceServiceImpl_INCLUDED
