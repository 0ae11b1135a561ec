//
// Permission.h
//
// Library: Orgs
// Package: Access
// Module:  Permission
//
// The fixed vocabulary of permissions the code checks. Roles are configuration
// that map names to sets of these; a set is a 64-bit mask, so a check is a bit test.
//


#ifndef Orgs_Permission_INCLUDED
#define Orgs_Permission_INCLUDED


#include "Orgs/Orgs.h"
#include "Poco/Types.h"
#include <string>
#include <vector>


namespace Orgs {


enum class Permission : unsigned
	/// A permission the services check. Deleting an organization and transferring its
	/// ownership are not permissions: they belong to the owner alone.
{
	OrgRead = 0,            ///< org.read: see the organization
	OrgUpdate,              ///< org.update: rename and retitle
	MembersRead,            ///< members.read: list members and see their roles
	MembersAdd,             ///< members.add: add an existing account
	MembersUpdate,          ///< members.update: change a member's role
	MembersRemove,          ///< members.remove: remove a member
	InvitationsRead,        ///< invitations.read
	InvitationsCreate,      ///< invitations.create
	InvitationsRevoke,      ///< invitations.revoke
	WorkspacesRead,         ///< workspaces.read: see workspaces one belongs to
	WorkspacesListAll,      ///< workspaces.list_all: see every workspace
	WorkspacesCreate,       ///< workspaces.create
	WorkspaceRead,          ///< workspace.read
	WorkspaceUpdate,        ///< workspace.update
	WorkspaceDelete,        ///< workspace.delete
	WorkspaceMembersManage, ///< workspace.members.manage
	ResourcesRead,          ///< resources.read
	ResourcesCreate,        ///< resources.create
	ResourcesDelete,        ///< resources.delete
	ResourceRead,           ///< resource.read
	ResourceWrite,          ///< resource.write
	ResourceLabel,          ///< resource.label
	ResourceReview,         ///< resource.review
	ResourceManage,         ///< resource.manage: collaborators and settings
	AuditRead,              ///< audit.read
	UsageRead,              ///< usage.read
	RolesManage,            ///< roles.manage: per-organization custom roles
	PlanRead,               ///< plan.read
	BillingManage,          ///< billing.manage: change the organization's plan. Never part of "*":
	                        ///< a role holds it only by naming it (the owner always has it)
	SsoManage,              ///< sso.manage: the organization's SSO connections and their mapping rules
	DomainsManage,          ///< domains.manage: claim and verify email domains, and their join mode
	ScimManage,             ///< scim.manage: the organization's SCIM provisioning connections
	WebhooksManage,         ///< webhooks.manage: webhook endpoints, their deliveries and secrets
	EventsRead,             ///< events.read: the organization's replayable event feed
	COUNT
};


class Orgs_API PermissionSet
	/// A set of permissions as a bit mask. Value type; no allocation.
{
public:
	PermissionSet() = default;
	explicit PermissionSet(Poco::UInt64 bits) : _bits(bits) {}

	static PermissionSet all();
		/// Returns the set of every permission in the vocabulary.

	bool has(Permission p) const { return (_bits >> static_cast<unsigned>(p)) & 1u; }
	void add(Permission p) { _bits |= Poco::UInt64(1) << static_cast<unsigned>(p); }
	PermissionSet& operator|=(PermissionSet other)
	{
		_bits |= other._bits;
		return *this;
	}
	bool empty() const { return _bits == 0; }
	Poco::UInt64 bits() const { return _bits; }
	bool operator==(PermissionSet other) const { return _bits == other._bits; }

	std::vector<std::string> names() const;
		/// Returns the permission names in vocabulary order.

private:
	Poco::UInt64 _bits = 0;
};


Orgs_API const std::string& permissionName(Permission p);
	/// Returns the configuration name of a permission, e.g. "members.add".

Orgs_API bool parsePermission(const std::string& name, Permission& p);
	/// Looks a permission up by name; returns false if the name is not in the vocabulary.


} // namespace Orgs


#endif // Orgs_Permission_INCLUDED
