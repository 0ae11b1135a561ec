//
// Runtime.h
//
// Library: OrgsPlugin
// Package: Plugin
// Module:  Runtime
//
// The wiring of the plugin: configuration, database, services and HTTP API.
//


#ifndef Orgs_Runtime_INCLUDED
#define Orgs_Runtime_INCLUDED


#include "Orgs/AccessControl.h"
#include "Orgs/AccountService.h"
#include "Orgs/AuditLog.h"
#include "Orgs/Authenticator.h"
#include "Orgs/Mailer.h"
#include "Orgs/InvitationService.h"
#include "Orgs/InviteLinkService.h"
#include "Orgs/MembershipService.h"
#include "Orgs/OrganizationService.h"
#include "Orgs/ResourceService.h"
#include "Orgs/RoleService.h"
#include "Orgs/WorkspaceService.h"
#include "config/RoleCatalog.h"
#include "config/Settings.h"
#include "service/Clock.h"
#include "Poco/AutoPtr.h"
#include "Poco/Logger.h"
#include "Poco/Util/AbstractConfiguration.h"
#include <memory>


namespace Orgs {


namespace Data {
class Database;
}
namespace Access {
class AccessControlImpl;
class RoleResolver;
} // namespace Access
namespace Service {
class Admission;
class Guard;
class Outbox;
class OutboxSender;
class PermissionReport;
class ApiUsage;
class Quotas;
class RequiredWorkspace;
class ScopedGrants;
} // namespace Service
namespace Http {
class Api;
class ClientAddress;
class FailureLimiter;
class RequestAuthenticator;
class SystemHandlers;
class AccountHandlers;
class OrganizationHandlers;
class MembershipHandlers;
class PermissionHandlers;
class WorkspaceHandlers;
class ResourceHandlers;
class AuditHandlers;
class InvitationHandlers;
class InviteLinkHandlers;
class RoleHandlers;
} // namespace Http


class Runtime
	/// Builds, in order, settings → roles → database (and migrations) → access control →
	/// services → HTTP API, and tears them down in reverse. The plugin owns one; tests build
	/// their own on a scratch database.
	///
	/// The published service objects refer to the runtime's database: they must not be used
	/// after the runtime is destroyed (the host drops them when the plugin stops).
{
public:
	Runtime(const Poco::Util::AbstractConfiguration& config, const Config::Settings::PathResolver& resolvePath,
	        Poco::Logger& logger, Poco::SharedPtr<Orgs::Authenticator> pHostAuthenticator = nullptr,
	        Service::Clock::Ptr pClock = nullptr, Orgs::Mailer::Ptr pHostMailer = nullptr);
		/// Reads the configuration (over the preset that orgs.preset names, see Config::Preset), migrates the schema and builds every service. Mail goes
		/// through pHostMailer if given, else SMTP (orgs.mail.smtp.host) or the log; the outbox
		/// sender starts unless orgs.mail.deliver is false. Throws
		/// Poco::DataFormatException for bad configuration and Poco::Data exceptions when the
		/// database cannot be used.

	~Runtime();

	const Config::Settings& settings() const;
	const Config::RoleCatalog& roles() const;
	Data::Database& database();
	Service::Outbox& outbox();
	Service::OutboxSender& outboxSender();
	Orgs::Mailer::Ptr mailer() const;
	int schemaVersion() const;

	Orgs::AccountService::Ptr accounts() const;
	Orgs::OrganizationService::Ptr organizations() const;
	Orgs::MembershipService::Ptr memberships() const;
	Orgs::WorkspaceService::Ptr workspaces() const;
	Orgs::ResourceService::Ptr resources() const;
	Orgs::AccessControl::Ptr accessControl() const;
	Orgs::InvitationService::Ptr invitations() const;
	Orgs::InviteLinkService::Ptr inviteLinks() const;
		/// The organization-wide invitation link.
	Orgs::RoleService::Ptr customRoles() const;
		/// Per-organization custom roles (issue 6).
	Http::Api& api();
	Service::ApiUsage& apiUsage();
		/// The API request counter (requests per organization and month) that GET /orgs/{org}/usage reads.

	Orgs::AuditLog::Ptr auditLog() const;

	int purgeDeletedOrganizations();
		/// Removes for good the organizations deleted more than orgs.organizations.retentionDays
		/// ago (see OrganizationServiceImpl::purgeDeleted()) and returns how many.

private:
	Poco::AutoPtr<Poco::Util::AbstractConfiguration>
	    _pConfig; ///< the host's configuration over the preset (orgs.preset)
	Config::Settings _settings;
	Config::RoleCatalog _roles;
	Service::Clock::Ptr _pClock;
	std::unique_ptr<Data::Database> _pDatabase;
	int _schemaVersion;
	std::unique_ptr<Access::RoleResolver> _pRoleResolver;
	Poco::SharedPtr<Access::AccessControlImpl> _pAccess;
	std::unique_ptr<Service::Guard> _pGuard;
	std::unique_ptr<Service::Outbox> _pOutbox;
	Orgs::Mailer::Ptr _pMailer;
	std::unique_ptr<Service::OutboxSender> _pOutboxSender;
	std::unique_ptr<Service::Quotas> _pQuotas;
	std::unique_ptr<Service::RequiredWorkspace> _pRequiredWorkspace;
	std::unique_ptr<Service::ScopedGrants> _pWorkspaceMembers;
	std::unique_ptr<Service::ScopedGrants> _pCollaborators;
	std::unique_ptr<Service::Admission> _pAdmission;
	Orgs::AccountService::Ptr _pAccounts;
	Orgs::OrganizationService::Ptr _pOrganizations;
	Orgs::MembershipService::Ptr _pMemberships;
	Orgs::WorkspaceService::Ptr _pWorkspaces;
	Orgs::ResourceService::Ptr _pResources;
	Orgs::InvitationService::Ptr _pInvitations;
	std::unique_ptr<Http::RequestAuthenticator> _pAuthenticator;
	std::unique_ptr<Http::ClientAddress> _pClientAddress;
	std::unique_ptr<Http::FailureLimiter> _pFailures;
	std::unique_ptr<Http::Api> _pApi;
	std::unique_ptr<Http::SystemHandlers> _pSystemHandlers;
	std::unique_ptr<Http::AccountHandlers> _pAccountHandlers;
	std::unique_ptr<Http::OrganizationHandlers> _pOrganizationHandlers;
	std::unique_ptr<Http::MembershipHandlers> _pMembershipHandlers;
	std::unique_ptr<Service::PermissionReport> _pPermissionReport;
	std::unique_ptr<Http::PermissionHandlers> _pPermissionHandlers;
	std::unique_ptr<Http::WorkspaceHandlers> _pWorkspaceHandlers;
	std::unique_ptr<Http::ResourceHandlers> _pResourceHandlers;
	Orgs::AuditLog::Ptr _pAuditLog;
	std::unique_ptr<Http::AuditHandlers> _pAuditHandlers;
	std::unique_ptr<Service::ApiUsage> _pUsage;
	std::unique_ptr<Http::InvitationHandlers> _pInvitationHandlers;
	Orgs::InviteLinkService::Ptr _pInviteLinks;
	std::unique_ptr<Http::InviteLinkHandlers> _pInviteLinkHandlers;
	Orgs::RoleService::Ptr _pCustomRoles;
	std::unique_ptr<Http::RoleHandlers> _pRoleHandlers;
};


} // namespace Orgs


#endif // Orgs_Runtime_INCLUDED
