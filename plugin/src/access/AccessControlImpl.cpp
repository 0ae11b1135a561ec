//
// AccessControlImpl.cpp
//
// Library: OrgsPlugin
// Package: Access
// Module:  AccessControlImpl
//


#include "access/AccessControlImpl.h"


namespace Orgs {
namespace Access {


AccessControlImpl::AccessControlImpl(Data::Database& database, const Config::RoleCatalog& roles) :
	_database(database),
	_memberships(database),
	_roles(roles)
{
}


AccessControlImpl::Grant AccessControlImpl::grant(Poco::Data::Session& session, Id accountId, Id organizationId)
{
	const Data::MembershipRepository::Access access = _memberships.access(session, accountId, organizationId);
	Grant g;
	g.exists = access.exists;
	if (!access.exists)
		return g;
	g.owner = access.ownerAccountId == accountId;
	g.member = access.member || g.owner;
	g.role = access.role;
	if (g.owner)
		g.permissions = PermissionSet::all();
	else if (access.member)
		g.permissions = _roles.permissions(Config::RoleCatalog::ORGANIZATION, access.role);
	return g;
}


AccessControlImpl::Grant AccessControlImpl::grant(Id accountId, Id organizationId)
{
	return _database.withSession([&](Poco::Data::Session& s) { return grant(s, accountId, organizationId); });
}


bool AccessControlImpl::isMember(Id accountId, Id organizationId)
{
	return grant(accountId, organizationId).member;
}


bool AccessControlImpl::isOwner(Id accountId, Id organizationId)
{
	return grant(accountId, organizationId).owner;
}


bool AccessControlImpl::isAllowed(Id accountId, Id organizationId, Permission permission)
{
	return grant(accountId, organizationId).permissions.has(permission);
}


PermissionSet AccessControlImpl::permissions(Id accountId, Id organizationId)
{
	return grant(accountId, organizationId).permissions;
}


std::vector<RoleScopeInfo> AccessControlImpl::roles() const
{
	return _roles.describe();
}


} // namespace Access
} // namespace Orgs
