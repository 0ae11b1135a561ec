//
// ConnectionGate.h
//
// Library: Orgs
// Package: HostServer
// Module:  ConnectionGate
//
// The host's HTTP server: request threads serve only requests that have arrived whole.
//


#ifndef Orgs_ConnectionGate_INCLUDED
#define Orgs_ConnectionGate_INCLUDED


#include "GateSocketImpl.h"
#include "RequestFrame.h"
#include "Poco/AutoPtr.h"
#include "Poco/Logger.h"
#include "Poco/Net/HTTPRequestHandlerFactory.h"
#include "Poco/Net/HTTPResponse.h"
#include "Poco/Net/HTTPServerParams.h"
#include "Poco/Net/ServerSocket.h"
#include "Poco/RunnableAdapter.h"
#include "Poco/ThreadPool.h"
#include "Poco/Types.h"
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>


namespace OrgsHost {


class ConnectionGate
	/// Serves HTTP/1.1 on a listening socket with Poco's request and response classes and a
	/// request handler factory, like Poco::Net::HTTPServer, but without giving a slow or idle
	/// client a thread.
	///
	/// Poco's TCPServer holds a thread per connection from accept to close, so a few clients
	/// that send half a request head, or just keep their connection open, hold every thread.
	/// Here the request threads wait together on one Linux epoll set (edge-triggered; each
	/// connection's lock and state keep a connection with one thread at a time). A thread woken
	/// for a connection reads what has arrived without waiting (GateSocketImpl::fill()) and checks
	/// it (RequestFrame); only when a whole request is there (the head, and a body of up to
	/// maxBufferedBodyBytes) does it serve the request, itself, through Poco's
	/// HTTPServerSession, HTTPServerRequestImpl and HTTPServerResponseImpl, as
	/// HTTPServerConnection::run() does for each request. Otherwise the connection goes back
	/// to the set. Between requests a connection costs a file descriptor and a slot, no thread.
	///
	/// Pipelined requests: Poco never reads past the current request (GateSocketImpl), so the
	/// bytes of the next one stay in the connection's buffer; if they make a whole request the
	/// thread serves it at once, else the connection waits in the set like any other.
	///
	/// Limits (Settings): a request head must arrive within headTimeoutSeconds of the
	/// connection or of its first byte (then 408 and close); an idle keep-alive connection is
	/// closed after keepAliveTimeoutSeconds; at most maxConnections connections are open, at
	/// most maxConnectionsPerAddress from one peer address (then 503 and close); a request
	/// the server cannot read is answered 400, 414, 431, 501 or 505 and the connection closed.
	/// Every such answer is a problem document (ProblemResponse). A connection the server
	/// closes after answering is shut down for sending and drained for up to 2 s before it is
	/// closed, so that the client reads the answer instead of a reset.
	///
	/// A body larger than maxBufferedBodyBytes is read by the request thread, for at most
	/// timeoutSeconds; responses are written with the socket send timeout timeoutSeconds.
	///
	/// Threads: minThreads are started at once; a thread that takes a connection when no other
	/// one waits starts another, up to maxThreads; a thread that waited 60 s for nothing ends
	/// if more than minThreads run. stop() joins them all.
{
public:
	struct Settings
	{
		int minThreads = 2;
		int maxThreads = 16;
		bool keepAlive = true;
		int timeoutSeconds = 30;
		int headTimeoutSeconds = 10;
		int keepAliveTimeoutSeconds = 10;
		int maxConnections = 4096;
		int maxConnectionsPerAddress = 512;
		RequestFrame::Limits limits;
	};

	ConnectionGate(const Poco::Net::ServerSocket& socket, Poco::Net::HTTPRequestHandlerFactory::Ptr pFactory,
	               Poco::ThreadPool& threadPool, const Settings& settings, Poco::Logger& logger);
		/// Creates the gate for a bound, listening socket. The thread pool must be able to
		/// run maxThreads threads. Throws Poco::SystemException if epoll cannot be set up.

	~ConnectionGate();
		/// Stops the gate if it still runs.

	void start();
		/// Starts the request threads.

	void stop();
		/// Stops accepting, closes every connection that waits, lets each thread finish the
		/// request it serves (the rest of its request body reads as its end) and waits for
		/// every thread. Idempotent.

	std::size_t slotCount() const;
		/// Returns the number of file descriptors the gate may hold for connections:
		/// maxConnections plus those closing after an answer.

	static const int LINGER_MILLISECONDS = 2000;
		/// How long a connection the server closes after answering is drained.

	static const int MAX_LINGERING = 256;
		/// Connections that may linger at once; beyond, they are closed at once.

private:
	enum class State
	{
		FREE,     /// the slot holds no connection
		WAITING,  /// in the epoll set, for a request or the rest of one
		SERVING,  /// a thread serves a request
		LINGERING /// answered and shut down for sending: drained until closed
	};

	enum class Outcome
	{
		KEEP,    /// the connection may carry another request
		CLOSE,   /// close the connection
		DETACHED /// a handler took the socket over
	};

	struct Connection
	{
		std::mutex mutex;
		std::size_t index = 0;
		Poco::UInt32 generation = 0; // tells a stale epoll event from a live one
		State state = State::FREE;
		Poco::AutoPtr<GateSocketImpl> pSocket;
		RequestFrame frame;
		std::string peer;          // the peer address's bytes
		Poco::Int64 deadline = 0;  // Poco::Clock microseconds
		bool awaitingHead = false; // deadline is the head timeout (else the keep-alive timeout)
	};

	void work();
	bool retire();
	void spawnWorker();
	void finishWorker();
	void dispatch(Poco::UInt64 tag);
	void acceptConnections();
	void admit(int fd, const std::string& peer);
	void refuse(int fd, const std::string& peer, const std::string& detail);
	void onReadable(std::size_t index, Poco::UInt32 generation);
	void serve(Connection& connection);
	void awaitMore(Connection& connection);
	Outcome serveRequest(Connection& connection);
	void reject(Connection& connection, Poco::Net::HTTPResponse::HTTPStatus status, const std::string& code,
	            const std::string& detail);
	void linger(Connection& connection);
	void drain(Connection& connection);
	void release(Connection& connection, bool closeSocket = true);
	void watch(Connection& connection);
	void sweep();
	void logActivity(Poco::Int64 now);
	std::size_t readLimit() const;
	static Poco::Int64 now();

	Poco::Net::ServerSocket _listener;
	Poco::Net::HTTPRequestHandlerFactory::Ptr _pFactory;
	Poco::Net::HTTPServerParams::Ptr _pParams;
	Poco::ThreadPool& _threadPool;
	Settings _settings;
	Poco::Logger& _logger;
	Poco::RunnableAdapter<ConnectionGate> _worker;

	int _epoll;
	int _stopEvent;
	int _timer;
	int _spareFd; // given up to accept and refuse a connection when no descriptor is left

	std::vector<std::unique_ptr<Connection>> _slots;
	std::atomic<std::size_t> _highWater; // slots below it have been used
	std::mutex _slotsMutex;              // guards the counts, _free and _peers
	std::vector<std::size_t> _free;
	std::unordered_map<std::string, int> _peers;
	int _open;
	int _lingering;

	std::mutex _threadsMutex;
	std::condition_variable _threadsDone;
	int _threads;
	std::atomic<int> _idle;
	std::atomic<bool> _stopping;

	// Counted between two activity log lines.
	std::atomic<int> _refusedTotal;
	std::atomic<int> _refusedPerAddress;
	std::atomic<int> _rejected;
	std::atomic<int> _headTimeouts;
	Poco::Int64 _lastActivityLog;
	std::string _lastRefusedPeer;
};


//
// inlines
//
inline std::size_t ConnectionGate::slotCount() const
{
	return _slots.size();
}


} // namespace OrgsHost


#endif // Orgs_ConnectionGate_INCLUDED
