//
// RoleServiceImpl.h
//
// Library: OrgsPlugin
// Package: Service
// Module:  RoleServiceImpl
//
// Per-organization custom roles: the rules and the transactions.
//


#ifndef Orgs_RoleServiceImpl_INCLUDED
#define Orgs_RoleServiceImpl_INCLUDED


#include "Orgs/RoleService.h"
#include "access/RoleResolver.h"
#include "data/RoleRepository.h"
#include "service/AuditTrail.h"
#include "service/Clock.h"
#include "service/Guard.h"
#include "service/Quotas.h"


namespace Orgs {
namespace Service {


class RoleServiceImpl : public Orgs::RoleService
	/// Implements RoleService. Every change locks the organization row, checks the actor
	/// (owner or roles.manage) and the plan (orgs.plans.<plan>.customRoles, for creating and
	/// changing) and writes an audit event (roles.created, roles.updated, roles.deleted); the
	/// repository records a change of permissions, so the commit bumps the organization's
	/// acl_version and cached grants take the change at once.
{
public:
	static const Poco::Int64 MAX_ROLES = 100;
		/// Custom roles per organization.

	RoleServiceImpl(Data::Database& database, Guard& guard, Access::RoleResolver& resolver, Clock::Ptr pClock,
	                Quotas& quotas);

	std::vector<CustomRole> listRoles(Id actorId, const std::string& org) override;
	CustomRole createRole(Id actorId, const std::string& org, const CustomRoleSpec& spec) override;
	CustomRole updateRole(Id actorId, const std::string& org, const std::string& scope, const std::string& name,
	                      const CustomRoleChanges& changes) override;
	void deleteRole(Id actorId, const std::string& org, const std::string& scope, const std::string& name) override;

private:
	void checkScope(const std::string& scope) const;
	std::vector<std::string> checkPermissions(const std::string& scope, const std::vector<std::string>& names) const;
	void requirePlan(const Organization& org) const;
	void requireHeld(const Guard::Scope& scope, const std::string& name, const std::vector<std::string>& before,
	                 const std::vector<std::string>& after) const;
		/// Unless the actor owns the organization, every permission after adds to before must be
		/// one the actor holds in every workspace and resource already (organization role and
		/// the workspace role it implies): else an editor holding the role could raise itself.
	CustomRole existing(Poco::Data::Session& session, Id orgId, const std::string& scope, const std::string& name);

	Data::Database& _database;
	Guard& _guard;
	Access::RoleResolver& _resolver;
	Clock::Ptr _pClock;
	Quotas& _quotas;
	Data::RoleRepository _roles;
	AuditTrail _audit;
};


} // namespace Service
} // namespace Orgs


#endif // Orgs_RoleServiceImpl_INCLUDED
