//
// ResourceService.h
//
// Library: Orgs
// Package: Services
// Module:  ResourceService
//
// A host's resources (datasets, projects, ...) registered in an organization, and their
// collaborators.
//


#ifndef Orgs_ResourceService_INCLUDED
#define Orgs_ResourceService_INCLUDED


#include "Orgs/Model.h"
#include "Poco/SharedPtr.h"
#include <string>


namespace Orgs {


class ResourceService
	/// Every call acts on behalf of an account (the actor). Resource types come from
	/// orgs.resources.types, each with the roles of its own scope. A member gets
	/// NotFoundException ("resource_not_found") for a resource it may not see.
{
public:
	using Ptr = Poco::SharedPtr<ResourceService>;

	virtual ~ResourceService() = default;

	virtual Resource createResource(Id actorId, const std::string& org, const ResourceSpec& spec) = 0;
		/// Registers a resource (resources.create in the organization, or in the workspace it is
		/// created in). In the same transaction every member whose default role for the type is
		/// not "none" becomes a collaborator with that role, and the creator its admin.
		/// InvalidInputException ("unknown_resource_type", "invalid_name").

	virtual Page<Resource> listResources(Id actorId, const std::string& org, const ResourceQuery& query) = 0;
		/// Lists the resources the actor may read, by id.

	virtual Resource getResource(Id actorId, const std::string& org, Id resourceId) = 0;
		/// Returns a resource (resource.read).

	virtual void deleteResource(Id actorId, const std::string& org, Id resourceId) = 0;
		/// Deletes a resource and its collaborators (resources.delete, or resource.manage on it).

	virtual Page<Collaborator> listCollaborators(Id actorId, const std::string& org, Id resourceId, const PageRequest& page) = 0;
		/// Lists a resource's collaborators (resource.read), by account id.

	virtual Collaborator setCollaborator(Id actorId, const std::string& org, Id resourceId, const std::string& account,
	                                     const std::string& role) = 0;
		/// Adds an organization member as a collaborator or changes its role (resource.manage).
		/// ConflictException ("not_a_member") for an account outside the organization.

	virtual void removeCollaborator(Id actorId, const std::string& org, Id resourceId, const std::string& account) = 0;
		/// Removes a collaborator (resource.manage).
};


} // namespace Orgs


#endif // Orgs_ResourceService_INCLUDED
