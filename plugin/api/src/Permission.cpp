//
// Permission.cpp
//
// Library: Orgs
// Package: Access
// Module:  Permission
//


#include "Orgs/Permission.h"
#include <array>


namespace Orgs {


namespace {


const std::array<std::string, static_cast<std::size_t>(Permission::COUNT)> NAMES = {
    "org.read",           "org.update",       "members.read",        "members.add",
    "members.update",     "members.remove",   "invitations.read",    "invitations.create",
    "invitations.revoke", "workspaces.read",  "workspaces.list_all", "workspaces.create",
    "workspace.read",     "workspace.update", "workspace.delete",    "workspace.members.manage",
    "resources.read",     "resources.create", "resources.delete",    "resource.read",
    "resource.write",     "resource.label",   "resource.review",     "resource.manage",
    "audit.read",         "usage.read",       "roles.manage",        "plan.read",
    "billing.manage",     "sso.manage",       "domains.manage",      "scim.manage",
    "webhooks.manage",    "events.read",
};


static_assert(static_cast<std::size_t>(Permission::COUNT) <= 64, "a PermissionSet holds at most 64 permissions");


} // namespace


const std::string& permissionName(Permission p)
{
	return NAMES.at(static_cast<std::size_t>(p));
}


bool parsePermission(const std::string& name, Permission& p)
{
	for (std::size_t i = 0; i < NAMES.size(); ++i)
	{
		if (NAMES[i] == name)
		{
			p = static_cast<Permission>(i);
			return true;
		}
	}
	return false;
}


PermissionSet PermissionSet::all()
{
	constexpr unsigned n = static_cast<unsigned>(Permission::COUNT);
	return PermissionSet(n == 64 ? ~Poco::UInt64(0) : (Poco::UInt64(1) << n) - 1);
}


std::vector<std::string> PermissionSet::names() const
{
	std::vector<std::string> result;
	for (std::size_t i = 0; i < NAMES.size(); ++i)
	{
		if (has(static_cast<Permission>(i)))
			result.push_back(NAMES[i]);
	}
	return result;
}


} // namespace Orgs
