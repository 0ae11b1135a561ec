//
// WorkspaceHandlers.cpp
//
// Library: OrgsPlugin
// Package: Http
// Module:  WorkspaceHandlers
//


#include "http/WorkspaceHandlers.h"
#include "http/JsonBody.h"
#include "http/JsonCodec.h"
#include "http/RequestContext.h"
#include "service/Validator.h"
#include "Orgs/Errors.h"


namespace Orgs {
namespace Http {


namespace {


Id workspaceParam(const RequestContext& c)
	/// Returns {ws} as an id; 0, which no workspace has, if it is not one. The service checks the
	/// organization first, so a non-member still gets organization_not_found.
{
	Id id = 0;
	return Service::Validator::parseId(c.param("ws"), id) ? id : 0;
}


} // namespace


WorkspaceHandlers::WorkspaceHandlers(Orgs::WorkspaceService& workspaces) : _workspaces(workspaces) {}


void WorkspaceHandlers::addRoutes(Router& router)
{
	using A = Router::Auth;
	using B = Router::Body;
	router.add("POST", "/orgs/{org}/workspaces", A::Required, B::Json, [this](RequestContext& c) { create(c); });
	router.add("GET", "/orgs/{org}/workspaces", A::Required, B::None, [this](RequestContext& c) { list(c); });
	router.add("GET", "/orgs/{org}/workspaces/{ws}", A::Required, B::None, [this](RequestContext& c) { get(c); });
	router.add("PATCH", "/orgs/{org}/workspaces/{ws}", A::Required, B::Json, [this](RequestContext& c) { update(c); });
	router.add("DELETE", "/orgs/{org}/workspaces/{ws}", A::Required, B::None, [this](RequestContext& c) { remove(c); });
	router.add("GET", "/orgs/{org}/workspaces/{ws}/members", A::Required, B::None,
	           [this](RequestContext& c) { listMembers(c); });
	router.add("PUT", "/orgs/{org}/workspaces/{ws}/members/{account}", A::Required, B::Json,
	           [this](RequestContext& c) { setMember(c); });
	router.add("DELETE", "/orgs/{org}/workspaces/{ws}/members/{account}", A::Required, B::None,
	           [this](RequestContext& c) { removeMember(c); });
}


void WorkspaceHandlers::create(RequestContext& c)
{
	JsonBody body(c.body());
	const std::string name = body.requiredString("name");
	body.finish();
	const Workspace w = _workspaces.createWorkspace(c.actor(), c.param("org"), name);
	c.setLocation("/orgs/" + c.param("org") + "/workspaces/" + std::to_string(w.id));
	c.send(201, JsonCodec::workspace(w));
}


void WorkspaceHandlers::list(RequestContext& c)
{
	const Page<Workspace> page = _workspaces.listWorkspaces(c.actor(), c.param("org"), c.page());
	c.send(200, JsonCodec::page(page, [](const Workspace& w) { return JsonCodec::workspace(w); }));
}


void WorkspaceHandlers::get(RequestContext& c)
{
	c.send(200, JsonCodec::workspace(_workspaces.getWorkspace(c.actor(), c.param("org"), workspaceParam(c))));
}


void WorkspaceHandlers::update(RequestContext& c)
{
	JsonBody body(c.body());
	const Poco::Nullable<std::string> name = body.optionalString("name");
	body.finish();
	if (name.isNull())
		throw InvalidInputException("Send name", "missing_field");
	c.send(200, JsonCodec::workspace(
	                _workspaces.renameWorkspace(c.actor(), c.param("org"), workspaceParam(c), name.value())));
}


void WorkspaceHandlers::remove(RequestContext& c)
{
	_workspaces.deleteWorkspace(c.actor(), c.param("org"), workspaceParam(c));
	c.sendNoContent();
}


void WorkspaceHandlers::listMembers(RequestContext& c)
{
	const Page<WorkspaceMember> page =
	    _workspaces.listWorkspaceMembers(c.actor(), c.param("org"), workspaceParam(c), c.page());
	c.send(200, JsonCodec::page(page, [](const WorkspaceMember& m) { return JsonCodec::workspaceMember(m); }));
}


void WorkspaceHandlers::setMember(RequestContext& c)
{
	JsonBody body(c.body());
	const std::string role = body.requiredString("role");
	body.finish();
	if (role.empty())
		throw InvalidInputException("role must name a workspace role", "unknown_role");
	c.send(200, JsonCodec::workspaceMember(_workspaces.setWorkspaceMember(c.actor(), c.param("org"), workspaceParam(c),
	                                                                      c.param("account"), role)));
}


void WorkspaceHandlers::removeMember(RequestContext& c)
{
	_workspaces.removeWorkspaceMember(c.actor(), c.param("org"), workspaceParam(c), c.param("account"));
	c.sendNoContent();
}


} // namespace Http
} // namespace Orgs
