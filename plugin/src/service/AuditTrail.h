//
// AuditTrail.h
//
// Library: OrgsPlugin
// Package: Service
// Module:  AuditTrail
//
// Writes audit events inside the transaction of the change they describe.
//


#ifndef Orgs_AuditTrail_INCLUDED
#define Orgs_AuditTrail_INCLUDED


#include "Orgs/Model.h"
#include "data/AuditRepository.h"
#include "service/Clock.h"
#include "Poco/Dynamic/Var.h"
#include "Poco/JSON/Object.h"
#include <string>


namespace Orgs {
namespace Service {


struct AuditTarget
	/// What an event is about: a type ("organization", "account", "workspace", "resource",
	/// "token"), its id and its name at the time.
{
	std::string type;
	Id id = 0;
	std::string label;
};


class AuditDetails
	/// The before/after values of a change that matter, as {"before": {...}, "after": {...}}.
{
public:
	AuditDetails();

	AuditDetails& before(const std::string& field, const Poco::Dynamic::Var& value);
	AuditDetails& after(const std::string& field, const Poco::Dynamic::Var& value);
	AuditDetails& change(const std::string& field, const Poco::Dynamic::Var& from, const Poco::Dynamic::Var& to);
		/// Sets both sides of a field.

	AuditDetails& within(const std::string& kind, Id id, const std::string& name);
		/// Names the scope a change happened in, e.g. the workspace of a workspace member:
		/// {"workspace": {"id": 7, "name": "Lab"}, "before": ..., "after": ...}.

	std::string json() const;
		/// Returns the JSON text; "{}" when nothing was set.

	static Poco::Dynamic::Var roles(const RoleMap& roles);
		/// Returns a role map as a JSON object value.

private:
	Poco::JSON::Object::Ptr _pWithin;
	std::string _withinKind;
	Poco::JSON::Object::Ptr _pBefore;
	Poco::JSON::Object::Ptr _pAfter;
};


class AuditTrail
	/// Each service holds one and calls record() inside its transaction, so an event exists
	/// exactly when its change committed. Action names are dotted and lowercase
	/// ("member.role_changed"); README.md lists them all.
{
public:
	AuditTrail(Data::Database& database, Clock::Ptr pClock);

	void record(Poco::Data::Session& session, Id organizationId, Id actorId, const std::string& action,
	            const AuditTarget& target, const AuditDetails& details = AuditDetails());
		/// Writes an event; organizationId 0 is an account-level event (tokens, sign-up).
		/// Must be called within Database::transact(). The event's actor_via is the innermost
		/// Via open on this thread, if any.

	class Via
		/// While one is alive, the events this thread records say who their actor acted as
		/// ("scim:<connection name>"): a SCIM connection's changes are recorded, as every
		/// event, with an account as actor (its creator), and this says it was the directory.
		/// Set around a whole transaction, so that the events a shared rule records (Admission)
		/// carry it too.
	{
	public:
		explicit Via(const std::string& description);
		~Via();

		static const std::string& current();
			/// Returns the innermost description open on this thread, empty if none.

	private:
		Via(const Via&) = delete;
		Via& operator=(const Via&) = delete;

		std::string _previous;
	};

private:
	Clock::Ptr _pClock;
	Data::AuditRepository _events;
};


} // namespace Service
} // namespace Orgs


#endif // Orgs_AuditTrail_INCLUDED
