//
// InviteLinkServiceImpl.h
//
// Library: OrgsPlugin
// Package: Service
// Module:  InviteLinkServiceImpl
//
// The organization-wide invitation link: the rules and the transactions.
//


#ifndef Orgs_InviteLinkServiceImpl_INCLUDED
#define Orgs_InviteLinkServiceImpl_INCLUDED


#include "Orgs/InviteLinkService.h"
#include "config/Settings.h"
#include "data/AccountRepository.h"
#include "data/InviteLinkRepository.h"
#include "data/OrganizationRepository.h"
#include "access/RoleResolver.h"
#include "service/Admission.h"
#include "service/AuditTrail.h"
#include "service/Clock.h"
#include "service/Guard.h"
#include "service/Joining.h"
#include <string>


namespace Orgs {
namespace Service {


class InviteLinkServiceImpl : public Orgs::InviteLinkService, public Joining
	/// Implements InviteLinkService.
	///
	/// Every change locks the organization row first, so a reset, a disable and a join are
	/// ordered: a join that started with a token that a reset or disable replaced finds no link.
	/// Joining is a way into the organization: Admission decides it (Way::LINK_ACCEPTED), with
	/// seats counted under the same lock.
{
public:
	InviteLinkServiceImpl(Data::Database& database, Guard& guard, Access::RoleResolver& roles, Admission& admission,
	                      Clock::Ptr pClock, const Config::InvitationSettings& settings, const std::string& basePath);
		/// A link made without a role gives orgs.invitations.linkRole, or the default organization
		/// role when that is empty (Config::Configuration checks it names an organization role).

	IssuedInviteLink resetLink(Id actorId, const std::string& org, const std::string& role) override;
	InviteLink getLink(Id actorId, const std::string& org) override;
	void disableLink(Id actorId, const std::string& org) override;
	InviteLinkView viewLink(Id actorId, const std::string& token) override;
	Membership joinByLink(Id actorId, const std::string& token) override;

	bool handles(const std::string& token) const override;
	Id organizationOf(const std::string& token) override;
	Membership join(Poco::Data::Session& session, Id organizationId, Id actorId, const std::string& token) override;

	static const std::string TOKEN_PREFIX;
		/// "orgs_link_": what an invite link's token starts with.

private:
	InviteLink byToken(Poco::Data::Session& session, const std::string& token);

	Data::Database& _database;
	Guard& _guard;
	Access::RoleResolver& _roles;
	Admission& _admission;
	Clock::Ptr _pClock;
	std::string _linkRole;
	std::string _linkUrl;
	std::string _basePath;
	Data::InviteLinkRepository _links;
	Data::OrganizationRepository _organizations;
	Data::AccountRepository _accounts;
	AuditTrail _audit;
};


} // namespace Service
} // namespace Orgs


#endif // Orgs_InviteLinkServiceImpl_INCLUDED
