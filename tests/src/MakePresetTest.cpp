//
// MakePresetTest.cpp
//
// Library: OrgsTests
// Package: EndToEnd
// Module:  MakePresetTest
//


#include "MakePresetTest.h"
#include "support/Suites.h"
#include "support/ReplayWorld.h"
#include "Poco/DateTime.h"
#include "Poco/DateTimeParser.h"
#include "Poco/String.h"
#include <string>
#include <vector>


using Orgs::Test::json;
using Orgs::Test::ReplayWorld;
using Response = Orgs::Test::HttpClient::Response;
using User = Orgs::Test::ReplayWorld::User;


ORGS_TEST_SUITE(MakePresetTest, "MakePreset", DATABASE);


namespace {


std::string invitation(const std::string& email, const std::string& name, const std::string& role, Poco::Int64 team,
                       const std::string& teamRole, const std::string& note = std::string())
	/// The "Invite a new user" dialog: email, name, team (0: none chosen), note.
{
	Poco::JSON::Object::Ptr o = ReplayWorld::object();
	o->set("email", email);
	if (!name.empty())
		o->set("name", name);
	if (!role.empty())
		o->set("role", role);
	if (team > 0)
	{
		Poco::JSON::Array::Ptr teams = new Poco::JSON::Array;
		Poco::JSON::Object::Ptr t = ReplayWorld::object();
		t->set("id", team);
		if (!teamRole.empty())
			t->set("role", teamRole);
		teams->add(t);
		o->set("workspaces", teams);
	}
	if (!note.empty())
		o->set("note", note);
	return ReplayWorld::stringify(o);
}


Poco::Int64 myTeam(ReplayWorld& w, const std::string& org, const User& u)
	/// Returns the id of the organization's "My Team" as u sees it.
{
	Response r = w.get("/orgs/" + org + "/workspaces", u);
	ASSERT_STATUS(r, 200);
	Poco::JSON::Array::Ptr items = r.json()->getArray("items");
	for (std::size_t i = 0; i < items->size(); ++i)
	{
		if (items->getObject(static_cast<unsigned>(i))->getValue<std::string>("name") == "My Team")
			return items->getObject(static_cast<unsigned>(i))->getValue<Poco::Int64>("id");
	}
	CPPUNIT_FAIL("no My Team in " + r.body);
	return 0;
}


std::string teamRoleOf(ReplayWorld& w, const std::string& org, Poco::Int64 team, const User& asker, const User& u)
	/// Returns u's role in the team, or "" if u is not in it.
{
	Response r = w.get("/orgs/" + org + "/workspaces/" + std::to_string(team) + "/members", asker);
	ASSERT_STATUS(r, 200);
	Poco::JSON::Array::Ptr items = r.json()->getArray("items");
	for (std::size_t i = 0; i < items->size(); ++i)
	{
		Poco::JSON::Object::Ptr m = items->getObject(static_cast<unsigned>(i));
		if (m->getValue<std::string>("username") == u.username)
			return m->getValue<std::string>("role");
	}
	return std::string();
}


User join(ReplayWorld& w, const User& inviter, const std::string& org, const std::string& username,
          const std::string& role, Poco::Int64 team, const std::string& teamRole)
	/// Signs username up, invites it with the role into the team, and accepts from the mail.
{
	const User u = w.signUp(username);
	ASSERT_STATUS(
	    w.post("/orgs/" + org + "/invitations", invitation(u.email, "Test " + username, role, team, teamRole), inviter),
	    201);
	ASSERT_STATUS(w.post("/invitations/" + w.mailedToken(u.email) + "/accept", "", u), 201);
	return u;
}


Poco::Int64 createOrganization(ReplayWorld& w, const User& u, const std::string& username,
                               const std::string& region = std::string())
{
	Poco::JSON::Object::Ptr o = ReplayWorld::object();
	o->set("username", username);
	o->set("title", "Org " + username);
	if (!region.empty())
		o->set("region", region);
	Response r = w.post("/orgs", ReplayWorld::stringify(o), u);
	ASSERT_STATUS(r, 201);
	return ReplayWorld::idOf(r);
}


Poco::Timestamp timeOf(const Poco::JSON::Object::Ptr& o, const std::string& name)
{
	int tz = 0;
	return Poco::DateTimeParser::parse(o->getValue<std::string>(name), tz).timestamp();
}


} // namespace


void MakePresetTest::testOrganizations()
{
	// "Each organization allows you to select the geographical location of the data center ...
	// United States (US), European Union (EU)."
	ReplayWorld w("make");
	const User ada = w.signUp("ada");
	createOrganization(w, ada, "acme-us", "us");
	createOrganization(w, ada, "acme-eu", "eu");
	CPPUNIT_ASSERT_EQUAL(std::string("us"), w.get("/orgs/acme-us", ada).json()->getValue<std::string>("region"));
	CPPUNIT_ASSERT_EQUAL(std::string("eu"), w.get("/orgs/acme-eu", ada).json()->getValue<std::string>("region"));
	// Without a choice, the first region.
	createOrganization(w, ada, "acme-default");
	CPPUNIT_ASSERT_EQUAL(std::string("us"), w.get("/orgs/acme-default", ada).json()->getValue<std::string>("region"));
	// Only the two locations.
	ASSERT_PROBLEM(w.post("/orgs", json({{"username", "acme-ap"}, {"title", "AP"}, {"region", "ap"}}), ada), 400,
	               "invalid_region");
	// "You cannot change the location of the data center after you create the organization."
	ASSERT_PROBLEM(w.patch("/orgs/acme-eu", json({{"region", "us"}}), ada), 400, "immutable_field");
	CPPUNIT_ASSERT_EQUAL(std::string("eu"), w.get("/orgs/acme-eu", ada).json()->getValue<std::string>("region"));

	// "Each organization has a separate pricing plan and is billed separately ... you can also
	// monitor your operations and data consumption for each organization separately."
	ASSERT_STATUS(w.patch("/orgs/acme-eu", json({{"plan", "teams"}}), ada), 200);
	CPPUNIT_ASSERT_EQUAL(std::string("teams"), w.get("/orgs/acme-eu", ada).json()->getValue<std::string>("plan"));
	CPPUNIT_ASSERT_EQUAL(std::string("free"), w.get("/orgs/acme-us", ada).json()->getValue<std::string>("plan"));
	Response usage = w.get("/orgs/acme-eu/usage", ada);
	ASSERT_STATUS(usage, 200);
	CPPUNIT_ASSERT_EQUAL(std::string("teams"), usage.json()->getObject("plan")->getValue<std::string>("name"));
	usage = w.get("/orgs/acme-us/usage", ada);
	ASSERT_STATUS(usage, 200);
	CPPUNIT_ASSERT_EQUAL(std::string("free"), usage.json()->getObject("plan")->getValue<std::string>("name"));
}


void MakePresetTest::testCreateAnOrganization()
{
	ReplayWorld w("make");
	const User ada = w.signUp("ada");
	const User bob = w.signUp("bob");

	// "Fill in the details of the new organization ... Region represents the location of the
	// data center".
	createOrganization(w, ada, "acme", "eu");
	Response r = w.get("/orgs/acme", ada);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(std::string("eu"), r.json()->getValue<std::string>("region"));
	// "When you create an organization, you automatically become the owner".
	CPPUNIT_ASSERT_EQUAL(ada.id, r.json()->getValue<Poco::Int64>("owner_account_id"));
	CPPUNIT_ASSERT(r.json()->getObject("membership")->getValue<bool>("owner"));
	// "By default, the pricing plan for the organization is set to Free."
	CPPUNIT_ASSERT_EQUAL(std::string("free"), r.json()->getValue<std::string>("plan"));
	// "The organization contains one team, called My Team."
	r = w.get("/orgs/acme/workspaces", ada);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), r.json()->getArray("items")->size());
	const Poco::Int64 team = myTeam(w, "acme", ada);
	// "All users are members of at least one organization and one team": the creator is the
	// team's admin.
	CPPUNIT_ASSERT_EQUAL(std::string("team_admin"), teamRoleOf(w, "acme", team, ada, ada));

	// "Any user can create their own organization, even if they are already a member of another
	// organization."
	ASSERT_STATUS(w.post("/orgs/acme/invitations", invitation(bob.email, "Bob", "", team, "team_member"), ada), 201);
	ASSERT_STATUS(w.post("/invitations/" + w.mailedToken(bob.email) + "/accept", "", bob), 201);
	createOrganization(w, bob, "bobco", "us");
	r = w.get("/me", bob);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), r.json()->getArray("organizations")->size());
	r = w.get("/orgs/bobco", bob);
	CPPUNIT_ASSERT_EQUAL(bob.id, r.json()->getValue<Poco::Int64>("owner_account_id"));
	CPPUNIT_ASSERT_EQUAL(std::string("free"), r.json()->getValue<std::string>("plan"));
	const Poco::Int64 bobTeam = myTeam(w, "bobco", bob);
	CPPUNIT_ASSERT(bobTeam != team);
	CPPUNIT_ASSERT_EQUAL(std::string("team_admin"), teamRoleOf(w, "bobco", bobTeam, bob, bob));

	// Make's Teams page: below the Teams plan an organization has one team only.
	ASSERT_PROBLEM(w.post("/orgs/acme/workspaces", json({{"name", "Second"}}), ada), 409, "plan_limit");
	ASSERT_STATUS(w.patch("/orgs/acme", json({{"plan", "teams"}}), ada), 200);
	ASSERT_STATUS(w.post("/orgs/acme/workspaces", json({{"name", "Second"}}), ada), 201);
}


void MakePresetTest::testAddUsersToAnOrganization()
{
	ReplayWorld w("make");
	const User ada = w.signUp("ada");
	createOrganization(w, ada, "acme", "eu");
	const Poco::Int64 team = myTeam(w, "acme", ada);

	// "In the dialog box, fill in the details of the user: Email, Name, Team, Note."
	// "Team - You must select at least one team."
	ASSERT_PROBLEM(w.post("/orgs/acme/invitations", invitation("bob@example.com", "Bob", "", 0, ""), ada), 400,
	               "workspace_required");
	ASSERT_PROBLEM(
	    w.post("/orgs/acme/invitations", "{\"email\":\"bob@example.com\",\"name\":\"Bob\",\"workspaces\":[]}", ada),
	    400, "workspace_required");
	Response r = w.post("/orgs/acme/invitations",
	                    invitation("bob@example.com", "Bob Builder", "", team, "team_member", "Welcome to Acme!"), ada);
	ASSERT_STATUS(r, 201);
	const Poco::JSON::Object::Ptr inv = r.json();
	CPPUNIT_ASSERT_EQUAL(std::string("Bob Builder"), inv->getValue<std::string>("name"));
	CPPUNIT_ASSERT_EQUAL(std::string("Welcome to Acme!"), inv->getValue<std::string>("note"));
	CPPUNIT_ASSERT_EQUAL(std::string("member"), inv->getValue<std::string>("role"));
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), inv->getArray("workspaces")->size());
	CPPUNIT_ASSERT_EQUAL(team, inv->getArray("workspaces")->getObject(0)->getValue<Poco::Int64>("id"));
	// "The invitation expires in 7 days."
	const Poco::Timestamp::TimeDiff week = Poco::Timestamp::TimeDiff(7) * 86400 * 1000000;
	CPPUNIT_ASSERT(timeOf(inv, "expires_at") - timeOf(inv, "created_at") == week);

	// "The user will receive an invitation email with an Accept invitation button"; "Note - an
	// optional, custom message that is added to the invitation email."
	const std::vector<std::string> mails = w.mails("bob@example.com");
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), mails.size());
	CPPUNIT_ASSERT_MESSAGE(mails[0], mails[0].find("Welcome to Acme!") != std::string::npos);
	CPPUNIT_ASSERT_MESSAGE(mails[0], mails[0].find("Bob Builder") != std::string::npos);
	const std::string token = w.mailedToken("bob@example.com");

	// "To add users to an organization, you must be the owner or an admin of the organization."
	const User ann = join(w, ada, "acme", "ann", "admin", team, "team_member");
	const User max = join(w, ada, "acme", "max", "member", team, "team_member");
	ASSERT_PROBLEM(w.post("/orgs/acme/invitations", invitation("cy@example.com", "Cy", "", team, ""), max), 403,
	               "permission_denied");
	ASSERT_STATUS(w.post("/orgs/acme/invitations", invitation("cy@example.com", "Cy", "", team, ""), ann), 201);

	// "When the user accepts the invitation, [Make] adds them to the organization, as well as to
	// the selected team with the assigned team member role."
	const User bob = w.signUp("bob");
	ASSERT_PROBLEM(w.get("/orgs/acme", bob), 404, "organization_not_found");
	r = w.get("/invitations/" + token, bob);
	ASSERT_STATUS(r, 200);
	r = w.post("/invitations/" + token + "/accept", "", bob);
	ASSERT_STATUS(r, 201);
	CPPUNIT_ASSERT_EQUAL(std::string("member"), r.json()->getValue<std::string>("role"));
	ASSERT_STATUS(w.get("/orgs/acme", bob), 200);
	CPPUNIT_ASSERT_EQUAL(std::string("team_member"), teamRoleOf(w, "acme", team, ada, bob));
	// Bob sees his team and works in it.
	CPPUNIT_ASSERT_EQUAL(team, myTeam(w, "acme", bob));
	ASSERT_STATUS(w.post("/orgs/acme/resources",
	                     "{\"type\":\"scenario\",\"name\":\"Sync\",\"workspace\":" + std::to_string(team) + "}", bob),
	              201);

	// "If the invited user does not accept the invitation: 1. Remove the invited user from your
	// organization. 2. Send a new invitation."
	r = w.get("/orgs/acme/invitations?status=pending", ada);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), r.json()->getArray("items")->size()); // cy's
	const Poco::Int64 toCy = r.json()->getArray("items")->getObject(0)->getValue<Poco::Int64>("id");
	ASSERT_PROBLEM(w.post("/orgs/acme/invitations", invitation("cy@example.com", "Cy", "", team, ""), ada), 409,
	               "already_invited");
	ASSERT_STATUS(w.del("/orgs/acme/invitations/" + std::to_string(toCy), ada), 204);
	ASSERT_STATUS(w.post("/orgs/acme/invitations", invitation("cy@example.com", "Cy", "", team, "team_operator"), ada),
	              201);
	const User cy = w.signUp("cy");
	const std::vector<std::string> toCyMails = w.mails("cy@example.com");
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), toCyMails.size());
	ASSERT_STATUS(w.post("/invitations/" + w.mailedToken("cy@example.com") + "/accept", "", cy), 201);
	CPPUNIT_ASSERT_EQUAL(std::string("team_operator"), teamRoleOf(w, "acme", team, ada, cy));
}


void MakePresetTest::testRemoveAUser()
{
	ReplayWorld w("make");
	const User ada = w.signUp("ada");
	createOrganization(w, ada, "acme");
	const Poco::Int64 team = myTeam(w, "acme", ada);
	const User ann = join(w, ada, "acme", "ann", "admin", team, "team_member");
	const User max = join(w, ada, "acme", "max", "member", team, "team_member");
	const User bob = join(w, ada, "acme", "bob", "member", team, "team_member");
	const User cy = join(w, ada, "acme", "cy", "member", team, "team_member");

	// "To remove users from an organization, you must be the owner or an admin of the
	// organization."
	ASSERT_PROBLEM(w.del("/orgs/acme/members/bob", max), 403, "permission_denied");
	ASSERT_STATUS(w.del("/orgs/acme/members/bob", ann), 204);
	ASSERT_STATUS(w.del("/orgs/acme/members/cy", ada), 204);
	// Removed, they see nothing of the organization and are out of its teams.
	ASSERT_PROBLEM(w.get("/orgs/acme", bob), 404, "organization_not_found");
	ASSERT_PROBLEM(w.get("/orgs/acme/workspaces/" + std::to_string(team), cy), 404, "organization_not_found");
	CPPUNIT_ASSERT_EQUAL(std::string(), teamRoleOf(w, "acme", team, ada, bob));
	CPPUNIT_ASSERT_EQUAL(std::string(), teamRoleOf(w, "acme", team, ada, cy));
	CPPUNIT_ASSERT_EQUAL(std::string("team_member"), teamRoleOf(w, "acme", team, ada, max));
	// The owner is not removed by anyone.
	ASSERT_PROBLEM(w.del("/orgs/acme/members/ada", ann), 409, "owner_immutable");
	ASSERT_PROBLEM(w.del("/orgs/acme/members/bob", ann), 404, "membership_not_found");
}


void MakePresetTest::testOrganizationRoles()
{
	ReplayWorld w("make");
	const User ada = w.signUp("ada");
	createOrganization(w, ada, "acme");
	const Poco::Int64 team = myTeam(w, "acme", ada);

	// The role catalog: Make's organization roles and team roles.
	Response r = w.get("/roles", ada);
	ASSERT_STATUS(r, 200);
	for (const char* role :
	     {"\"member\"", "\"admin\"", "\"accountant\"", "\"app_developer\"", "\"team_admin\"", "\"team_member\"",
	      "\"team_monitoring\"", "\"team_operator\"", "\"team_restricted_member\""})
		CPPUNIT_ASSERT_MESSAGE(std::string(role) + " in " + r.body, r.body.find(role) != std::string::npos);

	// "All users are members of at least one organization and one team. The permissions that
	// users have are determined by the organization role and team role that they are assigned to."
	ASSERT_STATUS(w.patch("/orgs/acme", json({{"plan", "teams"}}), ada), 200);
	const User ann = join(w, ada, "acme", "ann", "admin", team, "team_member");
	const User max = join(w, ada, "acme", "max", "member", team, "team_member");
	const User acc = join(w, ada, "acme", "acc", "accountant", team, "team_monitoring");
	const User dev = join(w, ada, "acme", "dev", "app_developer", team, "team_monitoring");

	// Organization view: every role.
	for (const User* u : {&ann, &max, &acc, &dev})
		ASSERT_STATUS(w.get("/orgs/acme", *u), 200);
	// Organization edit, users, teams: owner and admin.
	ASSERT_STATUS(w.patch("/orgs/acme", json({{"title", "Acme Inc."}}), ann), 200);
	for (const User* u : {&max, &acc, &dev})
	{
		ASSERT_PROBLEM(w.patch("/orgs/acme", json({{"title", "Mine"}}), *u), 403, "permission_denied");
		ASSERT_PROBLEM(w.post("/orgs/acme/invitations", invitation("x@example.com", "X", "", team, ""), *u), 403,
		               "permission_denied");
		ASSERT_PROBLEM(w.post("/orgs/acme/workspaces", json({{"name", "Mine"}}), *u), 403, "permission_denied");
	}
	// Payments get: owner, admin, accountant.
	ASSERT_STATUS(w.get("/orgs/acme/usage", acc), 200);
	ASSERT_STATUS(w.get("/orgs/acme/usage", ann), 200);
	ASSERT_PROBLEM(w.get("/orgs/acme/usage", max), 403, "permission_denied");
	ASSERT_PROBLEM(w.get("/orgs/acme/usage", dev), 403, "permission_denied");
	// Organization delete and transfer: the owner's.
	ASSERT_PROBLEM(w.del("/orgs/acme", ann), 403, "owner_only");
	// Payment edit: the owner's alone ("*" leaves billing.manage out, and no role names it).
	ASSERT_PROBLEM(w.patch("/orgs/acme", json({{"plan", "free"}}), ann), 403, "permission_denied");
	ASSERT_PROBLEM(w.patch("/orgs/acme", json({{"plan", "free"}}), acc), 403, "permission_denied");

	// App developer: read, plus its apps.
	r = w.post("/orgs/acme/resources", json({{"type", "app"}, {"name", "Acme Connector"}}), dev);
	ASSERT_STATUS(r, 201);
	const std::string app = std::to_string(ReplayWorld::idOf(r));
	std::vector<std::string> p = w.permissions("acme", ada, dev, "&resource=" + app);
	CPPUNIT_ASSERT(ReplayWorld::contains(p, "resource.write"));
	CPPUNIT_ASSERT(ReplayWorld::contains(p, "resource.manage"));
	ASSERT_PROBLEM(w.get("/orgs/acme/resources/" + app, max), 404, "resource_not_found");
	ASSERT_PROBLEM(w.post("/orgs/acme/resources", json({{"type", "app"}, {"name", "Mine"}}), max), 403,
	               "permission_denied");
	ASSERT_PROBLEM(w.post("/orgs/acme/resources", json({{"type", "app"}, {"name", "Mine"}}), acc), 403,
	               "permission_denied");

	// "Organization owners can manage and access all teams", and so can admins (team admin in
	// every team): a team that neither is a member of.
	r = w.post("/orgs/acme/workspaces", json({{"name", "Ops"}}), ann);
	ASSERT_STATUS(r, 201);
	const std::string ops = std::to_string(ReplayWorld::idOf(r));
	ASSERT_STATUS(w.del("/orgs/acme/workspaces/" + ops + "/members/ann", ann), 204);
	CPPUNIT_ASSERT_EQUAL(std::string(), teamRoleOf(w, "acme", ReplayWorld::idOf(r), ada, ann));
	for (const User* u : {&ada, &ann})
	{
		ASSERT_STATUS(w.get("/orgs/acme/workspaces/" + ops, *u), 200);
		ASSERT_STATUS(w.patch("/orgs/acme/workspaces/" + ops, json({{"name", "Ops of " + u->username}}), *u), 200);
		p = w.permissions("acme", ada, *u, "&workspace=" + ops);
		CPPUNIT_ASSERT(ReplayWorld::contains(p, "workspace.members.manage"));
	}
	// A member sees only its own teams.
	ASSERT_PROBLEM(w.get("/orgs/acme/workspaces/" + ops, max), 404, "workspace_not_found");

	// Team roles, in team Operations: what each may do with a scenario.
	ASSERT_STATUS(w.put("/orgs/acme/workspaces/" + ops + "/members/max", json({{"role", "team_member"}}), ann), 200);
	ASSERT_STATUS(w.put("/orgs/acme/workspaces/" + ops + "/members/acc", json({{"role", "team_monitoring"}}), ann),
	              200);
	ASSERT_STATUS(w.put("/orgs/acme/workspaces/" + ops + "/members/dev", json({{"role", "team_operator"}}), ann), 200);
	const User rita = join(w, ada, "acme", "rita", "member", team, "team_member");
	ASSERT_STATUS(
	    w.put("/orgs/acme/workspaces/" + ops + "/members/rita", json({{"role", "team_restricted_member"}}), ann), 200);
	const std::string scenarioBody = "{\"type\":\"scenario\",\"name\":\"Sync\",\"workspace\":" + ops + "}";
	// scenario add: team admin and team member only.
	r = w.post("/orgs/acme/resources", scenarioBody, max);
	ASSERT_STATUS(r, 201);
	const std::string scenario = std::to_string(ReplayWorld::idOf(r));
	ASSERT_PROBLEM(w.post("/orgs/acme/resources", scenarioBody, acc), 403, "permission_denied");
	ASSERT_PROBLEM(w.post("/orgs/acme/resources", scenarioBody, rita), 403, "permission_denied");
	// scenarios get / view: every team role.
	for (const User* u : {&max, &acc, &dev, &rita, &ann, &ada})
		ASSERT_STATUS(w.get("/orgs/acme/resources/" + scenario, *u), 200);
	struct Expected
	{
		const User* user;
		bool edit;  // scenario edit: resource.write
		bool start; // scenario start, stop, scheduling: resource.label
		bool remove;
	};
	for (const Expected& e : {Expected{&acc, false, false, false}, Expected{&dev, false, true, false},
	                          Expected{&rita, true, true, false}, Expected{&ann, true, true, true}})
	{
		p = w.permissions("acme", ada, *e.user, "&resource=" + scenario);
		CPPUNIT_ASSERT_EQUAL_MESSAGE(e.user->username, e.edit, ReplayWorld::contains(p, "resource.write"));
		CPPUNIT_ASSERT_EQUAL_MESSAGE(e.user->username, e.start, ReplayWorld::contains(p, "resource.label"));
		CPPUNIT_ASSERT_EQUAL_MESSAGE(e.user->username, e.remove, ReplayWorld::contains(p, "resources.delete"));
	}
	// Team users: team admins (and organization owner and admins) only.
	ASSERT_PROBLEM(w.put("/orgs/acme/workspaces/" + ops + "/members/rita", json({{"role", "team_member"}}), max), 403,
	               "permission_denied");
	ASSERT_PROBLEM(w.del("/orgs/acme/resources/" + scenario, dev), 403, "permission_denied");
	ASSERT_STATUS(w.del("/orgs/acme/resources/" + scenario, max), 204);
}


void MakePresetTest::testEveryUserIsInATeam()
{
	// "All users are members of at least one organization and one team", whichever way they
	// joined (orgs.workspaces.membershipRequired).
	ReplayWorld w("make");
	const User ada = w.signUp("ada");
	createOrganization(w, ada, "acme");
	const Poco::Int64 team = myTeam(w, "acme", ada);
	const std::string teamPath = "/orgs/acme/workspaces/" + std::to_string(team);

	// Added directly without choosing a team: My Team, as team member; they see it and work in it.
	const User bob = w.signUp("bob");
	ASSERT_STATUS(w.post("/orgs/acme/members", json({{"username", "bob"}}), ada), 201);
	CPPUNIT_ASSERT_EQUAL(std::string("team_member"), teamRoleOf(w, "acme", team, ada, bob));
	CPPUNIT_ASSERT_EQUAL(team, myTeam(w, "acme", bob));

	// Added directly into chosen teams, as an invitation chooses them: those only.
	ASSERT_STATUS(w.patch("/orgs/acme", json({{"plan", "teams"}}), ada), 200);
	Response r = w.post("/orgs/acme/workspaces", json({{"name", "Ops"}}), ada);
	ASSERT_STATUS(r, 201);
	const Poco::Int64 ops = ReplayWorld::idOf(r);
	const std::string opsPath = "/orgs/acme/workspaces/" + std::to_string(ops);
	const User cy = w.signUp("cy");
	ASSERT_PROBLEM(w.post("/orgs/acme/members",
	                      "{\"username\":\"cy\",\"workspaces\":[{\"id\":" + std::to_string(ops + 1000) + "}]}", ada),
	               404, "workspace_not_found");
	ASSERT_PROBLEM(w.get("/orgs/acme", cy), 404, "organization_not_found"); // nothing was added
	ASSERT_STATUS(
	    w.post("/orgs/acme/members",
	           "{\"username\":\"cy\",\"workspaces\":[{\"id\":" + std::to_string(ops) + ",\"role\":\"team_operator\"}]}",
	           ada),
	    201);
	CPPUNIT_ASSERT_EQUAL(std::string("team_operator"), teamRoleOf(w, "acme", ops, ada, cy));
	CPPUNIT_ASSERT_EQUAL(std::string(), teamRoleOf(w, "acme", team, ada, cy));

	// My Team stays the default team when renamed.
	ASSERT_STATUS(w.patch(teamPath, json({{"name", "Everyone"}}), ada), 200);
	const User dan = w.signUp("dan");
	ASSERT_STATUS(w.post("/orgs/acme/members", json({{"username", "dan"}}), ada), 201);
	CPPUNIT_ASSERT_EQUAL(std::string("team_member"), teamRoleOf(w, "acme", team, ada, dan));

	// Removing someone from their last team is refused; from one of two, allowed.
	ASSERT_PROBLEM(w.del(opsPath + "/members/cy", ada), 409, "last_workspace");
	CPPUNIT_ASSERT_EQUAL(std::string("team_operator"), teamRoleOf(w, "acme", ops, ada, cy));
	ASSERT_STATUS(w.put(teamPath + "/members/cy", json({{"role", "team_member"}}), ada), 200);
	ASSERT_STATUS(w.del(opsPath + "/members/cy", ada), 204);
	// Deleting the last team of anyone is refused, naming them.
	ASSERT_STATUS(w.put(opsPath + "/members/dan", json({{"role", "team_member"}}), ada), 200);
	ASSERT_STATUS(w.del(teamPath + "/members/dan", ada), 204);
	r = w.del(opsPath, ada);
	ASSERT_PROBLEM(r, 409, "last_workspace");
	CPPUNIT_ASSERT_MESSAGE(r.body, r.body.find("'dan'") != std::string::npos);
	// Removing them from the organization stays possible; then the team can go.
	ASSERT_STATUS(w.del("/orgs/acme/members/dan", ada), 204);
	ASSERT_STATUS(w.del(opsPath, ada), 204);

	// The invite link names no team: who joins by it, or signs up with it, joins My Team.
	r = w.post("/orgs/acme/invite-link", "", ada);
	ASSERT_STATUS(r, 201);
	const std::string link = r.json()->getValue<std::string>("token");
	const User eve = w.signUp("eve");
	ASSERT_STATUS(w.post("/invite-links/" + link + "/accept", "", eve), 201);
	CPPUNIT_ASSERT_EQUAL(std::string("team_member"), teamRoleOf(w, "acme", team, ada, eve));
	const User fay = w.signUp("fay", "", link);
	CPPUNIT_ASSERT_EQUAL(std::string("team_member"), teamRoleOf(w, "acme", team, ada, fay));

	// An invitation whose teams were all deleted before it was accepted: My Team.
	r = w.post("/orgs/acme/workspaces", json({{"name", "Temp"}}), ada);
	ASSERT_STATUS(r, 201);
	const Poco::Int64 temp = ReplayWorld::idOf(r);
	ASSERT_STATUS(
	    w.post("/orgs/acme/invitations", invitation("gil@example.com", "Gil", "", temp, "team_operator"), ada), 201);
	ASSERT_STATUS(w.del("/orgs/acme/workspaces/" + std::to_string(temp), ada), 204);
	const User gil = w.signUp("gil");
	ASSERT_STATUS(w.post("/invitations/" + w.mailedToken(gil.email) + "/accept", "", gil), 201);
	CPPUNIT_ASSERT_EQUAL(std::string("team_member"), teamRoleOf(w, "acme", team, ada, gil));

	// Every member of acme is in a team.
	r = w.get("/orgs/acme/members", ada);
	ASSERT_STATUS(r, 200);
	Poco::JSON::Array::Ptr items = r.json()->getArray("items");
	CPPUNIT_ASSERT_EQUAL(std::size_t(6), items->size()); // ada, bob, cy, eve, fay, gil
	for (std::size_t i = 0; i < items->size(); ++i)
	{
		const std::string name = items->getObject(static_cast<unsigned>(i))->getValue<std::string>("username");
		User u;
		u.username = name;
		CPPUNIT_ASSERT_MESSAGE(name, !teamRoleOf(w, "acme", team, ada, u).empty());
	}
}


void MakePresetTest::testSwitchOrganizations()
{
	ReplayWorld w("make");
	const User ada = w.signUp("ada");
	const User bob = w.signUp("bob");
	createOrganization(w, ada, "acme");
	createOrganization(w, bob, "bobco");
	const Poco::Int64 bobTeam = myTeam(w, "bobco", bob);
	ASSERT_STATUS(w.post("/orgs/bobco/invitations", invitation(ada.email, "Ada", "", bobTeam, ""), bob), 201);
	ASSERT_STATUS(w.post("/invitations/" + w.mailedToken(ada.email) + "/accept", "", ada), 201);

	// "If you are a member of multiple organizations, you can change the active organization in
	// the left menu."
	Response r = w.get("/me", ada);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), r.json()->getArray("organizations")->size());
	r = w.put("/me/active-organization", json({{"org", "acme"}}), ada);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(std::string("acme"),
	                     r.json()->getObject("active_organization")->getValue<std::string>("username"));
	r = w.put("/me/active-organization", json({{"org", "bobco"}}), ada);
	ASSERT_STATUS(r, 200);
	r = w.get("/me", ada);
	CPPUNIT_ASSERT_EQUAL(std::string("bobco"),
	                     r.json()->getObject("active_organization")->getValue<std::string>("username"));
	// "All items in the menu represent items that belong to the currently selected organization":
	// bobco's teams are bobco's alone.
	r = w.get("/orgs/bobco/workspaces", ada);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), r.json()->getArray("items")->size());
	CPPUNIT_ASSERT_EQUAL(bobTeam, myTeam(w, "bobco", ada));
	CPPUNIT_ASSERT(myTeam(w, "acme", ada) != bobTeam);
	// Only an organization one belongs to can be chosen.
	ASSERT_PROBLEM(w.put("/me/active-organization", json({{"org", "acme"}}), bob), 404, "organization_not_found");
	CPPUNIT_ASSERT_EQUAL(std::string("bobco"),
	                     w.get("/me", ada).json()->getObject("active_organization")->getValue<std::string>("username"));
}


void MakePresetTest::testTransferOwnership()
{
	ReplayWorld w("make");
	const User ada = w.signUp("ada");
	createOrganization(w, ada, "acme");
	const Poco::Int64 team = myTeam(w, "acme", ada);
	const User ann = join(w, ada, "acme", "ann", "admin", team, "team_member");

	// "Once a new member accepts the invitation, you can transfer ownership to them." Not before.
	const User bob = w.signUp("bob");
	ASSERT_STATUS(w.post("/orgs/acme/invitations", invitation(bob.email, "Bob", "", team, "team_member"), ada), 201);
	Response r = w.post("/orgs/acme/transfer-ownership", json({{"account", "bob"}}), ada);
	ASSERT_PROBLEM(r, 409, "not_a_member");
	CPPUNIT_ASSERT_MESSAGE(r.body, r.body.find("accepted the invitation") != std::string::npos);
	ASSERT_PROBLEM(w.post("/orgs/acme/transfer-ownership", json({{"account", "nobody"}}), ada), 409, "not_a_member");
	ASSERT_STATUS(w.post("/invitations/" + w.mailedToken(bob.email) + "/accept", "", bob), 201);

	// "If you are the owner of an organization, you can transfer ownership to any member": an
	// admin cannot.
	ASSERT_PROBLEM(w.post("/orgs/acme/transfer-ownership", json({{"account", "ann"}}), ann), 403, "owner_only");
	r = w.post("/orgs/acme/transfer-ownership", json({{"account", "bob"}}), ada);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(bob.id, r.json()->getValue<Poco::Int64>("owner_account_id"));

	// "An organization can have only one owner."
	r = w.get("/orgs/acme/members", bob);
	ASSERT_STATUS(r, 200);
	Poco::JSON::Array::Ptr items = r.json()->getArray("items");
	int owners = 0;
	for (std::size_t i = 0; i < items->size(); ++i)
	{
		Poco::JSON::Object::Ptr m = items->getObject(static_cast<unsigned>(i));
		if (m->getValue<bool>("owner"))
		{
			++owners;
			CPPUNIT_ASSERT_EQUAL(std::string("bob"), m->getValue<std::string>("username"));
		}
		if (m->getValue<std::string>("username") == "ada")
			CPPUNIT_ASSERT_EQUAL(std::string("admin"), m->getValue<std::string>("role")); // the former owner
	}
	CPPUNIT_ASSERT_EQUAL(1, owners);
	ASSERT_PROBLEM(w.post("/orgs/acme/transfer-ownership", json({{"account", "ann"}}), ada), 403, "owner_only");
	ASSERT_PROBLEM(w.del("/orgs/acme", ada), 403, "owner_only");

	// "Organization owners can manage and access all teams": the new owner, in a team it is not in.
	ASSERT_STATUS(w.patch("/orgs/acme", json({{"plan", "teams"}}), bob), 200);
	r = w.post("/orgs/acme/workspaces", json({{"name", "Ops"}}), ann);
	ASSERT_STATUS(r, 201);
	const std::string ops = std::to_string(ReplayWorld::idOf(r));
	ASSERT_STATUS(w.get("/orgs/acme/workspaces/" + ops, bob), 200);
	ASSERT_STATUS(w.put("/orgs/acme/workspaces/" + ops + "/members/ada", json({{"role", "team_operator"}}), bob), 200);
	// And it transfers on to any member.
	ASSERT_STATUS(w.post("/orgs/acme/transfer-ownership", json({{"account", "ann"}}), bob), 200);
	CPPUNIT_ASSERT_EQUAL(ann.id, w.get("/orgs/acme", ann).json()->getValue<Poco::Int64>("owner_account_id"));
}
