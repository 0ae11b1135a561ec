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
#include "data/MembershipRepository.h"
#include "data/OrganizationRepository.h"
#include "service/AuditTrail.h"
#include "service/Clock.h"
#include "service/Guard.h"
#include "service/Joining.h"
#include "service/Quotas.h"
#include "service/RequiredWorkspace.h"
#include <string>


namespace Orgs {
namespace Service {


class InviteLinkServiceImpl : public Orgs::InviteLinkService, public Joining
	/// Implements InviteLinkService.
	///
	/// Every change locks the organization row first, so a reset, a disable and a join are
	/// ordered: a join that started with a token that a reset or disable replaced finds no link.
	/// Seats (members plus pending invitations) are counted under the same lock.
{
public:
	InviteLinkServiceImpl(Data::Database& database, Guard& guard, Clock::Ptr pClock, Quotas& quotas,
	                      const Config::InvitationSettings& settings, const std::string& basePath,
	                      RequiredWorkspace* pRequired = nullptr);
		/// A link made without a role gives orgs.invitations.linkRole, or the default organization
		/// role when that is empty (Config::Configuration checks it names an organization role).
		/// With pRequired, joining puts a member who must belong to a workspace in the default one.

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
	Clock::Ptr _pClock;
	Quotas& _quotas;
	std::string _linkRole;
	std::string _linkUrl;
	std::string _basePath;
	Data::InviteLinkRepository _links;
	Data::OrganizationRepository _organizations;
	Data::MembershipRepository _memberships;
	Data::AccountRepository _accounts;
	AuditTrail _audit;
	RequiredWorkspace* _pRequired;
};


} // namespace Service
} // namespace Orgs


#endif // Orgs_InviteLinkServiceImpl_INCLUDED
