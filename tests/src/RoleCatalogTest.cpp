//
// RoleCatalogTest.cpp
//
// Library: OrgsTests
// Package: Config
// Module:  RoleCatalogTest
//


#include "RoleCatalogTest.h"
#include "support/Suites.h"
#include "config/RoleCatalog.h"
#include "support/TestRuntime.h"
#include "Poco/AutoPtr.h"
#include "Poco/Exception.h"
#include "Poco/Util/MapConfiguration.h"
#include "Poco/Util/PropertyFileConfiguration.h"


using Orgs::Permission;
using Orgs::PermissionSet;
using Orgs::Config::RoleCatalog;


ORGS_TEST_SUITE(RoleCatalogTest, "RoleCatalog", UNIT);


namespace {


Poco::AutoPtr<Poco::Util::MapConfiguration> minimal()
{
	Poco::AutoPtr<Poco::Util::MapConfiguration> c = new Poco::Util::MapConfiguration;
	c->setString("orgs.roles.organization", "member, admin");
	c->setString("orgs.roles.organization.member.permissions", "org.read, members.read");
	c->setString("orgs.roles.organization.admin.permissions", "*");
	c->setString("orgs.roles.organization.default", "member");
	return c;
}


std::string loadError(const Poco::Util::AbstractConfiguration& config)
{
	try
	{
		RoleCatalog::load(config, "test-roles.properties");
	}
	catch (Poco::DataFormatException& exc)
	{
		return exc.message();
	}
	CPPUNIT_FAIL("the catalog was accepted");
	return "";
}


} // namespace


void RoleCatalogTest::testShippedRolesFollowSegments()
{
	Poco::AutoPtr<Poco::Util::PropertyFileConfiguration> file =
	    new Poco::Util::PropertyFileConfiguration(Orgs::Test::TestRuntime::sourceDir() + "/config/roles.properties");
	RoleCatalog catalog = RoleCatalog::load(*file, "roles.properties");

	// member: access the organization and see the other members; nothing that changes anything.
	PermissionSet member = catalog.permissions(RoleCatalog::ORGANIZATION, "member");
	CPPUNIT_ASSERT(member.has(Permission::OrgRead));
	CPPUNIT_ASSERT(member.has(Permission::MembersRead));
	CPPUNIT_ASSERT(!member.has(Permission::OrgUpdate));
	CPPUNIT_ASSERT(!member.has(Permission::MembersAdd));
	CPPUNIT_ASSERT(!member.has(Permission::MembersUpdate));
	CPPUNIT_ASSERT(!member.has(Permission::MembersRemove));
	CPPUNIT_ASSERT(!member.has(Permission::ResourcesCreate));

	// admin: everything but billing.manage (deleting and transferring stay with the owner: they
	// are not permissions; changing the plan is a permission "*" leaves out and no role names).
	CPPUNIT_ASSERT(catalog.permissions(RoleCatalog::ORGANIZATION, "admin") == RoleCatalog::wildcard());
	CPPUNIT_ASSERT(!catalog.permissions(RoleCatalog::ORGANIZATION, "admin").has(Permission::BillingManage));
	CPPUNIT_ASSERT_EQUAL(std::string("member"), catalog.defaultRole(RoleCatalog::ORGANIZATION));
	CPPUNIT_ASSERT_EQUAL(std::string("admin"), catalog.formerOwnerRole());
	CPPUNIT_ASSERT(catalog.hasRole("dataset", "none"));
	CPPUNIT_ASSERT(catalog.permissions("dataset", "none").empty());
}


void RoleCatalogTest::testStarGrantsEveryPermission()
{
	// "*" is every permission but billing.manage, which a role holds only by naming it, so that
	// a configuration written before billing.manage existed keeps the plan the owner's.
	RoleCatalog catalog = RoleCatalog::load(*minimal(), "x");
	PermissionSet admin = catalog.permissions(RoleCatalog::ORGANIZATION, "admin");
	for (unsigned p = 0; p < static_cast<unsigned>(Permission::COUNT); ++p)
	{
		const Permission permission = static_cast<Permission>(p);
		CPPUNIT_ASSERT_EQUAL_MESSAGE(permissionName(permission), permission != Permission::BillingManage,
		                             admin.has(permission));
	}
	CPPUNIT_ASSERT(catalog.permissions(RoleCatalog::ORGANIZATION, "nobody").empty());

	// Named next to "*", or alone, it is granted.
	auto c = minimal();
	c->setString("orgs.roles.organization.admin.permissions", "*, billing.manage");
	c->setString("orgs.roles.organization.member.permissions", "org.read, billing.manage");
	catalog = RoleCatalog::load(*c, "x");
	CPPUNIT_ASSERT(catalog.permissions(RoleCatalog::ORGANIZATION, "admin") == PermissionSet::all());
	CPPUNIT_ASSERT(catalog.permissions(RoleCatalog::ORGANIZATION, "member").has(Permission::BillingManage));
	CPPUNIT_ASSERT(!catalog.permissions(RoleCatalog::ORGANIZATION, "member").has(Permission::OrgUpdate));
}


void RoleCatalogTest::testUnknownPermissionNamesFileAndKey()
{
	auto c = minimal();
	c->setString("orgs.roles.organization.member.permissions", "org.read, members.reed");
	const std::string msg = loadError(*c);
	CPPUNIT_ASSERT_MESSAGE(msg, msg.find("test-roles.properties") != std::string::npos);
	CPPUNIT_ASSERT_MESSAGE(msg, msg.find("orgs.roles.organization.member.permissions") != std::string::npos);
	CPPUNIT_ASSERT_MESSAGE(msg, msg.find("members.reed") != std::string::npos);
}


void RoleCatalogTest::testDefaultMustBeDefined()
{
	auto c = minimal();
	c->setString("orgs.roles.organization.default", "viewer");
	const std::string msg = loadError(*c);
	CPPUNIT_ASSERT_MESSAGE(msg, msg.find("orgs.roles.organization.default") != std::string::npos);
	CPPUNIT_ASSERT_MESSAGE(msg, msg.find("viewer") != std::string::npos);
}


void RoleCatalogTest::testFormerOwnerMustBeDefined()
{
	auto c = minimal();
	c->setString("orgs.roles.organization.formerOwner", "emperor");
	const std::string msg = loadError(*c);
	CPPUNIT_ASSERT_MESSAGE(msg, msg.find("orgs.roles.organization.formerOwner") != std::string::npos);
}


void RoleCatalogTest::testMalformedListIsRefused()
{
	auto c = minimal();
	c->setString("orgs.roles.organization", "member, , admin");
	std::string msg = loadError(*c);
	CPPUNIT_ASSERT_MESSAGE(msg, msg.find("orgs.roles.organization") != std::string::npos);
	CPPUNIT_ASSERT_MESSAGE(msg, msg.find("malformed") != std::string::npos);

	c = minimal();
	c->setString("orgs.roles.organization.member.permissions", "org.read,,members.read");
	msg = loadError(*c);
	CPPUNIT_ASSERT_MESSAGE(msg, msg.find("orgs.roles.organization.member.permissions") != std::string::npos);

	c = minimal();
	c->setString("orgs.roles.organization", "Member Role");
	msg = loadError(*c);
	CPPUNIT_ASSERT_MESSAGE(msg, msg.find("invalid role name") != std::string::npos);
}


void RoleCatalogTest::testDuplicateRoleIsRefused()
{
	auto c = minimal();
	c->setString("orgs.roles.organization", "member, admin, member");
	const std::string msg = loadError(*c);
	CPPUNIT_ASSERT_MESSAGE(msg, msg.find("duplicate role 'member'") != std::string::npos);
}


void RoleCatalogTest::testRoleWithoutPermissionListIsRefused()
{
	auto c = minimal();
	c->setString("orgs.roles.organization", "member, admin, auditor");
	const std::string msg = loadError(*c);
	CPPUNIT_ASSERT_MESSAGE(msg, msg.find("orgs.roles.organization.auditor.permissions") != std::string::npos);
}


void RoleCatalogTest::testResourceTypesBecomeScopes()
{
	auto c = minimal();
	c->setString("orgs.resources.types", "dataset, project");
	c->setString("orgs.roles.dataset", "none, labeler");
	c->setString("orgs.roles.dataset.labeler.permissions", "resource.read, resource.label");
	c->setString("orgs.roles.dataset.default", "none");
	std::string msg = loadError(*c); // project has no roles
	CPPUNIT_ASSERT_MESSAGE(msg, msg.find("orgs.roles.project") != std::string::npos);

	c->setString("orgs.roles.project", "viewer");
	c->setString("orgs.roles.project.viewer.permissions", "resource.read");
	RoleCatalog catalog = RoleCatalog::load(*c, "x");
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), catalog.resourceTypes().size());
	CPPUNIT_ASSERT_EQUAL(std::string("none"), catalog.defaultRole("dataset"));
	CPPUNIT_ASSERT(catalog.permissions("dataset", "labeler").has(Permission::ResourceLabel));
	CPPUNIT_ASSERT(!catalog.permissions("dataset", "labeler").has(Permission::ResourceManage));
}


void RoleCatalogTest::testDescribeListsScopesInOrder()
{
	RoleCatalog catalog = RoleCatalog::load(*minimal(), "x");
	std::vector<Orgs::RoleScopeInfo> scopes = catalog.describe();
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), scopes.size());
	CPPUNIT_ASSERT_EQUAL(std::string("organization"), scopes[0].scope);
	CPPUNIT_ASSERT_EQUAL(std::string("member"), scopes[0].defaultRole);
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), scopes[0].roles.size());
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), scopes[0].roles[0].permissions.size());
	CPPUNIT_ASSERT_EQUAL(std::string("org.read"), scopes[0].roles[0].permissions[0]);
}
