//
// InvitationServiceTest.cpp
//
// Library: OrgsTests
// Package: Service
// Module:  InvitationServiceTest
//


#include "InvitationServiceTest.h"
#include "support/Suites.h"
#include "support/ManualClock.h"
#include "support/Expect.h"
#include "support/Racing.h"
#include "support/TestRuntime.h"
#include "Orgs/Errors.h"
#include "Orgs/InvitationService.h"
#include "Poco/Data/Session.h"
#include <atomic>
#include <thread>
#include <vector>


using namespace Orgs;
using Orgs::Test::ManualClock;
using namespace Poco::Data::Keywords;
using Orgs::Test::reasonOf;
using Orgs::Test::StartGate;
using Orgs::Test::TestRuntime;


ORGS_TEST_SUITE(InvitationServiceTest, "InvitationService", DATABASE);


namespace {


const Poco::Timestamp::TimeDiff SECOND = 1000000;
const Poco::Timestamp::TimeDiff DAY = 86400 * SECOND;


struct Fixture
	/// A runtime on a fresh database with a manual clock, an owner "ada" and organization "acme".
{
	explicit Fixture(TestRuntime::Settings settings = TestRuntime::Settings()) : pClock(new ManualClock)
	{
		rt.reset(new TestRuntime(settings, pClock));
		ada = rt->account("ada");
		acme = rt->organization(ada, "acme");
	}

	InvitationService& invitations() { return *rt->runtime().invitations(); }

	IssuedInvitation invite(const std::string& email, const std::string& role = std::string(),
	                        const std::string& org = "acme")
	{
		InvitationSpec spec;
		spec.email = email;
		spec.role = role;
		return invitations().createInvitation(ada.id, org, spec);
	}

	std::string mailBody(const std::string& to)
		/// Returns the body of the last message queued for to.
	{
		Poco::Data::Session s = rt->database().session();
		std::vector<std::string> bodies;
		s << "SELECT CAST(body AS CHAR(4000)) FROM outbox WHERE recipient = ? ORDER BY id",
		    Poco::Data::Keywords::bind(to), into(bodies), now;
		CPPUNIT_ASSERT_MESSAGE("no mail to " + to, !bodies.empty());
		return bodies.back();
	}

	std::string mailedToken(const std::string& to)
		/// Returns the token in the last invitation mailed to to.
	{
		const std::string body = mailBody(to);
		const std::string::size_type start = body.find("orgs_inv_");
		CPPUNIT_ASSERT_MESSAGE(body, start != std::string::npos);
		const std::string::size_type end = body.find_first_of(" \n\r", start);
		return body.substr(start, end - start);
	}

	Poco::Int64 count(const std::string& sql, Id id) { return rt->scalar(sql, id); }

	std::unique_ptr<TestRuntime> rt;
	Poco::SharedPtr<ManualClock> pClock;
	Account ada;
	Organization acme;
};


TestRuntime::Settings limits(const std::string& members, const std::string& workspaces = "0",
                             const std::string& pending = "0")
	/// Plans "small" (the default, with these limits) and "big" (unlimited).
{
	return {{"orgs.plans", "small, big"},
	        {"orgs.plans.default", "small"},
	        {"orgs.plans.small.maxMembers", members},
	        {"orgs.plans.small.maxWorkspaces", workspaces},
	        {"orgs.plans.small.maxPendingInvitations", pending}};
}


Page<Invitation> listed(Fixture& f, const std::string& status)
{
	InvitationQuery q;
	q.status = status;
	return f.invitations().listInvitations(f.ada.id, "acme", q);
}


} // namespace


void InvitationServiceTest::testCreateMailsTheTokenAndStoresItsHash()
{
	Fixture f;
	InvitationSpec spec;
	spec.email = "  Bob@Example.COM ";
	spec.name = "Bob";
	spec.note = "Welcome aboard";
	const IssuedInvitation issued = f.invitations().createInvitation(f.ada.id, "acme", spec);
	const Invitation& i = issued.invitation;
	CPPUNIT_ASSERT(issued.token.empty()); // shown only to the mailer
	CPPUNIT_ASSERT(i.id > 0);
	CPPUNIT_ASSERT_EQUAL(f.acme.id, i.organizationId);
	CPPUNIT_ASSERT_EQUAL(std::string("bob@example.com"), i.email);
	CPPUNIT_ASSERT_EQUAL(std::string("Bob"), i.name);
	CPPUNIT_ASSERT_EQUAL(std::string("member"), i.role); // the configured default
	CPPUNIT_ASSERT_EQUAL(std::string("pending"), i.status);
	CPPUNIT_ASSERT_EQUAL(f.ada.id, i.invitedBy);
	CPPUNIT_ASSERT_EQUAL(std::string("ada"), i.inviterUsername);
	CPPUNIT_ASSERT(i.expiresAt == i.createdAt + 7 * DAY);
	CPPUNIT_ASSERT(i.respondedAt.isNull());

	const std::string body = f.mailBody("bob@example.com");
	CPPUNIT_ASSERT_MESSAGE(body, body.find("Welcome aboard") != std::string::npos);
	CPPUNIT_ASSERT_MESSAGE(body, body.find(f.acme.title) != std::string::npos);
	const std::string token = f.mailedToken("bob@example.com");
	CPPUNIT_ASSERT_MESSAGE(body, body.find("/api/v1/invitations/" + token) != std::string::npos);
	// Only the hash is stored.
	CPPUNIT_ASSERT_EQUAL(
	    Poco::Int64(0),
	    f.count("SELECT COUNT(*) FROM invitations WHERE id = ? AND token_hash = '" + token + "'", i.id));
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(64), f.count("SELECT LENGTH(token_hash) FROM invitations WHERE id = ?", i.id));

	// The token shows the organization, role, inviter and expiry to a signed-in account.
	const Account bob = f.rt->account("bob");
	const InvitationView view = f.invitations().viewInvitation(bob.id, token);
	CPPUNIT_ASSERT_EQUAL(std::string("acme"), view.organizationUsername);
	CPPUNIT_ASSERT_EQUAL(f.acme.title, view.organizationTitle);
	CPPUNIT_ASSERT_EQUAL(std::string("member"), view.invitation.role);
	CPPUNIT_ASSERT_EQUAL(std::string("ada"), view.invitation.inviterUsername);
	CPPUNIT_ASSERT(view.invitation.expiresAt == i.expiresAt);

	const Invitation again = f.invitations().getInvitation(f.ada.id, "acme", i.id);
	CPPUNIT_ASSERT_EQUAL(i.email, again.email);
	CPPUNIT_ASSERT_EQUAL(std::string("invitation_not_found"), reasonOf<NotFoundException>([&] {
		                     f.invitations().getInvitation(f.ada.id, "acme", i.id + 100);
	                     }));
	CPPUNIT_ASSERT_EQUAL(std::string("invitation_not_found"), reasonOf<NotFoundException>([&] {
		                     f.invitations().viewInvitation(bob.id, "orgs_inv_unknown");
	                     }));

	// Input rules.
	CPPUNIT_ASSERT_EQUAL(std::string("invalid_email"), reasonOf<InvalidInputException>([&] { f.invite("nobody"); }));
	CPPUNIT_ASSERT_EQUAL(std::string("unknown_role"),
	                     reasonOf<InvalidInputException>([&] { f.invite("x@example.com", "emperor"); }));
	spec.email = "y@example.com";
	spec.defaultRoles = {{"film", "viewer"}};
	CPPUNIT_ASSERT_EQUAL(std::string("unknown_resource_type"), reasonOf<InvalidInputException>([&] {
		                     f.invitations().createInvitation(f.ada.id, "acme", spec);
	                     }));
}


void InvitationServiceTest::testExposeTokenAnswersTheMailedToken()
{
	Fixture f(TestRuntime::Settings{{"orgs.invitations.exposeToken", "true"},
	                                {"orgs.invitations.acceptUrl", "https://app.example.com/join/{org}?t={token}"}});
	const IssuedInvitation issued = f.invite("bob@example.com");
	CPPUNIT_ASSERT(!issued.token.empty());
	CPPUNIT_ASSERT_EQUAL(f.mailedToken("bob@example.com"), issued.token);
	const std::string body = f.mailBody("bob@example.com");
	CPPUNIT_ASSERT_MESSAGE(body, body.find("https://app.example.com/join/acme?t=" + issued.token) != std::string::npos);
}


void InvitationServiceTest::testAcceptMakesMemberWithRolesAndWorkspaces()
{
	Fixture f(TestRuntime::Settings{{"orgs.invitations.exposeToken", "true"}});
	const Workspace research = f.rt->workspaces().createWorkspace(f.ada.id, "acme", "Research");
	const Workspace ops = f.rt->workspaces().createWorkspace(f.ada.id, "acme", "Ops");
	InvitationSpec spec;
	spec.email = "BOB@example.com";
	spec.role = "admin";
	spec.workspaces = {{research.id, "editor"}, {ops.id, ""}};
	spec.defaultRoles = {{"dataset", "reviewer"}};
	const IssuedInvitation issued = f.invitations().createInvitation(f.ada.id, "acme", spec);
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), issued.invitation.workspaces.size());
	CPPUNIT_ASSERT_EQUAL(std::string("reviewer"), issued.invitation.defaultRoles.at("dataset"));

	AccountSpec bobSpec;
	bobSpec.username = "bob";
	bobSpec.email = "Bob@Example.com"; // compared without case
	bobSpec.name = "Bob";
	const Account bob = f.rt->accounts().createAccount(bobSpec);
	const Poco::Int64 version = f.rt->aclVersion(f.acme.id);
	const Membership m = f.invitations().acceptInvitation(bob.id, issued.token);
	CPPUNIT_ASSERT_EQUAL(bob.id, m.accountId);
	CPPUNIT_ASSERT_EQUAL(std::string("admin"), m.role);
	CPPUNIT_ASSERT_EQUAL(std::string("reviewer"), m.defaultRoles.at("dataset"));
	CPPUNIT_ASSERT(f.rt->aclVersion(f.acme.id) > version);
	CPPUNIT_ASSERT(f.rt->access().isAllowed(bob.id, f.acme.id, Permission::MembersAdd));

	Page<WorkspaceMember> members =
	    f.rt->workspaces().listWorkspaceMembers(f.ada.id, "acme", research.id, PageRequest());
	bool found = false;
	for (const auto& wm : members.items)
		found = found || (wm.accountId == bob.id && wm.role == "editor");
	CPPUNIT_ASSERT(found);
	members = f.rt->workspaces().listWorkspaceMembers(f.ada.id, "acme", ops.id, PageRequest());
	found = false;
	for (const auto& wm : members.items)
		found = found || (wm.accountId == bob.id && wm.role == "viewer"); // the workspace default
	CPPUNIT_ASSERT(found);

	const Invitation done = f.invitations().getInvitation(f.ada.id, "acme", issued.invitation.id);
	CPPUNIT_ASSERT_EQUAL(std::string("accepted"), done.status);
	CPPUNIT_ASSERT(!done.respondedAt.isNull());
	CPPUNIT_ASSERT_EQUAL(bob.id, done.acceptedBy.value());

	// Single use.
	CPPUNIT_ASSERT_EQUAL(std::string("invitation_not_found"),
	                     reasonOf<NotFoundException>([&] { f.invitations().acceptInvitation(bob.id, issued.token); }));
	CPPUNIT_ASSERT_EQUAL(std::string("invitation_not_found"),
	                     reasonOf<NotFoundException>([&] { f.invitations().viewInvitation(bob.id, issued.token); }));
	// A member is not invited again.
	CPPUNIT_ASSERT_EQUAL(std::string("already_member"),
	                     reasonOf<ConflictException>([&] { f.invite("bob@example.com"); }));

	// A workspace the inviter does not know, a workspace role that does not exist.
	spec.email = "cy@example.com";
	spec.workspaces = {{research.id + ops.id + 100, "viewer"}};
	CPPUNIT_ASSERT_EQUAL(std::string("workspace_not_found"), reasonOf<NotFoundException>([&] {
		                     f.invitations().createInvitation(f.ada.id, "acme", spec);
	                     }));
	spec.workspaces = {{research.id, "emperor"}};
	CPPUNIT_ASSERT_EQUAL(std::string("unknown_role"), reasonOf<InvalidInputException>([&] {
		                     f.invitations().createInvitation(f.ada.id, "acme", spec);
	                     }));
	spec.workspaces = {{research.id, "viewer"}, {research.id, "editor"}};
	CPPUNIT_ASSERT_EQUAL(std::string("duplicate_workspace"), reasonOf<InvalidInputException>([&] {
		                     f.invitations().createInvitation(f.ada.id, "acme", spec);
	                     }));
	// A workspace deleted before the acceptance drops out of the invitation.
	spec.workspaces = {{ops.id, "viewer"}};
	spec.role.clear();
	const IssuedInvitation toCy = f.invitations().createInvitation(f.ada.id, "acme", spec);
	f.rt->workspaces().deleteWorkspace(f.ada.id, "acme", ops.id);
	const Account cy = f.rt->account("cy");
	CPPUNIT_ASSERT_EQUAL(std::string("member"), f.invitations().acceptInvitation(cy.id, toCy.token).role);
}


void InvitationServiceTest::testInviteeWithoutAccountSignsUpThenAccepts()
{
	Fixture f;
	f.invite("newcomer@example.com");
	const std::string token = f.mailedToken("newcomer@example.com");
	const Account newcomer = f.rt->account("newcomer"); // signs up with the invited email
	f.invitations().acceptInvitation(newcomer.id, token);
	CPPUNIT_ASSERT_EQUAL(std::string("member"), f.rt->memberships().getMember(f.ada.id, "acme", "newcomer").role);
}


void InvitationServiceTest::testExpiryResendAndList()
{
	Fixture f;
	const Invitation i = f.invite("bob@example.com").invitation;
	const std::string first = f.mailedToken("bob@example.com");
	const Account bob = f.rt->account("bob");

	f.pClock->advance(7 * DAY - SECOND);
	CPPUNIT_ASSERT_EQUAL(std::string("acme"), f.invitations().viewInvitation(bob.id, first).organizationUsername);
	f.pClock->advance(SECOND);
	CPPUNIT_ASSERT_EQUAL(std::string("invitation_expired"),
	                     reasonOf<GoneException>([&] { f.invitations().viewInvitation(bob.id, first); }));
	CPPUNIT_ASSERT_EQUAL(std::string("invitation_expired"),
	                     reasonOf<GoneException>([&] { f.invitations().acceptInvitation(bob.id, first); }));
	CPPUNIT_ASSERT_EQUAL(std::string("invitation_expired"),
	                     reasonOf<GoneException>([&] { f.invitations().declineInvitation(bob.id, first); }));

	// Expired is computed: listed as such, not as pending.
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), listed(f, "expired").items.size());
	CPPUNIT_ASSERT_EQUAL(std::size_t(0), listed(f, "pending").items.size());
	CPPUNIT_ASSERT_EQUAL(std::string("expired"), f.invitations().getInvitation(f.ada.id, "acme", i.id).status);
	CPPUNIT_ASSERT_EQUAL(std::string("invalid_status"), reasonOf<InvalidInputException>([&] { listed(f, "lost"); }));

	// A resend: a new token and a new expiry; the old token stops working.
	const IssuedInvitation resent = f.invitations().resendInvitation(f.ada.id, "acme", i.id);
	CPPUNIT_ASSERT_EQUAL(std::string("pending"), resent.invitation.status);
	CPPUNIT_ASSERT(resent.invitation.expiresAt == f.pClock->now() + 7 * DAY);
	const std::string second = f.mailedToken("bob@example.com");
	CPPUNIT_ASSERT(second != first);
	CPPUNIT_ASSERT_EQUAL(std::string("invitation_not_found"),
	                     reasonOf<NotFoundException>([&] { f.invitations().viewInvitation(bob.id, first); }));
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), listed(f, "pending").items.size());
	// A resend of a pending one also replaces its token.
	f.invitations().resendInvitation(f.ada.id, "acme", i.id);
	const std::string third = f.mailedToken("bob@example.com");
	CPPUNIT_ASSERT_EQUAL(std::string("invitation_not_found"),
	                     reasonOf<NotFoundException>([&] { f.invitations().acceptInvitation(bob.id, second); }));
	f.invitations().acceptInvitation(bob.id, third);
	CPPUNIT_ASSERT_EQUAL(std::string("invitation_not_pending"), reasonOf<ConflictException>([&] {
		                     f.invitations().resendInvitation(f.ada.id, "acme", i.id);
	                     }));

	// An expired invitation frees its email: inviting anew is allowed, and the old one stays expired.
	const Invitation cy1 = f.invite("cy@example.com").invitation;
	f.pClock->advance(8 * DAY);
	const Invitation cy2 = f.invite("cy@example.com").invitation;
	CPPUNIT_ASSERT(cy2.id != cy1.id);
	CPPUNIT_ASSERT_EQUAL(std::string("expired"), f.invitations().getInvitation(f.ada.id, "acme", cy1.id).status);
	// ... and then the old one cannot be resent: the email has a pending invitation.
	CPPUNIT_ASSERT_EQUAL(std::string("already_invited"), reasonOf<ConflictException>([&] {
		                     f.invitations().resendInvitation(f.ada.id, "acme", cy1.id);
	                     }));

	// Listing: every invitation by id, by status, keyset-paginated.
	CPPUNIT_ASSERT_EQUAL(std::size_t(3), listed(f, "").items.size());
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), listed(f, "accepted").items.size());
	InvitationQuery q;
	q.limit = 2;
	Page<Invitation> page = f.invitations().listInvitations(f.ada.id, "acme", q);
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), page.items.size());
	CPPUNIT_ASSERT(!page.nextCursor.empty());
	q.cursor = page.nextCursor;
	page = f.invitations().listInvitations(f.ada.id, "acme", q);
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), page.items.size());
	CPPUNIT_ASSERT_EQUAL(cy2.id, page.items[0].id);
	CPPUNIT_ASSERT(page.nextCursor.empty());
}


void InvitationServiceTest::testRevokeAndDecline()
{
	Fixture f;
	const Invitation toBob = f.invite("bob@example.com").invitation;
	const std::string bobToken = f.mailedToken("bob@example.com");
	const Invitation toCy = f.invite("cy@example.com").invitation;
	const std::string cyToken = f.mailedToken("cy@example.com");
	const Account bob = f.rt->account("bob");
	const Account cy = f.rt->account("cy");

	f.invitations().revokeInvitation(f.ada.id, "acme", toBob.id);
	CPPUNIT_ASSERT_EQUAL(std::string("invitation_not_found"),
	                     reasonOf<NotFoundException>([&] { f.invitations().acceptInvitation(bob.id, bobToken); }));
	CPPUNIT_ASSERT_EQUAL(std::string("invitation_not_pending"), reasonOf<ConflictException>([&] {
		                     f.invitations().revokeInvitation(f.ada.id, "acme", toBob.id);
	                     }));
	CPPUNIT_ASSERT_EQUAL(std::string("invitation_not_found"), reasonOf<NotFoundException>([&] {
		                     f.invitations().revokeInvitation(f.ada.id, "acme", toBob.id + 100);
	                     }));

	f.invitations().declineInvitation(cy.id, cyToken);
	CPPUNIT_ASSERT_EQUAL(std::string("invitation_not_found"),
	                     reasonOf<NotFoundException>([&] { f.invitations().acceptInvitation(cy.id, cyToken); }));
	CPPUNIT_ASSERT_EQUAL(std::string("declined"), f.invitations().getInvitation(f.ada.id, "acme", toCy.id).status);
	CPPUNIT_ASSERT_EQUAL(std::string("revoked"), f.invitations().getInvitation(f.ada.id, "acme", toBob.id).status);
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), listed(f, "revoked").items.size());
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), listed(f, "declined").items.size());
	// Both emails may be invited again.
	f.invite("bob@example.com");
	f.invite("cy@example.com");
	// An expired invitation can be revoked too.
	const Invitation toDan = f.invite("dan@example.com").invitation;
	f.pClock->advance(8 * DAY);
	f.invitations().revokeInvitation(f.ada.id, "acme", toDan.id);
	CPPUNIT_ASSERT_EQUAL(std::string("revoked"), f.invitations().getInvitation(f.ada.id, "acme", toDan.id).status);
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(0), f.count("SELECT COUNT(*) FROM memberships WHERE account_id = ?", bob.id));
}


void InvitationServiceTest::testEmailMustMatch()
{
	{
		Fixture f;
		f.invite("bob@example.com");
		const std::string token = f.mailedToken("bob@example.com");
		const Account eve = f.rt->account("eve");
		// Anyone holding the token may look; only the invited email answers.
		f.invitations().viewInvitation(eve.id, token);
		CPPUNIT_ASSERT_EQUAL(std::string("email_mismatch"),
		                     reasonOf<ForbiddenException>([&] { f.invitations().acceptInvitation(eve.id, token); }));
		CPPUNIT_ASSERT_EQUAL(std::string("email_mismatch"),
		                     reasonOf<ForbiddenException>([&] { f.invitations().declineInvitation(eve.id, token); }));
		f.invitations().acceptInvitation(f.rt->account("bob").id, token);
	}
	{
		Fixture f(TestRuntime::Settings{{"orgs.invitations.requireEmailMatch", "false"}});
		f.invite("bob@example.com");
		const Account eve = f.rt->account("eve");
		f.invitations().acceptInvitation(eve.id, f.mailedToken("bob@example.com"));
		CPPUNIT_ASSERT_EQUAL(std::string("member"), f.rt->memberships().getMember(f.ada.id, "acme", "eve").role);
	}
}


void InvitationServiceTest::testOnePendingInvitationPerEmail()
{
	Fixture f;
	f.invite("bob@example.com");
	CPPUNIT_ASSERT_EQUAL(std::string("already_invited"),
	                     reasonOf<ConflictException>([&] { f.invite("BOB@example.com"); }));
	// Another organization may invite the same email.
	f.rt->organization(f.ada, "globex");
	f.invite("bob@example.com", "", "globex");
	// A member's email (any case) is already a member.
	CPPUNIT_ASSERT_EQUAL(std::string("already_member"),
	                     reasonOf<ConflictException>([&] { f.invite("ADA@example.com"); }));
	// Accepting when already a member (added directly meanwhile) is a conflict.
	f.invite("cy@example.com");
	const Account cy = f.rt->account("cy");
	f.rt->memberships().addMember(f.ada.id, "acme", "cy", "");
	CPPUNIT_ASSERT_EQUAL(std::string("already_member"), reasonOf<ConflictException>([&] {
		                     f.invitations().acceptInvitation(cy.id, f.mailedToken("cy@example.com"));
	                     }));
}


void InvitationServiceTest::testAllowedDomains()
{
	Fixture f;
	OrganizationChanges changes;
	changes.allowedEmailDomains = std::vector<std::string>{" Example.COM ", "acme.test", "example.com"};
	const Organization o = f.rt->organizations().updateOrganization(f.ada.id, "acme", changes);
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), o.allowedEmailDomains.size());
	CPPUNIT_ASSERT_EQUAL(std::string("example.com"), o.allowedEmailDomains[0]);
	CPPUNIT_ASSERT_EQUAL(std::string("acme.test"),
	                     f.rt->organizations().getOrganization(f.ada.id, "acme").organization.allowedEmailDomains[1]);

	f.invite("bob@example.com");
	f.invite("cy@acme.test");
	// A policy refusal, as for every other way in: 403 (it was 400 here).
	CPPUNIT_ASSERT_EQUAL(std::string("domain_not_allowed"),
	                     reasonOf<ForbiddenException>([&] { f.invite("eve@evil.test"); }));
	CPPUNIT_ASSERT_EQUAL(std::string("domain_not_allowed"),
	                     reasonOf<ForbiddenException>([&] { f.invite("eve@sub.example.com"); }));

	for (const std::string& bad :
	     {std::string("not a domain"), std::string("localhost"), std::string("-x.com"), std::string("@example.com")})
	{
		changes.allowedEmailDomains = std::vector<std::string>{bad};
		CPPUNIT_ASSERT_EQUAL(std::string("invalid_domain"), reasonOf<InvalidInputException>([&] {
			                     f.rt->organizations().updateOrganization(f.ada.id, "acme", changes);
		                     }));
	}
	// An empty list allows every domain again.
	changes.allowedEmailDomains = std::vector<std::string>();
	CPPUNIT_ASSERT(f.rt->organizations().updateOrganization(f.ada.id, "acme", changes).allowedEmailDomains.empty());
	f.invite("eve@evil.test");
}


void InvitationServiceTest::testDailyLimit()
{
	Fixture f(TestRuntime::Settings{{"orgs.invitations.dailyLimit", "3"}});
	f.invite("a@example.com");
	f.pClock->advance(3600 * SECOND);
	const Invitation b = f.invite("b@example.com").invitation;
	f.invite("c@example.com");
	try
	{
		f.invite("d@example.com");
		CPPUNIT_FAIL("a fourth invitation in a day was accepted");
	}
	catch (RateLimitedException& exc)
	{
		CPPUNIT_ASSERT_EQUAL(std::string("invitation_rate_limited"), exc.reason());
		CPPUNIT_ASSERT_EQUAL(Poco::Int64(3), exc.limit());
		// The oldest is an hour old: a slot frees in 23 hours.
		CPPUNIT_ASSERT_EQUAL(Poco::Int64(23 * 3600), exc.retryAfterSeconds());
	}
	// Resends do not count, revoking does not give the slot back.
	f.invitations().resendInvitation(f.ada.id, "acme", b.id);
	f.invitations().revokeInvitation(f.ada.id, "acme", b.id);
	CPPUNIT_ASSERT_EQUAL(std::string("invitation_rate_limited"),
	                     reasonOf<LimitExceededException>([&] { f.invite("d@example.com"); }));
	// Per organization.
	f.rt->organization(f.ada, "globex");
	f.invite("d@example.com", "", "globex");
	// A rolling window: when the first is 24 hours old, one more fits.
	f.pClock->advance(23 * 3600 * SECOND);
	f.invite("d@example.com");
	CPPUNIT_ASSERT_EQUAL(std::string("invitation_rate_limited"),
	                     reasonOf<LimitExceededException>([&] { f.invite("e@example.com"); }));
}


void InvitationServiceTest::testPermissions()
{
	Fixture f;
	const Account bob = f.rt->account("bob");
	const Account eve = f.rt->account("eve");
	f.rt->memberships().addMember(f.ada.id, "acme", "bob", "member");
	const Invitation i = f.invite("cy@example.com").invitation;
	InvitationSpec spec;
	spec.email = "dan@example.com";
	CPPUNIT_ASSERT_EQUAL(std::string("permission_denied"),
	                     reasonOf<ForbiddenException>([&] { f.invitations().createInvitation(bob.id, "acme", spec); }));
	CPPUNIT_ASSERT_EQUAL(std::string("organization_not_found"),
	                     reasonOf<NotFoundException>([&] { f.invitations().createInvitation(eve.id, "acme", spec); }));
	CPPUNIT_ASSERT_EQUAL(std::string("permission_denied"), reasonOf<ForbiddenException>([&] {
		                     f.invitations().listInvitations(bob.id, "acme", InvitationQuery());
	                     }));
	CPPUNIT_ASSERT_EQUAL(std::string("permission_denied"),
	                     reasonOf<ForbiddenException>([&] { f.invitations().revokeInvitation(bob.id, "acme", i.id); }));
	CPPUNIT_ASSERT_EQUAL(std::string("permission_denied"),
	                     reasonOf<ForbiddenException>([&] { f.invitations().resendInvitation(bob.id, "acme", i.id); }));
	CPPUNIT_ASSERT_EQUAL(std::string("organization_not_found"),
	                     reasonOf<NotFoundException>([&] { f.invitations().getInvitation(eve.id, "acme", i.id); }));
	CPPUNIT_ASSERT_EQUAL(std::string("permission_denied"),
	                     reasonOf<ForbiddenException>([&] { f.rt->organizations().getUsage(bob.id, "acme"); }));
	// An invitation id of another organization is not found.
	f.rt->organization(f.ada, "globex");
	CPPUNIT_ASSERT_EQUAL(std::string("invitation_not_found"), reasonOf<NotFoundException>([&] {
		                     f.invitations().revokeInvitation(f.ada.id, "globex", i.id);
	                     }));
}


void InvitationServiceTest::testSeatsCountPendingInvitations()
{
	Fixture f(limits("3"));
	CPPUNIT_ASSERT_EQUAL(std::string("small"), f.acme.plan);
	f.invite("bob@example.com");
	f.invite("cy@example.com"); // ada + 2 pending = 3 seats
	try
	{
		f.invite("dan@example.com");
		CPPUNIT_FAIL("a fourth seat was given");
	}
	catch (QuotaExceededException& exc)
	{
		CPPUNIT_ASSERT_EQUAL(std::string("seat_limit"), exc.reason());
		CPPUNIT_ASSERT_EQUAL(std::string("members"), exc.quota());
		CPPUNIT_ASSERT_EQUAL(Poco::Int64(3), exc.limit());
		CPPUNIT_ASSERT_EQUAL(Poco::Int64(3), exc.current());
		CPPUNIT_ASSERT_EQUAL(std::string("small"), exc.plan());
	}
	const Account dan = f.rt->account("dan");
	CPPUNIT_ASSERT_EQUAL(std::string("seat_limit"), reasonOf<ConflictException>([&] {
		                     f.rt->memberships().addMember(f.ada.id, "acme", "dan", "");
	                     }));
	// Accepting turns a pending seat into a member: still 3.
	const Account bob = f.rt->account("bob");
	f.invitations().acceptInvitation(bob.id, f.mailedToken("bob@example.com"));
	Usage u = f.rt->organizations().getUsage(f.ada.id, "acme");
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(2), u.members);
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), u.pendingInvitations);
	// An expired invitation holds no seat; resending it takes one again.
	f.pClock->advance(8 * DAY);
	const Invitation toDan = f.invite("dan@example.com").invitation;
	CPPUNIT_ASSERT_EQUAL(std::string("seat_limit"), reasonOf<QuotaExceededException>([&] {
		                     f.invitations().resendInvitation(f.ada.id, "acme", listed(f, "expired").items.front().id);
	                     }));
	// Revoking frees a seat.
	f.invitations().revokeInvitation(f.ada.id, "acme", toDan.id);
	f.rt->memberships().addMember(f.ada.id, "acme", "dan", "");
	u = f.rt->organizations().getUsage(f.ada.id, "acme");
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(3), u.members);
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(0), u.pendingInvitations);
	// An already-member answer wins over the seat limit.
	CPPUNIT_ASSERT_EQUAL(std::string("already_member"), reasonOf<ConflictException>([&] {
		                     f.rt->memberships().addMember(f.ada.id, "acme", "dan", "");
	                     }));
}


void InvitationServiceTest::testWorkspaceAndPendingLimits()
{
	Fixture f(limits("0", "2", "2"));
	f.rt->workspaces().createWorkspace(f.ada.id, "acme", "One");
	const Workspace two = f.rt->workspaces().createWorkspace(f.ada.id, "acme", "Two");
	try
	{
		f.rt->workspaces().createWorkspace(f.ada.id, "acme", "Three");
		CPPUNIT_FAIL("a third workspace was created");
	}
	catch (QuotaExceededException& exc)
	{
		CPPUNIT_ASSERT_EQUAL(std::string("plan_limit"), exc.reason());
		CPPUNIT_ASSERT_EQUAL(std::string("workspaces"), exc.quota());
		CPPUNIT_ASSERT_EQUAL(Poco::Int64(2), exc.limit());
	}
	f.rt->workspaces().deleteWorkspace(f.ada.id, "acme", two.id);
	f.rt->workspaces().createWorkspace(f.ada.id, "acme", "Three");

	f.invite("a@example.com");
	f.invite("b@example.com");
	CPPUNIT_ASSERT_EQUAL(std::string("plan_limit"),
	                     reasonOf<QuotaExceededException>([&] { f.invite("c@example.com"); }));
	f.pClock->advance(8 * DAY); // expired: they no longer count
	f.invite("c@example.com");
}


void InvitationServiceTest::testPlanChangesAndUsage()
{
	Fixture f(limits("3", "1", "0"));
	const Account bob = f.rt->account("bob");
	f.rt->memberships().addMember(f.ada.id, "acme", "bob", "admin");

	OrganizationChanges toBig;
	toBig.plan = std::string("big");
	CPPUNIT_ASSERT_EQUAL(std::string("permission_denied"), reasonOf<ForbiddenException>([&] {
		                     f.rt->organizations().updateOrganization(bob.id, "acme", toBig);
	                     }));
	OrganizationChanges toGold;
	toGold.plan = std::string("gold");
	CPPUNIT_ASSERT_EQUAL(std::string("unknown_plan"), reasonOf<InvalidInputException>([&] {
		                     f.rt->organizations().updateOrganization(f.ada.id, "acme", toGold);
	                     }));
	CPPUNIT_ASSERT_EQUAL(std::string("big"), f.rt->organizations().updateOrganization(f.ada.id, "acme", toBig).plan);
	CPPUNIT_ASSERT_EQUAL(std::string("big"), f.rt->organizations().getOrganization(bob.id, "acme").organization.plan);

	// On the unlimited plan the organization grows past the small one...
	f.rt->workspaces().createWorkspace(f.ada.id, "acme", "One");
	f.rt->workspaces().createWorkspace(f.ada.id, "acme", "Two");
	f.invite("cy@example.com");
	f.invite("dan@example.com");
	Usage u = f.rt->organizations().getUsage(f.ada.id, "acme");
	CPPUNIT_ASSERT_EQUAL(f.acme.id, u.organizationId);
	CPPUNIT_ASSERT_EQUAL(std::string("big"), u.plan.name);
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(2), u.members);
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(2), u.pendingInvitations);
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(2), u.workspaces);
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(0), u.resources);
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(0), u.apiRequestsMonth);
	CPPUNIT_ASSERT(u.monthStart <= f.pClock->now());
	f.rt->resources().createResource(f.ada.id, "acme", ResourceSpec{"dataset", "cats", ""});
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), f.rt->organizations().getUsage(f.ada.id, "acme").resources);

	// ... so it cannot go back below its usage: 4 seats on a plan of 3.
	OrganizationChanges toSmall;
	toSmall.plan = std::string("small");
	try
	{
		f.rt->organizations().updateOrganization(f.ada.id, "acme", toSmall);
		CPPUNIT_FAIL("the plan was lowered below the usage");
	}
	catch (QuotaExceededException& exc)
	{
		CPPUNIT_ASSERT_EQUAL(std::string("plan_limit"), exc.reason());
		CPPUNIT_ASSERT_EQUAL(std::string("members"), exc.quota());
		CPPUNIT_ASSERT_EQUAL(Poco::Int64(3), exc.limit());
		CPPUNIT_ASSERT_EQUAL(Poco::Int64(4), exc.current());
		CPPUNIT_ASSERT_EQUAL(std::string("small"), exc.plan());
	}
	f.pClock->advance(8 * DAY); // the invitations expire: 2 seats, but 2 workspaces on a plan of 1
	CPPUNIT_ASSERT_EQUAL(std::string("workspaces"), [&] {
		try
		{
			f.rt->organizations().updateOrganization(f.ada.id, "acme", toSmall);
		}
		catch (QuotaExceededException& exc)
		{
			return exc.quota();
		}
		return std::string("(accepted)");
	}());
	CPPUNIT_ASSERT_EQUAL(std::string("big"), f.rt->organizations().getOrganization(f.ada.id, "acme").organization.plan);
}


void InvitationServiceTest::testConcurrentInvitationsNeverExceedSeats()
{
	const int ROUNDS = 8;
	const std::size_t RACERS = 6;
	const Poco::Int64 SEATS = 4;
	Fixture f(limits(std::to_string(SEATS)));
	for (int round = 0; round < ROUNDS; ++round)
	{
		const std::string org = "race-" + std::to_string(round);
		const Organization o = f.rt->organization(f.ada, org);
		if (round % 2 == 1)
		{
			for (std::size_t i = 1; i < RACERS; i += 2)
				f.rt->account("r" + std::to_string(round) + "-" + std::to_string(i));
		}
		std::vector<std::string> outcomes(RACERS);
		StartGate gate(RACERS);
		std::vector<std::thread> threads;
		for (std::size_t i = 0; i < RACERS; ++i)
		{
			threads.emplace_back([&, i] {
				gate.arriveAndWait();
				try
				{
					if (i % 2 == 0 || round % 2 == 0)
						f.invite("user" + std::to_string(i) + "@example.com", "", org);
					else
					{
						// Direct additions compete for the same seats.
						const std::string name = "r" + std::to_string(round) + "-" + std::to_string(i);
						f.rt->memberships().addMember(f.ada.id, org, name, "");
					}
					outcomes[i] = "ok";
				}
				catch (OrgsException& exc)
				{
					outcomes[i] = exc.reason();
				}
				catch (std::exception& exc)
				{
					outcomes[i] = exc.what();
				}
			});
		}
		for (auto& t : threads)
			t.join();
		std::size_t winners = 0;
		std::string all;
		for (const auto& o2 : outcomes)
		{
			all += " " + o2;
			if (o2 == "ok")
				++winners;
			else
				CPPUNIT_ASSERT_EQUAL_MESSAGE("round " + std::to_string(round) + ":" + all, std::string("seat_limit"),
				                             o2);
		}
		const Poco::Int64 seats =
		    f.count("SELECT COUNT(*) FROM memberships WHERE organization_id = ?", o.id) +
		    f.count("SELECT COUNT(*) FROM invitations WHERE organization_id = ? AND status = 'pending'", o.id);
		CPPUNIT_ASSERT_EQUAL_MESSAGE("round " + std::to_string(round) + ":" + all, SEATS, seats);
		CPPUNIT_ASSERT_EQUAL_MESSAGE("round " + std::to_string(round) + ":" + all, std::size_t(SEATS - 1), winners);
	}
}


void InvitationServiceTest::testConcurrentAcceptsWinOnce()
{
	Fixture f(TestRuntime::Settings{{"orgs.invitations.requireEmailMatch", "false"}});
	const std::size_t RACERS = 4;
	std::vector<Account> accounts;
	for (std::size_t i = 0; i < RACERS; ++i)
		accounts.push_back(f.rt->account("racer" + std::to_string(i)));
	for (int round = 0; round < 6; ++round)
	{
		const std::string email = "round" + std::to_string(round) + "@example.com";
		const std::string org = "accept-" + std::to_string(round);
		f.rt->organization(f.ada, org);
		f.invite(email, "", org);
		const std::string token = f.mailedToken(email);
		std::vector<std::string> outcomes(RACERS);
		StartGate gate(RACERS);
		std::vector<std::thread> threads;
		for (std::size_t i = 0; i < RACERS; ++i)
		{
			threads.emplace_back([&, i] {
				gate.arriveAndWait();
				try
				{
					f.invitations().acceptInvitation(accounts[i].id, token);
					outcomes[i] = "ok";
				}
				catch (OrgsException& exc)
				{
					outcomes[i] = exc.reason();
				}
			});
		}
		for (auto& t : threads)
			t.join();
		std::size_t winners = 0;
		std::string all;
		for (const auto& o : outcomes)
		{
			all += " " + o;
			winners += o == "ok" ? 1 : 0;
			CPPUNIT_ASSERT_MESSAGE(all, o == "ok" || o == "invitation_not_found");
		}
		CPPUNIT_ASSERT_EQUAL_MESSAGE(all, std::size_t(1), winners);
	}
}


void InvitationServiceTest::testRequireWorkspace()
{
	// Make: "Team - You must select at least one team."
	{
		Fixture f(TestRuntime::Settings{{"orgs.invitations.requireWorkspace", "true"},
		                                {"orgs.invitations.exposeToken", "true"}});
		CPPUNIT_ASSERT_EQUAL(std::string("workspace_required"),
		                     reasonOf<InvalidInputException>([&] { f.invite("bob@example.com"); }));
		CPPUNIT_ASSERT_EQUAL(Poco::Int64(0),
		                     f.count("SELECT COUNT(*) FROM invitations WHERE organization_id = ?", f.acme.id));
		const Workspace team = f.rt->workspaces().createWorkspace(f.ada.id, "acme", "Team");
		InvitationSpec spec;
		spec.email = "bob@example.com";
		spec.workspaces = {{team.id, "editor"}};
		const IssuedInvitation issued = f.invitations().createInvitation(f.ada.id, "acme", spec);
		CPPUNIT_ASSERT_EQUAL(std::size_t(1), issued.invitation.workspaces.size());
		const Account bob = f.rt->account("bob");
		f.invitations().acceptInvitation(bob.id, issued.token);
		CPPUNIT_ASSERT(f.rt->access().isAllowed(bob.id, f.acme.id, WorkspaceId{team.id}, Permission::ResourcesCreate));
	}
	// Off by default: an invitation to the organization alone.
	Fixture f;
	CPPUNIT_ASSERT(f.invite("bob@example.com").invitation.workspaces.empty());
}


void InvitationServiceTest::testTransferOwnershipWaitsForAcceptance()
{
	// Make: "Once a new member accepts the invitation, you can transfer ownership to them."
	Fixture f(TestRuntime::Settings{{"orgs.invitations.exposeToken", "true"}});
	const IssuedInvitation issued = f.invite("bob@example.com");
	const Account bob = f.rt->account("bob");
	CPPUNIT_ASSERT_EQUAL(std::string("not_a_member"), reasonOf<ConflictException>([&] {
		                     f.rt->organizations().transferOwnership(f.ada.id, "acme", "bob");
	                     }));
	f.invitations().acceptInvitation(bob.id, issued.token);
	CPPUNIT_ASSERT_EQUAL(bob.id, f.rt->organizations().transferOwnership(f.ada.id, "acme", "bob").ownerAccountId);
}
