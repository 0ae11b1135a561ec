//
// RoleServiceImpl.cpp
//
// Library: OrgsPlugin
// Package: Service
// Module:  RoleServiceImpl
//


#include "service/RoleServiceImpl.h"
#include "service/Validator.h"
#include "Orgs/Errors.h"
#include "Poco/String.h"


namespace Orgs {
namespace Service {


using Config::RoleCatalog;


namespace {


std::string joined(const std::vector<std::string>& names)
{
	std::string result;
	for (const auto& n : names)
		result += (result.empty() ? "" : ", ") + n;
	return result;
}


CustomRole configured(const std::string& scope, const std::string& name, PermissionSet permissions)
{
	CustomRole r;
	r.scope = scope;
	r.name = name;
	r.permissions = permissions.names();
	return r;
}


} // namespace


const Poco::Int64 RoleServiceImpl::MAX_ROLES;


RoleServiceImpl::RoleServiceImpl(Data::Database& database, Guard& guard, Access::RoleResolver& resolver,
                                 Clock::Ptr pClock, Quotas& quotas)
    : _database(database), _guard(guard), _resolver(resolver), _pClock(pClock), _quotas(quotas), _roles(database),
      _audit(database, pClock)
{
}


void RoleServiceImpl::checkScope(const std::string& scope) const
{
	if (scope == RoleCatalog::ORGANIZATION)
		throw InvalidInputException("Custom roles are workspace or resource roles; organization roles come from the "
		                            "configuration",
		                            "invalid_scope");
	if (!_resolver.catalog().hasScope(scope))
	{
		std::string scopes = _resolver.catalog().hasScope(RoleCatalog::WORKSPACE) ? RoleCatalog::WORKSPACE : "";
		for (const auto& t : _resolver.catalog().resourceTypes())
			scopes += (scopes.empty() ? "" : ", ") + t;
		throw InvalidInputException("scope must be one of: " + scopes, "invalid_scope");
	}
}


std::vector<std::string> RoleServiceImpl::checkPermissions(const std::string& scope,
                                                           const std::vector<std::string>& names) const
{
	if (names.empty())
		throw InvalidInputException("A role needs at least one permission", "missing_permissions");
	const PermissionSet meaningful = _resolver.catalog().scopePermissions(scope);
	PermissionSet set;
	for (const auto& name : names)
	{
		Permission p;
		if (!parsePermission(name, p))
			throw InvalidInputException("'" + name + "' is not a permission", "unknown_permission");
		if (!meaningful.has(p))
			throw InvalidInputException("'" + name + "' is an organization-level permission: it means nothing in a " +
			                                scope + " role (allowed: " + joined(meaningful.names()) + ")",
			                            "permission_not_in_scope");
		set.add(p);
	}
	return set.names();
}


void RoleServiceImpl::requirePlan(const Organization& org) const
{
	const Plan& plan = _quotas.planOf(org);
	if (!plan.customRoles)
		throw ForbiddenException("'" + org.username + "' is on plan '" + plan.name +
		                             "', which does not allow custom roles (orgs.plans." + plan.name + ".customRoles)",
		                         "plan_limit");
}


void RoleServiceImpl::requireHeld(const Guard::Scope& scope, const std::string& name,
                                  const std::vector<std::string>& before, const std::vector<std::string>& after) const
{
	PermissionSet held = scope.grant.permissions;
	held |= _resolver.implied(scope.grant.role);
	const PermissionSet added(Access::RoleResolver::parse(after).bits() & ~Access::RoleResolver::parse(before).bits());
	Guard::requireWithin(scope, held, added, "Giving role '" + name + "' these permissions");
}


CustomRole RoleServiceImpl::existing(Poco::Data::Session& session, Id orgId, const std::string& scope,
                                     const std::string& name)
{
	if (_resolver.catalog().hasRole(scope, name))
		throw ConflictException("'" + name + "' is a " + scope +
		                            " role of the configuration: it cannot be changed or deleted here",
		                        "role_not_custom");
	Poco::Nullable<CustomRole> found = _roles.find(session, orgId, scope, name);
	if (found.isNull())
		throw NotFoundException("No " + scope + " role '" + name + "' in this organization", "role_not_found");
	return found.value();
}


std::vector<CustomRole> RoleServiceImpl::listRoles(Id actorId, const std::string& org)
{
	return _database.withSession([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.visible(session, actorId, org);
		std::vector<CustomRole> result;
		for (const auto& info : _resolver.catalog().describe())
		{
			if (info.scope == RoleCatalog::ORGANIZATION)
				continue;
			for (const auto& r : info.roles)
				result.push_back(configured(info.scope, r.name, _resolver.permissions(info.scope, r.name)));
		}
		for (auto& r : _roles.list(session, scope.organization.id))
			result.push_back(r);
		return result;
	});
}


CustomRole RoleServiceImpl::createRole(Id actorId, const std::string& org, const CustomRoleSpec& spec)
{
	checkScope(spec.scope);
	if (!RoleCatalog::isValidRoleName(spec.name))
		throw InvalidInputException("A role name is a lowercase slug: a-z, 0-9, _ and -, starting with a letter, at "
		                            "most 64 characters",
		                            "invalid_role_name");
	const std::vector<std::string> permissions = checkPermissions(spec.scope, spec.permissions);
	const std::string description = Poco::trim(spec.description);
	Validator::name("description", description, 0, 500);
	return _database.transact([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.require(session, actorId, org, Permission::RolesManage, true);
		const Id orgId = scope.organization.id;
		requirePlan(scope.organization);
		requireHeld(scope, spec.name, {}, permissions);
		if (_resolver.catalog().hasRole(spec.scope, spec.name))
			throw ConflictException("'" + spec.name + "' is a " + spec.scope +
			                            " role of the configuration: a custom role cannot shadow it",
			                        "role_exists");
		if (_roles.count(session, orgId) >= MAX_ROLES)
			throw ConflictException("An organization has at most " + std::to_string(MAX_ROLES) + " custom roles",
			                        "role_limit");
		CustomRole r;
		r.scope = spec.scope;
		r.name = spec.name;
		r.permissions = permissions;
		r.description = description;
		r.custom = true;
		r.createdBy = actorId;
		r.createdAt = _pClock->now();
		r.updatedAt = r.createdAt;
		r.id = _roles.insert(session, orgId, r);
		_audit.record(session, orgId, actorId, "roles.created", {"role", r.id, r.scope + ":" + r.name},
		              AuditDetails().after("scope", r.scope).after("permissions", joined(r.permissions)));
		return r;
	});
}


CustomRole RoleServiceImpl::updateRole(Id actorId, const std::string& org, const std::string& scopeName,
                                       const std::string& name, const CustomRoleChanges& changes)
{
	checkScope(scopeName);
	Poco::Nullable<std::vector<std::string>> permissions;
	if (!changes.permissions.isNull())
		permissions = checkPermissions(scopeName, changes.permissions.value());
	Poco::Nullable<std::string> description;
	if (!changes.description.isNull())
	{
		description = Poco::trim(changes.description.value());
		Validator::name("description", description.value(), 0, 500);
	}
	return _database.transact([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.require(session, actorId, org, Permission::RolesManage, true);
		const Id orgId = scope.organization.id;
		CustomRole r = existing(session, orgId, scopeName, name);
		requirePlan(scope.organization);
		AuditDetails details;
		bool changed = false;
		if (!permissions.isNull() && permissions.value() != r.permissions)
		{
			requireHeld(scope, name, r.permissions, permissions.value());
			details.change("permissions", joined(r.permissions), joined(permissions.value()));
			r.permissions = permissions.value();
			changed = true;
		}
		if (!description.isNull() && description.value() != r.description)
		{
			details.change("description", r.description, description.value());
			r.description = description.value();
			changed = true;
		}
		if (changed)
		{
			r.updatedAt = _pClock->now();
			_roles.update(session, orgId, r);
			_audit.record(session, orgId, actorId, "roles.updated", {"role", r.id, r.scope + ":" + r.name}, details);
		}
		return r;
	});
}


void RoleServiceImpl::deleteRole(Id actorId, const std::string& org, const std::string& scopeName,
                                 const std::string& name)
{
	checkScope(scopeName);
	_database.transact([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.require(session, actorId, org, Permission::RolesManage, true);
		const Id orgId = scope.organization.id;
		const CustomRole r = existing(session, orgId, scopeName, name);
		const std::vector<std::string> uses =
		    _roles.inUse(session, orgId, scopeName, name, scopeName == RoleCatalog::WORKSPACE);
		if (!uses.empty())
			throw ConflictException("Role '" + name + "' is still held (" + joined(uses) +
			                            "): give those another role first",
			                        "role_in_use");
		_roles.remove(session, orgId, scopeName, name);
		_audit.record(session, orgId, actorId, "roles.deleted", {"role", r.id, r.scope + ":" + r.name},
		              AuditDetails().before("scope", r.scope).before("permissions", joined(r.permissions)));
	});
}


} // namespace Service
} // namespace Orgs
