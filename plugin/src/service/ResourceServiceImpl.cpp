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


ResourceServiceImpl::ResourceServiceImpl(Data::Database& database, Guard& guard, Access::RoleResolver& roles,
                                         ScopedGrants& workspaceMembers, ScopedGrants& collaborators, Clock::Ptr pClock)
    : _database(database), _guard(guard), _roles(roles), _workspaceMembers(workspaceMembers),
      _collaborators(collaborators), _pClock(pClock), _resources(database), _audit(database, pClock)
{
}


Collaborator ResourceServiceImpl::collaborator(const ScopedGrants::Grant& grant)
{
	return ScopedGrants::as(grant, &Collaborator::resourceId);
}


Resource ResourceServiceImpl::resource(Poco::Data::Session& session, const Guard::Scope& scope, Id actorId,
                                       Id resourceId, ScopedGrants::Target& target, bool inTransaction)
{
	Poco::Nullable<Resource> found = _resources.find(session, scope.organization.id, resourceId);
	target = _collaborators.visible(session, scope, actorId, resourceId, ScopedGrants::of(found), inTransaction);
	return found.value();
}


void ResourceServiceImpl::checkType(const std::string& type) const
{
	const auto& types = _roles.catalog().resourceTypes();
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
			const ScopedGrants::Target w =
			    _workspaceMembers.visible(session, scope, actorId, workspaceRef(spec.workspace), true);
			_workspaceMembers.require(w, Permission::ResourcesCreate);
			workspaceId = w.id;
		}
		Resource r = _resources.insert(session, scope.organization.id, workspaceId, spec.type, spec.name, actorId,
		                               _pClock->now());
		// Every other member by its default role for the type, in one statement; then the creator.
		const RoleCatalog& roles = _roles.catalog();
		_resources.addDefaultCollaborators(session, r, roles.defaultRole(spec.type), RoleCatalog::NONE, actorId);
		_collaborators.insert(session, r.organizationId, r.id, actorId, roles.creatorRole(spec.type), r.createdAt);
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
		everywhere |= _roles.implied(scope.grant.role);
		std::vector<Resource> rows;
		if (reads(everywhere))
			rows = _resources.list(session, orgId, filter, after, query.limit + 1);
		else
		{
			// The roles that read, the configuration's and the organization's own: in a
			// workspace, and as a collaborator of each type.
			const PermissionSet reading = setOf({Permission::ResourceRead, Permission::ResourcesRead});
			Data::ResourceRepository::Readers readers;
			readers.workspaceRoles = _roles.rolesWith(session, orgId, RoleCatalog::WORKSPACE, reading);
			for (const auto& type : _roles.catalog().resourceTypes())
				readers.collaboratorRoles[type] = _roles.rolesWith(session, orgId, type, reading);
			rows = _resources.listReadable(session, orgId, actorId, readers, filter, after, query.limit + 1);
		}
		return Paging::page(std::move(rows), query.limit, [](const Resource& r) { return r.id; });
	});
}


Resource ResourceServiceImpl::getResource(Id actorId, const std::string& org, Id resourceId)
{
	return _database.withSession([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.visible(session, actorId, org);
		ScopedGrants::Target target;
		return resource(session, scope, actorId, resourceId, target);
	});
}


void ResourceServiceImpl::deleteResource(Id actorId, const std::string& org, Id resourceId)
{
	_database.transact([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.visible(session, actorId, org, true);
		ScopedGrants::Target target;
		const Resource r = resource(session, scope, actorId, resourceId, target, true);
		_collaborators.require(target, setOf({Permission::ResourcesDelete, Permission::ResourceManage}));
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
		ScopedGrants::Target target;
		resource(session, scope, actorId, resourceId, target);
		std::vector<Collaborator> rows;
		for (const auto& g : _collaborators.list(session, target, after, page.limit + 1))
			rows.push_back(collaborator(g));
		return Paging::page(std::move(rows), page.limit, [](const Collaborator& c) { return c.accountId; });
	});
}


Collaborator ResourceServiceImpl::setCollaborator(Id actorId, const std::string& org, Id resourceId,
                                                  const std::string& account, const std::string& role)
{
	_collaborators.checkRequest(role);
	return _database.transact([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.visible(session, actorId, org, true);
		ScopedGrants::Target target;
		resource(session, scope, actorId, resourceId, target, true);
		return collaborator(_collaborators.set(session, scope, actorId, target, account, role));
	});
}


void ResourceServiceImpl::removeCollaborator(Id actorId, const std::string& org, Id resourceId,
                                             const std::string& account)
{
	_database.transact([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.visible(session, actorId, org, true);
		ScopedGrants::Target target;
		resource(session, scope, actorId, resourceId, target, true);
		_collaborators.remove(session, scope, actorId, target, account);
	});
}


} // namespace Service
} // namespace Orgs
