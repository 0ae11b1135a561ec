//
// InviteLinkServiceImpl.cpp
//
// Library: OrgsPlugin
// Package: Service
// Module:  InviteLinkServiceImpl
//


#include "service/InviteLinkServiceImpl.h"
#include "service/InvitationServiceImpl.h"
#include "service/Secrets.h"
#include "Orgs/Errors.h"
#include "Poco/Exception.h"
#include "Poco/String.h"
#include <algorithm>


namespace Orgs {
namespace Service {


namespace {


const std::string& ORG_SCOPE = Config::RoleCatalog::ORGANIZATION;


[[noreturn]] void linkNotFound()
{
	throw NotFoundException("No such invite link: it is unknown, was reset or was disabled", "invite_link_not_found");
}


} // namespace


const std::string InviteLinkServiceImpl::TOKEN_PREFIX("orgs_link_");


InviteLinkServiceImpl::InviteLinkServiceImpl(Data::Database& database, Guard& guard, Clock::Ptr pClock, Quotas& quotas,
                                             const Config::InvitationSettings& settings, const std::string& basePath,
                                             RequiredWorkspace* pRequired)
    : _database(database), _guard(guard), _pClock(pClock), _quotas(quotas), _linkRole(settings.linkRole),
      _linkUrl(settings.linkUrl), _basePath(basePath), _links(database), _organizations(database),
      _memberships(database), _accounts(database), _audit(database, pClock), _pRequired(pRequired)
{
	if (_linkRole.empty())
		_linkRole = _guard.roles().defaultRole(ORG_SCOPE);
	else if (!_guard.roles().hasRole(ORG_SCOPE, _linkRole))
		throw Poco::DataFormatException("orgs.invitations.linkRole: '" + _linkRole +
		                                "' is not an organization role (orgs.roles.organization)");
}


bool InviteLinkServiceImpl::handles(const std::string& token) const
{
	return token.compare(0, TOKEN_PREFIX.size(), TOKEN_PREFIX) == 0;
}


InviteLink InviteLinkServiceImpl::byToken(Poco::Data::Session& session, const std::string& token)
{
	if (!handles(token) || token.size() > 200)
		linkNotFound();
	Poco::Nullable<InviteLink> found = _links.findByTokenHash(session, Secrets::sha256Hex(token));
	if (found.isNull())
		linkNotFound();
	return found.value();
}


IssuedInviteLink InviteLinkServiceImpl::resetLink(Id actorId, const std::string& org, const std::string& role)
{
	const std::string r = role.empty() ? _linkRole : _guard.checkRole(ORG_SCOPE, role);
	return _database.transact([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.require(session, actorId, org, Permission::InvitationsCreate, true);
		const Organization& o = scope.organization;
		_guard.requireAcceptsMembers(scope);
		_guard.requireWithin(scope, _guard.roles().permissions(ORG_SCOPE, r), "An invite link with role '" + r + "'");
		const Poco::Nullable<InviteLink> previous = _links.find(session, o.id);
		const std::string token = Secrets::generate(TOKEN_PREFIX);
		_links.put(session, o.id, Secrets::sha256Hex(token), r, actorId, _pClock->now());
		AuditDetails details;
		if (previous.isNull())
			details.after("role", r);
		else
			details.change("role", previous.value().role, r).before("uses", previous.value().uses);
		_audit.record(session, o.id, actorId, previous.isNull() ? "invite_link.created" : "invite_link.reset",
		              {"organization", o.id, o.username}, details);
		IssuedInviteLink issued;
		issued.link = _links.find(session, o.id).value();
		issued.token = token;
		issued.url = InvitationServiceImpl::acceptLink(_linkUrl, _basePath, token, o.username);
		return issued;
	});
}


InviteLink InviteLinkServiceImpl::getLink(Id actorId, const std::string& org)
{
	return _database.withSession([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.require(session, actorId, org, Permission::InvitationsRead);
		Poco::Nullable<InviteLink> found = _links.find(session, scope.organization.id);
		if (found.isNull())
			linkNotFound();
		return found.value();
	});
}


void InviteLinkServiceImpl::disableLink(Id actorId, const std::string& org)
{
	_database.transact([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.require(session, actorId, org, Permission::InvitationsRevoke, true);
		const Organization& o = scope.organization;
		const Poco::Nullable<InviteLink> previous = _links.find(session, o.id);
		if (previous.isNull() || !_links.remove(session, o.id))
			linkNotFound();
		_audit.record(session, o.id, actorId, "invite_link.disabled", {"organization", o.id, o.username},
		              AuditDetails().before("role", previous.value().role).before("uses", previous.value().uses));
	});
}


InviteLinkView InviteLinkServiceImpl::viewLink(Id, const std::string& token)
{
	return _database.withSession([&](Poco::Data::Session& session) {
		const InviteLink link = byToken(session, token);
		Poco::Nullable<Organization> o = _organizations.findById(session, link.organizationId);
		if (o.isNull()) // deleted
			linkNotFound();
		InviteLinkView view;
		view.organizationId = o.value().id;
		view.organizationUsername = o.value().username;
		view.organizationTitle = o.value().title;
		view.role = _guard.roles().hasRole(ORG_SCOPE, link.role) ? link.role : _linkRole;
		return view;
	});
}


Id InviteLinkServiceImpl::organizationOf(const std::string& token)
{
	return _database.withSession([&](Poco::Data::Session& session) { return byToken(session, token).organizationId; });
}


Membership InviteLinkServiceImpl::join(Poco::Data::Session& session, Id organizationId, Id actorId,
                                       const std::string& token)
{
	Poco::Nullable<Organization> o = _organizations.findById(session, organizationId, true);
	if (o.isNull()) // deleted meanwhile
		linkNotFound();
	const InviteLink link = byToken(session, token);
	if (link.organizationId != organizationId) // cannot happen: one hash, one organization
		linkNotFound();
	if (!_memberships.find(session, organizationId, actorId).isNull())
		throw ConflictException("You are already a member of '" + o.value().username + "'", "already_member");
	Guard::Scope target;
	target.organization = o.value();
	_guard.requireAcceptsMembers(target); // personal organizations may have changed their mind
	if (!o.value().allowedEmailDomains.empty())
	{
		Poco::Nullable<Account> account = _accounts.findById(session, actorId);
		const std::string email = account.isNull() ? std::string() : Poco::toLower(Poco::trim(account.value().email));
		const std::string domain = email.substr(email.rfind('@') + 1);
		const auto& allowed = o.value().allowedEmailDomains;
		if (std::find(allowed.begin(), allowed.end(), domain) == allowed.end())
			throw ForbiddenException("'" + o.value().username +
			                             "' takes only members with an email address of its "
			                             "allowed domains",
			                         "domain_not_allowed");
	}
	_quotas.requireSeats(session, o.value(), 1);
	_quotas.requireMembersAllowed(o.value()); // a plan may allow no other members (orgs.plans.<plan>.allowsMembers)
	if (!_links.countUse(session, organizationId, Secrets::sha256Hex(token)))
		linkNotFound();

	// A plan may give every member one role (orgs.plans.<plan>.memberRole).
	const std::string planRole = _quotas.memberRole(o.value(), "");
	const std::string role = !planRole.empty()                              ? planRole
	                         : _guard.roles().hasRole(ORG_SCOPE, link.role) ? link.role
	                                                                        : _linkRole;
	const Poco::Timestamp now = _pClock->now();
	_memberships.insert(session, organizationId, actorId, role, now);
	Poco::Nullable<Account> account = _accounts.findById(session, actorId);
	_audit.record(session, organizationId, actorId, "invite_link.accepted",
	              {"account", actorId, account.isNull() ? std::string() : account.value().username},
	              AuditDetails().after("role", role).after("link_created_by", link.createdBy));
	if (_pRequired) // a link names no workspace
		_pRequired->place(session, o.value(), actorId, actorId);

	Membership joined = _memberships.find(session, organizationId, actorId).value(); // with its default roles
	joined.owner = false;
	return joined;
}


Membership InviteLinkServiceImpl::joinByLink(Id actorId, const std::string& token)
{
	// The organization first, outside the transaction: locking its row is then the
	// transaction's first statement (see Quotas).
	const Id orgId = organizationOf(token);
	return _database.transact([&](Poco::Data::Session& session) { return join(session, orgId, actorId, token); });
}


} // namespace Service
} // namespace Orgs
