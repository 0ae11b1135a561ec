//
// MembershipApiTest.cpp
//
// Library: OrgsTests
// Package: EndToEnd
// Module:  MembershipApiTest
//


#include "MembershipApiTest.h"
#include "support/Suites.h"
#include "support/HttpAssert.h"
#include "Poco/JSON/Array.h"
#include "Poco/JSON/Object.h"
#include "Poco/String.h"
#include "Poco/Thread.h"
#include <cppunit/SourceLine.h>
#include <set>
#include <string>
#include <vector>


using Orgs::Test::HostProcess;
using Orgs::Test::HttpClient;
using Orgs::Test::json;


ORGS_TEST_SUITE(MembershipApiTest, "MembershipApi", DATABASE);


void MembershipApiTest::testAddMemberWithDefaultOrExplicitRole()
{
	User owner = signUp("owner");
	User bob = signUp("bob", "Bob Builder");
	User carol = signUp("carol");
	const Poco::Int64 org = createOrganization(owner, "acme");

	Response r = client().post(API + "/orgs/acme/members", json({{"username", "bob"}}), owner.token);
	ASSERT_STATUS(r, 201);
	Poco::JSON::Object::Ptr m = r.json();
	CPPUNIT_ASSERT_EQUAL(org, number(m, "organization_id"));
	CPPUNIT_ASSERT_EQUAL(bob.id, number(m, "account_id"));
	CPPUNIT_ASSERT_EQUAL(std::string("bob"), text(m, "username"));
	CPPUNIT_ASSERT_EQUAL(std::string("Bob Builder"), text(m, "name"));
	CPPUNIT_ASSERT_EQUAL(std::string("member"), text(m, "role")); // orgs.roles.organization.default
	CPPUNIT_ASSERT(!flag(m, "owner"));
	const std::string location = r.header("Location");

	ASSERT_STATUS(
	    r = client().post(API + "/orgs/acme/members", json({{"username", "carol"}, {"role", "admin"}}), owner.token),
	    201);
	CPPUNIT_ASSERT_EQUAL(std::string("admin"), text(r.json(), "role"));

	// The new members see the organization with their role.
	ASSERT_STATUS(r = client().get(API + "/orgs/acme", "", bob.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::string("member"), text(child(r.json(), "membership"), "role"));
	ASSERT_STATUS(r = client().get(API + "/orgs/acme", "", carol.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::string("admin"), text(child(r.json(), "membership"), "role"));

	// The Location names the new membership.
	CPPUNIT_ASSERT_MESSAGE("no Location", !location.empty());
	Response followed = client().get(location, "", owner.token);
	ASSERT_STATUS(followed, 200);
	CPPUNIT_ASSERT_EQUAL(bob.id, number(followed.json(), "account_id"));
}


void MembershipApiTest::testAddMemberErrors()
{
	User owner = signUp("owner");
	User bob = signUp("bob");
	signUp("carol");
	createOrganization(owner, "acme");
	addMember(owner, "acme", "bob");

	ASSERT_PROBLEM(
	    client().post(API + "/orgs/acme/members", json({{"username", "carol"}, {"role", "emperor"}}), owner.token), 400,
	    "unknown_role");
	ASSERT_PROBLEM(client().post(API + "/orgs/acme/members", json({{"username", "ghost"}}), owner.token), 404,
	               "account_not_found");
	ASSERT_PROBLEM(client().post(API + "/orgs/acme/members", json({{"username", "bob"}}), owner.token), 409,
	               "already_member");
	ASSERT_PROBLEM(
	    client().post(API + "/orgs/acme/members", json({{"username", "bob"}, {"role", "admin"}}), owner.token), 409,
	    "already_member");
	ASSERT_PROBLEM(client().post(API + "/orgs/acme/members", json({{"username", "owner"}}), owner.token), 409,
	               "already_member");
	// An organization is not an account.
	User dave = signUp("dave");
	createOrganization(dave, "other");
	ASSERT_PROBLEM(client().post(API + "/orgs/acme/members", json({{"username", "other"}}), owner.token), 404,
	               "account_not_found");
	// A member without members.add.
	ASSERT_PROBLEM(client().post(API + "/orgs/acme/members", json({{"username", "carol"}}), bob.token), 403,
	               "permission_denied");

	// Nothing was added by the refused requests.
	Response r = client().get(API + "/orgs/acme/members", "", owner.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT(usernames(r) == std::set<std::string>({"owner", "bob"}));
	ASSERT_STATUS(r = client().get(API + "/orgs/acme/members/bob", "", owner.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::string("member"), text(r.json(), "role"));
}


void MembershipApiTest::testListMembersFiltersByRoleAndSearch()
{
	User owner = signUp("owner", "Olivia Owner");
	User alice = signUp("alice-smith", "Alice Liddell");
	signUp("bob", "Robert SMITH");
	signUp("carol", "Carol Jones");
	signUp("dave", "Smithy Outsider"); // not a member: never listed
	createOrganization(owner, "acme");
	addMember(owner, "acme", "alice-smith");
	addMember(owner, "acme", "bob");
	addMember(owner, "acme", "carol", "admin");

	using Names = std::set<std::string>;
	auto list = [&](const std::string& query) {
		Response r = client().get(API + "/orgs/acme/members" + query, "", alice.token);
		CPPUNIT_ASSERT_EQUAL_MESSAGE(query + ": " + r.describe(), 200, r.status);
		CPPUNIT_ASSERT_MESSAGE(r.body, isNull(r.json(), "next_cursor"));
		return usernames(r);
	};
	CPPUNIT_ASSERT(list("") == Names({"owner", "alice-smith", "bob", "carol"}));
	CPPUNIT_ASSERT(list("?role=member") == Names({"alice-smith", "bob"}));
	const Names admins = list("?role=admin");
	CPPUNIT_ASSERT(admins.count("carol") && !admins.count("alice-smith") && !admins.count("bob"));

	// q: a case-insensitive substring of the username or of the name.
	CPPUNIT_ASSERT(list("?q=smith") == Names({"alice-smith", "bob"}));
	CPPUNIT_ASSERT(list("?q=SMITH") == Names({"alice-smith", "bob"}));
	CPPUNIT_ASSERT(list("?q=lidd") == Names({"alice-smith"}));
	CPPUNIT_ASSERT(list("?q=LIDD") == Names({"alice-smith"}));
	CPPUNIT_ASSERT(list("?q=ro") == Names({"bob", "carol"}));
	CPPUNIT_ASSERT(list("?q=smith&role=member") == Names({"alice-smith", "bob"}));
	CPPUNIT_ASSERT(list("?q=jones&role=member").empty());
	CPPUNIT_ASSERT(list("?q=Carol%20J") == Names({"carol"}));
	// Wildcards are taken literally.
	CPPUNIT_ASSERT(list("?q=%25").empty());
	CPPUNIT_ASSERT(list("?q=_").empty());
}


void MembershipApiTest::testMemberReadsOwnAndOtherMemberships()
{
	User owner = signUp("owner");
	User bob = signUp("bob");
	signUp("carol");
	signUp("eve");
	createOrganization(owner, "acme");
	addMember(owner, "acme", "bob");
	addMember(owner, "acme", "carol", "admin");

	Response r = client().get(API + "/orgs/acme/members/bob", "", bob.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(bob.id, number(r.json(), "account_id"));
	CPPUNIT_ASSERT_EQUAL(std::string("member"), text(r.json(), "role"));
	CPPUNIT_ASSERT(!flag(r.json(), "owner"));

	// members.read: the others too, by username or by id.
	ASSERT_STATUS(r = client().get(API + "/orgs/acme/members/carol", "", bob.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::string("admin"), text(r.json(), "role"));
	ASSERT_STATUS(r = client().get(API + "/orgs/acme/members/" + std::to_string(owner.id), "", bob.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::string("owner"), text(r.json(), "username"));
	CPPUNIT_ASSERT(flag(r.json(), "owner"));
	ASSERT_STATUS(r = client().get(API + "/orgs/acme/members", "", bob.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(3), items(r)->size());

	// An account that is not a member, and one that does not exist.
	ASSERT_PROBLEM(client().get(API + "/orgs/acme/members/eve", "", bob.token), 404, "membership_not_found");
	ASSERT_PROBLEM(client().get(API + "/orgs/acme/members/ghost", "", bob.token), 404, "account_not_found");
}


void MembershipApiTest::testChangeRole()
{
	User owner = signUp("owner");
	User bob = signUp("bob");
	User carol = signUp("carol");
	createOrganization(owner, "acme");
	addMember(owner, "acme", "bob");
	addMember(owner, "acme", "carol", "admin");

	ASSERT_PROBLEM(client().patch(API + "/orgs/acme/members/carol", json({{"role", "member"}}), bob.token), 403,
	               "permission_denied");
	ASSERT_PROBLEM(client().patch(API + "/orgs/acme/members/bob", json({{"role", "admin"}}), bob.token), 403,
	               "permission_denied");
	ASSERT_PROBLEM(client().patch(API + "/orgs/acme/members/bob", json({{"role", "emperor"}}), owner.token), 400,
	               "unknown_role");
	ASSERT_PROBLEM(client().patch(API + "/orgs/acme/members/bob", "{}", owner.token), 400, "missing_field");

	Response r = client().patch(API + "/orgs/acme/members/bob", json({{"role", "admin"}}), carol.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(std::string("admin"), text(r.json(), "role"));
	CPPUNIT_ASSERT_EQUAL(bob.id, number(r.json(), "account_id"));
	// Now bob holds members.update.
	ASSERT_STATUS(r = client().patch(API + "/orgs/acme/members/carol", json({{"role", "member"}}), bob.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::string("member"), text(r.json(), "role"));
	ASSERT_STATUS(r = client().get(API + "/orgs/acme/members/carol", "", owner.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::string("member"), text(r.json(), "role"));
	ASSERT_STATUS(r = client().get(API + "/orgs/acme", "", carol.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::string("member"), text(child(r.json(), "membership"), "role"));
	// And carol lost it at once.
	ASSERT_PROBLEM(client().patch(API + "/orgs/acme/members/bob", json({{"role", "member"}}), carol.token), 403,
	               "permission_denied");
}


void MembershipApiTest::testOwnerMembershipIsImmutable()
{
	User owner = signUp("owner");
	User admin = signUp("admin");
	createOrganization(owner, "acme");
	addMember(owner, "acme", "admin", "admin");

	ASSERT_PROBLEM(client().patch(API + "/orgs/acme/members/owner", json({{"role", "member"}}), admin.token), 409,
	               "owner_immutable");
	ASSERT_PROBLEM(client().patch(API + "/orgs/acme/members/owner", json({{"role", "member"}}), owner.token), 409,
	               "owner_immutable");
	ASSERT_PROBLEM(client().del(API + "/orgs/acme/members/owner", "", admin.token), 409, "owner_immutable");
	ASSERT_PROBLEM(client().del(API + "/orgs/acme/members/owner", "", owner.token), 409, "owner_immutable");
	ASSERT_PROBLEM(client().post(API + "/orgs/acme/leave", "", owner.token), 409, "transfer_ownership_first");

	Response r = client().get(API + "/orgs/acme", "", owner.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(owner.id, number(r.json(), "owner_account_id"));
	CPPUNIT_ASSERT(flag(child(r.json(), "membership"), "owner"));
	ASSERT_STATUS(r = client().get(API + "/orgs/acme/members/owner", "", admin.token), 200);
	CPPUNIT_ASSERT(flag(r.json(), "owner"));
}


void MembershipApiTest::testMemberLeaves()
{
	User owner = signUp("owner");
	User bob = signUp("bob");
	User carol = signUp("carol");
	createOrganization(owner, "acme");
	addMember(owner, "acme", "bob");
	addMember(owner, "acme", "carol", "admin");

	ASSERT_STATUS(client().post(API + "/orgs/acme/leave", "", bob.token), 204);
	ASSERT_PROBLEM(client().get(API + "/orgs/acme", "", bob.token), 404, "organization_not_found");
	ASSERT_PROBLEM(client().get(API + "/orgs/acme/members", "", bob.token), 404, "organization_not_found");
	ASSERT_PROBLEM(client().post(API + "/orgs/acme/leave", "", bob.token), 404, "organization_not_found");
	ASSERT_PROBLEM(client().get(API + "/orgs/acme/members/bob", "", owner.token), 404, "membership_not_found");
	Response r = client().get(API + "/me", "", bob.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(0), r.json()->getArray("organizations")->size());

	// An admin leaves the same way (with an empty JSON object as the body).
	ASSERT_STATUS(client().post(API + "/orgs/acme/leave", "{}", carol.token), 204);
	ASSERT_PROBLEM(client().get(API + "/orgs/acme", "", carol.token), 404, "organization_not_found");
	ASSERT_STATUS(r = client().get(API + "/orgs/acme/members", "", owner.token), 200);
	CPPUNIT_ASSERT(usernames(r) == std::set<std::string>({"owner"}));
}


void MembershipApiTest::testTransferOwnershipNeedsAMember()
{
	User owner = signUp("owner");
	signUp("eve");
	createOrganization(owner, "acme");
	ASSERT_PROBLEM(client().post(API + "/orgs/acme/transfer-ownership", json({{"account", "eve"}}), owner.token), 409,
	               "not_a_member");
	ASSERT_PROBLEM(client().post(API + "/orgs/acme/transfer-ownership", "{}", owner.token), 400, "missing_field");
	Response r = client().get(API + "/orgs/acme", "", owner.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(owner.id, number(r.json(), "owner_account_id"));
}


void MembershipApiTest::testTransferOwnership()
{
	User owner = signUp("owner");
	User bob = signUp("bob");
	createOrganization(owner, "acme");
	addMember(owner, "acme", "bob");

	Response r = client().post(API + "/orgs/acme/transfer-ownership", json({{"account", "bob"}}), owner.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(bob.id, number(r.json(), "owner_account_id"));

	// The new owner.
	ASSERT_STATUS(r = client().get(API + "/orgs/acme", "", bob.token), 200);
	CPPUNIT_ASSERT_EQUAL(bob.id, number(r.json(), "owner_account_id"));
	CPPUNIT_ASSERT(flag(child(r.json(), "membership"), "owner"));
	ASSERT_STATUS(r = client().get(API + "/orgs/acme/members/bob", "", bob.token), 200);
	CPPUNIT_ASSERT(flag(r.json(), "owner"));

	// The former owner keeps a membership with orgs.roles.organization.formerOwner (admin).
	ASSERT_STATUS(r = client().get(API + "/orgs/acme/members/owner", "", bob.token), 200);
	CPPUNIT_ASSERT(!flag(r.json(), "owner"));
	CPPUNIT_ASSERT_EQUAL(std::string("admin"), text(r.json(), "role"));
	ASSERT_STATUS(r = client().get(API + "/orgs/acme", "", owner.token), 200);
	CPPUNIT_ASSERT(!flag(child(r.json(), "membership"), "owner"));
	CPPUNIT_ASSERT_EQUAL(std::string("admin"), text(child(r.json(), "membership"), "role"));

	// ... and lost what only the owner may do.
	ASSERT_PROBLEM(client().del(API + "/orgs/acme", "", owner.token), 403, "owner_only");
	ASSERT_PROBLEM(client().post(API + "/orgs/acme/transfer-ownership", json({{"account", "owner"}}), owner.token), 403,
	               "owner_only");
	ASSERT_STATUS(client().post(API + "/orgs/acme/leave", "", owner.token), 204);
	ASSERT_PROBLEM(client().post(API + "/orgs/acme/leave", "", bob.token), 409, "transfer_ownership_first");
	ASSERT_STATUS(client().del(API + "/orgs/acme", "", bob.token), 204);
}


void MembershipApiTest::testAdminCannotTransferOwnership()
{
	User owner = signUp("owner");
	User admin = signUp("admin");
	User bob = signUp("bob");
	createOrganization(owner, "acme");
	addMember(owner, "acme", "admin", "admin");
	addMember(owner, "acme", "bob");

	ASSERT_PROBLEM(client().post(API + "/orgs/acme/transfer-ownership", json({{"account", "admin"}}), admin.token), 403,
	               "owner_only");
	ASSERT_PROBLEM(client().post(API + "/orgs/acme/transfer-ownership", json({{"account", "bob"}}), admin.token), 403,
	               "owner_only");
	ASSERT_PROBLEM(client().post(API + "/orgs/acme/transfer-ownership", json({{"account", "bob"}}), bob.token), 403,
	               "owner_only");
	Response r = client().get(API + "/orgs/acme", "", admin.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(owner.id, number(r.json(), "owner_account_id"));
}


void MembershipApiTest::testMemberPagesNeitherSkipNorRepeat()
{
	User owner = signUp("owner");
	createOrganization(owner, "acme");
	std::set<Poco::Int64> atStart = {owner.id};
	std::vector<std::string> late; // signed up among the others: their ids fall between theirs
	for (int i = 0; i < 25; ++i)
	{
		const User u = signUp("early-" + std::to_string(i));
		addMember(owner, "acme", u.username);
		atStart.insert(u.id);
		if (i % 2 == 0)
			late.push_back(signUp("late-" + std::to_string(i)).username);
	}

	std::set<Poco::Int64> seen;
	std::string cursor;
	int pages = 0;
	std::size_t added = 0;
	while (true)
	{
		Response r = client().get(API + "/orgs/acme/members?limit=10" + (cursor.empty() ? "" : "&cursor=" + cursor), "",
		                          owner.token);
		ASSERT_STATUS(r, 200);
		Poco::JSON::Array::Ptr list = items(r);
		CPPUNIT_ASSERT(list->size() <= 10);
		for (std::size_t i = 0; i < list->size(); ++i)
		{
			const Poco::Int64 id = number(list->getObject(static_cast<unsigned>(i)), "account_id");
			CPPUNIT_ASSERT_MESSAGE("account " + std::to_string(id) + " listed twice", seen.insert(id).second);
		}
		++pages;
		CPPUNIT_ASSERT_MESSAGE("too many pages", pages < 20);
		if (isNull(r.json(), "next_cursor"))
			break;
		CPPUNIT_ASSERT_EQUAL_MESSAGE("a page with a next page is full", std::size_t(10), list->size());
		cursor = text(r.json(), "next_cursor");
		// Members join between the pages.
		for (int k = 0; k < 3 && added < late.size(); ++k)
			addMember(owner, "acme", late[added++]);
	}
	for (Poco::Int64 id : atStart)
		CPPUNIT_ASSERT_MESSAGE("account " + std::to_string(id) + " was skipped", seen.count(id) == 1);
	CPPUNIT_ASSERT(pages >= 3);
	CPPUNIT_ASSERT(added > 0);
}
