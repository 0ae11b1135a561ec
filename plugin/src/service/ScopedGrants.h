//
// ScopedGrants.h
//
// Library: OrgsPlugin
// Package: Service
// Module:  ScopedGrants
//
// Roles of organization members within a scope: workspace members and resource collaborators.
//


#ifndef Orgs_ScopedGrants_INCLUDED
#define Orgs_ScopedGrants_INCLUDED


#include "Orgs/Model.h"
#include "access/Grants.h"
#include "access/RoleResolver.h"
#include "data/MembershipRepository.h"
#include "data/ScopedGrantRepository.h"
#include "service/AuditTrail.h"
#include "service/Clock.h"
#include "service/Guard.h"
#include "Poco/Nullable.h"
#include <functional>
#include <string>
#include <vector>


namespace Orgs {
namespace Service {


class ScopedGrants
	/// A role that a member of an organization holds within one of its scopes, set, listed and
	/// removed by other members: the members of a workspace (WORKSPACE, role scope "workspace")
	/// and the collaborators on a resource (RESOURCE, role scope the resource's type). One
	/// object serves one kind; the rules are the same for both:
	///
	///   - a scope (a workspace or a resource) is visible to an actor whose permissions there
	///     include one of Kind::seenWith, or whose organization permissions include one of
	///     Kind::seenOrgWide; an invisible one is the same NotFoundException as a missing one;
	///   - listing needs one of Kind::listWith there; setting and removing Kind::manageWith;
	///   - only members of the organization hold a role there (ConflictException "not_a_member");
	///   - nobody but the owner gives, changes or removes a role with permissions they do not
	///     hold there themselves (ForbiddenException "role_exceeds_own"), a custom role of the
	///     organization included (RoleResolver);
	///   - every change bumps the organization's acl_version and writes an audit event,
	///     "<Kind::audit>.set" or "<Kind::audit>.removed", naming the account, with the scope
	///     ({"workspace"|"resource": {id, name}}) and the role before and after.
	///
	/// Every call that changes something runs inside the caller's transaction, after
	/// Guard::visible() with lock, on a target that visible() returned with inTransaction.
{
public:
	struct Kind
		/// What tells one kind of scope from the other.
	{
		std::string name;      ///< "workspace", "resource": in messages and audit details
		std::string roleScope; ///< "workspace"; empty where it is the target's (a resource's type)
		const Data::ScopedGrantRepository::Table& table;
		std::string audit;         ///< the audit actions' prefix
		std::string notFound;      ///< the code of an invisible or missing scope
		std::string grantNotFound; ///< the code of removing a role nobody holds there
		std::string notHolding;    ///< its detail, between the username and the scope's name
		std::string rolesThere;    ///< "in workspace ", "on ": where a 403 says roles are held
		PermissionSet seenWith;    ///< held there, any of them makes the scope visible
		PermissionSet seenOrgWide; ///< held in the organization, any makes it visible
		PermissionSet listWith;    ///< held there, any of them lists the roles
		Permission manageWith;     ///< held there, sets and removes roles
		bool emptyRoleIsDefault;   ///< an empty role is the scope's default (else "unknown_role")
		bool noneRemoves;          ///< the role "none" removes the account's role
	};

	static const Kind WORKSPACE;
	static const Kind RESOURCE;

	using Grant = Data::ScopedGrantRepository::Row;

	template <class Model>
	static Model as(const Grant& grant, Id Model::*scopeId)
		/// Returns the grant as its public model (WorkspaceMember, Collaborator), whose field
		/// scopeId names the scope.
	{
		Model m;
		m.*scopeId = grant.scopeId;
		m.accountId = grant.accountId;
		m.username = grant.username;
		m.name = grant.name;
		m.role = grant.role;
		m.createdAt = grant.createdAt;
		return m;
	}

	struct Target
		/// A workspace or a resource, and the actor's permissions there.
	{
		Id id = 0;
		std::string name;
		std::string roleScope; ///< "workspace", or the resource's type
		PermissionSet permissions;
	};

	ScopedGrants(Data::Database& database, Guard& guard, Access::Grants& grants, Access::RoleResolver& roles,
	             Clock::Ptr pClock, const Kind& kind);

	static Poco::Nullable<Target> of(const Poco::Nullable<Workspace>& workspace);
	static Poco::Nullable<Target> of(const Poco::Nullable<Resource>& resource);
		/// Returns the target a workspace or resource row names (null for none).

	void requireScope() const;
		/// Throws InvalidInputException ("workspaces_disabled") if the kind's role scope is not
		/// configured (no orgs.roles.workspace): there are no workspace roles to hold.

	void checkRequest(const std::string& role) const;
		/// Before the transaction of set(): as requireScope(), and throws InvalidInputException
		/// ("unknown_role") for an empty role where it has no default.

	Target visible(Poco::Data::Session& session, const Guard::Scope& scope, Id actorId, Id id,
	               bool inTransaction = false);
		/// Returns the workspace or resource id of the scope's organization with the actor's
		/// permissions there if the actor may see it. The permissions come from the cache, or
		/// with inTransaction are read within the caller's transaction (for decisions a write
		/// depends on). Throws NotFoundException (Kind::notFound) for a missing or invisible one.

	Target visible(Poco::Data::Session& session, const Guard::Scope& scope, Id actorId, Id id,
	               const Poco::Nullable<Target>& found, bool inTransaction = false);
		/// As above, for a caller that read the scope's row itself (found, null if missing).

	void require(const Target& target, PermissionSet anyOf) const;
		/// Throws ForbiddenException ("permission_denied") unless the actor holds one of anyOf
		/// there.

	void require(const Target& target, Permission permission) const;
		/// As above, for one permission.

	std::vector<Grant> list(Poco::Data::Session& session, const Target& target, Id afterAccountId, int limit);
		/// Returns up to limit roles held there, by account id above afterAccountId. Throws as
		/// require() without one of Kind::listWith.

	Grant set(Poco::Data::Session& session, const Guard::Scope& scope, Id actorId, const Target& target,
	          const std::string& account, const std::string& role);
		/// Gives the account the role there, or changes it (nothing if it holds it already); with
		/// Kind::noneRemoves the role "none" removes it, and the answer has role "none". Throws
		/// as require() without Kind::manageWith, InvalidInputException ("unknown_role"),
		/// NotFoundException ("account_not_found"), ConflictException ("not_a_member"),
		/// ForbiddenException ("role_exceeds_own").

	void remove(Poco::Data::Session& session, const Guard::Scope& scope, Id actorId, const Target& target,
	            const std::string& account, const std::function<void(const Account&)>& beforeRemoving = nullptr);
		/// Removes the account's role there; beforeRemoving may refuse it by throwing. Throws as
		/// set(), and NotFoundException (Kind::grantNotFound) if it holds none.

	void place(Poco::Data::Session& session, Id organizationId, Id actorId, const Target& target,
	           const AuditTarget& account, const std::string& role, bool record);
		/// Gives a member who is joining the organization a role there, as decided by Admission
		/// (which checked it), and records "<Kind::audit>.set" by actorId if record.

	void insert(Poco::Data::Session& session, Id organizationId, Id scopeId, Id accountId, const std::string& role,
	            const Poco::Timestamp& at);
		/// Gives the creator of an organization, workspace or resource its creator role there,
		/// in the transaction that creates it (the creation's own event covers it).

private:
	PermissionSet permissions(Poco::Data::Session& session, Id organizationId, Id actorId, Id id, bool inTransaction);
	AuditDetails details(const Target& target) const;

	Guard& _guard;
	Access::Grants& _grants;
	Access::RoleResolver& _roles;
	Clock::Ptr _pClock;
	const Kind& _kind;
	Data::ScopedGrantRepository _rows;
	Data::MembershipRepository _memberships;
	AuditTrail _audit;
};


} // namespace Service
} // namespace Orgs


#endif // Orgs_ScopedGrants_INCLUDED
