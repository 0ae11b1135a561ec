//
// EventRepository.h
//
// Library: OrgsPlugin
// Package: Data
// Module:  EventRepository
//
// SQL for the event feed: organizations' audit events by their sequence.
//


#ifndef Orgs_EventRepository_INCLUDED
#define Orgs_EventRepository_INCLUDED


#include "Orgs/EventListener.h"
#include "data/Database.h"
#include <string>
#include <vector>


namespace Orgs {
namespace Data {


class EventRepository
	/// Reads an organization's events in sequence order (audit_events.seq, see
	/// AuditRepository::insert for how it is assigned).
{
public:
	explicit EventRepository(Database& database);

	std::vector<Event> after(Poco::Data::Session& session, Id organizationId, Poco::Int64 afterSequence,
	                         const std::vector<std::string>& types, int limit);
		/// Returns up to limit events of the organization with a sequence above afterSequence,
		/// of the given types (empty: all), in sequence order.

private:
	Database& _database;
};


} // namespace Data
} // namespace Orgs


#endif // Orgs_EventRepository_INCLUDED
