//
// AuditLogImpl.cpp
//
// Library: OrgsPlugin
// Package: Service
// Module:  AuditLogImpl
//


#include "service/AuditLogImpl.h"
#include "service/Paging.h"
#include "Orgs/Errors.h"


namespace Orgs {
namespace Service {


AuditLogImpl::AuditLogImpl(Data::Database& database, Guard& guard)
    : _database(database), _guard(guard), _events(database)
{
}


void AuditLogImpl::checkAction(const std::string& action)
{
	bool valid = !action.empty() && action.size() <= 64;
	for (char c : action)
		valid = valid && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.');
	if (!valid)
		throw InvalidInputException("action must be an action name such as member.added", "invalid_action");
}


Page<AuditEvent> AuditLogImpl::listEvents(Id actorId, const std::string& org, const AuditQuery& query)
{
	Paging::checkLimit(query.limit);
	const Id before = Paging::decode(query.cursor);
	Data::AuditRepository::Filter filter;
	if (!query.action.empty())
	{
		checkAction(query.action);
		filter.action = query.action;
	}
	filter.since = query.since;
	filter.until = query.until;
	if (!query.since.isNull() && !query.until.isNull() && query.until.value() < query.since.value())
		throw InvalidInputException("until must not be before since", "invalid_time_range");
	return _database.withSession([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.require(session, actorId, org, Permission::AuditRead);
		Data::AuditRepository::Filter f = filter;
		if (!query.actor.empty())
		{
			// Removed members stay findable: accounts are never deleted.
			try
			{
				f.actorAccountId = _guard.account(session, query.actor).id;
			}
			catch (NotFoundException&)
			{
				throw InvalidInputException("actor names no account: '" + query.actor + "'", "invalid_actor");
			}
		}
		return Paging::page(_events.list(session, scope.organization.id, f, before, query.limit + 1), query.limit,
		                    [](const AuditEvent& e) { return e.id; });
	});
}


} // namespace Service
} // namespace Orgs
