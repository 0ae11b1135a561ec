//
// AuditLog.h
//
// Library: Orgs
// Package: Services
// Module:  AuditLog
//
// The audit log: who changed what in an organization, and when.
//


#ifndef Orgs_AuditLog_INCLUDED
#define Orgs_AuditLog_INCLUDED


#include "Orgs/Model.h"
#include "Poco/Nullable.h"
#include "Poco/SharedPtr.h"
#include "Poco/Timestamp.h"
#include <string>


namespace Orgs {


struct AuditEvent
	/// One change, written in the transaction that made it. Events outlive the memberships
	/// they mention: targetLabel keeps the target's name (a username, a workspace's name) as it
	/// was when the event was written.
{
	Id id = 0;
	Id organizationId = 0;     ///< 0 for account-level events (tokens, sign-up)
	Id actorAccountId = 0;     ///< who made the change
	std::string actorUsername; ///< the actor's current username
	std::string actorVia;      ///< who the actor acted as, if not itself: "scim:<connection name>" for a
	                           ///< SCIM connection's changes (the actor is then the connection's creator)
	std::string action;        ///< e.g. "member.added", "member.role_changed", "ownership.transferred"
	std::string targetType;    ///< "organization", "account", "workspace", "resource", "token"
	Id targetId = 0;           ///< 0 when the target has no id
	std::string targetLabel;   ///< the target's name at the time
	std::string details;       ///< a JSON object: {"before": {...}, "after": {...}} with the values that changed
	Poco::Timestamp createdAt;
};


struct AuditQuery : PageRequest
	/// Filters of an audit listing. Pages run from the newest event to the oldest.
{
	std::string action;                    ///< an exact action name, or empty for every action
	std::string actor;                     ///< an account id or username, or empty for everyone
	Poco::Nullable<Poco::Timestamp> since; ///< events at or after this time
	Poco::Nullable<Poco::Timestamp> until; ///< events before this time
};


class AuditLog
	/// Reads an organization's audit log. Writing happens inside the services, in the
	/// transaction of each change, so a change that rolls back leaves no event.
{
public:
	using Ptr = Poco::SharedPtr<AuditLog>;

	virtual ~AuditLog() = default;

	virtual Page<AuditEvent> listEvents(Id actorId, const std::string& org, const AuditQuery& query) = 0;
		/// Returns the organization's events, newest first, keyset-paginated by event id
		/// (permission audit.read). Throws NotFoundException for a non-member, ForbiddenException
		/// without the permission and InvalidInputException ("invalid_action", "invalid_actor",
		/// "invalid_time_range", "invalid_limit", "invalid_cursor") for bad filters.
};


} // namespace Orgs


#endif // Orgs_AuditLog_INCLUDED
