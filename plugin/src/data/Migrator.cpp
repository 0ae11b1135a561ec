//
// Migrator.cpp
//
// Library: OrgsPlugin
// Package: Data
// Module:  Migrator
//


#include "data/Migrator.h"
#include "Poco/Data/DataException.h"
#include "Poco/DigestEngine.h"
#include "Poco/SHA2Engine.h"
#include "Poco/String.h"
#include "Poco/StringTokenizer.h"
#include "Poco/Timestamp.h"
#include <map>


using namespace Poco::Data::Keywords;


namespace Orgs {
namespace Data {


Migrator::Migrator(Database& database, Poco::Logger& logger) : _database(database), _logger(logger) {}


const std::vector<Migration>& Migrator::migrations() const
{
	return _database.dialect() == Database::Dialect::MySQL ? mysqlMigrations() : sqliteMigrations();
}


std::vector<std::string> Migrator::splitStatements(const std::string& sql)
{
	std::vector<std::string> statements;
	std::string current;
	Poco::StringTokenizer lines(sql, "\n", 0);
	for (const auto& rawLine : lines)
	{
		const std::string line = Poco::trimRight(rawLine);
		if (Poco::trimLeft(line).compare(0, 2, "--") == 0)
			continue;
		current += line;
		current += '\n';
		if (!line.empty() && line.back() == ';')
		{
			current = Poco::trim(current);
			current.pop_back();
			current = Poco::trim(current);
			if (!current.empty())
				statements.push_back(current);
			current.clear();
		}
	}
	if (!Poco::trim(current).empty())
		statements.push_back(Poco::trim(current));
	return statements;
}


std::string Migrator::checksum(const std::string& sql)
{
	Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
	sha.update(sql);
	return Poco::DigestEngine::digestToHex(sha.digest());
}


int Migrator::migrate(bool apply)
{
	Poco::Data::Session session = _database.openDedicated();
	if (_database.dialect() == Database::Dialect::MySQL)
	{
		int locked = 0;
		session << "SELECT GET_LOCK('orgs.schema_migrations', 120)", into(locked), now;
		if (locked != 1)
			throw Poco::Data::DataException("could not take the migration lock 'orgs.schema_migrations' within 120 s");
		try
		{
			int version = run(session, apply);
			session << "SELECT RELEASE_LOCK('orgs.schema_migrations')", into(locked), now;
			return version;
		}
		catch (...)
		{
			try
			{
				session << "SELECT RELEASE_LOCK('orgs.schema_migrations')", into(locked), now;
			}
			catch (...)
			{
			}
			throw;
		}
	}

	session << "BEGIN IMMEDIATE", now;
	try
	{
		int version = run(session, apply);
		session << "COMMIT", now;
		return version;
	}
	catch (...)
	{
		try
		{
			session << "ROLLBACK", now;
		}
		catch (...)
		{
		}
		throw;
	}
}


int Migrator::run(Poco::Data::Session& session, bool apply)
{
	session << "CREATE TABLE IF NOT EXISTS schema_migrations ("
	           "version INTEGER NOT NULL PRIMARY KEY, "
	           "name VARCHAR(191) NOT NULL, "
	           "checksum CHAR(64) NOT NULL, "
	           "applied_at BIGINT NOT NULL)",
	    now;

	std::vector<int> versions;
	std::vector<std::string> names;
	std::vector<std::string> checksums;
	session << "SELECT version, name, checksum FROM schema_migrations ORDER BY version", into(versions), into(names),
	    into(checksums), now;

	const std::vector<Migration>& known = migrations();
	const int latest = known.empty() ? 0 : known.back().version;
	std::map<int, std::string> applied;
	for (std::size_t i = 0; i < versions.size(); ++i)
	{
		if (versions[i] > latest)
		{
			throw Poco::Data::DataException("the database schema is at version " + std::to_string(versions.back()) +
			                                " (" + names.back() + "), newer than this plugin supports (" +
			                                std::to_string(latest) + "); upgrade the plugin");
		}
		applied[versions[i]] = checksums[i];
	}

	int current = versions.empty() ? 0 : versions.back();
	for (const auto& m : known)
	{
		auto it = applied.find(m.version);
		if (it != applied.end())
		{
			if (it->second != checksum(m.sql))
			{
				throw Poco::Data::DataException("migration " + m.name +
				                                " differs from the one applied to this database; migrations are "
				                                "forward-only: add a new one instead of editing an applied one");
			}
			continue;
		}
		if (!apply)
		{
			throw Poco::Data::DataException("the database schema is at version " + std::to_string(current) +
			                                " and the plugin needs " + std::to_string(latest) +
			                                "; start once with orgs.database.migrate=true");
		}
		_logger.information("Applying migration %s", m.name);
		for (const auto& statement : splitStatements(m.sql))
		{
			try
			{
				session << statement, now;
			}
			catch (Poco::Exception& exc)
			{
				throw Poco::Data::DataException("migration " + m.name + " failed: " + exc.displayText());
			}
		}
		Poco::Int64 at = Poco::Timestamp().epochMicroseconds();
		std::string sum = checksum(m.sql);
		std::string name = m.name;
		int version = m.version;
		session << "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)",
		    use(version), use(name), use(sum), use(at), now;
		current = m.version;
	}
	return current;
}


} // namespace Data
} // namespace Orgs
