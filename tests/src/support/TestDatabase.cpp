//
// TestDatabase.cpp
//
// Library: OrgsTestSupport
// Package: Support
// Module:  TestDatabase
//


#include "support/TestDatabase.h"
#include "Poco/Data/MySQL/Connector.h"
#include "Poco/Data/SQLite/Connector.h"
#include "Poco/Environment.h"
#include "Poco/Exception.h"
#include "Poco/File.h"
#include "Poco/FileStream.h"
#include "Poco/NumberFormatter.h"
#include "Poco/Pipe.h"
#include "Poco/PipeStream.h"
#include "Poco/Process.h"
#include "Poco/RandomStream.h"
#include "Poco/StreamCopier.h"
#include "Poco/String.h"
#include "Poco/StringTokenizer.h"
#include "Poco/TemporaryFile.h"
#include "Poco/Thread.h"
#include "Poco/Timestamp.h"
#include <map>


using Poco::Data::Keywords::bind;
using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;


namespace Orgs {
namespace Test {


const std::string TestDatabase::SQLITE("SQLite");
const std::string TestDatabase::MYSQL("MySQL");


namespace {


const std::size_t LOGIN_TIMEOUT = 10;


std::string requireEnv(const std::string& name)
{
	std::string value = Poco::Environment::get(name, "");
	if (value.empty())
	{
		throw Poco::IOException(
		    "environment variable " + name +
		    " is not set: run the MariaDB and Galera tests through ctest (scripts/test.sh), which starts the servers");
	}
	return value;
}


std::map<std::string, std::string> readProperties(const std::string& path)
{
	if (!Poco::File(path).exists())
		throw Poco::IOException("connection file " + path + " does not exist (is the server started?)");
	Poco::FileInputStream in(path);
	std::map<std::string, std::string> result;
	std::string line;
	while (std::getline(in, line))
	{
		std::string::size_type eq = line.find('=');
		if (eq == std::string::npos || Poco::trim(line).empty() || line[0] == '#')
			continue;
		result[Poco::trim(line.substr(0, eq))] = Poco::trim(line.substr(eq + 1));
	}
	for (const char* key : {"host", "port", "user", "password"})
	{
		if (result.find(key) == result.end())
			throw Poco::IOException("connection file " + path + " has no " + key);
	}
	return result;
}


std::string randomHex(int bytes)
{
	Poco::RandomInputStream random;
	std::string result;
	for (int i = 0; i < bytes; ++i)
	{
		unsigned char c = static_cast<unsigned char>(random.get());
		result += Poco::NumberFormatter::formatHex(static_cast<unsigned>(c), 2);
	}
	return Poco::toLower(result);
}


std::string runScript(const std::string& scriptVariable, const std::string& dirVariable, Poco::Process::Args args)
	/// Runs "$scriptVariable <args[0]> $dirVariable <args[1..]>" and returns its output; throws
	/// Poco::IOException unless it exits with 0.
{
	const std::string script = requireEnv(scriptVariable);
	const std::string dir = requireEnv(dirVariable);
	args.insert(args.begin() + 1, dir);
	Poco::Pipe outPipe;
	Poco::ProcessHandle handle = Poco::Process::launch(script, args, nullptr, &outPipe, &outPipe);
	Poco::PipeInputStream out(outPipe);
	std::string output;
	Poco::StreamCopier::copyToString(out, output);
	int rc = handle.wait();
	if (rc != 0)
	{
		throw Poco::IOException(script + " " + Poco::cat(std::string(" "), args.begin(), args.end()) +
		                        " failed with exit code " + Poco::NumberFormatter::format(rc) + ": " + output);
	}
	return output;
}


std::vector<std::string> splitNodes(const std::string& list)
{
	std::vector<std::string> nodes;
	Poco::StringTokenizer tokens(list, ",", Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
	for (const auto& token : tokens)
		nodes.push_back(token);
	return nodes;
}


void removeIfExists(const std::string& path)
{
	try
	{
		Poco::File file(path);
		if (file.exists())
			file.remove();
	}
	catch (...)
	{
	}
}


} // namespace


TestDatabase::TestDatabase(const std::string& connector, const std::string& name, const std::string& connectionString)
    : _connector(connector), _name(name), _connectionString(connectionString), _cluster(false)
{
}


TestDatabase::TestDatabase(const std::string& name, const std::vector<std::string>& nodes, const std::string& user,
                           const std::string& password, bool cluster)
    : _connector(MYSQL), _name(name), _nodes(nodes), _user(user), _password(password), _cluster(cluster)
{
	_connectionString = connectionString(0);
}


TestDatabase::~TestDatabase()
{
	if (isMySQL())
	{
		// On a cluster a test may have killed some nodes: the first that answers drops it for all.
		for (std::size_t node = 0; node < _nodes.size(); ++node)
		{
			try
			{
				Poco::Data::Session admin(MYSQL, serverConnectionString(node), LOGIN_TIMEOUT);
				admin << "DROP DATABASE IF EXISTS `" + _name + "`", now;
				break;
			}
			catch (...)
			{
			}
		}
	}
	else
	{
		for (const char* suffix : {"", "-wal", "-shm", "-journal"})
			removeIfExists(_name + suffix);
	}
}


TestDatabase::Ptr TestDatabase::create(const std::string& connector)
{
	if (connector == SQLITE)
		return createSQLite();
	if (connector == MYSQL)
		return createMySQL();
	throw Poco::InvalidArgumentException("unknown test connector", connector);
}


TestDatabase::Ptr TestDatabase::createSQLite()
{
	Poco::Data::SQLite::Connector::registerConnector();
	std::string path = Poco::TemporaryFile::tempName() + ".db";
	return Ptr(new TestDatabase(SQLITE, path, path));
}


TestDatabase::Ptr TestDatabase::createMySQL()
{
	Poco::Data::MySQL::Connector::registerConnector();
	const bool cluster = !Poco::Environment::get("ORGS_GALERA_INFO", "").empty();
	const std::string infoPath = requireEnv(cluster ? "ORGS_GALERA_INFO" : "ORGS_MARIADB_INFO");
	std::map<std::string, std::string> info = readProperties(infoPath);

	std::vector<std::string> nodes;
	if (cluster)
	{
		nodes = splitNodes(info["nodes"]);
		if (nodes.empty())
			throw Poco::IOException("Galera connection file " + infoPath + " has no nodes");
	}
	else
	{
		nodes.push_back(info["host"] + ":" + info["port"]);
	}
	Ptr pDatabase(new TestDatabase("orgs_t_" + randomHex(6), nodes, info["user"], info["password"], cluster));
	try
	{
		Poco::Data::Session admin(MYSQL, pDatabase->serverConnectionString(0), LOGIN_TIMEOUT);
		admin << "CREATE DATABASE `" + pDatabase->name() + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci", now;
	}
	catch (Poco::Exception& exc)
	{
		// Nothing to drop: the destructor's DROP DATABASE IF EXISTS is harmless.
		throw Poco::IOException("cannot create a test database on " +
		                        std::string(cluster ? "Galera node " : "MariaDB at ") + nodes[0] + " (from " +
		                        infoPath + "): " + exc.displayText());
	}
	if (cluster)
		pDatabase->waitUntilEveryNodeSees();
	return pDatabase;
}


void TestDatabase::waitUntilEveryNodeSees() const
{
	// CREATE DATABASE replicates in total order, but another node applies it on its own time: a
	// fresh connection to it right after could still miss the database.
	const Poco::Timestamp start;
	for (std::size_t node = 0; node < _nodes.size(); ++node)
	{
		std::string lastError;
		for (;;)
		{
			try
			{
				Poco::Data::Session s(MYSQL, serverConnectionString(node), LOGIN_TIMEOUT);
				s << "SET SESSION wsrep_sync_wait = 1", now;
				Poco::Int64 count = 0;
				s << "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?", bind(_name), into(count),
				    now;
				if (count == 1)
					break;
				lastError = "the database is not there yet";
			}
			catch (Poco::Exception& exc)
			{
				lastError = exc.displayText();
			}
			if (start.isElapsed(30 * Poco::Timestamp::resolution()))
			{
				throw Poco::IOException("Galera node " + _nodes[node] + " does not see the new database " + _name +
				                        " after 30 s: " + lastError);
			}
			Poco::Thread::sleep(50);
		}
	}
}


void TestDatabase::checkNodeIndex(std::size_t node) const
{
	if (node >= _nodes.size())
	{
		throw Poco::RangeException("no database node " + Poco::NumberFormatter::format(node) + " (there are " +
		                           Poco::NumberFormatter::format(_nodes.size()) + ")");
	}
}


std::string TestDatabase::serverConnectionString(std::size_t node) const
{
	checkNodeIndex(node);
	const std::string& hostPort = _nodes[node];
	const std::string::size_type colon = hostPort.rfind(':');
	return "host=" + hostPort.substr(0, colon) + ";port=" + hostPort.substr(colon + 1) + ";user=" + _user +
	       ";password=" + _password + ";character-set=utf8mb4";
}


std::string TestDatabase::connectionString(std::size_t node) const
{
	if (!isMySQL())
		throw Poco::RangeException("an SQLite database has no nodes");
	checkNodeIndex(node);
	const std::string& hostPort = _nodes[node];
	const std::string::size_type colon = hostPort.rfind(':');
	return "host=" + hostPort.substr(0, colon) + ";port=" + hostPort.substr(colon + 1) + ";user=" + _user +
	       ";password=" + _password + ";db=" + _name + ";character-set=utf8mb4;auto-reconnect=true";
}


Poco::Data::Session TestDatabase::session() const
{
	if (!isMySQL())
		return Poco::Data::Session(_connector, _connectionString, LOGIN_TIMEOUT);
	return session(checkNode());
}


Poco::Data::Session TestDatabase::session(std::size_t node) const
{
	Poco::Data::Session s(MYSQL, connectionString(node), LOGIN_TIMEOUT);
	if (_cluster)
	{
		// Reads, updates, deletes and inserts wait until this node has applied everything the
		// cluster committed before them: what a test checks through one node was written through
		// another.
		s << "SET SESSION wsrep_sync_wait = 15", now;
	}
	return s;
}


std::string TestDatabase::nodesSetting(std::size_t preferredNode) const
{
	checkNodeIndex(preferredNode);
	std::string result = _nodes[preferredNode];
	for (std::size_t node = 0; node < _nodes.size(); ++node)
	{
		if (node != preferredNode)
			result += ", " + _nodes[node];
	}
	return result;
}


TestDatabase::Defines TestDatabase::hostDefines(std::size_t preferredNode) const
{
	Defines defines;
	defines["orgs.database.connector"] = _connector;
	if (!isMySQL())
	{
		defines["orgs.database.connectionString"] = _connectionString;
		return defines;
	}
	defines["orgs.database.connectionString"] = connectionString(preferredNode);
	if (_cluster)
		defines["orgs.database.nodes"] = nodesSetting(preferredNode);
	return defines;
}


std::vector<std::string> TestDatabase::connectors()
{
	return {SQLITE, MYSQL};
}


void TestDatabase::restartServer()
{
	runScript("ORGS_MARIADB_SCRIPT", "ORGS_MARIADB_DIR", {"restart"});
}


void TestDatabase::killNode(std::size_t node)
{
	runScript("ORGS_GALERA_SCRIPT", "ORGS_GALERA_DIR", {"kill", Poco::NumberFormatter::format(node + 1)});
}


void TestDatabase::startNode(std::size_t node)
{
	runScript("ORGS_GALERA_SCRIPT", "ORGS_GALERA_DIR", {"start-node", Poco::NumberFormatter::format(node + 1)});
}


void TestDatabase::waitSynced()
{
	runScript("ORGS_GALERA_SCRIPT", "ORGS_GALERA_DIR", {"wait-synced"});
}


} // namespace Test
} // namespace Orgs
