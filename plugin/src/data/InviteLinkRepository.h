//
// InviteLinkRepository.h
//
// Library: OrgsPlugin
// Package: Data
// Module:  InviteLinkRepository
//
// SQL for the invite_links table.
//


#ifndef Orgs_InviteLinkRepository_INCLUDED
#define Orgs_InviteLinkRepository_INCLUDED


#include "Orgs/InviteLinkService.h"
#include "data/Database.h"
#include "Poco/Nullable.h"
#include <string>


namespace Orgs {
namespace Data {


class InviteLinkRepository
	/// At most one link per organization (its primary key); only the token's hash is stored.
{
public:
	explicit InviteLinkRepository(Database& database);

	Poco::Nullable<InviteLink> find(Poco::Data::Session& session, Id orgId);
		/// Returns the organization's link, or null.

	Poco::Nullable<InviteLink> findByTokenHash(Poco::Data::Session& session, const std::string& tokenHash);
		/// Returns the link whose token has this hash, or null.

	void put(Poco::Data::Session& session, Id orgId, const std::string& tokenHash, const std::string& role,
	         Id createdBy, const Poco::Timestamp& at);
		/// Creates the organization's link, or replaces its token, role, creator and time and
		/// sets its uses back to 0. The caller holds the organization row's lock.

	bool remove(Poco::Data::Session& session, Id orgId);
		/// Deletes the organization's link; returns false if it had none.

	bool countUse(Poco::Data::Session& session, Id orgId, const std::string& tokenHash);
		/// Adds one to the uses of the link if its token still has this hash; returns false if
		/// the link was reset or disabled meanwhile.

private:
	Database& _database;
};


} // namespace Data
} // namespace Orgs


#endif // Orgs_InviteLinkRepository_INCLUDED
