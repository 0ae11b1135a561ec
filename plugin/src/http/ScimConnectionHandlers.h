//
// ScimConnectionHandlers.h
//
// Library: OrgsPlugin
// Package: Http
// Module:  ScimConnectionHandlers
//
// The routes that manage an organization's SCIM connections.
//


#ifndef Orgs_ScimConnectionHandlers_INCLUDED
#define Orgs_ScimConnectionHandlers_INCLUDED


#include "Orgs/ScimService.h"
#include "http/Router.h"
#include "Poco/JSON/Object.h"
#include <string>


namespace Orgs {
namespace Http {


class ScimConnectionHandlers
	/// POST/GET /orgs/{org}/scim-connections, GET/PATCH/DELETE /orgs/{org}/scim-connections/{id},
	/// POST /orgs/{org}/scim-connections/{id}/token (a new token; the old one stops at once).
	/// The token is in the answers of POST only ("token"); base_url is the connection's SCIM
	/// base URL under the API's base path.
{
public:
	explicit ScimConnectionHandlers(Orgs::ScimService& connections);

	void addRoutes(Router& router);

	static Poco::JSON::Object::Ptr encode(const ScimConnection& connection, const std::string& basePath);

private:
	void list(RequestContext& c);
	void create(RequestContext& c);
	void get(RequestContext& c);
	void update(RequestContext& c);
	void remove(RequestContext& c);
	void rotate(RequestContext& c);
	static Id connectionId(const RequestContext& c);

	Orgs::ScimService& _connections;
};


} // namespace Http
} // namespace Orgs


#endif // Orgs_ScimConnectionHandlers_INCLUDED
