//
// DomainServiceImpl.cpp
//
// Library: OrgsPlugin
// Package: Identity
// Module:  DomainServiceImpl
//


#include "identity/DomainServiceImpl.h"
#include "service/Paging.h"
#include "service/Secrets.h"
#include "service/Validator.h"
#include "Orgs/Errors.h"
#include "Poco/String.h"
#include <algorithm>


namespace Orgs {
namespace Federation {


using Service::Admission;
using Service::AuditDetails;
using Service::Guard;


namespace {


const std::string& ORG_SCOPE = Config::RoleCatalog::ORGANIZATION;
const std::string MODE_OFF("off");
const std::string MODE_SUGGEST("suggest");
const std::string MODE_AUTO("auto");


[[noreturn]] void domainNotFound(const std::string& domain)
{
	throw NotFoundException("The organization has not claimed the domain '" + domain + "'", "domain_not_found");
}


} // namespace


DomainServiceImpl::DomainServiceImpl(Data::Database& database, Service::Guard& guard, Access::RoleResolver& roles,
                                     Service::Admission& admission, Service::Clock::Ptr pClock,
                                     const Config::DomainSettings& settings)
    : _database(database), _guard(guard), _roles(roles), _admission(admission), _pClock(pClock),
      _resolver(settings.nameservers, settings.dnsTimeoutSeconds, settings.dnsAttempts),
      _emailDomains(settings.publicDomains), _domains(database), _organizations(database), _accounts(database),
      _audit(database, pClock), _logger(Poco::Logger::get("Orgs.Domains"))
{
}


OrganizationDomain DomainServiceImpl::claimed(Poco::Data::Session& session, Id orgId, const std::string& domain,
                                              bool lock)
{
	Poco::Nullable<OrganizationDomain> found = _domains.find(session, orgId, domain, lock);
	if (found.isNull())
		domainNotFound(domain);
	return found.value();
}


OrganizationDomain DomainServiceImpl::addDomain(Id actorId, const std::string& org, const std::string& domain)
{
	const std::string d = Service::EmailDomains::normalize(domain);
	_emailDomains.requireOwnable(d);
	return _database.transact([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.require(session, actorId, org, Permission::DomainsManage, true);
		const Organization& o = scope.organization;
		const Poco::Nullable<Id> owner = _domains.verifiedBy(session, d);
		if (!owner.isNull() && owner.value() != o.id)
			throw ConflictException("Another organization has verified '" + d + "'", "domain_claimed");
		const std::string joinRole = _roles.catalog().defaultRole(ORG_SCOPE);
		const Id id = _domains.insert(session, o.id, d, Service::Secrets::generate("orgs-verify-", 24), joinRole,
		                              actorId, _pClock->now());
		_audit.record(session, o.id, actorId, "domain.added", {"domain", id, d}, AuditDetails().after("domain", d));
		return claimed(session, o.id, d);
	});
}


Page<OrganizationDomain> DomainServiceImpl::listDomains(Id actorId, const std::string& org, const PageRequest& page)
{
	Service::Paging::checkLimit(page.limit);
	const Id after = Service::Paging::decode(page.cursor);
	return _database.withSession([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.require(session, actorId, org, Permission::DomainsManage);
		return Service::Paging::page(_domains.list(session, scope.organization.id, after, page.limit + 1), page.limit,
		                             [](const OrganizationDomain& d) { return d.id; });
	});
}


OrganizationDomain DomainServiceImpl::getDomain(Id actorId, const std::string& org, const std::string& domain)
{
	return _database.withSession([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.require(session, actorId, org, Permission::DomainsManage);
		return claimed(session, scope.organization.id, Poco::toLower(domain));
	});
}


OrganizationDomain DomainServiceImpl::verifyDomain(Id actorId, const std::string& org, const std::string& domain)
{
	const std::string d = Poco::toLower(domain);
	// A transaction of its own, short, for the read: it checks the caller's token first, as
	// every change does, so that a revoked token is refused before DNS is asked.
	const OrganizationDomain before = _database.transact([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.require(session, actorId, org, Permission::DomainsManage);
		return claimed(session, scope.organization.id, d);
	});
	if (before.verified())
		return before;

	// No transaction and no lock while the name servers are asked.
	const std::vector<std::string> values = _resolver.lookup(before.recordName);
	if (std::find(values.begin(), values.end(), before.challenge) == values.end())
	{
		std::string found;
		for (const auto& v : values)
			found += (found.empty() ? "\"" : ", \"") + v + "\"";
		throw ConflictException(
		    "Expected a TXT record " + before.recordName + " with the value \"" + before.challenge + "\"; " +
		        (values.empty() ? std::string("DNS has no TXT record of that name") : "its values are " + found),
		    "domain_verification_failed");
	}

	return _database.transact([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.require(session, actorId, org, Permission::DomainsManage, true);
		const Organization& o = scope.organization;
		const OrganizationDomain claim = claimed(session, o.id, d, true);
		if (claim.verified())
			return claim;
		if (claim.challenge != before.challenge || claim.id != before.id) // removed and claimed again meanwhile
			throw ConflictException("The claim of '" + d + "' changed while it was verified; verify again",
			                        "domain_verification_failed");
		const Poco::Nullable<Id> owner = _domains.verifiedBy(session, d);
		if (!owner.isNull() && owner.value() != o.id)
			throw ConflictException("Another organization has verified '" + d + "'", "domain_claimed");
		_domains.markVerified(session, claim.id, d, _pClock->now());
		_audit.record(session, o.id, actorId, "domain.verified", {"domain", claim.id, d},
		              AuditDetails().after("record", claim.recordName));
		return claimed(session, o.id, d);
	});
}


OrganizationDomain DomainServiceImpl::updateDomain(Id actorId, const std::string& org, const std::string& domain,
                                                   const DomainChanges& changes)
{
	const std::string d = Poco::toLower(domain);
	if (!changes.joinMode.isNull() && changes.joinMode.value() != MODE_OFF &&
	    changes.joinMode.value() != MODE_SUGGEST && changes.joinMode.value() != MODE_AUTO)
		throw InvalidInputException("join_mode: expected \"off\", \"suggest\" or \"auto\", got \"" +
		                                changes.joinMode.value() + "\"",
		                            "invalid_join_mode");
	// Only configured roles: a way in without a member's request falls back when a role goes.
	const Poco::Nullable<std::string> role =
	    changes.joinRole.isNull() ? Poco::Nullable<std::string>()
	                              : Poco::Nullable<std::string>(_roles.check(ORG_SCOPE, changes.joinRole.value()));
	return _database.transact([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.require(session, actorId, org, Permission::DomainsManage, true);
		const Organization& o = scope.organization;
		const OrganizationDomain claim = claimed(session, o.id, d, true);
		const std::string mode = changes.joinMode.value(claim.joinMode);
		const std::string joinRole = role.value(claim.joinRole);
		if (mode != MODE_OFF && !claim.verified())
			throw ConflictException("'" + d + "' is not verified: verify it before accounts may join by it",
			                        "domain_not_verified");
		if (mode == claim.joinMode && joinRole == claim.joinRole)
			return claim;
		if (joinRole != claim.joinRole)
			Guard::requireWithin(scope, _roles.permissions(ORG_SCOPE, joinRole),
			                     "Letting accounts join with role '" + joinRole + "'");
		_domains.update(session, claim.id, mode, joinRole);
		AuditDetails details;
		if (mode != claim.joinMode)
			details.change("join_mode", claim.joinMode, mode);
		if (joinRole != claim.joinRole)
			details.change("join_role", claim.joinRole, joinRole);
		_audit.record(session, o.id, actorId, "domain.updated", {"domain", claim.id, d}, details);
		return claimed(session, o.id, d);
	});
}


void DomainServiceImpl::removeDomain(Id actorId, const std::string& org, const std::string& domain)
{
	const std::string d = Poco::toLower(domain);
	_database.transact([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.require(session, actorId, org, Permission::DomainsManage, true);
		const Organization& o = scope.organization;
		const OrganizationDomain claim = claimed(session, o.id, d, true);
		if (!_domains.remove(session, claim.id))
			domainNotFound(d);
		_audit.record(session, o.id, actorId, "domain.removed", {"domain", claim.id, d},
		              AuditDetails()
		                  .before("domain", d)
		                  .before("verified", claim.verified())
		                  .before("join_mode", claim.joinMode));
	});
}


std::vector<SuggestedOrganization> DomainServiceImpl::suggestions(Poco::Data::Session& session, Id accountId)
{
	std::vector<SuggestedOrganization> result;
	std::string email;
	if (!_domains.emailVerified(session, accountId, email))
		return result;
	const std::string domain = Service::EmailDomains::of(email);
	if (domain.empty())
		return result;
	for (const auto& j : _domains.joinable(session, domain, MODE_SUGGEST, accountId))
	{
		SuggestedOrganization s;
		s.organizationId = j.domain.organizationId;
		s.username = j.organizationUsername;
		s.title = j.organizationTitle;
		s.domain = j.domain.domain;
		s.role = _roles.catalog().hasRole(ORG_SCOPE, j.domain.joinRole) ? j.domain.joinRole
		                                                                : _roles.catalog().defaultRole(ORG_SCOPE);
		result.push_back(s);
	}
	return result;
}


std::vector<SuggestedOrganization> DomainServiceImpl::suggestedOrganizations(Id accountId)
{
	return _database.withSession([&](Poco::Data::Session& session) { return suggestions(session, accountId); });
}


Membership DomainServiceImpl::joinSuggested(Id accountId, const std::string& org)
{
	Id id = 0;
	Service::Validator::parseId(org, id);
	// Which one, in a transaction of its own that checks the caller's token first; the join
	// then locks the organization row as its first statement (see Quotas).
	const SuggestedOrganization suggestion = _database.transact([&](Poco::Data::Session& session) {
		for (const auto& s : suggestions(session, accountId))
		{
			if (s.username == org || (id != 0 && s.organizationId == id))
				return s;
		}
		// A member was never suggested it; whoever else learns no more than that it is not
		// theirs to join.
		throw NotFoundException("No organization '" + org + "' is suggested to you", "organization_not_found");
	});
	return join(accountId, suggestion.organizationId, suggestion.domain, MODE_SUGGEST);
}


Membership DomainServiceImpl::join(Id accountId, Id orgId, const std::string& domain, const std::string& joinMode)
{
	return _database.transact([&](Poco::Data::Session& session) {
		// The organization row's lock first: seats are counted one join after the other.
		Poco::Nullable<Organization> o = _organizations.findById(session, orgId, true);
		if (o.isNull())
			throw NotFoundException("The organization is gone", "organization_not_found");
		// Re-read under the lock: the domain may have been removed or its mode changed.
		Poco::Nullable<Data::DomainRepository::Joinable> j = _domains.joinableIn(session, orgId, domain, joinMode);
		if (j.isNull())
			throw NotFoundException("'" + o.value().username + "' no longer lets accounts of " + domain + " join",
			                        "organization_not_found");
		Poco::Nullable<Account> account = _accounts.findById(session, accountId);
		if (account.isNull())
			throw NotFoundException("No such account", "account_not_found");
		Admission::Candidate candidate;
		candidate.accountId = accountId;
		candidate.username = account.value().username;
		candidate.email = Poco::toLower(Poco::trim(account.value().email));
		Admission::Request request;
		request.role = j.value().domain.joinRole;
		request.fallbackRole = _roles.catalog().defaultRole(ORG_SCOPE);
		Guard::Scope target;
		target.organization = o.value();
		const Admission::Decision decision =
		    _admission.admit(session, target, accountId, Admission::Way::DOMAIN_JOINED, candidate, request);
		return _admission.enrol(
		    session, o.value(), accountId, candidate, decision, "domain.joined",
		    {"account", accountId, candidate.username},
		    AuditDetails().after("role", decision.role).after("domain", domain).after("join_mode", joinMode));
	});
}


Poco::Nullable<Membership> DomainServiceImpl::joinAutomatically(Id accountId, const std::string& email)
{
	const std::string domain = Service::EmailDomains::of(email);
	if (domain.empty())
		return Poco::Nullable<Membership>();
	const std::vector<Data::DomainRepository::Joinable> found = _database.withSession(
	    [&](Poco::Data::Session& session) { return _domains.joinable(session, domain, MODE_AUTO, accountId); });
	if (found.empty())
		return Poco::Nullable<Membership>();
	return join(accountId, found.front().domain.organizationId, domain, MODE_AUTO);
}


void DomainServiceImpl::signedIn(const SignIn& signIn)
{
	if (!signIn.emailVerified || signIn.email.empty() || !(signIn.accountCreated || signIn.identityCreated))
		return;
	try
	{
		const Poco::Nullable<Membership> joined = joinAutomatically(signIn.accountId, signIn.email);
		if (!joined.isNull())
			_logger.information("Account %Ld joined organization %Ld by the verified domain of %s",
			                    static_cast<Poco::Int64>(signIn.accountId),
			                    static_cast<Poco::Int64>(joined.value().organizationId), signIn.email);
	}
	catch (OrgsException& exc)
	{
		if (dynamic_cast<UnavailableException*>(&exc))
			throw; // the database: the sign-in cannot be completed either
		// A full organization, a plan without members, allowed domains: the sign-in goes on.
		_logger.warning("Account %Ld was not joined by the verified domain of %s: %s (%s)",
		                static_cast<Poco::Int64>(signIn.accountId), signIn.email, exc.message(),
		                std::string(exc.reason()));
	}
}


} // namespace Federation
} // namespace Orgs
