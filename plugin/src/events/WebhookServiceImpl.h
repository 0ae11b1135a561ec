//
// WebhookServiceImpl.h
//
// Library: OrgsPlugin
// Package: Events
// Module:  WebhookServiceImpl
//
// Webhook endpoints: their rules, transactions and audit events.
//


#ifndef Orgs_Events_WebhookServiceImpl_INCLUDED
#define Orgs_Events_WebhookServiceImpl_INCLUDED


#include "Orgs/WebhookService.h"
#include "config/Settings.h"
#include "data/WebhookRepository.h"
#include "events/TargetPolicy.h"
#include "events/WebhookSecrets.h"
#include "service/AuditTrail.h"
#include "service/Clock.h"
#include "service/Guard.h"
#include <functional>


namespace Orgs {
namespace Events {


class WebhookServiceImpl : public Orgs::WebhookService
	/// Every call needs webhooks.manage. Changes are audited ("webhook.created", ".updated",
	/// ".deleted", ".secret_rotated"; never with a secret) in their transaction, after locking
	/// the organization row.
{
public:
	static const std::size_t MAX_EVENT_TYPES = 50;
	static const int MAX_ENDPOINTS = 20; ///< per organization

	WebhookServiceImpl(Data::Database& database, Service::Guard& guard, Service::Clock::Ptr pClock,
	                   const Config::WebhookSettings& settings, const Service::SecretBox& secrets,
	                   std::function<void()> wakeSender);
		/// New secrets are stored sealed by secrets (see WebhookSecrets).

	Page<WebhookEndpoint> listEndpoints(Id actorId, const std::string& org, const PageRequest& page) override;
	WebhookEndpoint createEndpoint(Id actorId, const std::string& org, const WebhookSpec& spec) override;
	WebhookEndpoint getEndpoint(Id actorId, const std::string& org, Id endpointId) override;
	WebhookEndpoint updateEndpoint(Id actorId, const std::string& org, Id endpointId,
	                               const WebhookChanges& changes) override;
	void deleteEndpoint(Id actorId, const std::string& org, Id endpointId) override;
	WebhookEndpoint rotateSecret(Id actorId, const std::string& org, Id endpointId) override;
	Page<WebhookDelivery> listDeliveries(Id actorId, const std::string& org, Id endpointId,
	                                     const PageRequest& page) override;
	WebhookDelivery retryDelivery(Id actorId, const std::string& org, Id endpointId, Id deliveryId) override;

private:
	Data::WebhookRepository::Endpoint require(Poco::Data::Session& session, Id organizationId, Id endpointId,
	                                          bool lock = false);
	std::vector<std::string> checkedTypes(const std::vector<std::string>& types) const;
	void checkDescription(const std::string& description) const;
	static Poco::JSON::Object::Ptr summary(const WebhookEndpoint& endpoint);

	Data::Database& _database;
	Service::Guard& _guard;
	Service::Clock::Ptr _pClock;
	Config::WebhookSettings _settings;
	TargetPolicy _policy;
	WebhookSecrets _secrets;
	Data::WebhookRepository _webhooks;
	Service::AuditTrail _audit;
	std::function<void()> _wakeSender;
};


} // namespace Events
} // namespace Orgs


#endif // Orgs_Events_WebhookServiceImpl_INCLUDED
