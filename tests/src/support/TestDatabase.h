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
	/// (written by scripts/mariadb.sh); the destructor drops it.
	///
	/// A test that asks for MySQL fails when MariaDB is not reachable: it is never skipped.
{
public:
	using Ptr = Poco::SharedPtr<TestDatabase>;

	static const std::string SQLITE;
	static const std::string MYSQL;

	static Ptr create(const std::string& connector);
		/// Creates a fresh database for the connector "SQLite" or "MySQL" and registers the
		/// Poco::Data connector.
		///
		/// Throws Poco::InvalidArgumentException for another connector, and Poco::IOException
		/// if ORGS_MARIADB_INFO is unset, its file is missing or incomplete, or the server
		/// cannot be reached.

	~TestDatabase();
		/// Drops the database (MySQL) or removes the file (SQLite). Never throws.

	const std::string& connector() const;
		/// Returns "SQLite" or "MySQL".

	const std::string& connectionString() const;
		/// Returns the Poco::Data connection string of this database: the file path for SQLite,
		/// "host=..;port=..;user=..;password=..;db=orgs_t_..;character-set=utf8mb4;auto-reconnect=true"
		/// for MySQL.

	const std::string& name() const;
		/// Returns the database name (MySQL) or the file path (SQLite).

	bool isMySQL() const;
		/// Returns true if this is a MariaDB database.

	Poco::Data::Session session() const;
		/// Opens a new session on this database.

	static std::vector<std::string> connectors();
		/// Returns {"SQLite", "MySQL"}: every test that touches the data layer runs on both.

	static void restartServer();
		/// Restarts the private MariaDB (same port, same data) by running
		/// "$ORGS_MARIADB_SCRIPT restart $ORGS_MARIADB_DIR", and waits until it is back.
		///
		/// Throws Poco::IOException if either variable is unset or the script fails.

private:
	TestDatabase(const std::string& connector, const std::string& name, const std::string& connectionString,
	             const std::string& serverConnectionString);

	TestDatabase(const TestDatabase&) = delete;
	TestDatabase& operator=(const TestDatabase&) = delete;

	static Ptr createSQLite();
	static Ptr createMySQL();

	std::string _connector;
	std::string _name;
	std::string _connectionString;
	std::string _serverConnectionString;
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


} // namespace Test
} // namespace Orgs


#endif // Orgs_TestDatabase_INCLUDED
