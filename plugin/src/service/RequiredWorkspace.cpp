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


// How many of the members left without a workspace a refusal names.
const int NAMED_MEMBERS = 5;


} // namespace


RequiredWorkspace::RequiredWorkspace(Data::Database& database, bool required)
    : _required(required), _workspaces(database)
{
}


Workspace RequiredWorkspace::defaultWorkspace(Poco::Data::Session& session, const Organization& org)
{
	Poco::Nullable<Workspace> w = _workspaces.oldest(session, org.id);
	if (w.isNull())
		throw ConflictException("'" + org.username + "' has no workspace for its members to belong to; create one",
		                        "no_default_workspace");
	return w.value();
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
