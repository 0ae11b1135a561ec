//
// Migration.h
//
// Library: OrgsPlugin
// Package: Data
// Module:  Migration
//
// One forward-only schema migration, compiled into the plugin from sql/<dialect>/.
//


#ifndef Orgs_Migration_INCLUDED
#define Orgs_Migration_INCLUDED


#include <string>
#include <vector>


namespace Orgs {
namespace Data {


struct Migration
	/// A migration file: its version (the number its name starts with), its name and its SQL.
{
	int version;
	std::string name;
	std::string sql;
};


const std::vector<Migration>& mysqlMigrations();
	/// Returns the MySQL/MariaDB migrations in version order (generated from sql/mysql/).

const std::vector<Migration>& sqliteMigrations();
	/// Returns the SQLite migrations in version order (generated from sql/sqlite/).


} // namespace Data
} // namespace Orgs


#endif // Orgs_Migration_INCLUDED
