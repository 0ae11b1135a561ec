//
// ListenerHub.h
//
// Library: OrgsPlugin
// Package: Events
// Module:  ListenerHub
//
// Hands committed events to in-process listeners, each on its own thread.
//


#ifndef Orgs_Events_ListenerHub_INCLUDED
#define Orgs_Events_ListenerHub_INCLUDED


#include "Orgs/EventListener.h"
#include "Poco/Logger.h"
#include <atomic>
#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>


namespace Orgs {
namespace Events {


class ListenerHub
	/// The in-process side of events.
	///
	/// An event is queued, as undecided, inside the transaction that writes it: the sequence
	/// number is taken under the organization's row lock, so within an organization events are
	/// queued in sequence order. Once the transaction commits the entry is released, once it
	/// rolls back it is dropped; an organization's queue hands its released entries on only
	/// from its front, so a listener sees them in order even when the committing threads
	/// finish in another order. Each listener has a queue and a thread of its own: a slow or
	/// throwing listener holds up nothing but itself.
{
public:
	explicit ListenerHub(Poco::Logger& logger);

	~ListenerHub();
		/// Stops every listener's thread.

	bool active() const;
		/// Returns true if a listener is subscribed (else events are not queued at all).

	void recorded(const Event& event);
		/// Queues event as undecided and registers the commit and rollback hooks of the
		/// transaction in progress.

	void subscribe(EventListener::Ptr pListener);
	void unsubscribe(EventListener::Ptr pListener);

private:
	struct Entry
	{
		Event event;
		enum State
		{
			UNDECIDED,
			COMMITTED,
			DROPPED
		} state = UNDECIDED;
	};

	class Worker : public std::enable_shared_from_this<Worker>
		/// One listener, its queue and its thread.
	{
	public:
		Worker(EventListener::Ptr pListener, Poco::Logger& logger);
		~Worker();
		void start();
		void push(const Event& event);
		void stop();
		EventListener::Ptr listener() const;

	private:
		void run();

		EventListener::Ptr _pListener;
		Poco::Logger& _logger;
		std::mutex _mutex;
		std::condition_variable _ready;
		std::deque<Event> _queue;
		bool _stopping = false;
		std::thread _thread;
	};

	void decide(Id organizationId, const std::shared_ptr<Entry>& pEntry, Entry::State state);
	void drain(Id organizationId);
		/// Hands on the decided entries at the front of the organization's queue (_mutex held).

	Poco::Logger& _logger;
	mutable std::mutex _mutex;
	std::map<Id, std::deque<std::shared_ptr<Entry>>> _pending;
	std::vector<std::shared_ptr<Worker>> _workers;
	std::atomic<bool> _active{false};
};


} // namespace Events
} // namespace Orgs


#endif // Orgs_Events_ListenerHub_INCLUDED
