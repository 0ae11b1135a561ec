//
// AdmissionTest.cpp
//
// Library: OrgsTests
// Package: Service
// Module:  AdmissionTest
//


#include "AdmissionTest.h"
#include "http/BurstLog.h"
#include "http/Problem.h"
#include "support/Suites.h"
#include "support/ManualClock.h"
#include "support/TestRuntime.h"
#include "Orgs/Errors.h"
#include "Orgs/InvitationService.h"
#include "Orgs/InviteLinkService.h"
#include "Poco/Data/Session.h"
#include "Poco/Logger.h"
#include <functional>
#include <memory>
#include <string>
#include <vector>


using namespace Orgs;
using namespace Poco::Data::Keywords;
using Orgs::Test::ManualClock;
using Orgs::Test::TestRuntime;


ORGS_TEST_SUITE(AdmissionTest, "Admission", DATABASE);


namespace {


enum class Way
{
	ADDED,          ///< POST /orgs/{org}/members
	INVITED,        ///< POST /orgs/{org}/invitations
	RESENT,         ///< POST /orgs/{org}/invitations/{id}/resend
	ACCEPTED,       ///< POST /invitations/{token}/accept
	SIGNUP_INVITED, ///< POST /accounts with the invitation's token
	LINK,           ///< POST /invite-links/{token}/accept
	SIGNUP_LINK     ///< POST /accounts with the link's token
};


const std::vector<Way> EVERY_WAY{Way::ADDED,          Way::INVITED, Way::RESENT,     Way::ACCEPTED,
                                 Way::SIGNUP_INVITED, Way::LINK,    Way::SIGNUP_LINK};


std::string nameOf(Way way)
{
	switch (way)
	{
	case Way::ADDED:
		return "added";
	case Way::INVITED:
		return "invited";
	case Way::RESENT:
		return "resent";
	case Way::ACCEPTED:
		return "accepted";
	case Way::SIGNUP_INVITED:
		return "signed up with the invitation";
	case Way::LINK:
		return "joined by link";
	case Way::SIGNUP_LINK:
		return "signed up with the link";
	}
	return "?";
}


bool signsUp(Way way)
{
	return way == Way::SIGNUP_INVITED || way == Way::SIGNUP_LINK;
}


const Poco::Timespan EIGHT_DAYS(8, 0, 0, 0, 0);


TestRuntime::Settings settings(TestRuntime::Settings extra)
	/// The plans the tests switch "acme" to, the tokens in the answers, and extra.
{
	TestRuntime::Settings s{{"orgs.invitations.exposeToken", "true"},
	                        {"orgs.plans", "open, closed, uniform, tiny, shut"},
	                        {"orgs.plans.default", "open"},
	                        {"orgs.plans.closed.allowsMembers", "false"},
	                        {"orgs.plans.uniform.memberRole", "admin"},
	                        {"orgs.plans.tiny.maxMembers", "1"},
	                        {"orgs.plans.shut.allowsMembers", "false"},
	                        {"orgs.plans.shut.maxMembers", "1"}};
	for (const auto& kv : extra)
		s[kv.first] = kv.second;
	return s;
}


struct Request
	/// What a member asks for (the invitation or the link is made with it beforehand).
{
	std::string role;
	RoleMap defaultRoles;
	std::vector<InvitationWorkspace> workspaces;
};


class Attempt
	/// One way for one candidate into "acme", owned by ada, on a runtime of its own: bob (an
	/// account) or, for the sign-up ways, newbie (who signs up). The constructor makes what
	/// the way needs beforehand (an invitation, the link) as ada; run() takes the way.
{
public:
	Attempt(Way way, const TestRuntime::Settings& extra = TestRuntime::Settings(), const Request& request = Request(),
	        bool prepare = true)
	    : _way(way), _request(request), _pClock(new ManualClock), _rt(new TestRuntime(settings(extra), _pClock))
	{
		_ada = _rt->account("ada");
		_acme = _rt->organization(_ada, "acme");
		_actor = _ada.id;
		if (!signsUp(way))
			_bob = _rt->account("bob");
		if (prepare)
			this->prepare();
	}

	void prepare()
		/// Makes the invitation or the link the way needs.
	{
		const std::string email = signsUp(_way) ? "newbie@example.com" : "bob@example.com";
		if (_way == Way::RESENT || _way == Way::ACCEPTED || _way == Way::SIGNUP_INVITED)
		{
			const IssuedInvitation issued = invitations().createInvitation(_ada.id, "acme", spec(email));
			_invitationId = issued.invitation.id;
			_token = issued.token;
		}
		else if (_way == Way::LINK || _way == Way::SIGNUP_LINK)
			_token = _rt->runtime().inviteLinks()->resetLink(_ada.id, "acme", _request.role).token;
	}

	std::string run()
		/// Takes the way; returns "ok", or the status and code of the refusal ("409 seat_limit").
	{
		try
		{
			take();
			return "ok";
		}
		catch (OrgsException& exc)
		{
			Http::BurstLog log(Poco::Logger::get("AdmissionTest"), Poco::Timespan(10, 0));
			return std::to_string(Http::Problem::from(exc, log, "test").status) + " " + exc.reason();
		}
	}

	void expect(const std::string& expected) { CPPUNIT_ASSERT_EQUAL_MESSAGE(nameOf(_way), expected, run()); }

	void sql(const std::string& update)
		/// Runs an UPDATE with acme's id as its one parameter, outside the plugin.
	{
		Poco::Data::Session s = _rt->database().session();
		Id id = _acme.id;
		s << update, use(id), now;
	}

	void plan(const std::string& name)
		/// Moves acme to a plan, whatever it holds now (a plan change through the API would
		/// refuse a plan below the current usage).
	{
		sql("UPDATE organizations SET plan = '" + name + "' WHERE id = ?");
	}

	void domains(const std::vector<std::string>& allowed)
	{
		OrganizationChanges changes;
		changes.allowedEmailDomains = allowed;
		_rt->organizations().updateOrganization(_ada.id, "acme", changes);
	}

	void addBob()
	{
		MemberSpec m;
		m.account = "bob";
		_rt->memberships().addMember(_ada.id, "acme", m);
	}

	void actAs(const Account& actor) { _actor = actor.id; }

	Request& ask() { return _request; }
		/// The request, to change before prepare() or before run() of a member's way.

	Way way() const { return _way; }

	Membership joined() const { return _joined; }
	TestRuntime& rt() { return *_rt; }
	ManualClock& clock() { return *_pClock; }
	const Account& ada() const { return _ada; }
	const Organization& acme() const { return _acme; }

	Poco::Int64 workspacesOfCandidate()
	{
		return _rt->scalar("SELECT COUNT(*) FROM workspace_members WHERE account_id = ?", _joined.accountId);
	}

private:
	InvitationService& invitations() { return *_rt->runtime().invitations(); }

	InvitationSpec spec(const std::string& email) const
	{
		InvitationSpec s;
		s.email = email;
		s.role = _request.role;
		s.defaultRoles = _request.defaultRoles;
		s.workspaces = _request.workspaces;
		return s;
	}

	void take()
	{
		AccountSpec newbie;
		newbie.username = "newbie";
		newbie.email = "newbie@example.com";
		switch (_way)
		{
		case Way::ADDED:
		{
			MemberSpec m;
			m.account = "bob";
			m.role = _request.role;
			m.defaultRoles = _request.defaultRoles;
			m.workspaces = _request.workspaces;
			_joined = _rt->memberships().addMember(_actor, "acme", m);
			break;
		}
		case Way::INVITED:
			invitations().createInvitation(_actor, "acme", spec("bob@example.com"));
			break;
		case Way::RESENT:
			invitations().resendInvitation(_ada.id, "acme", _invitationId);
			break;
		case Way::ACCEPTED:
			_joined = invitations().acceptInvitation(_bob.id, _token);
			break;
		case Way::LINK:
			_joined = _rt->runtime().inviteLinks()->joinByLink(_bob.id, _token);
			break;
		case Way::SIGNUP_INVITED:
		case Way::SIGNUP_LINK:
			_rt->accounts().signUpToJoin(newbie, "first", _token, _joined);
			break;
		}
	}

	Way _way;
	Request _request;
	ManualClock::Ptr _pClock;
	std::unique_ptr<TestRuntime> _rt;
	Account _ada;
	Account _bob;
	Organization _acme;
	Id _actor = 0;
	Id _invitationId = 0;
	std::string _token;
	Membership _joined;
};


struct Step
	/// Something made true, and what each way answers then.
{
	std::function<void(Attempt&)> given;
	std::function<std::string(Way)> expected;
};


void forEveryWay(const std::vector<Step>& steps, const TestRuntime::Settings& extra = TestRuntime::Settings(),
                 const Request& request = Request())
	/// For each way, on one runtime: makes each step's given true in turn and expects its
	/// answer. A refusal changes nothing, so the next step starts from the same state; an "ok"
	/// (the candidate joined, or was invited) ends the way's steps.
{
	for (Way way : EVERY_WAY)
	{
		Attempt a(way, extra, request);
		for (const Step& step : steps)
		{
			step.given(a);
			const std::string expected = step.expected(way);
			a.expect(expected);
			if (expected == "ok")
				break;
		}
	}
}


void personal(Attempt& a, bool on)
{
	a.sql(on ? "UPDATE organizations SET personal = 1 WHERE id = ?"
	         : "UPDATE organizations SET personal = 0 WHERE id = ?");
}


const TestRuntime::Settings MANAGER{
    {"orgs.roles.organization", "member, manager, admin"},
    {"orgs.roles.organization.member.permissions", "org.read, members.read, workspaces.read"},
    {"orgs.roles.organization.manager.permissions",
     "org.read, members.read, members.add, invitations.create, workspaces.read"},
    {"orgs.roles.organization.admin.permissions", "*"},
    {"orgs.roles.organization.default", "member"},
    {"orgs.roles.organization.formerOwner", "admin"},
};


const TestRuntime::Settings REQUIRED{{"orgs.workspaces.default", "General"},
                                     {"orgs.workspaces.membershipRequired", "true"}};


} // namespace


void AdmissionTest::testEveryWayAdmits()
{
	for (Way way : EVERY_WAY)
	{
		Attempt a(way);
		a.expect("ok");
		if (way == Way::INVITED || way == Way::RESENT)
			continue;
		CPPUNIT_ASSERT_EQUAL_MESSAGE(nameOf(way), std::string("member"), a.joined().role);
		CPPUNIT_ASSERT_MESSAGE(nameOf(way), !a.joined().owner);
		CPPUNIT_ASSERT_MESSAGE(nameOf(way), a.rt().access().isMember(a.joined().accountId, a.acme().id));
	}
}


void AdmissionTest::testPersonalOrganization()
{
	// A personal organization takes nobody, whatever way; sending an invitation again is not
	// joining (the acceptance is refused). Once it is not personal, every way admits.
	forEveryWay({{[](Attempt& a) { personal(a, true); },
	              [](Way way) { return way == Way::RESENT ? "ok" : "409 personal_organization"; }},
	             {[](Attempt& a) { personal(a, false); }, [](Way) { return "ok"; }}});
	// Unless personal organizations take members.
	for (Way way : {Way::ADDED, Way::LINK})
	{
		Attempt a(way, {{"orgs.organizations.personalAllowsMembers", "true"}});
		personal(a, true);
		a.expect("ok");
	}
}


void AdmissionTest::testPlanAllowsNoMembers()
{
	forEveryWay({{[](Attempt& a) { a.plan("closed"); },
	              [](Way way) { return way == Way::RESENT ? "ok" : "403 plan_requires_upgrade"; }},
	             {[](Attempt& a) { a.plan("open"); }, [](Way) { return "ok"; }}});
}


void AdmissionTest::testPlanMemberRole()
{
	// Asked for by a member: refused. Decided earlier (an invitation, the link): the plan's role.
	Request asking;
	asking.role = "member";
	for (Way way : EVERY_WAY)
	{
		Attempt a(way, TestRuntime::Settings(), asking);
		a.plan("uniform");
		if (way == Way::ADDED || way == Way::INVITED)
		{
			a.expect("409 plan_member_role");
			continue;
		}
		a.expect("ok");
		if (way != Way::RESENT)
			CPPUNIT_ASSERT_EQUAL_MESSAGE(nameOf(way), std::string("admin"), a.joined().role);
	}
	// Asking for nothing, or for the plan's role, gets it.
	for (Way way : {Way::ADDED, Way::INVITED})
	{
		Attempt a(way);
		a.plan("uniform");
		a.expect("ok");
		if (way == Way::ADDED)
			CPPUNIT_ASSERT_EQUAL(std::string("admin"), a.joined().role);
	}
}


void AdmissionTest::testAllowedDomains()
{
	// The candidates' addresses are @example.com. A member adding an account decides for the
	// organization; an invitation was checked when it was sent. A subdomain is another domain.
	auto refused = [](Way way) {
		return way == Way::ADDED || way == Way::ACCEPTED || way == Way::SIGNUP_INVITED ? "ok"
		                                                                               : "403 domain_not_allowed";
	};
	forEveryWay({{[](Attempt& a) { a.domains({"acme.test"}); }, refused},
	             {[](Attempt& a) { a.domains({"sub.example.com"}); }, refused},
	             {[](Attempt& a) {
		              a.domains({"acme.test", "example.com"});
	              },
	              [](Way) { return "ok"; }}});
}


void AdmissionTest::testExistingMembership()
{
	// bob is a member already (the sign-up ways create their candidate: never one).
	for (Way way : EVERY_WAY)
	{
		if (signsUp(way))
			continue;
		Attempt a(way);
		a.addBob();
		a.expect("409 already_member");
	}
	// An email with a pending invitation is invited once; an expired one frees it.
	Attempt twice(Way::INVITED);
	twice.expect("ok");
	twice.expect("409 already_invited");
	twice.clock().advance(EIGHT_DAYS);
	twice.expect("ok");
}


void AdmissionTest::testSeats()
{
	// Plan tiny: one seat, ada's. A pending invitation holds its own seat only while pending:
	// sending it again takes one only if it expired, accepting turns it into a member's.
	forEveryWay(
	    {{[](Attempt& a) { a.plan("tiny"); }, [](Way way) { return way == Way::RESENT ? "ok" : "409 seat_limit"; }},
	     {[](Attempt& a) { a.plan("open"); }, [](Way) { return "ok"; }}});
	Attempt expired(Way::RESENT);
	expired.plan("tiny");
	expired.clock().advance(EIGHT_DAYS);
	expired.expect("409 seat_limit");
	// Two seats: ada and the pending invitation's, which accepting takes over.
	Attempt two(Way::ACCEPTED, {{"orgs.plans.tiny.maxMembers", "2"}});
	two.plan("tiny");
	two.expect("ok");
	// An invitation also counts against maxPendingInvitations.
	Attempt pending(Way::INVITED, {{"orgs.plans.open.maxPendingInvitations", "1"}});
	InvitationSpec cy;
	cy.email = "cy@example.com";
	pending.rt().runtime().invitations()->createInvitation(pending.ada().id, "acme", cy);
	pending.expect("409 plan_limit");
}


void AdmissionTest::testRoles()
{
	// What a member asks for: configured roles, resource types and their roles (or the
	// organization's custom ones).
	for (Way way : {Way::ADDED, Way::INVITED})
	{
		Attempt a(way);
		a.ask().role = "emperor";
		a.expect("400 unknown_role");
		a.ask().role.clear();
		a.ask().defaultRoles = {{"dataset", "emperor"}};
		a.expect("400 unknown_role");
		a.ask().defaultRoles = {{"painting", "labeler"}};
		a.expect("400 unknown_resource_type");
		a.ask().defaultRoles = {{"dataset", "reviewer"}};
		a.expect("ok");
	}
	// Nobody but the owner grants more than they hold: a manager adds and invites members,
	// not admins.
	for (Way way : {Way::ADDED, Way::INVITED})
	{
		Attempt a(way, MANAGER);
		const Account carol = a.rt().account("carol");
		MemberSpec m;
		m.account = "carol";
		m.role = "manager";
		a.rt().memberships().addMember(a.ada().id, "acme", m);
		a.actAs(carol);
		a.ask().role = "admin";
		a.expect("403 role_exceeds_own");
		a.ask().role = "member";
		a.expect("ok");
	}
	// Decided earlier: the default roles come with the membership.
	Request labeled;
	labeled.defaultRoles = {{"dataset", "reviewer"}};
	for (Way way : {Way::ADDED, Way::ACCEPTED, Way::SIGNUP_INVITED})
	{
		Attempt a(way, TestRuntime::Settings(), labeled);
		a.expect("ok");
		CPPUNIT_ASSERT_EQUAL_MESSAGE(nameOf(way), std::string("reviewer"), a.joined().defaultRoles["dataset"]);
	}
}


void AdmissionTest::testWorkspaces()
{
	// A member names workspaces it manages, each once; one it cannot see is not found.
	for (Way way : {Way::ADDED, Way::INVITED})
	{
		Attempt a(way);
		a.ask().workspaces = {{1, ""}, {1, "viewer"}};
		a.expect("400 duplicate_workspace");
		a.ask().workspaces = {{987654, ""}};
		a.expect("404 workspace_not_found");
	}
	// Joined as named, with the scope's default role when it names none.
	for (Way way : {Way::ADDED, Way::ACCEPTED, Way::SIGNUP_INVITED})
	{
		Attempt a(way, TestRuntime::Settings(), Request(), false);
		const Workspace lab = a.rt().workspaces().createWorkspace(a.ada().id, "acme", "Lab");
		a.ask().workspaces = {{lab.id, ""}};
		a.prepare();
		a.expect("ok");
		CPPUNIT_ASSERT_EQUAL_MESSAGE(nameOf(way), Poco::Int64(1), a.workspacesOfCandidate());
		PageRequest page;
		const Page<WorkspaceMember> members =
		    a.rt().workspaces().listWorkspaceMembers(a.ada().id, "acme", lab.id, page);
		bool found = false;
		for (const auto& m : members.items)
			found = found || (m.accountId == a.joined().accountId && m.role == "viewer");
		CPPUNIT_ASSERT_MESSAGE(nameOf(way), found);
	}
	// An invitation's workspace deleted before it is accepted: the member joins the others.
	Attempt gone(Way::ACCEPTED, TestRuntime::Settings(), Request(), false);
	const Workspace lab = gone.rt().workspaces().createWorkspace(gone.ada().id, "acme", "Lab");
	gone.ask().workspaces = {{lab.id, "editor"}};
	gone.prepare();
	gone.rt().workspaces().deleteWorkspace(gone.ada().id, "acme", lab.id);
	gone.expect("ok");
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(0), gone.workspacesOfCandidate());
}


void AdmissionTest::testRequiredWorkspace()
{
	// Every way in ends in a workspace: the default one (the oldest) when none is named. An
	// organization left without any workspace takes nobody until it has one.
	for (Way way : EVERY_WAY)
	{
		Attempt a(way, REQUIRED);
		a.sql("DELETE FROM workspaces WHERE organization_id = ?");
		if (way != Way::INVITED && way != Way::RESENT)
			a.expect("409 no_default_workspace");
		a.rt().workspaces().createWorkspace(a.ada().id, "acme", "Again");
		a.expect("ok");
		if (way != Way::INVITED && way != Way::RESENT)
			CPPUNIT_ASSERT_EQUAL_MESSAGE(nameOf(way), Poco::Int64(1), a.workspacesOfCandidate());
	}
}


void AdmissionTest::testFirstReasonWins()
{
	// On every way, bob a member already (the sign-up ways' candidate never is):
	//   1 before 4: a personal organization;
	//   2 before 4 and 5: a plan without members and with one seat;
	//   3 before 4: an address outside the allowed domains;
	//   4 before 5: no seat left.
	forEveryWay({{[](Attempt& a) {
		              if (!signsUp(a.way()))
			              a.addBob();
		              personal(a, true);
	              },
	              [](Way way) { return way == Way::RESENT ? "409 already_member" : "409 personal_organization"; }},
	             {[](Attempt& a) {
		              personal(a, false);
		              a.plan("shut");
	              },
	              [](Way way) { return way == Way::RESENT ? "409 already_member" : "403 plan_requires_upgrade"; }},
	             {[](Attempt& a) { a.plan("tiny"); },
	              [](Way way) { return signsUp(way) ? "409 seat_limit" : "409 already_member"; }},
	             {[](Attempt& a) {
		              a.plan("open");
		              a.domains({"acme.test"});
	              },
	              [](Way way) {
		              if (way == Way::ADDED || way == Way::ACCEPTED)
			              return "409 already_member";
		              return way == Way::SIGNUP_INVITED ? "ok" : "403 domain_not_allowed";
	              }}});
	// 5 before 6 before 7: no seat, an unknown default role, a workspace nobody can see.
	for (Way way : {Way::ADDED, Way::INVITED})
	{
		Attempt a(way);
		a.ask().defaultRoles = {{"dataset", "emperor"}};
		a.ask().workspaces = {{987654, ""}};
		a.plan("tiny");
		a.expect("409 seat_limit");
		a.plan("open");
		a.expect("400 unknown_role");
		a.ask().defaultRoles.clear();
		a.expect("404 workspace_not_found");
	}
}
