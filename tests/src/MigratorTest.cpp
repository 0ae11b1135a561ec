//
// MigratorTest.cpp
//
// Library: OrgsTests
// Package: Data
// Module:  MigratorTest
//


#include "MigratorTest.h"
#include "support/Suites.h"
#include "support/Racing.h"
#include "data/Database.h"
#include "data/MembershipRepository.h"
#include "data/Migrator.h"
#include "support/TestDatabase.h"
#include "support/TestRuntime.h"
#include "Poco/Path.h"
#include "Poco/Data/DataException.h"
#include "Poco/Logger.h"
#include "Poco/String.h"
#include "Poco/Timestamp.h"
#include <atomic>
#include <cstdlib>
#include <map>
#include <memory>
#include <regex>
#include <set>
#include <thread>
#include <typeinfo>


using namespace Poco::Data::Keywords;
using Orgs::RoleMap;
using Orgs::Data::Database;
using Orgs::Data::MembershipRepository;
using Orgs::Data::Migrator;
using Orgs::Test::TestDatabase;
using Orgs::Test::TestRuntime;

using Orgs::Test::StartGate;
using Orgs::Test::typeName;


ORGS_TEST_SUITE(MigratorTest, "Migrator", DATABASE);


namespace {


Poco::Logger& quietLogger()
{
	Poco::Logger& logger = Poco::Logger::get("orgs-test.migrator");
	logger.setLevel(Poco::Message::PRIO_WARNING);
	return logger;
}


Orgs::Config::DatabaseSettings settingsFor(const TestDatabase& db)
{
	Orgs::Config::DatabaseSettings s;
	s.connector = db.connector();
	s.connectionString = db.connectionString();
	s.minSessions = 1;
	s.maxSessions = 4;
	return s;
}


struct Fixture
	/// A fresh database and a Database (pool) on it, not yet migrated.
{
	Fixture() : pDb(TestDatabase::create(TestRuntime::connector())), pDatabase(new Database(settingsFor(*pDb))) {}

	~Fixture() { pDatabase.reset(); }

	Migrator migrator() { return Migrator(*pDatabase, quietLogger()); }

	Poco::Data::Session session()
	{
		Poco::Data::Session s = pDb->session();
		if (!pDb->isMySQL())
			s << "PRAGMA foreign_keys = ON", now; // as every session of the plugin does
		return s;
	}

	TestDatabase::Ptr pDb;
	std::unique_ptr<Database> pDatabase;
};


int latestVersion(const Migrator& migrator)
{
	return migrator.migrations().back().version;
}


std::map<int, std::pair<std::string, std::string>> appliedMigrations(Poco::Data::Session& s)
	/// Returns version -> (name, checksum) of schema_migrations; fails on a repeated version.
{
	std::vector<int> versions;
	std::vector<std::string> names;
	std::vector<std::string> checksums;
	s << "SELECT version, name, checksum FROM schema_migrations ORDER BY version", into(versions), into(names),
	    into(checksums), now;
	std::map<int, std::pair<std::string, std::string>> result;
	for (std::size_t i = 0; i < versions.size(); ++i)
	{
		CPPUNIT_ASSERT_MESSAGE("version " + std::to_string(versions[i]) + " recorded twice",
		                       result.find(versions[i]) == result.end());
		result[versions[i]] = std::make_pair(names[i], checksums[i]);
	}
	return result;
}


void assertRecordsEveryMigration(const Migrator& migrator, Poco::Data::Session& s)
{
	std::map<int, std::pair<std::string, std::string>> applied = appliedMigrations(s);
	CPPUNIT_ASSERT_EQUAL(migrator.migrations().size(), applied.size());
	for (const auto& m : migrator.migrations())
	{
		auto it = applied.find(m.version);
		CPPUNIT_ASSERT_MESSAGE("migration " + m.name + " is not recorded", it != applied.end());
		CPPUNIT_ASSERT_EQUAL(m.name, it->second.first);
		CPPUNIT_ASSERT_EQUAL(Migrator::checksum(m.sql), it->second.second);
		CPPUNIT_ASSERT_EQUAL(std::size_t(64), it->second.second.size());
	}
}


std::set<std::string> tablesOf(const Fixture& f, Poco::Data::Session& s)
{
	std::vector<std::string> names;
	if (f.pDb->isMySQL())
	{
		s << "SELECT CAST(table_name AS CHAR(64)) FROM information_schema.tables WHERE table_schema = DATABASE()",
		    into(names), now;
	}
	else
	{
		s << "SELECT name FROM sqlite_master WHERE type = 'table'", into(names), now;
	}
	return std::set<std::string>(names.begin(), names.end());
}


std::set<std::string> tablesCreatedBy(const Migrator& migrator)
{
	static const std::regex createTable("CREATE\\s+TABLE\\s+(IF\\s+NOT\\s+EXISTS\\s+)?`?([A-Za-z0-9_]+)`?",
	                                    std::regex::icase);
	std::set<std::string> tables;
	for (const auto& m : migrator.migrations())
	{
		for (auto it = std::sregex_iterator(m.sql.begin(), m.sql.end(), createTable); it != std::sregex_iterator();
		     ++it)
			tables.insert((*it)[2].str());
	}
	return tables;
}


std::string migrateError(Migrator migrator, bool apply)
{
	try
	{
		int version = migrator.migrate(apply);
		CPPUNIT_FAIL("migrate(" + std::string(apply ? "true" : "false") + ") returned version " +
		             std::to_string(version) + " instead of throwing");
	}
	catch (Poco::Data::DataException& exc)
	{
		return exc.displayText();
	}
	catch (Poco::Exception& exc)
	{
		CPPUNIT_FAIL("migrate threw " + std::string(exc.className()) +
		             " instead of a DataException: " + exc.displayText());
	}
	return std::string();
}


void assertContains(const std::string& what, const std::string& text)
{
	CPPUNIT_ASSERT_MESSAGE("'" + what + "' not in: " + text, text.find(what) != std::string::npos);
}


void assertRejected(Poco::Data::Session& s, const std::string& sql, Database::ErrorKind expected,
                    const std::string& why)
	/// Runs sql and expects the database to refuse it with an error Database::classify() calls expected.
{
	try
	{
		s << sql, now;
	}
	catch (Poco::Exception& exc)
	{
		CPPUNIT_ASSERT_MESSAGE(why + ": the error was not classified as expected (" +
		                           std::to_string(static_cast<int>(Database::classify(exc))) + " instead of " +
		                           std::to_string(static_cast<int>(expected)) + "): " + exc.displayText(),
		                       Database::classify(exc) == expected);
		return;
	}
	CPPUNIT_FAIL(why + ": the database accepted " + sql);
}


void inOneTransaction(Poco::Data::Session& s, const std::vector<std::string>& statements)
	/// Runs the statements as one transaction, as the services write a handle and its row. On
	/// a Galera cluster whose nodes apply write sets in parallel (wsrep_slave_threads > 1), a
	/// row written apart from the handle it references has been applied before it on a node,
	/// failed its foreign key there and split the cluster.
{
	s << (Poco::icompare(s.connector(), "sqlite") == 0 ? "BEGIN" : "START TRANSACTION"), now;
	for (const std::string& sql : statements)
		s << sql, now;
	s << "COMMIT", now;
}


Poco::Int64 insertAccount(Poco::Data::Session& s, const std::string& username)
{
	inOneTransaction(s, {"INSERT INTO handles (handle, kind) VALUES ('" + username + "', 'a')",
	                     "INSERT INTO accounts (username, handle_kind, email, name, created_at) VALUES ('" + username +
	                         "', 'a', '" + username + "@example.com', '', 0)"});
	Poco::Int64 id = 0;
	s << "SELECT id FROM accounts WHERE username = '" + username + "'", into(id), now;
	return id;
}


Poco::Int64 insertOrganization(Poco::Data::Session& s, const std::string& username, Poco::Int64 ownerId)
{
	inOneTransaction(s, {"INSERT INTO handles (handle, kind) VALUES ('" + username + "', 'o')",
	                     "INSERT INTO organizations (username, handle_kind, title, region, owner_account_id, "
	                     "created_at, updated_at) VALUES ('" +
	                         username + "', 'o', 'T', 'us', " + std::to_string(ownerId) + ", 0, 0)"});
	Poco::Int64 id = 0;
	s << "SELECT id FROM organizations WHERE username = '" + username + "'", into(id), now;
	return id;
}


std::string membershipSql(Poco::Int64 orgId, Poco::Int64 accountId, const std::string& role)
{
	return "INSERT INTO memberships (organization_id, account_id, role, created_at, updated_at) VALUES (" +
	       std::to_string(orgId) + ", " + std::to_string(accountId) + ", '" + role + "', 0, 0)";
}


int scalar(Poco::Data::Session& s, const std::string& sql)
{
	int n = -1;
	s << sql, into(n), now;
	return n;
}


} // namespace


void MigratorTest::testFreshDatabaseMigratesToLatest()
{
	Fixture f;
	Migrator migrator = f.migrator();
	CPPUNIT_ASSERT(!migrator.migrations().empty());
	CPPUNIT_ASSERT_EQUAL(latestVersion(migrator), migrator.migrate(true));

	Poco::Data::Session s = f.session();
	assertRecordsEveryMigration(migrator, s);

	std::set<std::string> tables = tablesOf(f, s);
	std::set<std::string> expected = tablesCreatedBy(migrator);
	expected.insert("schema_migrations");
	for (const char* core : {"handles", "accounts", "organizations", "memberships", "access_tokens"})
		CPPUNIT_ASSERT_MESSAGE(std::string("the migrations do not create ") + core, expected.count(core) == 1);
	for (const auto& table : expected)
		CPPUNIT_ASSERT_MESSAGE("table " + table + " is missing after migrating", tables.count(table) == 1);
}


void MigratorTest::testSecondRunIsNoOp()
{
	Fixture f;
	const int latest = latestVersion(f.migrator());
	CPPUNIT_ASSERT_EQUAL(latest, f.migrator().migrate(true));

	Poco::Data::Session s = f.session();
	Poco::Int64 appliedAt = 0;
	s << "SELECT MAX(applied_at) FROM schema_migrations", into(appliedAt), now;

	// Again, with a new Database as a restarted host would have: nothing is applied twice.
	Database other(settingsFor(*f.pDb));
	CPPUNIT_ASSERT_EQUAL(latest, Migrator(other, quietLogger()).migrate(true));
	CPPUNIT_ASSERT_EQUAL(latest, f.migrator().migrate(true));
	// An up-to-date schema is accepted without migrating (orgs.database.migrate=false).
	CPPUNIT_ASSERT_EQUAL(latest, f.migrator().migrate(false));

	assertRecordsEveryMigration(f.migrator(), s);
	Poco::Int64 appliedAtAfter = 0;
	s << "SELECT MAX(applied_at) FROM schema_migrations", into(appliedAtAfter), now;
	CPPUNIT_ASSERT_EQUAL(appliedAt, appliedAtAfter);
}


void MigratorTest::testPendingMigrationsWithoutApplyAreRefused()
{
	Fixture f;
	const std::string error = migrateError(f.migrator(), false);
	assertContains("orgs.database.migrate", error);

	// Nothing was applied: the schema tables do not exist.
	Poco::Data::Session s = f.session();
	std::set<std::string> tables = tablesOf(f, s);
	CPPUNIT_ASSERT_MESSAGE("migrate(false) created the organizations table", tables.count("organizations") == 0);
	if (tables.count("schema_migrations")) // SQLite rolls the whole check back; MySQL keeps the empty table
		CPPUNIT_ASSERT_EQUAL(0, scalar(s, "SELECT COUNT(*) FROM schema_migrations"));

	// And the same through the runtime: the plugin refuses to start.
	try
	{
		Poco::AutoPtr<Poco::Util::MapConfiguration> pConfig =
		    TestRuntime::configuration(*f.pDb, {{"orgs.database.migrate", "false"}});
		Orgs::Runtime runtime(*pConfig, TestRuntime::resolveConfigPath, quietLogger());
		CPPUNIT_FAIL("the runtime started on an unmigrated database with orgs.database.migrate=false");
	}
	catch (Poco::Data::DataException& exc)
	{
		assertContains("orgs.database.migrate", exc.displayText());
	}
}


void MigratorTest::testConcurrentMigratorsApplyEachMigrationOnce()
{
	// Two migrators (in odd rounds three), each on its own Database as in separate hosts,
	// started together on a fresh database. SQLite rounds are cheap: run more of them.
	const int ROUNDS = TestRuntime::connector() == TestDatabase::SQLITE ? 20 : 6;
	for (int round = 0; round < ROUNDS; ++round)
	{
		const int migrators = round % 2 == 0 ? 2 : 3;
		TestDatabase::Ptr pDb = TestDatabase::create(TestRuntime::connector());
		std::vector<std::unique_ptr<Database>> databases;
		for (int i = 0; i < migrators; ++i)
			databases.emplace_back(new Database(settingsFor(*pDb)));
		std::vector<int> versions(migrators, -1);
		std::vector<std::string> errors(migrators);

		StartGate gate(migrators);
		std::vector<std::thread> threads;
		for (int i = 0; i < migrators; ++i)
		{
			threads.emplace_back([&, i] {
				gate.arriveAndWait();
				try
				{
					versions[i] = Migrator(*databases[i], quietLogger()).migrate(true);
				}
				catch (std::exception& exc)
				{
					const auto* pPoco = dynamic_cast<const Poco::Exception*>(&exc);
					errors[i] = typeName(exc) + ": " + (pPoco ? pPoco->displayText() : std::string(exc.what()));
				}
			});
		}
		for (auto& t : threads)
			t.join();

		Migrator migrator(*databases[0], quietLogger());
		const std::string where = "round " + std::to_string(round) + ", " + std::to_string(migrators) + " migrators: ";
		for (int i = 0; i < migrators; ++i)
		{
			CPPUNIT_ASSERT_MESSAGE(where + "migrator " + std::to_string(i) + " failed: " + errors[i],
			                       errors[i].empty());
			CPPUNIT_ASSERT_EQUAL(latestVersion(migrator), versions[i]);
		}
		Poco::Data::Session s = pDb->session();
		assertRecordsEveryMigration(migrator, s);
	}
}


void MigratorTest::testLiveLeaseIsWaitedFor()
{
	// MySQL's migration lock is a replicated lease row (it must hold across a Galera cluster);
	// SQLite's is its write lock, which the test above covers.
	Fixture f;
	if (!f.pDb->isMySQL())
		return;
	f.migrator().migrate(true);
	Poco::Data::Session s = f.session();
	// Another host's lease, two seconds from running out: the migrator waits for it.
	s << "INSERT INTO schema_lock (name, holder, expires_at) VALUES ('migrations', 'another-host', "
	     "UNIX_TIMESTAMP() + 2)",
	    now;
	const Poco::Timestamp started;
	CPPUNIT_ASSERT_EQUAL(latestVersion(f.migrator()), f.migrator().migrate(true));
	CPPUNIT_ASSERT_MESSAGE("the migrator did not wait for the live lease (" + std::to_string(started.elapsed() / 1000) +
	                           " ms)",
	                       started.elapsed() >= 1000000);
	CPPUNIT_ASSERT_EQUAL(0, scalar(s, "SELECT COUNT(*) FROM schema_lock"));
}


void MigratorTest::testExpiredLeaseIsTakenOver()
{
	Fixture f;
	if (!f.pDb->isMySQL())
		return;
	f.migrator().migrate(true);
	Poco::Data::Session s = f.session();
	// A host that died while migrating left its lease behind; it has run out.
	s << "INSERT INTO schema_lock (name, holder, expires_at) VALUES ('migrations', 'dead-host', UNIX_TIMESTAMP() - 1)",
	    now;
	const Poco::Timestamp started;
	CPPUNIT_ASSERT_EQUAL(latestVersion(f.migrator()), f.migrator().migrate(true));
	CPPUNIT_ASSERT(started.elapsed() < 1000000);
	// Released: nobody holds it, and the dead host's row is gone.
	CPPUNIT_ASSERT_EQUAL(0, scalar(s, "SELECT COUNT(*) FROM schema_lock"));
}


void MigratorTest::testEveryTableSuitsGalera()
{
	// Galera replicates InnoDB rows only, and a table without a primary key replicates badly
	// (deletes scan every row on every node; MariaDB's wsrep_mode=REQUIRED_PRIMARY_KEY refuses it).
	Fixture f;
	if (!f.pDb->isMySQL())
		return;
	f.migrator().migrate(true);
	Poco::Data::Session s = f.session();
	std::vector<std::string> withoutKey;
	s << "SELECT CAST(t.table_name AS CHAR(64)) FROM information_schema.tables t WHERE t.table_schema = DATABASE() "
	     "AND NOT EXISTS (SELECT 1 FROM information_schema.table_constraints c WHERE c.table_schema = t.table_schema "
	     "AND c.table_name = t.table_name AND c.constraint_type = 'PRIMARY KEY')",
	    into(withoutKey), now;
	CPPUNIT_ASSERT_MESSAGE("tables without a primary key: " +
	                           Poco::cat(std::string(", "), withoutKey.begin(), withoutKey.end()),
	                       withoutKey.empty());
	std::vector<std::string> notInnoDb;
	s << "SELECT CAST(table_name AS CHAR(64)) FROM information_schema.tables WHERE table_schema = DATABASE() "
	     "AND engine <> 'InnoDB'",
	    into(notInnoDb), now;
	CPPUNIT_ASSERT_MESSAGE("tables not in InnoDB: " + Poco::cat(std::string(", "), notInnoDb.begin(), notInnoDb.end()),
	                       notInnoDb.empty());
}


void MigratorTest::testNewerSchemaIsRefused()
{
	Fixture f;
	f.migrator().migrate(true);
	Poco::Data::Session s = f.session();
	s << "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (999, '0999_future', '" +
	         std::string(64, '0') + "', 0)",
	    now;

	assertContains("newer", migrateError(f.migrator(), true));
	assertContains("newer", migrateError(f.migrator(), false));
	// The row from the future is left alone.
	CPPUNIT_ASSERT_EQUAL(1, scalar(s, "SELECT COUNT(*) FROM schema_migrations WHERE version = 999"));
}


void MigratorTest::testChangedMigrationIsRefused()
{
	Fixture f;
	Migrator migrator = f.migrator();
	migrator.migrate(true);
	const Orgs::Data::Migration& first = migrator.migrations().front();
	Poco::Data::Session s = f.session();
	s << "UPDATE schema_migrations SET checksum = '" + std::string(64, 'f') +
	         "' WHERE version = " + std::to_string(first.version),
	    now;

	const std::string error = migrateError(f.migrator(), true);
	assertContains("differs", error);
	assertContains(first.name, error);
	assertContains("differs", migrateError(f.migrator(), false));
}


void MigratorTest::testSplitStatements()
{
	using Statements = std::vector<std::string>;

	// Comments are skipped, statements end with a ';' that ends a line, blank lines vanish.
	Statements s = Migrator::splitStatements("-- header comment\n"
	                                         "\n"
	                                         "CREATE TABLE a (\n"
	                                         "  -- a comment inside a statement\n"
	                                         "  x INT\n"
	                                         ");\n"
	                                         "\n"
	                                         "    -- an indented comment\n"
	                                         "CREATE TABLE b (y INT);   \n"
	                                         "INSERT INTO b VALUES (1);\n");
	CPPUNIT_ASSERT_EQUAL(std::size_t(3), s.size());
	CPPUNIT_ASSERT_EQUAL(std::string("CREATE TABLE a (\n  x INT\n)"), s[0]);
	CPPUNIT_ASSERT_EQUAL(std::string("CREATE TABLE b (y INT)"), s[1]);
	CPPUNIT_ASSERT_EQUAL(std::string("INSERT INTO b VALUES (1)"), s[2]);

	// A ';' inside a line does not end the statement.
	s = Migrator::splitStatements("INSERT INTO t VALUES ('a;b');\nINSERT INTO t VALUES ('c');\n");
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), s.size());
	CPPUNIT_ASSERT_EQUAL(std::string("INSERT INTO t VALUES ('a;b')"), s[0]);

	// Windows line ends, and a last statement without a final newline or ';'.
	s = Migrator::splitStatements("SELECT 1;\r\nSELECT 2;\r\nSELECT 3");
	CPPUNIT_ASSERT_EQUAL(std::size_t(3), s.size());
	CPPUNIT_ASSERT_EQUAL(std::string("SELECT 1"), s[0]);
	CPPUNIT_ASSERT_EQUAL(std::string("SELECT 2"), s[1]);
	CPPUNIT_ASSERT_EQUAL(std::string("SELECT 3"), s[2]);

	// Nothing but comments and blank lines: no statement at all.
	CPPUNIT_ASSERT(Migrator::splitStatements("-- only\n\n   \n-- comments\n").empty());
	CPPUNIT_ASSERT(Migrator::splitStatements("").empty());

	// No empty statement, whatever stray ';' the file has.
	s = Migrator::splitStatements("CREATE TABLE c (z INT);\n;\n  ;  \n");
	for (const auto& statement : s)
		CPPUNIT_ASSERT_MESSAGE("an empty statement was produced", !statement.empty());
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), s.size());
	CPPUNIT_ASSERT_EQUAL(std::string("CREATE TABLE c (z INT)"), s[0]);
}


void MigratorTest::testShippedMigrationsSplitCleanly()
{
	for (const auto* pMigrations : {&Orgs::Data::mysqlMigrations(), &Orgs::Data::sqliteMigrations()})
	{
		CPPUNIT_ASSERT(!pMigrations->empty());
		int previous = 0;
		for (const auto& m : *pMigrations)
		{
			CPPUNIT_ASSERT_MESSAGE(m.name + " is out of order", m.version > previous);
			previous = m.version;
			for (const auto& statement : Migrator::splitStatements(m.sql))
			{
				CPPUNIT_ASSERT_MESSAGE(m.name + " has an empty statement", !statement.empty());
				CPPUNIT_ASSERT_MESSAGE(m.name + " has a statement with a comment line: " + statement,
				                       statement.find("\n--") == std::string::npos &&
				                           statement.compare(0, 2, "--") != 0);
				CPPUNIT_ASSERT_MESSAGE(m.name + " has a statement ending with ';': " + statement,
				                       statement.back() != ';');
			}
		}
	}
	// Both dialects carry the same versions.
	CPPUNIT_ASSERT_EQUAL(Orgs::Data::mysqlMigrations().size(), Orgs::Data::sqliteMigrations().size());
	for (std::size_t i = 0; i < Orgs::Data::mysqlMigrations().size(); ++i)
		CPPUNIT_ASSERT_EQUAL(Orgs::Data::mysqlMigrations()[i].version, Orgs::Data::sqliteMigrations()[i].version);
}


void MigratorTest::testOneMembershipPerOrganizationAndAccount()
{
	Fixture f;
	f.migrator().migrate(true);
	Poco::Data::Session s = f.session();
	const Poco::Int64 ada = insertAccount(s, "ada");
	const Poco::Int64 bob = insertAccount(s, "bob");
	const Poco::Int64 acme = insertOrganization(s, "acme", ada);
	s << membershipSql(acme, ada, "admin"), now;
	s << membershipSql(acme, bob, "member"), now;

	assertRejected(s, membershipSql(acme, bob, "admin"), Database::ErrorKind::Duplicate,
	               "a second membership of the same account in the same organization");
	CPPUNIT_ASSERT_EQUAL(2, scalar(s, "SELECT COUNT(*) FROM memberships"));

	// A membership needs an existing organization and an existing account.
	assertRejected(s, membershipSql(acme + 1000, bob, "member"), Database::ErrorKind::ForeignKey,
	               "a membership of a missing organization");
	assertRejected(s, membershipSql(acme, bob + 1000, "member"), Database::ErrorKind::ForeignKey,
	               "a membership of a missing account");
}


void MigratorTest::testAccountsAndOrganizationsShareHandles()
{
	Fixture f;
	f.migrator().migrate(true);
	Poco::Data::Session s = f.session();
	const Poco::Int64 ada = insertAccount(s, "ada");
	insertOrganization(s, "acme", ada);

	// An organization cannot take an account's handle ...
	assertRejected(s, "INSERT INTO handles (handle, kind) VALUES ('ada', 'o')", Database::ErrorKind::Duplicate,
	               "the handle of an account reserved again for an organization");
	// ... nor an account an organization's.
	assertRejected(s, "INSERT INTO handles (handle, kind) VALUES ('acme', 'a')", Database::ErrorKind::Duplicate,
	               "the handle of an organization reserved again for an account");
	// An organization row needs a handle of its own kind: without one it is refused ...
	assertRejected(s,
	               "INSERT INTO organizations (username, handle_kind, title, region, owner_account_id, created_at, "
	               "updated_at) VALUES ('ada', 'o', 'T', 'us', " +
	                   std::to_string(ada) + ", 0, 0)",
	               Database::ErrorKind::ForeignKey, "an organization named like an account, without its own handle");
	// ... and it cannot borrow an account's handle by claiming the account kind.
	assertRejected(s,
	               "INSERT INTO organizations (username, handle_kind, title, region, owner_account_id, created_at, "
	               "updated_at) VALUES ('ada', 'a', 'T', 'us', " +
	                   std::to_string(ada) + ", 0, 0)",
	               Database::ErrorKind::Check, "an organization claiming an account's handle");
	// Nor can a second account share a username.
	assertRejected(s,
	               "INSERT INTO accounts (username, handle_kind, email, name, created_at) "
	               "VALUES ('ada', 'a', 'other@example.com', '', 0)",
	               Database::ErrorKind::Duplicate, "a second account named like the first");
	// An account needs its handle.
	assertRejected(s,
	               "INSERT INTO accounts (username, handle_kind, email, name, created_at) "
	               "VALUES ('nohandle', 'a', 'n@example.com', '', 0)",
	               Database::ErrorKind::ForeignKey, "an account without a handle");

	CPPUNIT_ASSERT_EQUAL(2, scalar(s, "SELECT COUNT(*) FROM handles"));
	CPPUNIT_ASSERT_EQUAL(1, scalar(s, "SELECT COUNT(*) FROM accounts"));
	CPPUNIT_ASSERT_EQUAL(1, scalar(s, "SELECT COUNT(*) FROM organizations"));
}


void MigratorTest::testOwnerMustBeAnAccount()
{
	Fixture f;
	f.migrator().migrate(true);
	Poco::Data::Session s = f.session();
	const Poco::Int64 ada = insertAccount(s, "ada");
	s << "INSERT INTO handles (handle, kind) VALUES ('ghosts', 'o')", now;

	assertRejected(s,
	               "INSERT INTO organizations (username, handle_kind, title, region, owner_account_id, created_at, "
	               "updated_at) VALUES ('ghosts', 'o', 'T', 'us', " +
	                   std::to_string(ada + 1000) + ", 0, 0)",
	               Database::ErrorKind::ForeignKey, "an organization owned by a missing account");
	CPPUNIT_ASSERT_EQUAL(0, scalar(s, "SELECT COUNT(*) FROM organizations"));

	// Nor can the owner be changed to a missing account, or the owner's account be deleted.
	const Poco::Int64 acme = insertOrganization(s, "acme", ada);
	assertRejected(s,
	               "UPDATE organizations SET owner_account_id = " + std::to_string(ada + 1000) +
	                   " WHERE id = " + std::to_string(acme),
	               Database::ErrorKind::ForeignKey, "an owner changed to a missing account");
	assertRejected(s, "DELETE FROM accounts WHERE id = " + std::to_string(ada), Database::ErrorKind::ForeignKey,
	               "deleting the account that owns an organization");
	CPPUNIT_ASSERT_EQUAL(ada, Poco::Int64(scalar(s, "SELECT owner_account_id FROM organizations")));
}


void MigratorTest::testDefaultRolesCopiedToMemberships()
{
	Fixture f;
	Poco::Data::Session s = f.session();
	// The schema as it was before 0009, with data in it; then 0009 alone.
	const Migrator migrator = f.migrator();
	for (const auto& m : migrator.migrations())
	{
		if (m.version < 9)
			for (const std::string& statement : Migrator::splitStatements(m.sql))
				s << statement, now;
	}
	const Poco::Int64 ada = insertAccount(s, "ada");
	const Poco::Int64 bob = insertAccount(s, "bob");
	const Poco::Int64 cy = insertAccount(s, "cy");
	const Poco::Int64 acme = insertOrganization(s, "acme", ada);
	for (Poco::Int64 account : {ada, bob, cy})
		s << membershipSql(acme, account, "member"), now;
	auto defaultRole = [&](Poco::Int64 account, const std::string& type, const std::string& role) {
		s << "INSERT INTO member_default_roles (organization_id, account_id, resource_type, role) VALUES (?, ?, ?, ?)",
		    bind(acme), bind(account), bind(type), bind(role), now;
	};
	defaultRole(ada, "dataset", "labeler");
	defaultRole(ada, "project", "none");
	for (int i = 0; i < 12; ++i) // 12 types of 64 + 64 characters: more than the column's 1,000
		defaultRole(cy, std::string(60, 'a') + std::to_string(10 + i), std::string(64, 'r'));
	for (const auto& m : migrator.migrations())
	{
		if (m.version == 9)
			for (const std::string& statement : Migrator::splitStatements(m.sql))
				s << statement, now;
	}

	auto copied = [&](Poco::Int64 account) {
		std::string text;
		s << "SELECT default_roles FROM memberships WHERE organization_id = ? AND account_id = ?", bind(acme),
		    bind(account), into(text), now;
		return text;
	};
	const RoleMap expected{{"dataset", "labeler"}, {"project", "none"}};
	CPPUNIT_ASSERT(expected == MembershipRepository::decodeDefaultRoles(copied(ada)));
	CPPUNIT_ASSERT_EQUAL(std::string(), copied(bob));
	CPPUNIT_ASSERT_EQUAL(std::string("*"), copied(cy));
}
