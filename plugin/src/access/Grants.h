//
// Grants.h
//
// Library: OrgsPlugin
// Package: Access
// Module:  Grants
//
// What the services ask of access control: standings, scoped permissions, and changes.
//


#ifndef Orgs_Grants_INCLUDED
#define Orgs_Grants_INCLUDED


#include "Orgs/AccessControl.h"
#include "Orgs/Model.h"
#include "Orgs/Permission.h"
#include "data/AccessRepository.h"
#include "Poco/Data/Session.h"
#include <string>


namespace Orgs {
namespace Access {


class Grants
	/// The plugin's internal view of access control, the one the service layer decides
	/// against: an account's standing in an organization and its permissions in a workspace or
	/// on a resource, either from the cache (reads) or read within the caller's transaction
	/// (decisions a write depends on). That access changes is recorded by the repositories
	/// that write it (Data::Database::accessChanged()), not here.
	///
	/// AccessControlImpl implements it next to the public Orgs::AccessControl, so that the
	/// services depend on what they ask, not on the cache that answers.
{
public:
	struct Grant
		/// An account's standing in an organization.
	{
		bool exists = false; ///< the organization exists
		bool member = false; ///< the account is a member
		bool owner = false;  ///< the account owns it (and so holds every permission)
		std::string role;    ///< the member's organization role
		PermissionSet permissions;
	};

	virtual ~Grants();

	virtual Grant grant(Id accountId, Id organizationId) = 0;
		/// Returns the account's standing, from the cache when it is fresh (a miss takes a
		/// pooled session).

	virtual Grant cachedGrant(Poco::Data::Session& session, Id accountId, Id organizationId) = 0;
		/// As grant(), but a miss loads through the caller's session (a request must never hold
		/// two sessions at once).

	virtual Grant grant(const Data::AccessRepository::Standing& standing, Id accountId) const = 0;
		/// Returns the grant of a standing the caller read within its transaction (with the
		/// organization row it locked), bypassing the cache: for decisions a write depends on.

	virtual PermissionSet cachedPermissions(Poco::Data::Session& session, Id accountId, Id organizationId,
	                                        WorkspaceId workspace) = 0;
	virtual PermissionSet cachedPermissions(Poco::Data::Session& session, Id accountId, Id organizationId,
	                                        ResourceId resource) = 0;
		/// Returns the permissions held in a workspace or on a resource, from the cache; a miss
		/// loads through the caller's session.

	virtual PermissionSet currentPermissions(Poco::Data::Session& session, Id accountId, Id organizationId,
	                                         WorkspaceId workspace) = 0;
	virtual PermissionSet currentPermissions(Poco::Data::Session& session, Id accountId, Id organizationId,
	                                         ResourceId resource) = 0;
		/// As cachedPermissions(), read within the caller's transaction, bypassing the cache.
};


} // namespace Access
} // namespace Orgs


#endif // Orgs_Grants_INCLUDED
