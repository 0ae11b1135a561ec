//
// WebhookRepository.h
//
// Library: OrgsPlugin
// Package: Data
// Module:  WebhookRepository
//
// SQL for webhook endpoints and their deliveries (outbox rows of kind 'webhook').
//


#ifndef Orgs_WebhookRepository_INCLUDED
#define Orgs_WebhookRepository_INCLUDED


#include "Orgs/EventListener.h"
#include "Orgs/WebhookService.h"
#include "data/Database.h"
#include <string>
#include <vector>


namespace Orgs {
namespace Data {


class WebhookRepository
	/// Endpoints, and the deliveries of events to them.
	///
	/// A delivery is an outbox row (kind 'webhook') written in the transaction of its event.
	/// Senders of several processes share the rows as the mail sender does (OutboxRepository):
	/// read what is due, claim a row by compare-and-set on next_attempt_at (the claim is a
	/// lease), send, record. Only the head of each endpoint's queue is ever due: a delivery
	/// waits while an earlier event (lower sequence) for the same endpoint is neither delivered
	/// nor given up, so an endpoint receives an organization's events in order.
{
public:
	static constexpr const char* KIND = "webhook"; ///< outbox.kind of webhook deliveries

	struct Endpoint
		/// An endpoint row with its secrets.
	{
		WebhookEndpoint endpoint; ///< endpoint.secret: the current secret
		std::string previousSecret;
		Poco::Int64 previousSecretUntil = 0; ///< 0: none
	};

	struct Subscriber
		/// An enabled endpoint and the event types it takes (empty: all).
	{
		Id id = 0;
		std::vector<std::string> eventTypes;
	};

	struct Due
		/// A delivery to make now.
	{
		Id id = 0;
		Id endpointId = 0;
		Id eventId = 0;
		Poco::Int64 sequence = 0;
		std::string payload;
		int attempts = 0;
		Poco::Int64 nextAttemptAt = 0;
		Poco::Int64 createdAt = 0;
	};

	struct Outcome
		/// What one attempt ended with.
	{
		Poco::Nullable<Poco::Int64> status;
		Poco::Int64 durationMs = 0;
		std::string errorClass; ///< "" on success
		std::string error;
	};

	explicit WebhookRepository(Database& database);

	// Endpoints

	Id insert(Poco::Data::Session& session, const Endpoint& row);
	bool find(Poco::Data::Session& session, Id organizationId, Id id, Endpoint& row, bool lock = false);
	bool findById(Poco::Data::Session& session, Id id, Endpoint& row);
	std::vector<WebhookEndpoint> list(Poco::Data::Session& session, Id organizationId, Id afterId, int limit);
	void update(Poco::Data::Session& session, const Endpoint& row);
		/// Writes every field of the row but its id, organization and creator.
	void remove(Poco::Data::Session& session, Id organizationId, Id id);
		/// Deletes the endpoint and, by cascade, its deliveries.
	std::vector<Subscriber> subscribers(Poco::Data::Session& session, Id organizationId);
		/// Returns the organization's enabled endpoints.
	void recordSuccess(Poco::Data::Session& session, Id endpointId);
	void recordFailure(Poco::Data::Session& session, Id endpointId, Poco::Int64 at, int& failures,
	                   Poco::Int64& failingSince);
		/// Counts a failed attempt; returns the failures in a row and when they began.
	bool disable(Poco::Data::Session& session, Id endpointId, const std::string& reason, Poco::Int64 at);
		/// Turns an enabled endpoint off; returns false if it was off already.
	std::vector<Endpoint> withSecretsNotLike(Poco::Data::Session& session, const std::string& prefix, Id afterId,
	                                         int limit);
		/// Returns up to limit endpoints with id above afterId, by id, whose secret or previous
		/// secret does not begin with prefix (the ones stored before their secrets were sealed).
	bool replaceSecrets(Poco::Data::Session& session, const Endpoint& seen, const std::string& secret,
	                    const std::string& previousSecret);
		/// Stores other forms of the endpoint's secrets if they are still the ones seen (a
		/// rotation meanwhile wins); returns whether it did.

	// Deliveries

	Id insertDelivery(Poco::Data::Session& session, Id endpointId, const Event& event, const std::string& payload,
	                  Poco::Int64 at);
	std::vector<Due> due(Poco::Data::Session& session, Poco::Int64 now, int limit);
		/// Returns up to limit deliveries due now that head their endpoint's queue, for enabled
		/// endpoints, the earliest due first.
	bool claim(Poco::Data::Session& session, Id id, Poco::Int64 seenNextAttemptAt, Poco::Int64 leaseUntil);
		/// As OutboxRepository::claim(): reserves a pending row and counts an attempt.
	void markDelivered(Poco::Data::Session& session, Id id, Poco::Int64 at, const Outcome& outcome);
	bool markFailed(Poco::Data::Session& session, Id id, Poco::Int64 leaseUntil, Poco::Int64 nextAttemptAt,
	                const Outcome& outcome);
		/// Records a failed attempt and reschedules the row, if this sender's lease still holds it.
	bool giveUp(Poco::Data::Session& session, Id id, Poco::Int64 leaseUntil, Poco::Int64 at, const Outcome& outcome);
		/// Records the last failed attempt and gives the delivery up, if the lease still holds.
	bool release(Poco::Data::Session& session, Id id, Poco::Int64 leaseUntil, Poco::Int64 nextAttemptAt);
		/// Hands a claimed row back without counting the attempt (its endpoint was turned off).
	std::vector<WebhookDelivery> deliveries(Poco::Data::Session& session, Id endpointId, Id beforeId, int limit);
		/// Newest first.
	bool findDelivery(Poco::Data::Session& session, Id endpointId, Id id, WebhookDelivery& delivery);
	void retry(Poco::Data::Session& session, Id endpointId, Id id, Poco::Int64 now);
		/// Makes the delivery pending and due at now.
	void wakePending(Poco::Data::Session& session, Id endpointId, Poco::Int64 now);
		/// Makes the endpoint's pending deliveries due at now (it was turned on again).
	std::size_t purgeFinished(Poco::Data::Session& session, Poco::Int64 before);
		/// Deletes deliveries delivered or given up before the time; returns how many.

private:
	Database& _database;
};


} // namespace Data
} // namespace Orgs


#endif // Orgs_WebhookRepository_INCLUDED
