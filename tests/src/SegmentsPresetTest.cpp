//
// SegmentsPresetTest.cpp
//
// Library: OrgsTests
// Package: EndToEnd
// Module:  SegmentsPresetTest
//


#include "SegmentsPresetTest.h"
#include "support/Suites.h"
#include "support/ReplayWorld.h"
#include <map>
#include <string>
#include <vector>


using Orgs::Test::json;
using Orgs::Test::ReplayWorld;
using Response = Orgs::Test::HttpClient::Response;
using User = Orgs::Test::ReplayWorld::User;


ORGS_TEST_SUITE(SegmentsPresetTest, "SegmentsPreset", DATABASE);


namespace {


std::string member(const std::string& username, const std::string& role, const std::string& datasetRole)
	/// The "Add member" form: a username, an organization role and a default dataset role (each
	/// left out when empty).
{
	Poco::JSON::Object::Ptr o = ReplayWorld::object();
	o->set("username", username);
	if (!role.empty())
		o->set("role", role);
	if (!datasetRole.empty())
	{
		Poco::JSON::Object::Ptr d = ReplayWorld::object();
		d->set("dataset", datasetRole);
		o->set("default_roles", d);
	}
	return ReplayWorld::stringify(o);
}


std::string changes(const std::string& role, const std::string& datasetRole)
{
	Poco::JSON::Object::Ptr o = ReplayWorld::object();
	if (!role.empty())
		o->set("role", role);
	if (!datasetRole.empty())
	{
		Poco::JSON::Object::Ptr d = ReplayWorld::object();
		d->set("dataset", datasetRole);
		o->set("default_roles", d);
	}
	return ReplayWorld::stringify(o);
}


void add(ReplayWorld& w, const User& admin, const std::string& org, const User& u, const std::string& role,
         const std::string& datasetRole)
{
	ASSERT_STATUS(w.post("/orgs/" + org + "/members", member(u.username, role, datasetRole), admin), 201);
}


std::string createDataset(ReplayWorld& w, const User& u, const std::string& org, const std::string& name)
	/// "New dataset" on the organization account page: returns the new dataset's id.
{
	Response r = w.post("/orgs/" + org + "/resources", json({{"type", "dataset"}, {"name", name}}), u);
	ASSERT_STATUS(r, 201);
	return std::to_string(ReplayWorld::idOf(r));
}


std::map<std::string, std::string> collaborators(ReplayWorld& w, const User& asker, const std::string& org,
                                                 const std::string& dataset)
	/// Returns username -> dataset role.
{
	Response r = w.get("/orgs/" + org + "/resources/" + dataset + "/collaborators?limit=100", asker);
	ASSERT_STATUS(r, 200);
	std::map<std::string, std::string> result;
	Poco::JSON::Array::Ptr items = r.json()->getArray("items");
	for (std::size_t i = 0; i < items->size(); ++i)
	{
		Poco::JSON::Object::Ptr c = items->getObject(static_cast<unsigned>(i));
		result[c->getValue<std::string>("username")] = c->getValue<std::string>("role");
	}
	return result;
}


std::vector<std::string> organizationsOf(ReplayWorld& w, const User& u)
	/// The organizations under the profile button (GET /me).
{
	Response r = w.get("/me", u);
	ASSERT_STATUS(r, 200);
	std::vector<std::string> names;
	Poco::JSON::Array::Ptr list = r.json()->getArray("organizations");
	for (std::size_t i = 0; i < list->size(); ++i)
		names.push_back(list->getObject(static_cast<unsigned>(i))->getValue<std::string>("username"));
	return names;
}


std::string roleOf(ReplayWorld& w, const User& asker, const std::string& org, const User& u)
{
	Response r = w.get("/orgs/" + org + "/members/" + u.username, asker);
	ASSERT_STATUS(r, 200);
	return r.json()->getValue<std::string>("role");
}


std::string defaultDatasetRoleOf(ReplayWorld& w, const User& asker, const std::string& org, const User& u)
{
	Response r = w.get("/orgs/" + org + "/members/" + u.username, asker);
	ASSERT_STATUS(r, 200);
	return r.json()->getObject("default_roles")->optValue<std::string>("dataset", "");
}


} // namespace


void SegmentsPresetTest::testCreateAnOrganization()
{
	ReplayWorld w("segments");
	// "Each person that uses Segments signs into a personal account."
	const User ada = w.signUp("ada");
	const User bob = w.signUp("bob");
	// "Choose a username for your organization in the next screen."
	Response r = w.post("/orgs", json({{"username", "acme"}, {"title", "Acme"}}), ada);
	ASSERT_STATUS(r, 201);
	// "you will be taken to the organization account page"
	r = w.get("/orgs/acme", ada);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(ada.id, r.json()->getValue<Poco::Int64>("owner_account_id"));
	// The creator administers it.
	CPPUNIT_ASSERT_EQUAL(std::string("administrator"),
	                     r.json()->getObject("membership")->getValue<std::string>("role"));

	// Organizations and personal accounts share one namespace of usernames, both ways.
	ASSERT_PROBLEM(w.post("/orgs", json({{"username", "bob"}, {"title", "Bob's"}}), ada), 409, "username_taken");
	ASSERT_PROBLEM(w.post("/orgs", json({{"username", "acme"}, {"title", "Again"}}), bob), 409, "username_taken");
	ASSERT_PROBLEM(w.client().post(ReplayWorld::api() + "/accounts",
	                               json({{"username", "acme"}, {"email", "acme@example.com"}, {"name", "Acme"}})),
	               409, "username_taken");
	ASSERT_PROBLEM(w.post("/orgs", json({{"username", "Not A Username"}, {"title", "X"}}), ada), 400,
	               "invalid_username");

	// "Each member of an organization can quickly access it via the profile button".
	CPPUNIT_ASSERT(ReplayWorld::contains(organizationsOf(w, ada), "acme"));
	CPPUNIT_ASSERT(!ReplayWorld::contains(organizationsOf(w, bob), "acme"));
	ASSERT_PROBLEM(w.get("/orgs/acme", bob), 404, "organization_not_found");
	add(w, ada, "acme", bob, "", "");
	CPPUNIT_ASSERT(ReplayWorld::contains(organizationsOf(w, bob), "acme"));
	ASSERT_STATUS(w.get("/orgs/acme", bob), 200);
}


void SegmentsPresetTest::testCreateADatasetWithinAnOrganization()
{
	ReplayWorld w("segments");
	const User ada = w.signUp("ada");
	const User bob = w.signUp("bob");
	const User cy = w.signUp("cy");
	const User dan = w.signUp("dan");
	ASSERT_STATUS(w.post("/orgs", json({{"username", "acme"}, {"title", "Acme"}}), ada), 201);
	add(w, ada, "acme", bob, "member", "reviewer");
	add(w, ada, "acme", cy, "member", "none");
	add(w, ada, "acme", dan, "administrator", "");

	// "Only organization administrators can create new datasets within the organization".
	ASSERT_PROBLEM(w.post("/orgs/acme/resources", json({{"type", "dataset"}, {"name", "Mine"}}), bob), 403,
	               "permission_denied");
	const std::string cars = createDataset(w, dan, "acme", "Cars");
	// "you will see that the organization is selected as the owner of the dataset."
	Response r = w.get("/orgs/acme/resources/" + cars, dan);
	ASSERT_STATUS(r, 200);
	Response org = w.get("/orgs/acme", dan);
	CPPUNIT_ASSERT_EQUAL(org.json()->getValue<Poco::Int64>("id"), r.json()->getValue<Poco::Int64>("organization_id"));
	CPPUNIT_ASSERT_EQUAL(std::string("dataset"), r.json()->getValue<std::string>("type"));
	CPPUNIT_ASSERT_EQUAL(dan.id, r.json()->getValue<Poco::Int64>("created_by"));

	// "all organization members will be added as collaborators to these datasets according to
	// their default dataset role" ("None (do not add)": not added).
	std::map<std::string, std::string> c = collaborators(w, dan, "acme", cars);
	CPPUNIT_ASSERT_EQUAL(std::string("admin"), c["dan"]); // the creator
	CPPUNIT_ASSERT_EQUAL(std::string("reviewer"), c["bob"]);
	CPPUNIT_ASSERT_EQUAL(std::string("labeler"), c["ada"]); // the configured default dataset role
	CPPUNIT_ASSERT(c.find("cy") == c.end());
	CPPUNIT_ASSERT_EQUAL(std::size_t(3), c.size());
	ASSERT_STATUS(w.get("/orgs/acme/resources/" + cars, bob), 200);
	ASSERT_PROBLEM(w.get("/orgs/acme/resources/" + cars, cy), 404, "resource_not_found");
	// The owner creates datasets too.
	createDataset(w, ada, "acme", "Bikes");
}


void SegmentsPresetTest::testManageOrganizationMembers()
{
	ReplayWorld w("segments");
	const User ada = w.signUp("ada");
	const User bob = w.signUp("bob");
	const User dan = w.signUp("dan");
	const User eve = w.signUp("eve");
	ASSERT_STATUS(w.post("/orgs", json({{"username", "acme"}, {"title", "Acme"}}), ada), 201);
	add(w, ada, "acme", dan, "administrator", "");
	add(w, ada, "acme", bob, "member", "");

	// "As an administrator, you can add new members to the organization and assign them a role.
	// ... Type the username of the user you want to add, and click Add member."
	ASSERT_PROBLEM(w.post("/orgs/acme/members", member("eve", "", ""), bob), 403, "permission_denied");
	ASSERT_PROBLEM(w.post("/orgs/acme/members", member("nobody", "", ""), dan), 404, "account_not_found");
	add(w, dan, "acme", eve, "", "");
	ASSERT_PROBLEM(w.post("/orgs/acme/members", member("eve", "", ""), dan), 409, "already_member");
	CPPUNIT_ASSERT_EQUAL(std::string("member"), roleOf(w, dan, "acme", eve));
	CPPUNIT_ASSERT_EQUAL(std::string(), defaultDatasetRoleOf(w, dan, "acme", eve)); // unset: the default, labeler

	// "For each member, you can assign an Organization role and a Default dataset role."
	ASSERT_STATUS(w.patch("/orgs/acme/members/eve", changes("administrator", "manager"), dan), 200);
	CPPUNIT_ASSERT_EQUAL(std::string("administrator"), roleOf(w, ada, "acme", eve));
	CPPUNIT_ASSERT_EQUAL(std::string("manager"), defaultDatasetRoleOf(w, ada, "acme", eve));
	ASSERT_STATUS(w.patch("/orgs/acme/members/eve", changes("member", "none"), dan), 200);
	CPPUNIT_ASSERT_EQUAL(std::string("member"), roleOf(w, ada, "acme", eve));
	CPPUNIT_ASSERT_EQUAL(std::string("none"), defaultDatasetRoleOf(w, ada, "acme", eve));
	// Members do not manage memberships.
	ASSERT_PROBLEM(w.patch("/orgs/acme/members/bob", changes("administrator", ""), eve), 403, "permission_denied");
	ASSERT_PROBLEM(w.patch("/orgs/acme/members/eve", changes("", "admin"), bob), 403, "permission_denied");
	ASSERT_PROBLEM(w.patch("/orgs/acme/members/eve", changes("admin", ""), dan), 400, "unknown_role");
	ASSERT_PROBLEM(w.patch("/orgs/acme/members/eve", changes("", "owner"), dan), 400, "unknown_role");
	// The owner stays.
	ASSERT_PROBLEM(w.patch("/orgs/acme/members/ada", changes("member", ""), dan), 409, "owner_immutable");
	// Administrators remove members.
	ASSERT_PROBLEM(w.del("/orgs/acme/members/bob", eve), 403, "permission_denied");
	ASSERT_STATUS(w.del("/orgs/acme/members/bob", dan), 204);
	ASSERT_PROBLEM(w.get("/orgs/acme", bob), 404, "organization_not_found");
}


void SegmentsPresetTest::testOrganizationRole()
{
	ReplayWorld w("segments");
	const User ada = w.signUp("ada");
	const User bob = w.signUp("bob");
	const User dan = w.signUp("dan");
	const User eve = w.signUp("eve");
	const User fay = w.signUp("fay");
	ASSERT_STATUS(w.post("/orgs", json({{"username", "acme"}, {"title", "Acme"}}), ada), 201);
	add(w, ada, "acme", bob, "member", "");
	add(w, ada, "acme", dan, "administrator", "");

	// "There are only two organization roles, member or administrator."
	Response r = w.get("/roles", bob);
	ASSERT_STATUS(r, 200);
	Poco::JSON::Array::Ptr scopes = r.json()->getArray("scopes");
	std::vector<std::string> organizationRoles;
	for (std::size_t i = 0; i < scopes->size(); ++i)
	{
		Poco::JSON::Object::Ptr s = scopes->getObject(static_cast<unsigned>(i));
		CPPUNIT_ASSERT_MESSAGE(r.body, s->getValue<std::string>("scope") != "workspace"); // no teams in Segments
		if (s->getValue<std::string>("scope") != "organization")
			continue;
		Poco::JSON::Array::Ptr roles = s->getArray("roles");
		for (std::size_t j = 0; j < roles->size(); ++j)
			organizationRoles.push_back(roles->getObject(static_cast<unsigned>(j))->getValue<std::string>("name"));
	}
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), organizationRoles.size());
	CPPUNIT_ASSERT_EQUAL(std::string("member"), organizationRoles[0]);
	CPPUNIT_ASSERT_EQUAL(std::string("administrator"), organizationRoles[1]);
	ASSERT_PROBLEM(w.post("/orgs/acme/members", member("eve", "admin", ""), dan), 400, "unknown_role");

	// "Access the organization account and see other members": member and administrator.
	for (const User* u : {&bob, &dan})
	{
		ASSERT_STATUS(w.get("/orgs/acme", *u), 200);
		r = w.get("/orgs/acme/members", *u);
		ASSERT_STATUS(r, 200);
		CPPUNIT_ASSERT_EQUAL(std::size_t(3), r.json()->getArray("items")->size());
	}
	// "Create new organization datasets": administrator only.
	ASSERT_PROBLEM(w.post("/orgs/acme/resources", json({{"type", "dataset"}, {"name", "Mine"}}), bob), 403,
	               "permission_denied");
	createDataset(w, dan, "acme", "Theirs");
	// "Manage memberships and settings": administrator only.
	ASSERT_PROBLEM(w.post("/orgs/acme/members", member("eve", "", ""), bob), 403, "permission_denied");
	ASSERT_PROBLEM(w.patch("/orgs/acme", json({{"title", "Bob's"}}), bob), 403, "permission_denied");
	add(w, dan, "acme", eve, "", "");
	ASSERT_STATUS(w.patch("/orgs/acme", json({{"title", "Acme Labs"}}), dan), 200);
	// An administrator may make another administrator.
	add(w, dan, "acme", fay, "administrator", "");
	std::vector<std::string> p = w.permissions("acme", dan, bob);
	CPPUNIT_ASSERT(ReplayWorld::contains(p, "org.read"));
	CPPUNIT_ASSERT(ReplayWorld::contains(p, "members.read"));
	CPPUNIT_ASSERT(!ReplayWorld::contains(p, "resources.create"));
	CPPUNIT_ASSERT(!ReplayWorld::contains(p, "members.add"));
	CPPUNIT_ASSERT(!ReplayWorld::contains(p, "org.update"));
	p = w.permissions("acme", dan, fay);
	for (const char* name : {"org.read", "members.read", "resources.create", "members.add", "members.update",
	                         "members.remove", "org.update"})
		CPPUNIT_ASSERT_MESSAGE(name, ReplayWorld::contains(p, name));
}


void SegmentsPresetTest::testDefaultDatasetRole()
{
	ReplayWorld w("segments");
	const User ada = w.signUp("ada");
	ASSERT_STATUS(w.post("/orgs", json({{"username", "acme"}, {"title", "Acme"}}), ada), 201);
	// The dataset collaborator roles, and None (do not add).
	Response r = w.get("/roles", ada);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_MESSAGE(r.body, r.body.find("\"dataset\"") != std::string::npos);
	for (const char* role : {"none", "labeler", "reviewer", "manager", "admin"})
		CPPUNIT_ASSERT_MESSAGE(role, r.body.find(std::string("\"name\":\"") + role + "\"") != std::string::npos);

	std::map<std::string, std::string> chosen{{"lab", "labeler"}, {"rev", "reviewer"}, {"man", "manager"},
	                                          {"adm", "admin"},   {"non", "none"},     {"def", ""}};
	for (const auto& kv : chosen)
		add(w, ada, "acme", w.signUp(kv.first), "member", kv.second);
	ASSERT_STATUS(w.patch("/orgs/acme/members/ada", changes("", "none"), ada), 200);

	// "When creating a new dataset within an organization, all organization members will be
	// added as collaborators to these datasets according to their default dataset role."
	const std::string first = createDataset(w, ada, "acme", "First");
	std::map<std::string, std::string> c = collaborators(w, ada, "acme", first);
	CPPUNIT_ASSERT_EQUAL(std::string("labeler"), c["lab"]);
	CPPUNIT_ASSERT_EQUAL(std::string("reviewer"), c["rev"]);
	CPPUNIT_ASSERT_EQUAL(std::string("manager"), c["man"]);
	CPPUNIT_ASSERT_EQUAL(std::string("admin"), c["adm"]);
	CPPUNIT_ASSERT_EQUAL(std::string("labeler"), c["def"]); // added without a choice: the default
	CPPUNIT_ASSERT_EQUAL(std::string("admin"), c["ada"]);   // the creator administers its dataset
	// "Choose None (do not add) if you don't want to add a member as a collaborator to new
	// datasets by default."
	CPPUNIT_ASSERT(c.find("non") == c.end());
	CPPUNIT_ASSERT_EQUAL(std::size_t(6), c.size());

	// The roles differ on the dataset.
	User lab, rev, man;
	lab.username = "lab";
	rev.username = "rev";
	man.username = "man";
	std::vector<std::string> p = w.permissions("acme", ada, lab, "&resource=" + first);
	CPPUNIT_ASSERT(ReplayWorld::contains(p, "resource.label"));
	CPPUNIT_ASSERT(!ReplayWorld::contains(p, "resource.review"));
	p = w.permissions("acme", ada, rev, "&resource=" + first);
	CPPUNIT_ASSERT(ReplayWorld::contains(p, "resource.review"));
	CPPUNIT_ASSERT(!ReplayWorld::contains(p, "resource.write"));
	p = w.permissions("acme", ada, man, "&resource=" + first);
	CPPUNIT_ASSERT(ReplayWorld::contains(p, "resource.write"));
	CPPUNIT_ASSERT(!ReplayWorld::contains(p, "resource.manage"));

	// The default applies to new datasets: changing it leaves existing ones alone.
	ASSERT_STATUS(w.patch("/orgs/acme/members/lab", changes("", "none"), ada), 200);
	ASSERT_STATUS(w.patch("/orgs/acme/members/non", changes("", "reviewer"), ada), 200);
	const std::string second = createDataset(w, ada, "acme", "Second");
	c = collaborators(w, ada, "acme", second);
	CPPUNIT_ASSERT(c.find("lab") == c.end());
	CPPUNIT_ASSERT_EQUAL(std::string("reviewer"), c["non"]);
	c = collaborators(w, ada, "acme", first);
	CPPUNIT_ASSERT_EQUAL(std::string("labeler"), c["lab"]);
	CPPUNIT_ASSERT(c.find("non") == c.end());
	ASSERT_PROBLEM(w.patch("/orgs/acme/members/lab", changes("", "owner"), ada), 400, "unknown_role");
}


void SegmentsPresetTest::testLeaveAnOrganization()
{
	ReplayWorld w("segments");
	const User ada = w.signUp("ada");
	const User bob = w.signUp("bob");
	const User cy = w.signUp("cy");
	ASSERT_STATUS(w.post("/orgs", json({{"username", "acme"}, {"title", "Acme"}}), ada), 201);
	add(w, ada, "acme", bob, "administrator", "reviewer");
	add(w, ada, "acme", cy, "member", "labeler");
	const std::string cars = createDataset(w, bob, "acme", "Cars");
	CPPUNIT_ASSERT_EQUAL(std::string("labeler"), collaborators(w, ada, "acme", cars)["cy"]);

	// "As a member you can leave an organization by going to the organizations tab on your own
	// settings page, and clicking the Leave organization button."
	ASSERT_STATUS(w.post("/orgs/acme/leave", "", bob), 204);
	ASSERT_PROBLEM(w.get("/orgs/acme", bob), 404, "organization_not_found");
	CPPUNIT_ASSERT(!ReplayWorld::contains(organizationsOf(w, bob), "acme"));
	ASSERT_PROBLEM(w.get("/orgs/acme/resources/" + cars, bob), 404, "organization_not_found");
	ASSERT_PROBLEM(w.post("/orgs/acme/leave", "", bob), 404, "organization_not_found");
	// The owner hands the organization over first.
	ASSERT_PROBLEM(w.post("/orgs/acme/leave", "", ada), 409, "transfer_ownership_first");

	// "Removing a member from an organization only revokes the access rights of that user."
	ASSERT_STATUS(w.del("/orgs/acme/members/cy", ada), 204);
	ASSERT_PROBLEM(w.get("/orgs/acme/resources/" + cars, cy), 404, "organization_not_found");
	std::map<std::string, std::string> c = collaborators(w, ada, "acme", cars);
	CPPUNIT_ASSERT(c.find("bob") == c.end());
	CPPUNIT_ASSERT(c.find("cy") == c.end());

	// "The user's previous labeling work is not affected, and their username will still be
	// present in the Insights tab and sample history": the dataset stays theirs in its history,
	// and the audit log still names them.
	Response r = w.get("/orgs/acme/resources/" + cars, ada);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(bob.id, r.json()->getValue<Poco::Int64>("created_by"));
	r = w.get("/orgs/acme/audit?actor=bob", ada);
	ASSERT_STATUS(r, 200);
	const std::vector<std::string> actions = ReplayWorld::field(r, "action");
	CPPUNIT_ASSERT_MESSAGE(r.body, ReplayWorld::contains(actions, "resource.created"));
	CPPUNIT_ASSERT_MESSAGE(r.body, ReplayWorld::contains(actions, "member.left"));
	Poco::JSON::Array::Ptr items = r.json()->getArray("items");
	for (std::size_t i = 0; i < items->size(); ++i)
		CPPUNIT_ASSERT_EQUAL(
		    std::string("bob"),
		    items->getObject(static_cast<unsigned>(i))->getObject("actor")->getValue<std::string>("username"));
	r = w.get("/orgs/acme/audit?action=member.removed", ada);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_MESSAGE(r.body, r.body.find("\"label\":\"cy\"") != std::string::npos);

	// Rejoining restores access, not the old collaborations: they were revoked.
	add(w, ada, "acme", bob, "member", "");
	ASSERT_PROBLEM(w.get("/orgs/acme/resources/" + cars, bob), 404, "resource_not_found");
}


void SegmentsPresetTest::testNoSso()
{
	ReplayWorld w("segments");
	const User ada = w.signUp("ada");
	const User bob = w.signUp("bob");
	ASSERT_STATUS(w.post("/orgs", json({{"username", "acme"}, {"title", "Acme"}}), ada), 201);
	add(w, ada, "acme", bob, "administrator", "");
	const std::string body = "{\"name\":\"Okta\",\"issuer\":\"https://idp.acme.test\",\"audience\":\"orgs\"}";
	ASSERT_PROBLEM(w.post("/orgs/acme/sso-connections", body, bob), 403, "permission_denied");
	ASSERT_PROBLEM(w.post("/orgs/acme/sso-connections", body, ada), 403, "sso_disabled");
	ASSERT_PROBLEM(w.get("/orgs/acme/sso-connections", ada), 403, "sso_disabled");
}
