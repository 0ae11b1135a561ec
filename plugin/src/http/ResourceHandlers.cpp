//
// ResourceHandlers.cpp
//
// Library: OrgsPlugin
// Package: Http
// Module:  ResourceHandlers
//


#include "http/ResourceHandlers.h"
#include "http/JsonBody.h"
#include "http/JsonCodec.h"
#include "http/RequestContext.h"
#include "service/Validator.h"
#include "config/RoleCatalog.h"
#include "Orgs/Errors.h"


namespace Orgs {
namespace Http {


namespace {


Id resourceParam(const RequestContext& c)
	/// Returns {id} as an id; 0, which no resource has, if it is not one. The service checks the
	/// organization first, so a non-member still gets organization_not_found.
{
	Id id = 0;
	return Service::Validator::parseId(c.param("id"), id) ? id : 0;
}


} // namespace


ResourceHandlers::ResourceHandlers(Orgs::ResourceService& resources) : _resources(resources) {}


void ResourceHandlers::addRoutes(Router& router)
{
	using A = Router::Auth;
	using B = Router::Body;
	router.add("POST", "/orgs/{org}/resources", A::Required, B::Json, [this](RequestContext& c) { create(c); });
	router.add("GET", "/orgs/{org}/resources", A::Required, B::None, [this](RequestContext& c) { list(c); });
	router.add("GET", "/orgs/{org}/resources/{id}", A::Required, B::None, [this](RequestContext& c) { get(c); });
	router.add("DELETE", "/orgs/{org}/resources/{id}", A::Required, B::None, [this](RequestContext& c) { remove(c); });
	router.add("GET", "/orgs/{org}/resources/{id}/collaborators", A::Required, B::None,
	           [this](RequestContext& c) { listCollaborators(c); });
	router.add("PUT", "/orgs/{org}/resources/{id}/collaborators/{account}", A::Required, B::Json,
	           [this](RequestContext& c) { setCollaborator(c); });
	router.add("DELETE", "/orgs/{org}/resources/{id}/collaborators/{account}", A::Required, B::None,
	           [this](RequestContext& c) { removeCollaborator(c); });
}


void ResourceHandlers::create(RequestContext& c)
{
	JsonBody body(c.body());
	ResourceSpec spec;
	spec.type = body.requiredString("type");
	spec.name = body.requiredString("name");
	const Poco::Nullable<Poco::Int64> workspace = body.optionalId("workspace");
	body.finish();
	if (!workspace.isNull())
		spec.workspace = std::to_string(workspace.value());
	const Resource r = _resources.createResource(c.actor(), c.param("org"), spec);
	c.setLocation("/orgs/" + c.param("org") + "/resources/" + std::to_string(r.id));
	c.send(201, JsonCodec::resource(r));
}


void ResourceHandlers::list(RequestContext& c)
{
	ResourceQuery query;
	static_cast<PageRequest&>(query) = c.page();
	query.type = c.query("type");
	query.workspace = c.query("workspace");
	const Page<Resource> page = _resources.listResources(c.actor(), c.param("org"), query);
	c.send(200, JsonCodec::page(page, [](const Resource& r) { return JsonCodec::resource(r); }));
}


void ResourceHandlers::get(RequestContext& c)
{
	c.send(200, JsonCodec::resource(_resources.getResource(c.actor(), c.param("org"), resourceParam(c))));
}


void ResourceHandlers::remove(RequestContext& c)
{
	_resources.deleteResource(c.actor(), c.param("org"), resourceParam(c));
	c.sendNoContent();
}


void ResourceHandlers::listCollaborators(RequestContext& c)
{
	const Page<Collaborator> page = _resources.listCollaborators(c.actor(), c.param("org"), resourceParam(c), c.page());
	c.send(200, JsonCodec::page(page, [](const Collaborator& x) { return JsonCodec::collaborator(x); }));
}


void ResourceHandlers::setCollaborator(RequestContext& c)
{
	JsonBody body(c.body());
	const std::string role = body.requiredString("role");
	body.finish();
	const Collaborator x =
	    _resources.setCollaborator(c.actor(), c.param("org"), resourceParam(c), c.param("account"), role);
	if (x.role == Config::RoleCatalog::NONE)
		c.sendNoContent(); // "none" removed the collaborator (or it was none already)
	else
		c.send(200, JsonCodec::collaborator(x));
}


void ResourceHandlers::removeCollaborator(RequestContext& c)
{
	_resources.removeCollaborator(c.actor(), c.param("org"), resourceParam(c), c.param("account"));
	c.sendNoContent();
}


} // namespace Http
} // namespace Orgs
