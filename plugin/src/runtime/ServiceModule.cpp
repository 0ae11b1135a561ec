//
// ServiceModule.cpp
//
// Library: OrgsPlugin
// Package: Runtime
// Module:  ServiceModule
//


#include "runtime/ServiceModule.h"


namespace Orgs {


ServiceModule::ServiceModule(const Config::Configuration& config, InfrastructureModule& infrastructure,
                             AccessModule& access)
    : _quotas(infrastructure.database(), config.settings().plans, infrastructure.clock(), &infrastructure.usage()),
      _requiredWorkspace(infrastructure.database(), config.settings().workspaceMembershipRequired),
      _workspaceMembers(infrastructure.database(), access.guard(), access.grants(), access.roleResolver(),
                        infrastructure.clock(), Service::ScopedGrants::WORKSPACE),
      _collaborators(infrastructure.database(), access.guard(), access.grants(), access.roleResolver(),
                     infrastructure.clock(), Service::ScopedGrants::RESOURCE),
      _admission(infrastructure.database(), access.guard(), access.roleResolver(), _workspaceMembers, _quotas,
                 _requiredWorkspace, infrastructure.clock(), config.settings().personalAllowsMembers,
                 config.settings().invitations.requireWorkspace),
      _pOrganizations(new Service::OrganizationServiceImpl(
          infrastructure.database(), access.guard(), access.roleResolver(), _workspaceMembers, _admission, _quotas,
          infrastructure.clock(), config.settings().regions, config.settings().defaultWorkspace,
          config.settings().retentionDays)),
      _pMemberships(new Service::MembershipServiceImpl(infrastructure.database(), access.guard(), access.roleResolver(),
                                                       _admission, _quotas, infrastructure.clock())),
      _pWorkspaces(new Service::WorkspaceServiceImpl(infrastructure.database(), access.guard(), access.roleResolver(),
                                                     _workspaceMembers, _quotas, _requiredWorkspace,
                                                     infrastructure.clock())),
      _pResources(new Service::ResourceServiceImpl(infrastructure.database(), access.guard(), access.roleResolver(),
                                                   _workspaceMembers, _collaborators, infrastructure.clock())),
      _pInvitations(new Service::InvitationServiceImpl(infrastructure.database(), access.guard(), _admission,
                                                       infrastructure.clock(), infrastructure.outbox(),
                                                       config.settings().invitations, config.settings().basePath)),
      _pInviteLinks(new Service::InviteLinkServiceImpl(infrastructure.database(), access.guard(), access.roleResolver(),
                                                       _admission, infrastructure.clock(),
                                                       config.settings().invitations, config.settings().basePath)),
      _pCustomRoles(new Service::RoleServiceImpl(infrastructure.database(), access.guard(), access.roleResolver(),
                                                 infrastructure.clock(), _quotas)),
      _pAuditLog(new Service::AuditLogImpl(infrastructure.database(), access.guard())),
      _permissionReport(infrastructure.database(), access.guard(), *access.accessControl()),
      _pAccounts(new Service::AccountServiceImpl(infrastructure.database(), access.guard(), infrastructure.clock(),
                                                 config.settings().tokenTouchSeconds, config.settings().maxStalenessNs,
                                                 config.settings().cacheEntries,
                                                 config.settings().personalOnSignup ? _pOrganizations.get() : nullptr,
                                                 {_pInvitations.get(), _pInviteLinks.get()})),
      _pSignIn(new Federation::FederatedSignIn(config.settings().oidc, infrastructure.database(), *_pAccounts,
                                               infrastructure.clock(), infrastructure.logger()))
{
}


} // namespace Orgs
