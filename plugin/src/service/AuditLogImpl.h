//
// AuditLogImpl.h
//
// Library: OrgsPlugin
// Package: Service
// Module:  AuditLogImpl
//
// Reading an organization's audit log.
//


#ifndef Orgs_AuditLogImpl_INCLUDED
#define Orgs_AuditLogImpl_INCLUDED


#include "Orgs/AuditLog.h"
#include "data/AuditRepository.h"
#include "service/Guard.h"


namespace Orgs {
namespace Service {


class AuditLogImpl : public Orgs::AuditLog
	/// Implements AuditLog on audit_events (written by each service's AuditTrail).
{
public:
	AuditLogImpl(Data::Database& database, Guard& guard);

	Page<AuditEvent> listEvents(Id actorId, const std::string& org, const AuditQuery& query) override;

	static void checkAction(const std::string& action);
		/// Throws InvalidInputException ("invalid_action") unless action looks like an action
		/// name (1-64 characters of a-z, 0-9, '_' and '.').

private:
	Data::Database& _database;
	Guard& _guard;
	Data::AuditRepository _events;
};


} // namespace Service
} // namespace Orgs


#endif // Orgs_AuditLogImpl_INCLUDED
