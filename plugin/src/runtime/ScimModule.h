//
// ScimModule.h
//
// Library: OrgsPlugin
// Package: Runtime
// Module:  ScimModule
//
// SCIM 2.0 provisioning, assembled.
//


#ifndef Orgs_ScimModule_INCLUDED
#define Orgs_ScimModule_INCLUDED


#include "config/Configuration.h"
#include "http/BurstLog.h"
#include "runtime/AccessModule.h"
#include "runtime/InfrastructureModule.h"
#include "runtime/ServiceModule.h"
#include "runtime/SsoModule.h"
#include "scim/Directory.h"
#include "scim/GroupProvisioning.h"
#include "scim/ScimConnectionServiceImpl.h"
#include "scim/UserProvisioning.h"
#include "Poco/Logger.h"
#include "Poco/SharedPtr.h"


namespace Orgs {


class ScimModule
	/// The SCIM connections of organizations: the service behind Orgs::ScimService (connections
	/// and the protocol), the users and groups it provisions through the ServiceModule's
	/// Admission, and the rule the SSO module's sign-in step asks: an account that an
	/// organization's directory deprovisioned does not join it through SSO, and one it manages
	/// is not changed by SSO (the directory owns it).
{
public:
	ScimModule(const Config::Configuration& config, InfrastructureModule& infrastructure, AccessModule& access,
	           ServiceModule& services, SsoModule& sso, Poco::Logger& logger);

	Poco::SharedPtr<Scim::ScimConnectionServiceImpl> service() const;

private:
	ScimModule(const ScimModule&) = delete;
	ScimModule& operator=(const ScimModule&) = delete;

	Http::BurstLog _errorLog;
	Scim::Directory _directory;
	Scim::UserProvisioning _users;
	Scim::GroupProvisioning _groups;
	Poco::SharedPtr<Scim::ScimConnectionServiceImpl> _pService;
};


//
// inlines
//
inline Poco::SharedPtr<Scim::ScimConnectionServiceImpl> ScimModule::service() const
{
	return _pService;
}


} // namespace Orgs


#endif // Orgs_ScimModule_INCLUDED
