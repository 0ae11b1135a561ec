//
// AuditApiTest.cpp
//
// Library: OrgsTests
// Package: EndToEnd
// Module:  AuditApiTest
//


#include "AuditApiTest.h"
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


ORGS_TEST_SUITE(AuditApiTest, "AuditApi", DATABASE);


void AuditApiTest::testAuditLog()
{
	User owner = signUp("owner");
	User bob = signUp("bob");
	User cy = signUp("cy");
	const Poco::Int64 org = createOrganization(owner, "acme");
	addMember(owner, "acme", "bob");
	addMember(owner, "acme", "cy", "admin");
	ASSERT_STATUS(client().patch(API + "/orgs/acme/members/bob", json({{"role", "admin"}}), cy.token), 200);

	Response r;
	ASSERT_STATUS(r = client().get(API + "/orgs/acme/audit", "", cy.token), 200);
	Poco::JSON::Array::Ptr events = items(r);
	CPPUNIT_ASSERT_EQUAL(std::size_t(4), events->size());
	CPPUNIT_ASSERT(isNull(r.json(), "next_cursor"));
	Poco::JSON::Object::Ptr e = events->getObject(0);
	CPPUNIT_ASSERT_EQUAL(std::string("member.role_changed"), text(e, "action"));
	CPPUNIT_ASSERT_EQUAL(cy.id, number(child(e, "actor"), "id"));
	CPPUNIT_ASSERT_EQUAL(std::string("cy"), text(child(e, "actor"), "username"));
	CPPUNIT_ASSERT_EQUAL(std::string("account"), text(child(e, "target"), "type"));
	CPPUNIT_ASSERT_EQUAL(bob.id, number(child(e, "target"), "id"));
	CPPUNIT_ASSERT_EQUAL(std::string("bob"), text(child(e, "target"), "label"));
	CPPUNIT_ASSERT_EQUAL(std::string("member"), text(child(child(e, "details"), "before"), "role"));
	CPPUNIT_ASSERT_EQUAL(std::string("admin"), text(child(child(e, "details"), "after"), "role"));
	CPPUNIT_ASSERT(Poco::endsWith(text(e, "created_at"), std::string("Z")));
	Poco::JSON::Object::Ptr created = events->getObject(3);
	CPPUNIT_ASSERT_EQUAL(std::string("organization.created"), text(created, "action"));
	CPPUNIT_ASSERT_EQUAL(org, number(child(created, "target"), "id"));
	CPPUNIT_ASSERT(number(e, "id") > number(created, "id"));

	// audit.read: the owner and admins; a member 403, a non-member 404.
	ASSERT_STATUS(client().get(API + "/orgs/" + std::to_string(org) + "/audit", "", owner.token), 200);
	User eve = signUp("eve");
	ASSERT_PROBLEM(client().get(API + "/orgs/acme/audit", "", eve.token), 404, "organization_not_found");
	ASSERT_STATUS(client().patch(API + "/orgs/acme/members/bob", json({{"role", "member"}}), owner.token), 200);
	ASSERT_PROBLEM(client().get(API + "/orgs/acme/audit", "", bob.token), 403, "permission_denied");

	// A removed member's events stay and name the account.
	ASSERT_STATUS(client().del(API + "/orgs/acme/members/cy", "", owner.token), 204);
	ASSERT_STATUS(r = client().get(API + "/orgs/acme/audit?actor=cy", "", owner.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), items(r)->size());
	CPPUNIT_ASSERT_EQUAL(std::string("cy"), text(child(items(r)->getObject(0), "actor"), "username"));
	ASSERT_STATUS(r = client().get(API + "/orgs/acme/audit?action=member.removed", "", owner.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::string("cy"), text(child(items(r)->getObject(0), "target"), "label"));

	// Deleted: the log is gone with the organization; restored: it is back, with both events.
	ASSERT_STATUS(client().del(API + "/orgs/acme", "", owner.token), 204);
	ASSERT_PROBLEM(client().get(API + "/orgs/acme/audit", "", owner.token), 404, "organization_not_found");
	ASSERT_STATUS(client().post(API + "/orgs/acme/restore", "", owner.token), 200);
	ASSERT_STATUS(r = client().get(API + "/orgs/acme/audit?limit=2", "", owner.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::string("organization.restored"), text(items(r)->getObject(0), "action"));
	CPPUNIT_ASSERT_EQUAL(std::string("organization.deleted"), text(items(r)->getObject(1), "action"));
	CPPUNIT_ASSERT(!isNull(r.json(), "next_cursor"));
}


void AuditApiTest::testAuditLogFilters()
{
	User owner = signUp("owner");
	signUp("bob");
	createOrganization(owner, "acme");
	addMember(owner, "acme", "bob");
	const std::string audit = API + "/orgs/acme/audit";

	Response r;
	ASSERT_STATUS(r = client().get(audit + "?action=member.added&actor=owner", "", owner.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), items(r)->size());
	ASSERT_STATUS(r = client().get(audit + "?actor=" + std::to_string(owner.id), "", owner.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), items(r)->size());
	ASSERT_STATUS(
	    r = client().get(audit + "?since=2000-01-01T00:00:00Z&until=2999-01-01T00:00:00.5%2B02:00", "", owner.token),
	    200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), items(r)->size());
	ASSERT_STATUS(r = client().get(audit + "?since=2999-01-01T00:00:00Z", "", owner.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(0), items(r)->size());
	ASSERT_STATUS(r = client().get(audit + "?until=2000-01-01T00:00:00-05:00", "", owner.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(0), items(r)->size());

	// Keyset pages: newest first, the cursor continues below the last id.
	ASSERT_STATUS(r = client().get(audit + "?limit=1", "", owner.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::string("member.added"), text(items(r)->getObject(0), "action"));
	ASSERT_STATUS(r = client().get(audit + "?limit=1&cursor=" + text(r.json(), "next_cursor"), "", owner.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::string("organization.created"), text(items(r)->getObject(0), "action"));
	CPPUNIT_ASSERT(isNull(r.json(), "next_cursor"));

	ASSERT_PROBLEM(client().get(audit + "?since=yesterday", "", owner.token), 400, "invalid_since");
	ASSERT_PROBLEM(client().get(audit + "?until=2026-13-01T00:00:00Z", "", owner.token), 400, "invalid_until");
	ASSERT_PROBLEM(client().get(audit + "?since=2026-01-01", "", owner.token), 400, "invalid_since");
	ASSERT_PROBLEM(client().get(audit + "?since=2026-01-02T00:00:00Z&until=2026-01-01T00:00:00Z", "", owner.token), 400,
	               "invalid_time_range");
	ASSERT_PROBLEM(client().get(audit + "?action=Member%20Added", "", owner.token), 400, "invalid_action");
	ASSERT_PROBLEM(client().get(audit + "?actor=nobody", "", owner.token), 400, "invalid_actor");
	ASSERT_PROBLEM(client().get(audit + "?limit=0", "", owner.token), 400, "invalid_limit");
	ASSERT_PROBLEM(client().get(audit + "?cursor=zzz", "", owner.token), 400, "invalid_cursor");
}
