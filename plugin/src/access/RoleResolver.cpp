//
// RoleResolver.cpp
//
// Library: OrgsPlugin
// Package: Access
// Module:  RoleResolver
//


#include "access/RoleResolver.h"
#include "Orgs/Errors.h"
#include <algorithm>


namespace Orgs {
namespace Access {


using Config::RoleCatalog;


RoleResolver::RoleResolver(Data::Database& database, const Config::RoleCatalog& catalog)
    : _catalog(catalog), _customRoles(database)
{
}


PermissionSet RoleResolver::parse(const std::vector<std::string>& names)
{
	PermissionSet set;
	for (const auto& name : names)
	{
		Permission p;
		if (parsePermission(name, p))
			set.add(p);
	}
	return set;
}


PermissionSet RoleResolver::custom(const std::string& scope, const std::vector<std::string>& names) const
{
	// Only what means something in the scope: a stored name of another scope grants nothing.
	return PermissionSet(parse(names).bits() & _catalog.scopePermissions(scope).bits());
}


PermissionSet RoleResolver::permissions(const std::string& scope, const std::string& role,
                                        const std::string& customPermissions) const
{
	if (const RoleCatalog::Role* pRole = _catalog.findRole(scope, role))
		return pRole->permissions;
	if (customPermissions.empty())
		return PermissionSet();
	return PermissionSet(RoleCatalog::parseNames(customPermissions).bits() & _catalog.scopePermissions(scope).bits());
}


PermissionSet RoleResolver::permissions(Poco::Data::Session& session, Id organizationId, const std::string& scope,
                                        const std::string& role)
{
	if (const RoleCatalog::Role* pRole = _catalog.findRole(scope, role))
		return pRole->permissions;
	if (scope == RoleCatalog::ORGANIZATION || role.empty())
		return PermissionSet();
	Poco::Nullable<CustomRole> found = _customRoles.find(session, organizationId, scope, role);
	if (found.isNull())
		return PermissionSet();
	return custom(scope, found.value().permissions);
}


PermissionSet RoleResolver::implied(const std::string& organizationRole) const
{
	const RoleCatalog::Role* pRole = _catalog.findRole(RoleCatalog::ORGANIZATION, organizationRole);
	return pRole ? pRole->impliedPermissions : PermissionSet();
}


PermissionSet RoleResolver::evaluate(const Data::AccessRepository::Standing& s, Id accountId,
                                     std::vector<GrantSource>* pSources) const
{
	auto note = [&](const std::string& source, const std::string& role, Id scopeId, PermissionSet p) {
		if (pSources)
			pSources->push_back({source, role, scopeId, p.names()});
	};
	if (!s.organizationExists)
		return PermissionSet();
	if (s.ownerAccountId == accountId)
	{
		note("owner", "", 0, PermissionSet::all());
		return PermissionSet::all();
	}
	if (!s.member)
		return PermissionSet();

	PermissionSet result;
	const RoleCatalog::Role* pOrgRole = _catalog.findRole(RoleCatalog::ORGANIZATION, s.organizationRole);
	if (pOrgRole)
	{
		result |= pOrgRole->permissions;
		note("organization", pOrgRole->name, 0, pOrgRole->permissions);
	}
	if (!s.scopeExists)
		return result;
	if (pOrgRole && !pOrgRole->impliesWorkspaceRole.empty())
	{
		result |= pOrgRole->impliedPermissions;
		note("implied_workspace", pOrgRole->impliesWorkspaceRole, s.workspaceId, pOrgRole->impliedPermissions);
	}
	if (!s.workspaceRole.empty())
	{
		const PermissionSet p = permissions(RoleCatalog::WORKSPACE, s.workspaceRole, s.customWorkspacePermissions);
		result |= p;
		note("workspace", s.workspaceRole, s.workspaceId, p);
	}
	if (!s.resourceRole.empty())
	{
		const PermissionSet p = permissions(s.resourceType, s.resourceRole, s.customResourcePermissions);
		result |= p;
		note("resource", s.resourceRole, s.resourceId, p);
	}
	return result;
}


bool RoleResolver::knows(Poco::Data::Session& session, Id organizationId, const std::string& scope,
                         const std::string& role)
{
	if (_catalog.hasRole(scope, role))
		return true;
	if (scope == RoleCatalog::ORGANIZATION || !_catalog.hasScope(scope) || role.empty())
		return false;
	return !_customRoles.find(session, organizationId, scope, role).isNull();
}


std::string RoleResolver::check(const std::string& scope, const std::string& role) const
{
	const std::string r = role.empty() ? _catalog.defaultRole(scope) : role;
	if (!_catalog.hasRole(scope, r))
		throw InvalidInputException("role '" + r + "' is not a " + scope + " role (see GET /roles)", "unknown_role");
	return r;
}


std::string RoleResolver::check(Poco::Data::Session& session, Id organizationId, const std::string& scope,
                                const std::string& role)
{
	const std::string r = role.empty() ? _catalog.defaultRole(scope) : role;
	if (!knows(session, organizationId, scope, r))
		throw InvalidInputException("role '" + r + "' is not a " + scope + " role (see GET /orgs/{org}/roles)",
		                            "unknown_role");
	return r;
}


void RoleResolver::checkDefaultRoles(Poco::Data::Session& session, Id organizationId, const RoleMap& roles)
{
	for (const auto& kv : roles)
	{
		const auto& types = _catalog.resourceTypes();
		if (std::find(types.begin(), types.end(), kv.first) == types.end())
			throw InvalidInputException("'" + kv.first + "' is not a resource type (orgs.resources.types)",
			                            "unknown_resource_type");
		if (!knows(session, organizationId, kv.first, kv.second))
			throw InvalidInputException(
			    "role '" + kv.second + "' is not a " + kv.first + " role (see GET /orgs/{org}/roles)", "unknown_role");
	}
}


std::vector<std::string> RoleResolver::rolesWith(Poco::Data::Session& session, Id organizationId,
                                                 const std::string& scope, PermissionSet anyOf)
{
	std::vector<std::string> result;
	for (unsigned p = 0; p < static_cast<unsigned>(Permission::COUNT); ++p)
	{
		if (!anyOf.has(static_cast<Permission>(p)))
			continue;
		for (auto& r : _catalog.rolesWith(scope, static_cast<Permission>(p)))
		{
			if (std::find(result.begin(), result.end(), r) == result.end())
				result.push_back(r);
		}
	}
	if (scope == RoleCatalog::ORGANIZATION)
		return result;
	for (const auto& role : _customRoles.list(session, organizationId))
	{
		if (role.scope == scope && (custom(scope, role.permissions).bits() & anyOf.bits()) != 0)
			result.push_back(role.name);
	}
	return result;
}


} // namespace Access
} // namespace Orgs
