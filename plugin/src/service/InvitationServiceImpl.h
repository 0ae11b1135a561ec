//
// InvitationServiceImpl.h
//
// Library: OrgsPlugin
// Package: Service
// Module:  InvitationServiceImpl
//
// Invitations: the rules and the transactions.
//


#ifndef Orgs_InvitationServiceImpl_INCLUDED
#define Orgs_InvitationServiceImpl_INCLUDED


#include "Orgs/InvitationService.h"
#include "config/Settings.h"
#include "data/InvitationRepository.h"
#include "data/OrganizationRepository.h"
#include "service/Admission.h"
#include "service/AuditTrail.h"
#include "service/Clock.h"
#include "service/Guard.h"
#include "service/Joining.h"
#include "service/Outbox.h"
#include <string>


namespace Orgs {
namespace Service {


class InvitationServiceImpl : public Orgs::InvitationService, public Joining
	/// Implements InvitationService.
	///
	/// Inviting, sending again and accepting are ways into the organization: Admission decides
	/// them (Way::INVITED, INVITATION_RESENT, INVITATION_ACCEPTED). Every change locks the
	/// organization row first (Guard with lock, or the row itself for the invitee), so seat
	/// counts, the one-pending-invitation rule and the daily limit hold under concurrency. The
	/// mail is queued in the outbox in the same transaction: it leaves if and only if the
	/// invitation is stored. The daily limit counts invitations created in the last 24 hours (a
	/// rolling window; resends do not count), after Admission's reasons.
{
public:
	InvitationServiceImpl(Data::Database& database, Guard& guard, Admission& admission, Clock::Ptr pClock,
	                      Outbox& outbox, const Config::InvitationSettings& settings, const std::string& basePath);

	IssuedInvitation createInvitation(Id actorId, const std::string& org, const InvitationSpec& spec) override;
	Page<Invitation> listInvitations(Id actorId, const std::string& org, const InvitationQuery& query) override;
	Invitation getInvitation(Id actorId, const std::string& org, Id invitationId) override;
	void revokeInvitation(Id actorId, const std::string& org, Id invitationId) override;
	IssuedInvitation resendInvitation(Id actorId, const std::string& org, Id invitationId) override;
	InvitationView viewInvitation(Id actorId, const std::string& token) override;
	Membership acceptInvitation(Id actorId, const std::string& token) override;
	void declineInvitation(Id actorId, const std::string& token) override;

	bool handles(const std::string& token) const override;
	Id organizationOf(const std::string& token) override;
	Membership join(Poco::Data::Session& session, Id organizationId, Id actorId, const std::string& token) override;

	static std::string normalizeEmail(const std::string& email);
		/// Returns email without surrounding blanks, in lower case. Throws InvalidInputException
		/// ("invalid_email").

	static std::string acceptLink(const std::string& pattern, const std::string& basePath, const std::string& token,
	                              const std::string& org);
		/// Expands orgs.invitations.acceptUrl: {base} is orgs.http.basePath, {token} the token and
		/// {org} the organization's username.

private:
	Invitation present(Invitation invitation, const Poco::Timestamp& now) const;
	void checkDailyLimit(Poco::Data::Session& session, const Organization& org, const Poco::Timestamp& now);
	Invitation byToken(Poco::Data::Session& session, const std::string& token, const Poco::Timestamp& now);
	void checkInvitee(Poco::Data::Session& session, const Invitation& invitation, Id actorId);
	void mail(Poco::Data::Session& session, const Organization& org, const Invitation& invitation,
	          const std::string& token);
	IssuedInvitation issued(const Invitation& invitation, const std::string& token) const;

	Data::Database& _database;
	Guard& _guard;
	Admission& _admission;
	Clock::Ptr _pClock;
	Outbox& _outbox;
	Config::InvitationSettings _settings;
	std::string _basePath;
	Data::InvitationRepository _invitations;
	Data::OrganizationRepository _organizations;
	AuditTrail _audit;
};


} // namespace Service
} // namespace Orgs


#endif // Orgs_InvitationServiceImpl_INCLUDED
