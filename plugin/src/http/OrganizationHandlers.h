//
// OrganizationHandlers.h
//
// Library: OrgsPlugin
// Package: Http
// Module:  OrganizationHandlers
//
// /orgs and /orgs/{org}.
//


#ifndef Orgs_OrganizationHandlers_INCLUDED
#define Orgs_OrganizationHandlers_INCLUDED


#include "Orgs/OrganizationService.h"
#include "http/Router.h"


namespace Orgs {
namespace Http {


class OrganizationHandlers
	/// Create, list, read, change and delete organizations, and transfer their ownership.
{
public:
	explicit OrganizationHandlers(Orgs::OrganizationService& organizations);

	void addRoutes(Router& router);

private:
	void create(RequestContext& c);
	void list(RequestContext& c);
	void get(RequestContext& c);
	void update(RequestContext& c);
	void remove(RequestContext& c);
	void transfer(RequestContext& c);
	void restore(RequestContext& c);
	void usage(RequestContext& c);

	Orgs::OrganizationService& _organizations;
};


} // namespace Http
} // namespace Orgs


#endif // Orgs_OrganizationHandlers_INCLUDED
