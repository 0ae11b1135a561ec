//
// ResourceRepository.h
//
// Library: OrgsPlugin
// Package: Data
// Module:  ResourceRepository
//
// SQL for the resources and resource_collaborators tables.
//


#ifndef Orgs_ResourceRepository_INCLUDED
#define Orgs_ResourceRepository_INCLUDED


#include "Orgs/Model.h"
#include "data/Database.h"
#include "Poco/Nullable.h"
#include <map>
#include <string>
#include <vector>


namespace Orgs {
namespace Data {


class ResourceRepository
	/// A host's resources and their collaborators. Listings are keyset-paginated by resource id
	/// or account id. A collaborator references the organization membership, so only members
	/// can be one and removing a member removes its collaborator rows; created_by references
	/// the account and outlives the membership.
{
public:
	struct Readers
		/// Who may read a resource besides holders of an organization-wide grant, as the roles
		/// that grant it: a collaborator role of the resource's type, or a role in its workspace.
	{
		std::map<std::string, std::vector<std::string>> collaboratorRoles; ///< resource type → roles
		std::vector<std::string> workspaceRoles;
	};

	struct Filter
		/// Optional filters of a listing.
	{
		std::string type;             ///< empty for every type
		Poco::Nullable<Id> workspace; ///< null for any workspace (or none)
	};

	explicit ResourceRepository(Database& database);

	Resource insert(Poco::Data::Session& session, Id orgId, const Poco::Nullable<Id>& workspaceId,
	                const std::string& type, const std::string& name, Id createdBy, const Poco::Timestamp& at);
		/// Inserts a resource.

	int addDefaultCollaborators(Poco::Data::Session& session, const Resource& resource,
	                            const std::string& configuredDefault, const std::string& noneRole, Id exceptAccountId);
		/// Makes every member of the resource's organization but exceptAccountId a collaborator
		/// with its default role for the resource's type (configuredDefault when it has none),
		/// skipping those whose role is noneRole. One INSERT ... SELECT, whatever the number of
		/// members. Returns the number of collaborators added.

	Poco::Nullable<Resource> find(Poco::Data::Session& session, Id orgId, Id resourceId);
		/// Returns the resource if it exists in the organization.

	bool remove(Poco::Data::Session& session, Id orgId, Id resourceId);
		/// Deletes a resource and (by foreign key) its collaborators.

	std::vector<Resource> list(Poco::Data::Session& session, Id orgId, const Filter& filter, Id afterId, int limit);
		/// Returns up to limit resources of the organization with id above afterId, by id.

	std::vector<Resource> listReadable(Poco::Data::Session& session, Id orgId, Id accountId, const Readers& readers,
	                                   const Filter& filter, Id afterId, int limit);
		/// As list(), restricted to the resources on which the account holds one of the reader
		/// roles, in one statement: each branch (collaborator rows, workspace memberships) is
		/// walked by index from afterId and bounded by limit, so a page costs the same wherever
		/// it starts and however many resources the organization has.

	Poco::Nullable<Collaborator> findCollaborator(Poco::Data::Session& session, Id resourceId, Id accountId);
		/// Returns the account's role on the resource with its public fields.

	void insertCollaborator(Poco::Data::Session& session, Id orgId, Id resourceId, Id accountId,
	                        const std::string& role, const Poco::Timestamp& at);
		/// Adds a collaborator. Throws ConflictException ("not_a_member") if the account is not a
		/// member of the organization.

	bool updateCollaborator(Poco::Data::Session& session, Id orgId, Id resourceId, Id accountId,
	                        const std::string& role);
		/// Gives a collaborator another role; returns false if the account is no collaborator
		/// or already holds that role.

	bool removeCollaborator(Poco::Data::Session& session, Id orgId, Id resourceId, Id accountId);
		/// Removes a collaborator; returns false if the account was not one.

	std::vector<Collaborator> listCollaborators(Poco::Data::Session& session, Id resourceId, Id afterAccountId,
	                                            int limit);
		/// Returns up to limit collaborators with account id above afterAccountId, by account id.

private:
	Database& _database;
};


} // namespace Data
} // namespace Orgs


#endif // Orgs_ResourceRepository_INCLUDED
