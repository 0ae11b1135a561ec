//
// Runtime.cpp
//
// Library: OrgsPlugin
// Package: Plugin
// Module:  Runtime
//


#include "Runtime.h"
#include "access/AccessControlImpl.h"
#include "data/Database.h"
#include "data/Migrator.h"
#include "http/AccountHandlers.h"
#include "http/AuditHandlers.h"
#include "http/Api.h"
#include "http/ClientAddress.h"
#include "http/FailureLimiter.h"
#include "http/InvitationHandlers.h"
#include "http/InviteLinkHandlers.h"
#include "http/MembershipHandlers.h"
#include "http/OrganizationHandlers.h"
#include "http/PermissionHandlers.h"
#include "http/RequestAuthenticator.h"
#include "http/ResourceHandlers.h"
#include "http/RoleHandlers.h"
#include "http/SystemHandlers.h"
#include "http/TokenAuthenticator.h"
#include "http/WorkspaceHandlers.h"
#include "service/AccountServiceImpl.h"
#include "service/AuditLogImpl.h"
#include "service/ApiUsage.h"
#include "service/Guard.h"
#include "service/LogMailer.h"
#include "service/InvitationServiceImpl.h"
#include "service/InviteLinkServiceImpl.h"
#include "service/MembershipServiceImpl.h"
#include "service/OrganizationServiceImpl.h"
#include "service/Outbox.h"
#include "service/OutboxSender.h"
#include "service/PermissionReport.h"
#include "service/Quotas.h"
#include "service/RequiredWorkspace.h"
#include "service/ResourceServiceImpl.h"
#include "service/RoleServiceImpl.h"
#include "service/SmtpMailer.h"
#include "service/WorkspaceServiceImpl.h"
#include "config/Preset.h"
#include "Poco/AutoPtr.h"


namespace Orgs {


Runtime::Runtime(const Poco::Util::AbstractConfiguration& config, const Config::Settings::PathResolver& resolvePath,
                 Poco::Logger& logger, Poco::SharedPtr<Orgs::Authenticator> pHostAuthenticator,
                 Service::Clock::Ptr pClock, Orgs::Mailer::Ptr pHostMailer)
    : _pConfig(Config::Preset::apply(config, resolvePath)), _settings(Config::Settings::load(*_pConfig, resolvePath)),
      _roles(Config::RoleCatalog::load(*_pConfig, Config::Preset::source(config), _settings.rolesFile)),
      _pClock(pClock ? pClock : Service::Clock::Ptr(new Service::Clock)),
      _pDatabase(new Data::Database(_settings.database)),
      _schemaVersion(Data::Migrator(*_pDatabase, logger).migrate(_settings.database.migrate))
{
	const std::string preset = Config::Preset::name(*_pConfig);
	if (!preset.empty())
		logger.information("Preset %s", preset);
	// Every freshness decision (grants, organizations, live tokens) reads the one clock.
	Service::Clock::Ptr pTime = _pClock;
	_pAccess = new Access::AccessControlImpl(*_pDatabase, _roles, _settings.maxStalenessNs, _settings.cacheEntries,
	                                         [pTime]() { return pTime->monotonic(); });
	_pGuard.reset(new Service::Guard(*_pDatabase, *_pAccess));
	_pOutbox.reset(new Service::Outbox(*_pDatabase, _pClock));
	_pUsage.reset(new Service::ApiUsage(*_pDatabase, _pClock, logger)); // read by services, fed by the API
	_pQuotas.reset(new Service::Quotas(*_pDatabase, _settings.plans, _pClock, _pUsage.get()));
	_pAccounts = new Service::AccountServiceImpl(*_pDatabase, *_pGuard, _pClock, _settings.tokenTouchSeconds,
	                                             _settings.maxStalenessNs, _settings.cacheEntries);
	_pOrganizations =
	    new Service::OrganizationServiceImpl(*_pDatabase, *_pGuard, _pClock, _settings.regions,
	                                         _settings.defaultWorkspace, _settings.retentionDays, _pQuotas.get());
	// Every member in a workspace (orgs.workspaces.membershipRequired): checked by every way in
	// and every way out of a workspace.
	_pRequiredWorkspace.reset(new Service::RequiredWorkspace(
	    *_pDatabase, *_pGuard, _pClock, _settings.workspaceMembershipRequired, _settings.defaultWorkspace));
	_pMemberships =
	    new Service::MembershipServiceImpl(*_pDatabase, *_pGuard, _pClock, _pQuotas.get(), _pRequiredWorkspace.get());
	_pWorkspaces =
	    new Service::WorkspaceServiceImpl(*_pDatabase, *_pGuard, _pClock, _pQuotas.get(), _pRequiredWorkspace.get());
	_pResources = new Service::ResourceServiceImpl(*_pDatabase, *_pGuard, _pClock);
	_pInvitations =
	    new Service::InvitationServiceImpl(*_pDatabase, *_pGuard, _pClock, *_pQuotas, *_pOutbox, _settings.invitations,
	                                       _settings.basePath, _pRequiredWorkspace.get());

	Service::AccountServiceImpl& accounts = *_pAccounts.cast<Service::AccountServiceImpl>();
	_pAuthenticator.reset(
	    new Http::RequestAuthenticator(pHostAuthenticator, new Http::TokenAuthenticator(accounts), *_pAccounts));
	_pClientAddress.reset(new Http::ClientAddress(_settings.trustedProxies));
	_pFailures.reset(
	    new Http::FailureLimiter(_settings.authFailureLimit, _settings.authMaxAddresses, *_pClientAddress, logger));
	_pApi.reset(
	    new Http::Api(_settings.basePath, _settings.maxBodyBytes, *_pAuthenticator, accounts, *_pFailures, logger));
	_pApi->setErrorLogWindow(_settings.errorLogWindowSeconds);
	_pSystemHandlers.reset(new Http::SystemHandlers(*_pDatabase, *_pAccess));
	_pAccountHandlers.reset(new Http::AccountHandlers(*_pAccounts, *_pOrganizations, _settings.selfSignup));
	_pOrganizationHandlers.reset(new Http::OrganizationHandlers(*_pOrganizations));
	_pMembershipHandlers.reset(new Http::MembershipHandlers(*_pMemberships));
	_pSystemHandlers->addRoutes(_pApi->router());
	_pAccountHandlers->addRoutes(_pApi->router());
	_pOrganizationHandlers->addRoutes(_pApi->router());
	_pMembershipHandlers->addRoutes(_pApi->router());
	_pPermissionReport.reset(new Service::PermissionReport(*_pDatabase, *_pGuard));
	_pPermissionHandlers.reset(new Http::PermissionHandlers(*_pPermissionReport));
	_pPermissionHandlers->addRoutes(_pApi->router());
	_pWorkspaceHandlers.reset(new Http::WorkspaceHandlers(*_pWorkspaces));
	_pWorkspaceHandlers->addRoutes(_pApi->router());
	_pResourceHandlers.reset(new Http::ResourceHandlers(*_pResources));
	_pResourceHandlers->addRoutes(_pApi->router());
	_pInvitationHandlers.reset(new Http::InvitationHandlers(*_pInvitations));
	_pInvitationHandlers->addRoutes(_pApi->router());
	// Per-organization custom roles (issue 6); a plan's memberRole must be an organization role.
	for (const auto& plan : _settings.plans.plans())
	{
		if (!plan.memberRole.empty() && !_roles.hasRole(Config::RoleCatalog::ORGANIZATION, plan.memberRole))
			throw Poco::DataFormatException("orgs.plans." + plan.name + ".memberRole: '" + plan.memberRole +
			                                "' is not a role of orgs.roles.organization");
	}
	_pCustomRoles = new Service::RoleServiceImpl(*_pDatabase, *_pGuard, _pClock, *_pQuotas);
	_pRoleHandlers.reset(new Http::RoleHandlers(*_pCustomRoles));
	_pRoleHandlers->addRoutes(_pApi->router());

	// Mail: the host's Mailer, else SMTP, else the log; the sender starts last.
	if (pHostMailer)
		_pMailer = pHostMailer;
	else if (!_settings.mail.smtp.host.empty())
		_pMailer = new Service::SmtpMailer(_settings.mail.smtp);
	else
		_pMailer = new Service::LogMailer(logger);
	_pOutboxSender.reset(new Service::OutboxSender(*_pDatabase, *_pOutbox, _pMailer, _pClock, _settings.mail, logger));
	if (_settings.mail.deliver)
		_pOutboxSender->start();
	_pAuditLog = new Service::AuditLogImpl(*_pDatabase, *_pGuard);
	_pAuditHandlers.reset(new Http::AuditHandlers(*_pAuditLog));
	_pAuditHandlers->addRoutes(_pApi->router());
	// Personal organizations and the API request counter.
	_pGuard->setPersonalAllowsMembers(_settings.personalAllowsMembers);
	if (_settings.personalOnSignup)
		_pAccounts.cast<Service::AccountServiceImpl>()->createPersonalOrganizations(
		    *_pOrganizations.cast<Service::OrganizationServiceImpl>());
	Service::Guard& guard = *_pGuard;
	_pApi->countUsage(*_pUsage,
	                  [&guard](Id actorId, const std::string& org) { return guard.memberOrganization(actorId, org); });
	_pUsage->start(_settings.usageFlushSeconds);
	// The organization-wide invite link (Label Studio).
	_pInviteLinks = new Service::InviteLinkServiceImpl(*_pDatabase, *_pGuard, _pClock, *_pQuotas, _settings.invitations,
	                                                   _settings.basePath, _pRequiredWorkspace.get());
	_pInviteLinkHandlers.reset(new Http::InviteLinkHandlers(*_pInviteLinks));
	_pInviteLinkHandlers->addRoutes(_pApi->router());
	// Signing up with an invitation's or an invite link's token joins that organization.
	_pAccounts.cast<Service::AccountServiceImpl>()->joinWith(*_pInvitations.cast<Service::InvitationServiceImpl>());
	_pAccounts.cast<Service::AccountServiceImpl>()->joinWith(*_pInviteLinks.cast<Service::InviteLinkServiceImpl>());
}


Runtime::~Runtime()
{
	// The outbox sender first: it must not start a delivery while the rest goes away. The
	// request counter writes what it counted while the database is still there.
	_pOutboxSender.reset();
	if (_pUsage)
		_pUsage->stop();
	// Reverse order of construction: the API first, the database last.
	_pInviteLinkHandlers.reset();
	_pInviteLinks = nullptr;
	_pRoleHandlers.reset();
	_pInvitationHandlers.reset();
	_pAuditHandlers.reset();
	_pAuditLog = nullptr;
	_pResourceHandlers.reset();
	_pWorkspaceHandlers.reset();
	_pPermissionHandlers.reset();
	_pPermissionReport.reset();
	_pMembershipHandlers.reset();
	_pOrganizationHandlers.reset();
	_pAccountHandlers.reset();
	_pSystemHandlers.reset();
	_pApi.reset();
	_pFailures.reset();
	_pClientAddress.reset();
	_pAuthenticator.reset();
	_pCustomRoles = nullptr;
	_pInvitations = nullptr;
	_pResources = nullptr;
	_pWorkspaces = nullptr;
	_pMemberships = nullptr;
	_pOrganizations = nullptr;
	_pAccounts = nullptr;
	_pRequiredWorkspace.reset();
	_pQuotas.reset();
	_pOutbox.reset();
	_pGuard.reset();
	_pAccess = nullptr;
	_pUsage.reset();
	_pDatabase.reset();
}


const Config::Settings& Runtime::settings() const
{
	return _settings;
}


const Config::RoleCatalog& Runtime::roles() const
{
	return _roles;
}


Data::Database& Runtime::database()
{
	return *_pDatabase;
}


Service::Outbox& Runtime::outbox()
{
	return *_pOutbox;
}


Service::OutboxSender& Runtime::outboxSender()
{
	return *_pOutboxSender;
}


Orgs::Mailer::Ptr Runtime::mailer() const
{
	return _pMailer;
}


int Runtime::schemaVersion() const
{
	return _schemaVersion;
}


Orgs::AccountService::Ptr Runtime::accounts() const
{
	return _pAccounts;
}


Orgs::OrganizationService::Ptr Runtime::organizations() const
{
	return _pOrganizations;
}


Orgs::MembershipService::Ptr Runtime::memberships() const
{
	return _pMemberships;
}


Orgs::WorkspaceService::Ptr Runtime::workspaces() const
{
	return _pWorkspaces;
}


Orgs::ResourceService::Ptr Runtime::resources() const
{
	return _pResources;
}


Orgs::AccessControl::Ptr Runtime::accessControl() const
{
	return Orgs::AccessControl::Ptr(_pAccess);
}


Orgs::InviteLinkService::Ptr Runtime::inviteLinks() const
{
	return _pInviteLinks;
}


Orgs::InvitationService::Ptr Runtime::invitations() const
{
	return _pInvitations;
}


Orgs::RoleService::Ptr Runtime::customRoles() const
{
	return _pCustomRoles;
}


Http::Api& Runtime::api()
{
	return *_pApi;
}


Orgs::AuditLog::Ptr Runtime::auditLog() const
{
	return _pAuditLog;
}


int Runtime::purgeDeletedOrganizations()
{
	return _pOrganizations.cast<Service::OrganizationServiceImpl>()->purgeDeleted();
}


Service::ApiUsage& Runtime::apiUsage()
{
	return *_pUsage;
}


} // namespace Orgs
