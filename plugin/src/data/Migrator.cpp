//
// Migrator.cpp
//
// Library: OrgsPlugin
// Package: Data
// Module:  Migrator
//


#include "data/Migrator.h"
#include "data/NodePools.h"
#include "Poco/Data/DataException.h"
#include "Poco/DigestEngine.h"
#include "Poco/NumberFormatter.h"
#include "Poco/RandomStream.h"
#include "Poco/Thread.h"
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
		prepareCluster(session);
		const std::string holder = lock(session);
		try
		{
			int version = run(session, apply, holder);
			unlock(session, holder);
			return version;
		}
		catch (...)
		{
			unlock(session, holder);
			throw;
		}
	}

	session << "BEGIN IMMEDIATE", now;
	try
	{
		int version = run(session, apply, std::string());
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


void Migrator::prepareCluster(Poco::Data::Session& session)
{
	if (!NodePools::isGaleraNode(session))
		return;
	// Total order isolation: each DDL statement runs on every node at the same point of the
	// cluster's order. A server set to rolling upgrades (RSU) would change this node alone.
	session << "SET SESSION wsrep_OSU_method = 'TOI'", now;
}


std::string Migrator::lock(Poco::Data::Session& session)
{
	// A lease row, not GET_LOCK(): a named lock is held on one server only (Galera refuses it
	// or keeps it to one node), while this row is replicated, and two nodes inserting it at
	// once collide (a duplicate key, or a certification conflict at COMMIT). The row expires,
	// so a host that died holding it delays the next one by LEASE_SECONDS at most.
	session << "CREATE TABLE IF NOT EXISTS schema_lock ("
	           "name VARCHAR(64) NOT NULL PRIMARY KEY, "
	           "holder CHAR(32) NOT NULL, "
	           "expires_at BIGINT NOT NULL, "
	           "renewals BIGINT NOT NULL DEFAULT 0) ENGINE=InnoDB",
	    now;
	Poco::RandomInputStream random;
	std::string holder;
	for (int i = 0; i < 16; ++i)
		holder += Poco::NumberFormatter::formatHex(static_cast<unsigned>(static_cast<unsigned char>(random.get())), 2);
	const Poco::Timestamp started;
	std::string name = LOCK_NAME;
	int lease = LEASE_SECONDS;
	for (int pause = 50;; pause = std::min(pause * 2, 500))
	{
		try
		{
			session << "DELETE FROM schema_lock WHERE name = ? AND expires_at < UNIX_TIMESTAMP()", use(name), now;
			session << "INSERT INTO schema_lock (name, holder, expires_at) VALUES (?, ?, UNIX_TIMESTAMP() + ?)",
			    use(name), use(holder), use(lease), now;
			return holder;
		}
		catch (Poco::Exception& exc)
		{
			const Database::ErrorKind kind = Database::classify(exc);
			if (kind != Database::ErrorKind::Duplicate && kind != Database::ErrorKind::Retryable)
				throw;
		}
		if (started.elapsed() >= Poco::Timestamp::TimeDiff(WAIT_SECONDS) * 1000000)
		{
			throw Poco::Data::DataException("could not take the migration lock within " + std::to_string(WAIT_SECONDS) +
			                                " s: another host holds it (table schema_lock)");
		}
		Poco::Thread::sleep(pause);
	}
}


void Migrator::renew(Poco::Data::Session& session, const std::string& holder, Poco::Timestamp& renewed)
{
	// A quarter of the lease between renewals: one statement per migration run, not per DDL.
	if (holder.empty() || renewed.elapsed() < Poco::Timestamp::TimeDiff(LEASE_SECONDS) * 250000)
		return;
	renewed.update();
	std::string name = LOCK_NAME;
	std::string h = holder;
	int lease = LEASE_SECONDS;
	Poco::Data::Statement update(session);
	update << "UPDATE schema_lock SET expires_at = UNIX_TIMESTAMP() + ?, renewals = renewals + 1 "
	          "WHERE name = ? AND holder = ?",
	    use(lease), use(name), use(h);
	if (update.execute() != 1)
		throw Poco::Data::DataException("lost the migration lock (its lease of " + std::to_string(LEASE_SECONDS) +
		                                " s ran out); another host may be migrating");
}


void Migrator::unlock(Poco::Data::Session& session, const std::string& holder) noexcept
{
	try
	{
		std::string name = LOCK_NAME;
		std::string h = holder;
		session << "DELETE FROM schema_lock WHERE name = ? AND holder = ?", use(name), use(h), now;
	}
	catch (...)
	{
		// The lease runs out by itself.
	}
}


int Migrator::run(Poco::Data::Session& session, bool apply, const std::string& holder)
{
	Poco::Timestamp renewed;
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
			renew(session, holder, renewed);
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
