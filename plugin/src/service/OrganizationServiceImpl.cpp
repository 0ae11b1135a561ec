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
#include "Poco/RegularExpression.h"
#include "Poco/String.h"
#include <algorithm>


namespace Orgs {
namespace Service {


OrganizationServiceImpl::OrganizationServiceImpl(Data::Database& database, Guard& guard, Clock::Ptr pClock,
                                                 const std::vector<std::string>& regions,
                                                 const std::string& defaultWorkspace, Quotas* pQuotas)
    : _database(database), _guard(guard), _pClock(pClock), _regions(regions), _handles(database),
      _organizations(database), _memberships(database), _workspaces(database), _pQuotas(pQuotas)
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
	if (!_guard.roles().hasScope(Config::RoleCatalog::WORKSPACE))
		throw Poco::DataFormatException(
		    "orgs.workspaces.default: a default workspace needs workspace roles (orgs.roles.workspace)");
}


Organization OrganizationServiceImpl::createOrganization(Id actorId, const OrganizationSpec& spec)
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
	const std::string plan = _pQuotas ? _pQuotas->plans().defaultPlan().name : std::string();

	return _database.transact([&](Poco::Data::Session& session) {
		_guard.account(session, std::to_string(actorId));
		_handles.reserve(session, s.username, Data::HandleRepository::ORGANIZATION);
		Organization org = _organizations.insert(session, s, actorId, _pClock->now(), plan);
		// The owner is a member too, with the role an owner keeps after a transfer.
		_memberships.insert(session, org.id, actorId, _guard.roles().formerOwnerRole(), org.createdAt);
		if (!_defaultWorkspace.empty())
		{
			const Workspace w = _workspaces.insert(session, org.id, _defaultWorkspace, actorId, org.createdAt);
			_workspaces.insertMember(session, org.id, w.id, actorId,
			                         _guard.roles().creatorRole(Config::RoleCatalog::WORKSPACE), org.createdAt);
		}
		_guard.changed(session, org.id); // a check of this id before it existed may be cached
		return org;
	});
}


OrganizationMembership OrganizationServiceImpl::getOrganization(Id actorId, const std::string& org)
{
	return _database.withSession([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.visible(session, actorId, org);
		OrganizationMembership om;
		om.organization = withPlan(scope.organization);
		om.role = scope.grant.role;
		om.owner = scope.grant.owner;
		return om;
	});
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
		pPlan = _pQuotas ? _pQuotas->plans().find(changes.plan.value()) : nullptr;
		if (!pPlan)
			throw InvalidInputException("plan must be one of: " +
			                                (_pQuotas ? _pQuotas->plans().names() : std::string("(none configured)")),
			                            "unknown_plan");
	}
	std::vector<std::string> domains;
	if (!changes.allowedEmailDomains.isNull())
		domains = checkDomains(changes.allowedEmailDomains.value());

	return _database.transact([&](Poco::Data::Session& session) {
		// The plan is the owner's; everything else needs org.update, which the owner holds too.
		Guard::Scope scope = pPlan ? _guard.requireOwner(session, actorId, org, true)
		                           : _guard.require(session, actorId, org, Permission::OrgUpdate, true);
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
		if (pPlan || !changes.allowedEmailDomains.isNull())
		{
			if (pPlan && pPlan->name != o.plan)
				_pQuotas->requireFits(session, o, *pPlan); // the organization row is locked
			if (pPlan)
				o.plan = pPlan->name;
			if (!changes.allowedEmailDomains.isNull())
				o.allowedEmailDomains = domains;
			_organizations.updatePlan(session, o);
		}
		return o;
	});
}


void OrganizationServiceImpl::deleteOrganization(Id actorId, const std::string& org)
{
	_database.transact([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.requireOwner(session, actorId, org, true);
		_guard.changed(session, scope.organization.id);
		_organizations.remove(session, scope.organization.id);
		_handles.release(session, scope.organization.username);
	});
}


Organization OrganizationServiceImpl::transferOwnership(Id actorId, const std::string& org, const std::string& account)
{
	// The actor must own the organization when the request starts (403 otherwise). If a
	// concurrent transfer wins before this one commits, the compare-and-set below fails: 409.
	const Id orgId = _database.withSession(
	    [&](Poco::Data::Session& session) { return _guard.requireOwner(session, actorId, org).organization.id; });

	return _database.transact([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.visible(session, actorId, std::to_string(orgId), true);
		Id targetId = 0;
		try
		{
			targetId = _guard.account(session, account).id;
		}
		catch (NotFoundException&)
		{
			throw ConflictException("'" + account + "' is not a member of the organization", "not_a_member");
		}
		if (targetId == actorId && scope.grant.owner)
			throw ConflictException("You already own the organization", "already_owner");
		if (_memberships.find(session, orgId, targetId, true).isNull())
			throw ConflictException("'" + account + "' is not a member of the organization", "not_a_member");

		const Poco::Timestamp now = _pClock->now();
		if (!_organizations.setOwner(session, orgId, actorId, targetId, now))
			throw ConflictException("The ownership changed while this request was running", "ownership_changed");
		_memberships.updateRole(session, orgId, actorId, _guard.roles().formerOwnerRole(), now);
		_guard.changed(session, orgId);

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
		if (_pQuotas)
			return _pQuotas->usage(session, scope.organization);
		Usage u;
		u.organizationId = scope.organization.id;
		return u;
	});
}


Organization OrganizationServiceImpl::withPlan(Organization o) const
{
	if (_pQuotas)
		o.plan = _pQuotas->planOf(o).name;
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
