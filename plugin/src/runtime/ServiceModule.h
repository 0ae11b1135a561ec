//
// ServiceModule.h
//
// Library: OrgsPlugin
// Package: Runtime
// Module:  ServiceModule
//
// The services: the rules and transactions behind the public interfaces.
//


#ifndef Orgs_ServiceModule_INCLUDED
#define Orgs_ServiceModule_INCLUDED


#include "config/Configuration.h"
#include "identity/DomainServiceImpl.h"
#include "identity/FederatedSignIn.h"
#include "runtime/AccessModule.h"
#include "runtime/InfrastructureModule.h"
#include "service/AccountServiceImpl.h"
#include "service/Admission.h"
#include "service/AuditLogImpl.h"
#include "service/InvitationServiceImpl.h"
#include "service/InviteLinkServiceImpl.h"
#include "service/MembershipServiceImpl.h"
#include "service/OrganizationServiceImpl.h"
#include "service/PermissionReport.h"
#include "service/Quotas.h"
#include "service/RequiredWorkspace.h"
#include "service/ResourceServiceImpl.h"
#include "service/RoleServiceImpl.h"
#include "service/ScopedGrants.h"
#include "service/WorkspaceServiceImpl.h"
#include "Poco/SharedPtr.h"


namespace Orgs {


class ServiceModule
	/// The third module of the Runtime: the implementations of the public service interfaces,
	/// which the HTTP API calls and the host calls in-process (PublishedServices), and the rules
	/// they share: plan limits (Quotas), "every member is in a workspace" (RequiredWorkspace),
	/// grants scoped to a workspace or a resource (ScopedGrants: workspace members and
	/// collaborators) and who may join an organization (Admission, asked by every way in).
	/// Each service checks permissions through the AccessModule's Guard
	/// and writes through the InfrastructureModule's database.
	///
	/// Accounts come last: signing up creates a personal organization (with
	/// orgs.organizations.personalOnSignup) or joins one with an invitation's or an invite
	/// link's token, through the services built before.
{
public:
	ServiceModule(const Config::Configuration& config, InfrastructureModule& infrastructure, AccessModule& access);

	Poco::SharedPtr<Service::OrganizationServiceImpl> organizations() const;
	Poco::SharedPtr<Service::MembershipServiceImpl> memberships() const;
	Poco::SharedPtr<Service::WorkspaceServiceImpl> workspaces() const;
	Poco::SharedPtr<Service::ResourceServiceImpl> resources() const;
	Poco::SharedPtr<Service::InvitationServiceImpl> invitations() const;
	Poco::SharedPtr<Service::InviteLinkServiceImpl> inviteLinks() const;
	Poco::SharedPtr<Service::RoleServiceImpl> customRoles() const;
	Poco::SharedPtr<Service::AuditLogImpl> auditLog() const;
	Service::PermissionReport& permissionReport();
	Poco::SharedPtr<Service::AccountServiceImpl> accounts() const;
	Service::Admission& admission();
		/// The one policy of every way into an organization, for the ways of other modules (SSO).
	Service::Quotas& quotas();
	Poco::SharedPtr<Federation::FederatedSignIn> signIn() const;
		/// The sign-in pipeline of bearer JWTs (Orgs::SignInService): modules built after this
		/// one add their SignInStep (addStep()) and IssuerSource (setIssuerSource()) to it.
	Poco::SharedPtr<Federation::DomainServiceImpl> domains() const;
		/// Verified domains; also the sign-in step of their join mode "auto", which the
		/// constructor adds to signIn().

private:
	ServiceModule(const ServiceModule&) = delete;
	ServiceModule& operator=(const ServiceModule&) = delete;

	Service::Quotas _quotas;
	Service::RequiredWorkspace _requiredWorkspace;
	Service::ScopedGrants _workspaceMembers;
	Service::ScopedGrants _collaborators;
	Service::Admission _admission;
	Poco::SharedPtr<Service::OrganizationServiceImpl> _pOrganizations;
	Poco::SharedPtr<Service::MembershipServiceImpl> _pMemberships;
	Poco::SharedPtr<Service::WorkspaceServiceImpl> _pWorkspaces;
	Poco::SharedPtr<Service::ResourceServiceImpl> _pResources;
	Poco::SharedPtr<Service::InvitationServiceImpl> _pInvitations;
	Poco::SharedPtr<Service::InviteLinkServiceImpl> _pInviteLinks;
	Poco::SharedPtr<Service::RoleServiceImpl> _pCustomRoles;
	Poco::SharedPtr<Service::AuditLogImpl> _pAuditLog;
	Service::PermissionReport _permissionReport;
	Poco::SharedPtr<Service::AccountServiceImpl> _pAccounts;
	Poco::SharedPtr<Federation::DomainServiceImpl> _pDomains; ///< a sign-in step of _pSignIn: built before it
	Poco::SharedPtr<Federation::FederatedSignIn> _pSignIn;
};


//
// inlines
//
inline Poco::SharedPtr<Service::OrganizationServiceImpl> ServiceModule::organizations() const
{
	return _pOrganizations;
}


inline Poco::SharedPtr<Service::MembershipServiceImpl> ServiceModule::memberships() const
{
	return _pMemberships;
}


inline Poco::SharedPtr<Service::WorkspaceServiceImpl> ServiceModule::workspaces() const
{
	return _pWorkspaces;
}


inline Poco::SharedPtr<Service::ResourceServiceImpl> ServiceModule::resources() const
{
	return _pResources;
}


inline Poco::SharedPtr<Service::InvitationServiceImpl> ServiceModule::invitations() const
{
	return _pInvitations;
}


inline Poco::SharedPtr<Service::InviteLinkServiceImpl> ServiceModule::inviteLinks() const
{
	return _pInviteLinks;
}


inline Poco::SharedPtr<Service::RoleServiceImpl> ServiceModule::customRoles() const
{
	return _pCustomRoles;
}


inline Poco::SharedPtr<Service::AuditLogImpl> ServiceModule::auditLog() const
{
	return _pAuditLog;
}


inline Service::PermissionReport& ServiceModule::permissionReport()
{
	return _permissionReport;
}


inline Poco::SharedPtr<Service::AccountServiceImpl> ServiceModule::accounts() const
{
	return _pAccounts;
}


inline Service::Admission& ServiceModule::admission()
{
	return _admission;
}


inline Service::Quotas& ServiceModule::quotas()
{
	return _quotas;
}


inline Poco::SharedPtr<Federation::FederatedSignIn> ServiceModule::signIn() const
{
	return _pSignIn;
}


inline Poco::SharedPtr<Federation::DomainServiceImpl> ServiceModule::domains() const
{
	return _pDomains;
}


} // namespace Orgs


#endif // Orgs_ServiceModule_INCLUDED
