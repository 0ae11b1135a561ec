//
// TestRuntime.cpp
//
// Library: OrgsTests
// Package: Support
// Module:  TestRuntime
//


#include "support/TestRuntime.h"
#include "Poco/Environment.h"
#include "Poco/Logger.h"
#include "Poco/Path.h"


namespace Orgs {
namespace Test {


TestRuntime::TestRuntime(const Settings& settings, Service::Clock::Ptr pClock, Orgs::Mailer::Ptr pMailer)
    : _pDatabase(TestDatabase::create(connector()))
{
	Poco::AutoPtr<Poco::Util::MapConfiguration> pConfig = configuration(*_pDatabase, settings);
	Poco::Logger& logger = Poco::Logger::get("orgs-test");
	logger.setLevel(Poco::Message::PRIO_WARNING);
	_pRuntime.reset(new Runtime(*pConfig, resolveConfigPath, logger, nullptr, pClock, pMailer));
}


TestRuntime::~TestRuntime()
{
	_pRuntime.reset();
	_pDatabase = nullptr;
}


std::string TestRuntime::resolveConfigPath(const std::string& path)
{
	return Poco::Path(path).makeAbsolute(sourceDir() + "/config/").toString();
}


Poco::AutoPtr<Poco::Util::MapConfiguration> TestRuntime::configuration(const TestDatabase& db, const Settings& settings)
{
	Poco::AutoPtr<Poco::Util::MapConfiguration> pConfig = new Poco::Util::MapConfiguration;
	// On a cluster the runtime prefers node 0 and knows every node; the test checks through
	// another one (TestDatabase::session()).
	for (const auto& kv : db.hostDefines(0))
		pConfig->setString(kv.first, kv.second);
	pConfig->setString("orgs.database.maxSessions", "32");
	for (const auto& kv : settings)
		pConfig->setString(kv.first, kv.second);
	return pConfig;
}


Runtime& TestRuntime::runtime()
{
	return *_pRuntime;
}


TestDatabase& TestRuntime::database()
{
	return *_pDatabase;
}


TestDatabase::Ptr TestRuntime::databasePtr() const
{
	return _pDatabase;
}


AccountService& TestRuntime::accounts()
{
	return *_pRuntime->accounts();
}


OrganizationService& TestRuntime::organizations()
{
	return *_pRuntime->organizations();
}


MembershipService& TestRuntime::memberships()
{
	return *_pRuntime->memberships();
}


RoleService& TestRuntime::customRoles()
{
	return *_pRuntime->customRoles();
}


WorkspaceService& TestRuntime::workspaces()
{
	return *_pRuntime->workspaces();
}


ResourceService& TestRuntime::resources()
{
	return *_pRuntime->resources();
}


AccessControl& TestRuntime::access()
{
	return *_pRuntime->accessControl();
}


Account TestRuntime::account(const std::string& username)
{
	AccountSpec spec;
	spec.username = username;
	spec.email = username + "@example.com";
	spec.name = "Test " + username;
	return accounts().createAccount(spec);
}


Organization TestRuntime::organization(const Account& owner, const std::string& username)
{
	OrganizationSpec spec;
	spec.username = username;
	spec.title = "Organization " + username;
	return organizations().createOrganization(owner.id, spec);
}


Poco::Int64 TestRuntime::scalar(const std::string& sql, Id id)
{
	using namespace Poco::Data::Keywords;
	Poco::Int64 n = 0;
	Poco::Data::Session s = _pDatabase->session();
	s << sql, Poco::Data::Keywords::bind(id), into(n), now;
	return n;
}


Poco::Int64 TestRuntime::aclVersion(Id organizationId)
{
	return scalar("SELECT acl_version FROM organizations WHERE id = ?", organizationId);
}


std::string TestRuntime::connector()
{
	return Poco::Environment::get("ORGS_TEST_CONNECTOR", TestDatabase::SQLITE);
}


std::string TestRuntime::sourceDir()
{
	return ORGS_SOURCE_DIR;
}


} // namespace Test
} // namespace Orgs
