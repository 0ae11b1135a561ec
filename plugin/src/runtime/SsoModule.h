//
// SsoModule.h
//
// Library: OrgsPlugin
// Package: Runtime
// Module:  SsoModule
//
// Per-organization SSO connections, assembled.
//


#ifndef Orgs_SsoModule_INCLUDED
#define Orgs_SsoModule_INCLUDED


#include "config/Configuration.h"
#include "identity/IssuerSpec.h"
#include "identity/SsoConnectionServiceImpl.h"
#include "identity/SsoEnforcement.h"
#include "identity/SsoIssuerSource.h"
#include "identity/SsoSignInStep.h"
#include "runtime/AccessModule.h"
#include "runtime/InfrastructureModule.h"
#include "runtime/ServiceModule.h"
#include "Poco/Logger.h"
#include "Poco/SharedPtr.h"
#include <vector>


namespace Orgs {


class SsoModule
	/// The SSO connections of organizations: the service behind Orgs::SsoConnectionService,
	/// the sign-in step that applies their mapping rules (through the ServiceModule's
	/// Admission), the issuers they name for the token verifier, and the enforcement the HTTP
	/// API asks per request. A connection change empties the caches of enforcement and issuers
	/// for it once it commits, and the verified tokens (their sign-ins run the rules again).
{
public:
	SsoModule(const Config::Configuration& config, InfrastructureModule& infrastructure, AccessModule& access,
	          ServiceModule& services, Poco::Logger& logger);
		/// Adds the sign-in step and the issuer source to the ServiceModule's sign-in pipeline.


	Poco::SharedPtr<Federation::SsoConnectionServiceImpl> connections() const;
	Federation::SsoSignInStep& signInStep();
	Federation::SsoIssuerSource& issuers();
	Federation::SsoEnforcement& enforcement();

private:
	SsoModule(const SsoModule&) = delete;
	SsoModule& operator=(const SsoModule&) = delete;

	Federation::SsoIssuerSource _issuers;
	Federation::SsoEnforcement _enforcement;
	Federation::SsoSignInStep _step;
	Poco::SharedPtr<Federation::SsoConnectionServiceImpl> _pConnections;
};


//
// inlines
//
inline Poco::SharedPtr<Federation::SsoConnectionServiceImpl> SsoModule::connections() const
{
	return _pConnections;
}


inline Federation::SsoSignInStep& SsoModule::signInStep()
{
	return _step;
}


inline Federation::SsoIssuerSource& SsoModule::issuers()
{
	return _issuers;
}


inline Federation::SsoEnforcement& SsoModule::enforcement()
{
	return _enforcement;
}


} // namespace Orgs


#endif // Orgs_SsoModule_INCLUDED
