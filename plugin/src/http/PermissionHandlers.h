//
// PermissionHandlers.h
//
// Library: OrgsPlugin
// Package: Http
// Module:  PermissionHandlers
//
// GET /orgs/{org}/permissions.
//


#ifndef Orgs_PermissionHandlers_INCLUDED
#define Orgs_PermissionHandlers_INCLUDED


#include "http/Router.h"
#include "service/PermissionReport.h"


namespace Orgs {
namespace Http {


class PermissionHandlers
	/// The effective permissions of an account (the caller by default) in an organization, a
	/// workspace (?workspace=) or on a resource (?resource=), with the roles that grant them.
{
public:
	explicit PermissionHandlers(Service::PermissionReport& report);

	void addRoutes(Router& router);

private:
	void get(RequestContext& c);

	Service::PermissionReport& _report;
};


} // namespace Http
} // namespace Orgs


#endif // Orgs_PermissionHandlers_INCLUDED
