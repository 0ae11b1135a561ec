//
// ListenerHub.cpp
//
// Library: OrgsPlugin
// Package: Events
// Module:  ListenerHub
//


#include "events/ListenerHub.h"
#include "data/Database.h"
#include "Poco/Exception.h"


namespace Orgs {
namespace Events {


ListenerHub::Worker::Worker(EventListener::Ptr pListener, Poco::Logger& logger) : _pListener(pListener), _logger(logger)
{
}


void ListenerHub::Worker::start()
{
	// The thread holds the worker: a listener that unsubscribes itself from onEvent() returns
	// into a worker that still exists.
	_thread = std::thread([pSelf = shared_from_this()]() { pSelf->run(); });
}


ListenerHub::Worker::~Worker()
{
	stop();
}


EventListener::Ptr ListenerHub::Worker::listener() const
{
	return _pListener;
}


void ListenerHub::Worker::push(const Event& event)
{
	{
		std::lock_guard<std::mutex> lock(_mutex);
		_queue.push_back(event);
	}
	_ready.notify_one();
}


void ListenerHub::Worker::stop()
{
	{
		std::lock_guard<std::mutex> lock(_mutex);
		_stopping = true;
	}
	_ready.notify_one();
	if (!_thread.joinable())
		return;
	if (_thread.get_id() == std::this_thread::get_id())
		_thread.detach(); // a listener that unsubscribes itself: its thread ends after this call
	else
		_thread.join();
}


void ListenerHub::Worker::run()
{
	for (;;)
	{
		Event event;
		{
			std::unique_lock<std::mutex> lock(_mutex);
			_ready.wait(lock, [this]() { return _stopping || !_queue.empty(); });
			if (_stopping)
				return;
			event = std::move(_queue.front());
			_queue.pop_front();
		}
		try
		{
			_pListener->onEvent(event);
		}
		catch (Poco::Exception& exc)
		{
			_logger.error("Event listener failed on " + event.type + ": " + exc.displayText());
		}
		catch (std::exception& exc)
		{
			_logger.error("Event listener failed on " + event.type + ": " + exc.what());
		}
		catch (...)
		{
			_logger.error("Event listener failed on " + event.type);
		}
	}
}


ListenerHub::ListenerHub(Poco::Logger& logger) : _logger(logger) {}


ListenerHub::~ListenerHub()
{
	std::vector<std::shared_ptr<Worker>> workers;
	{
		std::lock_guard<std::mutex> lock(_mutex);
		workers.swap(_workers);
		_active = false;
	}
	for (auto& pWorker : workers)
		pWorker->stop();
}


bool ListenerHub::active() const
{
	return _active.load(std::memory_order_relaxed);
}


void ListenerHub::recorded(const Event& event)
{
	if (!active())
		return;
	auto pEntry = std::make_shared<Entry>();
	pEntry->event = event;
	{
		std::lock_guard<std::mutex> lock(_mutex);
		_pending[event.organizationId].push_back(pEntry);
	}
	const Id organizationId = event.organizationId;
	Data::Database::afterCommit([this, organizationId, pEntry]() { decide(organizationId, pEntry, Entry::COMMITTED); });
	Data::Database::afterRollback([this, organizationId, pEntry]() { decide(organizationId, pEntry, Entry::DROPPED); });
}


void ListenerHub::decide(Id organizationId, const std::shared_ptr<Entry>& pEntry, Entry::State state)
{
	std::lock_guard<std::mutex> lock(_mutex);
	pEntry->state = state;
	drain(organizationId);
}


void ListenerHub::drain(Id organizationId)
{
	auto it = _pending.find(organizationId);
	if (it == _pending.end())
		return;
	auto& queue = it->second;
	while (!queue.empty() && queue.front()->state != Entry::UNDECIDED)
	{
		if (queue.front()->state == Entry::COMMITTED)
		{
			for (auto& pWorker : _workers)
				pWorker->push(queue.front()->event);
		}
		queue.pop_front();
	}
	if (queue.empty())
		_pending.erase(it);
}


void ListenerHub::subscribe(EventListener::Ptr pListener)
{
	if (!pListener)
		return;
	std::lock_guard<std::mutex> lock(_mutex);
	for (const auto& pWorker : _workers)
	{
		if (pWorker->listener() == pListener)
			return;
	}
	auto pWorker = std::make_shared<Worker>(pListener, _logger);
	pWorker->start();
	_workers.push_back(pWorker);
	_active = true;
}


void ListenerHub::unsubscribe(EventListener::Ptr pListener)
{
	std::shared_ptr<Worker> pGone;
	{
		std::lock_guard<std::mutex> lock(_mutex);
		for (auto it = _workers.begin(); it != _workers.end(); ++it)
		{
			if ((*it)->listener() == pListener)
			{
				pGone = *it;
				_workers.erase(it);
				break;
			}
		}
		_active = !_workers.empty();
	}
	if (pGone)
		pGone->stop();
}


} // namespace Events
} // namespace Orgs
