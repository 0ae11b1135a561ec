//
// SsoConnectionTest.cpp
//
// Library: OrgsTests
// Package: Identity
// Module:  SsoConnectionTest
//


#include "SsoConnectionTest.h"
#include "support/Expect.h"
#include "support/Racing.h"
#include "support/Suites.h"
#include "support/TestRuntime.h"
#include "data/TokenRepository.h"
#include "runtime/SsoModule.h"
#include "Orgs/AuditLog.h"
#include "Orgs/Errors.h"
#include "Poco/JSON/Object.h"
#include <atomic>
#include <thread>
#include <vector>


using namespace Orgs;
using Orgs::Federation::SignIn;
using Orgs::Federation::VerifiedToken;
using Orgs::Test::reasonOf;
using Orgs::Test::StartGate;
using Orgs::Test::TestRuntime;


ORGS_TEST_SUITE(SsoConnectionTest, "SsoConnection", DATABASE);


namespace {


const std::string ISSUER = "https://idp.example.com";


struct Fixture
	/// A runtime with owner "ada" of "acme" (workspace "Team A"), member "mia" (member role).
{
	explicit Fixture(TestRuntime::Settings settings = TestRuntime::Settings())
	{
		rt.reset(new TestRuntime(settings));
		ada = rt->account("ada");
		acme = rt->organization(ada, "acme");
		teamA = rt->workspaces().createWorkspace(ada.id, "acme", "Team A");
		mia = rt->account("mia");
		MemberSpec spec;
		spec.account = "mia";
		rt->memberships().addMember(ada.id, "acme", spec);
	}

	SsoConnectionService& sso() { return *rt->runtime().ssoConnections(); }
	Federation::SsoConnectionServiceImpl& impl() { return *rt->runtime().sso().connections(); }
	Federation::SsoSignInStep& step() { return rt->runtime().sso().signInStep(); }

	SsoConnection connect(const std::string& name = "Okta", bool enforced = false)
		/// Its own issuer; eng-admins → admin, labelers → Team A editor, default member.
	{
		SsoConnectionSpec spec;
		spec.name = name;
		spec.issuer = ISSUER;
		spec.audience = "orgs";
		spec.domains = {"example.com"};
		spec.enforced = enforced;
		spec.defaultRole = std::string("member");
		SsoMappingRule admins;
		admins.claim = "groups";
		admins.op = SsoMappingRule::CONTAINS;
		admins.value = "eng-admins";
		admins.target = SsoMappingRule::ORGANIZATION;
		admins.role = "admin";
		SsoMappingRule labelers = admins;
		labelers.value = "labelers";
		labelers.target = SsoMappingRule::WORKSPACE;
		labelers.workspaceId = teamA.id;
		labelers.role = "editor";
		spec.rules = {admins, labelers};
		return sso().createConnection(ada.id, "acme", spec);
	}

	static VerifiedToken token(const std::string& subject, const std::string& email,
	                           const std::vector<std::string>& groups)
	{
		VerifiedToken t;
		t.issuer = ISSUER;
		t.audience = "orgs";
		t.subject = subject;
		t.email = email;
		t.emailVerified = true;
		t.groups = groups;
		t.pClaims = new Poco::JSON::Object;
		return t;
	}

	void signIn(const Account& a, const std::vector<std::string>& groups)
	{
		const VerifiedToken t = token("sub-" + a.username, a.email, groups);
		const SignIn s{t, a.id, 0, false, false, true, a.email};
		step().signedIn(s);
	}

	std::string roleOf(const Account& a)
	{
		try
		{
			return rt->memberships().getMember(ada.id, "acme", a.username).role;
		}
		catch (NotFoundException&)
		{
			return "(none)";
		}
	}

	std::string workspaceRole(const Account& a)
	{
		for (const auto& m : rt->workspaces().listWorkspaceMembers(ada.id, "acme", teamA.id, PageRequest()).items)
			if (m.accountId == a.id)
				return m.role;
		return "(none)";
	}

	std::vector<AuditEvent> events(const std::string& action)
	{
		AuditQuery q;
		q.action = action;
		return rt->runtime().auditLog()->listEvents(ada.id, "acme", q).items;
	}

	Poco::Int64 members() { return rt->scalar("SELECT COUNT(*) FROM memberships WHERE organization_id = ?", acme.id); }

	std::unique_ptr<TestRuntime> rt;
	Account ada;
	Organization acme;
	Workspace teamA;
	Account mia;
};


} // namespace


void SsoConnectionTest::testCrudAndAudit()
{
	Fixture f;
	const SsoConnection c = f.connect();
	CPPUNIT_ASSERT(c.id > 0);
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), c.rules.size());
	const SsoConnection read = f.sso().getConnection(f.ada.id, "acme", c.id);
	CPPUNIT_ASSERT_EQUAL(std::string("Okta"), read.name);
	CPPUNIT_ASSERT_EQUAL(ISSUER, read.issuer);
	CPPUNIT_ASSERT_EQUAL(std::string("example.com"), read.domains.at(0));
	CPPUNIT_ASSERT_EQUAL(std::string("member"), read.defaultRole.value());
	CPPUNIT_ASSERT_EQUAL(f.teamA.id, read.rules.at(1).workspaceId);
	CPPUNIT_ASSERT_EQUAL(std::string("editor"), read.rules.at(1).role);

	// Keyset pages.
	f.connect("Second");
	f.connect("Third");
	SsoConnectionQuery q;
	q.limit = 2;
	Page<SsoConnection> page = f.sso().listConnections(f.ada.id, "acme", q);
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), page.items.size());
	CPPUNIT_ASSERT(!page.nextCursor.empty());
	q.cursor = page.nextCursor;
	page = f.sso().listConnections(f.ada.id, "acme", q);
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), page.items.size());
	CPPUNIT_ASSERT_EQUAL(std::string("Third"), page.items[0].name);
	CPPUNIT_ASSERT(page.nextCursor.empty());

	SsoConnectionChanges changes;
	changes.enforced = true;
	changes.defaultRole = std::string(); // none
	changes.domains = std::vector<std::string>{"Example.COM", "corp.example.org"};
	changes.rules = std::vector<SsoMappingRule>{read.rules.at(0)};
	const SsoConnection updated = f.sso().updateConnection(f.ada.id, "acme", c.id, changes);
	CPPUNIT_ASSERT(updated.enforced);
	CPPUNIT_ASSERT(updated.defaultRole.isNull());
	CPPUNIT_ASSERT_EQUAL(std::string("example.com"), updated.domains.at(0));
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), f.sso().getConnection(f.ada.id, "acme", c.id).rules.size());

	CPPUNIT_ASSERT_EQUAL(std::string("sso_connection_exists"),
	                     reasonOf<ConflictException>([&] { f.connect("Second"); }));

	f.sso().deleteConnection(f.ada.id, "acme", c.id);
	CPPUNIT_ASSERT_EQUAL(std::string("sso_connection_not_found"),
	                     reasonOf<NotFoundException>([&] { f.sso().getConnection(f.ada.id, "acme", c.id); }));
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(0),
	                     f.rt->scalar("SELECT COUNT(*) FROM sso_mapping_rules WHERE connection_id = ?", c.id));

	CPPUNIT_ASSERT_EQUAL(std::size_t(3), f.events("sso_connection.created").size());
	const std::vector<AuditEvent> updates = f.events("sso_connection.updated");
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), updates.size());
	CPPUNIT_ASSERT(updates[0].details.find("\"enforced\":true") != std::string::npos);
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), f.events("sso_connection.deleted").size());
	CPPUNIT_ASSERT_EQUAL(std::string("sso_connection"), f.events("sso_connection.deleted")[0].targetType);
}


void SsoConnectionTest::testValidation()
{
	Fixture f;
	auto attempt = [&](const std::function<void(SsoConnectionSpec&)>& change) {
		SsoConnectionSpec spec;
		spec.name = "X";
		spec.issuer = ISSUER;
		spec.audience = "orgs";
		spec.domains = {"example.com"};
		change(spec);
		try
		{
			f.sso().createConnection(f.ada.id, "acme", spec);
		}
		catch (OrgsException& exc)
		{
			return exc.reason();
		}
		return std::string("(no exception)");
	};
	SsoMappingRule rule;
	rule.claim = "groups";
	rule.op = "contains";
	rule.value = "g";
	rule.target = "organization";
	rule.role = "admin";
	CPPUNIT_ASSERT_EQUAL(std::string("(no exception)"), attempt([](SsoConnectionSpec&) {}));
	CPPUNIT_ASSERT_EQUAL(std::string("invalid_name"), attempt([](SsoConnectionSpec& s) { s.name = " "; }));
	CPPUNIT_ASSERT_EQUAL(std::string("invalid_issuer"),
	                     attempt([](SsoConnectionSpec& s) { s.issuer = "http://idp.example.com"; }));
	CPPUNIT_ASSERT_EQUAL(std::string("invalid_issuer"), attempt([](SsoConnectionSpec& s) { s.audience.clear(); }));
	CPPUNIT_ASSERT_EQUAL(std::string("invalid_issuer"), attempt([](SsoConnectionSpec& s) { s.issuerName = "google"; }));
	CPPUNIT_ASSERT_EQUAL(std::string("unknown_issuer"), attempt([](SsoConnectionSpec& s) {
		                     s.issuer.clear();
		                     s.audience.clear();
		                     s.issuerName = "google"; // none is configured here
	                     }));
	CPPUNIT_ASSERT_EQUAL(std::string("invalid_jwks_uri"), attempt([](SsoConnectionSpec& s) { s.jwksUri = "ftp://x"; }));
	CPPUNIT_ASSERT_EQUAL(std::string("invalid_domain"),
	                     attempt([](SsoConnectionSpec& s) { s.domains = {"not a domain"}; }));
	CPPUNIT_ASSERT_EQUAL(std::string("public_domain"),
	                     attempt([](SsoConnectionSpec& s) { s.domains = {"Gmail.com"}; }));
	// The same rule as verified domains: beneath a public domain is public too.
	CPPUNIT_ASSERT_EQUAL(std::string("public_domain"),
	                     attempt([](SsoConnectionSpec& s) { s.domains = {"mail.gmail.com"}; }));
	CPPUNIT_ASSERT_EQUAL(std::string("invalid_domain"),
	                     attempt([](SsoConnectionSpec& s) { s.domains = {"acme.123"}; }));
	CPPUNIT_ASSERT_EQUAL(std::string("unknown_role"),
	                     attempt([](SsoConnectionSpec& s) { s.defaultRole = std::string("boss"); }));
	CPPUNIT_ASSERT_EQUAL(std::string("unknown_role"), attempt([&](SsoConnectionSpec& s) {
		                     SsoMappingRule r = rule;
		                     r.role = "boss";
		                     s.rules = {r};
	                     }));
	CPPUNIT_ASSERT_EQUAL(std::string("invalid_rule"), attempt([&](SsoConnectionSpec& s) {
		                     SsoMappingRule r = rule;
		                     r.op = "matches";
		                     s.rules = {r};
	                     }));
	CPPUNIT_ASSERT_EQUAL(std::string("invalid_rule"), attempt([&](SsoConnectionSpec& s) {
		                     SsoMappingRule r = rule;
		                     r.target = "workspace"; // without its workspace
		                     s.rules = {r};
	                     }));
	CPPUNIT_ASSERT_EQUAL(std::string("workspace_not_found"), attempt([&](SsoConnectionSpec& s) {
		                     SsoMappingRule r = rule;
		                     r.target = "workspace";
		                     r.workspaceId = 999999;
		                     r.role = "editor";
		                     s.rules = {r};
	                     }));
	// Another organization's workspace is not one of acme's.
	f.rt->organization(f.ada, "other");
	const Workspace foreign = f.rt->workspaces().createWorkspace(f.ada.id, "other", "Theirs");
	CPPUNIT_ASSERT_EQUAL(std::string("workspace_not_found"), attempt([&](SsoConnectionSpec& s) {
		                     SsoMappingRule r = rule;
		                     r.target = "workspace";
		                     r.workspaceId = foreign.id;
		                     r.role = "editor";
		                     s.rules = {r};
	                     }));
}


void SsoConnectionTest::testPermissions()
{
	Fixture f;
	const SsoConnection c = f.connect();
	const Account eve = f.rt->account("eve");
	CPPUNIT_ASSERT_EQUAL(std::string("organization_not_found"),
	                     reasonOf<NotFoundException>([&] { f.sso().getConnection(eve.id, "acme", c.id); }));
	CPPUNIT_ASSERT_EQUAL(std::string("organization_not_found"), reasonOf<NotFoundException>([&] {
		                     f.sso().listConnections(eve.id, "acme", SsoConnectionQuery());
	                     }));
	CPPUNIT_ASSERT_EQUAL(std::string("permission_denied"),
	                     reasonOf<ForbiddenException>([&] { f.sso().getConnection(f.mia.id, "acme", c.id); }));
	CPPUNIT_ASSERT_EQUAL(std::string("permission_denied"),
	                     reasonOf<ForbiddenException>([&] { f.sso().deleteConnection(f.mia.id, "acme", c.id); }));
	// An admin ("*", so sso.manage) may; a connection of another organization is not found.
	MemberChanges promote;
	promote.role = std::string("admin");
	f.rt->memberships().updateMember(f.ada.id, "acme", "mia", promote);
	CPPUNIT_ASSERT_EQUAL(c.id, f.sso().getConnection(f.mia.id, "acme", c.id).id);
	f.rt->organization(f.mia, "miacorp");
	CPPUNIT_ASSERT_EQUAL(std::string("sso_connection_not_found"),
	                     reasonOf<NotFoundException>([&] { f.sso().getConnection(f.mia.id, "miacorp", c.id); }));
}


void SsoConnectionTest::testFirstSignInJoinsAndMaps()
{
	Fixture f;
	const SsoConnection c = f.connect();
	const Account bob = f.rt->account("bob");
	const Account cat = f.rt->account("cat");
	const Account dan = f.rt->account("dan");
	const Poco::Int64 before = f.rt->aclVersion(f.acme.id);
	f.signIn(bob, {"eng-admins", "labelers"});
	f.signIn(cat, {"labelers"});
	CPPUNIT_ASSERT_EQUAL(std::string("admin"), f.roleOf(bob));
	CPPUNIT_ASSERT_EQUAL(std::string("editor"), f.workspaceRole(bob));
	CPPUNIT_ASSERT_EQUAL(std::string("member"), f.roleOf(cat)); // the default role
	CPPUNIT_ASSERT_EQUAL(std::string("editor"), f.workspaceRole(cat));
	CPPUNIT_ASSERT(f.rt->aclVersion(f.acme.id) > before);
	CPPUNIT_ASSERT(f.rt->access().isAllowed(bob.id, f.acme.id, Permission::MembersAdd));

	const std::vector<AuditEvent> joined = f.events("sso.joined");
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), joined.size());
	CPPUNIT_ASSERT_EQUAL(cat.id, joined[0].actorAccountId); // the account itself, by the connection
	CPPUNIT_ASSERT(joined[0].details.find("\"sso_connection\":{\"id\":" + std::to_string(c.id)) != std::string::npos);

	// Without a default role, no matching rule admits nobody.
	SsoConnectionChanges noDefault;
	noDefault.defaultRole = std::string();
	f.sso().updateConnection(f.ada.id, "acme", c.id, noDefault);
	f.signIn(dan, {"labelers"});
	CPPUNIT_ASSERT_EQUAL(std::string("(none)"), f.roleOf(dan));
}


void SsoConnectionTest::testGroupChangesMoveRoles()
{
	Fixture f;
	f.connect();
	const Account bob = f.rt->account("bob");
	f.signIn(bob, {"eng-admins"});
	CPPUNIT_ASSERT_EQUAL(std::string("admin"), f.roleOf(bob));
	CPPUNIT_ASSERT_EQUAL(std::string("(none)"), f.workspaceRole(bob));
	f.signIn(bob, {"labelers"});
	CPPUNIT_ASSERT_EQUAL(std::string("member"), f.roleOf(bob));
	CPPUNIT_ASSERT_EQUAL(std::string("editor"), f.workspaceRole(bob));
	CPPUNIT_ASSERT(!f.rt->access().isAllowed(bob.id, f.acme.id, Permission::MembersAdd));
	const std::vector<AuditEvent> changed = f.events("member.role_changed");
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), changed.size());
	CPPUNIT_ASSERT(changed[0].details.find("sso_connection") != std::string::npos);
	// Placed at the second sign-in, as a member already.
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), f.events("workspace_member.set").size());
	// Signing in again with the same groups changes nothing.
	const Poco::Int64 version = f.rt->aclVersion(f.acme.id);
	f.signIn(bob, {"labelers"});
	CPPUNIT_ASSERT_EQUAL(version, f.rt->aclVersion(f.acme.id));

	// The owner's role is never changed.
	f.signIn(f.ada, {"labelers"});
	CPPUNIT_ASSERT(f.rt->memberships().getMember(f.ada.id, "acme", "ada").owner);
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), f.events("member.role_changed").size());
}


void SsoConnectionTest::testRemoveUnmatched()
{
	{
		Fixture f; // orgs.sso.removeUnmatched = false: nobody is removed
		SsoConnection c = f.connect();
		SsoConnectionChanges noDefault;
		noDefault.defaultRole = std::string();
		f.sso().updateConnection(f.ada.id, "acme", c.id, noDefault);
		const Account bob = f.rt->account("bob");
		f.signIn(bob, {"eng-admins"});
		f.signIn(bob, {});
		CPPUNIT_ASSERT_EQUAL(std::string("admin"), f.roleOf(bob));
	}
	Fixture f(TestRuntime::Settings{{"orgs.sso.removeUnmatched", "true"}});
	SsoConnection c = f.connect();
	SsoConnectionChanges noDefault;
	noDefault.defaultRole = std::string();
	f.sso().updateConnection(f.ada.id, "acme", c.id, noDefault);
	const Account bob = f.rt->account("bob");
	f.signIn(bob, {"eng-admins", "labelers"});
	CPPUNIT_ASSERT_EQUAL(std::string("admin"), f.roleOf(bob));
	f.signIn(bob, {"labelers"}); // a workspace rule alone does not admit
	CPPUNIT_ASSERT_EQUAL(std::string("(none)"), f.roleOf(bob));
	CPPUNIT_ASSERT_EQUAL(std::string("(none)"), f.workspaceRole(bob));
	const std::vector<AuditEvent> removed = f.events("member.removed");
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), removed.size());
	CPPUNIT_ASSERT(removed[0].details.find("sso_connection") != std::string::npos);
	// Never the owner.
	f.signIn(f.ada, {});
	CPPUNIT_ASSERT(f.rt->memberships().getMember(f.ada.id, "acme", "ada").owner);
}


void SsoConnectionTest::testSeatRefusalDoesNotRefuseSignIn()
{
	Fixture f(TestRuntime::Settings{
	    {"orgs.plans", "small"}, {"orgs.plans.default", "small"}, {"orgs.plans.small.maxMembers", "2"}});
	const SsoConnection c = f.connect();
	const Account bob = f.rt->account("bob");
	// ada and mia hold the two seats: bob's sign-in goes on, bob does not join.
	CPPUNIT_ASSERT_NO_THROW(f.signIn(bob, {"eng-admins"}));
	CPPUNIT_ASSERT_EQUAL(std::string("(none)"), f.roleOf(bob));
	const SsoTestReport r =
	    f.impl().testConnection(f.ada.id, "acme", c.id, Fixture::token("sub-bob", bob.email, {"eng-admins"}));
	CPPUNIT_ASSERT_EQUAL(std::string("join"), r.action);
	CPPUNIT_ASSERT(!r.admission);
	CPPUNIT_ASSERT_EQUAL(std::string("seat_limit"), r.refusal);
}


void SsoConnectionTest::testConcurrentFirstSignInsRespectSeats()
{
	Fixture f(TestRuntime::Settings{{"orgs.plans", "small"},
	                                {"orgs.plans.default", "small"},
	                                {"orgs.plans.small.maxMembers", "4"},
	                                {"orgs.database.maxSessions", "32"}});
	f.connect();
	const int N = 8;
	std::vector<Account> accounts;
	for (int i = 0; i < N; ++i)
		accounts.push_back(f.rt->account("user" + std::to_string(i)));
	StartGate gate(N);
	std::atomic<int> failures{0};
	std::vector<std::thread> threads;
	for (int i = 0; i < N; ++i)
	{
		threads.emplace_back([&, i] {
			gate.arriveAndWait();
			try
			{
				f.signIn(accounts[static_cast<std::size_t>(i)], {"labelers"});
			}
			catch (...)
			{
				++failures;
			}
		});
	}
	for (auto& t : threads)
		t.join();
	CPPUNIT_ASSERT_EQUAL(0, failures.load());
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(4), f.members()); // ada, mia and two of the eight
}


void SsoConnectionTest::testExplainWritesNothing()
{
	Fixture f;
	const SsoConnection c = f.connect();
	const Account bob = f.rt->account("bob");
	f.step().setAccountOf(
	    [&](Poco::Data::Session&, const VerifiedToken& t) { return t.subject == "sub-bob" ? bob.id : 0; });
	const Poco::Int64 version = f.rt->aclVersion(f.acme.id);
	SsoTestReport r = f.impl().testConnection(f.ada.id, "acme", c.id,
	                                          Fixture::token("sub-bob", bob.email, {"labelers", "eng-admins"}));
	CPPUNIT_ASSERT(r.sees);
	CPPUNIT_ASSERT_EQUAL(bob.id, r.accountId);
	CPPUNIT_ASSERT_EQUAL(std::string("join"), r.action);
	CPPUNIT_ASSERT(r.admission);
	CPPUNIT_ASSERT_EQUAL(std::string("admin"), r.role);
	CPPUNIT_ASSERT_EQUAL(std::size_t(0), r.organizationRule.value());
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), r.workspaces.size());
	CPPUNIT_ASSERT_EQUAL(std::string("Team A"), r.workspaces[0].workspaceName);
	CPPUNIT_ASSERT_EQUAL(std::string("join"), r.workspaces[0].action);
	CPPUNIT_ASSERT(r.rules[0].applied && r.rules[1].applied);
	CPPUNIT_ASSERT_EQUAL(std::string("(none)"), f.roleOf(bob));
	CPPUNIT_ASSERT_EQUAL(version, f.rt->aclVersion(f.acme.id));

	// A member: change, or nothing for the owner; an unknown identity would be created and join.
	r = f.impl().testConnection(f.ada.id, "acme", c.id, Fixture::token("sub-mia", f.mia.email, {"eng-admins"}));
	CPPUNIT_ASSERT_EQUAL(Id(0), r.accountId); // no identity of mia at this issuer
	f.step().setAccountOf(
	    [&](Poco::Data::Session&, const VerifiedToken& t) { return t.subject == "sub-mia" ? f.mia.id : f.ada.id; });
	r = f.impl().testConnection(f.ada.id, "acme", c.id, Fixture::token("sub-mia", f.mia.email, {"eng-admins"}));
	CPPUNIT_ASSERT(r.member);
	CPPUNIT_ASSERT_EQUAL(std::string("member"), r.currentRole);
	CPPUNIT_ASSERT_EQUAL(std::string("change"), r.action);
	r = f.impl().testConnection(f.ada.id, "acme", c.id, Fixture::token("sub-ada", f.ada.email, {}));
	CPPUNIT_ASSERT(r.owner);
	CPPUNIT_ASSERT(r.byDefault);
	CPPUNIT_ASSERT_EQUAL(std::string("nothing"), r.action);
	CPPUNIT_ASSERT(!r.note.empty());

	// Another issuer's token is refused for this connection.
	VerifiedToken other = Fixture::token("x", "x@example.com", {});
	other.issuer = "https://other.example.com";
	CPPUNIT_ASSERT_EQUAL(std::string("wrong_issuer"), reasonOf<InvalidInputException>([&] {
		                     f.impl().testConnection(f.ada.id, "acme", c.id, other);
	                     }));
	// Without a verifier wired, the raw token cannot be tested.
	CPPUNIT_ASSERT_EQUAL(std::string("missing_token"),
	                     reasonOf<InvalidInputException>([&] { f.sso().testConnection(f.ada.id, "acme", c.id, " "); }));
}


void SsoConnectionTest::testEnforcement()
{
	Fixture f;
	const SsoConnection c = f.connect("Okta", true);
	Federation::SsoEnforcement& enforcement = f.rt->runtime().sso().enforcement();
	auto check = [&](const Federation::SsoEnforcement::Caller& caller, bool member) {
		return reasonOf<ForbiddenException>([&] { enforcement.check(caller, f.acme.id, [member] { return member; }); });
	};
	// mia (example.com, a member) with a personal access token made otherwise: refused.
	const IssuedToken plain = f.rt->accounts().createToken(f.mia.id, "plain");
	Federation::SsoEnforcement::Caller caller;
	caller.accountId = f.mia.id;
	caller.tokenId = plain.token.id;
	CPPUNIT_ASSERT_EQUAL(std::string("sso_required"), check(caller, true));
	CPPUNIT_ASSERT_EQUAL(std::string("(no exception)"), check(caller, false)); // a non-member: the handler's 404
	// A token created while signed in through the connection is accepted.
	IssuedToken via;
	{
		Data::TokenRepository::CreatedVia scope(ISSUER, "orgs");
		via = f.rt->accounts().createToken(f.mia.id, "via sso");
	}
	caller.tokenId = via.token.id;
	CPPUNIT_ASSERT_EQUAL(std::string("(no exception)"), check(caller, true));
	// So is a token of the connection itself, and not one of another issuer.
	const VerifiedToken jwt = Fixture::token("sub-mia", f.mia.email, {});
	caller.tokenId = 0;
	caller.pToken = &jwt;
	CPPUNIT_ASSERT_EQUAL(std::string("(no exception)"), check(caller, true));
	VerifiedToken foreign = jwt;
	foreign.issuer = "https://other.example.com";
	caller.pToken = &foreign;
	CPPUNIT_ASSERT_EQUAL(std::string("sso_required"), check(caller, true));
	// A member outside the connection's domains is not concerned.
	const Account out = f.rt->accounts().createAccount({"out", "out@elsewhere.org", "Out"});
	caller.accountId = out.id;
	caller.pToken = nullptr;
	caller.tokenId = f.rt->accounts().createToken(out.id, "t").token.id;
	CPPUNIT_ASSERT_EQUAL(std::string("(no exception)"), check(caller, true));
	// Not enforced any more: the cache follows the change at once.
	caller.accountId = f.mia.id;
	caller.tokenId = plain.token.id;
	SsoConnectionChanges off;
	off.enforced = false;
	f.sso().updateConnection(f.ada.id, "acme", c.id, off);
	CPPUNIT_ASSERT_EQUAL(std::string("(no exception)"), check(caller, true));
	// The permission check in-process is not concerned by enforcement.
	CPPUNIT_ASSERT(f.rt->access().isAllowed(f.mia.id, f.acme.id, Permission::OrgRead));
}


void SsoConnectionTest::testIssuerSource()
{
	Fixture f;
	Federation::SsoIssuerSource& issuers = f.rt->runtime().sso().issuers();
	CPPUNIT_ASSERT(issuers.findIssuer(ISSUER).isNull());
	f.connect("One"); // audience "orgs"; the absence cached above is forgotten
	Poco::Nullable<Federation::IssuerSpec> spec = issuers.findIssuer(ISSUER);
	CPPUNIT_ASSERT(!spec.isNull());
	CPPUNIT_ASSERT(spec.value().name.empty());
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), spec.value().audiences.size());
	// Another organization's connection on the same issuer adds its audience.
	f.rt->organization(f.ada, "beta");
	SsoConnectionSpec s;
	s.name = "Beta";
	s.issuer = ISSUER;
	s.audience = "beta-client";
	s.jwksUri = "https://idp.example.com/keys";
	f.sso().createConnection(f.ada.id, "beta", s);
	spec = issuers.findIssuer(ISSUER);
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), spec.value().audiences.size());
	CPPUNIT_ASSERT_EQUAL(std::string("https://idp.example.com/keys"), spec.value().jwksUri);
	CPPUNIT_ASSERT(issuers.findIssuer("https://unknown.example.com").isNull());
}


void SsoConnectionTest::testTokenRecordsWhereItWasCreated()
{
	Fixture f;
	Data::TokenRepository tokens(f.rt->runtime().database());
	Id made = 0;
	{
		Data::TokenRepository::CreatedVia outer(ISSUER, "orgs");
		made = f.rt->accounts().createToken(f.mia.id, "t1").token.id;
	}
	const Id plain = f.rt->accounts().createToken(f.mia.id, "t2").token.id;
	Poco::Data::Session session = f.rt->runtime().database().session();
	CPPUNIT_ASSERT_EQUAL(ISSUER, tokens.createdVia(session, made).issuer);
	CPPUNIT_ASSERT_EQUAL(std::string("orgs"), tokens.createdVia(session, made).audience);
	CPPUNIT_ASSERT(tokens.createdVia(session, plain).issuer.empty());
	CPPUNIT_ASSERT(Data::TokenRepository::CreatedVia::current() == nullptr);
}


void SsoConnectionTest::testDisabled()
{
	Fixture f(TestRuntime::Settings{{"orgs.sso.enabled", "false"}});
	SsoConnectionSpec s;
	s.name = "X";
	s.issuer = ISSUER;
	s.audience = "orgs";
	CPPUNIT_ASSERT_EQUAL(std::string("sso_disabled"),
	                     reasonOf<ForbiddenException>([&] { f.sso().createConnection(f.ada.id, "acme", s); }));
	const Account eve = f.rt->account("eve");
	CPPUNIT_ASSERT_EQUAL(std::string("organization_not_found"), reasonOf<NotFoundException>([&] {
		                     f.sso().listConnections(eve.id, "acme", SsoConnectionQuery());
	                     }));
}
