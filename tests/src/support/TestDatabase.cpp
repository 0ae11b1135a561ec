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
#include "Poco/TemporaryFile.h"
#include <map>


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
		    " is not set: run the MariaDB tests through ctest (scripts/test.sh), which starts the server");
	}
	return value;
}


std::map<std::string, std::string> readProperties(const std::string& path)
{
	if (!Poco::File(path).exists())
		throw Poco::IOException("MariaDB connection file " + path + " does not exist (is the server started?)");
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
			throw Poco::IOException("MariaDB connection file " + path + " has no " + key);
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


TestDatabase::TestDatabase(const std::string& connector, const std::string& name, const std::string& connectionString,
                           const std::string& serverConnectionString)
    : _connector(connector), _name(name), _connectionString(connectionString),
      _serverConnectionString(serverConnectionString)
{
}


TestDatabase::~TestDatabase()
{
	if (isMySQL())
	{
		try
		{
			Poco::Data::Session admin(MYSQL, _serverConnectionString, LOGIN_TIMEOUT);
			admin << "DROP DATABASE IF EXISTS `" + _name + "`", now;
		}
		catch (...)
		{
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
	return Ptr(new TestDatabase(SQLITE, path, path, std::string()));
}


TestDatabase::Ptr TestDatabase::createMySQL()
{
	Poco::Data::MySQL::Connector::registerConnector();
	const std::string infoPath = requireEnv("ORGS_MARIADB_INFO");
	std::map<std::string, std::string> info = readProperties(infoPath);

	const std::string server = "host=" + info["host"] + ";port=" + info["port"] + ";user=" + info["user"] +
	                           ";password=" + info["password"] + ";character-set=utf8mb4";
	const std::string name = "orgs_t_" + randomHex(6);
	try
	{
		Poco::Data::Session admin(MYSQL, server, LOGIN_TIMEOUT);
		admin << "CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci", now;
	}
	catch (Poco::Exception& exc)
	{
		throw Poco::IOException("cannot create a test database on MariaDB at " + info["host"] + ":" + info["port"] +
		                        " (from " + infoPath + "): " + exc.displayText());
	}
	const std::string connectionString = "host=" + info["host"] + ";port=" + info["port"] + ";user=" + info["user"] +
	                                     ";password=" + info["password"] + ";db=" + name +
	                                     ";character-set=utf8mb4;auto-reconnect=true";
	return Ptr(new TestDatabase(MYSQL, name, connectionString, server));
}


Poco::Data::Session TestDatabase::session() const
{
	return Poco::Data::Session(_connector, _connectionString, LOGIN_TIMEOUT);
}


std::vector<std::string> TestDatabase::connectors()
{
	return {SQLITE, MYSQL};
}


void TestDatabase::restartServer()
{
	const std::string script = requireEnv("ORGS_MARIADB_SCRIPT");
	const std::string dir = requireEnv("ORGS_MARIADB_DIR");
	Poco::Process::Args args{"restart", dir};
	Poco::Pipe outPipe;
	Poco::ProcessHandle handle = Poco::Process::launch(script, args, nullptr, &outPipe, &outPipe);
	Poco::PipeInputStream out(outPipe);
	std::string output;
	Poco::StreamCopier::copyToString(out, output);
	int rc = handle.wait();
	if (rc != 0)
	{
		throw Poco::IOException(script + " restart " + dir + " failed with exit code " +
		                        Poco::NumberFormatter::format(rc) + ": " + output);
	}
}


} // namespace Test
} // namespace Orgs
