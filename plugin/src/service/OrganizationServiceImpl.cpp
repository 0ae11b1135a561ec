//
// OrganizationServiceImpl.cpp
//
// Library: OrgsPlugin
// Package: Service
// Module:  OrganizationServiceImpl
//


#include "service/OrganizationServiceImpl.h"
#include "service/Paging.h"
#include "service/Validator.h"
#include "service/WorkspaceServiceImpl.h"
#include "Orgs/Errors.h"
#include "Poco/DateTimeFormat.h"
#include "Poco/DateTimeFormatter.h"
#include "Poco/RegularExpression.h"
#include "Poco/String.h"
#include <algorithm>


namespace Orgs {
namespace Service {


OrganizationServiceImpl::OrganizationServiceImpl(Data::Database& database, Guard& guard, Access::RoleResolver& roles,
                                                 ScopedGrants& workspaceMembers, Admission& admission, Quotas& quotas,
                                                 Clock::Ptr pClock, const std::vector<std::string>& regions,
                                                 const std::string& defaultWorkspace, int retentionDays)
    : _database(database), _guard(guard), _roles(roles), _workspaceMembers(workspaceMembers), _admission(admission),
      _quotas(quotas), _pClock(pClock), _regions(regions), _handles(database), _organizations(database),
      _memberships(database), _workspaces(database), _invitations(database), _audit(database, pClock),
      _retentionDays(retentionDays)
{
	if (defaultWorkspace.empty())
		return;
	try
	{
		_defaultWorkspace = WorkspaceServiceImpl::checkName(defaultWorkspace);
	}
	catch (InvalidInputException& exc)
	{
		throw Poco::DataFormatException("orgs.workspaces.default: " + exc.message());
	}
}


OrganizationSpec OrganizationServiceImpl::checkSpec(const OrganizationSpec& spec) const
{
	Validator::username("username", spec.username);
	Validator::title("title", spec.title);
	OrganizationSpec s = spec;
	if (s.region.empty())
		s.region = _regions.front();
	if (std::find(_regions.begin(), _regions.end(), s.region) == _regions.end())
	{
		std::string list;
		for (const auto& r : _regions)
			list += (list.empty() ? "" : ", ") + r;
		throw InvalidInputException("region must be one of: " + list, "invalid_region");
	}
	return s;
}


Organization OrganizationServiceImpl::insertOrganization(Poco::Data::Session& session, Id ownerId,
                                                         const OrganizationSpec& spec, bool personal)
{
	// New organizations start on the configured default plan.
	const std::string plan = _quotas.plans().defaultPlan().name;
	Organization org = _organizations.insert(session, spec, ownerId, _pClock->now(), plan, personal);
	// The owner is a member too, with the role an owner keeps after a transfer.
	_memberships.insert(session, org.id, ownerId, _roles.catalog().formerOwnerRole(), org.createdAt);
	if (!_defaultWorkspace.empty())
	{
		const Workspace w = _workspaces.insert(session, org.id, _defaultWorkspace, ownerId, org.createdAt);
		_workspaceMembers.insert(session, org.id, w.id, ownerId,
		                         _roles.catalog().creatorRole(Config::RoleCatalog::WORKSPACE), org.createdAt);
	}
	_audit.record(session, org.id, ownerId, "organization.created", {"organization", org.id, org.username},
	              AuditDetails()
	                  .after("username", org.username)
	                  .after("title", org.title)
	                  .after("region", org.region)
	                  .after("plan", org.plan)
	                  .after("personal", personal));
	return org;
}


Organization OrganizationServiceImpl::createOrganization(Id actorId, const OrganizationSpec& spec)
{
	const OrganizationSpec s = checkSpec(spec);
	return _database.transact([&](Poco::Data::Session& session) {
		_guard.account(session, std::to_string(actorId));
		_handles.reserve(session, s.username, Data::HandleRepository::ORGANIZATION);
		return insertOrganization(session, actorId, s, false);
	});
}


std::string OrganizationServiceImpl::personalUsername(const std::string& accountUsername, int n)
{
	static const std::size_t MAX_LENGTH = 39; // Validator::username
	const std::string suffix = n <= 1 ? std::string("-personal") : "-personal-" + std::to_string(n);
	std::string base = accountUsername.substr(0, MAX_LENGTH - std::min(MAX_LENGTH - 1, suffix.size()));
	while (base.size() > 1 && base.back() == '-')
		base.pop_back();
	return base + suffix;
}


std::string OrganizationServiceImpl::personalTitle(const Account& owner)
{
	static const std::string SUFFIX("'s organization");
	static const std::size_t MAX_CHARACTERS = 100; // Validator::title, in code points
	const std::string& name = Poco::trim(owner.name).empty() ? owner.username : owner.name;
	// Cut the name on a code point boundary so that name + suffix keeps to the limit.
	std::size_t characters = 0;
	std::size_t end = 0;
	while (end < name.size())
	{
		std::size_t next = end + 1;
		while (next < name.size() && (static_cast<unsigned char>(name[next]) & 0xC0) == 0x80)
			++next;
		if (characters + 1 > MAX_CHARACTERS - SUFFIX.size())
			break;
		++characters;
		end = next;
	}
	return Poco::trim(name.substr(0, end)) + SUFFIX;
}


Organization OrganizationServiceImpl::createPersonalOrganization(Poco::Data::Session& session, const Account& owner)
{
	OrganizationSpec spec;
	spec.title = personalTitle(owner);
	spec.region = _regions.front();
	// Handles share one namespace with accounts: take the first free candidate, in order, so
	// the name is deterministic. A failed reservation aborts only its own statement.
	static const int MAX_CANDIDATES = 1000;
	for (int n = 1;; ++n)
	{
		spec.username = personalUsername(owner.username, n);
		try
		{
			_handles.reserve(session, spec.username, Data::HandleRepository::ORGANIZATION);
			break;
		}
		catch (ConflictException& exc)
		{
			if (exc.reason() != "username_taken" || n >= MAX_CANDIDATES)
				throw;
		}
	}
	return insertOrganization(session, owner.id, checkSpec(spec), true);
}


OrganizationMembership OrganizationServiceImpl::getOrganization(Id actorId, const std::string& org)
{
	// No session while the organization (or its absence) and the grant are cached.
	Guard::Scope scope = _guard.visible(actorId, org);
	OrganizationMembership om;
	om.organization = withPlan(scope.organization);
	om.role = scope.grant.role;
	om.owner = scope.grant.owner;
	return om;
}


Page<OrganizationMembership> OrganizationServiceImpl::listOrganizations(Id actorId, const PageRequest& page)
{
	Paging::checkLimit(page.limit);
	const Id after = Paging::decode(page.cursor);
	return _database.withSession([&](Poco::Data::Session& session) {
		std::vector<OrganizationMembership> rows =
		    _organizations.listForAccount(session, actorId, after, page.limit + 1);
		for (auto& om : rows)
			om.organization = withPlan(om.organization);
		return Paging::page(std::move(rows), page.limit,
		                    [](const OrganizationMembership& om) { return om.organization.id; });
	});
}


Organization OrganizationServiceImpl::updateOrganization(Id actorId, const std::string& org,
                                                         const OrganizationChanges& changes)
{
	if (!changes.username.isNull())
		Validator::username("username", changes.username.value());
	if (!changes.title.isNull())
		Validator::title("title", changes.title.value());
	const Plan* pPlan = nullptr;
	if (!changes.plan.isNull())
	{
		pPlan = _quotas.plans().find(changes.plan.value());
		if (!pPlan)
			throw InvalidInputException("plan must be one of: " + _quotas.plans().names(), "unknown_plan");
	}
	std::vector<std::string> domains;
	if (!changes.allowedEmailDomains.isNull())
		domains = checkDomains(changes.allowedEmailDomains.value());

	return _database.transact([&](Poco::Data::Session& session) {
		// The plan needs billing.manage (the owner's, and a role's only by name); everything else,
		// and a change that names nothing, org.update. The owner holds both.
		const bool changesMore = !pPlan || !changes.username.isNull() || !changes.title.isNull() ||
		                         !changes.region.isNull() || !changes.allowedEmailDomains.isNull();
		Guard::Scope scope = pPlan ? _guard.require(session, actorId, org, Permission::BillingManage, true)
		                           : _guard.require(session, actorId, org, Permission::OrgUpdate, true);
		if (pPlan && changesMore)
			_guard.require(scope, Permission::OrgUpdate);
		Organization o = withPlan(scope.organization);
		if (!changes.region.isNull() && changes.region.value() != o.region)
			throw InvalidInputException("region cannot be changed after the organization is created",
			                            "immutable_field");
		const std::string oldUsername = o.username;
		if (!changes.username.isNull())
			o.username = changes.username.value();
		if (!changes.title.isNull())
			o.title = changes.title.value();
		if (o.username != oldUsername)
			_handles.reserve(session, o.username, Data::HandleRepository::ORGANIZATION);
		o.updatedAt = _pClock->now();
		_organizations.update(session, o);
		if (o.username != oldUsername)
			_handles.release(session, oldUsername);
		const std::string oldPlan = o.plan;
		const std::vector<std::string> oldDomains = o.allowedEmailDomains;
		if (pPlan || !changes.allowedEmailDomains.isNull())
		{
			if (pPlan && pPlan->name != o.plan)
				_quotas.requireFits(session, o, *pPlan); // the organization row is locked
			if (pPlan)
				o.plan = pPlan->name;
			if (!changes.allowedEmailDomains.isNull())
				o.allowedEmailDomains = domains;
			_organizations.updatePlan(session, o);
			// On a plan whose members all hold one role (LangSmith's single-workspace plan: every
			// member is an Organization Admin), everyone gets it with the change.
			if (pPlan && !pPlan->memberRole.empty())
				_memberships.setEveryRole(session, o.id, pPlan->memberRole, _pClock->now());
		}
		auto joined = [](const std::vector<std::string>& v) {
			std::string text;
			for (const auto& d : v)
				text += (text.empty() ? "" : ",") + d;
			return text;
		};
		AuditDetails details;
		if (o.username != oldUsername)
			details.change("username", oldUsername, o.username);
		if (o.title != scope.organization.title)
			details.change("title", scope.organization.title, o.title);
		if (o.allowedEmailDomains != oldDomains)
			details.change("allowed_email_domains", joined(oldDomains), joined(o.allowedEmailDomains));
		if (o.username != oldUsername || o.title != scope.organization.title || o.allowedEmailDomains != oldDomains)
			_audit.record(session, o.id, actorId, "organization.updated", {"organization", o.id, o.username}, details);
		if (o.plan != oldPlan)
			_audit.record(session, o.id, actorId, "organization.plan_changed", {"organization", o.id, o.username},
			              AuditDetails().change("plan", oldPlan, o.plan));
		return o;
	});
}


void OrganizationServiceImpl::deleteOrganization(Id actorId, const std::string& org)
{
	_database.transact([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.requireOwner(session, actorId, org, true);
		const Organization& o = scope.organization;
		// Nothing is removed: the organization disappears (every query skips it, the permission
		// check included) and comes back as it was if restored before the purge.
		const Poco::Timestamp now = _pClock->now();
		_organizations.markDeleted(session, o.id, now);
		const Poco::Timestamp purgeAfter = now + Poco::Timestamp::TimeDiff(_retentionDays) * 86400 * 1000000;
		_audit.record(session, o.id, actorId, "organization.deleted", {"organization", o.id, o.username},
		              AuditDetails().after("restorable_until", Poco::DateTimeFormatter::format(
		                                                           purgeAfter, Poco::DateTimeFormat::ISO8601_FORMAT)));
	});
}


Organization OrganizationServiceImpl::restoreOrganization(Id actorId, const std::string& org)
{
	return _database.transact([&](Poco::Data::Session& session) {
		Id id = 0;
		Poco::Nullable<Poco::Timestamp> deletedAt;
		Poco::Nullable<Organization> found =
		    Validator::parseId(org, id) ? _organizations.findAny(session, "id", std::to_string(id), true, deletedAt)
		                                : _organizations.findAny(session, "username", org, true, deletedAt);
		if (!found.isNull() && deletedAt.isNull())
		{
			_guard.visible(session, actorId, org, true); // a non-member learns nothing
			throw ConflictException("The organization '" + org + "' is not deleted", "not_deleted");
		}
		// A deleted organization exists for its owner alone.
		if (found.isNull() || found.value().ownerAccountId != actorId)
			throw NotFoundException("No organization '" + org + "' is visible to you", "organization_not_found");
		Organization o = found.value();
		const Poco::Timestamp now = _pClock->now();
		if (now >= deletedAt.value() + Poco::Timestamp::TimeDiff(_retentionDays) * 86400 * 1000000)
		{
			throw GoneException("The organization '" + o.username + "' was deleted more than " +
			                        std::to_string(_retentionDays) + " days ago and can no longer be restored",
			                    "retention_expired");
		}
		_organizations.restore(session, o.id, now);
		_audit.record(
		    session, o.id, actorId, "organization.restored", {"organization", o.id, o.username},
		    AuditDetails().before("deleted_at", Poco::DateTimeFormatter::format(deletedAt.value(),
		                                                                        Poco::DateTimeFormat::ISO8601_FORMAT)));
		o.updatedAt = now;
		return o;
	});
}


int OrganizationServiceImpl::purgeDeleted()
{
	const Poco::Timestamp cutoff = _pClock->now() - Poco::Timestamp::TimeDiff(_retentionDays) * 86400 * 1000000;
	int purged = 0;
	for (;;)
	{
		const std::vector<Id> ids = _database.withSession(
		    [&](Poco::Data::Session& session) { return _organizations.listDeletedBefore(session, cutoff, 100); });
		for (Id id : ids)
		{
			// One organization per transaction: a large one does not hold the others back, and
			// one restored meanwhile (its deletion mark gone) is left alone.
			purged += _database.transact([&](Poco::Data::Session& session) {
				Poco::Nullable<Poco::Timestamp> deletedAt;
				Poco::Nullable<Organization> o =
				    _organizations.findAny(session, "id", std::to_string(id), true, deletedAt);
				if (o.isNull() || deletedAt.isNull() || deletedAt.value() > cutoff)
					return 0;
				_organizations.remove(session, id);
				_handles.release(session, o.value().username);
				return 1;
			});
		}
		if (ids.size() < 100)
			return purged;
	}
}


Organization OrganizationServiceImpl::transferOwnership(Id actorId, const std::string& org, const std::string& account)
{
	// The actor must own the organization when the request starts (403 otherwise). If a
	// concurrent transfer wins before this one commits, the compare-and-set below fails: 409.
	const Id orgId = _database.withSession(
	    [&](Poco::Data::Session& session) { return _guard.requireOwner(session, actorId, org).organization.id; });

	return _database.transact([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.visible(session, actorId, std::to_string(orgId), true);
		_admission.requireAcceptsMembers(scope.organization); // a personal organization stays its account's
		Account target;
		try
		{
			target = _guard.account(session, account);
		}
		catch (NotFoundException&)
		{
			throw ConflictException("'" + account + "' is not a member of the organization", "not_a_member");
		}
		const Id targetId = target.id;
		if (targetId == actorId && scope.grant.owner)
			throw ConflictException("You already own the organization", "already_owner");
		if (_memberships.find(session, orgId, targetId, true).isNull())
		{
			// Make: "Once a new member accepts the invitation, you can transfer ownership to them."
			const std::string email = Poco::toLower(Poco::trim(target.email));
			if (!email.empty() && !_invitations.findHoldingSlot(session, orgId, email).isNull())
				throw ConflictException("'" + account +
				                            "' has not accepted the invitation yet; ownership can be transferred "
				                            "once they are a member",
				                        "not_a_member");
			throw ConflictException("'" + account + "' is not a member of the organization", "not_a_member");
		}

		const Poco::Timestamp now = _pClock->now();
		if (!_organizations.setOwner(session, orgId, actorId, targetId, now))
			throw ConflictException("The ownership changed while this request was running", "ownership_changed");
		_memberships.updateRole(session, orgId, actorId, _roles.catalog().formerOwnerRole(), now);
		const Account formerOwner = _guard.account(session, std::to_string(actorId));
		const Account newOwner = _guard.account(session, std::to_string(targetId));
		_audit.record(session, orgId, actorId, "ownership.transferred", {"account", targetId, newOwner.username},
		              AuditDetails()
		                  .change("owner", formerOwner.username, newOwner.username)
		                  .after("former_owner_role", _roles.catalog().formerOwnerRole()));

		Organization o = withPlan(scope.organization);
		o.ownerAccountId = targetId;
		o.updatedAt = now;
		return o;
	});
}


Usage OrganizationServiceImpl::getUsage(Id actorId, const std::string& org)
{
	return _database.withSession([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.require(session, actorId, org, Permission::UsageRead);
		return _quotas.usage(session, scope.organization);
	});
}


Organization OrganizationServiceImpl::withPlan(Organization o) const
{
	o.plan = _quotas.planOf(o).name;
	return o;
}


std::vector<std::string> OrganizationServiceImpl::checkDomains(const std::vector<std::string>& domains)
{
	static const Poco::RegularExpression re(
	    "^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$");
	std::vector<std::string> result;
	for (const auto& domain : domains)
	{
		const std::string d = Poco::toLower(Poco::trim(domain));
		if (d.size() > 253 || !re.match(d))
			throw InvalidInputException("allowed_email_domains: '" + domain + "' is not a domain such as example.com",
			                            "invalid_domain");
		if (std::find(result.begin(), result.end(), d) == result.end())
			result.push_back(d);
	}
	if (result.size() > 20)
		throw InvalidInputException("allowed_email_domains: at most 20 domains", "invalid_domain");
	return result;
}


} // namespace Service
} // namespace Orgs
