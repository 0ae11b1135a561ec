//
// RoleCatalog.cpp
//
// Library: OrgsPlugin
// Package: Config
// Module:  RoleCatalog
//


#include "config/RoleCatalog.h"
#include "Poco/AutoPtr.h"
#include "Poco/Exception.h"
#include "Poco/File.h"
#include "Poco/RegularExpression.h"
#include "Poco/String.h"
#include "Poco/StringTokenizer.h"
#include "Poco/Util/LayeredConfiguration.h"
#include "Poco/Util/PropertyFileConfiguration.h"
#include <set>


namespace Orgs {
namespace Config {


const std::string RoleCatalog::ORGANIZATION("organization");
const std::string RoleCatalog::WORKSPACE("workspace");
const std::string RoleCatalog::NONE("none");


namespace {


const std::string PREFIX("orgs.roles.");


void fail(const std::string& source, const std::string& key, const std::string& message)
{
	throw Poco::DataFormatException(source + ": " + key + ": " + message);
}


bool isValidName(const std::string& name)
{
	static const Poco::RegularExpression re("^[a-z][a-z0-9_-]{0,63}$");
	return re.match(name);
}


PermissionSet parsePermissions(const std::string& value, const std::string& source, const std::string& key)
{
	PermissionSet set;
	if (Poco::trim(value).empty())
		return set;
	for (const auto& name : RoleCatalog::parseList(value, source + ": " + key))
	{
		if (name == "*")
		{
			set |= RoleCatalog::wildcard();
			continue;
		}
		Permission p;
		if (!parsePermission(name, p))
			fail(source, key, "unknown permission '" + name + "'");
		set.add(p);
	}
	return set;
}


} // namespace


PermissionSet RoleCatalog::wildcard()
{
	PermissionSet set;
	for (unsigned p = 0; p < static_cast<unsigned>(Permission::COUNT); ++p)
	{
		if (static_cast<Permission>(p) != Permission::BillingManage)
			set.add(static_cast<Permission>(p));
	}
	return set;
}


bool RoleCatalog::isValidRoleName(const std::string& name)
{
	return isValidName(name);
}


PermissionSet RoleCatalog::parseNames(const std::string& names)
{
	PermissionSet set;
	Poco::StringTokenizer tok(names, ",", Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
	for (const auto& name : tok)
	{
		Permission p;
		if (parsePermission(name, p))
			set.add(p);
	}
	return set;
}


std::string RoleCatalog::joinNames(PermissionSet permissions)
{
	std::string result;
	for (const auto& name : permissions.names())
		result += (result.empty() ? "" : ", ") + name;
	return result;
}


PermissionSet RoleCatalog::scopePermissions(const std::string& scope) const
{
	using P = Permission;
	auto setOf = [](std::initializer_list<Permission> list) {
		PermissionSet set;
		for (Permission p : list)
			set.add(p);
		return set;
	};
	if (scope == ORGANIZATION)
		return PermissionSet::all();
	if (!hasScope(scope))
		return PermissionSet();
	PermissionSet onResource = setOf({P::ResourceRead, P::ResourceWrite, P::ResourceLabel, P::ResourceReview,
	                                  P::ResourceManage, P::ResourcesRead, P::ResourcesDelete});
	if (scope != WORKSPACE)
		return onResource;
	onResource |= setOf(
	    {P::WorkspaceRead, P::WorkspaceUpdate, P::WorkspaceDelete, P::WorkspaceMembersManage, P::ResourcesCreate});
	return onResource;
}


std::vector<std::string> RoleCatalog::parseList(const std::string& value, const std::string& where)
{
	std::vector<std::string> result;
	if (Poco::trim(value).empty())
		return result;
	Poco::StringTokenizer tok(value, ",", Poco::StringTokenizer::TOK_TRIM);
	for (const auto& item : tok)
	{
		if (item.empty())
			throw Poco::DataFormatException(where + ": malformed list '" + value + "' (empty element)");
		result.push_back(item);
	}
	return result;
}


RoleCatalog RoleCatalog::load(const Poco::Util::AbstractConfiguration& config, const std::string& source,
                              const std::string& file)
{
	if (file.empty())
		return load(config, source);
	if (!Poco::File(file).exists())
		throw Poco::DataFormatException("orgs.roles.file: cannot read the roles file '" + file + "'");
	// The roles file lies beneath the configuration, so --define can override a role too.
	Poco::AutoPtr<Poco::Util::LayeredConfiguration> pLayered = new Poco::Util::LayeredConfiguration;
	pLayered->add(
	    Poco::AutoPtr<Poco::Util::AbstractConfiguration>(const_cast<Poco::Util::AbstractConfiguration*>(&config), true),
	    0);
	pLayered->add(Poco::AutoPtr<Poco::Util::AbstractConfiguration>(new Poco::Util::PropertyFileConfiguration(file)),
	              10);
	return load(*pLayered, file);
}


RoleCatalog RoleCatalog::load(const Poco::Util::AbstractConfiguration& config, const std::string& source)
{
	RoleCatalog catalog;

	std::vector<std::string> scopeNames{ORGANIZATION};
	if (config.has(PREFIX + WORKSPACE))
		scopeNames.push_back(WORKSPACE);
	catalog._resourceTypes = parseList(config.getString("orgs.resources.types", ""), source + ": orgs.resources.types");
	for (const auto& type : catalog._resourceTypes)
	{
		if (!isValidName(type) || type == ORGANIZATION || type == WORKSPACE)
			fail(source, "orgs.resources.types", "invalid resource type '" + type + "'");
		scopeNames.push_back(type);
	}

	for (const auto& scopeName : scopeNames)
	{
		const std::string listKey = PREFIX + scopeName;
		if (!config.has(listKey))
			fail(source, listKey, "missing: every scope needs a list of roles");
		Scope scope;
		scope.name = scopeName;
		std::set<std::string> seen;
		for (const auto& roleName : parseList(config.getString(listKey), source + ": " + listKey))
		{
			if (!isValidName(roleName))
				fail(source, listKey,
				     "invalid role name '" + roleName + "' (a-z, 0-9, _ and -, starting with a letter)");
			if (!seen.insert(roleName).second)
				fail(source, listKey, "duplicate role '" + roleName + "'");
			const std::string permKey = listKey + "." + roleName + ".permissions";
			if (!config.has(permKey) && roleName != "none")
				fail(source, permKey, "missing: role '" + roleName + "' has no permission list");
			Role role;
			role.name = roleName;
			role.permissions = parsePermissions(config.getString(permKey, ""), source, permKey);
			scope.roles.push_back(role);
		}
		if (scope.roles.empty())
			fail(source, listKey, "a scope needs at least one role");

		const std::string defaultKey = listKey + ".default";
		scope.defaultRole = Poco::trim(config.getString(defaultKey, scope.roles.front().name));
		if (!seen.count(scope.defaultRole))
			fail(source, defaultKey, "default role '" + scope.defaultRole + "' is not defined in " + listKey);
		const std::string creatorKey = listKey + ".creatorRole";
		scope.creatorRole = Poco::trim(config.getString(creatorKey, scope.roles.back().name));
		if (!seen.count(scope.creatorRole) || (scopeName != ORGANIZATION && scope.creatorRole == NONE))
			fail(source, creatorKey, "creator role '" + scope.creatorRole + "' is not a role of " + listKey);
		catalog._scopes.push_back(scope);
	}

	// An organization role may hold a workspace role in every workspace (LangSmith's Organization Admin).
	for (auto& role : catalog._scopes.front().roles)
	{
		const std::string key = PREFIX + ORGANIZATION + "." + role.name + ".impliesWorkspaceRole";
		role.impliesWorkspaceRole = Poco::trim(config.getString(key, ""));
		if (role.impliesWorkspaceRole.empty())
			continue;
		if (!catalog.hasRole(WORKSPACE, role.impliesWorkspaceRole))
			fail(source, key, "'" + role.impliesWorkspaceRole + "' is not a role of " + PREFIX + WORKSPACE);
		role.impliedPermissions = catalog.permissions(WORKSPACE, role.impliesWorkspaceRole);
	}

	const std::string formerOwnerKey = PREFIX + ORGANIZATION + ".formerOwner";
	const Scope& org = catalog._scopes.front();
	catalog._formerOwnerRole = Poco::trim(config.getString(formerOwnerKey, org.roles.back().name));
	if (!catalog.hasRole(ORGANIZATION, catalog._formerOwnerRole))
		fail(source, formerOwnerKey,
		     "role '" + catalog._formerOwnerRole + "' is not defined in " + PREFIX + ORGANIZATION);
	return catalog;
}


const RoleCatalog::Scope* RoleCatalog::findScope(const std::string& scope) const
{
	for (const auto& s : _scopes)
	{
		if (s.name == scope)
			return &s;
	}
	return nullptr;
}


const RoleCatalog::Role* RoleCatalog::findRole(const std::string& scope, const std::string& role) const
{
	const int i = roleIndex(scope, role);
	return i < 0 ? nullptr : &findScope(scope)->roles[static_cast<std::size_t>(i)];
}


int RoleCatalog::roleIndex(const std::string& scope, const std::string& role) const
{
	const Scope* s = findScope(scope);
	if (s)
	{
		for (std::size_t i = 0; i < s->roles.size(); ++i)
		{
			if (s->roles[i].name == role)
				return static_cast<int>(i);
		}
	}
	return -1;
}


const std::string& RoleCatalog::roleName(const std::string& scope, int index) const
{
	static const std::string empty;
	const Scope* s = findScope(scope);
	if (!s || index < 0 || static_cast<std::size_t>(index) >= s->roles.size())
		return empty;
	return s->roles[static_cast<std::size_t>(index)].name;
}


bool RoleCatalog::hasRole(const std::string& scope, const std::string& role) const
{
	return roleIndex(scope, role) >= 0;
}


PermissionSet RoleCatalog::permissions(const std::string& scope, const std::string& role) const
{
	const Role* r = findRole(scope, role);
	return r ? r->permissions : PermissionSet();
}


const std::string& RoleCatalog::creatorRole(const std::string& scope) const
{
	const Scope* s = findScope(scope);
	if (!s)
		throw Poco::NotFoundException("role scope", scope);
	return s->creatorRole;
}


bool RoleCatalog::hasScope(const std::string& scope) const
{
	return findScope(scope) != nullptr;
}


std::vector<std::string> RoleCatalog::rolesWith(const std::string& scope, Permission permission) const
{
	std::vector<std::string> result;
	const Scope* s = findScope(scope);
	if (s)
	{
		for (const auto& r : s->roles)
		{
			if (r.permissions.has(permission))
				result.push_back(r.name);
		}
	}
	return result;
}


const std::string& RoleCatalog::defaultRole(const std::string& scope) const
{
	const Scope* s = findScope(scope);
	if (!s)
		throw Poco::NotFoundException("role scope", scope);
	return s->defaultRole;
}


const std::string& RoleCatalog::formerOwnerRole() const
{
	return _formerOwnerRole;
}


const std::vector<std::string>& RoleCatalog::resourceTypes() const
{
	return _resourceTypes;
}


std::vector<RoleScopeInfo> RoleCatalog::describe() const
{
	std::vector<RoleScopeInfo> result;
	for (const auto& s : _scopes)
	{
		RoleScopeInfo info;
		info.scope = s.name;
		info.defaultRole = s.defaultRole;
		for (const auto& r : s.roles)
			info.roles.push_back({r.name, r.permissions.names()});
		result.push_back(info);
	}
	return result;
}


} // namespace Config
} // namespace Orgs
