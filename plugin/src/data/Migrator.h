//
// Migrator.h
//
// Library: OrgsPlugin
// Package: Data
// Module:  Migrator
//
// Applies the forward-only schema migrations compiled into the plugin.
//


#ifndef Orgs_Migrator_INCLUDED
#define Orgs_Migrator_INCLUDED


#include "data/Database.h"
#include "data/Migration.h"
#include "Poco/Logger.h"
#include "Poco/Timestamp.h"
#include <string>
#include <vector>


namespace Orgs {
namespace Data {


class Migrator
	/// Brings the schema up to the latest migration, recording each in schema_migrations.
	///
	/// Safe when several hosts start at once against one database or cluster: on MySQL it
	/// holds a lease row in schema_lock (replicated, so it holds across a Galera cluster,
	/// where GET_LOCK() would hold on one node), renewed while it works; on SQLite a
	/// BEGIN IMMEDIATE transaction (which also makes each SQLite upgrade atomic). On a Galera
	/// node its DDL runs in total order isolation (TOI) whatever the server's default. It
	/// refuses a database whose schema is newer than the plugin, or whose applied migrations
	/// differ from the plugin's.
{
public:
	static constexpr const char* LOCK_NAME = "migrations";
	static const int LEASE_SECONDS = 120; ///< a holder that died delays the next one this long at most
	static const int WAIT_SECONDS = 180;  ///< longer than a lease, so a dead holder's lease runs out first

	Migrator(Database& database, Poco::Logger& logger);

	int migrate(bool apply);
		/// Checks the schema and, if apply is true, applies pending migrations. Returns the
		/// schema version afterwards. Throws Poco::DataException if the schema is newer than
		/// the plugin, if an applied migration was changed, if migrations are pending and
		/// apply is false, or if the lock cannot be had within WAIT_SECONDS.

	const std::vector<Migration>& migrations() const;
		/// Returns the plugin's migrations for the database's dialect.

	static std::vector<std::string> splitStatements(const std::string& sql);
		/// Splits a migration into statements: each ends with a ';' at the end of a line;
		/// lines starting with "--" are comments.

	static std::string checksum(const std::string& sql);
		/// Returns the SHA-256 of a migration's text, in hex.

private:
	int run(Poco::Data::Session& session, bool apply, const std::string& holder);
	static void prepareCluster(Poco::Data::Session& session);
		/// On a Galera node: DDL in total order isolation.
	static std::string lock(Poco::Data::Session& session);
		/// Takes the lease (waiting up to WAIT_SECONDS) and returns its holder token.
	static void renew(Poco::Data::Session& session, const std::string& holder, Poco::Timestamp& renewed);
		/// Extends the lease if a quarter of it passed since renewed; throws if it was lost.
		/// Does nothing for an empty holder (SQLite).
	static void unlock(Poco::Data::Session& session, const std::string& holder) noexcept;

	Database& _database;
	Poco::Logger& _logger;
};


} // namespace Data
} // namespace Orgs


#endif // Orgs_Migrator_INCLUDED
