//
// EventListener.h
//
// Library: Orgs
// Package: Services
// Module:  EventListener
//
// An organization's committed changes, as events a host receives in-process.
//


#ifndef Orgs_EventListener_INCLUDED
#define Orgs_EventListener_INCLUDED


#include "Orgs/Model.h"
#include "Poco/SharedPtr.h"
#include "Poco/Timestamp.h"
#include <string>


namespace Orgs {


struct Event
	/// One committed change of an organization: the audit event it wrote, numbered in the
	/// organization's order. sequence runs 1, 2, 3, ... per organization in commit order, with
	/// no gap, so a consumer that saw n has seen everything before n.
{
	Id id = 0; ///< the audit event's id: stable, unique over all organizations
	Id organizationId = 0;
	Poco::Int64 sequence = 0; ///< the organization's order
	std::string type;         ///< the audit action, e.g. "member.added", "member.removed"
	Id actorAccountId = 0;    ///< who made the change
	std::string actorVia;     ///< what the actor acted as, e.g. "scim:okta" (a SCIM connection); empty: itself
	std::string targetType;   ///< "organization", "account", "workspace", ...
	Id targetId = 0;          ///< 0 when the target has no id
	std::string targetLabel;  ///< the target's name at the time
	std::string details;      ///< a JSON object, as in the audit log
	Poco::Timestamp occurredAt;
};


class EventListener
	/// Receives every event committed through this process, after its commit, on a thread of
	/// the plugin that serves this listener alone: in order per organization, never twice. A
	/// slow listener delays only itself (its events wait in its own queue); an exception it
	/// throws is logged and the next event follows.
{
public:
	using Ptr = Poco::SharedPtr<EventListener>;

	virtual ~EventListener() = default;

	virtual void onEvent(const Event& event) = 0;
		/// Called once per event.
};


} // namespace Orgs


#endif // Orgs_EventListener_INCLUDED
