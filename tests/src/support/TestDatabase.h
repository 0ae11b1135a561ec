//
// TestDatabase.h
//
// Library: OrgsTestSupport
// Package: Support
// Module:  TestDatabase
//
// A fresh, throw-away database for one test: an SQLite file or a MariaDB database.
//


#ifndef Orgs_TestDatabase_INCLUDED
#define Orgs_TestDatabase_INCLUDED


#include "Poco/Data/Session.h"
#include "Poco/SharedPtr.h"
#include <cstddef>
#include <map>
#include <string>
#include <vector>


namespace Orgs {
namespace Test {


class TestDatabase
	/// An empty database that exists as long as this object does.
	///
	/// For "SQLite" it is a new temporary file (removed with its -wal, -shm and -journal files
	/// by the destructor). For "MySQL" it is a new database orgs_t_<random hex> on the private
	/// MariaDB described by the file named in the environment variable ORGS_MARIADB_INFO
	/// (written by scripts/mariadb.sh), or, when ORGS_GALERA_INFO is set, on the private Galera
	/// cluster that file describes (written by scripts/galera.sh); the destructor drops it.
	///
	/// On a cluster the database is created through node 0 and exists on every node before
	/// create() returns. The plugin is given node 0 as its preferred node (connectionString(),
	/// hostDefines()), while session() checks through another node (node 1), so that a suite
	/// on the cluster writes through one node and verifies through another. Nodes are numbered
	/// from 0 in the order of nodes() (node i is scripts/galera.sh's node i + 1).
	///
	/// A test that asks for MySQL fails when MariaDB is not reachable: it is never skipped.
{
public:
	using Ptr = Poco::SharedPtr<TestDatabase>;
	using Defines = std::map<std::string, std::string>;

	static const std::string SQLITE;
	static const std::string MYSQL;

	static Ptr create(const std::string& connector);
		/// Creates a fresh database for the connector "SQLite" or "MySQL" and registers the
		/// Poco::Data connector.
		///
		/// Throws Poco::InvalidArgumentException for another connector, and Poco::IOException
		/// if ORGS_GALERA_INFO and ORGS_MARIADB_INFO are both unset, the file is missing or
		/// incomplete, the server cannot be reached or a node of the cluster does not see the new
		/// database within 30 s.

	~TestDatabase();
		/// Drops the database (MySQL, through the first node that answers) or removes the file
		/// (SQLite). Never throws.

	const std::string& connector() const;
		/// Returns "SQLite" or "MySQL".

	const std::string& connectionString() const;
		/// Returns the Poco::Data connection string of this database: the file path for SQLite,
		/// "host=..;port=..;user=..;password=..;db=orgs_t_..;character-set=utf8mb4;auto-reconnect=true"
		/// for MySQL (node 0's on a cluster: the plugin's preferred node).

	std::string connectionString(std::size_t node) const;
		/// Returns the MySQL connection string of this database on the given node.
		///
		/// Throws Poco::RangeException if there is no such node.

	const std::string& name() const;
		/// Returns the database name (MySQL) or the file path (SQLite).

	bool isMySQL() const;
		/// Returns true if this is a MariaDB database (a single server or a cluster).

	bool isCluster() const;
		/// Returns true if this database is on the Galera cluster.

	const std::vector<std::string>& nodes() const;
		/// Returns "host:port" of every node of the cluster in the order of scripts/galera.sh
		/// (node 0 first); the one server's for a single MariaDB; empty for SQLite.

	std::size_t checkNode() const;
		/// Returns the node session() connects to: 1 on a cluster of two or more nodes, else 0.

	Poco::Data::Session session() const;
		/// Opens a new session on this database: on a cluster, on checkNode(), with
		/// wsrep_sync_wait = 15, so that it sees every write committed through any node before
		/// each of its statements.

	Poco::Data::Session session(std::size_t node) const;
		/// Opens a new session on this database on the given node (on a cluster with
		/// wsrep_sync_wait = 15, as session() does).
		///
		/// Throws Poco::RangeException if there is no such node.

	Defines hostDefines(std::size_t preferredNode = 0) const;
		/// Returns the configuration keys of a host (HostProcess::Defines) or a Runtime on this
		/// database: orgs.database.connector and orgs.database.connectionString (of
		/// preferredNode), and on a cluster orgs.database.nodes listing every node with
		/// preferredNode first.
		///
		/// Throws Poco::RangeException if there is no such node.

	std::string nodesSetting(std::size_t preferredNode) const;
		/// Returns the value of orgs.database.nodes for a host that prefers the given node:
		/// "host:port, host:port, ..." with that node first, the others in order.

	static std::vector<std::string> connectors();
		/// Returns {"SQLite", "MySQL"}: every test that touches the data layer runs on both.

	static void restartServer();
		/// Restarts the private MariaDB (same port, same data) by running
		/// "$ORGS_MARIADB_SCRIPT restart $ORGS_MARIADB_DIR", and waits until it is back.
		///
		/// Throws Poco::IOException if either variable is unset or the script fails.

	static void killNode(std::size_t node);
		/// Kills node (SIGKILL) of the Galera cluster by running
		/// "$ORGS_GALERA_SCRIPT kill $ORGS_GALERA_DIR <node + 1>". Does not wait for the others
		/// to notice.
		///
		/// Throws Poco::IOException if either variable is unset or the script fails.

	static void startNode(std::size_t node);
		/// Starts node of the Galera cluster again (same ports and data) and waits until it has
		/// rejoined (by IST or SST) and is Synced: "$ORGS_GALERA_SCRIPT start-node ...".
		///
		/// Throws Poco::IOException if either variable is unset or the script fails.

	static void waitSynced();
		/// Waits until every running node of the Galera cluster is Synced in a cluster of that
		/// many nodes: "$ORGS_GALERA_SCRIPT wait-synced $ORGS_GALERA_DIR".
		///
		/// Throws Poco::IOException if either variable is unset or the script fails.

private:
	TestDatabase(const std::string& connector, const std::string& name, const std::string& connectionString);
		/// An SQLite database.

	TestDatabase(const std::string& name, const std::vector<std::string>& nodes, const std::string& user,
	             const std::string& password, bool cluster);
		/// A MariaDB database on nodes (one for a single server).

	TestDatabase(const TestDatabase&) = delete;
	TestDatabase& operator=(const TestDatabase&) = delete;

	static Ptr createSQLite();
	static Ptr createMySQL();

	std::string serverConnectionString(std::size_t node) const;
	void checkNodeIndex(std::size_t node) const;
	void waitUntilEveryNodeSees() const;

	std::string _connector;
	std::string _name;
	std::string _connectionString;
	std::vector<std::string> _nodes;
	std::string _user;
	std::string _password;
	bool _cluster;
};


//
// inlines
//
inline const std::string& TestDatabase::connector() const
{
	return _connector;
}


inline const std::string& TestDatabase::connectionString() const
{
	return _connectionString;
}


inline const std::string& TestDatabase::name() const
{
	return _name;
}


inline bool TestDatabase::isMySQL() const
{
	return _connector == MYSQL;
}


inline bool TestDatabase::isCluster() const
{
	return _cluster;
}


inline const std::vector<std::string>& TestDatabase::nodes() const
{
	return _nodes;
}


inline std::size_t TestDatabase::checkNode() const
{
	return _cluster && _nodes.size() > 1 ? 1 : 0;
}


} // namespace Test
} // namespace Orgs


#endif // Orgs_TestDatabase_INCLUDED
