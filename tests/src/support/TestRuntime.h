//
// TestRuntime.h
//
// Library: OrgsTests
// Package: Support
// Module:  TestRuntime
//
// The plugin's real runtime on a scratch database, for service-level tests.
//


#ifndef Orgs_TestRuntime_INCLUDED
#define Orgs_TestRuntime_INCLUDED


#include "Runtime.h"
#include "support/TestDatabase.h"
#include "Poco/Util/MapConfiguration.h"
#include <map>
#include <memory>
#include <string>


namespace Orgs {
namespace Test {


class TestRuntime
	/// Creates a fresh database for the connector named by ORGS_TEST_CONNECTOR (SQLite when
	/// unset, MySQL for the private MariaDB) and starts an Orgs::Runtime on it with the
	/// shipped config/roles.properties, exactly as the plugin does.
{
public:
	using Settings = std::map<std::string, std::string>;

	explicit TestRuntime(const Settings& settings = Settings(), Service::Clock::Ptr pClock = nullptr,
	                     Orgs::Mailer::Ptr pMailer = nullptr);
		/// settings override or add configuration keys; pMailer plays the host's Mailer.

	~TestRuntime();

	Runtime& runtime();
	TestDatabase& database();
	TestDatabase::Ptr databasePtr() const;
		/// Returns the database shared, for a world that drives this runtime over HTTP.

	AccountService& accounts();
	OrganizationService& organizations();
	MembershipService& memberships();
	WorkspaceService& workspaces();
	RoleService& customRoles();
	ResourceService& resources();
	AccessControl& access();

	Account account(const std::string& username);
		/// Creates an account named username (email username@example.com).

	Organization organization(const Account& owner, const std::string& username);
		/// Creates an organization owned by owner.

	Poco::Int64 scalar(const std::string& sql, Id id);
		/// Runs a query with one id parameter that answers one integer (e.g. a COUNT) on the
		/// runtime's database, outside the plugin.

	Poco::Int64 aclVersion(Id organizationId);
		/// Returns the organization's acl_version as stored.

	static std::string connector();
		/// Returns the connector the tests run on: ORGS_TEST_CONNECTOR, or SQLite.

	static std::string sourceDir();
		/// Returns the project's source folder.

	static std::string resolveConfigPath(const std::string& path);
		/// Resolves a relative path of the plugin's configuration (orgs.roles.file, presets)
		/// against the source tree's config/ folder, as a host resolves it against the folder of
		/// orgs.properties. Pass it as the Runtime's path resolver.

	static Poco::AutoPtr<Poco::Util::MapConfiguration> configuration(const TestDatabase& db, const Settings& settings);
		/// Returns the configuration a TestRuntime starts with.

private:
	TestDatabase::Ptr _pDatabase;
	std::unique_ptr<Runtime> _pRuntime;
};


} // namespace Test
} // namespace Orgs


#endif // Orgs_TestRuntime_INCLUDED
