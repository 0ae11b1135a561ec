//
// Guard.cpp
//
// Library: OrgsPlugin
// Package: Service
// Module:  Guard
//


#include "service/Guard.h"
#include "service/Validator.h"
#include "Orgs/Errors.h"
#include "Poco/Delegate.h"


namespace Orgs {
namespace Service {


Guard::Guard(Data::Database& database, Access::Grants& grants, const Access::Ticker& time, Poco::Int64 maxStalenessNs,
             std::size_t cacheEntries)
    : _database(database), _access(grants), _time(time), _organizationCache(maxStalenessNs, cacheEntries, time),
      _organizations(database), _accounts(database)
{
	_database.committed += Poco::delegate(this, &Guard::onCommitted);
}


Guard::~Guard()
{
	_database.committed -= Poco::delegate(this, &Guard::onCommitted);
}


void Guard::onCommitted(const void*, const Data::Database::Changes& changes)
{
	if (!changes.organizations.empty())
		_organizationCache.clear();
}


Guard::Scope Guard::visible(Id actorId, const std::string& org)
{
	Organization organization;
	if (cachedOrganization(org, organization))
		return standing(organization, _access.grant(actorId, organization.id), org);
	return _database.withSession([&](Poco::Data::Session& session) { return visible(session, actorId, org); });
}


Id Guard::organizationId(const std::string& org)
{
	Organization organization;
	if (cachedOrganization(org, organization))
		return organization.id;
	return _database.withSession([&](Poco::Data::Session& session) {
		Poco::Nullable<Organization> found = findOrganization(session, org);
		return found.isNull() ? Id(0) : found.value().id;
	});
}


Id Guard::memberOrganization(Id actorId, const std::string& org)
{
	// The path of visible(actorId, org), a missing organization included (id 0).
	Organization organization;
	if (cachedOrganization(org, organization))
		return _access.grant(actorId, organization.id).member ? organization.id : 0;
	return _database.withSession([&](Poco::Data::Session& session) {
		Poco::Nullable<Organization> found = findOrganization(session, org);
		const Id id = found.isNull() ? 0 : found.value().id;
		return _access.cachedGrant(session, actorId, id).member ? id : 0;
	});
}


Guard::Scope Guard::visible(Poco::Data::Session& session, Id actorId, const std::string& org, bool lock)
{
	Organization organization; // id 0 while there is no such organization
	if (lock)
	{
		// For a write: the row lock and the actor's standing in one statement.
		Data::AccessRepository::Standing s;
		Id id = 0;
		const bool byId = Validator::parseId(org, id);
		Poco::Nullable<Organization> found = _organizations.lockWithStanding(
		    session, byId ? "id" : "username", byId ? std::to_string(id) : org, actorId, s);
		if (!found.isNull())
			organization = found.value();
		return standing(organization, _access.grant(s, actorId), org);
	}
	if (!cachedOrganization(org, organization))
	{
		Poco::Nullable<Organization> found = findOrganization(session, org);
		if (!found.isNull())
			organization = found.value();
	}
	// A missing organization goes the same way as one the actor is not a member of (a grant of
	// organization 0, cached as any other), so the answer time tells them apart no more than
	// the answer does.
	return standing(organization, _access.cachedGrant(session, actorId, organization.id), org);
}


Poco::Nullable<Organization> Guard::findOrganization(Poco::Data::Session& session, const std::string& org)
{
	Id id = 0;
	const bool byId = Validator::parseId(org, id);
	// Read outside any write, so it may be cached. The stamp is taken before the read: if a
	// change of an organization row commits meanwhile, the value is not stored.
	// A missing organization is remembered too (as id 0), so that it costs no more than an
	// existing one: creating, restoring or renaming one here clears the cache at once (see
	// onCommitted()); one another host creates is seen within maxStaleness. A reference
	// longer than MAX_CACHED_REFERENCE (no username or id is) is not kept: memory stays bounded.
	const auto stamp = _organizationCache.stamp();
	Poco::Nullable<Organization> found =
	    byId ? _organizations.findById(session, id, false) : _organizations.findByUsername(session, org, false);
	if (org.size() <= MAX_CACHED_REFERENCE)
		_organizationCache.put(org, found.isNull() ? Organization() : found.value(), stamp);
	return found;
}


bool Guard::cachedOrganization(const std::string& org, Organization& organization) const
{
	return _organizationCache.get(org, organization);
}


Guard::Scope Guard::standing(const Organization& organization, const Access::Grants::Grant& grant,
                             const std::string& org) const
{
	if (!grant.member)
		throw NotFoundException("No organization '" + org + "' is visible to you", "organization_not_found");
	Scope scope;
	scope.organization = organization;
	scope.grant = grant;
	return scope;
}


Guard::Scope Guard::require(Poco::Data::Session& session, Id actorId, const std::string& org, Permission permission,
                            bool lock)
{
	Scope scope = visible(session, actorId, org, lock);
	require(scope, permission);
	return scope;
}


void Guard::require(const Scope& scope, Permission permission) const
{
	if (!scope.grant.permissions.has(permission))
	{
		throw ForbiddenException("Your role in '" + scope.organization.username + "' does not grant " +
		                             permissionName(permission),
		                         "permission_denied");
	}
}


Guard::Scope Guard::requireOwner(Poco::Data::Session& session, Id actorId, const std::string& org, bool lock)
{
	Scope scope = visible(session, actorId, org, lock);
	if (!scope.grant.owner)
		throw ForbiddenException("Only the owner of '" + scope.organization.username + "' can do this", "owner_only");
	return scope;
}


Account Guard::account(Poco::Data::Session& session, const std::string& account)
{
	Id id = 0;
	Poco::Nullable<Account> found =
	    Validator::parseId(account, id) ? _accounts.findById(session, id) : _accounts.findByUsername(session, account);
	if (found.isNull())
		throw NotFoundException("No account '" + account + "'", "account_not_found");
	return found.value();
}


Account Guard::account(Poco::Data::Session& session, const std::string& account, Id organizationId, bool& member)
{
	Id id = 0;
	Poco::Nullable<Account> found = Validator::parseId(account, id)
	                                    ? _accounts.findById(session, id, organizationId, member)
	                                    : _accounts.findByUsername(session, account, organizationId, member);
	if (found.isNull())
		throw NotFoundException("No account '" + account + "'", "account_not_found");
	return found.value();
}


void Guard::requireWithin(const Scope& scope, PermissionSet permissions, const std::string& what)
{
	if (scope.grant.owner)
		return;
	if ((permissions.bits() & ~scope.grant.permissions.bits()) != 0)
		throw ForbiddenException(what + " would need permissions your own role does not have", "role_exceeds_own");
}


void Guard::requireWithin(const Scope& scope, PermissionSet held, PermissionSet permissions, const std::string& what)
{
	if (scope.grant.owner)
		return;
	if ((permissions.bits() & ~held.bits()) != 0)
		throw ForbiddenException(what + " would need permissions your own roles here do not have", "role_exceeds_own");
}


const Access::Ticker& Guard::time() const
{
	return _time;
}


} // namespace Service
} // namespace Orgs
