//
// WebhookService.h
//
// Library: Orgs
// Package: Services
// Module:  WebhookService
//
// Webhook endpoints of organizations and their deliveries.
//


#ifndef Orgs_WebhookService_INCLUDED
#define Orgs_WebhookService_INCLUDED


#include "Orgs/Model.h"
#include "Poco/Nullable.h"
#include "Poco/SharedPtr.h"
#include "Poco/Timestamp.h"
#include <string>
#include <vector>


namespace Orgs {


struct WebhookEndpoint
	/// Where an organization's events are POSTed, signed by the Standard Webhooks scheme.
{
	Id id = 0;
	Id organizationId = 0;
	std::string url;
	std::string description;
	std::vector<std::string> eventTypes; ///< empty: every type
	bool enabled = true;
	std::string disabledReason; ///< why it was turned off ("" while enabled)
	Poco::Nullable<Poco::Timestamp> disabledAt;
	Poco::Nullable<Poco::Timestamp> failingSince; ///< first failure of the current run of failures
	int consecutiveFailures = 0;
	Poco::Nullable<Poco::Timestamp> previousSecretUntil; ///< the old secret signs too until then
	std::string secret;                                  ///< whsec_...: set only in the answers of create and rotate
	Id createdBy = 0;
	Poco::Timestamp createdAt;
	Poco::Timestamp updatedAt;
};


struct WebhookSpec
	/// A new endpoint.
{
	std::string url;
	std::string description;
	std::vector<std::string> eventTypes;
};


struct WebhookChanges
	/// The fields to change; null ones stay. enabled = true turns a disabled endpoint on again.
{
	Poco::Nullable<std::string> url;
	Poco::Nullable<std::string> description;
	Poco::Nullable<std::vector<std::string>> eventTypes;
	Poco::Nullable<bool> enabled;
};


struct WebhookDelivery
	/// One event for one endpoint.
{
	static constexpr const char* PENDING = "pending";     ///< waiting (for its turn or a retry)
	static constexpr const char* DELIVERED = "delivered"; ///< the receiver answered 2xx
	static constexpr const char* FAILED = "failed";       ///< given up after the retry schedule

	Id id = 0;
	Id endpointId = 0;
	Id eventId = 0;
	Poco::Int64 sequence = 0;
	std::string eventType;
	std::string state;
	int attempts = 0;
	Poco::Nullable<int> lastStatus;     ///< the receiver's last HTTP status
	Poco::Nullable<int> lastDurationMs; ///< how long the last attempt took
	std::string lastErrorClass;         ///< "http_status", "timeout", "connection", "refused_address", ...
	std::string lastError;
	Poco::Nullable<Poco::Timestamp> nextAttemptAt; ///< pending only
	Poco::Nullable<Poco::Timestamp> deliveredAt;
	Poco::Timestamp createdAt;
};


class WebhookService
	/// Webhook endpoints (permission webhooks.manage for everything here).
{
public:
	using Ptr = Poco::SharedPtr<WebhookService>;

	virtual ~WebhookService() = default;

	virtual Page<WebhookEndpoint> listEndpoints(Id actorId, const std::string& org, const PageRequest& page) = 0;
	virtual WebhookEndpoint createEndpoint(Id actorId, const std::string& org, const WebhookSpec& spec) = 0;
		/// Returns the endpoint with its secret, shown this once. Throws InvalidInputException
		/// ("invalid_url", "refused_address", "invalid_event_type", "invalid_description").
	virtual WebhookEndpoint getEndpoint(Id actorId, const std::string& org, Id endpointId) = 0;
	virtual WebhookEndpoint updateEndpoint(Id actorId, const std::string& org, Id endpointId,
	                                       const WebhookChanges& changes) = 0;
	virtual void deleteEndpoint(Id actorId, const std::string& org, Id endpointId) = 0;
	virtual WebhookEndpoint rotateSecret(Id actorId, const std::string& org, Id endpointId) = 0;
		/// Returns the endpoint with its new secret; the old one keeps signing beside it for
		/// orgs.webhooks.secretOverlapSeconds.
	virtual Page<WebhookDelivery> listDeliveries(Id actorId, const std::string& org, Id endpointId,
	                                             const PageRequest& page) = 0;
		/// Newest first, keyset-paginated.
	virtual WebhookDelivery retryDelivery(Id actorId, const std::string& org, Id endpointId, Id deliveryId) = 0;
		/// Makes a delivered or failed delivery pending again, due at once (a pending one: due
		/// at once). Throws NotFoundException ("delivery_not_found").
};


} // namespace Orgs


#endif // Orgs_WebhookService_INCLUDED
