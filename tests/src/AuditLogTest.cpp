//
// AuditLogTest.cpp
//
// Library: OrgsTests
// Package: Service
// Module:  AuditLogTest
//


#include "AuditLogTest.h"
#include "support/Suites.h"
#include "data/Database.h"
#include "service/AuditTrail.h"
#include "support/Expect.h"
#include "support/ManualClock.h"
#include "Orgs/AuditLog.h"
#include "Orgs/Errors.h"
#include "Poco/JSON/Object.h"
#include "Poco/JSON/Parser.h"
#include <set>
#include <vector>


using namespace Orgs;
using Orgs::Test::ManualClock;
using Orgs::Test::reasonOf;
using Orgs::Test::TestRuntime;


ORGS_TEST_SUITE(AuditLogTest, "AuditLog", DATABASE);


namespace {


std::vector<std::string> actions(const Page<AuditEvent>& page)
{
	std::vector<std::string> result;
	for (const auto& e : page.items)
		result.push_back(e.action);
	return result;
}


Poco::JSON::Object::Ptr details(const AuditEvent& e)
{
	return Poco::JSON::Parser().parse(e.details).extract<Poco::JSON::Object::Ptr>();
}


AuditQuery query(const std::string& action = std::string(), const std::string& actor = std::string())
{
	AuditQuery q;
	q.action = action;
	q.actor = actor;
	return q;
}


} // namespace


void AuditLogTest::setUp()
{
	_pRuntime.reset(new TestRuntime);
}


void AuditLogTest::tearDown()
{
	_pRuntime.reset();
}


void AuditLogTest::testEventsNameActorTargetAndChanges()
{
	TestRuntime& rt = *_pRuntime;
	AuditLog& audit = *rt.runtime().auditLog();
	Account ada = rt.account("ada");
	Account bob = rt.account("bob");
	Organization acme = rt.organization(ada, "acme");
	rt.memberships().addMember(ada.id, "acme", "bob", "member");
	rt.memberships().changeRole(ada.id, "acme", "bob", "admin");
	OrganizationChanges c;
	c.title = "Acme Corp";
	rt.organizations().updateOrganization(bob.id, "acme", c);
	rt.organizations().transferOwnership(ada.id, "acme", "bob");

	const Page<AuditEvent> page = audit.listEvents(bob.id, "acme", query());
	const std::vector<std::string> expected{"ownership.transferred", "organization.updated", "member.role_changed",
	                                        "member.added", "organization.created"};
	CPPUNIT_ASSERT(expected == actions(page));
	for (const auto& e : page.items)
		CPPUNIT_ASSERT_EQUAL(acme.id, e.organizationId);

	const AuditEvent& transferred = page.items[0];
	CPPUNIT_ASSERT_EQUAL(ada.id, transferred.actorAccountId);
	CPPUNIT_ASSERT_EQUAL(std::string("ada"), transferred.actorUsername);
	CPPUNIT_ASSERT_EQUAL(std::string("account"), transferred.targetType);
	CPPUNIT_ASSERT_EQUAL(bob.id, transferred.targetId);
	CPPUNIT_ASSERT_EQUAL(std::string("bob"), transferred.targetLabel);
	CPPUNIT_ASSERT_EQUAL(std::string("ada"), details(transferred)->getObject("before")->getValue<std::string>("owner"));
	CPPUNIT_ASSERT_EQUAL(std::string("bob"), details(transferred)->getObject("after")->getValue<std::string>("owner"));

	const AuditEvent& retitled = page.items[1];
	CPPUNIT_ASSERT_EQUAL(bob.id, retitled.actorAccountId);
	CPPUNIT_ASSERT_EQUAL(std::string("organization"), retitled.targetType);
	CPPUNIT_ASSERT_EQUAL(acme.id, retitled.targetId);
	CPPUNIT_ASSERT_EQUAL(std::string("Organization acme"),
	                     details(retitled)->getObject("before")->getValue<std::string>("title"));
	CPPUNIT_ASSERT_EQUAL(std::string("Acme Corp"),
	                     details(retitled)->getObject("after")->getValue<std::string>("title"));
	CPPUNIT_ASSERT(!details(retitled)->getObject("after")->has("username")); // only what changed

	const AuditEvent& promoted = page.items[2];
	CPPUNIT_ASSERT_EQUAL(std::string("member"), details(promoted)->getObject("before")->getValue<std::string>("role"));
	CPPUNIT_ASSERT_EQUAL(std::string("admin"), details(promoted)->getObject("after")->getValue<std::string>("role"));
	CPPUNIT_ASSERT(page.items[3].createdAt <= page.items[2].createdAt);

	// A change that changes nothing writes nothing.
	rt.memberships().changeRole(bob.id, "acme", "ada", "admin");
	rt.organizations().updateOrganization(bob.id, "acme", c);
	CPPUNIT_ASSERT_EQUAL(expected.size(), audit.listEvents(bob.id, "acme", query()).items.size());
}


void AuditLogTest::testRollbackWritesNoEvent()
{
	TestRuntime& rt = *_pRuntime;
	Account ada = rt.account("ada");
	Organization acme = rt.organization(ada, "acme");
	const Poco::Int64 before = rt.scalar("SELECT COUNT(*) FROM audit_events WHERE organization_id = ?", acme.id);
	Service::AuditTrail trail(rt.runtime().database(), new Service::Clock);
	CPPUNIT_ASSERT_EQUAL(std::string("rolled_back"), reasonOf<ConflictException>([&] {
		                     rt.runtime().database().transact([&](Poco::Data::Session& session) {
			                     trail.record(session, acme.id, ada.id, "member.added", {"account", ada.id, "ada"});
			                     throw ConflictException("a later step of the change fails", "rolled_back");
		                     });
	                     }));
	CPPUNIT_ASSERT_EQUAL(before, rt.scalar("SELECT COUNT(*) FROM audit_events WHERE organization_id = ?", acme.id));
	// The same write, committed, is there.
	rt.runtime().database().transact([&](Poco::Data::Session& session) {
		trail.record(session, acme.id, ada.id, "member.added", {"account", ada.id, "ada"});
	});
	CPPUNIT_ASSERT_EQUAL(before + 1, rt.scalar("SELECT COUNT(*) FROM audit_events WHERE organization_id = ?", acme.id));
}


void AuditLogTest::testFailedChangesWriteNoEvent()
{
	TestRuntime& rt = *_pRuntime;
	Account ada = rt.account("ada");
	Account bob = rt.account("bob");
	rt.account("cy");
	rt.organization(ada, "acme");
	rt.organization(bob, "taken");
	rt.memberships().addMember(ada.id, "acme", "bob", "member");
	const Poco::Int64 before = rt.scalar("SELECT COUNT(*) FROM audit_events WHERE id > ?", 0);

	OrganizationChanges rename;
	rename.username = "taken";
	const std::vector<std::string> reasons{
	    reasonOf<ConflictException>([&] { rt.organizations().updateOrganization(ada.id, "acme", rename); }),
	    reasonOf<ConflictException>([&] { rt.memberships().addMember(ada.id, "acme", "bob", "member"); }),
	    reasonOf<ForbiddenException>([&] { rt.memberships().addMember(bob.id, "acme", "cy", "member"); }),
	    reasonOf<ConflictException>([&] { rt.memberships().removeMember(ada.id, "acme", "ada"); }),
	    reasonOf<ConflictException>([&] { rt.organizations().transferOwnership(ada.id, "acme", "cy"); }),
	    reasonOf<ForbiddenException>([&] { rt.organizations().deleteOrganization(bob.id, "acme"); }),
	    reasonOf<ConflictException>([&] { rt.memberships().leave(ada.id, "acme"); })};
	const std::vector<std::string> expected{"username_taken",          "already_member", "permission_denied",
	                                        "owner_immutable",         "not_a_member",   "owner_only",
	                                        "transfer_ownership_first"};
	CPPUNIT_ASSERT(expected == reasons);
	CPPUNIT_ASSERT_EQUAL(before, rt.scalar("SELECT COUNT(*) FROM audit_events WHERE id > ?", 0));
	CPPUNIT_ASSERT_EQUAL(std::string("acme"), rt.organizations().getOrganization(ada.id, "acme").organization.username);
}


void AuditLogTest::testRemovedMemberEventsStay()
{
	TestRuntime& rt = *_pRuntime;
	AuditLog& audit = *rt.runtime().auditLog();
	Account ada = rt.account("ada");
	Account bob = rt.account("bob");
	rt.organization(ada, "acme");
	rt.memberships().addMember(ada.id, "acme", "bob", "admin");
	const Workspace w = rt.workspaces().createWorkspace(bob.id, "acme", "Lab");
	rt.memberships().removeMember(ada.id, "acme", "bob");

	// Bob's own events stay, by id and by name, and the removal names him.
	const Page<AuditEvent> byBob = audit.listEvents(ada.id, "acme", query("", "bob"));
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), byBob.items.size());
	CPPUNIT_ASSERT_EQUAL(std::string("workspace.created"), byBob.items[0].action);
	CPPUNIT_ASSERT_EQUAL(std::string("bob"), byBob.items[0].actorUsername);
	CPPUNIT_ASSERT_EQUAL(w.id, byBob.items[0].targetId);
	CPPUNIT_ASSERT_EQUAL(std::string("Lab"), byBob.items[0].targetLabel);
	CPPUNIT_ASSERT_EQUAL(std::size_t(1),
	                     audit.listEvents(ada.id, "acme", query("", std::to_string(bob.id))).items.size());

	const Page<AuditEvent> removed = audit.listEvents(ada.id, "acme", query("member.removed"));
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), removed.items.size());
	CPPUNIT_ASSERT_EQUAL(bob.id, removed.items[0].targetId);
	CPPUNIT_ASSERT_EQUAL(std::string("bob"), removed.items[0].targetLabel);
	CPPUNIT_ASSERT_EQUAL(std::string("admin"),
	                     details(removed.items[0])->getObject("before")->getValue<std::string>("role"));

	// The label is the name at the time: a later rename does not rewrite history.
	Organization globex = rt.organization(ada, "globex");
	rt.memberships().addMember(ada.id, "globex", "bob", "member");
	OrganizationChanges rename;
	rename.username = "globex-2";
	rt.organizations().updateOrganization(ada.id, "globex", rename);
	const Page<AuditEvent> created = audit.listEvents(ada.id, "globex-2", query("organization.created"));
	CPPUNIT_ASSERT_EQUAL(std::string("globex"), created.items.at(0).targetLabel);
	CPPUNIT_ASSERT_EQUAL(globex.id, created.items.at(0).targetId);
}


void AuditLogTest::testFilters()
{
	ManualClock::Ptr pClock = new ManualClock;
	_pRuntime.reset(new TestRuntime(TestRuntime::Settings(), pClock));
	TestRuntime& rt = *_pRuntime;
	AuditLog& audit = *rt.runtime().auditLog();
	Account ada = rt.account("ada");
	rt.account("bob");
	rt.account("cy");
	rt.organization(ada, "acme");
	const Poco::Timestamp t0 = pClock->now();
	pClock->advance(Poco::Timespan(3600, 0));
	rt.memberships().addMember(ada.id, "acme", "bob", "admin");
	const Poco::Timestamp t1 = pClock->now();
	pClock->advance(Poco::Timespan(3600, 0));
	rt.memberships().addMember(ada.id, "acme", "cy", "member");
	Account bob = rt.accounts().findAccount("bob");
	rt.memberships().changeRole(bob.id, "acme", "cy", "admin");
	const Poco::Timestamp t2 = pClock->now();

	CPPUNIT_ASSERT_EQUAL(std::size_t(2), audit.listEvents(ada.id, "acme", query("member.added")).items.size());
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), audit.listEvents(ada.id, "acme", query("member.role_changed")).items.size());
	CPPUNIT_ASSERT_EQUAL(std::size_t(0), audit.listEvents(ada.id, "acme", query("member.removed")).items.size());
	const Page<AuditEvent> byBob = audit.listEvents(ada.id, "acme", query("", "bob"));
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), byBob.items.size());
	CPPUNIT_ASSERT_EQUAL(std::string("member.role_changed"), byBob.items[0].action);
	CPPUNIT_ASSERT_EQUAL(std::size_t(3), audit.listEvents(ada.id, "acme", query("", "ada")).items.size());
	CPPUNIT_ASSERT_EQUAL(std::size_t(0), audit.listEvents(ada.id, "acme", query("", "cy")).items.size());
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), audit.listEvents(ada.id, "acme", query("member.added", "ada")).items.size());
	CPPUNIT_ASSERT_EQUAL(std::size_t(0), audit.listEvents(ada.id, "acme", query("member.added", "bob")).items.size());

	// Time range: since inclusive, until exclusive.
	AuditQuery q;
	q.since = t1;
	CPPUNIT_ASSERT_EQUAL(std::size_t(3), audit.listEvents(ada.id, "acme", q).items.size());
	q.until = t2;
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), audit.listEvents(ada.id, "acme", q).items.size());
	q.since = t0;
	q.until = t1;
	const Page<AuditEvent> first = audit.listEvents(ada.id, "acme", q);
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), first.items.size());
	CPPUNIT_ASSERT_EQUAL(std::string("organization.created"), first.items[0].action);
	q.action = "member.added";
	q.since = t1;
	q.until = Poco::Nullable<Poco::Timestamp>();
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), audit.listEvents(ada.id, "acme", q).items.size());
}


void AuditLogTest::testBadFilters()
{
	TestRuntime& rt = *_pRuntime;
	AuditLog& audit = *rt.runtime().auditLog();
	Account ada = rt.account("ada");
	rt.organization(ada, "acme");
	CPPUNIT_ASSERT_EQUAL(std::string("invalid_action"), reasonOf<InvalidInputException>([&] {
		                     audit.listEvents(ada.id, "acme", query("Member Added"));
	                     }));
	CPPUNIT_ASSERT_EQUAL(std::string("invalid_action"), reasonOf<InvalidInputException>([&] {
		                     audit.listEvents(ada.id, "acme", query(std::string(65, 'a')));
	                     }));
	CPPUNIT_ASSERT_EQUAL(std::string("invalid_actor"), reasonOf<InvalidInputException>([&] {
		                     audit.listEvents(ada.id, "acme", query("", "nobody"));
	                     }));
	AuditQuery q;
	q.since = Poco::Timestamp();
	q.until = q.since.value() - 1;
	CPPUNIT_ASSERT_EQUAL(std::string("invalid_time_range"),
	                     reasonOf<InvalidInputException>([&] { audit.listEvents(ada.id, "acme", q); }));
	q = AuditQuery();
	q.limit = 0;
	CPPUNIT_ASSERT_EQUAL(std::string("invalid_limit"),
	                     reasonOf<InvalidInputException>([&] { audit.listEvents(ada.id, "acme", q); }));
	q = AuditQuery();
	q.cursor = "not a cursor";
	CPPUNIT_ASSERT_EQUAL(std::string("invalid_cursor"),
	                     reasonOf<InvalidInputException>([&] { audit.listEvents(ada.id, "acme", q); }));
}


void AuditLogTest::testKeysetPagination()
{
	TestRuntime& rt = *_pRuntime;
	AuditLog& audit = *rt.runtime().auditLog();
	Account ada = rt.account("ada");
	rt.organization(ada, "acme");
	for (int i = 0; i < 6; ++i)
	{
		OrganizationChanges c;
		c.title = "Title " + std::to_string(i);
		rt.organizations().updateOrganization(ada.id, "acme", c);
	}
	// 7 events; pages of 3, newest first, neither skipping nor repeating while events are added.
	AuditQuery q;
	q.limit = 3;
	std::vector<Id> seen;
	Page<AuditEvent> page = audit.listEvents(ada.id, "acme", q);
	CPPUNIT_ASSERT_EQUAL(std::size_t(3), page.items.size());
	CPPUNIT_ASSERT(!page.nextCursor.empty());
	for (const auto& e : page.items)
		seen.push_back(e.id);
	OrganizationChanges c;
	c.title = "Newest";
	rt.organizations().updateOrganization(ada.id, "acme", c); // lands before the first page, unseen
	while (!page.nextCursor.empty())
	{
		q.cursor = page.nextCursor;
		page = audit.listEvents(ada.id, "acme", q);
		for (const auto& e : page.items)
			seen.push_back(e.id);
	}
	CPPUNIT_ASSERT_EQUAL(std::size_t(7), seen.size());
	for (std::size_t i = 1; i < seen.size(); ++i)
		CPPUNIT_ASSERT(seen[i] < seen[i - 1]);
	CPPUNIT_ASSERT_EQUAL(std::string("organization.created"),
	                     audit.listEvents(ada.id, "acme", AuditQuery()).items.back().action);
}


void AuditLogTest::testReadingNeedsAuditRead()
{
	TestRuntime& rt = *_pRuntime;
	AuditLog& audit = *rt.runtime().auditLog();
	Account ada = rt.account("ada");
	Account bob = rt.account("bob");
	Account cy = rt.account("cy");
	Account eve = rt.account("eve");
	rt.organization(ada, "acme");
	rt.memberships().addMember(ada.id, "acme", "bob", "member");
	rt.memberships().addMember(ada.id, "acme", "cy", "admin");
	CPPUNIT_ASSERT_EQUAL(std::string("permission_denied"),
	                     reasonOf<ForbiddenException>([&] { audit.listEvents(bob.id, "acme", query()); }));
	CPPUNIT_ASSERT_EQUAL(std::string("organization_not_found"),
	                     reasonOf<NotFoundException>([&] { audit.listEvents(eve.id, "acme", query()); }));
	CPPUNIT_ASSERT_EQUAL(std::string("organization_not_found"),
	                     reasonOf<NotFoundException>([&] { audit.listEvents(eve.id, "nowhere", query()); }));
	CPPUNIT_ASSERT_EQUAL(std::size_t(3), audit.listEvents(cy.id, "acme", query()).items.size());
	CPPUNIT_ASSERT_EQUAL(std::size_t(3), audit.listEvents(ada.id, "acme", query()).items.size());
}


void AuditLogTest::testAccountEventsHaveNoOrganization()
{
	TestRuntime& rt = *_pRuntime;
	Account ada = rt.account("ada");
	const IssuedToken t = rt.accounts().createToken(ada.id, "laptop");
	rt.accounts().revokeToken(ada.id, t.token.id);
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(1),
	                     rt.scalar("SELECT COUNT(*) FROM audit_events WHERE organization_id IS NULL AND "
	                               "action = 'account.created' AND actor_account_id = ?",
	                               ada.id));
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(1),
	                     rt.scalar("SELECT COUNT(*) FROM audit_events WHERE organization_id IS NULL AND "
	                               "action = 'token.created' AND target_label = 'laptop' AND target_id = ?",
	                               t.token.id));
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(1),
	                     rt.scalar("SELECT COUNT(*) FROM audit_events WHERE organization_id IS NULL AND "
	                               "action = 'token.revoked' AND target_label = 'laptop' AND target_id = ?",
	                               t.token.id));
	// A token that is not there writes nothing.
	reasonOf<NotFoundException>([&] { rt.accounts().revokeToken(ada.id, t.token.id); });
	CPPUNIT_ASSERT_EQUAL(
	    Poco::Int64(1),
	    rt.scalar("SELECT COUNT(*) FROM audit_events WHERE action = 'token.revoked' AND target_id = ?", t.token.id));
}


void AuditLogTest::testWorkspaceAndResourceEvents()
{
	TestRuntime& rt = *_pRuntime;
	AuditLog& audit = *rt.runtime().auditLog();
	Account ada = rt.account("ada");
	rt.account("bob");
	rt.organization(ada, "acme");
	rt.memberships().addMember(ada.id, "acme", "bob", "member");
	const Workspace w = rt.workspaces().createWorkspace(ada.id, "acme", "Lab");
	rt.workspaces().renameWorkspace(ada.id, "acme", w.id, "Lab 2");
	rt.workspaces().setWorkspaceMember(ada.id, "acme", w.id, "bob", "viewer");
	rt.workspaces().setWorkspaceMember(ada.id, "acme", w.id, "bob", "editor");
	rt.workspaces().setWorkspaceMember(ada.id, "acme", w.id, "bob", "editor"); // no change
	rt.workspaces().removeWorkspaceMember(ada.id, "acme", w.id, "bob");
	ResourceSpec spec;
	spec.type = "dataset";
	spec.name = "images";
	const Resource r = rt.resources().createResource(ada.id, "acme", spec);
	rt.resources().setCollaborator(ada.id, "acme", r.id, "bob", "reviewer");
	rt.resources().setCollaborator(ada.id, "acme", r.id, "bob", "none");
	rt.resources().setCollaborator(ada.id, "acme", r.id, "bob", "labeler");
	rt.resources().removeCollaborator(ada.id, "acme", r.id, "bob");
	rt.resources().deleteResource(ada.id, "acme", r.id);
	rt.workspaces().deleteWorkspace(ada.id, "acme", w.id);

	const std::vector<std::string> expected{"workspace.deleted",    "resource.deleted",         "collaborator.removed",
	                                        "collaborator.set",     "collaborator.removed",     "collaborator.set",
	                                        "resource.created",     "workspace_member.removed", "workspace_member.set",
	                                        "workspace_member.set", "workspace.updated",        "workspace.created",
	                                        "member.added",         "organization.created"};
	const Page<AuditEvent> page = audit.listEvents(ada.id, "acme", query());
	CPPUNIT_ASSERT(expected == actions(page));
	const AuditEvent& changed = page.items[8]; // the second workspace_member.set, viewer -> editor
	CPPUNIT_ASSERT_EQUAL(std::string("workspace_member.set"), changed.action);
	CPPUNIT_ASSERT_EQUAL(std::string("bob"), changed.targetLabel);
	CPPUNIT_ASSERT_EQUAL(std::string("viewer"), details(changed)->getObject("before")->getValue<std::string>("role"));
	CPPUNIT_ASSERT_EQUAL(std::string("editor"), details(changed)->getObject("after")->getValue<std::string>("role"));
	CPPUNIT_ASSERT_EQUAL(w.id, details(changed)->getObject("workspace")->getValue<Id>("id"));
	CPPUNIT_ASSERT_EQUAL(std::string("Lab 2"), details(changed)->getObject("workspace")->getValue<std::string>("name"));
	CPPUNIT_ASSERT_EQUAL(std::string("images"), page.items[1].targetLabel);
}
