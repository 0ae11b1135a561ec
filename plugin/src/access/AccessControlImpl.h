//
// AccessControlImpl.h
//
// Library: OrgsPlugin
// Package: Access
// Module:  AccessControlImpl
//
// The permission check: compiled role bitsets behind a version-validated cache.
//


#ifndef Orgs_AccessControlImpl_INCLUDED
#define Orgs_AccessControlImpl_INCLUDED


#include "Orgs/AccessControl.h"
#include "access/GrantCache.h"
#include "access/Grants.h"
#include "access/RoleResolver.h"
#include "access/Ticker.h"
#include "config/RoleCatalog.h"
#include "data/AccessRepository.h"
#include "data/Database.h"
#include "metrics/ShardedCounter.h"
#include <atomic>


namespace Orgs {
namespace Access {


class AccessControlImpl : public Orgs::AccessControl, public Grants
	/// Implements AccessControl for the HTTP layer and in-process hosts, and Grants for the
	/// services.
	///
	/// A check looks up (account, organization, scope) in the GrantCache. A hit younger than
	/// maxStaleness, loaded under the organization's current local version, answers at once; an
	/// older one costs one query of the organization's acl_version; a miss costs one query
	/// (AccessRepository), compiled by the RoleResolver. A transaction that changes access records it in its unit of work
	/// (the repositories call Data::Database::accessChanged()); its commit increments
	/// acl_version, and this object, listening to Database::committed, invalidates the
	/// organization's entries in this process.
	///
	/// The hit path (fresh()) is inline and reads no clock: it compares the entry's validation
	/// time with a Ticker that a thread of this object keeps current from the plugin's clock.
	/// The ticker lags the clock by up to one period (maxStaleness / 100, from 1 to 10 ms), so
	/// an entry counts as fresh for maxStaleness minus that period; the slow paths read the
	/// clock itself.
{
public:
	using Grant = Grants::Grant;

	AccessControlImpl(Data::Database& database, const RoleResolver& roles, Poco::Int64 maxStalenessNs,
	                  std::size_t cacheEntries, Ticker::Source clock = Ticker::Source());
		/// clock is the staleness time (Service::Clock::monotonic()); empty: CLOCK_MONOTONIC.
		/// Listens to the database's committed changes until destroyed.

	~AccessControlImpl();

	Grant grant(Id accountId, Id organizationId) override;
	Grant cachedGrant(Poco::Data::Session& session, Id accountId, Id organizationId) override;
	Grant grant(const Data::AccessRepository::Standing& standing, Id accountId) const override;
	PermissionSet cachedPermissions(Poco::Data::Session& session, Id accountId, Id organizationId,
	                                WorkspaceId workspace) override;
	PermissionSet cachedPermissions(Poco::Data::Session& session, Id accountId, Id organizationId,
	                                ResourceId resource) override;
	PermissionSet currentPermissions(Poco::Data::Session& session, Id accountId, Id organizationId,
	                                 WorkspaceId workspace) override;
	PermissionSet currentPermissions(Poco::Data::Session& session, Id accountId, Id organizationId,
	                                 ResourceId resource) override;

	PermissionSet permissions(Id accountId, Id organizationId, WorkspaceId workspace);
	PermissionSet permissions(Id accountId, Id organizationId, ResourceId resource);
		/// Returns the permissions held in a workspace or on a resource (cached).

	void invalidate(Id organizationId);
		/// Makes this process's cached grants of the organization stale.

	Poco::Int64 maxStalenessNs() const;
		/// Returns orgs.access.maxStaleness in nanoseconds.

	std::size_t cacheEntries() const;
		/// Returns orgs.access.cacheEntries.

	bool isMember(Id accountId, Id organizationId) override;
	bool isOwner(Id accountId, Id organizationId) override;
	bool isAllowed(Id accountId, Id organizationId, Permission permission) override;
	bool isAllowed(Id accountId, Id organizationId, WorkspaceId workspace, Permission permission) override;
	bool isAllowed(Id accountId, Id organizationId, ResourceId resource, Permission permission) override;
	PermissionSet permissions(Id accountId, Id organizationId) override;
	Explanation explain(Id accountId, Id organizationId) override;
	Explanation explain(Id accountId, Id organizationId, WorkspaceId workspace) override;
	Explanation explain(Id accountId, Id organizationId, ResourceId resource) override;
	std::vector<RoleScopeInfo> roles() const override;

	const Config::RoleCatalog& catalog() const;

	static Poco::Int64 tickerPeriodNs(Poco::Int64 maxStalenessNs);
		/// Returns the ticker's period for a staleness bound: 0 (no thread) for 0, else
		/// maxStaleness / 100 within 1 to 10 ms.

	struct CheckCounts
		/// How the cache answered the checks so far (the metrics read them at a scrape).
	{
		Poco::UInt64 hits = 0;        ///< fresh entries: no query
		Poco::UInt64 revalidated = 0; ///< entries past maxStaleness whose acl_version had not moved: one query
		Poco::UInt64 misses = 0;      ///< loaded: no entry, an invalidated one, or acl_version moved
	};

	CheckCounts checkCounts() const;

	const GrantCache& cache() const;

	const Ticker& ticker() const;
	Ticker& ticker();
		/// Returns the staleness time of the process: the hit path's, and FreshCache's.

private:
	template <class Out>
	bool fresh(const GrantCache::Key& key, Out& out) const;
		/// The hit path: true if the cache holds a current entry for key, fresh by the ticker;
		/// out is a GrantCache::Grant or, for isAllowed(), just the PermissionSet.

	GrantCache::Grant lookup(const GrantCache::Key& key, Poco::Data::Session* pSession = nullptr);
		/// Returns the entry for key: fresh() if it can, else reload().

	GrantCache::Grant reload(const GrantCache::Key& key, Poco::Data::Session* pSession);
		/// The slow path: revalidates an entry past its freshness, or loads it.

	GrantCache::Grant load(const GrantCache::Key& key, Poco::UInt64 localVersion, Poco::Data::Session* pSession);
	void onCommitted(const void* pSender, const Data::Database::Changes& changes);
		/// Invalidates the organizations whose access a committed transaction changed.
	Grant toGrant(const GrantCache::Grant& g) const;

	template <class F>
	auto withSession(Poco::Data::Session* pSession, F&& fn)
		/// Runs fn on the caller's session if there is one, else on a pooled one.
	{
		return pSession ? fn(*pSession) : _database.withSession(std::forward<F>(fn));
	}
	Data::AccessRepository::Standing standing(Poco::Data::Session& session, const GrantCache::Key& key);
	Explanation explain(const GrantCache::Key& key);

	Data::Database& _database;
	Data::AccessRepository _repository;
	const RoleResolver& _resolver;
	const Config::RoleCatalog& _roles;
	const Poco::Int64 _maxStalenessNs;
	GrantCache _cache;
	Ticker _ticker;
	const Poco::Int64 _freshNs; ///< maxStaleness less the ticker's period (at least 0)
	// A hit is counted on the hit path: a counter of the calling thread's own (no shared write,
	// no allocation); the slow paths query the database, a shared relaxed atomic is nothing there.
	Metrics::ShardedCounter _hits;
	std::atomic<Poco::UInt64> _revalidated{0};
	std::atomic<Poco::UInt64> _misses{0};
};


template <class Out>
ORGS_ALWAYS_INLINE bool AccessControlImpl::fresh(const GrantCache::Key& key, Out& out) const
{
	return _cache.findFresh(key, _ticker.now() - _freshNs, out);
}


inline GrantCache::Grant AccessControlImpl::lookup(const GrantCache::Key& key, Poco::Data::Session* pSession)
{
	GrantCache::Grant g;
	if (fresh(key, g))
	{
		_hits.add();
		return g;
	}
	return reload(key, pSession);
}


inline AccessControlImpl::CheckCounts AccessControlImpl::checkCounts() const
{
	CheckCounts c;
	c.hits = _hits.value();
	c.revalidated = _revalidated.load(std::memory_order_relaxed);
	c.misses = _misses.load(std::memory_order_relaxed);
	return c;
}


inline const GrantCache& AccessControlImpl::cache() const
{
	return _cache;
}


inline const Ticker& AccessControlImpl::ticker() const
{
	return _ticker;
}


inline Ticker& AccessControlImpl::ticker()
{
	return _ticker;
}


inline const Config::RoleCatalog& AccessControlImpl::catalog() const
{
	return _roles;
}


inline Poco::Int64 AccessControlImpl::maxStalenessNs() const
{
	return _maxStalenessNs;
}


inline std::size_t AccessControlImpl::cacheEntries() const
{
	return _cache.capacity();
}


} // namespace Access
} // namespace Orgs


#endif // Orgs_AccessControlImpl_INCLUDED
