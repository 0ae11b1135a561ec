//
// NodePoolsTest.cpp
//
// Library: OrgsTests
// Package: Data
// Module:  NodePoolsTest
//


#include "NodePoolsTest.h"
#include "data/Database.h"
#include "data/NodePools.h"
#include "Poco/Data/MySQL/MySQLException.h"
#include "support/Suites.h"
#include "Poco/Logger.h"


using Orgs::Data::NodePools;


ORGS_TEST_SUITE(NodePoolsTest, "NodePools", UNIT);


void NodePoolsTest::testNodeReplacesHostAndPort()
{
	CPPUNIT_ASSERT_EQUAL(std::string("host=10.0.0.2;port=3307;user=orgs;db=orgs"),
	                     NodePools::withNode("host=db;port=3306;user=orgs;db=orgs", "10.0.0.2:3307"));
	// Keys in any case, anywhere; an IPv6 address loses its brackets.
	CPPUNIT_ASSERT_EQUAL(std::string("host=::1;port=3308;user=orgs;db=orgs"),
	                     NodePools::withNode("user=orgs;HOST=db;db=orgs; Port = 3306", "[::1]:3308"));
	// A connection string that named no server gets one.
	CPPUNIT_ASSERT_EQUAL(std::string("host=db3;port=3306;user=orgs"), NodePools::withNode("user=orgs", "db3:3306"));
}


void NodePoolsTest::testEveryOtherKeyIsKept()
{
	const std::string cs = NodePools::withNode("host=a;port=1;user=u;password=p=q;db=orgs;character-set=utf8mb4;"
	                                           "auto-reconnect=false;compress=true",
	                                           "b:2");
	CPPUNIT_ASSERT_EQUAL(std::string("host=b;port=2;user=u;password=p=q;db=orgs;character-set=utf8mb4;"
	                                 "auto-reconnect=false;compress=true"),
	                     cs);
}


void NodePoolsTest::testOneNodeWithoutAList()
{
	// Without orgs.database.nodes the connection string is the one node, named for the log by
	// its server; no pool connects before a session is asked for.
	Orgs::Config::DatabaseSettings settings;
	settings.connector = "MySQL";
	settings.connectionString = "host=127.0.0.1;port=1;user=u;db=d";
	NodePools pools(settings, Poco::Logger::get("orgs-test.nodes"));
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), pools.size());
	CPPUNIT_ASSERT_EQUAL(std::string("127.0.0.1:1"), pools.node(0));
	CPPUNIT_ASSERT_EQUAL(std::size_t(0), pools.current());
	// One node has nowhere to go.
	CPPUNIT_ASSERT(!pools.failover(0));

	settings.nodes = {"127.0.0.1:1", "127.0.0.1:2"};
	NodePools cluster(settings, Poco::Logger::get("orgs-test.nodes"));
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), cluster.size());
	CPPUNIT_ASSERT_EQUAL(std::string("127.0.0.1:2"), cluster.node(1));
}


void NodePoolsTest::testClusterErrorsAreClassified()
{
	using Orgs::Data::Database;
	using Poco::Data::MySQL::StatementException;
	const auto statement = [](const std::string& what, int number) {
		return StatementException(what + "\t[mysql_stmt_error]: x\t[mysql_stmt_errno]: " + std::to_string(number) +
		                          "\t[mysql_stmt_sqlstate]: 00000\t[statemnt]: SELECT 1");
	};
	// A certification conflict at COMMIT: run the unit again.
	CPPUNIT_ASSERT(Database::classify(statement("mysql_stmt_execute error", 1213)) == Database::ErrorKind::Retryable);
	// A node outside the primary component: another node takes the work.
	CPPUNIT_ASSERT(Database::classify(statement("mysql_stmt_execute error", 1047)) ==
	               Database::ErrorKind::ConnectionLost);
	// Rows whose reading failed without an error number (a brute-force abort): again.
	CPPUNIT_ASSERT(Database::classify(statement("mysql_stmt_fetch error", 0)) == Database::ErrorKind::Retryable);
	// Any other statement error without a number stays an error.
	CPPUNIT_ASSERT(Database::classify(statement("mysql_stmt_prepare error", 0)) == Database::ErrorKind::Other);
	// A transaction found ended at COMMIT: again.
	CPPUNIT_ASSERT(Database::classify(Orgs::Data::UnitLostException("marker gone")) == Database::ErrorKind::Retryable);
}
