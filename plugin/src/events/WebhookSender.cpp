//
// WebhookSender.cpp
//
// Library: OrgsPlugin
// Package: Events
// Module:  WebhookSender
//


#include "events/WebhookSender.h"
#include "events/EventJson.h"
#include "events/Signer.h"
#include "Orgs/Errors.h"
#include "Poco/Net/HTTPClientSession.h"
#include "Poco/Net/HTTPRequest.h"
#include "Poco/Net/HTTPResponse.h"
#include "Poco/Net/HTTPSClientSession.h"
#include "Poco/Net/NetException.h"
#include "Poco/Net/SSLException.h"
#include "Poco/Net/SSLManager.h"
#include "Poco/Stopwatch.h"
#include <algorithm>


namespace Orgs {
namespace Events {


namespace {


const int BATCH_SIZE = 50;
const Poco::Int64 PURGE_INTERVAL_MICROS = 3600LL * 1000000;
const std::size_t MAX_ANSWER_BYTES = 64 * 1024;


template <class Session>
class Pinned : public Session
	/// An HTTP(S) session that connects to an address checked beforehand, never to what a
	/// second lookup of the host name would give; the name still goes into Host and TLS.
{
public:
	template <class... Args>
	Pinned(const Poco::Net::SocketAddress& address, Args&&... args)
	    : Session(std::forward<Args>(args)...), _address(address)
	{
	}

protected:
	void connect(const Poco::Net::SocketAddress&) override { Session::connect(_address); }

private:
	Poco::Net::SocketAddress _address;
};


} // namespace


WebhookSender::WebhookSender(Data::Database& database, Service::Clock::Ptr pClock,
                             const Config::WebhookSettings& settings, const Service::SecretBox& secrets,
                             Poco::Logger& logger)
    : _webhooks(database), _pClock(pClock), _settings(settings), _policy(settings.allowPrivateTargets),
      _secrets(secrets), _logger(logger), _session(database), _thread("orgs-webhooks"), _stopping(false),
      _random(std::random_device()())
{
}


WebhookSender::~WebhookSender()
{
	stop();
	if (_pContext)
	{
		_pContext.reset();
		Poco::Net::uninitializeSSL();
	}
}


void WebhookSender::start()
{
	if (_thread.isRunning())
		throw Poco::IllegalStateException("The webhook sender is already running");
	_stopping = false;
	_thread.start(*this);
}


void WebhookSender::stop()
{
	if (!_thread.isRunning())
		return;
	_stopping = true;
	_work.set();
	_thread.join();
}


void WebhookSender::wake()
{
	_work.set();
}


void WebhookSender::run()
{
	while (!_stopping)
	{
		try
		{
			deliverDue();
			const Poco::Int64 now = Data::Database::toMicros(_pClock->now());
			if (_settings.keepDeliveredDays > 0 && now - _lastPurge >= PURGE_INTERVAL_MICROS)
			{
				_lastPurge = now;
				_session.run([&](Poco::Data::Session& s) {
					return _webhooks.purgeFinished(s, now - _settings.keepDeliveredDays * 86400LL * 1000000);
				});
			}
		}
		catch (Poco::Exception& exc)
		{
			_logger.error("Webhooks: cannot read the deliveries, will retry: " + exc.displayText());
		}
		catch (std::exception& exc)
		{
			_logger.error(std::string("Webhooks: unexpected error, will retry: ") + exc.what());
		}
		if (!_stopping)
			_work.tryWait(_settings.pollMillis);
	}
}


Poco::Int64 WebhookSender::retryDelay(int failedAttempts)
{
	if (failedAttempts < 1 || static_cast<std::size_t>(failedAttempts) > _settings.retryMicros.size())
		return -1;
	const Poco::Int64 base = _settings.retryMicros[static_cast<std::size_t>(failedAttempts - 1)];
	if (_settings.retryJitter <= 0)
		return base;
	std::uniform_real_distribution<double> spread(-_settings.retryJitter, _settings.retryJitter);
	return std::max<Poco::Int64>(1000, static_cast<Poco::Int64>(base * (1.0 + spread(_random))));
}


std::size_t WebhookSender::deliverDue()
{
	std::size_t delivered = 0;
	while (!_stopping)
	{
		const Poco::Int64 now = Data::Database::toMicros(_pClock->now());
		const auto due = _session.run([&](Poco::Data::Session& s) { return _webhooks.due(s, now, BATCH_SIZE); });
		std::size_t claimed = 0;
		for (const auto& d : due)
		{
			if (_stopping)
				break;
			const Poco::Int64 leaseUntil = Data::Database::toMicros(_pClock->now()) + _settings.leaseMicros;
			if (leaseUntil == d.nextAttemptAt || !_session.claim([&](Poco::Data::Session& s) {
				    return _webhooks.claim(s, d.id, d.nextAttemptAt, leaseUntil);
			    }))
				continue; // another sender has it
			++claimed;
			Data::WebhookRepository::Due mine = d;
			mine.nextAttemptAt = leaseUntil;
			++mine.attempts;
			if (deliver(mine))
				++delivered;
		}
		if (claimed == 0)
			break;
	}
	return delivered;
}


bool WebhookSender::deliver(const Data::WebhookRepository::Due& due)
{
	Data::WebhookRepository::Endpoint endpoint;
	const bool found =
	    _session.run([&](Poco::Data::Session& s) { return _webhooks.findById(s, due.endpointId, endpoint); });
	if (!found)
		return false; // deleted meanwhile: its deliveries went with it
	if (!endpoint.endpoint.enabled)
	{
		_session.run([&](Poco::Data::Session& s) {
			return _webhooks.release(s, due.id, due.nextAttemptAt, Data::Database::toMicros(_pClock->now()));
		});
		return false;
	}
	const Data::WebhookRepository::Outcome outcome = post(endpoint, due);
	const Poco::Int64 now = Data::Database::toMicros(_pClock->now());
	if (outcome.errorClass.empty())
	{
		_deliveries.count(Metrics::DeliveryCounts::SENT);
		const bool wasFailing = endpoint.endpoint.consecutiveFailures != 0 || !endpoint.endpoint.failingSince.isNull();
		_session.run([&](Poco::Data::Session& s) {
			_webhooks.markDelivered(s, due.id, now, outcome);
			// One statement fewer per delivery while the endpoint is healthy (the common case).
			if (wasFailing)
				_webhooks.recordSuccess(s, due.endpointId);
			return true;
		});
		return true;
	}
	const Poco::Int64 wait = retryDelay(due.attempts);
	_deliveries.count(wait < 0 ? Metrics::DeliveryCounts::FAILED : Metrics::DeliveryCounts::RETRIED);
	_session.run([&](Poco::Data::Session& s) {
		if (wait < 0)
			_webhooks.giveUp(s, due.id, due.nextAttemptAt, now, outcome);
		else
			_webhooks.markFailed(s, due.id, due.nextAttemptAt, now + wait, outcome);
		int failures = 0;
		Poco::Int64 failingSince = now;
		_webhooks.recordFailure(s, due.endpointId, now, failures, failingSince);
		std::string reason;
		if (_settings.disableAfterFailures > 0 && failures >= _settings.disableAfterFailures)
			reason = std::to_string(failures) + " deliveries failed in a row (last: " + outcome.errorClass + ")";
		else if (_settings.disableAfterMicros > 0 && now - failingSince >= _settings.disableAfterMicros)
			reason = "every delivery failed since " + EventJson::time(Data::Database::fromMicros(failingSince)) +
			         " (last: " + outcome.errorClass + ")";
		if (!reason.empty() && _webhooks.disable(s, due.endpointId, reason, now))
			_logger.warning("Webhooks: endpoint " + std::to_string(due.endpointId) + " disabled: " + reason);
		return true;
	});
	return false;
}


Poco::Net::Context::Ptr WebhookSender::context()
{
	std::lock_guard<std::mutex> lock(_contextMutex);
	if (!_pContext)
	{
		Poco::Net::initializeSSL();
		Poco::Net::Context::Params params;
		params.loadDefaultCAs = true;
		params.verificationMode = Poco::Net::Context::VERIFY_RELAXED;
		Poco::Net::Context::Ptr pContext = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, params);
		pContext->disableProtocols(Poco::Net::Context::PROTO_SSLV2 | Poco::Net::Context::PROTO_SSLV3 |
		                           Poco::Net::Context::PROTO_TLSV1 | Poco::Net::Context::PROTO_TLSV1_1);
		_pContext = pContext;
	}
	return _pContext;
}


Data::WebhookRepository::Outcome WebhookSender::post(const Data::WebhookRepository::Endpoint& endpoint,
                                                     const Data::WebhookRepository::Due& due)
{
	Data::WebhookRepository::Outcome outcome;
	Poco::Stopwatch watch;
	watch.start();
	try
	{
		const Poco::URI url = _policy.checkUrl(endpoint.endpoint.url);
		const Poco::Net::SocketAddress address = _policy.resolve(url);
		std::unique_ptr<Poco::Net::HTTPClientSession> pSession;
		if (url.getScheme() == "https")
			pSession.reset(new Pinned<Poco::Net::HTTPSClientSession>(address, url.getHost(), url.getPort(), context()));
		else
			pSession.reset(new Pinned<Poco::Net::HTTPClientSession>(address, url.getHost(), url.getPort()));
		const Poco::Timespan timeout(_settings.timeoutSeconds, 0);
		pSession->setTimeout(timeout, timeout, timeout);
		pSession->setKeepAlive(false);

		const std::string id = EventJson::messageId(due.eventId);
		const Poco::Int64 timestamp = Data::Database::toMicros(_pClock->now()) / 1000000;
		const std::vector<std::string> secrets = _secrets.signing(endpoint, Data::Database::toMicros(_pClock->now()));

		Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST,
		                               url.getPathAndQuery().empty() ? "/" : url.getPathAndQuery(),
		                               Poco::Net::HTTPMessage::HTTP_1_1);
		request.setContentType("application/json");
		request.setContentLength(static_cast<std::streamsize>(due.payload.size()));
		request.set("User-Agent", "Orgs-Webhooks/1");
		request.set("webhook-id", id);
		request.set("webhook-timestamp", std::to_string(timestamp));
		request.set("webhook-signature", Signer::header(secrets, id, timestamp, due.payload));
		pSession->sendRequest(request) << due.payload;
		Poco::Net::HTTPResponse response;
		std::istream& in = pSession->receiveResponse(response);
		char buffer[4096];
		std::size_t read = 0;
		while (in && read < MAX_ANSWER_BYTES)
		{
			in.read(buffer, sizeof(buffer));
			read += static_cast<std::size_t>(in.gcount());
		}
		outcome.status = static_cast<Poco::Int64>(response.getStatus());
		if (response.getStatus() < 200 || response.getStatus() > 299)
		{
			outcome.errorClass = response.getStatus() >= 300 && response.getStatus() < 400 ? "redirect" : "http_status";
			outcome.error = "answered " + std::to_string(response.getStatus()) + " " + response.getReason();
		}
	}
	catch (InvalidInputException& exc)
	{
		outcome.errorClass = exc.reason() == "refused_address" ? "refused_address" : "invalid_url";
		outcome.error = exc.message();
	}
	catch (TargetPolicy::RefusedAddress& exc)
	{
		outcome.errorClass = "refused_address";
		outcome.error = exc.message();
	}
	catch (Poco::TimeoutException& exc)
	{
		outcome.errorClass = "timeout";
		outcome.error = exc.displayText();
	}
	catch (Poco::Net::HostNotFoundException& exc)
	{
		outcome.errorClass = "dns";
		outcome.error = exc.displayText();
	}
	catch (Poco::Net::NoAddressFoundException& exc)
	{
		outcome.errorClass = "dns";
		outcome.error = exc.displayText();
	}
	catch (Poco::Net::SSLException& exc)
	{
		outcome.errorClass = "tls";
		outcome.error = exc.displayText();
	}
	catch (Service::SealedSecretException& exc)
	{
		// Nothing was sent: the host's key is missing or not the one that sealed the secret.
		outcome.errorClass = "secret";
		outcome.error = exc.message() + " (orgs.secrets.keyFile)";
	}
	catch (Poco::Exception& exc)
	{
		outcome.errorClass = "connection";
		outcome.error = exc.displayText();
	}
	catch (std::exception& exc)
	{
		outcome.errorClass = "connection";
		outcome.error = exc.what();
	}
	outcome.durationMs = watch.elapsed() / 1000;
	return outcome;
}


} // namespace Events
} // namespace Orgs
