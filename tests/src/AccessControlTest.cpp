//
// AccessControlTest.cpp
//
// Library: OrgsTests
// Package: Access
// Module:  AccessControlTest
//


#include "AccessControlTest.h"
#include "access/AccessControlImpl.h"
#include "data/MembershipRepository.h"
#include "support/ManualClock.h"
#include "support/Suites.h"
#include "support/TestRuntime.h"
#include "Orgs/AccessControl.h"
#include "Orgs/Errors.h"
#include "Poco/Data/Session.h"
#include "Poco/Exception.h"
#include "Poco/Logger.h"
#include "Poco/Path.h"
#include "Poco/Util/MapConfiguration.h"
#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <random>
#include <sstream>
#include <thread>
#include <vector>


using namespace Orgs;
using namespace Poco::Data::Keywords;
using Orgs::Test::TestRuntime;
using Clock = std::chrono::steady_clock;


ORGS_TEST_SUITE(AccessControlTest, "AccessControl", DATABASE);


namespace {


TestRuntime::Settings settings(const std::string& maxStaleness,
                               const TestRuntime::Settings& extra = TestRuntime::Settings())
	/// Returns the staleness bound given and the roles these tests assume (those of the shipped
	/// roles file, pinned here), with organization admins implied workspace admins; extra
	/// overrides them.
{
	TestRuntime::Settings s{
	    {"orgs.access.maxStaleness", maxStaleness},
	    {"orgs.roles.organization", "member, admin"},
	    {"orgs.roles.organization.member.permissions", "org.read, members.read"},
	    {"orgs.roles.organization.admin.permissions", "*"},
	    {"orgs.roles.organization.admin.impliesWorkspaceRole", "admin"},
	    {"orgs.roles.organization.default", "member"},
	    {"orgs.roles.organization.formerOwner", "admin"},
	    {"orgs.roles.workspace", "viewer, editor, admin"},
	    {"orgs.roles.workspace.viewer.permissions", "workspace.read, resources.read"},
	    {"orgs.roles.workspace.editor.permissions", "workspace.read, resources.read, resources.create"},
	    {"orgs.roles.workspace.admin.permissions", "workspace.read, workspace.update, workspace.members.manage, "
	                                               "resources.read, resources.create, resources.delete"},
	    {"orgs.roles.workspace.default", "viewer"},
	    {"orgs.resources.types", "dataset"},
	    {"orgs.roles.dataset", "none, labeler, reviewer, manager, admin"},
	    {"orgs.roles.dataset.labeler.permissions", "resource.read, resource.label"},
	    {"orgs.roles.dataset.reviewer.permissions", "resource.read, resource.label, resource.review"},
	    {"orgs.roles.dataset.manager.permissions", "resource.read, resource.write, resource.label, resource.review"},
	    {"orgs.roles.dataset.admin.permissions",
	     "resource.read, resource.write, resource.label, resource.review, resource.manage"},
	    {"orgs.roles.dataset.default", "labeler"},
	    {"orgs.workspaces.default", ""},
	};
	for (const auto& kv : extra)
		s[kv.first] = kv.second;
	return s;
}


class SecondHost
	/// Another Orgs::Runtime on the database of a TestRuntime: what another process running the
	/// plugin on the same database sees.
{
public:
	SecondHost(TestRuntime& first, const TestRuntime::Settings& settings, Service::Clock::Ptr pClock = nullptr)
	{
		Poco::AutoPtr<Poco::Util::MapConfiguration> pConfig = TestRuntime::configuration(first.database(), settings);
		_pRuntime.reset(
		    new Runtime(*pConfig, TestRuntime::resolveConfigPath, Poco::Logger::get("orgs-test"), nullptr, pClock));
	}

	AccessControl& access() { return *_pRuntime->accessControl(); }
	Runtime& runtime() { return *_pRuntime; }

	Account account(const std::string& username)
		/// Creates an account through this host (a transaction on one of its sessions).
	{
		AccountSpec spec;
		spec.username = username;
		spec.email = username + "@example.com";
		spec.name = "Test " + username;
		return _pRuntime->accounts()->createAccount(spec);
	}

private:
	std::unique_ptr<Runtime> _pRuntime;
};


//
// Direct SQL on the 0002 tables (no service creates workspaces or resources yet). These do not
// invalidate any cache: they bump acl_version as another host's transaction would.
//


void bumpAclVersion(TestRuntime& rt, Id orgId)
{
	Poco::Data::Session s = rt.database().session();
	s << "UPDATE organizations SET acl_version = acl_version + 1 WHERE id = ?", bind(orgId), now;
}


Id insertWorkspace(TestRuntime& rt, Id orgId, const std::string& name, Id createdBy)
{
	Poco::Data::Session s = rt.database().session();
	s << "INSERT INTO workspaces (organization_id, name, created_by, created_at, updated_at) VALUES (?, ?, ?, 1, 1)",
	    bind(orgId), bind(name), bind(createdBy), now;
	Id id = 0;
	s << "SELECT id FROM workspaces WHERE organization_id = ? AND name = ?", bind(orgId), bind(name), into(id), now;
	bumpAclVersion(rt, orgId);
	return id;
}


Id insertResource(TestRuntime& rt, Id orgId, Id workspaceId, const std::string& name, Id createdBy)
	/// Inserts a dataset, in the workspace unless workspaceId is 0.
{
	Poco::Data::Session s = rt.database().session();
	if (workspaceId)
		s << "INSERT INTO resources (organization_id, workspace_id, type, name, created_by, created_at) "
		     "VALUES (?, ?, 'dataset', ?, ?, 1)",
		    bind(orgId), bind(workspaceId), bind(name), bind(createdBy), now;
	else
		s << "INSERT INTO resources (organization_id, type, name, created_by, created_at) VALUES (?, 'dataset', ?, ?, "
		     "1)",
		    bind(orgId), bind(name), bind(createdBy), now;
	Id id = 0;
	s << "SELECT id FROM resources WHERE organization_id = ? AND name = ?", bind(orgId), bind(name), into(id), now;
	bumpAclVersion(rt, orgId);
	return id;
}


void insertWorkspaceMember(TestRuntime& rt, Id orgId, Id workspaceId, Id accountId, const std::string& role)
{
	Poco::Data::Session s = rt.database().session();
	s << "INSERT INTO workspace_members (workspace_id, organization_id, account_id, role, created_at) "
	     "VALUES (?, ?, ?, ?, 1)",
	    bind(workspaceId), bind(orgId), bind(accountId), bind(role), now;
	bumpAclVersion(rt, orgId);
}


void insertCollaborator(TestRuntime& rt, Id orgId, Id resourceId, Id accountId, const std::string& role)
{
	Poco::Data::Session s = rt.database().session();
	s << "INSERT INTO resource_collaborators (resource_id, organization_id, account_id, role, created_at) "
	     "VALUES (?, ?, ?, ?, 1)",
	    bind(resourceId), bind(orgId), bind(accountId), bind(role), now;
	bumpAclVersion(rt, orgId);
}


//
// A member's standing as the consistency tests see it.
//


enum State
{
	NONE = 0,
	MEMBER = 1,
	ADMIN = 2
};


const char* stateName(int s)
{
	return s == ADMIN ? "admin" : s == MEMBER ? "member" : "not a member";
}


struct Answer
	/// What three checks of one account said.
{
	bool membersAdd = false;      ///< isAllowed(members.add) in the organization: admins only
	bool member = false;          ///< isMember()
	bool workspaceUpdate = false; ///< isAllowed(workspace.update) in a workspace: admins only

	bool operator==(const Answer& other) const
	{
		return membersAdd == other.membersAdd && member == other.member && workspaceUpdate == other.workspaceUpdate;
	}

	std::string toString() const
	{
		std::ostringstream out;
		out << "{members.add=" << membersAdd << " member=" << member << " workspace.update=" << workspaceUpdate << "}";
		return out.str();
	}
};


Answer expected(int state)
{
	Answer a;
	a.membersAdd = state == ADMIN;
	a.member = state != NONE;
	a.workspaceUpdate = state == ADMIN;
	return a;
}


Answer ask(AccessControl& access, Id accountId, Id orgId, Id workspaceId)
{
	Answer a;
	a.membersAdd = access.isAllowed(accountId, orgId, Permission::MembersAdd);
	a.member = access.isMember(accountId, orgId);
	a.workspaceUpdate = access.isAllowed(accountId, orgId, WorkspaceId{workspaceId}, Permission::WorkspaceUpdate);
	return a;
}


void change(TestRuntime& rt, Id actorId, const std::string& org, const std::string& account, int from, int to)
	/// Moves account from one state to another through the MembershipService.
{
	const std::string role = to == ADMIN ? "admin" : "member";
	if (from == NONE)
		rt.memberships().addMember(actorId, org, account, role);
	else if (to == NONE)
		rt.memberships().removeMember(actorId, org, account);
	else
		rt.memberships().changeRole(actorId, org, account, role);
}


double secondsSince(Clock::time_point t)
{
	return std::chrono::duration<double>(Clock::now() - t).count();
}


const GrantSource* findGrant(const Explanation& e, const std::string& source)
{
	for (const auto& g : e.grants)
	{
		if (g.source == source)
			return &g;
	}
	return nullptr;
}


std::string sourcesOf(const Explanation& e)
{
	std::string s;
	for (const auto& g : e.grants)
		s += (s.empty() ? "" : ", ") + g.source + ":" + g.role + "@" + std::to_string(g.scopeId);
	return "[" + s + "]";
}


bool holds(const Explanation& e, Permission p)
{
	return std::find(e.permissions.begin(), e.permissions.end(), permissionName(p)) != e.permissions.end();
}


std::vector<Permission> everyPermission()
{
	std::vector<Permission> result;
	for (unsigned p = 0; p < static_cast<unsigned>(Permission::COUNT); ++p)
		result.push_back(static_cast<Permission>(p));
	return result;
}


} // namespace


void AccessControlTest::testChangesInThisProcessAreSeenAtOnceByConcurrentChecks()
{
	// An hour of staleness: only the in-process invalidation can make a check see a change.
	TestRuntime rt(settings("3600"));
	Account ada = rt.account("ada");
	Account bob = rt.account("bob");
	Organization acme = rt.organization(ada, "acme");
	rt.memberships().addMember(ada.id, "acme", "bob", "member");
	const Id ws = insertWorkspace(rt, acme.id, "Team", ada.id);
	AccessControl& access = rt.access();
	CPPUNIT_ASSERT(ask(access, bob.id, acme.id, ws) == expected(MEMBER));

	// The writer cycles through every kind of change; states[k] is bob's state once change k
	// returned (states[0]: before any). generation is 2k while change k is the last one that
	// returned, 2k + 1 while change k + 1 runs; states[k + 1] is written before that.
	const int CYCLE[] = {ADMIN, MEMBER, NONE, ADMIN, NONE, MEMBER};
	const int MAX_CHANGES = 120;
	const double MAX_SECONDS = 6;
	std::vector<int> states(MAX_CHANGES + 1, MEMBER);
	std::atomic<long> generation{0};
	std::atomic<bool> stop{false};
	std::atomic<long> checks{0};
	std::atomic<long> strictChecks{0};
	std::atomic<long> failures{0};
	std::mutex mutex;
	std::string firstFailure;
	auto fail = [&](const std::string& what) {
		if (failures.fetch_add(1) == 0)
		{
			std::lock_guard<std::mutex> lock(mutex);
			firstFailure = what;
		}
	};

	std::vector<std::thread> checkers;
	for (int t = 0; t < 3; ++t)
	{
		checkers.emplace_back([&] {
			try
			{
				long n = 0, strict = 0;
				while (!stop.load())
				{
					const long g0 = generation.load(std::memory_order_acquire);
					const Answer a = ask(access, bob.id, acme.id, ws);
					const long g1 = generation.load(std::memory_order_acquire);
					++n;
					// Any state from the last change returned before the check started to the
					// last one started before it ended; each answer on its own, since a change
					// may fall between them.
					const long first = g0 / 2, last = (g1 + 1) / 2;
					bool membersAdd = false, member = false, workspaceUpdate = false;
					for (long k = first; k <= last; ++k)
					{
						const Answer e = expected(states[k]);
						membersAdd = membersAdd || e.membersAdd == a.membersAdd;
						member = member || e.member == a.member;
						workspaceUpdate = workspaceUpdate || e.workspaceUpdate == a.workspaceUpdate;
					}
					if (g0 == g1 && g0 % 2 == 0)
					{
						++strict; // no change ran during the check: exactly the last one's answer
						if (!(a == expected(states[first])))
							fail("a check started after change " + std::to_string(first) + " (to " +
							     stateName(states[first]) + ") returned answered " + a.toString());
					}
					else if (!membersAdd || !member || !workspaceUpdate)
					{
						fail("a check started after change " + std::to_string(first) + " (to " +
						     stateName(states[first]) + ") returned answered " + a.toString() +
						     ", which no state up to change " + std::to_string(last) + " gives");
					}
				}
				checks += n;
				strictChecks += strict;
			}
			catch (Poco::Exception& exc)
			{
				fail("checker: " + exc.displayText());
			}
			catch (std::exception& exc)
			{
				fail(std::string("checker: ") + exc.what());
			}
		});
	}

	int changes = 0;
	const Clock::time_point start = Clock::now();
	try
	{
		int state = MEMBER;
		for (int k = 0; k < MAX_CHANGES && secondsSince(start) < MAX_SECONDS; ++k)
		{
			const int target = CYCLE[k % 6];
			states[k + 1] = target;
			generation.store(2 * k + 1, std::memory_order_release);
			change(rt, ada.id, "acme", "bob", state, target);
			generation.store(2 * k + 2, std::memory_order_release);
			state = target;
			++changes;
			// The writer's own next check, too.
			const Answer a = ask(access, bob.id, acme.id, ws);
			if (!(a == expected(target)))
				fail("the writer's check right after change " + std::to_string(k + 1) + " (to " + stateName(target) +
				     ") answered " + a.toString());
			// Let the checkers run a few checks between changes.
			std::this_thread::sleep_for(std::chrono::milliseconds(3));
		}
	}
	catch (Poco::Exception& exc)
	{
		fail("change " + std::to_string(changes + 1) + ": " + exc.displayText());
	}
	stop = true;
	for (auto& t : checkers)
		t.join();

	CPPUNIT_ASSERT_EQUAL_MESSAGE(firstFailure, 0L, failures.load());
	CPPUNIT_ASSERT_MESSAGE("changes: " + std::to_string(changes), changes >= 12);
	CPPUNIT_ASSERT_MESSAGE("checks without a concurrent change: " + std::to_string(strictChecks.load()),
	                       strictChecks.load() >= changes);
}


void AccessControlTest::testAnotherHostSeesChangesWithinTheStalenessBound()
{
	const double BOUND = 0.2;
	const double SLACK = 0.25; // a query, the clock's resolution and scheduling on a busy machine
	TestRuntime a(settings("0.2"));
	SecondHost b(a, settings("0.2"));
	Account ada = a.account("ada");
	Account bob = b.account("bob"); // B writes too, as a host does
	Organization acme = a.organization(ada, "acme");
	a.memberships().addMember(ada.id, "acme", "bob", "member");
	const Id ws = insertWorkspace(a, acme.id, "Team", ada.id);

	const int STEPS[] = {ADMIN, MEMBER, NONE, MEMBER, ADMIN, NONE};
	int state = MEMBER;
	int servedFromCache = 0;
	for (int i = 0; i < 6; ++i)
	{
		const int target = STEPS[i];
		const std::string step =
		    std::string("step ") + std::to_string(i) + " (" + stateName(state) + " to " + stateName(target) + "): ";
		// Past the bound, B's next check validates its entries: they are fresh from then on.
		std::this_thread::sleep_for(std::chrono::milliseconds(250));
		const Clock::time_point warmed = Clock::now();
		CPPUNIT_ASSERT_EQUAL_MESSAGE(step + "B before", expected(state).toString(),
		                             ask(b.access(), bob.id, acme.id, ws).toString());

		change(a, ada.id, "acme", "bob", state, target);
		const Clock::time_point changed = Clock::now();
		CPPUNIT_ASSERT_EQUAL_MESSAGE(step + "A at once", expected(target).toString(),
		                             ask(a.access(), bob.id, acme.id, ws).toString());

		// Not necessarily seen by B at once: within the bound of its last validation, B answers
		// from its cache without a query (else the bound would never be exercised).
		const Answer immediate = ask(b.access(), bob.id, acme.id, ws);
		if (secondsSince(warmed) < 0.15)
		{
			CPPUNIT_ASSERT_EQUAL_MESSAGE(step + "B within the bound of its last validation answers from its cache",
			                             expected(state).toString(), immediate.toString());
			++servedFromCache;
		}

		if (i % 2 == 0)
		{
			// Seen after sleeping past the bound.
			std::this_thread::sleep_for(std::chrono::milliseconds(static_cast<int>((BOUND + 0.05) * 1000)));
			CPPUNIT_ASSERT_EQUAL_MESSAGE(step + "B after the bound", expected(target).toString(),
			                             ask(b.access(), bob.id, acme.id, ws).toString());
		}
		else
		{
			// Polled: seen within the bound (and a query).
			double seenAfter = -1;
			while (seenAfter < 0 && secondsSince(changed) < BOUND + 2)
			{
				const double t = secondsSince(changed);
				if (ask(b.access(), bob.id, acme.id, ws) == expected(target))
					seenAfter = t;
				else
					std::this_thread::sleep_for(std::chrono::milliseconds(5));
			}
			CPPUNIT_ASSERT_MESSAGE(step + "B saw the change after " + std::to_string(seenAfter) + " s",
			                       seenAfter >= 0 && seenAfter <= BOUND + SLACK);
		}
		// And never goes back.
		for (int n = 0; n < 20; ++n)
			CPPUNIT_ASSERT_EQUAL_MESSAGE(step + "B later", expected(target).toString(),
			                             ask(b.access(), bob.id, acme.id, ws).toString());
		state = target;
	}
	CPPUNIT_ASSERT_MESSAGE("B's cache never answered within the bound", servedFromCache > 0);
}


void AccessControlTest::testStalenessTimeIsTheInjectedClock()
{
	// Host B trusts what it cached for 30 s of its clock, which the test moves.
	Test::ManualClock::Ptr pClock = new Test::ManualClock;
	TestRuntime a(settings("30"));
	SecondHost b(a, settings("30"), pClock);
	Access::Ticker& ticker = dynamic_cast<Access::AccessControlImpl&>(b.access()).ticker();
	Account ada = a.account("ada");
	Account bob = a.account("bob");
	Organization acme = a.organization(ada, "acme");
	a.memberships().addMember(ada.id, "acme", "bob", "member");
	const IssuedToken token = a.accounts().createToken(bob.id, "b");
	// What B knows: a grant, an organization, a live token.
	auto grant = [&] { return b.access().isAllowed(bob.id, acme.id, Permission::MembersAdd); };
	auto title = [&] { return b.runtime().organizations()->getOrganization(bob.id, "acme").organization.title; };
	auto tokenLive = [&] {
		Id who = 0;
		return b.runtime().accounts()->authenticateToken(token.secret, who);
	};
	CPPUNIT_ASSERT(!grant());
	CPPUNIT_ASSERT_EQUAL(std::string("Organization acme"), title());
	CPPUNIT_ASSERT(tokenLive());

	// A changes all three; B's caches are not told.
	a.memberships().changeRole(ada.id, "acme", "bob", "admin");
	OrganizationChanges c;
	c.title = std::string("Renamed");
	a.organizations().updateOrganization(ada.id, "acme", c);
	a.accounts().revokeToken(bob.id, token.token.id);
	CPPUNIT_ASSERT(a.access().isAllowed(bob.id, acme.id, Permission::MembersAdd));

	// Within the bound, whatever the real time: B answers from memory.
	for (int seconds : {0, 25})
	{
		pClock->advance(Poco::Timespan(seconds, 0));
		ticker.refresh(); // published at once rather than at the ticker thread's next tick
		const std::string at = " after " + std::to_string(seconds) + " s";
		CPPUNIT_ASSERT_MESSAGE("the grant" + at, !grant());
		CPPUNIT_ASSERT_EQUAL_MESSAGE("the organization" + at, std::string("Organization acme"), title());
		CPPUNIT_ASSERT_MESSAGE("the token" + at, tokenLive());
	}
	// Past it, by the clock alone: every cache of B sees the changes.
	pClock->advance(Poco::Timespan(5, 0));
	ticker.refresh();
	CPPUNIT_ASSERT(grant());
	CPPUNIT_ASSERT_EQUAL(std::string("Renamed"), title());
	CPPUNIT_ASSERT(!tokenLive());
}


void AccessControlTest::testRepositoryWriteAlonePropagates()
{
	Test::ManualClock::Ptr pClock = new Test::ManualClock;
	TestRuntime a(settings("3600"));
	SecondHost b(a, settings("30"), pClock);
	Access::Ticker& ticker = dynamic_cast<Access::AccessControlImpl&>(b.access()).ticker();
	Account ada = a.account("ada");
	Account bob = a.account("bob");
	Organization acme = a.organization(ada, "acme");
	a.memberships().addMember(ada.id, "acme", "bob", "member");
	Data::Database& database = a.runtime().database();
	Data::MembershipRepository memberships(database);
	// Two writes of access-deciding rows, and nothing else: no service, no cache named.
	auto promote = [&](Poco::Data::Session& session) {
		memberships.remove(session, acme.id, bob.id);
		memberships.insert(session, acme.id, bob.id, "admin", Poco::Timestamp());
	};
	auto onA = [&] { return a.access().isAllowed(bob.id, acme.id, Permission::MembersAdd); };
	auto onB = [&] { return b.access().isAllowed(bob.id, acme.id, Permission::MembersAdd); };
	CPPUNIT_ASSERT(!onA()); // warm both hosts
	CPPUNIT_ASSERT(!onB());
	const Poco::Int64 version = a.aclVersion(acme.id);

	// Rolled back: acl_version stays, and both hosts still answer as the database does.
	try
	{
		database.transact([&](Poco::Data::Session& session) {
			promote(session);
			throw Poco::ApplicationException("rolled back");
		});
		CPPUNIT_FAIL("the transaction must throw");
	}
	catch (Poco::ApplicationException&)
	{
	}
	CPPUNIT_ASSERT_EQUAL(version, a.aclVersion(acme.id));
	CPPUNIT_ASSERT(!onA());
	CPPUNIT_ASSERT(!onB());

	// Committed: one increment for the transaction, seen here at once.
	database.transact([&](Poco::Data::Session& session) { promote(session); });
	CPPUNIT_ASSERT_EQUAL(version + 1, a.aclVersion(acme.id));
	CPPUNIT_ASSERT(onA());
	// Another host answers from memory within its bound and, past it, revalidates against
	// acl_version: only the increment makes it reload.
	CPPUNIT_ASSERT(!onB());
	pClock->advance(Poco::Timespan(30, 0));
	ticker.refresh();
	CPPUNIT_ASSERT(onB());

	// Outside a transaction there is no unit of work to record the change in: refused.
	Poco::Data::Session session = database.session();
	CPPUNIT_ASSERT_THROW(memberships.updateRole(session, acme.id, bob.id, "member", Poco::Timestamp()),
	                     Poco::IllegalStateException);
}


void AccessControlTest::testAnotherHostWithZeroStalenessSeesChangesOnTheNextCall()
{
	TestRuntime a(settings("3600"));
	SecondHost b(a, settings("0"));
	Account ada = a.account("ada");
	Account bob = b.account("bob"); // B writes too, as a host does
	Organization acme = a.organization(ada, "acme");
	a.memberships().addMember(ada.id, "acme", "bob", "member");
	const Id ws = insertWorkspace(a, acme.id, "Team", ada.id);

	const int STEPS[] = {ADMIN, MEMBER, NONE, ADMIN, NONE, MEMBER};
	int state = MEMBER;
	for (int i = 0; i < 6; ++i)
	{
		const int target = STEPS[i];
		const std::string step =
		    std::string("step ") + std::to_string(i) + " (" + stateName(state) + " to " + stateName(target) + "): ";
		for (int n = 0; n < 3; ++n) // warm, and hit
			CPPUNIT_ASSERT_EQUAL_MESSAGE(step + "B before", expected(state).toString(),
			                             ask(b.access(), bob.id, acme.id, ws).toString());
		change(a, ada.id, "acme", "bob", state, target);
		CPPUNIT_ASSERT_EQUAL_MESSAGE(step + "B's next call", expected(target).toString(),
		                             ask(b.access(), bob.id, acme.id, ws).toString());
		state = target;
	}

	// Another host's change made with SQL (a resource role): seen on the next call too.
	const Id dataset = insertResource(a, acme.id, ws, "images", ada.id);
	CPPUNIT_ASSERT(!b.access().isAllowed(bob.id, acme.id, ResourceId{dataset}, Permission::ResourceReview));
	insertCollaborator(a, acme.id, dataset, bob.id, "reviewer");
	CPPUNIT_ASSERT(b.access().isAllowed(bob.id, acme.id, ResourceId{dataset}, Permission::ResourceReview));

	// And the organization's deletion.
	CPPUNIT_ASSERT(b.access().isAllowed(ada.id, acme.id, Permission::OrgRead));
	CPPUNIT_ASSERT(b.access().isOwner(ada.id, acme.id));
	a.organizations().deleteOrganization(ada.id, "acme");
	CPPUNIT_ASSERT(!b.access().isAllowed(ada.id, acme.id, Permission::OrgRead));
	CPPUNIT_ASSERT(!b.access().isOwner(ada.id, acme.id));
	CPPUNIT_ASSERT(!b.access().isMember(bob.id, acme.id));
	CPPUNIT_ASSERT(!b.access().isAllowed(bob.id, acme.id, ResourceId{dataset}, Permission::ResourceReview));
}


void AccessControlTest::testWorkspaceAndResourcePermissions()
{
	// Organization admins lack the workspace permissions of their own, so what the implied
	// workspace role adds shows; staleness 0, since the rows below are written with SQL.
	TestRuntime rt(settings("0", {{"orgs.roles.organization.admin.permissions",
	                               "org.read, org.update, members.read, members.add, members.update, members.remove, "
	                               "workspaces.read, workspaces.list_all"}}));
	Account ada = rt.account("ada");   // owns acme
	Account adam = rt.account("adam"); // admin of acme
	Account mel = rt.account("mel");   // member of acme, editor of w1; member of globex, viewer of w3
	Account vic = rt.account("vic");   // member of acme, reviewer of r1
	Account nina = rt.account("nina"); // no member of acme
	Account olga = rt.account("olga"); // owns globex
	Organization acme = rt.organization(ada, "acme");
	Organization globex = rt.organization(olga, "globex");
	rt.memberships().addMember(ada.id, "acme", "adam", "admin");
	rt.memberships().addMember(ada.id, "acme", "mel", "member");
	rt.memberships().addMember(ada.id, "acme", "vic", "member");
	rt.memberships().addMember(olga.id, "globex", "mel", "member");
	const Id w1 = insertWorkspace(rt, acme.id, "One", ada.id);
	const Id w2 = insertWorkspace(rt, acme.id, "Two", ada.id);
	const Id w3 = insertWorkspace(rt, globex.id, "Three", olga.id);
	const Id r1 = insertResource(rt, acme.id, w1, "r1", ada.id);
	const Id r2 = insertResource(rt, acme.id, 0, "r2", ada.id);
	const Id r3 = insertResource(rt, globex.id, w3, "r3", olga.id);
	insertWorkspaceMember(rt, acme.id, w1, mel.id, "editor");
	insertWorkspaceMember(rt, globex.id, w3, mel.id, "viewer");
	insertCollaborator(rt, acme.id, r1, vic.id, "reviewer");
	insertCollaborator(rt, globex.id, r3, mel.id, "admin");
	const Id UNKNOWN = 987654321;
	AccessControl& ac = rt.access();
	const WorkspaceId W1{w1}, W2{w2}, W3{w3}, WX{UNKNOWN};
	const ResourceId R1{r1}, R2{r2}, R3{r3}, RX{UNKNOWN};

	// The owner holds everything in the organization, its workspaces and its resources.
	for (Permission p : everyPermission())
	{
		const std::string name = permissionName(p);
		CPPUNIT_ASSERT_MESSAGE(name, ac.isAllowed(ada.id, acme.id, p));
		CPPUNIT_ASSERT_MESSAGE(name, ac.isAllowed(ada.id, acme.id, W1, p));
		CPPUNIT_ASSERT_MESSAGE(name, ac.isAllowed(ada.id, acme.id, W2, p));
		CPPUNIT_ASSERT_MESSAGE(name, ac.isAllowed(ada.id, acme.id, R1, p));
		CPPUNIT_ASSERT_MESSAGE(name, ac.isAllowed(ada.id, acme.id, R2, p));
	}
	CPPUNIT_ASSERT(ac.isOwner(ada.id, acme.id) && ac.isMember(ada.id, acme.id));

	// The organization role, in the organization.
	CPPUNIT_ASSERT(ac.isAllowed(adam.id, acme.id, Permission::MembersAdd));
	CPPUNIT_ASSERT(!ac.isAllowed(mel.id, acme.id, Permission::MembersAdd));
	CPPUNIT_ASSERT(ac.isAllowed(mel.id, acme.id, Permission::MembersRead));
	CPPUNIT_ASSERT(ac.isAllowed(vic.id, acme.id, Permission::OrgRead));
	CPPUNIT_ASSERT(!ac.isOwner(adam.id, acme.id) && ac.isMember(adam.id, acme.id));
	// ... and in its workspaces and resources.
	CPPUNIT_ASSERT(ac.isAllowed(adam.id, acme.id, W1, Permission::MembersAdd));
	CPPUNIT_ASSERT(ac.isAllowed(mel.id, acme.id, W2, Permission::MembersRead));
	CPPUNIT_ASSERT(ac.isAllowed(vic.id, acme.id, R2, Permission::OrgRead));

	// The workspace role implied by organization admin: in every workspace, not in the
	// organization itself.
	CPPUNIT_ASSERT(!ac.isAllowed(adam.id, acme.id, Permission::WorkspaceUpdate));
	CPPUNIT_ASSERT(!ac.isAllowed(adam.id, acme.id, Permission::ResourcesDelete));
	for (const WorkspaceId& w : {W1, W2})
	{
		for (Permission p : {Permission::WorkspaceRead, Permission::WorkspaceUpdate, Permission::WorkspaceMembersManage,
		                     Permission::ResourcesCreate, Permission::ResourcesDelete})
			CPPUNIT_ASSERT_MESSAGE(permissionName(p) + " in " + std::to_string(w.value),
			                       ac.isAllowed(adam.id, acme.id, w, p));
		CPPUNIT_ASSERT(!ac.isAllowed(adam.id, acme.id, w, Permission::WorkspaceDelete)); // not in workspace admin
	}
	CPPUNIT_ASSERT(ac.isAllowed(adam.id, acme.id, R1, Permission::ResourcesDelete)); // r1 is in w1
	CPPUNIT_ASSERT(!ac.isAllowed(adam.id, acme.id, R1, Permission::ResourceRead));   // no resource role

	// The workspace role: in that workspace only.
	CPPUNIT_ASSERT(ac.isAllowed(mel.id, acme.id, W1, Permission::ResourcesCreate));
	CPPUNIT_ASSERT(ac.isAllowed(mel.id, acme.id, W1, Permission::WorkspaceRead));
	CPPUNIT_ASSERT(!ac.isAllowed(mel.id, acme.id, W1, Permission::WorkspaceUpdate));
	CPPUNIT_ASSERT(!ac.isAllowed(mel.id, acme.id, W2, Permission::ResourcesCreate));
	CPPUNIT_ASSERT(!ac.isAllowed(mel.id, acme.id, W2, Permission::WorkspaceRead));
	CPPUNIT_ASSERT(!ac.isAllowed(mel.id, acme.id, Permission::ResourcesCreate));
	CPPUNIT_ASSERT(!ac.isAllowed(mel.id, acme.id, Permission::WorkspaceRead));
	CPPUNIT_ASSERT(!ac.isAllowed(vic.id, acme.id, W1, Permission::WorkspaceRead));
	CPPUNIT_ASSERT(!ac.isAllowed(mel.id, acme.id, R1, Permission::ResourceRead)); // no resource role

	// The resource role: on that resource only.
	CPPUNIT_ASSERT(ac.isAllowed(vic.id, acme.id, R1, Permission::ResourceRead));
	CPPUNIT_ASSERT(ac.isAllowed(vic.id, acme.id, R1, Permission::ResourceReview));
	CPPUNIT_ASSERT(!ac.isAllowed(vic.id, acme.id, R1, Permission::ResourceWrite));
	CPPUNIT_ASSERT(!ac.isAllowed(vic.id, acme.id, R1, Permission::ResourceManage));
	CPPUNIT_ASSERT(!ac.isAllowed(vic.id, acme.id, R2, Permission::ResourceReview));
	CPPUNIT_ASSERT(!ac.isAllowed(vic.id, acme.id, Permission::ResourceReview));
	CPPUNIT_ASSERT(!ac.isAllowed(vic.id, acme.id, W1, Permission::ResourceReview));

	// A non-member: nothing anywhere, whatever rows exist.
	for (Permission p : everyPermission())
	{
		const std::string name = permissionName(p);
		CPPUNIT_ASSERT_MESSAGE(name, !ac.isAllowed(nina.id, acme.id, p));
		CPPUNIT_ASSERT_MESSAGE(name, !ac.isAllowed(nina.id, acme.id, W1, p));
		CPPUNIT_ASSERT_MESSAGE(name, !ac.isAllowed(nina.id, acme.id, R1, p));
		CPPUNIT_ASSERT_MESSAGE(name, !ac.isAllowed(olga.id, acme.id, R2, p));
	}
	CPPUNIT_ASSERT(!ac.isMember(nina.id, acme.id) && !ac.isOwner(nina.id, acme.id));
	CPPUNIT_ASSERT(ac.permissions(nina.id, acme.id).empty());

	// Unknown workspaces and resources, and those of another organization: nothing, even for
	// the owner, and even for an account that holds roles on them in their own organization.
	for (Permission p : everyPermission())
	{
		const std::string name = permissionName(p);
		for (Id account : {ada.id, adam.id, mel.id})
		{
			const std::string who = name + " for account " + std::to_string(account);
			CPPUNIT_ASSERT_MESSAGE(who, !ac.isAllowed(account, acme.id, WX, p));
			CPPUNIT_ASSERT_MESSAGE(who, !ac.isAllowed(account, acme.id, RX, p));
			CPPUNIT_ASSERT_MESSAGE(who, !ac.isAllowed(account, acme.id, W3, p));
			CPPUNIT_ASSERT_MESSAGE(who, !ac.isAllowed(account, acme.id, R3, p));
		}
		CPPUNIT_ASSERT_MESSAGE(name, !ac.isAllowed(olga.id, globex.id, W1, p)); // globex's owner, acme's workspace
		CPPUNIT_ASSERT_MESSAGE(name, !ac.isAllowed(olga.id, globex.id, R1, p));
	}
	// The same rows in their own organization do grant.
	CPPUNIT_ASSERT(ac.isAllowed(mel.id, globex.id, W3, Permission::WorkspaceRead));
	CPPUNIT_ASSERT(ac.isAllowed(mel.id, globex.id, R3, Permission::ResourceManage));
	CPPUNIT_ASSERT(!ac.isAllowed(mel.id, globex.id, W3, Permission::ResourcesCreate)); // viewer there
	// An unknown organization.
	CPPUNIT_ASSERT(!ac.isAllowed(ada.id, UNKNOWN, Permission::OrgRead));
	CPPUNIT_ASSERT(!ac.isAllowed(ada.id, UNKNOWN, W1, Permission::OrgRead));
	CPPUNIT_ASSERT(!ac.isMember(ada.id, UNKNOWN));

	// Rows changed by another host (SQL and acl_version): seen on the next check.
	{
		Poco::Data::Session s = rt.database().session();
		s << "DELETE FROM resource_collaborators WHERE resource_id = ? AND account_id = ?", bind(r1), bind(vic.id), now;
	}
	bumpAclVersion(rt, acme.id);
	CPPUNIT_ASSERT(!ac.isAllowed(vic.id, acme.id, R1, Permission::ResourceRead));
	insertWorkspaceMember(rt, acme.id, w2, mel.id, "admin");
	CPPUNIT_ASSERT(ac.isAllowed(mel.id, acme.id, W2, Permission::WorkspaceUpdate));
	CPPUNIT_ASSERT(!ac.isAllowed(mel.id, acme.id, W1, Permission::WorkspaceUpdate));

	// Removing a member through the service takes their workspace and resource roles too.
	rt.memberships().removeMember(ada.id, "acme", "mel");
	CPPUNIT_ASSERT(!ac.isAllowed(mel.id, acme.id, W1, Permission::WorkspaceRead));
	CPPUNIT_ASSERT(!ac.isAllowed(mel.id, acme.id, W2, Permission::WorkspaceUpdate));
	CPPUNIT_ASSERT(ac.isAllowed(mel.id, globex.id, W3, Permission::WorkspaceRead));
	rt.memberships().addMember(ada.id, "acme", "mel", "member");
	CPPUNIT_ASSERT(!ac.isAllowed(mel.id, acme.id, W1, Permission::WorkspaceRead));
	CPPUNIT_ASSERT(ac.isAllowed(mel.id, acme.id, Permission::OrgRead));
}


void AccessControlTest::testExplainListsTheGrantSources()
{
	TestRuntime rt(settings("0", {{"orgs.roles.organization.admin.permissions",
	                               "org.read, org.update, members.read, members.add, members.update, members.remove, "
	                               "workspaces.read, workspaces.list_all"}}));
	Account ada = rt.account("ada");
	Account adam = rt.account("adam");
	Account mel = rt.account("mel");
	Account vic = rt.account("vic");
	Account nina = rt.account("nina");
	Account olga = rt.account("olga");
	Organization acme = rt.organization(ada, "acme");
	Organization globex = rt.organization(olga, "globex");
	rt.memberships().addMember(ada.id, "acme", "adam", "admin");
	rt.memberships().addMember(ada.id, "acme", "mel", "member");
	rt.memberships().addMember(ada.id, "acme", "vic", "member");
	const Id w1 = insertWorkspace(rt, acme.id, "One", ada.id);
	const Id w2 = insertWorkspace(rt, acme.id, "Two", ada.id);
	const Id w3 = insertWorkspace(rt, globex.id, "Three", olga.id);
	const Id r1 = insertResource(rt, acme.id, w1, "r1", ada.id);
	const Id r2 = insertResource(rt, acme.id, 0, "r2", ada.id);
	insertWorkspaceMember(rt, acme.id, w1, mel.id, "editor");
	insertWorkspaceMember(rt, acme.id, w1, vic.id, "viewer");
	insertCollaborator(rt, acme.id, r1, vic.id, "reviewer");
	insertCollaborator(rt, acme.id, r1, mel.id, "manager");
	AccessControl& ac = rt.access();

	// The owner.
	Explanation e = ac.explain(ada.id, acme.id);
	CPPUNIT_ASSERT(e.owner && e.member);
	CPPUNIT_ASSERT_MESSAGE(sourcesOf(e), findGrant(e, "owner"));
	CPPUNIT_ASSERT_EQUAL(std::size_t(Permission::COUNT), e.permissions.size());

	// An organization role, in the organization: no workspace grant there.
	e = ac.explain(adam.id, acme.id);
	CPPUNIT_ASSERT(e.member && !e.owner);
	CPPUNIT_ASSERT_MESSAGE(sourcesOf(e), findGrant(e, "organization"));
	CPPUNIT_ASSERT_EQUAL(std::string("admin"), findGrant(e, "organization")->role);
	CPPUNIT_ASSERT_EQUAL(Id(0), findGrant(e, "organization")->scopeId);
	CPPUNIT_ASSERT_MESSAGE(sourcesOf(e), !findGrant(e, "implied_workspace") && !findGrant(e, "owner"));
	CPPUNIT_ASSERT(holds(e, Permission::MembersAdd) && !holds(e, Permission::WorkspaceUpdate));

	// The implied workspace role, in any workspace.
	for (Id w : {w1, w2})
	{
		e = ac.explain(adam.id, acme.id, WorkspaceId{w});
		const GrantSource* pImplied = findGrant(e, "implied_workspace");
		CPPUNIT_ASSERT_MESSAGE(sourcesOf(e), pImplied && findGrant(e, "organization"));
		CPPUNIT_ASSERT_EQUAL(std::string("admin"), pImplied->role);
		CPPUNIT_ASSERT_EQUAL(w, pImplied->scopeId);
		CPPUNIT_ASSERT(std::find(pImplied->permissions.begin(), pImplied->permissions.end(), "workspace.update") !=
		               pImplied->permissions.end());
		CPPUNIT_ASSERT_MESSAGE(sourcesOf(e), !findGrant(e, "workspace"));
		CPPUNIT_ASSERT(holds(e, Permission::WorkspaceUpdate) && holds(e, Permission::MembersAdd));
	}

	// A workspace role, in its workspace only.
	e = ac.explain(mel.id, acme.id, WorkspaceId{w1});
	const GrantSource* pWorkspace = findGrant(e, "workspace");
	CPPUNIT_ASSERT_MESSAGE(sourcesOf(e), pWorkspace && findGrant(e, "organization"));
	CPPUNIT_ASSERT_EQUAL(std::string("editor"), pWorkspace->role);
	CPPUNIT_ASSERT_EQUAL(w1, pWorkspace->scopeId);
	CPPUNIT_ASSERT_EQUAL(std::string("member"), findGrant(e, "organization")->role);
	CPPUNIT_ASSERT_MESSAGE(sourcesOf(e), !findGrant(e, "implied_workspace"));
	CPPUNIT_ASSERT(holds(e, Permission::ResourcesCreate));
	e = ac.explain(mel.id, acme.id, WorkspaceId{w2});
	CPPUNIT_ASSERT_MESSAGE(sourcesOf(e), !findGrant(e, "workspace") && findGrant(e, "organization"));
	CPPUNIT_ASSERT(!holds(e, Permission::ResourcesCreate));

	// A resource role, with the role of the resource's workspace.
	e = ac.explain(vic.id, acme.id, ResourceId{r1});
	const GrantSource* pResource = findGrant(e, "resource");
	CPPUNIT_ASSERT_MESSAGE(sourcesOf(e), pResource && findGrant(e, "organization") && findGrant(e, "workspace"));
	CPPUNIT_ASSERT_EQUAL(std::string("reviewer"), pResource->role);
	CPPUNIT_ASSERT_EQUAL(std::string("viewer"), findGrant(e, "workspace")->role);
	CPPUNIT_ASSERT(holds(e, Permission::ResourceReview) && !holds(e, Permission::ResourceWrite));
	e = ac.explain(vic.id, acme.id, ResourceId{r2});
	CPPUNIT_ASSERT_MESSAGE(sourcesOf(e), !findGrant(e, "resource") && !holds(e, Permission::ResourceReview));

	// A non-member: nothing, in every scope.
	for (const Explanation& n : {ac.explain(nina.id, acme.id), ac.explain(nina.id, acme.id, WorkspaceId{w1}),
	                             ac.explain(nina.id, acme.id, ResourceId{r1})})
	{
		CPPUNIT_ASSERT(!n.member && !n.owner);
		CPPUNIT_ASSERT_MESSAGE(sourcesOf(n), n.grants.empty());
		CPPUNIT_ASSERT(n.permissions.empty());
	}
	// Unknown and foreign scopes: no permissions, even for the owner.
	for (const Explanation& n :
	     {ac.explain(ada.id, acme.id, WorkspaceId{w3}), ac.explain(ada.id, acme.id, WorkspaceId{987654321}),
	      ac.explain(mel.id, acme.id, ResourceId{987654321})})
		CPPUNIT_ASSERT_MESSAGE(sourcesOf(n), n.permissions.empty());

	// explain() and isAllowed() agree on every permission, account and scope.
	for (Id account : {ada.id, adam.id, mel.id, vic.id, nina.id})
	{
		for (Permission p : everyPermission())
		{
			const std::string what = permissionName(p) + " for account " + std::to_string(account);
			CPPUNIT_ASSERT_EQUAL_MESSAGE(what, holds(ac.explain(account, acme.id), p),
			                             ac.isAllowed(account, acme.id, p));
			for (Id w : {w1, w2, w3})
				CPPUNIT_ASSERT_EQUAL_MESSAGE(what + " in workspace " + std::to_string(w),
				                             holds(ac.explain(account, acme.id, WorkspaceId{w}), p),
				                             ac.isAllowed(account, acme.id, WorkspaceId{w}, p));
			for (Id r : {r1, r2})
				CPPUNIT_ASSERT_EQUAL_MESSAGE(what + " on resource " + std::to_string(r),
				                             holds(ac.explain(account, acme.id, ResourceId{r}), p),
				                             ac.isAllowed(account, acme.id, ResourceId{r}, p));
		}
	}

	// GrantSource::scopeId is "the workspace or resource the role is held on".
	e = ac.explain(mel.id, acme.id, ResourceId{r1});
	pResource = findGrant(e, "resource");
	CPPUNIT_ASSERT_MESSAGE(sourcesOf(e), pResource);
	CPPUNIT_ASSERT_EQUAL(std::string("manager"), pResource->role);
	CPPUNIT_ASSERT_EQUAL_MESSAGE("scopeId of the resource grant " + sourcesOf(e), r1, pResource->scopeId);
}


void AccessControlTest::testDeletedOrganizationIsDeniedAtOnce()
{
	TestRuntime rt(settings("3600"));
	Account ada = rt.account("ada");
	Account bob = rt.account("bob");
	Organization acme = rt.organization(ada, "acme");
	rt.organization(ada, "globex");
	rt.memberships().addMember(ada.id, "acme", "bob", "admin");
	rt.memberships().addMember(ada.id, "globex", "bob", "member");
	const Id ws = insertWorkspace(rt, acme.id, "Team", ada.id);
	const Id dataset = insertResource(rt, acme.id, ws, "images", ada.id);
	insertCollaborator(rt, acme.id, dataset, bob.id, "admin");
	const Id globexId = rt.organizations().getOrganization(ada.id, "globex").organization.id;
	AccessControl& ac = rt.access();

	// Warm every kind of entry, twice.
	for (int n = 0; n < 2; ++n)
	{
		CPPUNIT_ASSERT(ac.isAllowed(ada.id, acme.id, Permission::OrgUpdate));
		CPPUNIT_ASSERT(ac.isOwner(ada.id, acme.id));
		CPPUNIT_ASSERT(ac.isMember(bob.id, acme.id));
		CPPUNIT_ASSERT(ac.isAllowed(bob.id, acme.id, Permission::MembersAdd));
		CPPUNIT_ASSERT(ac.isAllowed(bob.id, acme.id, WorkspaceId{ws}, Permission::WorkspaceUpdate));
		CPPUNIT_ASSERT(ac.isAllowed(bob.id, acme.id, ResourceId{dataset}, Permission::ResourceManage));
		CPPUNIT_ASSERT(ac.isAllowed(bob.id, globexId, Permission::OrgRead));
	}

	rt.organizations().deleteOrganization(ada.id, "acme");

	CPPUNIT_ASSERT(!ac.isAllowed(ada.id, acme.id, Permission::OrgUpdate));
	CPPUNIT_ASSERT(!ac.isAllowed(ada.id, acme.id, Permission::OrgRead));
	CPPUNIT_ASSERT(!ac.isOwner(ada.id, acme.id));
	CPPUNIT_ASSERT(!ac.isMember(ada.id, acme.id));
	CPPUNIT_ASSERT(!ac.isMember(bob.id, acme.id));
	CPPUNIT_ASSERT(!ac.isAllowed(bob.id, acme.id, Permission::MembersAdd));
	CPPUNIT_ASSERT(!ac.isAllowed(bob.id, acme.id, WorkspaceId{ws}, Permission::WorkspaceUpdate));
	CPPUNIT_ASSERT(!ac.isAllowed(bob.id, acme.id, ResourceId{dataset}, Permission::ResourceManage));
	CPPUNIT_ASSERT(!ac.isAllowed(ada.id, acme.id, WorkspaceId{ws}, Permission::WorkspaceRead));
	CPPUNIT_ASSERT(ac.permissions(ada.id, acme.id).empty());
	const Explanation e = ac.explain(ada.id, acme.id);
	CPPUNIT_ASSERT(!e.owner && !e.member && e.permissions.empty());
	// The other organization is untouched.
	CPPUNIT_ASSERT(ac.isAllowed(bob.id, globexId, Permission::OrgRead));
	CPPUNIT_ASSERT(ac.isOwner(ada.id, globexId));
}


void AccessControlTest::testSmallCacheAnswersCorrectlyForManyKeys()
{
	TestRuntime rt(settings("3600", {{"orgs.access.cacheEntries", "64"}}));
	const int ACCOUNTS = 50, ORGS = 20; // 1,000 (account, organization) keys for 64 slots
	std::vector<Account> accounts;
	for (int i = 0; i < ACCOUNTS; ++i)
		accounts.push_back(rt.account("user" + std::to_string(i)));
	// role[i][j]: NONE, MEMBER, ADMIN, or 3 for the owner.
	const int OWNER = 3;
	std::vector<std::vector<int>> role(ACCOUNTS, std::vector<int>(ORGS, NONE));
	std::vector<Organization> orgs;
	for (int j = 0; j < ORGS; ++j)
	{
		const int owner = (j * 2) % ACCOUNTS;
		orgs.push_back(rt.organization(accounts[owner], "org" + std::to_string(j)));
		role[owner][j] = OWNER;
		for (int i = 0; i < ACCOUNTS; ++i)
		{
			if (i != owner && (i + j) % 4 == 0)
			{
				role[i][j] = (i * j) % 3 == 0 ? ADMIN : MEMBER;
				rt.memberships().addMember(accounts[owner].id, orgs[j].username, accounts[i].username,
				                           role[i][j] == ADMIN ? "admin" : "member");
			}
		}
	}

	AccessControl& ac = rt.access();
	std::vector<std::pair<int, int>> keys;
	for (int i = 0; i < ACCOUNTS; ++i)
	{
		for (int j = 0; j < ORGS; ++j)
			keys.push_back({i, j});
	}
	std::mt19937 random(42);
	auto verify = [&](const std::string& pass) {
		std::shuffle(keys.begin(), keys.end(), random);
		for (const auto& k : keys)
		{
			const int r = role[k.first][k.second];
			const Id account = accounts[k.first].id, org = orgs[k.second].id;
			const std::string what =
			    pass + ": account " + std::to_string(k.first) + " in org " + std::to_string(k.second);
			CPPUNIT_ASSERT_EQUAL_MESSAGE(what, r != NONE, ac.isAllowed(account, org, Permission::OrgRead));
			CPPUNIT_ASSERT_EQUAL_MESSAGE(what, r == ADMIN || r == OWNER,
			                             ac.isAllowed(account, org, Permission::MembersAdd));
			CPPUNIT_ASSERT_EQUAL_MESSAGE(what, r == OWNER, ac.isOwner(account, org));
			CPPUNIT_ASSERT_EQUAL_MESSAGE(what, r != NONE, ac.isMember(account, org));
		}
	};
	verify("first pass");
	verify("second pass");

	// Change some roles, remove and add some members: still right for every key.
	for (int j = 0; j < ORGS; ++j)
	{
		const int owner = (j * 2) % ACCOUNTS;
		for (int i = 0; i < ACCOUNTS; ++i)
		{
			if (((i + j) % 12 != 0 && (i + j) % 7 != 1) || i == owner)
				continue;
			const int from = role[i][j];
			const int to = from == ADMIN ? MEMBER : from == MEMBER ? NONE : ADMIN;
			change(rt, accounts[owner].id, orgs[j].username, accounts[i].username, from, to);
			role[i][j] = to;
		}
	}
	verify("after changes");
}
