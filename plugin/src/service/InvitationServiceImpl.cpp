//
// InvitationServiceImpl.cpp
//
// Library: OrgsPlugin
// Package: Service
// Module:  InvitationServiceImpl
//


#include "service/InvitationServiceImpl.h"
#include "service/Paging.h"
#include "service/Secrets.h"
#include "service/Validator.h"
#include "Orgs/Errors.h"
#include "Poco/DateTimeFormat.h"
#include "Poco/DateTimeFormatter.h"
#include "Poco/Exception.h"
#include "Poco/String.h"
#include <algorithm>
#include <set>


namespace Orgs {
namespace Service {


namespace {


const std::string& ORG_SCOPE = Config::RoleCatalog::ORGANIZATION;
const std::string& WS_SCOPE = Config::RoleCatalog::WORKSPACE;
const std::string TOKEN_PREFIX("orgs_inv_");
const Poco::Timestamp::TimeDiff DAY = Poco::Timestamp::TimeDiff(24) * 3600 * 1000000;
const std::string PENDING("pending");
const std::string EXPIRED("expired");


[[noreturn]] void invitationNotFound()
{
	throw NotFoundException("No such invitation: it is unknown, used or revoked", "invitation_not_found");
}


std::string replaceAll(std::string text, const std::string& what, const std::string& with)
{
	std::string::size_type pos = 0;
	while ((pos = text.find(what, pos)) != std::string::npos)
	{
		text.replace(pos, what.size(), with);
		pos += with.size();
	}
	return text;
}


} // namespace


InvitationServiceImpl::InvitationServiceImpl(Data::Database& database, Guard& guard, Clock::Ptr pClock, Quotas& quotas,
                                             Outbox& outbox, const Config::InvitationSettings& settings,
                                             const std::string& basePath, RequiredWorkspace* pRequired)
    : _database(database), _guard(guard), _pClock(pClock), _quotas(quotas), _outbox(outbox), _settings(settings),
      _basePath(basePath), _invitations(database), _organizations(database), _memberships(database),
      _workspaces(database), _audit(database, pClock), _pRequired(pRequired)
{
	if (_settings.requireWorkspace && !_guard.roles().hasScope(WS_SCOPE))
		throw Poco::DataFormatException(
		    "orgs.invitations.requireWorkspace: invitations can name a workspace only with workspace roles "
		    "(orgs.roles.workspace)");
}


std::string InvitationServiceImpl::normalizeEmail(const std::string& email)
{
	const std::string e = Poco::toLower(Poco::trim(email));
	Validator::email("email", e);
	return e;
}


std::string InvitationServiceImpl::acceptLink(const std::string& pattern, const std::string& basePath,
                                              const std::string& token, const std::string& org)
{
	std::string link = replaceAll(pattern, "{base}", basePath);
	link = replaceAll(link, "{org}", org);
	return replaceAll(link, "{token}", token);
}


Invitation InvitationServiceImpl::present(Invitation invitation, const Poco::Timestamp& now) const
{
	if (invitation.status == PENDING && invitation.expiresAt <= now)
		invitation.status = EXPIRED;
	return invitation;
}


IssuedInvitation InvitationServiceImpl::issued(const Invitation& invitation, const std::string& token) const
{
	IssuedInvitation result;
	result.invitation = invitation;
	if (_settings.exposeToken)
		result.token = token;
	return result;
}


void InvitationServiceImpl::checkDomain(const Organization& org, const std::string& email) const
{
	if (org.allowedEmailDomains.empty())
		return;
	const std::string domain = email.substr(email.rfind('@') + 1);
	const auto& allowed = org.allowedEmailDomains;
	if (std::find(allowed.begin(), allowed.end(), domain) == allowed.end())
	{
		std::string list;
		for (const auto& d : allowed)
			list += (list.empty() ? "" : ", ") + d;
		throw InvalidInputException("'" + org.username + "' invites only addresses of: " + list, "domain_not_allowed");
	}
}


void InvitationServiceImpl::checkDailyLimit(Poco::Data::Session& session, const Organization& org,
                                            const Poco::Timestamp& now)
{
	if (_settings.dailyLimit == 0)
		return;
	Poco::Int64 count = 0;
	Poco::Timestamp oldest;
	_invitations.countCreatedSince(session, org.id, now - DAY, count, oldest);
	if (count < _settings.dailyLimit)
		return;
	// The window frees a slot when the oldest invitation in it becomes 24 hours old.
	const Poco::Timestamp::TimeDiff wait = (oldest + DAY) - now;
	const Poco::Int64 seconds = std::max<Poco::Int64>(1, (wait + 999999) / 1000000);
	throw RateLimitedException("'" + org.username + "' sent " + std::to_string(count) +
	                               " invitations in the last 24 hours; the limit is " +
	                               std::to_string(_settings.dailyLimit),
	                           "invitation_rate_limited", _settings.dailyLimit, seconds);
}


void InvitationServiceImpl::mail(Poco::Data::Session& session, const Organization& org, const Invitation& invitation,
                                 const std::string& token)
{
	const std::string inviter = invitation.inviterName.empty()
	                                ? "@" + invitation.inviterUsername
	                                : invitation.inviterName + " (@" + invitation.inviterUsername + ")";
	MailMessage message;
	message.to = invitation.email;
	message.subject = "Invitation to join " + org.title;
	std::string body = "Hello" + (invitation.name.empty() ? std::string() : " " + invitation.name) + ",\n\n";
	body += inviter + " invites you to join " + org.title + " (" + org.username + ") as " + invitation.role + ".\n";
	if (!invitation.note.empty())
		body += "\n" + invitation.note + "\n";
	body += "\nTo accept, sign in (or sign up) with this email address and open:\n\n";
	body += acceptLink(_settings.acceptUrl, _basePath, token, org.username) + "\n\n";
	body += "The invitation expires on " + Poco::DateTimeFormatter::format(invitation.expiresAt, "%Y-%m-%d %H:%M UTC") +
	        ". If you did not expect it, ignore this message.\n";
	message.body = body;
	_outbox.enqueue(session, message);
}


IssuedInvitation InvitationServiceImpl::createInvitation(Id actorId, const std::string& org, const InvitationSpec& spec)
{
	const std::string email = normalizeEmail(spec.email);
	const std::string name = Poco::trim(spec.name);
	Validator::name("name", name, 0, 200);
	Validator::name("note", spec.note, 0, 1000);
	const std::string checkedRole = _guard.checkRole(ORG_SCOPE, spec.role);
	if (_settings.requireWorkspace && spec.workspaces.empty())
		throw InvalidInputException(
		    "An invitation must name at least one workspace (orgs.invitations.requireWorkspace)", "workspace_required");
	_guard.checkWorkspaceList(spec.workspaces); // the roles in the transaction: they may be custom roles

	return _database.transact([&](Poco::Data::Session& session) {
		// The organization row first: the counts below then see every committed change.
		Guard::Scope scope = _guard.require(session, actorId, org, Permission::InvitationsCreate, true);
		const Organization& o = scope.organization;
		_guard.requireAcceptsMembers(scope);
		// The plan may allow no other members, or give every member one role.
		_quotas.requireMembersAllowed(o);
		std::string role = _quotas.memberRole(o, spec.role.empty() ? "" : checkedRole);
		if (role.empty())
			role = checkedRole;
		_guard.checkDefaultRoles(session, o.id, spec.defaultRoles); // custom resource roles too
		_guard.requireWithin(scope, _guard.roles().permissions(ORG_SCOPE, role), "Inviting with role '" + role + "'");
		const std::vector<InvitationWorkspace> workspaces =
		    _guard.requireWorkspaceGrants(session, scope, actorId, spec.workspaces, "Inviting");
		checkDomain(o, email);
		if (_invitations.memberWithEmail(session, o.id, email))
			throw ConflictException("An account with email '" + email + "' is already a member of '" + o.username + "'",
			                        "already_member");
		const Poco::Timestamp now = _pClock->now();
		Poco::Nullable<Invitation> holding = _invitations.findHoldingSlot(session, o.id, email);
		if (!holding.isNull())
		{
			if (holding.value().expiresAt > now)
				throw ConflictException("'" + email + "' already has a pending invitation; resend it instead",
				                        "already_invited");
			_invitations.releaseSlot(session, holding.value().id); // expired: it stays listed as such
		}
		checkDailyLimit(session, o, now);
		_quotas.requireSeats(session, o, 1);
		_quotas.requirePendingInvitation(session, o);

		const std::string token = Secrets::generate(TOKEN_PREFIX);
		Data::InvitationRepository::Row row;
		row.organizationId = o.id;
		row.email = email;
		row.name = name;
		row.role = role;
		row.note = spec.note;
		row.tokenHash = Secrets::sha256Hex(token);
		row.invitedBy = actorId;
		row.createdAt = now;
		row.expiresAt = now + Poco::Timestamp::TimeDiff(_settings.ttlDays) * DAY;
		const Id id = _invitations.insert(session, row);
		_invitations.insertWorkspaces(session, id, workspaces);
		_invitations.insertDefaultRoles(session, id, spec.defaultRoles);
		const Invitation invitation = _invitations.find(session, o.id, id).value();
		mail(session, o, invitation, token);
		_audit.record(session, o.id, actorId, "invitation.created", {"invitation", id, email},
		              AuditDetails()
		                  .after("email", email)
		                  .after("role", role)
		                  .after("expires_at", Poco::DateTimeFormatter::format(invitation.expiresAt,
		                                                                       Poco::DateTimeFormat::ISO8601_FORMAT)));
		return issued(present(invitation, now), token);
	});
}


Page<Invitation> InvitationServiceImpl::listInvitations(Id actorId, const std::string& org,
                                                        const InvitationQuery& query)
{
	Paging::checkLimit(query.limit);
	const Id after = Paging::decode(query.cursor);
	static const std::set<std::string> statuses{"", "pending", "accepted", "declined", "revoked", "expired"};
	if (!statuses.count(query.status))
		throw InvalidInputException("status must be pending, accepted, declined, revoked or expired", "invalid_status");
	return _database.withSession([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.require(session, actorId, org, Permission::InvitationsRead);
		const Poco::Timestamp now = _pClock->now();
		std::vector<Invitation> rows =
		    _invitations.list(session, scope.organization.id, query.status, now, after, query.limit + 1);
		for (auto& inv : rows)
			inv = present(inv, now);
		return Paging::page(std::move(rows), query.limit, [](const Invitation& i) { return i.id; });
	});
}


Invitation InvitationServiceImpl::getInvitation(Id actorId, const std::string& org, Id invitationId)
{
	return _database.withSession([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.require(session, actorId, org, Permission::InvitationsRead);
		Poco::Nullable<Invitation> found = _invitations.find(session, scope.organization.id, invitationId);
		if (found.isNull())
			invitationNotFound();
		return present(found.value(), _pClock->now());
	});
}


void InvitationServiceImpl::revokeInvitation(Id actorId, const std::string& org, Id invitationId)
{
	_database.transact([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.require(session, actorId, org, Permission::InvitationsRevoke, true);
		Poco::Nullable<Invitation> found = _invitations.find(session, scope.organization.id, invitationId);
		if (found.isNull())
			invitationNotFound();
		if (!_invitations.respond(session, invitationId, "revoked", _pClock->now(), 0, false))
			throw ConflictException("The invitation was already " + found.value().status, "invitation_not_pending");
		_audit.record(session, scope.organization.id, actorId, "invitation.revoked",
		              {"invitation", invitationId, found.value().email},
		              AuditDetails().change("status", found.value().status, "revoked"));
	});
}


IssuedInvitation InvitationServiceImpl::resendInvitation(Id actorId, const std::string& org, Id invitationId)
{
	return _database.transact([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.require(session, actorId, org, Permission::InvitationsCreate, true);
		const Organization& o = scope.organization;
		Poco::Nullable<Invitation> found = _invitations.find(session, o.id, invitationId);
		if (found.isNull())
			invitationNotFound();
		const Invitation& current = found.value();
		if (current.status != PENDING)
			throw ConflictException("The invitation was already " + current.status, "invitation_not_pending");
		checkDomain(o, current.email);
		if (_invitations.memberWithEmail(session, o.id, current.email))
			throw ConflictException("An account with email '" + current.email + "' is already a member of '" +
			                            o.username + "'",
			                        "already_member");
		const Poco::Timestamp now = _pClock->now();
		if (current.expiresAt <= now)
		{
			// Expired, it held no seat: it takes one again.
			_quotas.requireSeats(session, o, 1);
			_quotas.requirePendingInvitation(session, o);
		}
		const std::string token = Secrets::generate(TOKEN_PREFIX);
		if (!_invitations.renew(session, current, Secrets::sha256Hex(token), now,
		                        now + Poco::Timestamp::TimeDiff(_settings.ttlDays) * DAY))
			throw ConflictException("The invitation is no longer pending", "invitation_not_pending");
		const Invitation invitation = _invitations.find(session, o.id, invitationId).value();
		mail(session, o, invitation, token);
		_audit.record(session, o.id, actorId, "invitation.resent", {"invitation", invitationId, current.email},
		              AuditDetails().change(
		                  "expires_at",
		                  Poco::DateTimeFormatter::format(current.expiresAt, Poco::DateTimeFormat::ISO8601_FORMAT),
		                  Poco::DateTimeFormatter::format(invitation.expiresAt, Poco::DateTimeFormat::ISO8601_FORMAT)));
		return issued(present(invitation, now), token);
	});
}


Invitation InvitationServiceImpl::byToken(Poco::Data::Session& session, const std::string& token,
                                          const Poco::Timestamp& now)
{
	if (token.empty() || token.size() > 200)
		invitationNotFound();
	Poco::Nullable<Invitation> found = _invitations.findByTokenHash(session, Secrets::sha256Hex(token));
	if (found.isNull() || found.value().status != PENDING)
		invitationNotFound();
	if (found.value().expiresAt <= now)
		throw GoneException("The invitation expired on " +
		                        Poco::DateTimeFormatter::format(found.value().expiresAt, "%Y-%m-%dT%H:%M:%SZ") +
		                        "; ask for a new one",
		                    "invitation_expired");
	return found.value();
}


void InvitationServiceImpl::checkInvitee(Poco::Data::Session& session, const Invitation& invitation, Id actorId)
{
	if (!_settings.requireEmailMatch)
		return;
	const Account account = _guard.account(session, std::to_string(actorId));
	if (Poco::toLower(Poco::trim(account.email)) != invitation.email)
		throw ForbiddenException("The invitation is for another email address; sign in with the account of '" +
		                             invitation.email + "'",
		                         "email_mismatch");
}


InvitationView InvitationServiceImpl::viewInvitation(Id, const std::string& token)
{
	return _database.withSession([&](Poco::Data::Session& session) {
		const Poco::Timestamp now = _pClock->now();
		InvitationView view;
		view.invitation = present(byToken(session, token, now), now);
		Poco::Nullable<Organization> o = _organizations.findById(session, view.invitation.organizationId);
		if (o.isNull())
			invitationNotFound();
		view.organizationUsername = o.value().username;
		view.organizationTitle = o.value().title;
		return view;
	});
}


bool InvitationServiceImpl::handles(const std::string& token) const
{
	return token.compare(0, TOKEN_PREFIX.size(), TOKEN_PREFIX) == 0;
}


Id InvitationServiceImpl::organizationOf(const std::string& token)
{
	return _database.withSession(
	    [&](Poco::Data::Session& session) { return byToken(session, token, _pClock->now()).organizationId; });
}


Membership InvitationServiceImpl::acceptInvitation(Id actorId, const std::string& token)
{
	// Find the organization outside the transaction, so that locking its row is the
	// transaction's first statement (see Quotas).
	const Id orgId = _database.withSession([&](Poco::Data::Session& session) {
		const Invitation invitation = byToken(session, token, _pClock->now());
		checkInvitee(session, invitation, actorId);
		return invitation.organizationId;
	});
	return _database.transact([&](Poco::Data::Session& session) { return join(session, orgId, actorId, token); });
}


Membership InvitationServiceImpl::join(Poco::Data::Session& session, Id orgId, Id actorId, const std::string& token)
{
	Poco::Nullable<Organization> o = _organizations.findById(session, orgId, true);
	if (o.isNull())
		invitationNotFound();
	const Poco::Timestamp now = _pClock->now();
	const Invitation invitation = byToken(session, token, now);
	if (invitation.organizationId != orgId)
		invitationNotFound();
	checkInvitee(session, invitation, actorId);
	if (!_memberships.find(session, orgId, actorId).isNull())
		throw ConflictException("You are already a member of '" + o.value().username + "'", "already_member");
	Guard::Scope target;
	target.organization = o.value();
	_guard.requireAcceptsMembers(target); // personal organizations may have changed their mind
	// Compare-and-set: of two concurrent acceptances one wins, the other finds no invitation.
	if (!_invitations.respond(session, invitation.id, "accepted", now, actorId, true))
		invitationNotFound();
	_quotas.requireSeats(session, o.value(), 1);
	_quotas.requireMembersAllowed(o.value()); // the plan may have changed since the invitation

	const std::string planRole = _quotas.memberRole(o.value(), "");
	const std::string role = !planRole.empty() ? planRole
	                         : _guard.roles().hasRole(ORG_SCOPE, invitation.role)
	                             ? invitation.role
	                             : _guard.roles().defaultRole(ORG_SCOPE);
	_memberships.insert(session, orgId, actorId, role, now);
	RoleMap defaults;
	for (const auto& kv : invitation.defaultRoles)
	{
		if (_guard.knowsRole(session, orgId, kv.first, kv.second)) // the configuration may have changed since
			defaults[kv.first] = kv.second;
	}
	_memberships.setDefaultRoles(session, orgId, actorId, defaults);
	for (const auto& w : invitation.workspaces)
	{
		const std::string wsRole =
		    _guard.knowsRole(session, orgId, WS_SCOPE, w.role) ? w.role : _guard.roles().defaultRole(WS_SCOPE);
		_workspaces.insertMember(session, orgId, w.workspaceId, actorId, wsRole, now);
	}
	_audit.record(session, orgId, actorId, "invitation.accepted", {"invitation", invitation.id, invitation.email},
	              AuditDetails().after("role", role).after("invited_by", invitation.invitedBy));
	// The invitation's workspaces may all have been deleted since, or it named none.
	if (_pRequired)
		_pRequired->place(session, o.value(), actorId, actorId);

	Membership joined = _memberships.find(session, orgId, actorId).value(); // with its default roles
	joined.owner = false;
	return joined;
}


void InvitationServiceImpl::declineInvitation(Id actorId, const std::string& token)
{
	_database.transact([&](Poco::Data::Session& session) {
		const Poco::Timestamp now = _pClock->now();
		const Invitation invitation = byToken(session, token, now);
		checkInvitee(session, invitation, actorId);
		if (!_invitations.respond(session, invitation.id, "declined", now, 0, true))
			invitationNotFound();
		_audit.record(session, invitation.organizationId, actorId, "invitation.declined",
		              {"invitation", invitation.id, invitation.email},
		              AuditDetails().change("status", "pending", "declined"));
	});
}


} // namespace Service
} // namespace Orgs
