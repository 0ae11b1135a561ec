//
// ConfigurationTest.cpp
//
// Library: OrgsTests
// Package: Config
// Module:  ConfigurationTest
//


#include "ConfigurationTest.h"
#include "support/Suites.h"
#include "config/Configuration.h"
#include "config/Preset.h"
#include "support/TestRuntime.h"
#include "Poco/AutoPtr.h"
#include "Poco/Exception.h"
#include "Poco/Util/MapConfiguration.h"
#include "Poco/Util/PropertyFileConfiguration.h"
#include <map>
#include <string>


using Orgs::Config::Configuration;
using Orgs::Config::Preset;
using Orgs::Test::TestRuntime;


ORGS_TEST_SUITE(ConfigurationTest, "Configuration", UNIT);


namespace {


using Keys = std::map<std::string, std::string>;


Keys withoutWorkspaceRoles(Keys keys)
	/// keys, with an inline role model that has organization roles only.
{
	keys["orgs.roles.file"] = "";
	keys["orgs.roles.organization"] = "member, admin";
	keys["orgs.roles.organization.member.permissions"] = "org.read";
	keys["orgs.roles.organization.admin.permissions"] = "*";
	return keys;
}


void load(const Keys& keys)
	/// Reads keys over no preset, with the shipped roles.properties unless keys replace it.
{
	Poco::AutoPtr<Poco::Util::MapConfiguration> pConfig = new Poco::Util::MapConfiguration;
	for (const auto& kv : keys)
		pConfig->setString(kv.first, kv.second);
	Configuration configuration(*pConfig, TestRuntime::resolveConfigPath);
}


std::string refusal(const Keys& keys)
	/// Returns the message of the exception load(keys) throws; fails if it throws none.
{
	try
	{
		load(keys);
	}
	catch (Poco::DataFormatException& exc)
	{
		return exc.message();
	}
	CPPUNIT_FAIL("the configuration was accepted");
	return std::string();
}


bool names(const std::string& message, const std::string& key)
{
	return message.find(key) != std::string::npos;
}


} // namespace


void ConfigurationTest::testEveryShippedPresetHoldsTogether()
{
	const std::string configDir = TestRuntime::sourceDir() + "/config/";
	for (const auto& name : Preset::available(configDir + "presets"))
	{
		// As a host loads it: the shipped orgs.properties, the preset named on top.
		Poco::AutoPtr<Poco::Util::PropertyFileConfiguration> pPlugin =
		    new Poco::Util::PropertyFileConfiguration(configDir + "orgs.properties");
		pPlugin->setString("orgs.preset", name);
		try
		{
			const Configuration configuration(*pPlugin, TestRuntime::resolveConfigPath);
			CPPUNIT_ASSERT_EQUAL(name, configuration.preset());
		}
		catch (Poco::Exception& exc)
		{
			CPPUNIT_FAIL("preset " + name + ": " + exc.displayText());
		}
	}
}


void ConfigurationTest::testPlanMemberRoleIsAnOrganizationRole()
{
	load({{"orgs.plans.free.memberRole", "admin"}});
	const std::string m = refusal({{"orgs.plans.free.memberRole", "emperor"}});
	CPPUNIT_ASSERT_MESSAGE(m, names(m, "orgs.plans.free.memberRole") && names(m, "emperor"));
}


void ConfigurationTest::testLinkRoleIsAnOrganizationRole()
{
	load({{"orgs.invitations.linkRole", "admin"}});
	const std::string m = refusal({{"orgs.invitations.linkRole", "emperor"}});
	CPPUNIT_ASSERT_MESSAGE(m, names(m, "orgs.invitations.linkRole") && names(m, "emperor"));
	// A workspace role is no organization role.
	CPPUNIT_ASSERT(names(refusal({{"orgs.invitations.linkRole", "viewer"}}), "orgs.invitations.linkRole"));
}


void ConfigurationTest::testWorkspaceKeysNeedWorkspaceRoles()
{
	load(withoutWorkspaceRoles({}));
	// Each of these keys means nothing without workspace roles.
	for (const Keys& keys :
	     {Keys{{"orgs.workspaces.default", "Team"}}, Keys{{"orgs.workspaces.membershipRequired", "true"}},
	      Keys{{"orgs.invitations.requireWorkspace", "true"}}})
	{
		const std::string key = keys.begin()->first;
		const std::string m = refusal(withoutWorkspaceRoles(keys));
		CPPUNIT_ASSERT_MESSAGE(m, names(m, key) && names(m, "orgs.roles.workspace"));
	}
	// The shipped roles have a workspace scope.
	load({{"orgs.workspaces.default", "Team"},
	      {"orgs.workspaces.membershipRequired", "true"},
	      {"orgs.invitations.requireWorkspace", "true"}});
}


void ConfigurationTest::testMembershipRequiredNeedsADefaultWorkspace()
{
	load({{"orgs.workspaces.membershipRequired", "true"}, {"orgs.workspaces.default", "My Team"}});
	const std::string m = refusal({{"orgs.workspaces.membershipRequired", "true"}});
	CPPUNIT_ASSERT_MESSAGE(m, names(m, "orgs.workspaces.membershipRequired") && names(m, "orgs.workspaces.default"));
}
