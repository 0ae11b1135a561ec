//
// WebhookSender.h
//
// Library: OrgsPlugin
// Package: Events
// Module:  WebhookSender
//
// The background thread that delivers webhook outbox rows.
//


#ifndef Orgs_Events_WebhookSender_INCLUDED
#define Orgs_Events_WebhookSender_INCLUDED


#include "data/DedicatedSession.h"
#include "config/Settings.h"
#include "data/WebhookRepository.h"
#include "metrics/DeliveryCounts.h"
#include "events/TargetPolicy.h"
#include "events/WebhookSecrets.h"
#include "service/Clock.h"
#include "Poco/Event.h"
#include "Poco/Logger.h"
#include "Poco/Net/Context.h"
#include "Poco/Runnable.h"
#include "Poco/Thread.h"
#include <atomic>
#include <memory>
#include <mutex>
#include <random>


namespace Orgs {
namespace Events {


class WebhookSender : public Poco::Runnable
	/// Delivers due webhook deliveries (WebhookRepository::due(): the head of each enabled
	/// endpoint's queue), each by one POST signed with the endpoint's secret(s).
	///
	/// A 2xx answer delivers; anything else (another status, a redirect, a timeout, a refused
	/// address) is a failure: the delivery is tried again after the next wait of
	/// orgs.webhooks.retrySchedule (varied by the jitter) and given up after the last. Until
	/// then the endpoint's later events wait, so an endpoint receives an organization's events
	/// in order. An endpoint whose attempts failed orgs.webhooks.disableAfterFailures times in a
	/// row, or for orgs.webhooks.disableAfterSeconds, is disabled with its reason.
	///
	/// The address is resolved for each attempt and checked by the TargetPolicy; the connection
	/// goes to that checked address (no second lookup), with the URL's host name for TLS and
	/// the Host header. Redirects are not followed. Several senders on one database share the
	/// rows by claims (at-least-once; a receiver deduplicates by webhook-id).
{
public:
	WebhookSender(Data::Database& database, Service::Clock::Ptr pClock, const Config::WebhookSettings& settings,
	              const Service::SecretBox& secrets, Poco::Logger& logger);
		/// Signs with the endpoints' secrets opened by secrets (see WebhookSecrets).
	~WebhookSender();

	void start();
	void stop();
	void wake();
		/// Makes the thread look for due deliveries now.

	std::size_t deliverDue();
		/// Makes every delivery due now, until none is left; returns how many were delivered.

	Poco::Int64 retryDelay(int failedAttempts);
		/// Returns the wait after that many failed attempts (>= 1), jittered; -1 once the
		/// schedule is exhausted (give up).

	const Metrics::DeliveryCounts& deliveries() const;
		/// The outcomes of this sender's attempts, for orgs_outbox_deliveries_total{kind="webhook"}.

protected:
	void run() override;

private:
	struct Attempt;


	bool deliver(const Data::WebhookRepository::Due& due);
		/// Returns true if delivered.
	Data::WebhookRepository::Outcome post(const Data::WebhookRepository::Endpoint& endpoint,
	                                      const Data::WebhookRepository::Due& due);
	Poco::Net::Context::Ptr context();

	Data::WebhookRepository _webhooks;
	Service::Clock::Ptr _pClock;
	Config::WebhookSettings _settings;
	TargetPolicy _policy;
	WebhookSecrets _secrets;
	Poco::Logger& _logger;
	Metrics::DeliveryCounts _deliveries;
	Data::DedicatedSession _session;
	Poco::Thread _thread;
	Poco::Event _work;
	std::atomic<bool> _stopping;
	std::mutex _contextMutex;
	Poco::Net::Context::Ptr _pContext;
	bool _sslInitialized = false;
	std::mt19937_64 _random;
	Poco::Int64 _lastPurge = 0;
};


inline const Metrics::DeliveryCounts& WebhookSender::deliveries() const
{
	return _deliveries;
}

} // namespace Events
} // namespace Orgs


#endif // Orgs_Events_WebhookSender_INCLUDED
