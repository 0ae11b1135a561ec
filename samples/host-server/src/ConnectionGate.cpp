//
// ConnectionGate.cpp
//
// Library: Orgs
// Package: HostServer
// Module:  ConnectionGate
//


#include "ConnectionGate.h"
#include "ProblemResponse.h"
#include "Poco/Clock.h"
#include "Poco/Exception.h"
#include "Poco/Net/HTTPRequestHandler.h"
#include "Poco/Net/HTTPServerRequestImpl.h"
#include "Poco/Net/HTTPServerResponseImpl.h"
#include "Poco/Net/HTTPServerSession.h"
#include "Poco/Net/IPAddress.h"
#include "Poco/Net/NetException.h"
#include "Poco/Net/StreamSocket.h"
#include "Poco/Timestamp.h"
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <exception>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <unistd.h>


namespace OrgsHost {


namespace {


// epoll tags: a connection is (slot index << 32 | generation); these index values are never slots.
const Poco::UInt64 LISTENER_TAG = 0xffffffff00000000ULL;
const Poco::UInt64 TIMER_TAG = 0xfffffffe00000000ULL;
const Poco::UInt64 STOP_TAG = 0xfffffffd00000000ULL;

// Edge-triggered, registered once: a thread that serves a connection reads what arrived
// meanwhile itself before it gives the connection back (under the connection's lock), so
// no event is lost and no re-arming system call is needed per request. (One shared epoll
// set takes a kernel mutex for each epoll_ctl as for each epoll_wait; halving those calls
// matters with 16 threads on 2 cores.)
const int CONNECTION_EVENTS = EPOLLIN | EPOLLRDHUP | EPOLLET;
const int IDLE_THREAD_MILLISECONDS = 60000;
const long SWEEP_MILLISECONDS = 250;
const Poco::Int64 ACTIVITY_LOG_MICROSECONDS = 10 * Poco::Int64(1000000);
const int ACCEPTS_PER_TURN = 64;
const std::size_t MAX_DRAINED = 256 * 1024;
const char CONTINUE[] = "HTTP/1.1 100 Continue\r\n\r\n";


class RequestSession : public Poco::Net::HTTPServerSession
	/// One request's session on a connection the gate keeps: it gives back what it read
	/// but did not use, and leaves the socket open.
{
public:
	RequestSession(const Poco::Net::StreamSocket& socket, Poco::Net::HTTPServerParams::Ptr pParams)
	    : Poco::Net::HTTPServerSession(socket, pParams)
	{
	}

	~RequestSession() override
	{
		// HTTPSession's destructor closes its socket: the connection outlives the request.
		detachSocket();
	}

	int bufferedBytes() const { return buffered(); }

	std::string takeBuffered()
	{
		std::string bytes;
		char chunk[4096];
		while (buffered() > 0)
		{
			const int n = read(chunk, std::min<int>(buffered(), static_cast<int>(sizeof(chunk))));
			if (n <= 0)
				break;
			bytes.append(chunk, static_cast<std::size_t>(n));
		}
		return bytes;
	}
};


std::string peerKey(const struct sockaddr_storage& address)
{
	if (address.ss_family == AF_INET)
	{
		const auto& in = reinterpret_cast<const struct sockaddr_in&>(address);
		return std::string(reinterpret_cast<const char*>(&in.sin_addr), sizeof(in.sin_addr));
	}
	if (address.ss_family == AF_INET6)
	{
		const auto& in6 = reinterpret_cast<const struct sockaddr_in6&>(address);
		const char* bytes = reinterpret_cast<const char*>(&in6.sin6_addr);
		if (IN6_IS_ADDR_V4MAPPED(&in6.sin6_addr))
			return std::string(bytes + 12, 4);
		return std::string(bytes, sizeof(in6.sin6_addr));
	}
	return std::string();
}


std::string peerText(const std::string& key)
{
	if (key.size() != 4 && key.size() != 16)
		return "a local peer";
	return Poco::Net::IPAddress(key.data(), static_cast<poco_socklen_t>(key.size())).toString();
}


void sendNow(int fd, const std::string& bytes)
{
	// Small answers fit in the socket's send buffer: never wait for a client to read.
	ssize_t n;
	do
		n = ::send(fd, bytes.data(), bytes.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
	while (n < 0 && errno == EINTR);
}


} // namespace


ConnectionGate::ConnectionGate(const Poco::Net::ServerSocket& socket,
                               Poco::Net::HTTPRequestHandlerFactory::Ptr pFactory, Poco::ThreadPool& threadPool,
                               const Settings& settings, Poco::Logger& logger)
    : _listener(socket), _pFactory(pFactory), _pParams(new Poco::Net::HTTPServerParams), _threadPool(threadPool),
      _settings(settings), _logger(logger), _worker(*this, &ConnectionGate::work), _epoll(-1), _stopEvent(-1),
      _timer(-1), _spareFd(-1), _highWater(0), _open(0), _lingering(0), _threads(0), _idle(0), _stopping(false),
      _refusedTotal(0), _refusedPerAddress(0), _rejected(0), _headTimeouts(0), _lastActivityLog(now())
{
	_pParams->setKeepAlive(_settings.keepAlive);
	_pParams->setTimeout(Poco::Timespan(_settings.timeoutSeconds, 0));

	const std::size_t slots = static_cast<std::size_t>(_settings.maxConnections) + MAX_LINGERING;
	_slots.reserve(slots);
	_free.reserve(slots);
	for (std::size_t i = 0; i < slots; ++i)
	{
		_slots.emplace_back(new Connection);
		_slots.back()->index = i;
	}
	// Lowest slots first: the sweep only visits slots below the high-water mark.
	for (std::size_t i = slots; i > 0; --i)
		_free.push_back(i - 1);

	_epoll = ::epoll_create1(EPOLL_CLOEXEC);
	_stopEvent = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	_timer = ::timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
	_spareFd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (_epoll < 0 || _stopEvent < 0 || _timer < 0)
	{
		const int error = errno;
		for (int fd : {_epoll, _stopEvent, _timer, _spareFd})
		{
			if (fd >= 0)
				::close(fd);
		}
		throw Poco::SystemException("Cannot set up the connection gate (epoll)", std::strerror(error));
	}

	struct itimerspec period = {};
	period.it_interval.tv_nsec = SWEEP_MILLISECONDS * 1000000;
	period.it_value.tv_nsec = SWEEP_MILLISECONDS * 1000000;
	::timerfd_settime(_timer, 0, &period, nullptr);

	_listener.setBlocking(false);
	struct epoll_event event = {};
	event.events = EPOLLIN | EPOLLONESHOT;
	event.data.u64 = LISTENER_TAG;
	::epoll_ctl(_epoll, EPOLL_CTL_ADD, _listener.impl()->sockfd(), &event);
	event.data.u64 = TIMER_TAG;
	::epoll_ctl(_epoll, EPOLL_CTL_ADD, _timer, &event);
	event.events = EPOLLIN; // level-triggered and never read: wakes every thread
	event.data.u64 = STOP_TAG;
	::epoll_ctl(_epoll, EPOLL_CTL_ADD, _stopEvent, &event);
}


ConnectionGate::~ConnectionGate()
{
	try
	{
		stop();
	}
	catch (...)
	{
		poco_unexpected();
	}
	for (int fd : {_epoll, _stopEvent, _timer, _spareFd})
	{
		if (fd >= 0)
			::close(fd);
	}
}


void ConnectionGate::start()
{
	for (int i = 0; i < _settings.minThreads; ++i)
		spawnWorker();
}


void ConnectionGate::stop()
{
	if (_stopping.exchange(true))
		return;
	const Poco::UInt64 one = 1;
	if (::write(_stopEvent, &one, sizeof(one)) < 0)
		_logger.error("Cannot wake the request threads: %s", std::string(std::strerror(errno)));

	// Connections that wait are closed; a thread that serves one finishes the request, and the
	// rest of a request body it still reads ends at once. Threads check _stopping under each
	// connection's lock, so none parks a connection after this pass.
	const std::size_t highWater = _highWater.load();
	for (std::size_t i = 0; i < highWater; ++i)
	{
		Connection& connection = *_slots[i];
		std::lock_guard<std::mutex> lock(connection.mutex);
		if (connection.state == State::WAITING || connection.state == State::LINGERING)
			release(connection);
		else if (connection.state == State::SERVING)
			::shutdown(connection.pSocket->sockfd(), SHUT_RD);
	}

	std::unique_lock<std::mutex> lock(_threadsMutex);
	_threadsDone.wait(lock, [this] { return _threads == 0; });
	lock.unlock();

	// No thread runs any more: close what was accepted or refused during the first pass.
	for (std::size_t i = 0; i < _highWater.load(); ++i)
	{
		Connection& connection = *_slots[i];
		std::lock_guard<std::mutex> connectionLock(connection.mutex);
		if (connection.state != State::FREE)
			release(connection);
	}

	try
	{
		_listener.close();
	}
	catch (Poco::Exception&)
	{
	}
}


void ConnectionGate::work()
{
	struct epoll_event event;
	for (;;)
	{
		_idle.fetch_add(1);
		int n;
		do
			n = ::epoll_wait(_epoll, &event, 1, IDLE_THREAD_MILLISECONDS);
		while (n < 0 && errno == EINTR && !_stopping.load());
		const int idle = _idle.fetch_sub(1);
		if (_stopping.load())
			break;
		if (n == 0)
		{
			if (retire())
				return;
			continue;
		}
		if (n < 0)
		{
			_logger.critical("epoll_wait failed: %s", std::string(std::strerror(errno)));
			break;
		}
		// Someone must keep waiting for the next connection while this thread serves one.
		if (idle == 1)
			spawnWorker();
		try
		{
			dispatch(event.data.u64);
		}
		catch (std::exception& exc)
		{
			_logger.error("Request thread: %s", std::string(exc.what()));
		}
	}
	finishWorker();
}


bool ConnectionGate::retire()
{
	std::lock_guard<std::mutex> lock(_threadsMutex);
	if (_threads <= _settings.minThreads)
		return false;
	--_threads;
	_threadsDone.notify_all();
	return true;
}


void ConnectionGate::spawnWorker()
{
	std::lock_guard<std::mutex> lock(_threadsMutex);
	if (_stopping.load() || _threads >= _settings.maxThreads)
		return;
	try
	{
		_threadPool.start(_worker, "orgs-http");
		++_threads;
	}
	catch (Poco::Exception& exc)
	{
		// A thread that just retired may still hold its pool slot; the next connection retries.
		_logger.debug("No request thread started: %s", exc.displayText());
	}
}


void ConnectionGate::finishWorker()
{
	std::lock_guard<std::mutex> lock(_threadsMutex);
	--_threads;
	_threadsDone.notify_all();
}


void ConnectionGate::dispatch(Poco::UInt64 tag)
{
	if (tag == STOP_TAG)
		return;
	struct epoll_event event = {};
	event.events = EPOLLIN | EPOLLONESHOT;
	if (tag == LISTENER_TAG)
	{
		acceptConnections();
		event.data.u64 = LISTENER_TAG;
		::epoll_ctl(_epoll, EPOLL_CTL_MOD, _listener.impl()->sockfd(), &event);
	}
	else if (tag == TIMER_TAG)
	{
		Poco::UInt64 expirations;
		if (::read(_timer, &expirations, sizeof(expirations)) < 0 && errno != EAGAIN)
			_logger.error("Cannot read the sweep timer: %s", std::string(std::strerror(errno)));
		sweep();
		event.data.u64 = TIMER_TAG;
		::epoll_ctl(_epoll, EPOLL_CTL_MOD, _timer, &event);
	}
	else
	{
		onReadable(static_cast<std::size_t>(tag >> 32), static_cast<Poco::UInt32>(tag & 0xffffffffU));
	}
}


void ConnectionGate::acceptConnections()
{
	const int listener = _listener.impl()->sockfd();
	for (int i = 0; i < ACCEPTS_PER_TURN && !_stopping.load(); ++i)
	{
		struct sockaddr_storage address;
		socklen_t length = sizeof(address);
		const int fd = ::accept4(listener, reinterpret_cast<struct sockaddr*>(&address), &length, SOCK_CLOEXEC);
		if (fd >= 0)
		{
			admit(fd, peerKey(address));
			continue;
		}
		if (errno == EINTR || errno == ECONNABORTED)
			continue;
		if (errno == EMFILE || errno == ENFILE)
		{
			// No descriptor left: give up the spare one to take the connection and refuse it,
			// instead of leaving it in the queue (the listener would stay readable).
			if (_spareFd >= 0)
			{
				::close(_spareFd);
				const int refused = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
				if (refused >= 0)
				{
					sendNow(refused, ProblemResponse::message(Poco::Net::HTTPResponse::HTTP_SERVICE_UNAVAILABLE,
					                                          "too_many_connections",
					                                          "The server has too many open connections"));
					::close(refused);
				}
				_spareFd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
			}
			_refusedTotal.fetch_add(1);
		}
		else if (errno != EAGAIN && errno != EWOULDBLOCK)
		{
			_logger.error("accept failed: %s", std::string(std::strerror(errno)));
		}
		break;
	}
}


void ConnectionGate::admit(int fd, const std::string& peer)
{
	std::string refusal;
	std::size_t index = 0;
	bool slot = false;
	{
		std::lock_guard<std::mutex> lock(_slotsMutex);
		auto it = _peers.find(peer);
		if (_open >= _settings.maxConnections)
		{
			_refusedTotal.fetch_add(1);
			refusal = "The server has too many open connections";
		}
		else if (it != _peers.end() && it->second >= _settings.maxConnectionsPerAddress)
		{
			_refusedPerAddress.fetch_add(1);
			_lastRefusedPeer = peer;
			refusal = "Too many open connections from your address";
		}
		if (refusal.empty())
		{
			++_open;
			++_peers[peer];
			slot = true;
		}
		else if (_lingering < MAX_LINGERING)
		{
			++_lingering;
			slot = true;
		}
		if (slot)
		{
			index = _free.back();
			_free.pop_back();
			if (index >= _highWater.load())
				_highWater.store(index + 1);
		}
	}
	if (!slot)
	{
		sendNow(fd, ProblemResponse::message(Poco::Net::HTTPResponse::HTTP_SERVICE_UNAVAILABLE, "too_many_connections",
		                                     refusal));
		::close(fd);
		return;
	}

	Connection& connection = *_slots[index];
	std::lock_guard<std::mutex> lock(connection.mutex);
	connection.pSocket = new GateSocketImpl(fd);
	connection.frame.reset();
	if (!refusal.empty())
	{
		// Answer, then drain what the client sends until it reads the answer and closes.
		connection.state = State::LINGERING;
		sendNow(fd, ProblemResponse::message(Poco::Net::HTTPResponse::HTTP_SERVICE_UNAVAILABLE, "too_many_connections",
		                                     refusal));
		::shutdown(fd, SHUT_WR);
		connection.deadline = now() + LINGER_MILLISECONDS * Poco::Int64(1000);
		watch(connection);
		return;
	}
	try
	{
		connection.pSocket->setNoDelay(true);
		connection.pSocket->setSendTimeout(Poco::Timespan(_settings.timeoutSeconds, 0));
		connection.pSocket->setReceiveTimeout(Poco::Timespan(_settings.timeoutSeconds, 0));
	}
	catch (Poco::Exception& exc)
	{
		_logger.debug("Cannot set up an accepted socket: %s", exc.displayText());
	}
	connection.peer = peer;
	connection.state = State::WAITING;
	connection.awaitingHead = true;
	connection.deadline = now() + _settings.headTimeoutSeconds * Poco::Int64(1000000);
	if (_stopping.load())
		release(connection);
	else
		watch(connection);
}


void ConnectionGate::onReadable(std::size_t index, Poco::UInt32 generation)
{
	if (index >= _slots.size())
		return;
	Connection& connection = *_slots[index];
	std::unique_lock<std::mutex> lock(connection.mutex);
	if (connection.generation != generation)
		return; // the connection this event was for is gone
	if (connection.state == State::LINGERING)
	{
		drain(connection);
		return;
	}
	if (connection.state != State::WAITING)
		return;

	GateSocketImpl& socket = *connection.pSocket;
	bool closed = false;
	socket.fill(readLimit(), closed);
	const RequestFrame::Status status = connection.frame.scan(socket.data(), socket.size(), _settings.limits);
	if (status == RequestFrame::READY)
	{
		connection.state = State::SERVING;
		lock.unlock();
		serve(connection);
		return;
	}
	if (status == RequestFrame::REJECTED)
	{
		_rejected.fetch_add(1);
		reject(connection, connection.frame.rejectStatus(), connection.frame.rejectCode(),
		       connection.frame.rejectDetail());
		return;
	}
	if (closed)
	{
		release(connection);
		return;
	}
	awaitMore(connection);
}


void ConnectionGate::serve(Connection& connection)
{
	for (;;)
	{
		Outcome outcome = Outcome::CLOSE;
		try
		{
			outcome = serveRequest(connection);
		}
		catch (std::exception& exc)
		{
			_logger.error("Request thread: %s", std::string(exc.what()));
		}
		std::unique_lock<std::mutex> lock(connection.mutex);
		if (outcome == Outcome::CLOSE && !_stopping.load())
		{
			// The client may still be sending (a body nobody read, a pipelined request):
			// closing now could reset the connection before it reads the answer.
			linger(connection);
			return;
		}
		if (outcome != Outcome::KEEP || _stopping.load())
		{
			release(connection, outcome != Outcome::DETACHED);
			return;
		}
		// What arrived while the request was served raised no event this thread will see:
		// read it now. Pipelined requests are served here in turn.
		connection.frame.reset();
		GateSocketImpl& socket = *connection.pSocket;
		bool closed = false;
		socket.fill(readLimit(), closed);
		const RequestFrame::Status status = connection.frame.scan(socket.data(), socket.size(), _settings.limits);
		if (status == RequestFrame::READY)
			continue;
		if (status == RequestFrame::REJECTED)
		{
			_rejected.fetch_add(1);
			reject(connection, connection.frame.rejectStatus(), connection.frame.rejectCode(),
			       connection.frame.rejectDetail());
			return;
		}
		if (closed)
		{
			release(connection);
			return;
		}
		awaitMore(connection);
		return;
	}
}


void ConnectionGate::awaitMore(Connection& connection)
{
	if (connection.frame.expectsContinue())
	{
		sendNow(connection.pSocket->sockfd(), CONTINUE);
		connection.frame.continueSent();
	}
	// An idle connection waits up to the keep-alive timeout; from the first byte of a request
	// on, the head must arrive within the head timeout.
	const bool started = connection.frame.started();
	if (connection.state != State::WAITING || (started && !connection.awaitingHead))
	{
		connection.awaitingHead = started;
		connection.deadline =
		    now() + (started ? _settings.headTimeoutSeconds : _settings.keepAliveTimeoutSeconds) * Poco::Int64(1000000);
	}
	connection.state = State::WAITING;
}


ConnectionGate::Outcome ConnectionGate::serveRequest(Connection& connection)
{
	GateSocketImpl& socket = *connection.pSocket;
	const std::size_t headLength = connection.frame.headLength();
	socket.beginRequest(headLength, Poco::Timestamp() + Poco::Timespan(_settings.timeoutSeconds, 0));

	Outcome outcome = Outcome::CLOSE;
	RequestSession session(Poco::Net::StreamSocket(connection.pSocket.duplicate()), _pParams);
	{
		Poco::Net::HTTPServerResponseImpl response(session);
		std::unique_ptr<Poco::Net::HTTPServerRequestImpl> pRequest;
		try
		{
			pRequest.reset(new Poco::Net::HTTPServerRequestImpl(response, session, _pParams));
			if (socket.handedOut() - static_cast<std::size_t>(session.bufferedBytes()) != headLength)
				throw Poco::Net::MessageException("Poco read the request head differently from the gate");
		}
		catch (Poco::Exception& exc)
		{
			// The head passed RequestFrame's checks, so this is rare; Poco alone would answer
			// a bare 400 (a response without a request sends no body).
			_rejected.fetch_add(1);
			_logger.debug("Unreadable request head: %s", exc.displayText());
			sendNow(socket.sockfd(), ProblemResponse::message(Poco::Net::HTTPResponse::HTTP_BAD_REQUEST,
			                                                  "malformed_request", "The request head is malformed"));
			socket.endRequest();
			return Outcome::CLOSE;
		}

		Poco::Net::HTTPServerRequestImpl& request = *pRequest;
		const bool chunked = request.getChunkedTransferEncoding();
		if (request.has("Upgrade"))
			socket.detach(); // a handler that upgrades (a WebSocket) reads the socket past the request
		else
			socket.setBodyLength(chunked ? -1 : request.hasContentLength() ? request.getContentLength64() : 0);
		try
		{
			response.setDate(Poco::Timestamp());
			response.setVersion(request.getVersion());
			response.setKeepAlive(_settings.keepAlive && request.getKeepAlive() && !_stopping.load());
			const std::string& server = _pParams->getSoftwareVersion();
			if (!server.empty())
				response.set("Server", server);
			std::unique_ptr<Poco::Net::HTTPRequestHandler> pHandler(_pFactory->createRequestHandler(request));
			if (pHandler)
			{
				if (request.getExpectContinue() && !connection.frame.wasContinueSent() &&
				    response.getStatus() == Poco::Net::HTTPResponse::HTTP_OK)
				{
					response.sendContinue();
				}
				pHandler->handleRequest(request, response);
			}
			if (!response.sent())
			{
				response.setKeepAlive(false);
				ProblemResponse::send(response, Poco::Net::HTTPResponse::HTTP_INTERNAL_SERVER_ERROR, "internal_error",
				                      "The request was not answered");
			}
			if (_settings.keepAlive && response.getKeepAlive() && (!chunked || request.stream().eof()))
				outcome = Outcome::KEEP;
			if (session.socket().impl() != connection.pSocket.get())
				outcome = Outcome::DETACHED;
		}
		catch (Poco::TimeoutException& exc)
		{
			_logger.debug("Request from %s: %s", request.clientAddress().toString(), exc.displayText());
			try
			{
				if (!response.sent())
					ProblemResponse::send(response, Poco::Net::HTTPResponse::HTTP_REQUEST_TIMEOUT, "request_timeout",
					                      "The request did not arrive in time");
			}
			catch (Poco::Exception&)
			{
			}
		}
		catch (Poco::Net::NetException& exc)
		{
			// The client went away (reset, broken pipe): nobody to answer.
			_logger.debug("Request from %s: %s", request.clientAddress().toString(), exc.displayText());
		}
		catch (std::exception& exc)
		{
			const auto* pPoco = dynamic_cast<const Poco::Exception*>(&exc);
			_logger.error("Request %s %s failed: %s", request.getMethod(), request.getURI(),
			              std::string(pPoco ? pPoco->displayText() : exc.what()));
			try
			{
				if (!response.sent())
					ProblemResponse::send(response, Poco::Net::HTTPResponse::HTTP_INTERNAL_SERVER_ERROR,
					                      "internal_error", "The server failed to handle the request");
			}
			catch (Poco::Exception&)
			{
			}
		}
	}

	// Give back what Poco read but did not use; skip the rest of a body the handler did not
	// read if it is here already, else the connection cannot carry another request.
	const std::string unused = session.takeBuffered();
	socket.unread(unused.data(), unused.size());
	if (outcome == Outcome::KEEP && socket.remaining() > 0)
	{
		if (static_cast<Poco::UInt64>(socket.remaining()) <= socket.size())
			socket.discard(static_cast<std::size_t>(socket.remaining()));
		else
			outcome = Outcome::CLOSE;
	}
	if (outcome == Outcome::DETACHED)
		socket.detach();
	else
		socket.endRequest();
	return outcome;
}


void ConnectionGate::reject(Connection& connection, Poco::Net::HTTPResponse::HTTPStatus status, const std::string& code,
                            const std::string& detail)
{
	sendNow(connection.pSocket->sockfd(), ProblemResponse::message(status, code, detail));
	linger(connection);
}


void ConnectionGate::linger(Connection& connection)
{
	bool lingering = false;
	{
		std::lock_guard<std::mutex> lock(_slotsMutex);
		if (_lingering < MAX_LINGERING)
		{
			lingering = true;
			++_lingering;
			--_open;
			auto it = _peers.find(connection.peer);
			if (it != _peers.end() && --it->second <= 0)
				_peers.erase(it);
		}
	}
	if (!lingering)
	{
		release(connection); // too many closing already: close this one at once
		return;
	}
	connection.state = State::LINGERING;
	connection.peer.clear();
	::shutdown(connection.pSocket->sockfd(), SHUT_WR);
	connection.pSocket->discard(connection.pSocket->size());
	connection.pSocket->endRequest();
	connection.deadline = now() + LINGER_MILLISECONDS * Poco::Int64(1000);
	drain(connection);
}


void ConnectionGate::drain(Connection& connection)
{
	char chunk[16 * 1024];
	std::size_t drained = 0;
	for (;;)
	{
		const ssize_t n = ::recv(connection.pSocket->sockfd(), chunk, sizeof(chunk), MSG_DONTWAIT);
		if (n > 0)
		{
			drained += static_cast<std::size_t>(n);
			if (drained <= MAX_DRAINED)
				continue;
		}
		else if (n < 0 && errno == EINTR)
		{
			continue;
		}
		else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
		{
			return; // the next event comes with the client's next bytes or its close
		}
		release(connection); // the client closed, failed, or keeps sending
		return;
	}
}


void ConnectionGate::release(Connection& connection, bool closeSocket)
{
	if (connection.pSocket)
	{
		const int fd = connection.pSocket->sockfd();
		if (fd >= 0)
			::epoll_ctl(_epoll, EPOLL_CTL_DEL, fd, nullptr);
		if (closeSocket)
			connection.pSocket->close();
		connection.pSocket = nullptr;
	}
	const bool lingering = connection.state == State::LINGERING;
	connection.state = State::FREE;
	++connection.generation;
	connection.frame.reset();

	std::lock_guard<std::mutex> lock(_slotsMutex);
	if (lingering)
	{
		--_lingering;
	}
	else
	{
		--_open;
		auto it = _peers.find(connection.peer);
		if (it != _peers.end() && --it->second <= 0)
			_peers.erase(it);
	}
	connection.peer.clear();
	_free.push_back(connection.index);
}


void ConnectionGate::watch(Connection& connection)
{
	struct epoll_event event = {};
	event.events = CONNECTION_EVENTS;
	event.data.u64 = (static_cast<Poco::UInt64>(connection.index) << 32) | connection.generation;
	if (::epoll_ctl(_epoll, EPOLL_CTL_ADD, connection.pSocket->sockfd(), &event) < 0)
	{
		_logger.error("Cannot watch a connection: %s", std::string(std::strerror(errno)));
		release(connection);
	}
}


void ConnectionGate::sweep()
{
	const Poco::Int64 time = now();
	const std::size_t highWater = _highWater.load();
	for (std::size_t i = 0; i < highWater; ++i)
	{
		Connection& connection = *_slots[i];
		std::lock_guard<std::mutex> lock(connection.mutex);
		if (connection.deadline > time)
			continue;
		if (connection.state == State::WAITING)
		{
			if (connection.awaitingHead && connection.frame.started())
			{
				_headTimeouts.fetch_add(1);
				reject(connection, Poco::Net::HTTPResponse::HTTP_REQUEST_TIMEOUT, "request_timeout",
				       "The request did not arrive within " + std::to_string(_settings.headTimeoutSeconds) +
				           " s (http.headTimeoutSeconds)");
			}
			else
			{
				release(connection); // idle, or connected and silent
			}
		}
		else if (connection.state == State::LINGERING)
		{
			release(connection);
		}
	}
	logActivity(time);
}


void ConnectionGate::logActivity(Poco::Int64 time)
{
	if (time - _lastActivityLog < ACTIVITY_LOG_MICROSECONDS)
		return;
	_lastActivityLog = time;
	const int refusedTotal = _refusedTotal.exchange(0);
	const int refusedPerAddress = _refusedPerAddress.exchange(0);
	const int rejected = _rejected.exchange(0);
	const int headTimeouts = _headTimeouts.exchange(0);
	if (refusedTotal + refusedPerAddress > 0)
	{
		std::string peer;
		int open = 0;
		{
			std::lock_guard<std::mutex> lock(_slotsMutex);
			peer = _lastRefusedPeer;
			open = _open;
		}
		_logger.warning("Refused %d connection(s) over http.maxConnections (%d) and %d over "
		                "http.maxConnectionsPerAddress (%d, last from %s) in the last 10 s; %d open",
		                refusedTotal, _settings.maxConnections, refusedPerAddress, _settings.maxConnectionsPerAddress,
		                peer.empty() ? std::string("-") : peerText(peer), open);
	}
	if (rejected + headTimeouts > 0)
	{
		_logger.notice("Answered %d unreadable request(s) and closed %d connection(s) whose request did not "
		               "arrive within http.headTimeoutSeconds in the last 10 s",
		               rejected, headTimeouts);
	}
}


std::size_t ConnectionGate::readLimit() const
{
	return _settings.limits.maxHeadBytes + _settings.limits.maxBufferedBodyBytes + 1;
}


Poco::Int64 ConnectionGate::now()
{
	return Poco::Clock().raw();
}


} // namespace OrgsHost
