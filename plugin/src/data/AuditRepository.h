//
// AuditRepository.h
//
// Library: OrgsPlugin
// Package: Data
// Module:  AuditRepository
//
// SQL for the audit_events table.
//


#ifndef Orgs_AuditRepository_INCLUDED
#define Orgs_AuditRepository_INCLUDED


#include "Orgs/AuditLog.h"
#include "data/Database.h"
#include "Poco/Nullable.h"
#include <string>
#include <vector>


namespace Orgs {
namespace Data {


class AuditRepository
	/// Appends audit events and lists an organization's events newest first by keyset (event id).
{
public:
	struct Filter
		/// What a listing keeps; empty or zero fields keep everything.
	{
		std::string action;
		Id actorAccountId = 0;
		Poco::Nullable<Poco::Timestamp> since; ///< inclusive
		Poco::Nullable<Poco::Timestamp> until; ///< exclusive
	};

	explicit AuditRepository(Database& database);

	void insert(Poco::Data::Session& session, const AuditEvent& event);
		/// Appends an event; organizationId and targetId 0 are stored as NULL. An organization's
		/// event takes the organization's next sequence number and is handed to the database's
		/// event sink, if one is set.

	std::vector<AuditEvent> list(Poco::Data::Session& session, Id organizationId, const Filter& filter, Id beforeId,
	                             int limit);
		/// Returns up to limit events of the organization with id below beforeId (0: from the
		/// newest), newest first.

private:
	Poco::Nullable<Poco::Int64> nextSequence(Poco::Data::Session& session, Id organizationId, bool& withEndpoints);
		/// Increments the organization's event counter and returns it (null: no such row);
		/// sets withEndpoints if the organization has a webhook endpoint.

	Database& _database;
};


} // namespace Data
} // namespace Orgs


#endif // Orgs_AuditRepository_INCLUDED
