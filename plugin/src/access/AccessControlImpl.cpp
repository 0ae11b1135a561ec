//
// AccessControlImpl.cpp
//
// Library: OrgsPlugin
// Package: Access
// Module:  AccessControlImpl
//


#include "access/AccessControlImpl.h"
#include "Poco/Delegate.h"
#include <algorithm>
#include <utility>


namespace Orgs {
namespace Access {


using Config::RoleCatalog;
using Data::AccessRepository;


AccessControlImpl::AccessControlImpl(Data::Database& database, const RoleResolver& roles, Poco::Int64 maxStalenessNs,
                                     std::size_t cacheEntries, Ticker::Source clock)
    : _database(database), _repository(database), _resolver(roles), _roles(roles.catalog()),
      _maxStalenessNs(maxStalenessNs), _cache(cacheEntries), _ticker(tickerPeriodNs(maxStalenessNs), std::move(clock)),
      _freshNs(std::max<Poco::Int64>(0, maxStalenessNs - tickerPeriodNs(maxStalenessNs)))
{
	_database.committed += Poco::delegate(this, &AccessControlImpl::onCommitted);
}


AccessControlImpl::~AccessControlImpl()
{
	_database.committed -= Poco::delegate(this, &AccessControlImpl::onCommitted);
}


void AccessControlImpl::onCommitted(const void*, const Data::Database::Changes& changes)
{
	for (Id organizationId : changes.access)
		invalidate(organizationId);
}


Poco::Int64 AccessControlImpl::tickerPeriodNs(Poco::Int64 maxStalenessNs)
{
	if (maxStalenessNs <= 0)
		return 0;
	return std::min<Poco::Int64>(10000000, std::max<Poco::Int64>(1000000, maxStalenessNs / 100));
}


AccessRepository::Standing AccessControlImpl::standing(Poco::Data::Session& session, const GrantCache::Key& key)
{
	const Poco::UInt64 kind = key.scope >> 56;
	const Id id = static_cast<Id>(key.scope & ((Poco::UInt64(1) << 56) - 1));
	if (kind == GrantCache::WORKSPACE)
		return _repository.workspace(session, key.account, key.organization, id);
	if (kind == GrantCache::RESOURCE)
		return _repository.resource(session, key.account, key.organization, id);
	return _repository.organization(session, key.account, key.organization);
}


GrantCache::Grant AccessControlImpl::load(const GrantCache::Key& key, Poco::UInt64 localVersion,
                                          Poco::Data::Session* pSession)
{
	// The staleness window starts before the read: a change committed by another process while
	// it runs is caught within maxStaleness of the read, not of its end.
	const Poco::Int64 readAt = _ticker.refresh();
	const AccessRepository::Standing s =
	    withSession(pSession, [&](Poco::Data::Session& session) { return standing(session, key); });
	GrantCache::Grant g;
	g.exists = s.organizationExists && (key.scope == 0 || s.scopeExists);
	g.owner = s.organizationExists && s.ownerAccountId == key.account;
	g.member = g.owner || s.member;
	g.roleIndex = _roles.roleIndex(RoleCatalog::ORGANIZATION, s.organizationRole);
	g.permissions = g.exists ? _resolver.evaluate(s, key.account) : PermissionSet();
	g.aclVersion = s.organizationExists ? s.aclVersion : -1;
	g.localVersion = localVersion;
	g.validatedAt = readAt;
	_cache.store(key, g);
	return g;
}


GrantCache::Grant AccessControlImpl::reload(const GrantCache::Key& key, Poco::Data::Session* pSession)
{
	GrantCache::Grant g;
	// The local version is read before anything is loaded: a change that commits while this
	// check reads the database moves it on, and the entry stored below is born stale.
	const Poco::UInt64 localVersion = _cache.orgVersion(key.organization);
	if (_cache.find(key, g) && g.localVersion == localVersion)
	{
		const Poco::Int64 now = _ticker.refresh();
		if (now - g.validatedAt < _freshNs)
		{
			_hits.add(); // fresh by the clock, missed only by the ticker's lag
			return g;
		}
		// Older than the staleness bound: still right if no other process changed access since.
		const Poco::Int64 version = withSession(
		    pSession, [&](Poco::Data::Session& session) { return _repository.aclVersion(session, key.organization); });
		if (version == g.aclVersion)
		{
			_cache.validated(key, version, now);
			_revalidated.fetch_add(1, std::memory_order_relaxed);
			return g;
		}
	}
	_misses.fetch_add(1, std::memory_order_relaxed);
	return load(key, localVersion, pSession);
}


AccessControlImpl::Grant AccessControlImpl::grant(Id accountId, Id organizationId)
{
	return toGrant(lookup({accountId, organizationId, 0}));
}


AccessControlImpl::Grant AccessControlImpl::cachedGrant(Poco::Data::Session& session, Id accountId, Id organizationId)
{
	return toGrant(lookup({accountId, organizationId, 0}, &session));
}


PermissionSet AccessControlImpl::cachedPermissions(Poco::Data::Session& session, Id accountId, Id organizationId,
                                                   WorkspaceId workspace)
{
	return lookup({accountId, organizationId, GrantCache::scopeOf(GrantCache::WORKSPACE, workspace.value)}, &session)
	    .permissions;
}


PermissionSet AccessControlImpl::cachedPermissions(Poco::Data::Session& session, Id accountId, Id organizationId,
                                                   ResourceId resource)
{
	return lookup({accountId, organizationId, GrantCache::scopeOf(GrantCache::RESOURCE, resource.value)}, &session)
	    .permissions;
}


AccessControlImpl::Grant AccessControlImpl::toGrant(const GrantCache::Grant& g) const
{
	Grant result;
	result.exists = g.exists;
	result.member = g.member;
	result.owner = g.owner;
	result.role = _roles.roleName(RoleCatalog::ORGANIZATION, g.roleIndex);
	result.permissions = g.permissions;
	return result;
}


AccessControlImpl::Grant AccessControlImpl::grant(const AccessRepository::Standing& s, Id accountId) const
{
	Grant g;
	g.exists = s.organizationExists;
	g.owner = s.organizationExists && s.ownerAccountId == accountId;
	g.member = g.owner || s.member;
	g.role = s.organizationRole;
	g.permissions = _resolver.evaluate(s, accountId);
	return g;
}


PermissionSet AccessControlImpl::currentPermissions(Poco::Data::Session& session, Id accountId, Id organizationId,
                                                    WorkspaceId workspace)
{
	return _resolver.evaluate(_repository.workspace(session, accountId, organizationId, workspace.value), accountId);
}


PermissionSet AccessControlImpl::currentPermissions(Poco::Data::Session& session, Id accountId, Id organizationId,
                                                    ResourceId resource)
{
	return _resolver.evaluate(_repository.resource(session, accountId, organizationId, resource.value), accountId);
}


PermissionSet AccessControlImpl::permissions(Id accountId, Id organizationId, WorkspaceId workspace)
{
	return lookup({accountId, organizationId, GrantCache::scopeOf(GrantCache::WORKSPACE, workspace.value)}).permissions;
}


PermissionSet AccessControlImpl::permissions(Id accountId, Id organizationId, ResourceId resource)
{
	return lookup({accountId, organizationId, GrantCache::scopeOf(GrantCache::RESOURCE, resource.value)}).permissions;
}


void AccessControlImpl::invalidate(Id organizationId)
{
	_cache.invalidate(organizationId);
}


bool AccessControlImpl::isMember(Id accountId, Id organizationId)
{
	return lookup({accountId, organizationId, 0}).member;
}


bool AccessControlImpl::isOwner(Id accountId, Id organizationId)
{
	return lookup({accountId, organizationId, 0}).owner;
}


bool AccessControlImpl::isAllowed(Id accountId, Id organizationId, Permission permission)
{
	// The key is built twice so that the hit path keeps it in registers.
	PermissionSet permissions;
	if (fresh(GrantCache::Key{accountId, organizationId, 0}, permissions))
	{
		_hits.add();
		return permissions.has(permission);
	}
	return reload(GrantCache::Key{accountId, organizationId, 0}, nullptr).permissions.has(permission);
}


bool AccessControlImpl::isAllowed(Id accountId, Id organizationId, WorkspaceId workspace, Permission permission)
{
	return permissions(accountId, organizationId, workspace).has(permission);
}


bool AccessControlImpl::isAllowed(Id accountId, Id organizationId, ResourceId resource, Permission permission)
{
	return permissions(accountId, organizationId, resource).has(permission);
}


PermissionSet AccessControlImpl::permissions(Id accountId, Id organizationId)
{
	return lookup({accountId, organizationId, 0}).permissions;
}


Explanation AccessControlImpl::explain(const GrantCache::Key& key)
{
	Explanation e;
	if (key.scope == 0)
	{
		// In the organization the owner flag and the role say it all: answer from the cache.
		const GrantCache::Grant g = lookup(key);
		e.owner = g.owner;
		e.member = g.member;
		if (!g.exists)
			return e;
		e.permissions = g.permissions.names();
		if (g.owner)
			e.grants.push_back({"owner", "", 0, PermissionSet::all().names()});
		else if (g.member)
		{
			const std::string role = _roles.roleName(RoleCatalog::ORGANIZATION, g.roleIndex);
			if (_roles.hasRole(RoleCatalog::ORGANIZATION, role))
				e.grants.push_back(
				    {"organization", role, 0, _resolver.permissions(RoleCatalog::ORGANIZATION, role).names()});
		}
		return e;
	}
	const AccessRepository::Standing s =
	    _database.withSession([&](Poco::Data::Session& session) { return standing(session, key); });
	e.owner = s.organizationExists && s.ownerAccountId == key.account;
	e.member = e.owner || s.member;
	if (s.scopeExists)
		e.permissions = _resolver.evaluate(s, key.account, &e.grants).names();
	return e;
}


Explanation AccessControlImpl::explain(Id accountId, Id organizationId)
{
	return explain(GrantCache::Key{accountId, organizationId, 0});
}


Explanation AccessControlImpl::explain(Id accountId, Id organizationId, WorkspaceId workspace)
{
	return explain(
	    GrantCache::Key{accountId, organizationId, GrantCache::scopeOf(GrantCache::WORKSPACE, workspace.value)});
}


Explanation AccessControlImpl::explain(Id accountId, Id organizationId, ResourceId resource)
{
	return explain(
	    GrantCache::Key{accountId, organizationId, GrantCache::scopeOf(GrantCache::RESOURCE, resource.value)});
}


std::vector<RoleScopeInfo> AccessControlImpl::roles() const
{
	return _roles.describe();
}


} // namespace Access
} // namespace Orgs
