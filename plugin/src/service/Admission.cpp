//
// Admission.cpp
//
// Library: OrgsPlugin
// Package: Service
// Module:  Admission
//


#include "service/Admission.h"
#include "service/EmailDomains.h"
#include "Orgs/Errors.h"
#include "Poco/Exception.h"
#include <algorithm>
#include <set>


namespace Orgs {
namespace Service {


using Config::RoleCatalog;


namespace {


const std::string& ORG_SCOPE = RoleCatalog::ORGANIZATION;
const std::string& WS_SCOPE = RoleCatalog::WORKSPACE;


bool byMember(Admission::Way way)
	/// Returns true for the ways where a member asks for the roles and workspaces (and is held
	/// to its own permissions); the others only re-read what was decided then.
{
	return way == Admission::Way::ADDED || way == Admission::Way::INVITED;
}


bool accepted(Admission::Way way)
	/// Returns true for the ways where the candidate joins by its own act: what it is told when
	/// refused names only itself.
{
	return way == Admission::Way::INVITATION_ACCEPTED || way == Admission::Way::LINK_ACCEPTED ||
	       way == Admission::Way::SSO_MAPPED || way == Admission::Way::DOMAIN_JOINED ||
	       way == Admission::Way::SCIM_PROVISIONED;
}


} // namespace


Admission::Admission(Data::Database& database, Guard& guard, Access::RoleResolver& roles,
                     ScopedGrants& workspaceMembers, Quotas& quotas, RequiredWorkspace& required, Clock::Ptr pClock,
                     bool personalAllowsMembers, bool invitationsRequireWorkspace)
    : _guard(guard), _roles(roles), _workspaceMembers(workspaceMembers), _quotas(quotas), _required(required),
      _pClock(pClock), _personalAllowsMembers(personalAllowsMembers),
      _invitationsRequireWorkspace(invitationsRequireWorkspace), _memberships(database), _invitations(database),
      _audit(database, pClock)
{
}


std::string Admission::verb(Way way)
{
	return way == Way::INVITED ? "Inviting" : "Adding";
}


void Admission::checkRequest(Way way, const Request& request) const
{
	if (!byMember(way))
		return;
	_roles.check(ORG_SCOPE, request.role);
	if (way == Way::INVITED && _invitationsRequireWorkspace && request.workspaces.empty())
		throw InvalidInputException(
		    "An invitation must name at least one workspace (orgs.invitations.requireWorkspace)", "workspace_required");
	// The workspace roles are checked in the transaction: they may be custom roles.
	std::set<Id> seen;
	for (const auto& w : request.workspaces)
	{
		_workspaceMembers.requireScope();
		if (!seen.insert(w.workspaceId).second)
			throw InvalidInputException("workspace " + std::to_string(w.workspaceId) + " is named twice",
			                            "duplicate_workspace");
	}
}


Admission::Decision Admission::admit(Poco::Data::Session& session, const Guard::Scope& scope, Id actorId, Way way,
                                     const Candidate& candidate, const Request& request)
{
	const Organization& org = scope.organization;
	Decision decision;
	// 1. and 2.: whether the organization takes members at all, and the plan's role.
	if (way != Way::INVITATION_RESENT)
	{
		requireAcceptsMembers(org);
		_quotas.requireMembersAllowed(org);
		decision.role = decideRole(org, way, request);
	}
	// 3. and 4.: who the candidate is.
	requireDomain(org, way, candidate);
	requireNew(session, org, way, candidate);
	// 5. Seats: the organization row is locked, so the counts see every committed change.
	if (request.seats > 0)
	{
		_quotas.requireSeats(session, org, request.seats);
		if (way == Way::INVITED || way == Way::INVITATION_RESENT)
			_quotas.requirePendingInvitation(session, org);
	}
	if (way == Way::INVITATION_RESENT)
		return decision;
	// 6. and 7.: what the candidate gets.
	decision.defaultRoles = decideDefaultRoles(session, org, way, request);
	if (byMember(way))
	{
		Guard::requireWithin(scope, _roles.permissions(ORG_SCOPE, decision.role),
		                     (way == Way::INVITED ? "Inviting with role '" : "Granting role '") + decision.role + "'");
	}
	decision.workspaces = decideWorkspaces(session, scope, actorId, way, request);
	return decision;
}


void Admission::requireAcceptsMembers(const Organization& org) const
{
	if (org.personal && !_personalAllowsMembers)
		throw ConflictException("'" + org.username +
		                            "' is a personal organization: it takes no other members; create an "
		                            "organization to work with others",
		                        "personal_organization");
}


std::string Admission::decideRole(const Organization& org, Way way, const Request& request) const
{
	if (byMember(way))
	{
		// Checked before the transaction; a plan may give every member one role and refuse another.
		const std::string checked = _roles.check(ORG_SCOPE, request.role);
		const std::string planRole = _quotas.memberRole(org, request.role.empty() ? "" : checked);
		return planRole.empty() ? checked : planRole;
	}
	// Decided when the invitation or the link was made; the configuration may have changed since.
	const std::string planRole = _quotas.memberRole(org, "");
	if (!planRole.empty())
		return planRole;
	const RoleCatalog& catalog = _roles.catalog();
	if (catalog.hasRole(ORG_SCOPE, request.role))
		return request.role;
	return request.fallbackRole.empty() ? catalog.defaultRole(ORG_SCOPE) : request.fallbackRole;
}


void Admission::requireDomain(const Organization& org, Way way, const Candidate& candidate) const
{
	// A member adding an account decides for the organization; an invitation was checked when sent.
	if (way == Way::ADDED || way == Way::INVITATION_ACCEPTED || org.allowedEmailDomains.empty())
		return;
	const std::string domain = EmailDomains::of(candidate.email);
	const auto& allowed = org.allowedEmailDomains;
	if (std::find(allowed.begin(), allowed.end(), domain) != allowed.end())
		return;
	if (accepted(way)) // a joiner learns no more of the organization than that
		throw ForbiddenException("'" + org.username +
		                             "' takes only members with an email address of its allowed domains",
		                         "domain_not_allowed");
	std::string list;
	for (const auto& d : allowed)
		list += (list.empty() ? "" : ", ") + d;
	throw ForbiddenException("'" + org.username + "' invites only addresses of: " + list, "domain_not_allowed");
}


void Admission::requireNew(Poco::Data::Session& session, const Organization& org, Way way, const Candidate& candidate)
{
	if (candidate.accountId == 0)
	{
		if (_invitations.memberWithEmail(session, org.id, candidate.email))
			throw ConflictException("An account with email '" + candidate.email + "' is already a member of '" +
			                            org.username + "'",
			                        "already_member");
	}
	else if (candidate.member.isNull() ? !_memberships.find(session, org.id, candidate.accountId).isNull()
	                                   : candidate.member.value())
	{
		if (accepted(way))
			throw ConflictException("You are already a member of '" + org.username + "'", "already_member");
		throw ConflictException("The account is already a member of the organization", "already_member");
	}
	if (way != Way::INVITED)
		return;
	Poco::Nullable<Invitation> holding = _invitations.findHoldingSlot(session, org.id, candidate.email);
	if (holding.isNull())
		return;
	if (!Data::InvitationRepository::expired(holding.value(), _pClock->now()))
		throw ConflictException("'" + candidate.email + "' already has a pending invitation; resend it instead",
		                        "already_invited");
	_invitations.releaseSlot(session, holding.value().id); // expired: it stays listed as such
}


RoleMap Admission::decideDefaultRoles(Poco::Data::Session& session, const Organization& org, Way way,
                                      const Request& request)
{
	if (byMember(way))
	{
		_roles.checkDefaultRoles(session, org.id, request.defaultRoles); // custom roles too
		return request.defaultRoles;
	}
	RoleMap kept;
	for (const auto& kv : request.defaultRoles)
	{
		if (_roles.knows(session, org.id, kv.first, kv.second)) // the configuration may have changed since
			kept[kv.first] = kv.second;
	}
	return kept;
}


std::vector<Admission::Placement> Admission::decideWorkspaces(Poco::Data::Session& session, const Guard::Scope& scope,
                                                              Id actorId, Way way, const Request& request)
{
	const Organization& org = scope.organization;
	std::vector<Placement> result;
	if (!byMember(way))
	{
		// The invitation's workspaces that still exist (the others went with their rows), with
		// their roles as the configuration has them now; else, when every member must be in
		// one, the default workspace.
		for (const auto& w : request.workspaces)
		{
			Placement p;
			p.workspace.id = w.workspaceId;
			p.workspace.roleScope = WS_SCOPE;
			p.role = _roles.knows(session, org.id, WS_SCOPE, w.role) ? w.role : _roles.catalog().defaultRole(WS_SCOPE);
			result.push_back(p);
		}
		if (result.empty() && _required.required())
			result.push_back(defaultWorkspace(session, org, true));
		return result;
	}
	// Named, or (when every member must belong to one) the default workspace with the default
	// role, checked as if named.
	std::vector<InvitationWorkspace> named = request.workspaces;
	if (way == Way::ADDED && named.empty() && _required.required())
		named.push_back({_required.defaultWorkspace(session, org).id, ""});
	for (auto& w : named)
		w.role = _roles.check(session, org.id, WS_SCOPE, w.role); // a custom role too
	for (const auto& w : named)
	{
		Placement p;
		p.workspace = _workspaceMembers.visible(session, scope, actorId, w.workspaceId, true);
		_workspaceMembers.require(p.workspace, Permission::WorkspaceMembersManage);
		Guard::requireWithin(scope, p.workspace.permissions, _roles.permissions(session, org.id, WS_SCOPE, w.role),
		                     verb(way) + " to workspace '" + p.workspace.name + "' as '" + w.role + "'");
		p.role = w.role;
		p.record = way == Way::ADDED;
		result.push_back(p);
	}
	return result;
}


Admission::Placement Admission::defaultWorkspace(Poco::Data::Session& session, const Organization& org, bool record)
{
	Placement p;
	p.workspace = ScopedGrants::of(_required.defaultWorkspace(session, org)).value();
	p.role = _roles.catalog().defaultRole(WS_SCOPE);
	p.record = record;
	return p;
}


Membership Admission::enrol(Poco::Data::Session& session, const Organization& org, Id actorId,
                            const Candidate& candidate, const Decision& decision, const std::string& action,
                            const AuditTarget& target, const AuditDetails& details)
{
	const Id accountId = candidate.accountId;
	const Poco::Timestamp joinedAt = _pClock->now();
	_memberships.insert(session, org.id, accountId, decision.role, joinedAt);
	_memberships.setDefaultRoles(session, org.id, accountId, decision.defaultRoles);
	_audit.record(session, org.id, actorId, action, target, details);
	AuditTarget member{"account", accountId, candidate.username};
	for (const auto& p : decision.workspaces)
	{
		if (p.record && member.label.empty())
			member.label = _guard.account(session, std::to_string(accountId)).username;
		_workspaceMembers.place(session, org.id, actorId, p.workspace, member, p.role, p.record);
	}
	if (candidate.pAccount == nullptr || !decision.defaultRoles.empty())
	{
		Membership joined = _memberships.find(session, org.id, accountId).value(); // as stored
		joined.owner = accountId == org.ownerAccountId;
		return joined;
	}
	// Nothing in the new row that this transaction does not know: no statement to read it back.
	Membership joined;
	joined.organizationId = org.id;
	joined.accountId = accountId;
	joined.username = candidate.pAccount->username;
	joined.name = candidate.pAccount->name;
	joined.email = candidate.pAccount->email;
	joined.role = decision.role;
	joined.createdAt = joinedAt;
	joined.owner = accountId == org.ownerAccountId;
	return joined;
}


} // namespace Service
} // namespace Orgs
