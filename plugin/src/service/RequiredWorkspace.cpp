//
// RequiredWorkspace.cpp
//
// Library: OrgsPlugin
// Package: Service
// Module:  RequiredWorkspace
//


#include "service/RequiredWorkspace.h"
#include "Orgs/Errors.h"
#include "Poco/Exception.h"


namespace Orgs {
namespace Service {


namespace {


const std::string& WS_SCOPE = Config::RoleCatalog::WORKSPACE;
const std::string KEY("orgs.workspaces.membershipRequired");


// How many of the members left without a workspace a refusal names.
const int NAMED_MEMBERS = 5;


} // namespace


RequiredWorkspace::RequiredWorkspace(Data::Database& database, Guard& guard, Clock::Ptr pClock, bool required,
                                     const std::string& defaultWorkspace)
    : _guard(guard), _pClock(pClock), _required(required), _workspaces(database), _audit(database, pClock)
{
	if (!_required)
		return;
	if (!_guard.roles().hasScope(WS_SCOPE))
		throw Poco::DataFormatException(KEY + ": members can belong to workspaces only with workspace roles "
		                                      "(orgs.roles.workspace)");
	if (defaultWorkspace.empty())
		throw Poco::DataFormatException(KEY + ": needs orgs.workspaces.default, the workspace every organization "
		                                      "and its creator start with and members join by default");
}


Workspace RequiredWorkspace::defaultWorkspace(Poco::Data::Session& session, const Organization& org)
{
	Poco::Nullable<Workspace> w = _workspaces.oldest(session, org.id);
	if (w.isNull())
		throw ConflictException("'" + org.username + "' has no workspace for its members to belong to; create one",
		                        "no_default_workspace");
	return w.value();
}


void RequiredWorkspace::place(Poco::Data::Session& session, const Organization& org, Id accountId, Id actorId)
{
	if (!_required || _workspaces.countOfMember(session, org.id, accountId) > 0)
		return;
	const Workspace w = defaultWorkspace(session, org);
	const std::string& role = _guard.roles().defaultRole(WS_SCOPE);
	_workspaces.insertMember(session, org.id, w.id, accountId, role, _pClock->now());
	const Poco::Nullable<WorkspaceMember> m = _workspaces.findMember(session, w.id, accountId);
	_audit.record(session, org.id, actorId, "workspace_member.set",
	              {"account", accountId, m.isNull() ? std::string() : m.value().username},
	              AuditDetails().within("workspace", w.id, w.name).after("role", role));
}


void RequiredWorkspace::requireAnother(Poco::Data::Session& session, const Organization& org,
                                       const Workspace& workspace, const Account& account)
{
	if (_required && _workspaces.countOfMember(session, org.id, account.id) <= 1)
	{
		throw ConflictException("'" + workspace.name + "' is the last workspace of '" + account.username +
		                            "', and every member of '" + org.username +
		                            "' belongs to one: add them to another first, or remove them from the "
		                            "organization",
		                        "last_workspace");
	}
}


void RequiredWorkspace::requireNoSoleMember(Poco::Data::Session& session, const Organization& org,
                                            const Workspace& workspace)
{
	if (!_required)
		return;
	const std::vector<std::string> sole = _workspaces.soleMembers(session, workspace.id, NAMED_MEMBERS + 1);
	if (sole.empty())
		return;
	std::string names;
	for (std::size_t i = 0; i < sole.size() && i < static_cast<std::size_t>(NAMED_MEMBERS); ++i)
		names += (names.empty() ? "'" : ", '") + sole[i] + "'";
	if (sole.size() > static_cast<std::size_t>(NAMED_MEMBERS))
		names += " and others";
	throw ConflictException("'" + workspace.name + "' is the last workspace of " + names + ", and every member of '" +
	                            org.username +
	                            "' belongs to one: add them to another workspace first, or remove them from the "
	                            "organization",
	                        "last_workspace");
}


} // namespace Service
} // namespace Orgs
