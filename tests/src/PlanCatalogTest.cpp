//
// PlanCatalogTest.cpp
//
// Library: OrgsTests
// Package: Config
// Module:  PlanCatalogTest
//


#include "PlanCatalogTest.h"
#include "support/Suites.h"
#include "config/PlanCatalog.h"
#include "config/Settings.h"
#include "support/TestRuntime.h"
#include "Poco/AutoPtr.h"
#include "Poco/Exception.h"
#include "Poco/Util/MapConfiguration.h"
#include "Poco/Util/PropertyFileConfiguration.h"
#include <map>


using Orgs::Config::PlanCatalog;
using Orgs::Config::Settings;


ORGS_TEST_SUITE(PlanCatalogTest, "PlanCatalog", UNIT);


namespace {


Poco::AutoPtr<Poco::Util::MapConfiguration> config(const std::map<std::string, std::string>& keys)
{
	Poco::AutoPtr<Poco::Util::MapConfiguration> c = new Poco::Util::MapConfiguration;
	for (const auto& kv : keys)
		c->setString(kv.first, kv.second);
	return c;
}


std::string loadError(const std::map<std::string, std::string>& keys)
{
	try
	{
		PlanCatalog::load(*config(keys));
	}
	catch (Poco::DataFormatException& exc)
	{
		return exc.message();
	}
	CPPUNIT_FAIL("the plans were accepted");
	return "";
}


bool contains(const std::string& text, const std::string& part)
{
	return text.find(part) != std::string::npos;
}


} // namespace


void PlanCatalogTest::testDefaults()
{
	const PlanCatalog plans = PlanCatalog::load(*config({}));
	CPPUNIT_ASSERT_EQUAL(std::size_t(3), plans.plans().size());
	CPPUNIT_ASSERT_EQUAL(std::string("free"), plans.defaultPlan().name);
	CPPUNIT_ASSERT_EQUAL(std::string("free, team, enterprise"), plans.names());
	for (const auto& p : plans.plans())
	{
		CPPUNIT_ASSERT_EQUAL(Poco::Int64(0), p.maxMembers);
		CPPUNIT_ASSERT_EQUAL(Poco::Int64(0), p.maxWorkspaces);
		CPPUNIT_ASSERT_EQUAL(Poco::Int64(0), p.maxPendingInvitations);
	}
	// "" (an organization from before plans) and a plan no longer configured are the default.
	CPPUNIT_ASSERT_EQUAL(std::string("free"), plans.effective("").name);
	CPPUNIT_ASSERT_EQUAL(std::string("free"), plans.effective("gold").name);
	CPPUNIT_ASSERT_EQUAL(std::string("team"), plans.effective("team").name);
	CPPUNIT_ASSERT(!plans.find("gold"));
}


void PlanCatalogTest::testConfiguredPlans()
{
	const PlanCatalog plans = PlanCatalog::load(*config({{"orgs.plans", "basic, pro"},
	                                                     {"orgs.plans.default", "pro"},
	                                                     {"orgs.plans.basic.maxMembers", "5"},
	                                                     {"orgs.plans.basic.maxWorkspaces", "1"},
	                                                     {"orgs.plans.basic.maxPendingInvitations", " 10 "},
	                                                     {"orgs.plans.pro.maxMembers", "0"}}));
	CPPUNIT_ASSERT_EQUAL(std::string("pro"), plans.defaultPlan().name);
	const Orgs::Plan* pBasic = plans.find("basic");
	CPPUNIT_ASSERT(pBasic);
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(5), pBasic->maxMembers);
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), pBasic->maxWorkspaces);
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(10), pBasic->maxPendingInvitations);
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(0), plans.find("pro")->maxMembers);
	// Without orgs.plans.default the first plan is the default.
	CPPUNIT_ASSERT_EQUAL(std::string("basic"),
	                     PlanCatalog::load(*config({{"orgs.plans", "basic, pro"}})).defaultPlan().name);
}


void PlanCatalogTest::testUnknownDefaultNamesTheKey()
{
	const std::string message = loadError({{"orgs.plans", "free, team"}, {"orgs.plans.default", "gold"}});
	CPPUNIT_ASSERT_MESSAGE(message, contains(message, "orgs.plans.default"));
	CPPUNIT_ASSERT_MESSAGE(message, contains(message, "gold"));
	CPPUNIT_ASSERT_MESSAGE(message, contains(message, "free, team"));
}


void PlanCatalogTest::testMalformedLimitsAndKeys()
{
	std::string m = loadError({{"orgs.plans.free.maxMembers", "-1"}});
	CPPUNIT_ASSERT_MESSAGE(m, contains(m, "orgs.plans.free.maxMembers"));
	m = loadError({{"orgs.plans.free.maxWorkspaces", "many"}});
	CPPUNIT_ASSERT_MESSAGE(m, contains(m, "orgs.plans.free.maxWorkspaces"));
	m = loadError({{"orgs.plans.free.maxSeats", "3"}});
	CPPUNIT_ASSERT_MESSAGE(m, contains(m, "orgs.plans.free.maxSeats"));
	m = loadError({{"orgs.plans.fre.maxMembers", "3"}}); // a typo in the plan's name
	CPPUNIT_ASSERT_MESSAGE(m, contains(m, "orgs.plans.fre"));
	m = loadError({{"orgs.plans", "free, Free"}});
	CPPUNIT_ASSERT_MESSAGE(m, contains(m, "orgs.plans"));
	m = loadError({{"orgs.plans", "free, free"}});
	CPPUNIT_ASSERT_MESSAGE(m, contains(m, "twice"));
	m = loadError({{"orgs.plans", "free,,team"}});
	CPPUNIT_ASSERT_MESSAGE(m, contains(m, "orgs.plans"));
}


void PlanCatalogTest::testShippedFileLoads()
{
	Poco::AutoPtr<Poco::Util::PropertyFileConfiguration> pFile =
	    new Poco::Util::PropertyFileConfiguration(Orgs::Test::TestRuntime::sourceDir() + "/config/orgs.properties");
	const PlanCatalog plans = PlanCatalog::load(*pFile);
	CPPUNIT_ASSERT_EQUAL(std::string("free"), plans.defaultPlan().name);
	CPPUNIT_ASSERT(plans.find("team"));
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(0), plans.find("enterprise")->maxMembers);
}


void PlanCatalogTest::testInvitationSettings()
{
	auto resolve = [](const std::string& p) { return "/etc/orgs/" + p; };
	Settings s = Settings::load(*config({}), resolve);
	CPPUNIT_ASSERT_EQUAL(7, s.invitations.ttlDays);
	CPPUNIT_ASSERT(!s.invitations.exposeToken);
	CPPUNIT_ASSERT(s.invitations.requireEmailMatch);
	CPPUNIT_ASSERT_EQUAL(100, s.invitations.dailyLimit);
	CPPUNIT_ASSERT_EQUAL(std::string("{base}/invitations/{token}"), s.invitations.acceptUrl);
	CPPUNIT_ASSERT_EQUAL(std::string("free"), s.plans.defaultPlan().name);

	for (const auto& bad : std::map<std::string, std::string>{{"orgs.invitations.ttlDays", "0"},
	                                                          {"orgs.invitations.dailyLimit", "-3"},
	                                                          {"orgs.invitations.exposeToken", "maybe"},
	                                                          {"orgs.invitations.acceptUrl", "https://x.example/join"},
	                                                          {"orgs.plans.default", "gold"}})
	{
		try
		{
			Settings::load(*config({bad}), resolve);
			CPPUNIT_FAIL(bad.first + " = " + bad.second + " was accepted");
		}
		catch (Poco::DataFormatException& exc)
		{
			CPPUNIT_ASSERT_MESSAGE(exc.message(), contains(exc.message(), bad.first));
		}
	}
}
