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
	/// orgs.resources.types, each with the roles of its own scope. A non-member gets
	/// NotFoundException ("organization_not_found"); a member gets NotFoundException
	/// ("resource_not_found") for a resource it may not see and ForbiddenException
	/// ("permission_denied") for one it sees but may not change.
	///
	/// The actor's permissions on a resource are those of its organization role, of the
	/// workspace role its organization role implies, of its role in the resource's workspace and
	/// of its collaborator role on the resource. It sees the resource if they include
	/// resource.read or resources.read. Nobody but the owner gives, changes or removes a
	/// collaborator role with permissions they do not hold on the resource (ForbiddenException
	/// "role_exceeds_own"). Removing a member removes their collaborator roles in the same
	/// transaction; what they created stays attributed to them (createdBy).
{
public:
	using Ptr = Poco::SharedPtr<ResourceService>;

	virtual ~ResourceService() = default;

	virtual Resource createResource(Id actorId, const std::string& org, const ResourceSpec& spec) = 0;
		/// Registers a resource (resources.create in the organization, or in the workspace it is
		/// created in). In the same transaction, with one statement however many members there
		/// are, every other member whose default role for the type (its own, else the configured
		/// orgs.roles.<type>.default) is not "none" becomes a collaborator with that role; the
		/// creator gets the type's creator role (by default its last role).
		/// InvalidInputException ("unknown_resource_type", "invalid_name": 1-200 characters);
		/// NotFoundException ("workspace_not_found") for a workspace the actor does not see.

	virtual Page<Resource> listResources(Id actorId, const std::string& org, const ResourceQuery& query) = 0;
		/// Lists the resources the actor sees, by id, optionally of one type and in one workspace.
		/// One statement per page. InvalidInputException ("unknown_resource_type",
		/// "invalid_workspace").

	virtual Resource getResource(Id actorId, const std::string& org, Id resourceId) = 0;
		/// Returns a resource the actor sees (resource.read or resources.read on it).

	virtual void deleteResource(Id actorId, const std::string& org, Id resourceId) = 0;
		/// Deletes a resource and its collaborators (resources.delete, or resource.manage on it).

	virtual Page<Collaborator> listCollaborators(Id actorId, const std::string& org, Id resourceId,
	                                             const PageRequest& page) = 0;
		/// Lists a resource's collaborators (resource.read on it), by account id.

	virtual Collaborator setCollaborator(Id actorId, const std::string& org, Id resourceId, const std::string& account,
	                                     const std::string& role) = 0;
		/// Adds an organization member as a collaborator or changes its role (resource.manage);
		/// the role "none" removes it (the result then has role "none"). NotFoundException
		/// ("account_not_found"), ConflictException ("not_a_member") for an account outside the
		/// organization, InvalidInputException ("unknown_role") for a role outside the type's scope.

	virtual void removeCollaborator(Id actorId, const std::string& org, Id resourceId, const std::string& account) = 0;
		/// Removes a collaborator (resource.manage). NotFoundException ("collaborator_not_found")
		/// if the account is none.
};


} // namespace Orgs


#endif // Orgs_ResourceService_INCLUDED
