//
// SsoSignInStep.cpp
//
// Library: OrgsPlugin
// Package: Identity
// Module:  SsoSignInStep
//


#include "identity/SsoSignInStep.h"
#include "service/EmailDomains.h"
#include "identity/MappingRules.h"
#include "Orgs/Errors.h"
#include "config/RoleCatalog.h"


namespace Orgs {
namespace Federation {


using Service::Admission;
using Service::AuditDetails;


namespace {


const std::string& ORG_SCOPE = Config::RoleCatalog::ORGANIZATION;
const std::string& WS_SCOPE = Config::RoleCatalog::WORKSPACE;


} // namespace


SsoSignInStep::SsoSignInStep(Data::Database& database, Access::RoleResolver& roles, Admission& admission,
                             Service::Quotas& quotas, Service::Clock::Ptr pClock, bool enabled, bool removeUnmatched,
                             const std::string& roleClaim, Poco::Logger& logger)
    : _database(database), _roles(roles), _admission(admission), _quotas(quotas), _pClock(pClock), _enabled(enabled),
      _removeUnmatched(removeUnmatched), _roleClaim(roleClaim), _logger(logger), _connections(database),
      _organizations(database), _accounts(database), _memberships(database), _domains(database),
      _workspaceMembers(database, Data::ScopedGrantRepository::WORKSPACE_MEMBERS), _audit(database, pClock)
{
}


void SsoSignInStep::setAccountOf(AccountOf accountOf)
{
	_accountOf = std::move(accountOf);
}


void SsoSignInStep::setDirectory(DirectoryOf directoryOf)
{
	_directoryOf = std::move(directoryOf);
}


void SsoSignInStep::signedIn(const SignIn& signIn)
{
	if (!_enabled)
		return;
	const std::vector<SsoConnection> connections = _database.withSession([&](Poco::Data::Session& session) {
		return _connections.seeing(session, signIn.token.issuer, signIn.token.issuerName);
	});
	for (const auto& connection : connections)
	{
		std::string why;
		if (!MappingRules::sees(connection, signIn.token, why))
			continue;
		const SsoTestReport done = apply(connection, signIn.accountId, signIn.token);
		if (!done.admission)
		{
			// The organization refused (seats, plan, domains): the sign-in itself goes on.
			_logger.warning("SSO connection " + std::to_string(connection.id) + " of organization " +
			                std::to_string(connection.organizationId) + ": account " +
			                std::to_string(signIn.accountId) + " not admitted: " + done.refusal + " (" +
			                done.refusalMessage + ")");
		}
	}
}


AuditDetails SsoSignInStep::details(const SsoConnection& connection) const
{
	AuditDetails d;
	d.within("sso_connection", connection.id, connection.name);
	return d;
}


SsoSignInStep::Plan SsoSignInStep::plan(Poco::Data::Session& session, const Organization& org,
                                        const SsoConnection& connection, Id accountId, const VerifiedToken& token)
{
	Plan p;
	SsoTestReport& r = p.report;
	r.connectionId = connection.id;
	r.subject = token.subject;
	r.email = token.email;
	r.emailVerified = token.emailVerified;
	r.sees = MappingRules::sees(connection, token, r.notSeenBecause);
	if (r.sees && !connection.issuerName.empty())
	{
		// A shared issuer vouches for an email, not for who owns its domain: only a domain this
		// organization proved it owns (verified domains) may bring that issuer's people in.
		const std::string domain = Service::EmailDomains::of(token.email);
		const Poco::Nullable<Id> owner = _domains.verifiedBy(session, domain);
		if (owner.isNull() || owner.value() != org.id)
		{
			r.sees = false;
			r.notSeenBecause = "domain_not_verified";
		}
	}
	r.accountId = accountId;
	if (accountId != 0)
	{
		Poco::Nullable<Account> a = _accounts.findById(session, accountId);
		if (!a.isNull())
		{
			p.account = a.value();
			r.username = p.account.username;
		}
		Poco::Nullable<Membership> m = _memberships.find(session, org.id, accountId);
		r.member = !m.isNull();
		if (r.member)
			r.currentRole = m.value().role;
		r.owner = accountId == org.ownerAccountId;
	}
	const Config::RoleCatalog& catalog = _roles.catalog();
	const MappingRules::Outcome outcome =
	    MappingRules::evaluate(connection.rules, connection.defaultRole, token, _roleClaim,
	                           [&catalog](const std::string& role) { return catalog.hasRole(ORG_SCOPE, role); });
	r.rules = outcome.results;
	r.admitted = outcome.admitted;
	r.role = outcome.role;
	r.organizationRule = outcome.orgRule;
	r.byClaim = outcome.byClaim;
	r.byDefault = outcome.byDefault;
	r.action = "nothing";
	if (!r.sees)
	{
		r.note = "the connection does not see this token (" + r.notSeenBecause + ")";
		return p;
	}
	// Workspaces: the rules' roles as the organization and the configuration have them now.
	std::vector<InvitationWorkspace> requested;
	for (const auto& kv : outcome.workspaces)
	{
		SsoWorkspaceOutcome w;
		w.workspaceId = kv.first;
		w.rule = kv.second.rule;
		Poco::Nullable<Data::ScopedGrantRepository::Scope> scope =
		    _workspaceMembers.findScope(session, org.id, kv.first);
		if (scope.isNull())
			continue; // deleted since (its rules went with it)
		w.workspaceName = scope.value().name;
		w.role = _roles.knows(session, org.id, WS_SCOPE, kv.second.role) ? kv.second.role
		                                                                 : _roles.catalog().defaultRole(WS_SCOPE);
		if (r.member)
		{
			Poco::Nullable<Data::ScopedGrantRepository::Row> held =
			    _workspaceMembers.find(session, kv.first, accountId);
			w.currentRole = held.isNull() ? std::string() : held.value().role;
		}
		w.action = w.currentRole.empty() ? "join" : (w.currentRole == w.role ? "nothing" : "change");
		requested.push_back({w.workspaceId, w.role});
		r.workspaces.push_back(w);
	}
	// The organization's SCIM directory, where it provisioned the account, has the last word.
	const Directory directory =
	    _directoryOf && accountId != 0 ? _directoryOf(session, org.id, accountId) : Directory::NONE;
	if (r.member && directory == Directory::MANAGED)
	{
		r.note = "the organization's directory (SCIM) manages this member: SSO changes neither its role, its "
		         "workspaces nor its membership";
		for (auto& w : r.workspaces)
			w.action = "nothing";
		return p;
	}
	if (!r.member && r.admitted && directory == Directory::DEPROVISIONED)
	{
		r.note = "the organization's directory (SCIM) deprovisioned this account: it does not join through SSO";
		return p;
	}
	if (!r.member && r.admitted)
	{
		r.action = "join";
		p.candidate.accountId = accountId;
		p.candidate.username = p.account.username;
		p.candidate.email = accountId != 0 ? p.account.email : token.email;
		p.candidate.member = false;
		Admission::Request request;
		request.role = outcome.role;
		request.workspaces = requested;
		Service::Guard::Scope scope;
		scope.organization = org;
		try
		{
			p.decision = _admission.admit(session, scope, accountId, Admission::Way::SSO_MAPPED, p.candidate, request);
			r.role = p.decision.role;
		}
		catch (OrgsException& exc)
		{
			r.admission = false;
			r.refusal = exc.reason();
			r.refusalMessage = exc.message();
		}
	}
	else if (r.member && r.admitted)
	{
		if (r.role != r.currentRole)
		{
			const std::string planRole = _quotas.memberRole(org, "");
			if (r.owner)
				r.note = "the owner's role is never changed";
			else if (!planRole.empty() && planRole != r.role)
				r.note = "the organization's plan gives every member the role '" + planRole + "'";
			else
				r.action = "change";
		}
	}
	else if (r.member && !r.admitted)
	{
		if (r.owner)
			r.note = "no rule admits the account, but the owner is never removed";
		else if (!_removeUnmatched)
			r.note = "no rule admits the account; it stays a member (orgs.sso.removeUnmatched is false)";
		else
			r.action = "remove";
	}
	else
		r.note = "no rule admits the account and the connection has no default role";
	return p;
}


SsoTestReport SsoSignInStep::explain(Poco::Data::Session& session, const Organization& org,
                                     const SsoConnection& connection, Id accountId, const VerifiedToken& token)
{
	if (accountId == 0 && _accountOf)
		accountId = _accountOf(session, token);
	return plan(session, org, connection, accountId, token).report;
}


void SsoSignInStep::carryOut(Poco::Data::Session& session, const Organization& org, const SsoConnection& connection,
                             const Plan& p)
{
	const SsoTestReport& r = p.report;
	const Id accountId = r.accountId;
	const Service::AuditTarget member{"account", accountId, p.account.username};
	if (r.action == "join")
	{
		_admission.enrol(session, org, accountId, p.candidate, p.decision, "sso.joined", member,
		                 details(connection).after("role", p.decision.role));
		return; // the decision's workspaces were placed by enrol()
	}
	if (r.action == "remove")
	{
		// Workspace memberships, resource roles and default roles go with it (foreign keys).
		_memberships.remove(session, org.id, accountId);
		_audit.record(session, org.id, accountId, "member.removed", member,
		              details(connection).before("role", r.currentRole));
		return;
	}
	if (r.action == "change")
	{
		_memberships.updateRole(session, org.id, accountId, r.role, _pClock->now());
		_audit.record(session, org.id, accountId, "member.role_changed", member,
		              details(connection).change("role", r.currentRole, r.role));
	}
	if (!r.member)
		return;
	for (const auto& w : r.workspaces)
	{
		if (w.action == "join")
			_workspaceMembers.insert(session, org.id, w.workspaceId, accountId, w.role, _pClock->now());
		else if (w.action == "change")
			_workspaceMembers.update(session, org.id, w.workspaceId, accountId, w.role);
		else
			continue;
		AuditDetails d;
		d.within("workspace", w.workspaceId, w.workspaceName)
		    .change("role", w.currentRole.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(w.currentRole), w.role);
		d.after("sso_connection", connection.id);
		_audit.record(session, org.id, accountId, "workspace_member.set", member, d);
	}
}


SsoTestReport SsoSignInStep::apply(const SsoConnection& connection, Id accountId, const VerifiedToken& token)
{
	return _database.transact([&](Poco::Data::Session& session) {
		// The organization's row first: seats are counted one sign-in after the other.
		Poco::Nullable<Organization> org = _organizations.findById(session, connection.organizationId, true);
		if (org.isNull())
		{
			SsoTestReport gone;
			gone.connectionId = connection.id;
			gone.action = "nothing";
			gone.note = "the organization is deleted";
			return gone;
		}
		// The connection as it is now, within the lock (it may have changed since it was read).
		Poco::Nullable<SsoConnection> current = _connections.find(session, connection.organizationId, connection.id);
		if (current.isNull())
		{
			SsoTestReport gone;
			gone.connectionId = connection.id;
			gone.action = "nothing";
			gone.note = "the connection is deleted";
			return gone;
		}
		Plan p = plan(session, org.value(), current.value(), accountId, token);
		if (p.report.admission)
			carryOut(session, org.value(), current.value(), p);
		return p.report;
	});
}


} // namespace Federation
} // namespace Orgs
