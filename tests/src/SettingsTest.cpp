//
// SettingsTest.cpp
//
// Library: OrgsTests
// Package: Config
// Module:  SettingsTest
//


#include "SettingsTest.h"
#include "support/Suites.h"
#include "config/Preset.h"
#include "config/Reader.h"
#include "config/RoleCatalog.h"
#include "config/Settings.h"
#include "support/TestRuntime.h"
#include "Poco/AutoPtr.h"
#include "Poco/Exception.h"
#include "Poco/FileStream.h"
#include "Poco/RegularExpression.h"
#include "Poco/Util/MapConfiguration.h"
#include "Poco/Util/PropertyFileConfiguration.h"
#include <set>


using Orgs::Config::Preset;
using Orgs::Config::Reader;
using Orgs::Config::RoleCatalog;
using Orgs::Config::Settings;


ORGS_TEST_SUITE(SettingsTest, "Settings", UNIT);


namespace {


std::string resolve(const std::string& p)
{
	return p[0] == '/' ? p : "/etc/orgs/" + p;
}


std::string loadError(const Poco::Util::AbstractConfiguration& config)
{
	try
	{
		Settings::load(config, resolve);
	}
	catch (Poco::DataFormatException& exc)
	{
		return exc.message();
	}
	CPPUNIT_FAIL("the settings were accepted");
	return "";
}


class Recording : public Poco::Util::AbstractConfiguration
	/// Another configuration, noting every key asked of it (the role model's reads, which do
	/// not go through a Config::Reader).
{
public:
	explicit Recording(const Poco::Util::AbstractConfiguration& config) : _config(config) {}

	const std::set<std::string>& asked() const { return _asked; }

protected:
	bool getRaw(const std::string& key, std::string& value) const override
	{
		_asked.insert(key);
		if (!_config.has(key))
			return false;
		value = _config.getRawString(key);
		return true;
	}

	void setRaw(const std::string&, const std::string&) override { throw Poco::NotImplementedException(); }

	void enumerate(const std::string& key, Keys& range) const override { _config.keys(key, range); }

private:
	const Poco::Util::AbstractConfiguration& _config;
	mutable std::set<std::string> _asked;
};


struct Reading
	/// What the plugin reads from one configuration: every key asked for, and the keys read
	/// with a default (with that default and the value in effect).
{
	std::set<std::string> asked;
	Reader::Entries entries;
};


Reading readAll(const Poco::Util::AbstractConfiguration& config)
	/// Reads config as the plugin does (Preset's keys, Settings with its plans, and the role
	/// model when config holds one), without resolving paths or looking at other files.
{
	auto same = [](const std::string& path) { return path; };
	Poco::AutoPtr<Recording> pRecording = new Recording(config);
	Reader reader(*pRecording);
	Preset::name(reader);
	Preset::directory(reader, same);
	Settings::load(reader, same);
	if (config.has("orgs.roles." + RoleCatalog::ORGANIZATION))
		RoleCatalog::load(*pRecording, "test");
	Reading reading;
	reading.asked = pRecording->asked();
	reading.entries = reader.entries();
	return reading;
}


std::vector<std::string> shippedFiles()
{
	const std::string config = Orgs::Test::TestRuntime::sourceDir() + "/config/";
	std::vector<std::string> files{config + "orgs.properties", config + "roles.properties"};
	for (const auto& preset : Preset::available(config + "presets"))
		files.push_back(config + "presets/" + preset + ".properties");
	return files;
}


void allKeys(const Poco::Util::AbstractConfiguration& config, const std::string& prefix, std::vector<std::string>& keys)
	/// Appends every key of config beneath prefix that has a value.
{
	Poco::Util::AbstractConfiguration::Keys names;
	config.keys(prefix, names);
	for (const auto& name : names)
	{
		const std::string key = prefix.empty() ? name : prefix + "." + name;
		if (config.hasOption(key))
			keys.push_back(key);
		allKeys(config, key, keys);
	}
}


} // namespace


void SettingsTest::testShippedFilesSetOnlyWhatDiffers()
{
	std::string problems;
	for (const auto& file : shippedFiles())
	{
		Poco::AutoPtr<Poco::Util::PropertyFileConfiguration> pFile = new Poco::Util::PropertyFileConfiguration(file);
		const Reading reading = readAll(*pFile);
		std::vector<std::string> keys;
		allKeys(*pFile, "", keys);
		CPPUNIT_ASSERT_MESSAGE(file + " sets no key", !keys.empty());
		for (const auto& key : keys)
		{
			const auto it = reading.entries.find(key);
			if (reading.asked.count(key) == 0)
				problems += "\n  " + file + ": " + key + ": the plugin does not read it";
			else if (it != reading.entries.end() && it->second.value == it->second.defaultValue)
				problems += "\n  " + file + ": " + key + " = " + pFile->getRawString(key) +
				            ": repeats the default (show it commented out, if at all)";
		}
	}
	CPPUNIT_ASSERT_MESSAGE("shipped keys that are not read or repeat their default:" + problems, problems.empty());
}


void SettingsTest::testShippedFilesShowTheDefaults()
{
	// "#orgs.key = value": a key written out to be uncommented (prose has a blank after #).
	static const Poco::RegularExpression commentedKey("^#(orgs\\.[A-Za-z0-9_.]+)[ \\t]*=[ \\t]*(.*)$");
	std::string problems;
	int shown = 0;
	for (const auto& file : shippedFiles())
	{
		Poco::FileInputStream in(file);
		std::string line;
		while (std::getline(in, line))
		{
			Poco::RegularExpression::MatchVec match;
			if (commentedKey.match(line, 0, match) == 0)
				continue;
			const std::string key = line.substr(match[1].offset, match[1].length);
			const std::string value = line.substr(match[2].offset, match[2].length);
			// The key set, in the file it is shown in (a plan's key needs that file's plans).
			Poco::AutoPtr<Poco::Util::PropertyFileConfiguration> pFile =
			    new Poco::Util::PropertyFileConfiguration(file);
			pFile->setString(key, value);
			const Reading reading = readAll(*pFile);
			const auto it = reading.entries.find(key);
			++shown;
			if (it == reading.entries.end())
				problems += "\n  " + file + ": " + key + ": the plugin does not read it (or not with a default)";
			else if (it->second.value != it->second.defaultValue)
				problems +=
				    "\n  " + file + ": " + key + " = " + value + ": the default is '" + it->second.defaultValue + "'";
		}
	}
	CPPUNIT_ASSERT_MESSAGE("no file shows a default", shown > 0);
	CPPUNIT_ASSERT_MESSAGE("keys shown commented out with a value other than their default:" + problems,
	                       problems.empty());
}


void SettingsTest::testDefaults()
{
	Poco::AutoPtr<Poco::Util::MapConfiguration> c = new Poco::Util::MapConfiguration;
	Settings s = Settings::load(*c, resolve);
	CPPUNIT_ASSERT_EQUAL(std::string("SQLite"), s.database.connector);
	CPPUNIT_ASSERT_EQUAL(std::string("/etc/orgs/orgs.db"), s.database.connectionString);
	CPPUNIT_ASSERT_EQUAL(std::string("/api/v1"), s.basePath);
	CPPUNIT_ASSERT_EQUAL(std::size_t(1024 * 1024), s.maxBodyBytes);
	CPPUNIT_ASSERT_EQUAL(10, s.errorLogWindowSeconds);
	CPPUNIT_ASSERT(!s.selfSignup);
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), s.regions.size());
	CPPUNIT_ASSERT_EQUAL(std::string("us"), s.regions[0]);
	CPPUNIT_ASSERT_EQUAL(std::string("/etc/orgs/roles.properties"), s.rolesFile);
	CPPUNIT_ASSERT(s.database.migrate);
	CPPUNIT_ASSERT(!s.invitations.requireWorkspace);
}


void SettingsTest::testRelativePathsResolve()
{
	Poco::AutoPtr<Poco::Util::MapConfiguration> c = new Poco::Util::MapConfiguration;
	c->setString("orgs.database.connectionString", "../../var/lib/orgs/orgs.db");
	c->setString("orgs.roles.file", "/opt/roles.properties");
	Settings s = Settings::load(*c, resolve);
	CPPUNIT_ASSERT_EQUAL(std::string("/etc/orgs/../../var/lib/orgs/orgs.db"), s.database.connectionString);
	CPPUNIT_ASSERT_EQUAL(std::string("/opt/roles.properties"), s.rolesFile);

	c->setString("orgs.database.connector", "MySQL");
	c->setString("orgs.database.connectionString", "host=db;user=orgs;db=orgs");
	s = Settings::load(*c, resolve);
	CPPUNIT_ASSERT_EQUAL(std::string("host=db;user=orgs;db=orgs"), s.database.connectionString);
}


void SettingsTest::testMySQLNeedsConnectionString()
{
	Poco::AutoPtr<Poco::Util::MapConfiguration> c = new Poco::Util::MapConfiguration;
	c->setString("orgs.database.connector", "mariadb");
	CPPUNIT_ASSERT(loadError(*c).find("orgs.database.connectionString") != std::string::npos);
}


void SettingsTest::testClusterNodes()
{
	Poco::AutoPtr<Poco::Util::MapConfiguration> c = new Poco::Util::MapConfiguration;
	c->setString("orgs.database.connector", "MySQL");
	c->setString("orgs.database.connectionString", "user=orgs;password=secret;db=orgs");
	Settings s = Settings::load(*c, resolve);
	CPPUNIT_ASSERT(s.database.nodes.empty());
	CPPUNIT_ASSERT_EQUAL(5, s.database.failoverSeconds);
	CPPUNIT_ASSERT_EQUAL(1, s.database.syncWait);

	c->setString("orgs.database.nodes", "db2.internal:3306, 10.0.0.1:3307 ,[::1]:3308");
	c->setString("orgs.database.failoverSeconds", "2");
	c->setString("orgs.database.syncWait", "0");
	s = Settings::load(*c, resolve);
	CPPUNIT_ASSERT_EQUAL(std::size_t(3), s.database.nodes.size());
	CPPUNIT_ASSERT_EQUAL(std::string("db2.internal:3306"), s.database.nodes[0]);
	CPPUNIT_ASSERT_EQUAL(std::string("10.0.0.1:3307"), s.database.nodes[1]);
	CPPUNIT_ASSERT_EQUAL(std::string("[::1]:3308"), s.database.nodes[2]);
	CPPUNIT_ASSERT_EQUAL(2, s.database.failoverSeconds);
	CPPUNIT_ASSERT_EQUAL(0, s.database.syncWait);

	for (const char* bad : {"db1", "db1:", ":3306", "db1:0", "db1:65536", "db1:port", "db1:3306,,db2:3306"})
	{
		c->setString("orgs.database.nodes", bad);
		const std::string msg = loadError(*c);
		CPPUNIT_ASSERT_MESSAGE(std::string(bad) + ": " + msg, msg.find("orgs.database.nodes") != std::string::npos);
	}
	// Several nodes are MariaDB's (Galera); SQLite is one file.
	c->setString("orgs.database.nodes", "db1:3306");
	c->setString("orgs.database.connector", "SQLite");
	c->setString("orgs.database.connectionString", "orgs.db");
	CPPUNIT_ASSERT(loadError(*c).find("orgs.database.nodes") != std::string::npos);
}


void SettingsTest::testMalformedValuesNameTheKey()
{
	const std::vector<std::pair<std::string, std::string>> bad = {{"orgs.database.connector", "postgres"},
	                                                              {"orgs.database.maxSessions", "lots"},
	                                                              {"orgs.database.minSessions", "0"},
	                                                              {"orgs.database.failoverSeconds", "0"},
	                                                              {"orgs.database.syncWait", "16"},
	                                                              {"orgs.http.maxBodyBytes", "-1"},
	                                                              {"orgs.http.errorLogWindowSeconds", "-1"},
	                                                              {"orgs.http.basePath", "api"},
	                                                              {"orgs.accounts.selfSignup", "perhaps"},
	                                                              {"orgs.regions", "us, , eu"},
	                                                              {"orgs.regions", "US East"},
	                                                              {"orgs.database.connectionString", ":memory:"},
	                                                              {"orgs.invitations.requireWorkspace", "maybe"}};
	for (const auto& kv : bad)
	{
		Poco::AutoPtr<Poco::Util::MapConfiguration> c = new Poco::Util::MapConfiguration;
		c->setString(kv.first, kv.second);
		const std::string msg = loadError(*c);
		CPPUNIT_ASSERT_MESSAGE(kv.first + ": " + msg, msg.find(kv.first) != std::string::npos);
	}
}
