//
// BenchDatabase.cpp
//
// Library: OrgsBench
// Package: Bench
// Module:  BenchDatabase
//


#include "BenchDatabase.h"
#include "Poco/Data/MySQL/Connector.h"
#include "Poco/Data/SQLite/Connector.h"
#include "Poco/Exception.h"
#include "Poco/File.h"
#include "Poco/Path.h"
#include "Poco/Util/PropertyFileConfiguration.h"


using Poco::Data::Keywords::now;


namespace Orgs {
namespace Bench {


namespace {


const std::size_t LOGIN_TIMEOUT = 10;


} // namespace


BenchDatabase BenchDatabase::sqlite(const std::string& path)
{
	Poco::Data::SQLite::Connector::registerConnector();
	const std::string absolute = Poco::Path(path).makeAbsolute().toString();
	Poco::File(Poco::Path(absolute).parent()).createDirectories();
	BenchDatabase db;
	db._connector = "SQLite";
	db._label = "SQLite";
	db._name = absolute;
	db._connectionString = absolute;
	return db;
}


BenchDatabase BenchDatabase::mysql(const std::string& propertiesFile, const std::string& name)
{
	Poco::Data::MySQL::Connector::registerConnector();
	if (!Poco::File(propertiesFile).exists())
		throw Poco::IOException("MariaDB connection file " + propertiesFile +
		                        " does not exist (run scripts/mariadb.sh start DIR)");
	Poco::AutoPtr<Poco::Util::PropertyFileConfiguration> pProps =
	    new Poco::Util::PropertyFileConfiguration(propertiesFile);
	for (const char* key : {"host", "port", "user", "password"})
	{
		if (!pProps->hasProperty(key))
			throw Poco::IOException("MariaDB connection file " + propertiesFile + " has no " + key);
	}
	BenchDatabase db;
	db._connector = "MySQL";
	db._label = "MariaDB";
	db._name = name;
	db._serverConnection = "host=" + pProps->getString("host") + ";port=" + pProps->getString("port") +
	                       ";user=" + pProps->getString("user") + ";password=" + pProps->getString("password") +
	                       ";character-set=utf8mb4";
	db._connectionString = db._serverConnection + ";db=" + name + ";auto-reconnect=true";
	Poco::Data::Session admin("MySQL", db._serverConnection, LOGIN_TIMEOUT);
	admin << "CREATE DATABASE IF NOT EXISTS `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci", now;
	return db;
}


Poco::Data::Session BenchDatabase::session() const
{
	return Poco::Data::Session(_connector, _connectionString, LOGIN_TIMEOUT);
}


void BenchDatabase::recreate()
{
	if (isMySQL())
	{
		Poco::Data::Session admin("MySQL", _serverConnection, LOGIN_TIMEOUT);
		admin << "DROP DATABASE IF EXISTS `" + _name + "`", now;
		admin << "CREATE DATABASE `" + _name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci", now;
	}
	else
	{
		for (const char* suffix : {"", "-wal", "-shm", "-journal"})
		{
			Poco::File file(_name + suffix);
			if (file.exists())
				file.remove();
		}
	}
}


} // namespace Bench
} // namespace Orgs
