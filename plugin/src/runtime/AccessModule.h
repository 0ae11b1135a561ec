//
// AccessModule.h
//
// Library: OrgsPlugin
// Package: Runtime
// Module:  AccessModule
//
// Who may do what: access control and the services' guard.
//


#ifndef Orgs_AccessModule_INCLUDED
#define Orgs_AccessModule_INCLUDED


#include "access/AccessControlImpl.h"
#include "access/RoleResolver.h"
#include "config/Configuration.h"
#include "runtime/InfrastructureModule.h"
#include "service/Guard.h"
#include "Poco/SharedPtr.h"


namespace Orgs {


class AccessModule
	/// The second module of the Runtime: the permission check and what keeps it right.
	/// The RoleResolver alone turns a configured or custom role into a permission set.
	/// AccessControl answers "may this account do that" from the roles compiled to bitsets and
	/// its grant cache, kept fresh by acl_version (orgs.access.*); it is published to the host
	/// as Orgs::AccessControl, and to the services as Access::Grants. The Guard is how every
	/// service turns "{org}" into an organization its actor may see (404 for a non-member) and
	/// checks a permission there.
{
public:
	AccessModule(const Config::Configuration& config, InfrastructureModule& infrastructure);

	Access::RoleResolver& roleResolver();
	Poco::SharedPtr<Access::AccessControlImpl> accessControl() const;
	Access::Grants& grants();
	Service::Guard& guard();

private:
	AccessModule(const AccessModule&) = delete;
	AccessModule& operator=(const AccessModule&) = delete;

	Access::RoleResolver _roleResolver;
	Poco::SharedPtr<Access::AccessControlImpl> _pAccessControl;
	Service::Guard _guard;
};


//
// inlines
//
inline Access::RoleResolver& AccessModule::roleResolver()
{
	return _roleResolver;
}


inline Poco::SharedPtr<Access::AccessControlImpl> AccessModule::accessControl() const
{
	return _pAccessControl;
}


inline Access::Grants& AccessModule::grants()
{
	return *_pAccessControl;
}


inline Service::Guard& AccessModule::guard()
{
	return _guard;
}


} // namespace Orgs


#endif // Orgs_AccessModule_INCLUDED
