//
// OutboxSender.cpp
//
// Library: OrgsPlugin
// Package: Service
// Module:  OutboxSender
//


#include "service/OutboxSender.h"
#include "Poco/Exception.h"
#include "Poco/NumberFormatter.h"
#include "Poco/Timespan.h"
#include <exception>


namespace Orgs {
namespace Service {


namespace {


const Poco::Int64 PURGE_INTERVAL_MICROS = Poco::Timespan::HOURS;
const Poco::Int64 PROBLEM_LOG_INTERVAL_MICROS = Poco::Timespan::MINUTES;


std::string seconds(Poco::Int64 micros)
{
	return Poco::NumberFormatter::format(static_cast<double>(micros) / 1e6, 1) + " s";
}


} // namespace


OutboxSender::OutboxSender(Data::Database& database, Outbox& outbox, Orgs::Mailer::Ptr pMailer, Clock::Ptr pClock,
                           const Config::MailSettings& settings, Poco::Logger& logger)
    : _outbox(outbox), _messages(database), _pMailer(pMailer), _pClock(pClock), _settings(settings), _logger(logger),
      _session(database), _thread("OrgsOutboxSender"), _stopping(false), _lastPurge(0), _lastProblemLog(0)
{
	poco_check_ptr(_pMailer);
}


OutboxSender::~OutboxSender()
{
	try
	{
		stop();
		_session.close();
	}
	catch (...)
	{
		poco_unexpected();
	}
}


void OutboxSender::start()
{
	if (_thread.isRunning())
		throw Poco::IllegalStateException("The outbox sender is already running");
	_stopping = false;
	_thread.start(*this);
}


void OutboxSender::stop()
{
	if (!_thread.isRunning())
		return;
	_stopping = true;
	_outbox.wake();
	_thread.join();
}


bool OutboxSender::running() const
{
	return _thread.isRunning();
}


void OutboxSender::run()
{
	while (!_stopping)
	{
		try
		{
			deliverDue();
			const Poco::Int64 now = Data::Database::toMicros(_pClock->now());
			if (!_stopping && now - _lastPurge >= PURGE_INTERVAL_MICROS)
			{
				purge();
				_lastPurge = now;
			}
		}
		catch (Poco::Exception& exc)
		{
			// The database is down or busy: the rows wait where they are; try again next pass.
			const Poco::Int64 now = Data::Database::toMicros(_pClock->now());
			if (now - _lastProblemLog >= PROBLEM_LOG_INTERVAL_MICROS || now < _lastProblemLog)
			{
				_logger.error("Outbox: cannot read the outbox, will retry: " + exc.displayText());
				_lastProblemLog = now;
			}
		}
		catch (std::exception& exc)
		{
			_logger.error(std::string("Outbox: unexpected error, will retry: ") + exc.what());
		}
		if (!_stopping)
			_outbox.waitForWork(_settings.pollMillis);
	}
}


std::size_t OutboxSender::deliverDue()
{
	std::size_t sent = 0;
	while (!_stopping)
	{
		const Poco::Int64 now = Data::Database::toMicros(_pClock->now());
		const std::vector<Data::OutboxEntry> due =
		    _session.run([&](Poco::Data::Session& s) { return _messages.due(s, now, BATCH_SIZE); });
		for (const auto& entry : due)
		{
			if (_stopping)
				return sent;
			bool claimed = false;
			if (!deliver(entry, claimed))
				return sent; // a failure ends the pass; the next one comes after pollMillis
			if (claimed)
				++sent;
		}
		if (due.size() < static_cast<std::size_t>(BATCH_SIZE))
			break;
	}
	return sent;
}


bool OutboxSender::deliver(const Data::OutboxEntry& entry, bool& claimed)
{
	// The lease must end after the due time we saw, or the compare-and-set could not tell.
	Poco::Int64 leaseUntil = Data::Database::toMicros(_pClock->now()) + _settings.leaseMicros;
	if (leaseUntil == entry.nextAttemptAt)
		++leaseUntil;
	claimed = _session.claim(
	    [&](Poco::Data::Session& s) { return _messages.claim(s, entry.id, entry.nextAttemptAt, leaseUntil); });
	if (!claimed)
		return true; // another sender has it, or it was sent meanwhile

	const int attempts = entry.attempts + 1;
	std::string error;
	try
	{
		_pMailer->send(entry.message);
	}
	catch (Poco::Exception& exc)
	{
		error = exc.displayText();
	}
	catch (std::exception& exc)
	{
		error = exc.what();
	}
	catch (...)
	{
		error = "unknown exception";
	}

	const Poco::Int64 now = Data::Database::toMicros(_pClock->now());
	if (error.empty())
	{
		// If this update fails the row is sent again after the lease: at-least-once.
		_deliveries.count(Metrics::DeliveryCounts::SENT); // the server took it, whatever the update does
		_session.run([&](Poco::Data::Session& s) { _messages.markSent(s, entry.id, now); });
		_logger.debug("Outbox: message " + std::to_string(entry.id) + " to " + entry.message.to + " sent");
		return true;
	}

	const Poco::Int64 delay = retryDelay(attempts, _settings.retryInitialMicros, _settings.retryMaxMicros);
	_session.run([&](Poco::Data::Session& s) {
		_messages.markFailed(s, entry.id, leaseUntil, now + delay,
		                     "attempt " + std::to_string(attempts) + ": " + error);
	});
	_deliveries.count(Metrics::DeliveryCounts::RETRIED);
	_logger.warning("Outbox: message " + std::to_string(entry.id) + " to " + entry.message.to + " failed (attempt " +
	                std::to_string(attempts) + "), retrying in " + seconds(delay) + ": " + error);
	return false;
}


std::size_t OutboxSender::purge()
{
	if (_settings.keepSentDays <= 0)
		return 0;
	const Poco::Int64 before = Data::Database::toMicros(_pClock->now()) -
	                           static_cast<Poco::Int64>(_settings.keepSentDays) * Poco::Timespan::DAYS;
	return _session.run([&](Poco::Data::Session& s) { return _messages.purgeSent(s, before); });
}


Poco::Int64 OutboxSender::retryDelay(int attempts, Poco::Int64 initialMicros, Poco::Int64 maxMicros)
{
	Poco::Int64 delay = initialMicros;
	for (int i = 1; i < attempts && delay < maxMicros; ++i)
		delay *= 2;
	return delay < maxMicros ? delay : maxMicros;
}


} // namespace Service
} // namespace Orgs
