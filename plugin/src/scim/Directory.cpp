//
// Directory.cpp
//
// Library: OrgsPlugin
// Package: Scim
// Module:  Directory
//


#include "scim/Directory.h"
#include "identity/MappingRules.h"
#include "identity/VerifiedToken.h"
#include "Orgs/Errors.h"
#include "config/RoleCatalog.h"


namespace Orgs {
namespace Scim {


using Service::Admission;
using Service::AuditDetails;
using Service::AuditTarget;


namespace {


const std::string& ORG_SCOPE = Config::RoleCatalog::ORGANIZATION;
const std::string& WS_SCOPE = Config::RoleCatalog::WORKSPACE;


} // namespace


Directory::Directory(Data::Database& database, Access::RoleResolver& roles, Admission& admission,
                     Service::Quotas& quotas, Service::Clock::Ptr pClock)
    : _database(database), _roles(roles), _admission(admission), _quotas(quotas), _pClock(pClock),
      _connections(database), _users(database), _organizations(database), _accounts(database), _memberships(database),
      _workspaceMembers(database, Data::ScopedGrantRepository::WORKSPACE_MEMBERS), _audit(database, pClock)
{
}


std::string Directory::via(const ScimConnection& connection)
{
	return "scim:" + connection.name;
}


AuditDetails Directory::details(const ScimConnection& connection) const
{
	AuditDetails d;
	d.within("scim_connection", connection.id, connection.name);
	return d;
}


void Directory::record(Poco::Data::Session& session, const ScimConnection& connection, const std::string& action,
                       const AuditTarget& target, AuditDetails d)
{
	_audit.record(session, connection.organizationId, connection.createdBy, action, target, d);
}


Organization Directory::open(Poco::Data::Session& session, ScimConnection& connection, const std::string& tokenHash)
{
	// The organization's row first: seats are counted one change after the other, and a
	// rotation or deletion of the connection (which lock it too) is either before or after.
	Poco::Nullable<Organization> org = _organizations.findById(session, connection.organizationId, true);
	if (org.isNull())
		throw NotFoundException("No such SCIM connection", "not_found");
	Poco::Nullable<ScimConnection> current = _connections.findByToken(session, tokenHash);
	if (current.isNull() || current.value().id != connection.id)
		throw UnauthenticatedException("The SCIM token was rotated or its connection deleted", "token_revoked");
	connection = current.value();
	return org.value();
}


void Directory::sync(Poco::Data::Session& session, const Organization& org, const ScimConnection& connection,
                     const Data::ScimUserRepository::Row& user, bool present)
{
	const Id accountId = user.accountId;
	const Id actorId = connection.createdBy;
	const bool owner = accountId == org.ownerAccountId;
	Poco::Nullable<Membership> current = _memberships.find(session, org.id, accountId);
	const bool wanted = present && user.active;
	if (!wanted)
	{
		if (current.isNull())
			return;
		if (owner)
			throw ConflictException("'" + user.userName +
			                            "' owns the organization: the owner is never deprovisioned "
			                            "(transfer ownership first)",
			                        "mutability");
		// The one removal rule: workspace memberships, resource roles and default roles go with
		// the membership (foreign keys); resources, attribution and events stay.
		_memberships.remove(session, org.id, accountId);
		record(session, connection, "member.removed", {"account", accountId, current.value().username},
		       details(connection).before("role", current.value().role));
		return;
	}

	Federation::VerifiedToken token;
	token.groups = _users.groupNames(session, user.id);
	token.pClaims = new Poco::JSON::Object;
	const Config::RoleCatalog& catalog = _roles.catalog();
	const Poco::Nullable<std::string> defaultRole(connection.defaultRole.isNull() ? catalog.defaultRole(ORG_SCOPE)
	                                                                              : connection.defaultRole.value());
	const Federation::MappingRules::Outcome outcome = Federation::MappingRules::evaluate(
	    connection.rules, defaultRole, token, std::string(),
	    [&catalog](const std::string& role) { return catalog.hasRole(ORG_SCOPE, role); });

	// The rules' workspaces as the organization and the configuration have them now.
	std::vector<InvitationWorkspace> requested;
	std::vector<std::string> names;
	for (const auto& kv : outcome.workspaces)
	{
		Poco::Nullable<Data::ScopedGrantRepository::Scope> scope =
		    _workspaceMembers.findScope(session, org.id, kv.first);
		if (scope.isNull())
			continue;
		const std::string role =
		    _roles.knows(session, org.id, WS_SCOPE, kv.second.role) ? kv.second.role : catalog.defaultRole(WS_SCOPE);
		requested.push_back({kv.first, role});
		names.push_back(scope.value().name);
	}

	if (current.isNull())
	{
		Poco::Nullable<Account> account = _accounts.findById(session, accountId);
		if (account.isNull())
			throw NotFoundException("The account of '" + user.userName + "' is gone", "not_found");
		Admission::Candidate candidate;
		candidate.accountId = accountId;
		candidate.username = account.value().username;
		candidate.email = account.value().email;
		candidate.pAccount = &account.value();
		candidate.member = false;
		Admission::Request request;
		request.role = outcome.role;
		request.workspaces = requested;
		Service::Guard::Scope scope;
		scope.organization = org;
		const Admission::Decision decision =
		    _admission.admit(session, scope, actorId, Admission::Way::SCIM_PROVISIONED, candidate, request);
		_admission.enrol(session, org, actorId, candidate, decision, "scim.joined",
		                 {"account", accountId, candidate.username}, details(connection).after("role", decision.role));
		return;
	}

	const Membership& m = current.value();
	const AuditTarget member{"account", accountId, m.username};
	if (!owner && outcome.role != m.role)
	{
		const std::string planRole = _quotas.memberRole(org, "");
		if (planRole.empty() || planRole == outcome.role)
		{
			_memberships.updateRole(session, org.id, accountId, outcome.role, _pClock->now());
			record(session, connection, "member.role_changed", member,
			       details(connection).change("role", m.role, outcome.role));
		}
	}
	for (std::size_t i = 0; i < requested.size(); ++i)
	{
		const InvitationWorkspace& w = requested[i];
		Poco::Nullable<Data::ScopedGrantRepository::Row> held =
		    _workspaceMembers.find(session, w.workspaceId, accountId);
		if (held.isNull())
			_workspaceMembers.insert(session, org.id, w.workspaceId, accountId, w.role, _pClock->now());
		else if (held.value().role != w.role)
			_workspaceMembers.update(session, org.id, w.workspaceId, accountId, w.role);
		else
			continue;
		AuditDetails d;
		d.within("workspace", w.workspaceId, names[i])
		    .change("role", held.isNull() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(held.value().role), w.role);
		d.after("scim_connection", connection.id);
		record(session, connection, "workspace_member.set", member, d);
	}
}


} // namespace Scim
} // namespace Orgs
