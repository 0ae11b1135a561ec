//
// InvitationRepository.h
//
// Library: OrgsPlugin
// Package: Data
// Module:  InvitationRepository
//
// SQL for the invitations tables.
//


#ifndef Orgs_InvitationRepository_INCLUDED
#define Orgs_InvitationRepository_INCLUDED


#include "Orgs/Model.h"
#include "data/Database.h"
#include "Poco/Nullable.h"
#include <string>
#include <vector>


namespace Orgs {
namespace Data {


class InvitationRepository
	/// Invitations with their workspaces and default roles. The stored status is "pending",
	/// "accepted", "declined" or "revoked"; a pending invitation has expired when expired() says
	/// so, which is never stored. A pending invitation holds its (organization, email) slot
	/// in pending_email until it is answered, revoked or released.
{
public:
	static bool expired(const Invitation& invitation, const Poco::Timestamp& at);
		/// The one definition of an expired invitation: pending, and its expiry not after at.
		/// The statements below that tell a live invitation from an expired one
		/// (expires_at > ?) say the same.

	struct Row
		/// What insert() stores.
	{
		Id organizationId = 0;
		std::string email; ///< lower case
		std::string name;
		std::string role;
		std::string note;
		std::string tokenHash;
		Id invitedBy = 0;
		Poco::Timestamp createdAt;
		Poco::Timestamp expiresAt;
	};

	explicit InvitationRepository(Database& database);

	Id insert(Poco::Data::Session& session, const Row& row);
		/// Inserts a pending invitation and returns its id. Throws ConflictException
		/// ("already_invited") if another pending invitation holds the (organization, email) slot.

	void insertWorkspaces(Poco::Data::Session& session, Id invitationId,
	                      const std::vector<InvitationWorkspace>& workspaces);
	void insertDefaultRoles(Poco::Data::Session& session, Id invitationId, const RoleMap& roles);

	Poco::Nullable<Invitation> find(Poco::Data::Session& session, Id orgId, Id invitationId);
		/// Returns an invitation of the organization with its details, or null.

	Poco::Nullable<Invitation> findByTokenHash(Poco::Data::Session& session, const std::string& tokenHash);
		/// Returns the invitation whose token has this hash, with its details, or null.

	Poco::Nullable<Invitation> findHoldingSlot(Poco::Data::Session& session, Id orgId, const std::string& email);
		/// Returns the pending invitation that holds the (organization, email) slot, or null.

	void releaseSlot(Poco::Data::Session& session, Id invitationId);
		/// Frees the slot of an expired pending invitation, so that the email can be invited anew.

	bool respond(Poco::Data::Session& session, Id invitationId, const std::string& status, const Poco::Timestamp& at,
	             Id acceptedBy, bool unexpiredOnly);
		/// Moves a pending invitation to status (accepted, declined or revoked) and frees its slot;
		/// with unexpiredOnly only if it has not expired at at. Returns false if it was not pending
		/// (a concurrent answer won).

	bool renew(Poco::Data::Session& session, const Invitation& invitation, const std::string& tokenHash,
	           const Poco::Timestamp& sentAt, const Poco::Timestamp& expiresAt);
		/// Gives a pending invitation a new token and expiry and takes its slot again. Returns false
		/// if it is no longer pending; throws ConflictException ("already_invited") if another
		/// pending invitation took the slot.

	std::vector<Invitation> list(Poco::Data::Session& session, Id orgId, const std::string& status,
	                             const Poco::Timestamp& now, Id afterId, int limit);
		/// Returns up to limit invitations with id above afterId, by id, with their details. status
		/// is "" (all), "pending" and "expired" (as of now), or a stored status.

	void countCreatedSince(Poco::Data::Session& session, Id orgId, const Poco::Timestamp& since, Poco::Int64& count,
	                       Poco::Timestamp& oldest);
		/// Counts the invitations created after since, and returns the oldest one's creation time.

	Poco::Int64 countPending(Poco::Data::Session& session, Id orgId, const Poco::Timestamp& now);
		/// Counts the pending invitations that have not expired at now.

	Poco::Int64 countSeats(Poco::Data::Session& session, Id orgId, const Poco::Timestamp& now);
		/// Counts the seats taken: the members plus countPending(), in one statement.

	bool memberWithEmail(Poco::Data::Session& session, Id orgId, const std::string& email);
		/// Returns true if a member's account has this email (compared case-insensitively).

private:
	std::vector<Invitation> read(Poco::Data::Session& session, const std::string& sql,
	                             const std::vector<Param>& params);
	void loadDetails(Poco::Data::Session& session, std::vector<Invitation>& invitations);

	Database& _database;
};


} // namespace Data
} // namespace Orgs


#endif // Orgs_InvitationRepository_INCLUDED
