//
// RoleHandlers.h
//
// Library: OrgsPlugin
// Package: Http
// Module:  RoleHandlers
//
// The routes of per-organization custom roles.
//


#ifndef Orgs_RoleHandlers_INCLUDED
#define Orgs_RoleHandlers_INCLUDED


#include "Orgs/RoleService.h"
#include "http/Router.h"
#include "Poco/JSON/Object.h"


namespace Orgs {
namespace Http {


class RoleHandlers
	/// POST and GET /orgs/{org}/roles, PATCH and DELETE /orgs/{org}/roles/{name}?scope=
	/// (scope defaults to "workspace").
{
public:
	explicit RoleHandlers(Orgs::RoleService& roles);

	void addRoutes(Router& router);

	static Poco::JSON::Object::Ptr encode(const CustomRole& role);
		/// Returns {scope, name, permissions, description, custom[, id, created_by, created_at, updated_at]}.

private:
	void create(RequestContext& c);
	void list(RequestContext& c);
	void update(RequestContext& c);
	void remove(RequestContext& c);

	Orgs::RoleService& _roles;
};


} // namespace Http
} // namespace Orgs


#endif // Orgs_RoleHandlers_INCLUDED
