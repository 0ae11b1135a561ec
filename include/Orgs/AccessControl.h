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


class AccessControl
	/// Answers whether an account may do something in an organization. The HTTP layer and the
	/// services use this same object for every check.
{
public:
	using Ptr = Poco::SharedPtr<AccessControl>;

	virtual ~AccessControl() = default;

	virtual bool isMember(Id accountId, Id organizationId) = 0;
		/// Returns true if the account belongs to the organization.

	virtual bool isOwner(Id accountId, Id organizationId) = 0;
		/// Returns true if the account owns the organization.

	virtual bool isAllowed(Id accountId, Id organizationId, Permission permission) = 0;
		/// Returns true if the account holds the permission in the organization: the owner
		/// holds every permission, a member those of its role, anyone else none.

	virtual PermissionSet permissions(Id accountId, Id organizationId) = 0;
		/// Returns every permission the account holds in the organization.

	virtual std::vector<RoleScopeInfo> roles() const = 0;
		/// Returns the role catalog: each scope with its roles, their permissions and its default.
};


} // namespace Orgs


#endif // Orgs_AccessControl_INCLUDED
