//
// WebhookHandlers.h
//
// Library: OrgsPlugin
// Package: Http
// Module:  WebhookHandlers
//
// HTTP routes of an organization's webhook endpoints.
//


#ifndef Orgs_WebhookHandlers_INCLUDED
#define Orgs_WebhookHandlers_INCLUDED


#include "Orgs/WebhookService.h"
#include "http/Router.h"
#include "Poco/JSON/Object.h"


namespace Orgs {
namespace Http {


class WebhookHandlers
	/// POST/GET /orgs/{org}/webhooks, GET/PATCH/DELETE /orgs/{org}/webhooks/{id},
	/// POST /orgs/{org}/webhooks/{id}/secret (rotate), GET /orgs/{org}/webhooks/{id}/deliveries
	/// and POST /orgs/{org}/webhooks/{id}/deliveries/{delivery}/retry.
{
public:
	explicit WebhookHandlers(Orgs::WebhookService& webhooks);

	void addRoutes(Router& router);

	static Poco::JSON::Object::Ptr encode(const WebhookEndpoint& endpoint);
	static Poco::JSON::Object::Ptr encode(const WebhookDelivery& delivery);

private:
	void list(RequestContext& c);
	void create(RequestContext& c);
	void get(RequestContext& c);
	void update(RequestContext& c);
	void remove(RequestContext& c);
	void rotate(RequestContext& c);
	void deliveries(RequestContext& c);
	void retry(RequestContext& c);

	static Id idOf(const RequestContext& c, const std::string& param, const std::string& code);

	Orgs::WebhookService& _webhooks;
};


} // namespace Http
} // namespace Orgs


#endif // Orgs_WebhookHandlers_INCLUDED
