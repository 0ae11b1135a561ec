//
// NodePools.cpp
//
// Library: OrgsPlugin
// Package: Data
// Module:  NodePools
//


#include "data/NodePools.h"
#include "Poco/Data/SQLite/SQLiteException.h"
#include "Poco/NumberFormatter.h"
#include "Poco/String.h"
#include "Poco/StringTokenizer.h"
#include "Poco/Thread.h"
#include <algorithm>


using namespace Poco::Data::Keywords;


namespace Orgs {
namespace Data {


namespace {


enum WsrepState
{
	WSREP_UNKNOWN = -1,
	WSREP_OFF = 0,
	WSREP_ON = 1
};


void prepareMySQL(Poco::Data::Session& session, bool cluster, int syncWait, std::atomic<int>& wsrep)
	/// Sets wsrep_sync_wait on a Galera node's session. Whether the node is one is asked once
	/// per node: a new session then costs one statement more, none without a cluster. A
	/// cluster's session gets its transaction marker table (Database::begin()).
{
	if (cluster)
	{
		session << "CREATE TEMPORARY TABLE IF NOT EXISTS orgs_unit (id INT NOT NULL PRIMARY KEY) ENGINE=InnoDB", now;
	}
	if (syncWait <= 0)
		return;
	int state = wsrep.load(std::memory_order_relaxed);
	if (state == WSREP_UNKNOWN)
	{
		state = NodePools::isGaleraNode(session) ? WSREP_ON : WSREP_OFF;
		wsrep.store(state, std::memory_order_relaxed);
	}
	if (state == WSREP_ON)
		session << "SET SESSION wsrep_sync_wait = " + std::to_string(syncWait), now;
}


std::string serverOf(const std::string& connectionString)
	/// Returns "host:port" of a MySQL connection string (the driver's defaults if unnamed).
{
	std::string host = "localhost";
	std::string port = "3306";
	Poco::StringTokenizer parts(connectionString, ";",
	                            Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
	for (const std::string& part : parts)
	{
		const std::string::size_type eq = part.find('=');
		if (eq == std::string::npos)
			continue;
		const std::string key = Poco::toLower(Poco::trim(part.substr(0, eq)));
		if (key == "host")
			host = Poco::trim(part.substr(eq + 1));
		else if (key == "port")
			port = Poco::trim(part.substr(eq + 1));
	}
	return host + ":" + port;
}


} // namespace


class NodePools::Pool : public Poco::Data::SessionPool
	/// A node's SessionPool that prepares each new session (see NodePools).
{
public:
	Pool(const Config::DatabaseSettings& settings, const std::string& connectionString)
	    : Poco::Data::SessionPool(settings.connector, connectionString, settings.minSessions, settings.maxSessions,
	                              settings.idleSeconds),
	      _sqlite(settings.connector == "SQLite"), _cluster(!settings.nodes.empty()),
	      _busyTimeoutMs(settings.busyTimeoutMs), _syncWait(settings.syncWait)
	{
	}

	void prepare(Poco::Data::Session& session, int busyTimeoutMs)
	{
		if (_sqlite)
			prepareSqlite(session, busyTimeoutMs);
		else
			prepareMySQL(session, _cluster, _syncWait, _wsrep);
	}

protected:
	void customizeSession(Poco::Data::Session& session) override { prepare(session, _busyTimeoutMs); }

private:
	bool _sqlite;
	bool _cluster;
	int _busyTimeoutMs;
	int _syncWait;
	std::atomic<int> _wsrep{WSREP_UNKNOWN};
};


NodePools::NodePools(const Config::DatabaseSettings& settings, Poco::Logger& logger, Discard discard)
    : _settings(settings), _logger(logger), _discard(std::move(discard))
{
	if (_settings.nodes.empty())
	{
		_nodes.push_back(_settings.connector == "SQLite" ? _settings.connectionString
		                                                 : serverOf(_settings.connectionString));
		_connectionStrings.push_back(_settings.connectionString);
	}
	else
	{
		for (const std::string& node : _settings.nodes)
		{
			_nodes.push_back(node);
			_connectionStrings.push_back(withNode(_settings.connectionString, node));
		}
	}
	for (const std::string& cs : _connectionStrings)
		_pools.emplace_back(new Pool(_settings, cs));
}


NodePools::~NodePools()
{
	shutdown();
}


void NodePools::shutdown()
{
	for (auto& pPool : _pools)
	{
		try
		{
			pPool->shutdown();
		}
		catch (...)
		{
		}
	}
}


Poco::Data::Session NodePools::get(std::size_t& node)
{
	std::size_t index = current();
	if (index != 0)
	{
		returnToPreferred();
		index = current();
	}
	node = index;
	return _pools[index]->get();
}


bool NodePools::failover(std::size_t failedNode)
{
	const std::size_t n = _nodes.size();
	if (n < 2)
		return false;
	std::lock_guard<std::mutex> lock(_mutex);
	if (current() != failedNode)
		return true;
	if (_lastFailedSearch.elapsed() < 1000000)
		return false;
	discardIdle(failedNode);
	const Poco::Timestamp started;
	const Poco::Timestamp::TimeDiff limit = Poco::Timestamp::TimeDiff(_settings.failoverSeconds) * 1000000;
	for (;;)
	{
		// The failed node last: it may only have dropped one connection.
		for (std::size_t k = 1; k <= n; ++k)
		{
			const std::size_t candidate = (failedNode + k) % n;
			if (probe(candidate))
			{
				if (candidate != failedNode)
				{
					use(candidate, "the node in use failed");
					_failovers.fetch_add(1, std::memory_order_relaxed);
				}
				return true;
			}
		}
		if (started.elapsed() + 200000 >= limit)
			break;
		Poco::Thread::sleep(200);
	}
	_lastFailedSearch.update();
	_logger.error("Database: no node of %s answered in sync within %d s",
	              Poco::cat(std::string(", "), _nodes.begin(), _nodes.end()), _settings.failoverSeconds);
	return false;
}


void NodePools::discardIdle(std::size_t node)
{
	if (!_discard)
		return;
	Pool& pool = *_pools[node];
	// Taken all at once, so that each idle session is handed out once; none is opened (a new
	// connection to a failed node would fail, which ends the loop).
	std::vector<Poco::Data::Session> idle;
	try
	{
		for (int i = 0, n = pool.idle(); i < n; ++i)
			idle.push_back(pool.get());
	}
	catch (Poco::Exception&)
	{
	}
	for (Poco::Data::Session& s : idle)
		_discard(s);
}


void NodePools::returnToPreferred()
{
	const Poco::Int64 now = Poco::Timestamp().epochMicroseconds();
	if (now < _nextPreferredLook.load(std::memory_order_relaxed))
		return;
	std::unique_lock<std::mutex> lock(_mutex, std::try_to_lock);
	if (!lock.owns_lock())
		return;
	_nextPreferredLook.store(now + Poco::Int64(_settings.failoverSeconds) * 1000000, std::memory_order_relaxed);
	if (current() != 0 && probe(0))
		use(0, "the preferred node is back in sync");
}


void NodePools::use(std::size_t node, const char* why)
{
	const std::size_t was = current();
	_nextPreferredLook.store(Poco::Timestamp().epochMicroseconds() + Poco::Int64(_settings.failoverSeconds) * 1000000,
	                         std::memory_order_relaxed);
	_current.store(node, std::memory_order_release);
	_logger.warning("Database: now on node %s (was %s): %s", _nodes[node], _nodes[was], std::string(why));
}


bool NodePools::probe(std::size_t node)
{
	try
	{
		const std::size_t timeout = static_cast<std::size_t>(std::max(1, std::min(2, _settings.failoverSeconds)));
		Poco::Data::Session s(_settings.connector, _connectionStrings[node], timeout);
		if (!isGaleraNode(s))
			return true;
		std::vector<std::string> names;
		std::vector<std::string> values;
		s << "SHOW GLOBAL STATUS WHERE Variable_name IN ('wsrep_ready', 'wsrep_local_state')", into(names),
		    into(values), now;
		bool ready = false;
		bool synced = false;
		for (std::size_t i = 0; i < names.size() && i < values.size(); ++i)
		{
			if (Poco::icompare(names[i], "wsrep_ready") == 0)
				ready = Poco::icompare(values[i], "ON") == 0;
			else if (Poco::icompare(names[i], "wsrep_local_state") == 0)
				synced = values[i] == "4";
		}
		return ready && synced;
	}
	catch (Poco::Exception&)
	{
		return false;
	}
}


Poco::Data::Session NodePools::openDedicated()
{
	for (std::size_t attempt = 1;; ++attempt)
	{
		const std::size_t node = current();
		try
		{
			Poco::Data::Session s(_settings.connector, _connectionStrings[node]);
			// A dedicated session's writer (the migrator) may wait a long time for SQLite's lock.
			_pools[node]->prepare(s, std::max(_settings.busyTimeoutMs, 60000));
			return s;
		}
		catch (Poco::Exception&)
		{
			if (attempt >= _nodes.size() || !failover(node))
				throw;
		}
	}
}


int NodePools::capacity() const
{
	return _settings.maxSessions;
}


int NodePools::used() const
{
	int n = 0;
	for (const auto& pPool : _pools)
		n += pPool->used();
	return n;
}


int NodePools::idle() const
{
	int n = 0;
	for (const auto& pPool : _pools)
		n += pPool->idle();
	return n;
}


std::string NodePools::withNode(const std::string& connectionString, const std::string& node)
{
	std::string host = node;
	std::string port;
	const std::string::size_type colon = node.rfind(':');
	if (colon != std::string::npos)
	{
		host = node.substr(0, colon);
		port = node.substr(colon + 1);
	}
	if (host.size() > 1 && host.front() == '[' && host.back() == ']')
		host = host.substr(1, host.size() - 2);
	std::string result = "host=" + host + (port.empty() ? "" : ";port=" + port);
	Poco::StringTokenizer parts(connectionString, ";",
	                            Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
	for (const std::string& part : parts)
	{
		const std::string key = Poco::toLower(Poco::trim(part.substr(0, part.find('='))));
		if (key != "host" && key != "port")
			result += ";" + part;
	}
	return result;
}


bool NodePools::isGaleraNode(Poco::Data::Session& session)
{
	// MySQL has no such variable: no row.
	std::vector<std::string> names;
	std::vector<std::string> values;
	session << "SHOW VARIABLES LIKE 'wsrep_on'", into(names), into(values), now;
	return !values.empty() && Poco::icompare(values.front(), "ON") == 0;
}


void NodePools::prepareSqlite(Poco::Data::Session& session, int busyTimeoutMs)
{
	std::string mode;
	session << "PRAGMA busy_timeout = " + std::to_string(busyTimeoutMs), now;
	session << "PRAGMA foreign_keys = ON", now;
	// Switching a new file to WAL needs a lock that busy_timeout does not wait for.
	for (int waited = 0;; waited += 10)
	{
		try
		{
			session << "PRAGMA journal_mode = WAL", into(mode), now;
			break;
		}
		catch (Poco::Data::SQLite::DBLockedException&)
		{
			if (waited > busyTimeoutMs)
				throw;
			Poco::Thread::sleep(10);
		}
	}
	session << "PRAGMA synchronous = NORMAL", now;
}


} // namespace Data
} // namespace Orgs
