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
#include "Poco/JSON/Array.h"
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

	static std::vector<SsoMappingRule> decodeRules(const std::vector<Poco::JSON::Object::Ptr>& items,
	                                               const std::string& defaultClaim = std::string());
		/// Decodes "rules" (also those of SCIM connections, which share the shape); a rule
		/// without "claim" has defaultClaim if given, else is refused.

	static Poco::JSON::Array::Ptr encodeRules(const std::vector<SsoMappingRule>& rules);

private:
	void list(RequestContext& c);
	void create(RequestContext& c);
	void get(RequestContext& c);
	void update(RequestContext& c);
	void remove(RequestContext& c);
	void testGet(RequestContext& c);
	void testPost(RequestContext& c);

	static Id connectionId(const RequestContext& c);
	Orgs::SsoConnectionService& _connections;
};


} // namespace Http
} // namespace Orgs


#endif // Orgs_SsoConnectionHandlers_INCLUDED
