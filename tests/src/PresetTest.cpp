//
// PresetTest.cpp
//
// Library: OrgsTests
// Package: Config
// Module:  PresetTest
//


#include "PresetTest.h"
#include "support/Suites.h"
#include "support/TestRuntime.h"
#include "config/Preset.h"
#include "config/RoleCatalog.h"
#include "config/Settings.h"
#include "Poco/AutoPtr.h"
#include "Poco/Exception.h"
#include "Poco/File.h"
#include "Poco/FileStream.h"
#include "Poco/Path.h"
#include "Poco/TemporaryFile.h"
#include "Poco/Util/MapConfiguration.h"
#include "Poco/Util/PropertyFileConfiguration.h"
#include <algorithm>


using Orgs::Config::Preset;
using Orgs::Config::RoleCatalog;
using Orgs::Config::Settings;
using Orgs::Test::TestRuntime;


ORGS_TEST_SUITE(PresetTest, "Preset", UNIT);


namespace {


Settings::PathResolver resolverFor(const std::string& dir)
{
	return [dir](const std::string& p) { return Poco::Path(p).makeAbsolute(Poco::Path::forDirectory(dir)).toString(); };
}


void write(const std::string& path, const std::string& text)
{
	Poco::FileOutputStream out(path);
	out << text;
}


template <class Fn>
std::string formatError(Fn fn)
	/// Runs fn and returns the message of the Poco::DataFormatException it throws.
{
	try
	{
		fn();
	}
	catch (Poco::DataFormatException& exc)
	{
		return exc.message();
	}
	CPPUNIT_FAIL("no Poco::DataFormatException");
	return "";
}


std::string applyError(const Poco::Util::AbstractConfiguration& config, const Settings::PathResolver& resolve)
{
	return formatError([&]() { Preset::apply(config, resolve); });
}


} // namespace


void PresetTest::setUp()
{
	_dir = Poco::TemporaryFile::tempName() + "/";
	Poco::File(_dir + "presets").createDirectories();
	write(_dir + "presets/demo.properties", "orgs.regions = eu, us\n"
	                                        "orgs.workspaces.default = My Team\n"
	                                        "orgs.plans = hobby, pro\n"
	                                        "orgs.plans.pro.maxMembers = 5\n");
}


void PresetTest::tearDown()
{
	Poco::File(_dir).remove(true);
}


void PresetTest::testNoPresetAddsNothing()
{
	Poco::AutoPtr<Poco::Util::MapConfiguration> host = new Poco::Util::MapConfiguration;
	host->setString("orgs.regions", "us");
	Poco::AutoPtr<Poco::Util::AbstractConfiguration> config = Preset::apply(*host, resolverFor(_dir));
	CPPUNIT_ASSERT(config.get() == host.get());
	host->setString("orgs.preset", "  ");
	CPPUNIT_ASSERT(Preset::apply(*host, resolverFor(_dir)).get() == host.get());
}


void PresetTest::testPresetLiesBeneathTheHost()
{
	Poco::AutoPtr<Poco::Util::MapConfiguration> host = new Poco::Util::MapConfiguration;
	host->setString("orgs.preset", "demo");
	host->setString("orgs.regions", "us"); // the host's own key wins
	Poco::AutoPtr<Poco::Util::AbstractConfiguration> config = Preset::apply(*host, resolverFor(_dir));
	const Settings s = Settings::load(*config, resolverFor(_dir));
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), s.regions.size());
	CPPUNIT_ASSERT_EQUAL(std::string("us"), s.regions[0]);
	CPPUNIT_ASSERT_EQUAL(std::string("My Team"), s.defaultWorkspace); // the preset fills the rest
	CPPUNIT_ASSERT_EQUAL(std::string("hobby"), s.plans.defaultPlan().name);
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(5), s.plans.find("pro")->maxMembers);

	// The directory is a setting too, relative to the plugin's configuration folder.
	Poco::File(_dir + "presets").renameTo(_dir + "elsewhere");
	CPPUNIT_ASSERT(!applyError(*host, resolverFor(_dir)).empty());
	host->setString("orgs.presets.directory", "elsewhere");
	CPPUNIT_ASSERT_EQUAL(std::string("My Team"),
	                     Settings::load(*Preset::apply(*host, resolverFor(_dir)), resolverFor(_dir)).defaultWorkspace);
}


void PresetTest::testInlineRolesWithEmptyRolesFile()
{
	write(_dir + "presets/inline.properties", "orgs.roles.file =\n"
	                                          "orgs.roles.organization = reader, boss\n"
	                                          "orgs.roles.organization.reader.permissions = org.read\n"
	                                          "orgs.roles.organization.boss.permissions = *\n"
	                                          "orgs.roles.organization.default = reader\n"
	                                          "orgs.roles.organization.formerOwner = boss\n");
	Poco::AutoPtr<Poco::Util::MapConfiguration> host = new Poco::Util::MapConfiguration;
	host->setString("orgs.preset", "inline");
	host->setString("orgs.roles.organization.reader.permissions", "org.read, members.read"); // --define wins
	Poco::AutoPtr<Poco::Util::AbstractConfiguration> config = Preset::apply(*host, resolverFor(_dir));
	const Settings s = Settings::load(*config, resolverFor(_dir));
	CPPUNIT_ASSERT_EQUAL(std::string(), s.rolesFile);
	const RoleCatalog roles = RoleCatalog::load(*config, Preset::source(*config), s.rolesFile);
	CPPUNIT_ASSERT(roles.hasRole(RoleCatalog::ORGANIZATION, "boss"));
	CPPUNIT_ASSERT(!roles.hasRole(RoleCatalog::ORGANIZATION, "member"));
	CPPUNIT_ASSERT(roles.permissions(RoleCatalog::ORGANIZATION, "reader").has(Orgs::Permission::MembersRead));

	// An error in an inline role names the preset.
	host->setString("orgs.roles.organization.boss.permissions", "org.fly");
	const std::string error = formatError([&]() { RoleCatalog::load(*config, Preset::source(*config), s.rolesFile); });
	CPPUNIT_ASSERT_MESSAGE(error, error.find("preset 'inline'") != std::string::npos);
}


void PresetTest::testUnknownPresetListsTheKnownOnes()
{
	write(_dir + "presets/other.properties", "\n");
	Poco::AutoPtr<Poco::Util::MapConfiguration> host = new Poco::Util::MapConfiguration;
	host->setString("orgs.preset", "nope");
	const std::string error = applyError(*host, resolverFor(_dir));
	CPPUNIT_ASSERT_MESSAGE(error, error.find("unknown preset 'nope'") != std::string::npos);
	CPPUNIT_ASSERT_MESSAGE(error, error.find("demo, other") != std::string::npos);
}


void PresetTest::testPresetNameIsNotAPath()
{
	Poco::AutoPtr<Poco::Util::MapConfiguration> host = new Poco::Util::MapConfiguration;
	for (const std::string name : {"../presets/demo", "/etc/passwd", "Demo", "demo.properties", "de mo"})
	{
		host->setString("orgs.preset", name);
		const std::string error = applyError(*host, resolverFor(_dir));
		CPPUNIT_ASSERT_MESSAGE(name + ": " + error, error.find("expected a preset name") != std::string::npos);
	}
}


void PresetTest::testEveryShippedPresetLoads()
{
	const std::string configDir = TestRuntime::sourceDir() + "/config/";
	const std::vector<std::string> names = Preset::available(configDir + "presets");
	CPPUNIT_ASSERT(std::find(names.begin(), names.end(), "default") != names.end());
	for (const auto& name : names)
	{
		// As a host loads it: the shipped orgs.properties, the preset named on top.
		Poco::AutoPtr<Poco::Util::PropertyFileConfiguration> plugin =
		    new Poco::Util::PropertyFileConfiguration(configDir + "orgs.properties");
		plugin->setString("orgs.preset", name);
		try
		{
			Poco::AutoPtr<Poco::Util::AbstractConfiguration> config = Preset::apply(*plugin, resolverFor(configDir));
			const Settings s = Settings::load(*config, resolverFor(configDir));
			const RoleCatalog roles = RoleCatalog::load(*config, Preset::source(*config), s.rolesFile);
			CPPUNIT_ASSERT_MESSAGE(name, !roles.defaultRole(RoleCatalog::ORGANIZATION).empty());
		}
		catch (Poco::Exception& exc)
		{
			CPPUNIT_FAIL("preset " + name + ": " + exc.displayText());
		}
	}
}


void PresetTest::testDefaultPresetIsTheShippedBehaviour()
{
	// orgs.properties selects the default preset, which holds what orgs.properties held before
	// presets: plans with their limits, the roles of roles.properties.
	const std::string configDir = TestRuntime::sourceDir() + "/config/";
	Poco::AutoPtr<Poco::Util::PropertyFileConfiguration> plugin =
	    new Poco::Util::PropertyFileConfiguration(configDir + "orgs.properties");
	CPPUNIT_ASSERT_EQUAL(std::string("default"), Preset::name(*plugin));
	Poco::AutoPtr<Poco::Util::AbstractConfiguration> config = Preset::apply(*plugin, resolverFor(configDir));
	const Settings s = Settings::load(*config, resolverFor(configDir));
	CPPUNIT_ASSERT_EQUAL(Poco::Path(configDir + "roles.properties").toString(), s.rolesFile);
	CPPUNIT_ASSERT_EQUAL(std::string("free"), s.plans.defaultPlan().name);
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(100), s.plans.find("free")->maxMembers);
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(1000), s.plans.find("team")->maxMembers);
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), s.regions.size());
	const RoleCatalog roles = RoleCatalog::load(*config, Preset::source(*config), s.rolesFile);
	CPPUNIT_ASSERT(roles.hasRole(RoleCatalog::ORGANIZATION, "member"));
	CPPUNIT_ASSERT(roles.hasRole(RoleCatalog::ORGANIZATION, "admin"));
}
