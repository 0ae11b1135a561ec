//
// LabelStudioPresetTest.cpp
//
// Library: OrgsTests
// Package: EndToEnd
// Module:  LabelStudioPresetTest
//


#include "LabelStudioPresetTest.h"
#include "support/Suites.h"
#include "support/HttpAssert.h"
#include "support/OpenIdProvider.h"
#include "support/ReplayWorld.h"
#include "Poco/UUIDGenerator.h"
#include "Poco/JSON/Array.h"
#include "Poco/JSON/Object.h"
#include <memory>
#include <set>
#include <string>


using Orgs::Test::HttpClient;
using Orgs::Test::json;
using Response = Orgs::Test::HttpClient::Response;


ORGS_TEST_SUITE(LabelStudioPresetTest, "LabelStudioPreset", DATABASE);


namespace {


const std::string API("/api/v1");


using User = Orgs::Test::ReplayWorld::User;


class World : public Orgs::Test::ReplayWorld
	/// orgs-host with orgs.preset = labelstudio on a fresh database, and the steps of the document.
{
public:
	World()
	    // Self sign-up is on-prem /user/signup; the test reads email invitations' tokens.
	    : ReplayWorld("labelstudio", Orgs::Test::HostProcess::Defines{{"orgs.invitations.exposeToken", "true"}})
	{
	}

	User join(const std::string& username, const std::string& invitation)
		/// Signs up with an invitation's or invite link's token.
	{
		return signUp(username, std::string(), invitation);
	}

	std::string activeOrganization(const User& u)
	{
		Response r = client().get(API + "/me", "", u.token);
		ASSERT_STATUS(r, 200);
		Poco::JSON::Object::Ptr active = r.json()->getObject("active_organization");
		return active ? active->getValue<std::string>("username") : std::string();
	}

	std::size_t organizations(const User& u)
	{
		Response r = client().get(API + "/me", "", u.token);
		ASSERT_STATUS(r, 200);
		return r.json()->getArray("organizations")->size();
	}

	std::string role(const User& actor, const std::string& org)
	{
		Response r = client().get(API + "/orgs/" + org, "", actor.token);
		ASSERT_STATUS(r, 200);
		return r.json()->getObject("membership")->getValue<std::string>("role");
	}

	void add(const User& admin, const std::string& org, const User& member, const std::string& role)
	{
		ASSERT_STATUS(client().post(API + "/orgs/" + org + "/members",
		                            json({{"username", member.username}, {"role", role}}), admin.token),
		              201);
	}

	Poco::Int64 workspace(const User& actor, const std::string& org, const std::string& name)
	{
		Response r = client().post(API + "/orgs/" + org + "/workspaces", json({{"name", name}}), actor.token);
		ASSERT_STATUS(r, 201);
		return r.json()->getValue<Poco::Int64>("id");
	}

	Poco::Int64 project(const User& actor, const std::string& org, Poco::Int64 workspace, const std::string& name)
	{
		Response r = client().post(API + "/orgs/" + org + "/resources",
		                           "{\"type\":\"project\",\"name\":\"" + name +
		                               "\",\"workspace\":" + std::to_string(workspace) + "}",
		                           actor.token);
		ASSERT_STATUS(r, 201);
		return r.json()->getValue<Poco::Int64>("id");
	}

	std::set<std::string> names(const User& actor, const std::string& path)
		/// The "name" of every item of a list.
	{
		Response r = client().get(API + path, "", actor.token);
		ASSERT_STATUS(r, 200);
		std::set<std::string> result;
		Poco::JSON::Array::Ptr items = r.json()->getArray("items");
		for (std::size_t i = 0; i < items->size(); ++i)
			result.insert(items->getObject(static_cast<unsigned>(i))->getValue<std::string>("name"));
		return result;
	}

	std::set<std::string> permissions(const User& actor, const std::string& org, const std::string& query)
		/// The actor's effective permissions (GET /orgs/{org}/permissions?query).
	{
		Response r = client().get(API + "/orgs/" + org + "/permissions?" + query, "", actor.token);
		ASSERT_STATUS(r, 200);
		std::set<std::string> result;
		Poco::JSON::Array::Ptr list = r.json()->getArray("permissions");
		for (std::size_t i = 0; i < list->size(); ++i)
			result.insert(list->getElement<std::string>(static_cast<unsigned>(i)));
		return result;
	}

	Response withScheme(const std::string& scheme, const std::string& method, const std::string& path,
	                    const std::string& body, const User& actor)
	{
		HttpClient::Headers headers{{"Authorization", scheme + " " + actor.token}};
		if (!body.empty())
			headers.emplace_back("Content-Type", "application/json");
		return client().request(method, API + path, body, headers);
	}
};


} // namespace


void LabelStudioPresetTest::testCreateTheInitialOrganizationAccount()
{
	World w;
	// "When you sign up ... for the first time, an organization associated with your account is
	// automatically created. You become the owner of that organization."
	const User ada = w.signUp("ada");
	const std::string org = w.activeOrganization(ada);
	CPPUNIT_ASSERT(!org.empty());
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), w.organizations(ada));
	Response r = w.client().get(API + "/orgs/" + org, "", ada.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT(r.json()->getObject("membership")->getValue<bool>("owner"));
	CPPUNIT_ASSERT_EQUAL(ada.id, r.json()->getValue<Poco::Int64>("owner_account_id"));
	CPPUNIT_ASSERT_EQUAL(std::string("administrator"), w.role(ada, org));

	// "People who join Label Studio from an invitation link ... join an existing organization":
	// signing up with the link joins it, and creates no organization of one's own.
	r = w.client().post(API + "/orgs/" + org + "/invite-link", "", ada.token);
	ASSERT_STATUS(r, 201);
	const std::string link = r.json()->getValue<std::string>("token");
	const User bob = w.join("bob", link);
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), w.organizations(bob));
	CPPUNIT_ASSERT_EQUAL(org, w.activeOrganization(bob));
	CPPUNIT_ASSERT_EQUAL(std::string("annotator"), w.role(bob, org));
	// ... and so does an email invitation, with the role it names.
	r = w.client().post(API + "/orgs/" + org + "/invitations", json({{"email", "cy@example.com"}, {"role", "manager"}}),
	                    ada.token);
	ASSERT_STATUS(r, 201);
	const User cy = w.join("cy", r.json()->getValue<std::string>("token"));
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), w.organizations(cy));
	CPPUNIT_ASSERT_EQUAL(std::string("manager"), w.role(cy, org));
	// Someone who signed up on their own joins through the link too.
	const User dee = w.signUp("dee");
	CPPUNIT_ASSERT(w.activeOrganization(dee) != org);
	ASSERT_STATUS(w.client().post(API + "/invite-links/" + link + "/accept", "", dee.token), 201);
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), w.organizations(dee));

	// "There can only be one Owner per organization."
	const User eve = w.signUp("eve");
	w.add(ada, org, eve, "administrator");
	Response members = w.client().get(API + "/orgs/" + org + "/members?limit=100", "", ada.token);
	ASSERT_STATUS(members, 200);
	Poco::JSON::Array::Ptr items = members.json()->getArray("items");
	int owners = 0;
	for (std::size_t i = 0; i < items->size(); ++i)
		owners += items->getObject(static_cast<unsigned>(i))->getValue<bool>("owner") ? 1 : 0;
	CPPUNIT_ASSERT_EQUAL(1, owners);
	CPPUNIT_ASSERT_EQUAL(std::size_t(5), items->size());
	// Owner is no role that can be given, the owner's role is not changed, and nobody else transfers.
	ASSERT_PROBLEM(w.client().patch(API + "/orgs/" + org + "/members/bob", json({{"role", "owner"}}), ada.token), 400,
	               "unknown_role");
	ASSERT_PROBLEM(w.client().patch(API + "/orgs/" + org + "/members/ada", json({{"role", "annotator"}}), eve.token),
	               409, "owner_immutable");
	ASSERT_PROBLEM(w.client().del(API + "/orgs/" + org + "/members/ada", "", eve.token), 409, "owner_immutable");
	ASSERT_PROBLEM(w.client().post(API + "/orgs/" + org + "/leave", "", ada.token), 409, "transfer_ownership_first");
	ASSERT_PROBLEM(w.client().post(API + "/orgs/" + org + "/transfer-ownership", json({{"account", "bob"}}), cy.token),
	               403, "owner_only");
}


void LabelStudioPresetTest::testSingleOrMultipleOrganizations()
{
	World w;
	const User ada = w.signUp("ada");
	const std::string support = w.activeOrganization(ada);

	// "If permitted by your Label Studio plan, you can create organizations": a second one,
	// while owning the first.
	ASSERT_STATUS(
	    w.client().post(API + "/orgs", json({{"username", "claims"}, {"title", "Customer claims"}}), ada.token), 201);
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), w.organizations(ada));

	// "One organization for your company, with one workspace for the support department and
	// another for the development team, with specific projects in each workspace."
	const Poco::Int64 supportWs = w.workspace(ada, support, "Support");
	const Poco::Int64 devWs = w.workspace(ada, support, "Development");
	const Poco::Int64 refunds = w.project(ada, support, supportWs, "Refund requests");
	const Poco::Int64 bugs = w.project(ada, support, devWs, "Bug reports");
	// "... specific workspaces in each organization ... specific projects in each workspace."
	const Poco::Int64 home = w.workspace(ada, "claims", "Home insurance");
	w.project(ada, "claims", home, "Natural Disaster Claims");

	User adm = w.signUp("adm");
	User mia = w.signUp("mia");
	User rex = w.signUp("rex");
	User ann = w.signUp("ann");
	w.add(ada, support, adm, "administrator");
	// "Only users with the Owner or Administrator role can access [the Organization] page."
	w.add(adm, support, mia, "manager");
	w.add(adm, support, rex, "reviewer");
	w.add(ada, support, ann, "annotator");
	for (const User* pNot : {&mia, &rex, &ann})
	{
		ASSERT_PROBLEM(w.client().get(API + "/orgs/" + support + "/members", "", pNot->token), 403,
		               "permission_denied");
		ASSERT_PROBLEM(w.client().post(API + "/orgs/" + support + "/members", json({{"username", "adm"}}), pNot->token),
		               403, "permission_denied");
		ASSERT_PROBLEM(
		    w.client().patch(API + "/orgs/" + support + "/members/ann", json({{"role", "reviewer"}}), pNot->token), 403,
		    "permission_denied");
		ASSERT_PROBLEM(
		    w.client().post(API + "/orgs/" + support + "/invitations", json({{"email", "x@example.com"}}), pNot->token),
		    403, "permission_denied");
	}
	ASSERT_STATUS(w.client().get(API + "/orgs/" + support + "/members", "", adm.token), 200);

	// "When you assign a user role to an organization member, they hold that role for all
	// workspaces and projects for that organization."
	for (Poco::Int64 project : {refunds, bugs})
	{
		const std::string q = "resource=" + std::to_string(project);
		const std::set<std::string> annotator = w.permissions(ann, support, q);
		CPPUNIT_ASSERT(annotator.count("resource.label"));
		CPPUNIT_ASSERT(!annotator.count("resource.review"));
		CPPUNIT_ASSERT(!annotator.count("resource.manage"));
		const std::set<std::string> reviewer = w.permissions(rex, support, q);
		CPPUNIT_ASSERT(reviewer.count("resource.review"));
		CPPUNIT_ASSERT(!reviewer.count("resource.manage"));
		const std::set<std::string> manager = w.permissions(mia, support, q);
		CPPUNIT_ASSERT(manager.count("resource.manage"));
		const std::set<std::string> administrator = w.permissions(adm, support, q);
		CPPUNIT_ASSERT(administrator.count("resources.delete"));
	}

	// "Managers within an organization can see all workspaces in that organization, even if they
	// don't have access to perform actions in them."
	const std::set<std::string> both{"Support", "Development"};
	CPPUNIT_ASSERT(both == w.names(mia, "/orgs/" + support + "/workspaces"));
	ASSERT_STATUS(w.client().get(API + "/orgs/" + support + "/workspaces/" + std::to_string(devWs), "", mia.token),
	              200);
	ASSERT_PROBLEM(w.client().patch(API + "/orgs/" + support + "/workspaces/" + std::to_string(devWs),
	                                json({{"name", "Mine"}}), mia.token),
	               403, "permission_denied");
	ASSERT_PROBLEM(w.client().put(API + "/orgs/" + support + "/workspaces/" + std::to_string(devWs) + "/members/ann",
	                              json({{"role", "member"}}), mia.token),
	               403, "permission_denied");
	// A manager acts in a workspace of its own.
	const Poco::Int64 miaWs = w.workspace(mia, support, "Mia's team");
	ASSERT_STATUS(w.client().patch(API + "/orgs/" + support + "/workspaces/" + std::to_string(miaWs),
	                               json({{"name", "QA"}}), mia.token),
	              200);
	w.project(mia, support, miaWs, "Call transcripts");
	// Administrators act in every workspace.
	ASSERT_STATUS(w.client().patch(API + "/orgs/" + support + "/workspaces/" + std::to_string(devWs),
	                               json({{"name", "Dev"}}), adm.token),
	              200);

	// "Annotators and reviewers can only see projects, not workspaces."
	for (const User* pWorker : {&rex, &ann})
	{
		CPPUNIT_ASSERT(w.names(*pWorker, "/orgs/" + support + "/workspaces").empty());
		ASSERT_PROBLEM(
		    w.client().get(API + "/orgs/" + support + "/workspaces/" + std::to_string(supportWs), "", pWorker->token),
		    404, "workspace_not_found");
		const std::set<std::string> projects{"Refund requests", "Bug reports", "Call transcripts"};
		CPPUNIT_ASSERT(projects == w.names(*pWorker, "/orgs/" + support + "/resources?type=project"));
		ASSERT_STATUS(
		    w.client().get(API + "/orgs/" + support + "/resources/" + std::to_string(refunds), "", pWorker->token),
		    200);
		ASSERT_PROBLEM(
		    w.client().post(API + "/orgs/" + support + "/workspaces", json({{"name", "Nope"}}), pWorker->token), 403,
		    "permission_denied");
	}

	// Roles are per organization: in "claims" nobody but ada is a member.
	ASSERT_PROBLEM(w.client().get(API + "/orgs/claims", "", mia.token), 404, "organization_not_found");

	// "If you have access to multiple organizations, use the Organizations drop-down to switch."
	w.add(ada, "claims", ann, "reviewer");
	CPPUNIT_ASSERT_EQUAL(std::size_t(3), w.organizations(ann)); // her own from sign-up, support and claims
	Response r = w.client().put(API + "/me/active-organization", json({{"org", "claims"}}), ann.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(std::string("claims"), w.activeOrganization(ann));
	CPPUNIT_ASSERT_EQUAL(std::string("reviewer"), w.role(ann, "claims"));
	CPPUNIT_ASSERT_EQUAL(std::string("annotator"), w.role(ann, support));
	ASSERT_PROBLEM(w.client().put(API + "/me/active-organization", json({{"org", "claims"}}), mia.token), 404,
	               "organization_not_found");
}


void LabelStudioPresetTest::testChangeOrganizationName()
{
	World w;
	const User ada = w.signUp("ada");
	const std::string org = w.activeOrganization(ada);
	const User adm = w.signUp("adm");
	const User mia = w.signUp("mia");
	const User out = w.signUp("out");
	w.add(ada, org, adm, "administrator");
	w.add(ada, org, mia, "manager");

	// curl -X PATCH "$LSE_URL/api/organizations/$ORG_ID" -H "Authorization: Token $TOKEN"
	//      -H "Content-Type: application/json" -d '{"title": "New Org Name"}'
	Response r = w.client().get(API + "/orgs/" + org, "", ada.token);
	const std::string id = std::to_string(r.json()->getValue<Poco::Int64>("id"));
	r = w.withScheme("Token", "PATCH", "/orgs/" + id, json({{"title", "New Org Name"}}), ada);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(std::string("New Org Name"), r.json()->getValue<std::string>("title"));
	// "To use your personal access token (JWT), use -H "Authorization: Bearer $TOKEN" instead."
	r = w.withScheme("Bearer", "PATCH", "/orgs/" + id, json({{"title", "Bearer Name"}}), ada);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(std::string("Bearer Name"), r.json()->getValue<std::string>("title"));
	// "Users in the Owner or Admin role": an administrator, with either header.
	ASSERT_STATUS(w.withScheme("Token", "PATCH", "/orgs/" + id, json({{"title", "Admin Name"}}), adm), 200);
	ASSERT_STATUS(w.withScheme("Bearer", "PATCH", "/orgs/" + org, json({{"title", "Admin Name 2"}}), adm), 200);
	r = w.withScheme("Token", "GET", "/orgs/" + id, "", mia);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(std::string("Admin Name 2"), r.json()->getValue<std::string>("title"));
	// Anyone else may not.
	ASSERT_PROBLEM(w.withScheme("Token", "PATCH", "/orgs/" + id, json({{"title", "Manager Name"}}), mia), 403,
	               "permission_denied");
	ASSERT_PROBLEM(w.withScheme("Token", "PATCH", "/orgs/" + id, json({{"title", "Outsider"}}), out), 404,
	               "organization_not_found");
	ASSERT_PROBLEM(w.withScheme("Basic", "PATCH", "/orgs/" + id, json({{"title", "Basic"}}), ada), 401,
	               "unauthenticated");
	ASSERT_PROBLEM(w.client().request("PATCH", API + "/orgs/" + id, json({{"title", "x"}}),
	                                  {{"Authorization", "Token orgs_pat_nope"}, {"Content-Type", "application/json"}}),
	               401, "invalid_token");
	ASSERT_PROBLEM(w.withScheme("Token", "PATCH", "/orgs/" + id, json({{"title", ""}}), ada), 400, "invalid_title");
}


void LabelStudioPresetTest::testInviteLink()
{
	World w;
	const User ada = w.signUp("ada");
	const std::string org = w.activeOrganization(ada);
	const User adm = w.signUp("adm");
	const User mia = w.signUp("mia");
	w.add(ada, org, adm, "administrator");
	w.add(ada, org, mia, "manager");

	// Owner and administrators create and reset the link; a manager may not.
	ASSERT_PROBLEM(w.client().post(API + "/orgs/" + org + "/invite-link", "", mia.token), 403, "permission_denied");
	ASSERT_PROBLEM(w.client().get(API + "/orgs/" + org + "/invite-link", "", mia.token), 403, "permission_denied");
	Response r = w.client().post(API + "/orgs/" + org + "/invite-link", "", adm.token);
	ASSERT_STATUS(r, 201);
	CPPUNIT_ASSERT_EQUAL(std::string("annotator"), r.json()->getValue<std::string>("role"));
	const std::string first = r.json()->getValue<std::string>("token");
	r = w.client().post(API + "/orgs/" + org + "/invite-link", "", ada.token);
	ASSERT_STATUS(r, 201);
	const std::string link = r.json()->getValue<std::string>("token");

	// A signed-in holder sees the organization's name ("<ada's name>'s organization"), then
	// joins as annotator.
	const User ann = w.signUp("ann");
	r = w.client().get(API + "/invite-links/" + link, "", ann.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(std::string("Test ada's organization"),
	                     r.json()->getObject("organization")->getValue<std::string>("title"));
	ASSERT_PROBLEM(w.client().post(API + "/invite-links/" + first + "/accept", "", ann.token), 404,
	               "invite_link_not_found");
	r = w.client().post(API + "/invite-links/" + link + "/accept", "", ann.token);
	ASSERT_STATUS(r, 201);
	CPPUNIT_ASSERT_EQUAL(std::string("annotator"), r.json()->getValue<std::string>("role"));
	ASSERT_PROBLEM(w.client().post(API + "/invite-links/" + link + "/accept", "", ann.token), 409, "already_member");
	// An annotator joined through the link sees projects, not workspaces, like any annotator.
	CPPUNIT_ASSERT(w.names(ann, "/orgs/" + org + "/workspaces").empty());

	// An administrator may issue a link for managers; the owner sees its metadata, never its token.
	r = w.client().post(API + "/orgs/" + org + "/invite-link", json({{"role", "manager"}}), adm.token);
	ASSERT_STATUS(r, 201);
	const std::string managers = r.json()->getValue<std::string>("token");
	r = w.client().get(API + "/orgs/" + org + "/invite-link", "", ada.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(std::string("manager"), r.json()->getValue<std::string>("role"));
	CPPUNIT_ASSERT(r.body.find(managers) == std::string::npos);
	const User max = w.join("max", managers);
	CPPUNIT_ASSERT_EQUAL(std::string("manager"), w.role(max, org));
	ASSERT_STATUS(w.client().del(API + "/orgs/" + org + "/invite-link", "", adm.token), 204);
	ASSERT_PROBLEM(w.client().get(API + "/invite-links/" + managers, "", ann.token), 404, "invite_link_not_found");
}


void LabelStudioPresetTest::testSsoRole()
{
	Orgs::Test::OpenIdProvider op;
	using Op = Orgs::Test::OpenIdProvider;
	Orgs::Test::ReplayWorld w("labelstudio", {{"orgs.auth.tls.caFile", op.caFile()}});
	const User ada = w.signUp("ada");
	ASSERT_STATUS(w.post("/orgs", json({{"username", "heartex"}, {"title", "Heartex"}}), ada), 201);
	std::string rules;
	for (const std::string role : {"administrator", "manager", "reviewer"})
		rules += std::string(rules.empty() ? "" : ",") + "{\"claim\":\"groups\",\"value\":\"ls-" + role +
		         "s\",\"role\":\"" + role + "\"}";
	const std::string connection =
	    "{\"name\":\"Okta\",\"issuer\":\"" + op.issuer(Op::OTHER) + "\",\"audience\":\"" + op.clientId(Op::OTHER) +
	    "\",\"domains\":[\"heartex.test\"],\"default_role\":\"annotator\",\"rules\":[" + rules + "]}";
	ASSERT_STATUS(w.post("/orgs/heartex/sso-connections", connection, ada), 201);
	// Owner is no role to give: an organization has one owner, who transfers ownership.
	ASSERT_PROBLEM(w.post("/orgs/heartex/sso-connections",
	                      "{\"name\":\"Bad\",\"issuer\":\"" + op.issuer(Op::OTHER) + "\",\"audience\":\"x\"," +
	                          "\"default_role\":\"owner\"}",
	                      ada),
	               400, "unknown_role");

	const std::vector<std::pair<std::string, std::string>> people{{"ls-administrators", "administrator"},
	                                                              {"ls-managers", "manager"},
	                                                              {"ls-reviewers", "reviewer"},
	                                                              {"", "annotator"}};
	for (const auto& p : people)
	{
		Op::User u;
		u.sub = "ls-" + Poco::UUIDGenerator::defaultGenerator().createRandom().toString().substr(0, 8);
		u.email = u.sub + "@heartex.test";
		u.emailVerified = true;
		u.preferredUsername = u.sub;
		if (!p.first.empty())
			u.groups = {p.first};
		op.setUser(u);
		User jwt;
		jwt.token = op.idToken(Op::OTHER, u.sub);
		Response me = w.get("/me", jwt);
		ASSERT_STATUS(me, 200);
		const std::string username = me.json()->getObject("account")->getValue<std::string>("username");
		Response m = w.get("/orgs/heartex/members/" + username, ada);
		ASSERT_STATUS(m, 200);
		CPPUNIT_ASSERT_EQUAL(p.second, m.json()->getValue<std::string>("role"));
	}
}
