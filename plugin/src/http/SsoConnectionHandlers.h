//
// SsoConnectionHandlers.h
//
// Library: OrgsPlugin
// Package: Http
// Module:  SsoConnectionHandlers
//
// HTTP routes of an organization's SSO connections.
//


#ifndef Orgs_SsoConnectionHandlers_INCLUDED
#define Orgs_SsoConnectionHandlers_INCLUDED


#include "Orgs/SsoConnectionService.h"
#include "http/Router.h"
#include "Poco/JSON/Object.h"


namespace Orgs {
namespace Http {


class SsoConnectionHandlers
	/// POST/GET /orgs/{org}/sso-connections, GET/PATCH/DELETE /orgs/{org}/sso-connections/{id},
	/// and GET (?token=) or POST ({"token"}) /orgs/{org}/sso-connections/{id}/test.
{
public:
	explicit SsoConnectionHandlers(Orgs::SsoConnectionService& connections);

	void addRoutes(Router& router);

	static Poco::JSON::Object::Ptr encode(const SsoConnection& connection);
	static Poco::JSON::Object::Ptr encode(const SsoTestReport& report);

private:
	void list(RequestContext& c);
	void create(RequestContext& c);
	void get(RequestContext& c);
	void update(RequestContext& c);
	void remove(RequestContext& c);
	void testGet(RequestContext& c);
	void testPost(RequestContext& c);

	static Id connectionId(const RequestContext& c);
	static std::vector<SsoMappingRule> decodeRules(const std::vector<Poco::JSON::Object::Ptr>& items);

	Orgs::SsoConnectionService& _connections;
};


} // namespace Http
} // namespace Orgs


#endif // Orgs_SsoConnectionHandlers_INCLUDED
