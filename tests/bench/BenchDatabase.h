//
// BenchDatabase.h
//
// Library: OrgsBench
// Package: Bench
// Module:  BenchDatabase
//
// The database that holds a benchmark population, kept from one run to the next.
//


#ifndef Orgs_BenchDatabase_INCLUDED
#define Orgs_BenchDatabase_INCLUDED


#include "Poco/Data/Session.h"
#include <string>


namespace Orgs {
namespace Bench {


class BenchDatabase
	/// Names a database for the benchmark population and opens sessions on it.
	///
	/// SQLite: a file, by default <build>/tests/bench/data/orgs-bench-<tag>.db.
	/// MySQL: the database orgs_bench_<tag> on the server described by a connection.properties
	/// file as scripts/mariadb.sh writes it (host, port, user, password).
	///
	/// The population is loaded once and reused while its description matches (see Population).
{
public:
	static BenchDatabase sqlite(const std::string& path);
		/// Returns the SQLite database in the file at path (created when needed).

	static BenchDatabase mysql(const std::string& propertiesFile, const std::string& name);
		/// Returns the MariaDB database name on the server described by propertiesFile,
		/// creating it if it does not exist. Throws Poco::IOException if the file is missing or
		/// incomplete and a Poco::Data exception if the server cannot be reached.

	const std::string& connector() const;
		/// Returns "SQLite" or "MySQL".

	const std::string& connectionString() const;
		/// Returns the Poco::Data connection string of the database.

	const std::string& label() const;
		/// Returns "SQLite" or "MariaDB", for reports.

	const std::string& name() const;
		/// Returns the SQLite file's path or the MariaDB database's name.

	bool isMySQL() const;

	Poco::Data::Session session() const;
		/// Opens a new session, outside any pool.

	void recreate();
		/// Empties the database: removes the SQLite file, or drops and creates the MariaDB database.

private:
	BenchDatabase() = default;

	std::string _connector;
	std::string _connectionString;
	std::string _label;
	std::string _name;             ///< the file or the database name
	std::string _serverConnection; ///< MySQL: the connection string without a database
};


//
// inlines
//
inline const std::string& BenchDatabase::connector() const
{
	return _connector;
}


inline const std::string& BenchDatabase::connectionString() const
{
	return _connectionString;
}


inline const std::string& BenchDatabase::label() const
{
	return _label;
}


inline const std::string& BenchDatabase::name() const
{
	return _name;
}


inline bool BenchDatabase::isMySQL() const
{
	return _connector == "MySQL";
}


} // namespace Bench
} // namespace Orgs


#endif // Orgs_BenchDatabase_INCLUDED
