//
// AccessControl.h
//
// Library: Orgs
// Package: Access
// Module:  AccessControl
//
// The permission check a host runs on its own requests, and the role catalog.
//


#ifndef Orgs_AccessControl_INCLUDED
#define Orgs_AccessControl_INCLUDED


#include "Orgs/Model.h"
#include "Orgs/Permission.h"
#include "Poco/SharedPtr.h"
#include <vector>


namespace Orgs {


struct WorkspaceId
	/// Names a workspace in the AccessControl overloads.
{
	Id value;
};


struct ResourceId
	/// Names a resource in the AccessControl overloads.
{
	Id value;
};


class AccessControl
	/// Answers whether an account may do something in an organization, a workspace or on a
	/// resource. The HTTP layer and the services use this same object for every check.
	///
	/// Effective permissions = owner (everything) ∪ organization role ∪ the workspace role the
	/// organization role implies ∪ the workspace role ∪ the resource role. Answers come from an
	/// in-process cache validated by the organization's acl_version: a change made through this
	/// process is seen by the next check; a change made by another process on the same database
	/// within orgs.access.maxStaleness. A check of an unknown organization, workspace or resource,
	/// or by a non-member, is false.
	///
	/// Thread-safe. A cache hit takes no lock and allocates nothing.
{
public:
	using Ptr = Poco::SharedPtr<AccessControl>;

	virtual ~AccessControl() = default;

	virtual bool isMember(Id accountId, Id organizationId) = 0;
		/// Returns true if the account belongs to the organization.

	virtual bool isOwner(Id accountId, Id organizationId) = 0;
		/// Returns true if the account owns the organization.

	virtual bool isAllowed(Id accountId, Id organizationId, Permission permission) = 0;
		/// Returns true if the account holds the permission in the organization.

	virtual bool isAllowed(Id accountId, Id organizationId, WorkspaceId workspace, Permission permission) = 0;
		/// Returns true if the account holds the permission in the workspace.

	virtual bool isAllowed(Id accountId, Id organizationId, ResourceId resource, Permission permission) = 0;
		/// Returns true if the account holds the permission on the resource.

	virtual PermissionSet permissions(Id accountId, Id organizationId) = 0;
		/// Returns every permission the account holds in the organization.

	virtual Explanation explain(Id accountId, Id organizationId) = 0;
	virtual Explanation explain(Id accountId, Id organizationId, WorkspaceId workspace) = 0;
	virtual Explanation explain(Id accountId, Id organizationId, ResourceId resource) = 0;
		/// Returns the permissions held in the scope and every role that grants them. Reads the
		/// database (not the cache): meant for people and audits, not for the hot path.

	virtual std::vector<RoleScopeInfo> roles() const = 0;
		/// Returns the role catalog: each scope with its roles, their permissions and its default.
};


} // namespace Orgs


#endif // Orgs_AccessControl_INCLUDED
