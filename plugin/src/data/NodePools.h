//
// NodePools.h
//
// Library: OrgsPlugin
// Package: Data
// Module:  NodePools
//
// The session pools of a database reached through one server or several cluster nodes.
//


#ifndef Orgs_NodePools_INCLUDED
#define Orgs_NodePools_INCLUDED


#include "config/Settings.h"
#include "Poco/Data/Session.h"
#include "Poco/Data/SessionPool.h"
#include "Poco/Logger.h"
#include "Poco/Timestamp.h"
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>


namespace Orgs {
namespace Data {


class NodePools
	/// One session pool per node of the database: the one server of SQLite or a single MariaDB,
	/// or each node of orgs.database.nodes (a MariaDB Galera cluster, where every node takes
	/// reads and writes). Sessions come from the pool of the node in use.
	///
	/// When that node fails, failover() moves every later session to the next node that
	/// answers and is in sync with the cluster (wsrep_local_state 4, Synced: a joiner or a
	/// donor would make writers wait), trying for up to orgs.database.failoverSeconds. While a
	/// host works through another node, at most once every failoverSeconds one of its calls
	/// looks at the preferred node (the first listed) and returns to it once it is back in
	/// sync, so hosts that were spread over the nodes spread again.
	///
	/// Each new session is prepared: SQLite's pragmas; on a Galera node, wsrep_sync_wait
	/// (orgs.database.syncWait), so that a read waits until this node has applied every
	/// write the cluster committed before it: what one host wrote, a host on another node
	/// reads (read-your-writes), and a cached grant revalidated after maxStaleness sees every
	/// change made before. Because a reconnect would lose that setting, a cluster's sessions
	/// do not reconnect by themselves (auto-reconnect=false unless the connection string says
	/// otherwise): Database::transact() closes a session whose connection was lost and retries
	/// on a fresh one.
{
public:
	using Discard = std::function<void(Poco::Data::Session&)>;

	NodePools(const Config::DatabaseSettings& settings, Poco::Logger& logger, Discard discard = Discard());
		/// Creates one pool per node; none connects until a session is asked for.
		/// settings.connectionString is the normalised one (Database adds its defaults).
		/// discard closes a session's connection so that its pool drops it (Database's, which
		/// also forgets its prepared statements); used on the idle sessions of a failed node.

	~NodePools();
		/// Shuts the pools down.

	std::size_t size() const;
		/// Returns the number of nodes (1 without orgs.database.nodes).

	std::size_t current() const;
		/// Returns the index of the node in use (0 is the preferred one).

	const std::string& node(std::size_t index) const;
		/// Returns "host:port" of a node (or the connection string's own for a single server).

	Poco::Data::Session get(std::size_t& node);
		/// Returns a session of the pool of the node in use and sets node to its index. Throws
		/// what SessionPool::get() throws (SessionPoolExhaustedException when every session is
		/// in use, a connection error when the node cannot be reached).

	bool failover(std::size_t failedNode);
		/// Called after a session of failedNode lost its connection, or the node refused work
		/// (not in sync). If another call moved away from failedNode meanwhile, returns true at
		/// once. Otherwise discards failedNode's idle sessions (their connections died with it:
		/// handed out after a return to the node, each would fail once and send this host away
		/// again), then tries the other nodes, then failedNode itself, for up to
		/// failoverSeconds and returns true once one answers in sync (it is in use from then
		/// on). Returns false if none does, or at once if there is one node only, or if such a
		/// search ended without a node less than a second ago (calls then fail fast: 503).

	Poco::UInt64 failovers() const;
		/// Returns how many times failover() moved to another node (for any caller: pooled
		/// sessions and dedicated ones alike).

	Poco::Data::Session openDedicated();
		/// Opens a prepared session outside the pools, on the node in use (moving to another
		/// if it cannot be reached).

	int capacity() const;
		/// Returns orgs.database.maxSessions.

	int used() const;
		/// Returns the sessions handed out, over all pools.

	int idle() const;
		/// Returns the idle sessions kept, over all pools.

	void shutdown();
		/// Closes every session of every pool.

	static std::string withNode(const std::string& connectionString, const std::string& node);
		/// Returns the MySQL connection string with its host and port replaced by node's
		/// ("host:port"; an IPv6 address is written "[addr]:port").

	static bool isGaleraNode(Poco::Data::Session& session);
		/// Returns true if the session's server replicates through wsrep (wsrep_on is ON).

	static void prepareSqlite(Poco::Data::Session& session, int busyTimeoutMs);
		/// Sets the pragmas of a SQLite session: foreign keys, busy timeout, WAL.

private:
	class Pool;

	NodePools(const NodePools&) = delete;
	NodePools& operator=(const NodePools&) = delete;

	void discardIdle(std::size_t node);
	bool probe(std::size_t node);
		/// Returns true if the node answers and is usable: a server without wsrep, or a Galera
		/// node that is ready and Synced.
	void use(std::size_t node, const char* why);
	void returnToPreferred();

	Config::DatabaseSettings _settings;
	Poco::Logger& _logger;
	Discard _discard;
	std::vector<std::string> _nodes;
	std::vector<std::string> _connectionStrings;
	std::vector<std::unique_ptr<Pool>> _pools;
	std::atomic<std::size_t> _current{0};
	std::atomic<Poco::UInt64> _failovers{0};
	std::mutex _mutex;                              ///< one search for a node at a time
	Poco::Timestamp _lastFailedSearch{0};           ///< when a failover() found no node (under _mutex)
	std::atomic<Poco::Int64> _nextPreferredLook{0}; ///< epoch µs of the next look at the preferred node
};


//
// inlines
//
inline std::size_t NodePools::size() const
{
	return _nodes.size();
}


inline std::size_t NodePools::current() const
{
	return _current.load(std::memory_order_acquire);
}


inline Poco::UInt64 NodePools::failovers() const
{
	return _failovers.load(std::memory_order_relaxed);
}


inline const std::string& NodePools::node(std::size_t index) const
{
	return _nodes[index];
}


} // namespace Data
} // namespace Orgs


#endif // Orgs_NodePools_INCLUDED
