//
// HostServerTest.cpp
//
// Library: OrgsTests
// Package: EndToEnd
// Module:  HostServerTest
//


#include "HostServerTest.h"
#include "support/Suites.h"
#include "support/HttpAssert.h"
#include "support/ReplayWorld.h"
#include "Poco/Net/NetException.h"
#include "Poco/Net/SocketAddress.h"
#include "Poco/Net/StreamSocket.h"
#include "Poco/NumberParser.h"
#include "Poco/String.h"
#include "Poco/Thread.h"
#include "Poco/Timestamp.h"
#include <memory>
#include <string>
#include <vector>


using Orgs::Test::HttpClient;
using Orgs::Test::json;
using Orgs::Test::ReplayWorld;
using Response = Orgs::Test::HttpClient::Response;
using User = Orgs::Test::ReplayWorld::User;


ORGS_TEST_SUITE(HostServerTest, "HostServer", SQLITE);


namespace {


class RawConnection
	/// A client socket that sends bytes exactly as given and reads answers as they arrive.
{
public:
	explicit RawConnection(Poco::UInt16 port, const std::string& from = "127.0.0.1")
	{
		// Another loopback address is another peer for the per-address cap.
		_socket.impl()->bind(Poco::Net::SocketAddress(from, 0));
		_socket.connect(Poco::Net::SocketAddress("127.0.0.1", port), Poco::Timespan(5, 0));
		_socket.setNoDelay(true);
	}

	void send(const std::string& bytes) { _socket.sendBytes(bytes.data(), static_cast<int>(bytes.size())); }

	bool trySend(const std::string& bytes)
	{
		try
		{
			send(bytes);
			return true;
		}
		catch (Poco::Exception&)
		{
			return false;
		}
	}

	Response read(long timeoutMs = 5000)
		/// Reads one response with a Content-Length; fails the test if it does not arrive in time.
	{
		const Poco::Timestamp started;
		for (;;)
		{
			const std::string::size_type headEnd = _buffer.find("\r\n\r\n");
			if (headEnd != std::string::npos)
			{
				Response r = parseHead(_buffer.substr(0, headEnd));
				const std::size_t length = Poco::NumberParser::parseUnsigned(r.header("Content-Length", "0"));
				if (r.status == 100)
				{
					_buffer.erase(0, headEnd + 4);
					return r;
				}
				if (_buffer.size() >= headEnd + 4 + length)
				{
					r.body = _buffer.substr(headEnd + 4, length);
					_buffer.erase(0, headEnd + 4 + length);
					return r;
				}
			}
			const long left = timeoutMs - static_cast<long>(started.elapsed() / 1000);
			CPPUNIT_ASSERT_MESSAGE("no complete answer within " + std::to_string(timeoutMs) +
			                           " ms; received: " + _buffer.substr(0, 300),
			                       left > 0 && fill(left));
		}
	}

	bool closedWithin(long timeoutMs)
		/// Returns true if the server closes the connection (in order, not with a reset) within
		/// the time; what it sent before stays readable with read().
	{
		const Poco::Timestamp started;
		while (!_eof)
		{
			const long left = timeoutMs - static_cast<long>(started.elapsed() / 1000);
			if (left <= 0 || (!fill(left) && !_eof))
				return false;
		}
		return !_reset;
	}

	const std::string& received() const { return _buffer; }

private:
	bool fill(long timeoutMs)
	{
		if (_eof)
			return false;
		try
		{
			if (!_socket.poll(Poco::Timespan(timeoutMs * 1000), Poco::Net::Socket::SELECT_READ))
				return false;
			char chunk[16384];
			const int n = _socket.receiveBytes(chunk, sizeof(chunk));
			if (n <= 0)
			{
				_eof = true;
				return false;
			}
			_buffer.append(chunk, static_cast<std::size_t>(n));
			return true;
		}
		catch (Poco::Net::ConnectionResetException&)
		{
			_eof = true;
			_reset = true;
			return false;
		}
	}

	static Response parseHead(const std::string& head)
	{
		Response r;
		std::string::size_type lineEnd = head.find("\r\n");
		const std::string statusLine = head.substr(0, lineEnd);
		CPPUNIT_ASSERT_MESSAGE(statusLine, statusLine.compare(0, 9, "HTTP/1.1 ") == 0 && statusLine.size() >= 12);
		r.status = Poco::NumberParser::parse(statusLine.substr(9, 3));
		r.reason = statusLine.size() > 13 ? statusLine.substr(13) : std::string();
		while (lineEnd != std::string::npos)
		{
			const std::string::size_type start = lineEnd + 2;
			lineEnd = head.find("\r\n", start);
			const std::string line =
			    head.substr(start, lineEnd == std::string::npos ? std::string::npos : lineEnd - start);
			const std::string::size_type colon = line.find(':');
			if (colon != std::string::npos)
				r.headers.add(line.substr(0, colon), Poco::trim(line.substr(colon + 1)));
		}
		r.contentType = r.header("Content-Type");
		return r;
	}

	Poco::Net::StreamSocket _socket;
	std::string _buffer;
	bool _eof = false;
	bool _reset = false;
};


const std::string HEALTH("GET /api/v1/health HTTP/1.1\r\nHost: test\r\n\r\n");


std::string authorized(const std::string& requestLine, const User& user, const std::string& more = std::string())
{
	return requestLine + " HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer " + user.token + "\r\n" + more + "\r\n";
}


long elapsedMs(const Poco::Timestamp& since)
{
	return static_cast<long>(since.elapsed() / 1000);
}


} // namespace


void HostServerTest::testBodylessRequestsAnswerAtOnce()
{
	ReplayWorld world("default");
	const User ada = world.signUp("ada");
	const User bob = world.signUp("bob");
	world.organization(ada, "acme");
	ASSERT_STATUS(world.post("/orgs/acme/members", json({{"username", "bob"}}), ada), 201);

	// POST, PUT, PATCH, DELETE with neither Content-Length nor Transfer-Encoding have no body:
	// each answers at once, on one keep-alive connection, plugin route or not.
	struct Case
	{
		std::string request;
		int status;
		std::string code; // empty: not a problem
	};
	const std::vector<Case> cases = {
	    {authorized("POST /api/v1/orgs/acme/leave", ada), 409, "transfer_ownership_first"},
	    {authorized("POST /api/v1/orgs/acme/invite-link", ada), 201, ""},
	    {authorized("POST /api/v1/orgs/acme/leave", bob), 204, ""},
	    {"POST /api/v1/accounts HTTP/1.1\r\nHost: test\r\n\r\n", 400, "missing_body"},
	    {authorized("PATCH /api/v1/orgs/acme", ada), 400, "missing_body"},
	    {authorized("PUT /api/v1/orgs/acme/workspaces/1/members/bob", ada), 400, "missing_body"},
	    {authorized("DELETE /api/v1/me/tokens/999", ada), 404, "token_not_found"},
	    {"POST /elsewhere HTTP/1.1\r\nHost: test\r\n\r\n", 404, "not_found"},
	};
	RawConnection connection(world.host().port());
	for (const auto& c : cases)
	{
		const Poco::Timestamp sent;
		connection.send(c.request);
		const Response r = connection.read(5000);
		CPPUNIT_ASSERT_MESSAGE(c.request + " took " + std::to_string(elapsedMs(sent)) + " ms", elapsedMs(sent) < 1000);
		if (c.code.empty())
			ASSERT_STATUS(r, c.status);
		else
			ASSERT_PROBLEM(r, c.status, c.code);
	}
}


void HostServerTest::testServesWhileSlowAndIdleClientsHold()
{
	// Four request threads, three times as many idle and as many slow connections.
	ReplayWorld world("default", {{"http.minThreads", "1"}, {"http.maxThreads", "4"}});
	const User ada = world.signUp("ada");
	world.organization(ada, "acme");
	const Poco::UInt16 port = world.host().port();
	const int n = 12;

	std::vector<std::unique_ptr<RawConnection>> idle;
	std::vector<std::unique_ptr<RawConnection>> slow;
	for (int i = 0; i < n; ++i)
	{
		idle.emplace_back(new RawConnection(port));
		idle.back()->send(HEALTH);
		ASSERT_STATUS(idle.back()->read(3000), 200);
	}
	for (int i = 0; i < n; ++i)
	{
		slow.emplace_back(new RawConnection(port));
		slow.back()->send("GET /api/v1/health HTTP/1.1\r\nHost: test\r\nX-Slow: 1\r\n");
	}
	for (int i = 0; i < 10; ++i)
	{
		for (const std::string& request : {HEALTH, authorized("GET /api/v1/orgs/acme", ada, "Connection: close\r\n")})
		{
			const Poco::Timestamp sent;
			RawConnection client(port);
			client.send(request);
			ASSERT_STATUS(client.read(3000), 200);
			CPPUNIT_ASSERT_MESSAGE(std::to_string(elapsedMs(sent)) + " ms", elapsedMs(sent) < 1000);
		}
		// The slow clients keep trickling their heads.
		for (auto& s : slow)
			s->trySend("X-Slow-" + std::to_string(i) + ": 1\r\n");
	}
	// The idle connections were kept, not dropped: each carries another request.
	for (auto& c : idle)
	{
		c->send(HEALTH);
		ASSERT_STATUS(c->read(3000), 200);
	}
}


void HostServerTest::testHeadTimeoutAndKeepAliveTimeout()
{
	ReplayWorld world("default", {{"http.headTimeoutSeconds", "1"}, {"http.keepAliveTimeoutSeconds", "1"}});
	const Poco::UInt16 port = world.host().port();

	// A head trickled a line every 200 ms never completes: 408 and closed after the head timeout.
	{
		const Poco::Timestamp started;
		RawConnection slow(port);
		slow.send("GET /api/v1/health HTTP/1.1\r\nHost: test\r\n");
		int line = 0;
		while (!slow.closedWithin(200) && elapsedMs(started) < 5000)
			slow.trySend("X-Line-" + std::to_string(line++) + ": 1\r\n");
		const long elapsed = elapsedMs(started);
		CPPUNIT_ASSERT_MESSAGE("closed after " + std::to_string(elapsed) + " ms", elapsed >= 900 && elapsed < 3000);
		ASSERT_PROBLEM(slow.read(100), 408, "request_timeout");
	}
	// A connection that sends nothing, and an idle keep-alive connection, are closed quietly.
	{
		const Poco::Timestamp started;
		RawConnection silent(port);
		RawConnection idle(port);
		idle.send(HEALTH);
		ASSERT_STATUS(idle.read(3000), 200);
		CPPUNIT_ASSERT(silent.closedWithin(3000));
		CPPUNIT_ASSERT(idle.closedWithin(3000));
		const long elapsed = elapsedMs(started);
		CPPUNIT_ASSERT_MESSAGE("closed after " + std::to_string(elapsed) + " ms", elapsed >= 900 && elapsed < 3000);
		CPPUNIT_ASSERT_EQUAL(std::string(), silent.received());
		CPPUNIT_ASSERT_EQUAL(std::string(), idle.received());
	}
}


void HostServerTest::testConnectionCapsAnswer503()
{
	ReplayWorld world("default", {{"http.maxConnections", "6"}, {"http.maxConnectionsPerAddress", "3"}});
	const Poco::UInt16 port = world.host().port();
	std::vector<std::unique_ptr<RawConnection>> open;
	const auto admitted = [&](const std::string& from) {
		open.emplace_back(new RawConnection(port, from));
		open.back()->send(HEALTH);
		ASSERT_STATUS(open.back()->read(3000), 200);
	};
	const auto refused = [&](const std::string& from, const std::string& detail) {
		RawConnection c(port, from);
		c.trySend(HEALTH);
		const Response r = c.read(3000);
		ASSERT_PROBLEM(r, 503, "too_many_connections");
		CPPUNIT_ASSERT_EQUAL(std::string("1"), r.header("Retry-After"));
		CPPUNIT_ASSERT_MESSAGE(r.body, r.body.find(detail) != std::string::npos);
		CPPUNIT_ASSERT_MESSAGE("the refused connection was not closed in order", c.closedWithin(3000));
	};

	for (int i = 0; i < 3; ++i)
		admitted("127.0.0.1");
	refused("127.0.0.1", "from your address");
	for (int i = 0; i < 3; ++i)
		admitted("127.0.0.2");
	refused("127.0.0.3", "too many open connections");

	// A closed connection makes room again.
	open.erase(open.begin());
	for (int attempt = 0;; ++attempt)
	{
		RawConnection c(port);
		c.trySend(HEALTH);
		const Response r = c.read(3000);
		if (r.status == 200)
			break;
		CPPUNIT_ASSERT_MESSAGE(r.describe(), attempt < 20 && r.status == 503);
		Poco::Thread::sleep(100);
	}
}


void HostServerTest::testUnreadableRequestsAnswerProblems()
{
	ReplayWorld world("default");
	std::string fields;
	for (int i = 0; i < 101; ++i)
		fields += "X-Field-" + std::to_string(i) + ": " + std::to_string(i) + "\r\n";
	struct Case
	{
		std::string name;
		std::string request;
		int status;
		std::string code;
	};
	const std::vector<Case> cases = {
	    {"101 header fields", "GET /api/v1/health HTTP/1.1\r\n" + fields + "\r\n", 431, "header_fields_too_large"},
	    {"a 9 KB header field", "GET /api/v1/health HTTP/1.1\r\nX-Big: " + std::string(9000, 'a') + "\r\n\r\n", 431,
	     "header_fields_too_large"},
	    {"a 64 KB URL", "GET /api/v1/" + std::string(65536, 'a') + " HTTP/1.1\r\nHost: test\r\n\r\n", 414,
	     "uri_too_long"},
	    {"HTTP/0.9", "GET /api/v1/health\r\n", 400, "malformed_request"},
	    {"garbage", std::string("\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03", 11), 400, "malformed_request"},
	    {"HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 505, "http_version_not_supported"},
	    {"gzip transfer coding", "POST /api/v1/accounts HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n", 501,
	     "unsupported_transfer_encoding"},
	    {"Content-Length and chunked",
	     "POST /api/v1/accounts HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400,
	     "malformed_request"},
	    {"two Content-Lengths", "POST /api/v1/accounts HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
	     400, "malformed_request"},
	    {"a folded header line", "GET /api/v1/health HTTP/1.1\r\nX-A: 1\r\n folded\r\n\r\n", 400, "malformed_request"},
	    {"a header line without a colon", "GET /api/v1/health HTTP/1.1\r\nno colon\r\n\r\n", 400, "malformed_request"},
	};
	for (const auto& c : cases)
	{
		RawConnection connection(world.host().port());
		connection.trySend(c.request);
		const Response r = connection.read(3000);
		CPPUNIT_ASSERT_EQUAL_MESSAGE(c.name + ": " + r.describe(), c.status, r.status);
		ASSERT_PROBLEM(r, c.status, c.code);
		CPPUNIT_ASSERT_MESSAGE(c.name + ": not closed in order", connection.closedWithin(3000));
	}
	// The server still serves.
	RawConnection connection(world.host().port());
	connection.send(HEALTH);
	ASSERT_STATUS(connection.read(3000), 200);
}


void HostServerTest::testPipelinedRequestsAndBodies()
{
	ReplayWorld world("default", {{"http.maxBufferedBodyBytes", "1024"}});
	RawConnection connection(world.host().port());

	// Three requests in one write, one of them a POST without a body: three answers in order.
	connection.send(HEALTH + "POST /api/v1/accounts HTTP/1.1\r\nHost: test\r\n\r\n" +
	                "GET /elsewhere HTTP/1.1\r\nHost: test\r\n\r\n");
	ASSERT_STATUS(connection.read(3000), 200);
	ASSERT_PROBLEM(connection.read(3000), 400, "missing_body");
	ASSERT_PROBLEM(connection.read(3000), 404, "not_found");

	// Expect: 100-continue: the server asks for the body before it waits for it.
	connection.send("POST /api/v1/accounts HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
	                "Content-Length: 2\r\nExpect: 100-continue\r\n\r\n");
	CPPUNIT_ASSERT_EQUAL(100, connection.read(1000).status);
	connection.send("{}");
	ASSERT_PROBLEM(connection.read(3000), 400, "missing_field");

	// A body larger than the gate buffers arrives in parts: the request thread reads the rest.
	std::string body = json({{"username", "ada"}, {"email", "ada@example.com"}, {"name", "Ada"}});
	body.insert(1, std::string(4000, ' '));
	connection.send("POST /api/v1/accounts HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
	                "Content-Length: " +
	                std::to_string(body.size()) + "\r\n\r\n" + body.substr(0, 2000));
	Poco::Thread::sleep(200);
	connection.send(body.substr(2000));
	ASSERT_STATUS(connection.read(3000), 201);

	// A chunked body in parts.
	const std::string bob = json({{"username", "bob"}, {"email", "bob@example.com"}, {"name", "Bob"}});
	connection.send("POST /api/v1/accounts HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
	                "Transfer-Encoding: chunked\r\n\r\n5\r\n" +
	                bob.substr(0, 5) + "\r\n");
	Poco::Thread::sleep(200);
	char size[16];
	std::snprintf(size, sizeof(size), "%zx", bob.size() - 5);
	connection.send(std::string(size) + "\r\n" + bob.substr(5) + "\r\n0\r\n\r\n");
	ASSERT_STATUS(connection.read(3000), 201);

	// The connection still carries requests.
	connection.send(HEALTH);
	ASSERT_STATUS(connection.read(3000), 200);

	// A body refused unread (over orgs.http.maxBodyBytes) while the client still sends it: the
	// server drains it before it closes, so the client's sending fails with no reset (a client
	// such as curl would otherwise report the reset instead of the answer).
	RawConnection large(world.host().port());
	large.send("POST /api/v1/accounts HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
	           "Content-Length: 4000000\r\n\r\n" +
	           std::string(200000, ' '));
	ASSERT_PROBLEM(large.read(3000), 413, "payload_too_large");
	Poco::Thread::sleep(100);
	CPPUNIT_ASSERT_MESSAGE("the connection was reset", large.trySend(std::string(100000, ' ')));
	CPPUNIT_ASSERT_MESSAGE("not closed in order", large.closedWithin(3000));
}


void HostServerTest::testStopsWithConnectionsOpen()
{
	ReplayWorld world("default");
	const Poco::UInt16 port = world.host().port();
	std::vector<std::unique_ptr<RawConnection>> open;
	for (int i = 0; i < 5; ++i)
	{
		open.emplace_back(new RawConnection(port));
		open.back()->send(HEALTH);
		ASSERT_STATUS(open.back()->read(3000), 200);
		open.emplace_back(new RawConnection(port));
		open.back()->send("GET /api/v1/health HTTP/1.1\r\nHost: test\r\n");
	}
	// A request thread waits for the rest of a large body.
	open.emplace_back(new RawConnection(port));
	open.back()->send("POST /api/v1/accounts HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
	                  "Content-Length: 500000\r\n\r\n{\"username\":");
	Poco::Thread::sleep(300);

	const Poco::Timestamp stopping;
	const int code = world.host().stop();
	CPPUNIT_ASSERT_EQUAL_MESSAGE(world.host().output(), 0, code);
	CPPUNIT_ASSERT_MESSAGE(std::to_string(elapsedMs(stopping)) + " ms", elapsedMs(stopping) < 10000);
	for (auto& c : open)
		CPPUNIT_ASSERT(c->closedWithin(1000));
}
