//
// SettingsTest.cpp
//
// Library: OrgsTests
// Package: Config
// Module:  SettingsTest
//


#include "SettingsTest.h"
#include "support/Suites.h"
#include "config/Settings.h"
#include "Poco/AutoPtr.h"
#include "Poco/Exception.h"
#include "Poco/Util/MapConfiguration.h"


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


} // namespace


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


void SettingsTest::testMalformedValuesNameTheKey()
{
	const std::vector<std::pair<std::string, std::string>> bad = {{"orgs.database.connector", "postgres"},
	                                                              {"orgs.database.maxSessions", "lots"},
	                                                              {"orgs.database.minSessions", "0"},
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
