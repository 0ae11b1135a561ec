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
#include <string>
#include <vector>


namespace Orgs {
namespace Data {


class Migrator
	/// Brings the schema up to the latest migration, recording each in schema_migrations.
	///
	/// Safe when several hosts start at once against one database: on MySQL it holds the
	/// named lock GET_LOCK('orgs.schema_migrations'), on SQLite a BEGIN IMMEDIATE transaction
	/// (which also makes each SQLite upgrade atomic). It refuses a database whose schema is
	/// newer than the plugin, or whose applied migrations differ from the plugin's.
{
public:
	Migrator(Database& database, Poco::Logger& logger);

	int migrate(bool apply);
		/// Checks the schema and, if apply is true, applies pending migrations. Returns the
		/// schema version afterwards. Throws Poco::DataException if the schema is newer than
		/// the plugin, if an applied migration was changed, if migrations are pending and
		/// apply is false, or if the lock cannot be had within two minutes.

	const std::vector<Migration>& migrations() const;
		/// Returns the plugin's migrations for the database's dialect.

	static std::vector<std::string> splitStatements(const std::string& sql);
		/// Splits a migration into statements: each ends with a ';' at the end of a line;
		/// lines starting with "--" are comments.

	static std::string checksum(const std::string& sql);
		/// Returns the SHA-256 of a migration's text, in hex.

private:
	int run(Poco::Data::Session& session, bool apply);

	Database& _database;
	Poco::Logger& _logger;
};


} // namespace Data
} // namespace Orgs


#endif // Orgs_Migrator_INCLUDED
