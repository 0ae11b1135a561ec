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
      _requiredWorkspace(infrastructure.database(), access.guard(), infrastructure.clock(),
                         config.settings().workspaceMembershipRequired),
      _pOrganizations(new Service::OrganizationServiceImpl(
          infrastructure.database(), access.guard(), infrastructure.clock(), config.settings().regions,
          config.settings().defaultWorkspace, config.settings().retentionDays, &_quotas)),
      _pMemberships(new Service::MembershipServiceImpl(infrastructure.database(), access.guard(),
                                                       infrastructure.clock(), &_quotas, &_requiredWorkspace)),
      _pWorkspaces(new Service::WorkspaceServiceImpl(infrastructure.database(), access.guard(), infrastructure.clock(),
                                                     &_quotas, &_requiredWorkspace)),
      _pResources(new Service::ResourceServiceImpl(infrastructure.database(), access.guard(), infrastructure.clock())),
      _pInvitations(new Service::InvitationServiceImpl(
          infrastructure.database(), access.guard(), infrastructure.clock(), _quotas, infrastructure.outbox(),
          config.settings().invitations, config.settings().basePath, &_requiredWorkspace)),
      _pInviteLinks(new Service::InviteLinkServiceImpl(infrastructure.database(), access.guard(),
                                                       infrastructure.clock(), _quotas, config.settings().invitations,
                                                       config.settings().basePath, &_requiredWorkspace)),
      _pCustomRoles(
          new Service::RoleServiceImpl(infrastructure.database(), access.guard(), infrastructure.clock(), _quotas)),
      _pAuditLog(new Service::AuditLogImpl(infrastructure.database(), access.guard())),
      _permissionReport(infrastructure.database(), access.guard()),
      _pAccounts(new Service::AccountServiceImpl(infrastructure.database(), access.guard(), infrastructure.clock(),
                                                 config.settings().tokenTouchSeconds, config.settings().maxStalenessNs,
                                                 config.settings().cacheEntries,
                                                 config.settings().personalOnSignup ? _pOrganizations.get() : nullptr,
                                                 {_pInvitations.get(), _pInviteLinks.get()}))
{
}


} // namespace Orgs
