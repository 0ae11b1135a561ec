//
// SlowClients.cpp
//
// Library: OrgsTests
// Package: Reliability
// Module:  SlowClients
//
// orgs-slow-clients: holds idle keep-alive and slowloris connections open against a server
// while a normal client measures two endpoints (tests/reliability/slow-clients.sh runs it).
//


#include <algorithm>
#include <arpa/inet.h>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <mutex>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <string>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>


namespace {


using Clock = std::chrono::steady_clock;


struct Options
{
	std::string host = "127.0.0.1";
	int port = 0;
	std::string token;
	std::string org;
	int idle = 200;
	int slow = 100;
	int requests = 100;
	int intervalMs = 50;
	double lineSeconds = 2.0;
	double targetP99Ms = 100.0;
	int timeoutMs = 5000;
	int maxSeconds = 180;
};


void usage()
{
	std::fprintf(stderr,
	             "usage: orgs-slow-clients --port=PORT --token=TOKEN --org=ORG [--host=127.0.0.1] [--idle=200]\n"
	             "       [--slow=100] [--requests=100] [--interval-ms=50] [--line-seconds=2] [--p99-ms=100]\n"
	             "       [--timeout-ms=5000] [--max-seconds=180]\n"
	             "Opens IDLE keep-alive connections (one request each, then silent) and SLOW connections that\n"
	             "send a partial request head and one more header line every LINE seconds, reopening any the\n"
	             "server closes; meanwhile a normal client sends REQUESTS GET /api/v1/health and REQUESTS\n"
	             "authenticated GET /api/v1/orgs/ORG, each on a new connection, INTERVAL ms apart. Exits 0 if\n"
	             "every request answered 200 and each endpoint's p99 is within the target, 1 otherwise.\n");
}


bool parse(int argc, char** argv, Options& options)
{
	for (int i = 1; i < argc; ++i)
	{
		const std::string arg = argv[i];
		const std::string::size_type eq = arg.find('=');
		if (arg.compare(0, 2, "--") != 0 || eq == std::string::npos)
			return false;
		const std::string key = arg.substr(2, eq - 2);
		const std::string value = arg.substr(eq + 1);
		if (key == "host")
			options.host = value;
		else if (key == "port")
			options.port = std::atoi(value.c_str());
		else if (key == "token")
			options.token = value;
		else if (key == "org")
			options.org = value;
		else if (key == "idle")
			options.idle = std::atoi(value.c_str());
		else if (key == "slow")
			options.slow = std::atoi(value.c_str());
		else if (key == "requests")
			options.requests = std::atoi(value.c_str());
		else if (key == "interval-ms")
			options.intervalMs = std::atoi(value.c_str());
		else if (key == "line-seconds")
			options.lineSeconds = std::atof(value.c_str());
		else if (key == "p99-ms")
			options.targetP99Ms = std::atof(value.c_str());
		else if (key == "timeout-ms")
			options.timeoutMs = std::atoi(value.c_str());
		else if (key == "max-seconds")
			options.maxSeconds = std::atoi(value.c_str());
		else
			return false;
	}
	return options.port > 0 && !options.token.empty() && !options.org.empty();
}


int connectTo(const Options& options)
{
	const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	struct sockaddr_in address = {};
	address.sin_family = AF_INET;
	address.sin_port = htons(static_cast<uint16_t>(options.port));
	if (::inet_pton(AF_INET, options.host.c_str(), &address.sin_addr) != 1 ||
	    ::connect(fd, reinterpret_cast<struct sockaddr*>(&address), sizeof(address)) != 0)
	{
		::close(fd);
		return -1;
	}
	const int one = 1;
	::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	return fd;
}


bool sendAll(int fd, const std::string& data)
{
	std::size_t sent = 0;
	while (sent < data.size())
	{
		const ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		sent += static_cast<std::size_t>(n);
	}
	return true;
}


int readResponse(int fd, int timeoutMs)
	/// Reads one response with a Content-Length; returns its status, or 0.
{
	const Clock::time_point deadline = Clock::now() + std::chrono::milliseconds(timeoutMs);
	std::string data;
	std::size_t headEnd = std::string::npos;
	std::size_t total = std::string::npos;
	char buffer[16384];
	for (;;)
	{
		if (headEnd == std::string::npos)
		{
			headEnd = data.find("\r\n\r\n");
			if (headEnd != std::string::npos)
			{
				std::string head = data.substr(0, headEnd);
				for (char& c : head)
					c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
				const std::string::size_type cl = head.find("\r\ncontent-length:");
				total = headEnd + 4 + (cl == std::string::npos ? 0 : std::strtoul(head.c_str() + cl + 17, nullptr, 10));
			}
		}
		if (total != std::string::npos && data.size() >= total)
			return data.compare(0, 5, "HTTP/") == 0 && data.size() > 12 ? std::atoi(data.c_str() + 9) : 0;
		const long left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
		if (left <= 0)
			return 0;
		struct pollfd pfd = {fd, POLLIN, 0};
		if (::poll(&pfd, 1, static_cast<int>(left)) <= 0)
			continue;
		const ssize_t n = ::recv(fd, buffer, sizeof(buffer), 0);
		if (n <= 0)
			return 0;
		data.append(buffer, static_cast<std::size_t>(n));
	}
}


struct AttackConnection
{
	int fd = -1;
	bool slow = false;
	int lines = 0;
	Clock::time_point nextLine;
};


class Attack
	/// Holds the idle and slow connections open from a thread of its own.
{
public:
	Attack(const Options& options, Clock::time_point deadline) : _options(options), _deadline(deadline) {}

	void start()
	{
		_connections.resize(static_cast<std::size_t>(_options.idle + _options.slow));
		for (std::size_t i = 0; i < _connections.size(); ++i)
		{
			_connections[i].slow = static_cast<int>(i) >= _options.idle;
			open(_connections[i]);
		}
		_thread = std::thread([this] { run(); });
	}

	void stop()
	{
		_stop = true;
		if (_thread.joinable())
			_thread.join();
		for (auto& c : _connections)
		{
			if (c.fd >= 0)
				::close(c.fd);
		}
	}

	void sample()
	{
		std::lock_guard<std::mutex> lock(_mutex);
		int idle = 0;
		int slow = 0;
		for (const auto& c : _connections)
			(c.fd < 0 ? _unused : c.slow ? slow : idle)++;
		_minIdle = std::min(_minIdle, idle);
		_maxIdle = std::max(_maxIdle, idle);
		_minSlow = std::min(_minSlow, slow);
		_maxSlow = std::max(_maxSlow, slow);
	}

	void report() const
	{
		std::printf("open while measuring: idle %d..%d of %d, slow %d..%d of %d; reopened after the server "
		            "closed them: idle %d, slow %d (slow ones answered 408 first: %d); failed to open: %d\n",
		            _minIdle, _maxIdle, _options.idle, _minSlow, _maxSlow, _options.slow, _reopenedIdle.load(),
		            _reopenedSlow.load(), _answered408.load(), _failedOpen.load());
	}

private:
	void open(AttackConnection& c)
	{
		// Bounded: nothing more is opened once the run's time is up.
		int fd = Clock::now() < _deadline ? connectTo(_options) : -1;
		if (fd >= 0 && c.slow)
		{
			if (!sendAll(fd, "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n"))
			{
				::close(fd);
				fd = -1;
			}
		}
		else if (fd >= 0)
		{
			// A real request first: the connection is then an idle keep-alive connection.
			if (!sendAll(fd, "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n") ||
			    readResponse(fd, _options.timeoutMs) != 200)
			{
				::close(fd);
				fd = -1;
			}
		}
		if (fd < 0)
			++_failedOpen;
		std::lock_guard<std::mutex> lock(_mutex);
		c.fd = fd;
		c.lines = 0;
		c.nextLine = Clock::now() + std::chrono::milliseconds(static_cast<long>(_options.lineSeconds * 1000));
	}

	void closeLocked(AttackConnection& c)
	{
		::close(c.fd);
		c.fd = -1;
	}

	void run()
	{
		std::vector<struct pollfd> fds;
		std::vector<std::size_t> index;
		char buffer[4096];
		while (!_stop)
		{
			fds.clear();
			index.clear();
			for (std::size_t i = 0; i < _connections.size(); ++i)
			{
				if (_connections[i].fd >= 0)
				{
					fds.push_back({_connections[i].fd, POLLIN, 0});
					index.push_back(i);
				}
			}
			::poll(fds.data(), fds.size(), 50);
			const Clock::time_point now = Clock::now();
			for (std::size_t k = 0; k < fds.size(); ++k)
			{
				AttackConnection& c = _connections[index[k]];
				bool closed = false;
				if (fds[k].revents & (POLLIN | POLLHUP | POLLERR))
				{
					const ssize_t n = ::recv(c.fd, buffer, sizeof(buffer), MSG_DONTWAIT);
					if (n > 0 && c.slow && std::strncmp(buffer, "HTTP/1.1 408", 12) == 0)
						++_answered408;
					closed = n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR);
				}
				if (!closed && c.slow && now >= c.nextLine)
				{
					closed = !sendAll(c.fd, "X-Slow-" + std::to_string(c.lines++) + ": still coming\r\n");
					c.nextLine = now + std::chrono::milliseconds(static_cast<long>(_options.lineSeconds * 1000));
				}
				if (closed)
				{
					{
						std::lock_guard<std::mutex> lock(_mutex);
						closeLocked(c);
					}
					(c.slow ? _reopenedSlow : _reopenedIdle)++;
					open(c);
				}
			}
			// Connections that could not be opened are tried again, five times a second.
			if (now >= _nextRetry)
			{
				_nextRetry = now + std::chrono::milliseconds(200);
				for (auto& c : _connections)
				{
					if (c.fd < 0 && !_stop)
						open(c);
				}
			}
		}
	}

	const Options& _options;
	const Clock::time_point _deadline;
	Clock::time_point _nextRetry;
	std::vector<AttackConnection> _connections;
	std::thread _thread;
	std::atomic<bool> _stop{false};
	std::mutex _mutex;
	std::atomic<int> _reopenedIdle{0};
	std::atomic<int> _reopenedSlow{0};
	std::atomic<int> _answered408{0};
	std::atomic<int> _failedOpen{0};
	int _minIdle = 1 << 30;
	int _maxIdle = 0;
	int _minSlow = 1 << 30;
	int _maxSlow = 0;
	int _unused = 0;
};


struct Series
{
	std::string label;
	std::string request;
	std::vector<double> milliseconds;               // answered with 200
	std::vector<std::pair<double, double>> slowest; // (ms, seconds into the run), the 3 slowest
	int failed = 0;
};


double percentile(std::vector<double> values, double p)
{
	if (values.empty())
		return 0;
	std::sort(values.begin(), values.end());
	const std::size_t rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(values.size())));
	return values[std::min(values.size(), std::max<std::size_t>(rank, 1)) - 1];
}


} // namespace


int main(int argc, char** argv)
{
	Options options;
	if (!parse(argc, argv, options))
	{
		usage();
		return 2;
	}
	const Clock::time_point started = Clock::now();
	const Clock::time_point deadline = started + std::chrono::seconds(options.maxSeconds);
	const auto timeUp = [&] { return Clock::now() > deadline; };

	Attack attack(options, deadline);
	attack.start();
	std::this_thread::sleep_for(std::chrono::seconds(1));

	std::vector<Series> series(2);
	series[0].label = "GET /api/v1/health";
	series[0].request = "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
	series[1].label = "GET /api/v1/orgs/" + options.org;
	series[1].request = "GET /api/v1/orgs/" + options.org + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " +
	                    options.token + "\r\nConnection: close\r\n\r\n";

	for (int i = 0; i < options.requests && !timeUp(); ++i)
	{
		for (auto& s : series)
		{
			attack.sample();
			const Clock::time_point begin = Clock::now();
			const int fd = connectTo(options);
			const int status = fd >= 0 && sendAll(fd, s.request) ? readResponse(fd, options.timeoutMs) : 0;
			const double ms = std::chrono::duration<double, std::milli>(Clock::now() - begin).count();
			if (fd >= 0)
				::close(fd);
			if (status == 200)
				s.milliseconds.push_back(ms);
			else
				++s.failed;
			s.slowest.emplace_back(ms, std::chrono::duration<double>(begin - started).count());
			std::sort(s.slowest.begin(), s.slowest.end(), std::greater<std::pair<double, double>>());
			if (s.slowest.size() > 3)
				s.slowest.pop_back();
			std::this_thread::sleep_for(std::chrono::milliseconds(options.intervalMs));
		}
	}
	attack.sample();
	attack.stop();

	std::printf("attack: %d idle keep-alive connections and %d slowloris connections (partial head, one header "
	            "line every %.1f s) from %s; each measured request on a new connection, %d ms apart\n",
	            options.idle, options.slow, options.lineSeconds, options.host.c_str(), options.intervalMs);
	attack.report();
	std::printf("%-28s %9s %8s %8s %8s\n", "endpoint", "answered", "p50_ms", "p99_ms", "max_ms");
	bool pass = true;
	for (const auto& s : series)
	{
		const int answered = static_cast<int>(s.milliseconds.size());
		const double p99 = percentile(s.milliseconds, 0.99);
		std::printf("%-28s %5d/%-3d %8.2f %8.2f %8.2f\n", s.label.c_str(), answered, options.requests,
		            percentile(s.milliseconds, 0.50), p99, percentile(s.milliseconds, 1.0));
		pass = pass && answered == options.requests && s.failed == 0 && p99 <= options.targetP99Ms;
	}
	for (const auto& s : series)
	{
		std::printf("slowest %s:", s.label.c_str());
		for (const auto& slow : s.slowest)
			std::printf(" %.2f ms at %.1f s", slow.first, slow.second);
		std::printf("\n");
	}
	std::printf("result: %s (target: %d of %d answered 200 per endpoint, p99 <= %.0f ms)\n", pass ? "PASS" : "FAIL",
	            options.requests, options.requests, options.targetP99Ms);
	return pass ? 0 : 1;
}
