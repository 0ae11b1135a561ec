//
// ResourceHandlers.h
//
// Library: OrgsPlugin
// Package: Http
// Module:  ResourceHandlers
//
// /orgs/{org}/resources and their collaborators.
//


#ifndef Orgs_ResourceHandlers_INCLUDED
#define Orgs_ResourceHandlers_INCLUDED


#include "Orgs/ResourceService.h"
#include "http/Router.h"


namespace Orgs {
namespace Http {


class ResourceHandlers
	/// Register, list, read and delete resources; list, set and remove their collaborators.
	/// An {id} that is not an id names no resource (404 "resource_not_found").
{
public:
	explicit ResourceHandlers(Orgs::ResourceService& resources);

	void addRoutes(Router& router);

private:
	void create(RequestContext& c);
	void list(RequestContext& c);
	void get(RequestContext& c);
	void remove(RequestContext& c);
	void listCollaborators(RequestContext& c);
	void setCollaborator(RequestContext& c);
	void removeCollaborator(RequestContext& c);

	Orgs::ResourceService& _resources;
};


} // namespace Http
} // namespace Orgs


#endif // Orgs_ResourceHandlers_INCLUDED
