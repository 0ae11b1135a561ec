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


namespace Orgs {
namespace Service {


Guard::Guard(Data::Database& database, Access::AccessControlImpl& access) :
	_database(database),
	_access(access),
	_organizations(database),
	_accounts(database)
{
}


Guard::Scope Guard::visible(Poco::Data::Session& session, Id actorId, const std::string& org, bool lock)
{
	Id id = 0;
	Poco::Nullable<Organization> found = Validator::parseId(org, id) ? _organizations.findById(session, id, lock)
	                                                                  : _organizations.findByUsername(session, org, lock);
	Scope scope;
	if (!found.isNull())
	{
		scope.organization = found.value();
		scope.grant = _access.grant(session, actorId, scope.organization.id);
	}
	if (found.isNull() || !scope.grant.member)
		throw NotFoundException("No organization '" + org + "' is visible to you", "organization_not_found");
	return scope;
}


Guard::Scope Guard::require(Poco::Data::Session& session, Id actorId, const std::string& org, Permission permission, bool lock)
{
	Scope scope = visible(session, actorId, org, lock);
	if (!scope.grant.permissions.has(permission))
	{
		throw ForbiddenException("Your role in '" + scope.organization.username + "' does not grant " + permissionName(permission),
		                         "permission_denied");
	}
	return scope;
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
	Poco::Nullable<Account> found = Validator::parseId(account, id) ? _accounts.findById(session, id)
	                                                                : _accounts.findByUsername(session, account);
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


const Config::RoleCatalog& Guard::roles() const
{
	return _access.catalog();
}


} // namespace Service
} // namespace Orgs
