//
// OutboxSender.h
//
// Library: OrgsPlugin
// Package: Service
// Module:  OutboxSender
//
// The background thread that delivers the outbox through a Mailer.
//


#ifndef Orgs_OutboxSender_INCLUDED
#define Orgs_OutboxSender_INCLUDED


#include "data/DedicatedSession.h"
#include "Orgs/Mailer.h"
#include "config/Settings.h"
#include "data/OutboxRepository.h"
#include "metrics/DeliveryCounts.h"
#include "service/Clock.h"
#include "service/Outbox.h"
#include "Poco/Logger.h"
#include "Poco/Runnable.h"
#include "Poco/Thread.h"
#include <atomic>
#include <memory>


namespace Orgs {
namespace Service {


class OutboxSender : public Poco::Runnable
	/// Delivers due outbox rows, one at a time and oldest first, through a Mailer.
	///
	/// Its thread makes a pass every orgs.mail.pollMillis and at once when Outbox::enqueue()
	/// commits in this process. For each due row it claims a lease (see OutboxRepository),
	/// calls Mailer::send() and marks the row sent. A failure reschedules the row after
	/// retryDelay() and records the error; the pass then ends, so a server that is down costs
	/// one attempt per pass rather than one per message. Messages are never dropped: a row is
	/// retried (at most every orgs.mail.retry.maxSeconds) until it is sent.
	///
	/// Delivery is at-least-once: if this process dies between the server's acceptance and
	/// the database update, the row is sent again when its lease ends.
	///
	/// The sender uses a session of its own (Database::openDedicated()), not one of the pool,
	/// so it never takes a session from request handling. One sender must not be used by two
	/// threads at once; two senders on one database may run side by side.
{
public:
	OutboxSender(Data::Database& database, Outbox& outbox, Orgs::Mailer::Ptr pMailer, Clock::Ptr pClock,
	             const Config::MailSettings& settings, Poco::Logger& logger);

	~OutboxSender();
		/// Stops the thread if it runs.

	void start();
		/// Starts the delivery thread. Throws Poco::IllegalStateException if it already runs.

	void stop();
		/// Asks the thread to stop and waits for it: at once when idle, else after the send in
		/// progress (bounded by the mailer's own timeout). Does nothing if it does not run.

	bool running() const;
		/// Returns true while the thread runs.

	std::size_t deliverDue();
		/// Delivers what is due now, in batches, until nothing is due, a send fails or stop()
		/// is called; returns how many messages were sent. The thread calls this; tests may
		/// call it too, even alongside the thread (claims keep them apart). Throws
		/// Poco::Exception if the database fails.

	std::size_t purge();
		/// Deletes sent rows older than orgs.mail.keepSentDays (none if it is 0); returns how
		/// many. The thread calls this at most once an hour.

	static Poco::Int64 retryDelay(int attempts, Poco::Int64 initialMicros, Poco::Int64 maxMicros);
		/// Returns the wait before the next attempt after attempts failed ones (attempts >= 1):
		/// initial, 2 x initial, 4 x initial, ..., never more than max.

	const Metrics::DeliveryCounts& deliveries() const;
		/// Returns how its attempts went: sent, or retried later (mail is never given up).

	static const int BATCH_SIZE = 50;

protected:
	void run() override;

private:
	OutboxSender(const OutboxSender&) = delete;
	OutboxSender& operator=(const OutboxSender&) = delete;


	bool deliver(const Data::OutboxEntry& entry, bool& claimed);
		/// Claims and sends entry; returns false if the send failed (claimed tells whether it was ours).

	Outbox& _outbox;
	Data::OutboxRepository _messages;
	Orgs::Mailer::Ptr _pMailer;
	Clock::Ptr _pClock;
	Config::MailSettings _settings;
	Poco::Logger& _logger;
	Data::DedicatedSession _session;
	Poco::Thread _thread;
	std::atomic<bool> _stopping;
	Poco::Int64 _lastPurge;
	Poco::Int64 _lastProblemLog;
	Metrics::DeliveryCounts _deliveries;
};


inline const Metrics::DeliveryCounts& OutboxSender::deliveries() const
{
	return _deliveries;
}


} // namespace Service
} // namespace Orgs


#endif // Orgs_OutboxSender_INCLUDED
