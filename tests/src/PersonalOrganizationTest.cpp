//
// PersonalOrganizationTest.cpp
//
// Library: OrgsTests
// Package: Service
// Module:  PersonalOrganizationTest
//


#include "PersonalOrganizationTest.h"
#include "support/Suites.h"
#include "service/OrganizationServiceImpl.h"
#include "service/Validator.h"
#include "support/Expect.h"
#include "Orgs/Errors.h"
#include "Poco/Data/Session.h"
#include "Poco/String.h"


using namespace Orgs;
using Orgs::Service::OrganizationServiceImpl;
using Orgs::Test::reasonOf;
using Orgs::Test::TestRuntime;


ORGS_TEST_SUITE(PersonalOrganizationTest, "PersonalOrganization", DATABASE);


namespace {


const TestRuntime::Settings PERSONAL{{"orgs.organizations.personalOnSignup", "true"}};


AccountSpec accountSpec(const std::string& username, const std::string& name = std::string())
{
	AccountSpec s;
	s.username = username;
	s.email = username + "@example.com";
	s.name = name;
	return s;
}


std::vector<OrganizationMembership> organizationsOf(TestRuntime& rt, Id accountId)
{
	PageRequest page;
	page.limit = 100;
	return rt.organizations().listOrganizations(accountId, page).items;
}


Organization personalOf(TestRuntime& rt, Id accountId)
	/// Returns the account's one personal organization; fails unless there is exactly one.
{
	std::vector<Organization> found;
	for (const auto& om : organizationsOf(rt, accountId))
	{
		if (om.organization.personal)
			found.push_back(om.organization);
	}
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), found.size());
	return found.front();
}


MemberSpec memberSpec(const std::string& account)
{
	MemberSpec s;
	s.account = account;
	return s;
}


OrganizationSpec orgSpec(const std::string& username)
{
	OrganizationSpec s;
	s.username = username;
	s.title = "Organization " + username;
	return s;
}


} // namespace


void PersonalOrganizationTest::tearDown()
{
	_pRuntime.reset();
}


TestRuntime& PersonalOrganizationTest::start(const TestRuntime::Settings& settings)
{
	_pRuntime.reset(new TestRuntime(settings));
	return *_pRuntime;
}


void PersonalOrganizationTest::testOffByDefault()
{
	TestRuntime& rt = start(TestRuntime::Settings());
	Account ada = rt.accounts().signUp(accountSpec("ada"), "sign-up").account;
	CPPUNIT_ASSERT(organizationsOf(rt, ada.id).empty());
	CPPUNIT_ASSERT(rt.accounts().activeOrganization(ada.id).isNull());
	CPPUNIT_ASSERT(!rt.organization(ada, "acme").personal);
}


void PersonalOrganizationTest::testEveryNewAccountGetsOne()
{
	TestRuntime& rt = start(PERSONAL);
	// Self sign-up, an account created in-process, and one provisioned for a host's user.
	const Account ada = rt.accounts().signUp(accountSpec("ada", "Ada Lovelace"), "sign-up").account;
	const Account bob = rt.accounts().createAccount(accountSpec("bob"));
	const Account eve = rt.accounts().provisionAccount("idp|eve", accountSpec("eve"));
	for (const Account& a : {ada, bob, eve})
	{
		const std::vector<OrganizationMembership> orgs = organizationsOf(rt, a.id);
		CPPUNIT_ASSERT_EQUAL(std::size_t(1), orgs.size());
		const OrganizationMembership& om = orgs.front();
		CPPUNIT_ASSERT(om.organization.personal);
		CPPUNIT_ASSERT(om.owner);
		CPPUNIT_ASSERT_EQUAL(a.id, om.organization.ownerAccountId);
		CPPUNIT_ASSERT_EQUAL(a.username + "-personal", om.organization.username);
		CPPUNIT_ASSERT_EQUAL(std::string("us"), om.organization.region); // the default region
		// It is the account's active organization from the start.
		Poco::Nullable<Organization> active = rt.accounts().activeOrganization(a.id);
		CPPUNIT_ASSERT(!active.isNull());
		CPPUNIT_ASSERT_EQUAL(om.organization.id, active.value().id);
		CPPUNIT_ASSERT(active.value().personal);
		// The owner holds every permission in it, as in any organization.
		CPPUNIT_ASSERT(rt.access().isAllowed(a.id, om.organization.id, Permission::OrgUpdate));
	}
	// Provisioning the same subject again creates nothing more.
	rt.accounts().provisionAccount("idp|eve", accountSpec("eve"));
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), organizationsOf(rt, eve.id).size());
	// getOrganization() tells a personal organization apart too.
	CPPUNIT_ASSERT(rt.organizations().getOrganization(ada.id, "ada-personal").organization.personal);
	CPPUNIT_ASSERT(!rt.organization(ada, "acme").personal);
}


void PersonalOrganizationTest::testUsernameDerivation()
{
	CPPUNIT_ASSERT_EQUAL(std::string("ada-personal"), OrganizationServiceImpl::personalUsername("ada", 1));
	CPPUNIT_ASSERT_EQUAL(std::string("ada-personal-2"), OrganizationServiceImpl::personalUsername("ada", 2));
	CPPUNIT_ASSERT_EQUAL(std::string("ada-personal-13"), OrganizationServiceImpl::personalUsername("ada", 13));
	// A long username is shortened to keep within 39 characters, never leaving a '-' before
	// the suffix; every candidate is a valid username.
	const std::string longName(39, 'a');
	const std::string hyphened = std::string(29, 'b') + "-c";
	for (const std::string& u : {longName, hyphened, std::string("x1"), std::string("a-b-c")})
	{
		for (int n : {1, 2, 10, 999})
		{
			const std::string candidate = OrganizationServiceImpl::personalUsername(u, n);
			CPPUNIT_ASSERT_MESSAGE(candidate, candidate.size() <= 39);
			CPPUNIT_ASSERT_MESSAGE(candidate, candidate.find("--") == std::string::npos);
			Service::Validator::username("username", candidate);
		}
	}
	CPPUNIT_ASSERT_EQUAL(std::string(30, 'a') + "-personal", OrganizationServiceImpl::personalUsername(longName, 1));
	CPPUNIT_ASSERT_EQUAL(std::string(29, 'b') + "-personal", OrganizationServiceImpl::personalUsername(hyphened, 1));
}


void PersonalOrganizationTest::testUsernameCollisionsTakeTheNextSuffix()
{
	TestRuntime& rt = start(PERSONAL);
	// The handles "ada-personal" (an account) and "ada-personal-2" (an organization) are taken.
	const Account taker = rt.accounts().createAccount(accountSpec("ada-personal"));
	rt.organizations().createOrganization(taker.id, orgSpec("ada-personal-2"));
	const Account ada = rt.accounts().signUp(accountSpec("ada"), "sign-up").account;
	CPPUNIT_ASSERT_EQUAL(std::string("ada-personal-3"), personalOf(rt, ada.id).username);
	// The taker's own personal organization was derived the same way.
	CPPUNIT_ASSERT_EQUAL(std::string("ada-personal-personal"), personalOf(rt, taker.id).username);
	// And the account's own handle is still checked first: a taken username fails as before.
	CPPUNIT_ASSERT_EQUAL(std::string("username_taken"), reasonOf<ConflictException>([&] {
		                     rt.accounts().createAccount(accountSpec("ada-personal-3"));
	                     }));
}


void PersonalOrganizationTest::testTitle()
{
	Account a;
	a.username = "ada";
	a.name = "Ada Lovelace";
	CPPUNIT_ASSERT_EQUAL(std::string("Ada Lovelace's organization"), OrganizationServiceImpl::personalTitle(a));
	a.name = "";
	CPPUNIT_ASSERT_EQUAL(std::string("ada's organization"), OrganizationServiceImpl::personalTitle(a));
	// A 200-character name (allowed for accounts) is cut on a code point to fit a title's 100.
	a.name.clear();
	for (int i = 0; i < 200; ++i)
		a.name += "\xC3\xA9"; // é
	const std::string title = OrganizationServiceImpl::personalTitle(a);
	Service::Validator::title("title", title);
	CPPUNIT_ASSERT(Poco::endsWith(title, std::string("'s organization")));

	TestRuntime& rt = start(PERSONAL);
	const Account ada = rt.accounts().signUp(accountSpec("ada", a.name), "sign-up").account;
	CPPUNIT_ASSERT_EQUAL(title, personalOf(rt, ada.id).title);
}


void PersonalOrganizationTest::testDefaultWorkspace()
{
	TestRuntime::Settings settings = PERSONAL;
	settings["orgs.workspaces.default"] = "My Team";
	TestRuntime& rt = start(settings);
	const Account ada = rt.accounts().signUp(accountSpec("ada"), "sign-up").account;
	PageRequest page;
	Page<Workspace> workspaces = rt.workspaces().listWorkspaces(ada.id, "ada-personal", page);
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), workspaces.items.size());
	CPPUNIT_ASSERT_EQUAL(std::string("My Team"), workspaces.items.front().name);
}


void PersonalOrganizationTest::testRefusesMembers()
{
	TestRuntime& rt = start(PERSONAL);
	const Account ada = rt.accounts().signUp(accountSpec("ada"), "sign-up").account;
	const Account bob = rt.accounts().signUp(accountSpec("bob"), "sign-up").account;
	const Organization personal = personalOf(rt, ada.id);
	const Poco::Int64 version = rt.aclVersion(personal.id);

	CPPUNIT_ASSERT_EQUAL(std::string("personal_organization"), reasonOf<ConflictException>([&] {
		                     rt.memberships().addMember(ada.id, "ada-personal", memberSpec("bob"));
	                     }));
	CPPUNIT_ASSERT_EQUAL(std::string("personal_organization"), reasonOf<ConflictException>([&] {
		                     rt.organizations().transferOwnership(ada.id, "ada-personal", "bob");
	                     }));
	InvitationSpec invitation;
	invitation.email = "bob@example.com";
	CPPUNIT_ASSERT_EQUAL(std::string("personal_organization"), reasonOf<ConflictException>([&] {
		                     rt.runtime().invitations()->createInvitation(ada.id, "ada-personal", invitation);
	                     }));
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(0),
	                     rt.scalar("SELECT COUNT(*) FROM invitations WHERE organization_id = ?", personal.id));
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(1),
	                     rt.scalar("SELECT COUNT(*) FROM memberships WHERE organization_id = ?", personal.id));
	CPPUNIT_ASSERT_EQUAL(version, rt.aclVersion(personal.id));
	// A non-member still learns nothing; the organization's owner may still work in it.
	CPPUNIT_ASSERT_EQUAL(std::string("organization_not_found"), reasonOf<NotFoundException>([&] {
		                     rt.memberships().addMember(bob.id, "ada-personal", memberSpec("bob"));
	                     }));
	rt.organizations().updateOrganization(ada.id, "ada-personal", OrganizationChanges());
	// An ordinary organization of the same account takes members.
	rt.organization(ada, "acme");
	rt.memberships().addMember(ada.id, "acme", memberSpec("bob"));
}


void PersonalOrganizationTest::testAllowsMembersWhenConfigured()
{
	TestRuntime::Settings settings = PERSONAL;
	settings["orgs.organizations.personalAllowsMembers"] = "true";
	TestRuntime& rt = start(settings);
	const Account ada = rt.accounts().signUp(accountSpec("ada"), "sign-up").account;
	const Account bob = rt.accounts().signUp(accountSpec("bob"), "sign-up").account;
	rt.memberships().addMember(ada.id, "ada-personal", memberSpec("bob"));
	CPPUNIT_ASSERT(rt.access().isAllowed(bob.id, personalOf(rt, ada.id).id, Permission::OrgRead));
	const Organization transferred = rt.organizations().transferOwnership(ada.id, "ada-personal", "bob");
	CPPUNIT_ASSERT_EQUAL(bob.id, transferred.ownerAccountId);
	CPPUNIT_ASSERT(transferred.personal); // the flag stays with the organization
}


void PersonalOrganizationTest::testFailedSignUpLeavesNothing()
{
	TestRuntime& rt = start(PERSONAL);
	rt.accounts().signUp(accountSpec("ada"), "sign-up");
	const Poco::Int64 organizations = rt.scalar("SELECT COUNT(*) FROM organizations WHERE id > ?", 0);
	const Poco::Int64 handles = rt.scalar("SELECT COUNT(*) FROM handles WHERE kind = 'o' AND 0 < ?", 1);
	CPPUNIT_ASSERT_EQUAL(std::string("username_taken"),
	                     reasonOf<ConflictException>([&] { rt.accounts().signUp(accountSpec("ada"), "sign-up"); }));
	CPPUNIT_ASSERT_EQUAL(std::string("invalid_name"), reasonOf<InvalidInputException>([&] {
		                     rt.accounts().signUp(accountSpec("bob"), ""); // no token name
	                     }));
	CPPUNIT_ASSERT_EQUAL(organizations, rt.scalar("SELECT COUNT(*) FROM organizations WHERE id > ?", 0));
	CPPUNIT_ASSERT_EQUAL(handles, rt.scalar("SELECT COUNT(*) FROM handles WHERE kind = 'o' AND 0 < ?", 1));
}


void PersonalOrganizationTest::testFurtherOrganizationsWhileMemberOfOthers()
{
	TestRuntime& rt = start(PERSONAL);
	const Account ada = rt.accounts().signUp(accountSpec("ada"), "sign-up").account;
	const Account bob = rt.accounts().signUp(accountSpec("bob"), "sign-up").account;
	rt.organization(bob, "bobs");
	rt.memberships().addMember(bob.id, "bobs", memberSpec("ada"));
	// Being a member of bob's organization (and owning a personal one) limits nothing.
	const Organization one = rt.organizations().createOrganization(ada.id, orgSpec("ada-one"));
	const Organization two = rt.organizations().createOrganization(ada.id, orgSpec("ada-two"));
	CPPUNIT_ASSERT(!one.personal);
	const std::vector<OrganizationMembership> orgs = organizationsOf(rt, ada.id);
	CPPUNIT_ASSERT_EQUAL(std::size_t(4), orgs.size());
	int owned = 0;
	int personal = 0;
	for (const auto& om : orgs)
	{
		owned += om.owner ? 1 : 0;
		personal += om.organization.personal ? 1 : 0;
	}
	CPPUNIT_ASSERT_EQUAL(3, owned);
	CPPUNIT_ASSERT_EQUAL(1, personal);
	rt.memberships().addMember(ada.id, "ada-two", memberSpec("bob"));
	CPPUNIT_ASSERT(rt.access().isAllowed(bob.id, two.id, Permission::OrgRead));
}


void PersonalOrganizationTest::testActiveOrganization()
{
	TestRuntime& rt = start(TestRuntime::Settings());
	const Account ada = rt.account("ada");
	const Account bob = rt.account("bob");
	const Organization acme = rt.organization(ada, "acme");
	const Organization beta = rt.organization(bob, "beta");
	rt.memberships().addMember(bob.id, "beta", memberSpec("ada"));
	CPPUNIT_ASSERT(rt.accounts().activeOrganization(ada.id).isNull());

	// Set by username, switch by id, read back, clear.
	CPPUNIT_ASSERT_EQUAL(acme.id, rt.accounts().setActiveOrganization(ada.id, "acme").value().id);
	CPPUNIT_ASSERT_EQUAL(acme.id, rt.accounts().activeOrganization(ada.id).value().id);
	CPPUNIT_ASSERT_EQUAL(beta.id, rt.accounts().setActiveOrganization(ada.id, std::to_string(beta.id)).value().id);
	const Organization active = rt.accounts().activeOrganization(ada.id).value();
	CPPUNIT_ASSERT_EQUAL(beta.id, active.id);
	CPPUNIT_ASSERT_EQUAL(std::string("beta"), active.username);
	CPPUNIT_ASSERT(rt.accounts().setActiveOrganization(ada.id, "").isNull());
	CPPUNIT_ASSERT(rt.accounts().activeOrganization(ada.id).isNull());
	// Each account has its own.
	rt.accounts().setActiveOrganization(ada.id, "acme");
	rt.accounts().setActiveOrganization(bob.id, "beta");
	CPPUNIT_ASSERT_EQUAL(acme.id, rt.accounts().activeOrganization(ada.id).value().id);
	CPPUNIT_ASSERT_EQUAL(beta.id, rt.accounts().activeOrganization(bob.id).value().id);
}


void PersonalOrganizationTest::testActiveOrganizationNeedsMembership()
{
	TestRuntime& rt = start(TestRuntime::Settings());
	const Account ada = rt.account("ada");
	const Account bob = rt.account("bob");
	rt.organization(ada, "acme");
	const Organization beta = rt.organization(bob, "beta");
	rt.accounts().setActiveOrganization(ada.id, "acme");
	// Another's organization and a missing one look the same, and the choice stays as it was.
	for (const std::string& org :
	     {std::string("beta"), std::to_string(beta.id), std::string("nope"), std::string("999999")})
	{
		CPPUNIT_ASSERT_EQUAL(std::string("organization_not_found"),
		                     reasonOf<NotFoundException>([&] { rt.accounts().setActiveOrganization(ada.id, org); }));
	}
	CPPUNIT_ASSERT_EQUAL(std::string("acme"), rt.accounts().activeOrganization(ada.id).value().username);
	CPPUNIT_ASSERT_EQUAL(std::string("account_not_found"),
	                     reasonOf<NotFoundException>([&] { rt.accounts().setActiveOrganization(999999, ""); }));
}


void PersonalOrganizationTest::testLeavingHidesTheActiveOrganization()
{
	TestRuntime& rt = start(TestRuntime::Settings());
	const Account ada = rt.account("ada");
	const Account bob = rt.account("bob");
	rt.organization(bob, "beta");
	rt.organization(bob, "gamma");
	rt.memberships().addMember(bob.id, "beta", memberSpec("ada"));
	rt.memberships().addMember(bob.id, "gamma", memberSpec("ada"));

	rt.accounts().setActiveOrganization(ada.id, "beta");
	rt.memberships().leave(ada.id, "beta");
	CPPUNIT_ASSERT(rt.accounts().activeOrganization(ada.id).isNull());

	rt.accounts().setActiveOrganization(ada.id, "gamma");
	rt.memberships().removeMember(bob.id, "gamma", "ada");
	CPPUNIT_ASSERT(rt.accounts().activeOrganization(ada.id).isNull());
	CPPUNIT_ASSERT_EQUAL(std::string("organization_not_found"),
	                     reasonOf<NotFoundException>([&] { rt.accounts().setActiveOrganization(ada.id, "gamma"); }));
}


void PersonalOrganizationTest::testDeletingClearsTheActiveOrganization()
{
	TestRuntime& rt = start(PERSONAL);
	const Account ada = rt.accounts().signUp(accountSpec("ada"), "sign-up").account;
	const Organization personal = personalOf(rt, ada.id);
	CPPUNIT_ASSERT_EQUAL(personal.id, rt.scalar("SELECT active_organization_id FROM accounts WHERE id = ?", ada.id));
	rt.organizations().deleteOrganization(ada.id, "ada-personal");
	CPPUNIT_ASSERT(rt.accounts().activeOrganization(ada.id).isNull()); // deleted: not active
	// Restored within the retention period, it is the active one again, as it was.
	rt.organizations().restoreOrganization(ada.id, "ada-personal");
	CPPUNIT_ASSERT_EQUAL(personal.id, rt.accounts().activeOrganization(ada.id).value().id);
	// Purged, the choice is cleared with it (ON DELETE SET NULL).
	rt.organizations().deleteOrganization(ada.id, "ada-personal");
	{
		Poco::Data::Session s = rt.database().session();
		s << "UPDATE organizations SET deleted_at = 1 WHERE id = ?", Poco::Data::Keywords::bind(personal.id),
		    Poco::Data::Keywords::now; // deleted long ago
	}
	CPPUNIT_ASSERT_EQUAL(1, rt.runtime().purgeDeletedOrganizations());
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), rt.scalar("SELECT COUNT(*) FROM accounts WHERE id = ? AND "
	                                               "active_organization_id IS NULL",
	                                               ada.id));
}
