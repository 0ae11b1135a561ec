//
// DomainJoinTest.cpp
//
// Library: OrgsTests
// Package: Identity
// Module:  DomainJoinTest
//


#include "DomainJoinTest.h"
#include "identity/DomainServiceImpl.h"
#include "identity/SignInStep.h"
#include "support/ApiServer.h"
#include "support/DnsServer.h"
#include "support/HttpAssert.h"
#include "support/ReplayWorld.h"
#include "support/Suites.h"
#include "support/TestRuntime.h"
#include "Runtime.h"
#include "Orgs/Errors.h"
#include "Poco/JSON/Object.h"
#include <memory>
#include <string>


using Orgs::Federation::DomainServiceImpl;
using Orgs::Federation::SignIn;
using Orgs::Federation::SignInStep;
using Orgs::Federation::VerifiedToken;
using Orgs::Test::json;
using Orgs::Test::TestRuntime;
using Response = Orgs::Test::HttpClient::Response;
using User = Orgs::Test::ReplayWorld::User;


ORGS_TEST_SUITE(DomainJoinTest, "DomainJoin", DATABASE);


namespace {


class Fixture
	/// A runtime asking a dnsmasq of its own, served over HTTP, and its sign-in step.
{
public:
	explicit Fixture(const TestRuntime::Settings& extra = TestRuntime::Settings())
	    : _runtime(settings(extra)), _server(_runtime.runtime()), _world(_server.baseUrl(), _runtime.databasePtr())
	{
	}

	Orgs::Test::ReplayWorld& world() { return _world; }
	TestRuntime& runtime() { return _runtime; }

	SignInStep& step() { return dynamic_cast<SignInStep&>(*_runtime.runtime().domains()); }

	void verified(const User& owner, const std::string& org, const std::string& domain, const std::string& mode,
	              const std::string& role)
		/// Claims, publishes, verifies and sets the join mode of domain.
	{
		Response r = _world.post("/orgs/" + org + "/domains", json({{"domain", domain}}), owner);
		ASSERT_STATUS(r, 201);
		Poco::JSON::Object::Ptr challenge = r.json()->getObject("challenge");
		_dns.setTxt(challenge->getValue<std::string>("name"), {challenge->getValue<std::string>("value")});
		ASSERT_STATUS(_world.post("/orgs/" + org + "/domains/" + domain + "/verify", "", owner), 200);
		ASSERT_STATUS(_world.patch("/orgs/" + org + "/domains/" + domain,
		                           json({{"join_mode", mode}, {"join_role", role}}), owner),
		              200);
	}

	void signIn(const User& user, bool emailVerified, bool first)
		/// Runs the step for a sign-in of user with its email.
	{
		VerifiedToken token;
		token.issuer = "https://idp.test";
		token.subject = user.username;
		token.email = user.email;
		token.emailVerified = emailVerified;
		SignIn s{token, 0, 0, false, false, false, std::string()};
		s.accountId = user.id;
		s.identityId = 1;
		s.identityCreated = first;
		s.emailVerified = emailVerified;
		s.email = user.email;
		step().signedIn(s);
	}

	std::string role(const User& owner, const std::string& org, const User& user)
		/// Returns user's role in org, or "" if not a member.
	{
		Response r = _world.get("/orgs/" + org + "/members/" + user.username, owner);
		return r.status == 200 ? r.json()->getValue<std::string>("role") : std::string();
	}

private:
	TestRuntime::Settings settings(const TestRuntime::Settings& extra)
	{
		TestRuntime::Settings s{{"orgs.accounts.selfSignup", "true"},
		                        {"orgs.mail.deliver", "false"},
		                        {"orgs.domains.nameservers", _dns.nameserver()},
		                        {"orgs.domains.dnsTimeoutSeconds", "1"}};
		for (const auto& kv : extra)
			s[kv.first] = kv.second;
		return s;
	}

	Orgs::Test::DnsServer _dns;
	TestRuntime _runtime;
	Orgs::Test::ApiServer _server;
	Orgs::Test::ReplayWorld _world;
};


} // namespace


void DomainJoinTest::testAutoJoinAtFirstSignIn()
{
	Fixture f;
	const User ada = f.world().signUp("ada");
	const Orgs::Id acme = f.world().organization(ada, "acme");
	f.verified(ada, "acme", "acme.test", "auto", "admin");
	const User cy = f.world().signUp("cy", "cy@ACME.test");
	CPPUNIT_ASSERT_EQUAL(std::string(), f.role(ada, "acme", cy));
	f.signIn(cy, true, true);
	CPPUNIT_ASSERT_EQUAL(std::string("admin"), f.role(ada, "acme", cy));
	Response r = f.world().get("/orgs/acme/audit?action=domain.joined", ada);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), r.json()->getArray("items")->size());
	// A member already: a further first sign-in (another identity) changes nothing.
	f.signIn(cy, true, true);
	CPPUNIT_ASSERT_EQUAL(std::string("admin"), f.role(ada, "acme", cy));
	// The access the join gave holds at once in this process.
	CPPUNIT_ASSERT(f.runtime().access().isAllowed(cy.id, acme, Orgs::Permission::DomainsManage));
}


void DomainJoinTest::testNoJoin()
{
	Fixture f;
	const User ada = f.world().signUp("ada");
	const User bob = f.world().signUp("bob");
	f.world().organization(ada, "acme");
	f.world().organization(bob, "globex");
	f.verified(ada, "acme", "acme.test", "auto", "member");
	f.verified(bob, "globex", "globex.test", "suggest", "member");
	const User cy = f.world().signUp("cy", "cy@acme.test");
	const User dee = f.world().signUp("dee", "dee@globex.test");
	const User eve = f.world().signUp("eve", "eve@sub.acme.test");
	f.signIn(cy, false, true); // the provider did not verify the email
	f.signIn(cy, true, false); // not the first sign-in
	f.signIn(dee, true, true); // suggest, not auto
	f.signIn(eve, true, true); // a subdomain is another domain
	CPPUNIT_ASSERT_EQUAL(std::string(), f.role(ada, "acme", cy));
	CPPUNIT_ASSERT_EQUAL(std::string(), f.role(bob, "globex", dee));
	CPPUNIT_ASSERT_EQUAL(std::string(), f.role(ada, "acme", eve));
	// Created by the sign-in counts as its first.
	VerifiedToken token;
	SignIn s{token, 0, 0, false, false, false, std::string()};
	s.accountId = cy.id;
	s.accountCreated = true;
	s.emailVerified = true;
	s.email = cy.email;
	f.step().signedIn(s);
	CPPUNIT_ASSERT_EQUAL(std::string("member"), f.role(ada, "acme", cy));
}


void DomainJoinTest::testFullOrganization()
{
	Fixture f(TestRuntime::Settings{{"orgs.plans.free.maxMembers", "2"}});
	const User ada = f.world().signUp("ada");
	f.world().organization(ada, "acme");
	f.verified(ada, "acme", "acme.test", "auto", "member");
	const User cy = f.world().signUp("cy", "cy@acme.test");
	const User dee = f.world().signUp("dee", "dee@acme.test");
	f.signIn(cy, true, true);
	CPPUNIT_ASSERT_EQUAL(std::string("member"), f.role(ada, "acme", cy));
	// The plan's two seats are taken: the sign-in goes on, the join does not happen.
	f.signIn(dee, true, true);
	CPPUNIT_ASSERT_EQUAL(std::string(), f.role(ada, "acme", dee));
	// joinAutomatically() itself says why.
	DomainServiceImpl& domains = dynamic_cast<DomainServiceImpl&>(*f.runtime().runtime().domains());
	try
	{
		domains.joinAutomatically(dee.id, dee.email);
		CPPUNIT_FAIL("a full organization took a member");
	}
	catch (Orgs::QuotaExceededException& exc)
	{
		CPPUNIT_ASSERT_EQUAL(std::string("seat_limit"), exc.reason());
	}
}


void DomainJoinTest::testNormalize()
{
	CPPUNIT_ASSERT_EQUAL(std::string("example.com"), Orgs::Service::EmailDomains::normalize(" Example.COM. "));
	CPPUNIT_ASSERT_EQUAL(std::string("xn--bcher-kva.example"),
	                     Orgs::Service::EmailDomains::normalize("xn--bcher-kva.example"));
	CPPUNIT_ASSERT_EQUAL(std::string("a-b.c9.io"), Orgs::Service::EmailDomains::normalize("a-b.c9.io"));
	for (const char* bad : {"com", ".com", "a..b", "1.2.3.4", "-a.io", "a-.io", "a_b.io", "a b.io"})
	{
		try
		{
			Orgs::Service::EmailDomains::normalize(bad);
			CPPUNIT_FAIL("accepted '" + std::string(bad) + "'");
		}
		catch (Orgs::InvalidInputException& exc)
		{
			CPPUNIT_ASSERT_EQUAL(std::string("invalid_domain"), exc.reason());
		}
	}
	CPPUNIT_ASSERT_EQUAL(std::string("acme.test"), Orgs::Service::EmailDomains::of("Cy@Acme.Test"));
	CPPUNIT_ASSERT_EQUAL(std::string(), Orgs::Service::EmailDomains::of("nobody"));
}
