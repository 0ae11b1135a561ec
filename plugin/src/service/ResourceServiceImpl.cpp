//
// ResourceServiceImpl.cpp
//
// Library: OrgsPlugin
// Package: Service
// Module:  ResourceServiceImpl
//


#include "service/ResourceServiceImpl.h"
#include "service/Paging.h"
#include "service/Validator.h"
#include "Orgs/Errors.h"
#include <algorithm>


namespace Orgs {
namespace Service {


using Config::RoleCatalog;


namespace {


std::vector<std::string> readingRoles(const RoleCatalog& roles, const std::string& scope)
	/// Returns the roles of the scope that grant resource.read or resources.read.
{
	std::vector<std::string> result = roles.rolesWith(scope, Permission::ResourceRead);
	for (const auto& r : roles.rolesWith(scope, Permission::ResourcesRead))
	{
		if (std::find(result.begin(), result.end(), r) == result.end())
			result.push_back(r);
	}
	return result;
}


bool reads(PermissionSet p)
{
	return p.has(Permission::ResourceRead) || p.has(Permission::ResourcesRead);
}


PermissionSet setOf(std::initializer_list<Permission> permissions)
{
	PermissionSet s;
	for (Permission p : permissions)
		s.add(p);
	return s;
}


Id workspaceRef(const std::string& ref)
	/// Returns the id a workspace reference names; 0 (no workspace has it) if it is no id.
{
	Id id = 0;
	return Validator::parseId(ref, id) ? id : 0;
}


} // namespace


ResourceServiceImpl::ResourceServiceImpl(Data::Database& database, Guard& guard, Clock::Ptr pClock)
    : _database(database), _guard(guard), _pClock(pClock), _resources(database), _memberships(database),
      _audit(database, pClock)
{
	for (const auto& type : guard.roles().resourceTypes())
		_readers.collaboratorRoles[type] = readingRoles(guard.roles(), type);
	_readers.workspaceRoles = readingRoles(guard.roles(), RoleCatalog::WORKSPACE);
}


void ResourceServiceImpl::checkType(const std::string& type) const
{
	const auto& types = _guard.roles().resourceTypes();
	if (std::find(types.begin(), types.end(), type) == types.end())
		throw InvalidInputException("'" + type + "' is not a resource type (orgs.resources.types)",
		                            "unknown_resource_type");
}


Resource ResourceServiceImpl::createResource(Id actorId, const std::string& org, const ResourceSpec& spec)
{
	checkType(spec.type);
	Validator::name("name", spec.name, 1, 200);
	return _database.transact([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.visible(session, actorId, org, true);
		Poco::Nullable<Id> workspaceId;
		if (spec.workspace.empty())
		{
			if (!scope.grant.permissions.has(Permission::ResourcesCreate))
				throw ForbiddenException("Your role does not grant resources.create", "permission_denied");
		}
		else
		{
			workspaceId = _guard
			                  .requireWorkspace(session, scope, actorId, workspaceRef(spec.workspace),
			                                    Permission::ResourcesCreate, true)
			                  .workspace.id;
		}
		Resource r = _resources.insert(session, scope.organization.id, workspaceId, spec.type, spec.name, actorId,
		                               _pClock->now());
		// Every other member by its default role for the type, in one statement; then the creator.
		const RoleCatalog& roles = _guard.roles();
		_resources.addDefaultCollaborators(session, r, roles.defaultRole(spec.type), RoleCatalog::NONE, actorId);
		_resources.insertCollaborator(session, r.organizationId, r.id, actorId, roles.creatorRole(spec.type),
		                              r.createdAt);
		AuditDetails details;
		details.after("type", r.type).after("name", r.name);
		if (!r.workspaceId.isNull())
			details.after("workspace_id", r.workspaceId.value());
		_audit.record(session, r.organizationId, actorId, "resource.created", {"resource", r.id, r.name}, details);
		return r;
	});
}


Page<Resource> ResourceServiceImpl::listResources(Id actorId, const std::string& org, const ResourceQuery& query)
{
	Paging::checkLimit(query.limit);
	const Id after = Paging::decode(query.cursor);
	Data::ResourceRepository::Filter filter;
	if (!query.type.empty())
	{
		checkType(query.type);
		filter.type = query.type;
	}
	if (!query.workspace.empty())
	{
		Id id = 0;
		if (!Validator::parseId(query.workspace, id))
			throw InvalidInputException("workspace must be a workspace id", "invalid_workspace");
		filter.workspace = id;
	}
	return _database.withSession([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.visible(session, actorId, org);
		const Id orgId = scope.organization.id;
		PermissionSet everywhere = scope.grant.permissions;
		everywhere |= _guard.impliedWorkspacePermissions(scope);
		std::vector<Resource> rows;
		if (reads(everywhere))
			rows = _resources.list(session, orgId, filter, after, query.limit + 1);
		else
		{
			// The organization's custom roles that read count as the configured ones do.
			const PermissionSet reading = setOf({Permission::ResourceRead, Permission::ResourcesRead});
			Data::ResourceRepository::Readers readers = _readers;
			for (auto& r : _guard.customRolesWith(session, orgId, RoleCatalog::WORKSPACE, reading))
				readers.workspaceRoles.push_back(r);
			for (auto& kv : readers.collaboratorRoles)
			{
				for (auto& r : _guard.customRolesWith(session, orgId, kv.first, reading))
					kv.second.push_back(r);
			}
			rows = _resources.listReadable(session, orgId, actorId, readers, filter, after, query.limit + 1);
		}
		return Paging::page(std::move(rows), query.limit, [](const Resource& r) { return r.id; });
	});
}


Resource ResourceServiceImpl::getResource(Id actorId, const std::string& org, Id resourceId)
{
	return _database.withSession([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.visible(session, actorId, org);
		return _guard.resource(session, scope, actorId, resourceId).resource;
	});
}


void ResourceServiceImpl::deleteResource(Id actorId, const std::string& org, Id resourceId)
{
	_database.transact([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.visible(session, actorId, org, true);
		const Resource r = _guard
		                       .requireResource(session, scope, actorId, resourceId,
		                                        setOf({Permission::ResourcesDelete, Permission::ResourceManage}), true)
		                       .resource;
		_resources.remove(session, scope.organization.id, resourceId);
		_audit.record(session, scope.organization.id, actorId, "resource.deleted", {"resource", r.id, r.name},
		              AuditDetails().before("type", r.type).before("name", r.name));
	});
}


Page<Collaborator> ResourceServiceImpl::listCollaborators(Id actorId, const std::string& org, Id resourceId,
                                                          const PageRequest& page)
{
	Paging::checkLimit(page.limit);
	const Id after = Paging::decode(page.cursor);
	return _database.withSession([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.visible(session, actorId, org);
		_guard.requireResource(session, scope, actorId, resourceId, setOf({Permission::ResourceRead}));
		return Paging::page(_resources.listCollaborators(session, resourceId, after, page.limit + 1), page.limit,
		                    [](const Collaborator& c) { return c.accountId; });
	});
}


Collaborator ResourceServiceImpl::setCollaborator(Id actorId, const std::string& org, Id resourceId,
                                                  const std::string& account, const std::string& role)
{
	if (role.empty())
		throw InvalidInputException("role must name a role (or none)", "unknown_role");
	return _database.transact([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.visible(session, actorId, org, true);
		const Id orgId = scope.organization.id;
		const Guard::OnResource on =
		    _guard.requireResource(session, scope, actorId, resourceId, setOf({Permission::ResourceManage}), true);
		const std::string& type = on.resource.type;
		_guard.checkRole(session, orgId, type, role); // a custom role of the organization too
		const Account a = _guard.account(session, account);
		if (_memberships.find(session, orgId, a.id).isNull())
			throw ConflictException("'" + a.username + "' is not a member of the organization", "not_a_member");
		_guard.requireWithin(scope, on.permissions, _guard.rolePermissions(session, orgId, type, role),
		                     "Granting role '" + role + "'");

		Poco::Nullable<Collaborator> current = _resources.findCollaborator(session, resourceId, a.id);
		if (!current.isNull() && current.value().role != role)
		{
			_guard.requireWithin(scope, on.permissions,
			                     _guard.rolePermissions(session, orgId, type, current.value().role),
			                     "Changing '" + a.username + "'");
		}
		const AuditTarget target{"account", a.id, a.username};
		AuditDetails details;
		details.within("resource", resourceId, on.resource.name);
		if (!current.isNull())
			details.before("role", current.value().role);
		if (role == RoleCatalog::NONE)
		{
			// "none" is no role: the account stops being a collaborator.
			if (!current.isNull())
			{
				_resources.removeCollaborator(session, scope.organization.id, resourceId, a.id);
				_audit.record(session, orgId, actorId, "collaborator.removed", target, details);
			}
			Collaborator none;
			none.resourceId = resourceId;
			none.accountId = a.id;
			none.username = a.username;
			none.name = a.name;
			none.role = RoleCatalog::NONE;
			none.createdAt = _pClock->now();
			return none;
		}
		if (current.isNull())
		{
			_resources.insertCollaborator(session, orgId, resourceId, a.id, role, _pClock->now());
			_audit.record(session, orgId, actorId, "collaborator.set", target, details.after("role", role));
		}
		else if (current.value().role != role)
		{
			_resources.updateCollaborator(session, orgId, resourceId, a.id, role);
			_audit.record(session, orgId, actorId, "collaborator.set", target, details.after("role", role));
		}
		return _resources.findCollaborator(session, resourceId, a.id).value();
	});
}


void ResourceServiceImpl::removeCollaborator(Id actorId, const std::string& org, Id resourceId,
                                             const std::string& account)
{
	_database.transact([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.visible(session, actorId, org, true);
		const Guard::OnResource on =
		    _guard.requireResource(session, scope, actorId, resourceId, setOf({Permission::ResourceManage}), true);
		const Account a = _guard.account(session, account);
		Poco::Nullable<Collaborator> current = _resources.findCollaborator(session, resourceId, a.id);
		if (current.isNull())
		{
			throw NotFoundException("'" + a.username + "' is not a collaborator on '" + on.resource.name + "'",
			                        "collaborator_not_found");
		}
		_guard.requireWithin(
		    scope, on.permissions,
		    _guard.rolePermissions(session, scope.organization.id, on.resource.type, current.value().role),
		    "Removing '" + a.username + "'");
		_resources.removeCollaborator(session, scope.organization.id, resourceId, a.id);
		_audit.record(
		    session, scope.organization.id, actorId, "collaborator.removed", {"account", a.id, a.username},
		    AuditDetails().within("resource", resourceId, on.resource.name).before("role", current.value().role));
	});
}


} // namespace Service
} // namespace Orgs
