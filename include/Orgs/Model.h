//
// Model.h
//
// Library: Orgs
// Package: Core
// Module:  Model
//
// Value types exchanged through the Orgs service interfaces. Timestamps are UTC.
//


#ifndef Orgs_Model_INCLUDED
#define Orgs_Model_INCLUDED


#include "Orgs/Orgs.h"
#include "Poco/Nullable.h"
#include "Poco/Timestamp.h"
#include "Poco/Types.h"
#include <map>
#include <string>
#include <vector>


namespace Orgs {


using Id = Poco::Int64;
	/// Database identifier of an account, organization or token.


struct Account
	/// A person (or service user) who signs in.
{
	Id id = 0;
	std::string username;
	std::string email;
	std::string name;
	Poco::Timestamp createdAt;
};


struct AccountSpec
	/// What is needed to create an account.
{
	std::string username;
	std::string email;
	std::string name;
};


struct Organization
	/// A shared account that owns work and has members. The owner is a column, not a role:
	/// there is always exactly one.
{
	Id id = 0;
	std::string username;
	std::string title;
	std::string region;
	Id ownerAccountId = 0;
	Poco::Timestamp createdAt;
	Poco::Timestamp updatedAt;
	bool personal = false; ///< created with its owner's account; takes no members unless configured
	std::string plan;      ///< one of orgs.plans
	std::vector<std::string> allowedEmailDomains; ///< invitations only to these (empty: any)
};


struct OrganizationSpec
	/// What is needed to create an organization. An empty region means the configured default.
{
	std::string username;
	std::string title;
	std::string region;
};


struct OrganizationChanges
	/// A partial update of an organization; null fields are left as they are.
	/// Setting region is always refused (it is immutable after creation).
{
	Poco::Nullable<std::string> username;
	Poco::Nullable<std::string> title;
	Poco::Nullable<std::string> region;
	Poco::Nullable<std::string> plan;                             ///< billing.manage
	Poco::Nullable<std::vector<std::string>> allowedEmailDomains; ///< empty: any domain
};


using RoleMap = std::map<std::string, std::string>;
	/// Resource type → role name, e.g. {"dataset": "labeler"}.


struct Membership
	/// An account's membership of an organization, with the account's public fields.
	///
	/// defaultRoles holds, per resource type, the role the member gets on every new resource
	/// of that type ("none": not added); a type missing here uses the configured default.
{
	Id organizationId = 0;
	Id accountId = 0;
	std::string username;
	std::string name;
	std::string email;
	std::string role;
	bool owner = false;
	RoleMap defaultRoles;
	Poco::Timestamp createdAt;
};


struct Workspace
	/// A team inside an organization (Make's teams, LangSmith's and Label Studio's workspaces).
{
	Id id = 0;
	Id organizationId = 0;
	std::string name;
	Id createdBy = 0;
	Poco::Timestamp createdAt;
	Poco::Timestamp updatedAt;
};


struct WorkspaceMember
	/// A member of a workspace and its workspace role.
{
	Id workspaceId = 0;
	Id accountId = 0;
	std::string username;
	std::string name;
	std::string role;
	Poco::Timestamp createdAt;
};


struct Resource
	/// Something a host keeps in an organization (a dataset, a labeling project, a trace
	/// project). createdBy stays recorded when its creator leaves.
{
	Id id = 0;
	Id organizationId = 0;
	Poco::Nullable<Id> workspaceId;
	std::string type;
	std::string name;
	Id createdBy = 0;
	Poco::Timestamp createdAt;
};


struct ResourceSpec
	/// What is needed to register a resource. workspace is an id or empty.
{
	std::string type;
	std::string name;
	std::string workspace;
};


struct Collaborator
	/// An account's role on one resource.
{
	Id resourceId = 0;
	Id accountId = 0;
	std::string username;
	std::string name;
	std::string role;
	Poco::Timestamp createdAt;
};


struct GrantSource
	/// One reason an account holds permissions: the owner, its organization role, the workspace
	/// role its organization role implies, its workspace role, or its role on a resource.
{
	std::string source; ///< "owner", "organization", "implied_workspace", "workspace", "resource"
	std::string role;   ///< the role's name ("" for the owner)
	Id scopeId = 0;     ///< the workspace or resource the role is held on (0 for the organization)
	std::vector<std::string> permissions;
};


struct Explanation
	/// Why an account holds (or lacks) a permission.
{
	bool member = false;
	bool owner = false;
	std::vector<std::string> permissions; ///< every permission held in the scope asked about
	std::vector<GrantSource> grants;      ///< every grant that contributes, in the order above
};


struct OrganizationMembership
	/// An organization seen from one of its members: the organization and the member's role.
{
	Organization organization;
	std::string role;
	bool owner = false;
};


struct AccessToken
	/// A personal access token's public record. The secret is never stored.
{
	Id id = 0;
	Id accountId = 0;
	std::string name;
	std::string prefix; ///< the first characters of the secret, to recognise it
	Poco::Timestamp createdAt;
	Poco::Nullable<Poco::Timestamp> lastUsedAt;
	Poco::Nullable<Poco::Timestamp> expiresAt;
};


struct IssuedToken
	/// A token just created: its record and its secret, which is shown this once.
{
	AccessToken token;
	std::string secret;
};


struct SignUp
	/// A new account and its first personal access token, created together.
{
	Account account;
	IssuedToken token;
};


struct PageRequest
	/// Keyset pagination: at most limit (1..100) items after the opaque cursor.
{
	int limit = 50;
	std::string cursor;
};


struct InvitationWorkspace
	/// A workspace an invitation or a direct addition joins, with the workspace role (empty: the
	/// workspace scope's default).
{
	Id workspaceId = 0;
	std::string role;
};


struct MemberSpec
	/// Who to add to an organization: an account (id or username), its role (empty: the
	/// configured default), its default roles per resource type and the workspaces it joins.
{
	std::string account;
	std::string role;
	RoleMap defaultRoles;
	std::vector<InvitationWorkspace> workspaces;
};


struct MemberChanges
	/// A partial update of a membership; null fields are left as they are. defaultRoles replaces
	/// the roles of the types it names.
{
	Poco::Nullable<std::string> role;
	Poco::Nullable<RoleMap> defaultRoles;
};


struct ResourceQuery : PageRequest
	/// Filters for a resource listing.
{
	std::string type;
	std::string workspace; ///< an id, or empty for all
};


struct MemberQuery : PageRequest
	/// Filters for a member listing: an exact role and a substring of username or name.
{
	std::string role;
	std::string search;
};


template <class T>
struct Page
	/// One page of a listing; nextCursor is empty on the last page.
{
	std::vector<T> items;
	std::string nextCursor;
};


struct RoleInfo
	/// One role of the catalog.
{
	std::string name;
	std::vector<std::string> permissions;
};


struct RoleScopeInfo
	/// The roles of one scope ("organization", "workspace", a resource type) and its default.
{
	std::string scope;
	std::vector<RoleInfo> roles;
	std::string defaultRole;
};


struct Plan
	/// A plan of orgs.plans and its limits; 0 means unlimited.
{
	std::string name;
	Poco::Int64 maxMembers = 0;            ///< members plus pending invitations (seats)
	Poco::Int64 maxWorkspaces = 0;         ///< workspaces
	Poco::Int64 maxPendingInvitations = 0; ///< pending (not expired) invitations
	bool customRoles = false;              ///< organizations may define custom roles (RoleService)
	bool allowsMembers = true;             ///< false: a shared organization takes no other members
	std::string memberRole;                ///< non-empty: every member holds this organization role
};


struct Usage
	/// What an organization consumes, and its plan.
{
	Id organizationId = 0;
	Plan plan;
	Poco::Int64 members = 0;
	Poco::Int64 pendingInvitations = 0; ///< pending and not expired; they hold seats
	Poco::Int64 workspaces = 0;
	Poco::Int64 resources = 0;
	Poco::Int64 apiRequestsMonth = 0; ///< API requests since the start of the month (UTC)
	Poco::Timestamp monthStart;
};


struct InvitationSpec
	/// Who to invite: an email, an optional name and note, the organization role (empty: the
	/// configured default), workspaces with roles and default roles per resource type.
{
	std::string email;
	std::string name;
	std::string role;
	std::vector<InvitationWorkspace> workspaces;
	RoleMap defaultRoles;
	std::string note;
};


struct Invitation
	/// An invitation as its organization sees it. status is "pending", "accepted", "declined",
	/// "revoked" or "expired" (pending past expiresAt). The token is never part of it.
{
	Id id = 0;
	Id organizationId = 0;
	std::string email;
	std::string name;
	std::string role;
	std::vector<InvitationWorkspace> workspaces;
	RoleMap defaultRoles;
	std::string note;
	std::string status;
	Id invitedBy = 0;
	std::string inviterUsername;
	std::string inviterName;
	Poco::Timestamp createdAt;
	Poco::Timestamp sentAt; ///< the last time it was (re)sent
	Poco::Timestamp expiresAt;
	Poco::Nullable<Poco::Timestamp> respondedAt; ///< accepted, declined or revoked
	Poco::Nullable<Id> acceptedBy;
};


struct IssuedInvitation
	/// An invitation just created or resent. token is the clear token, set only when
	/// orgs.invitations.exposeToken is true (development); otherwise only the mail carries it.
{
	Invitation invitation;
	std::string token;
};


struct InvitationView
	/// An invitation as the holder of its token sees it.
{
	Invitation invitation;
	std::string organizationUsername;
	std::string organizationTitle;
};


struct InvitationQuery : PageRequest
	/// Filters for an invitation listing: a status ("" for all).
{
	std::string status;
};


struct CustomRole
	/// A role of the workspace scope or of a resource type: from the configuration, or defined
	/// by one organization (custom, RoleService).
{
	Id id = 0;         ///< custom roles only
	std::string scope; ///< "workspace" or a resource type
	std::string name;
	std::vector<std::string> permissions; ///< permission names, in vocabulary order
	std::string description;
	bool custom = false; ///< defined by the organization; false for a configuration role
	Id createdBy = 0;    ///< custom roles only
	Poco::Timestamp createdAt;
	Poco::Timestamp updatedAt;
};


struct CustomRoleSpec
	/// A custom role to create.
{
	std::string scope; ///< "workspace" or a resource type
	std::string name;  ///< a lowercase slug, unique in the scope
	std::vector<std::string> permissions;
	std::string description;
};


struct CustomRoleChanges
	/// The fields of a custom role to change; null fields stay as they are.
{
	Poco::Nullable<std::vector<std::string>> permissions;
	Poco::Nullable<std::string> description;
};


} // namespace Orgs


#endif // Orgs_Model_INCLUDED
