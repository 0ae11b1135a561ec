//
// DomainSignInTest.cpp
//
// Library: OrgsTests
// Package: EndToEnd
// Module:  DomainSignInTest
//


#include "DomainSignInTest.h"
#include "support/DnsServer.h"
#include "support/HttpAssert.h"
#include "support/OpenIdProvider.h"
#include "support/ReplayWorld.h"
#include "support/Suites.h"
#include "Poco/JSON/Array.h"
#include "Poco/JSON/Object.h"
#include "Poco/RandomStream.h"
#include "Poco/NumberFormatter.h"
#include <atomic>
#include <string>
#include <thread>
#include <vector>


using Orgs::Test::HostProcess;
using Orgs::Test::HttpClient;
using Orgs::Test::json;
using Orgs::Test::OpenIdProvider;
using Response = Orgs::Test::HttpClient::Response;
using User = Orgs::Test::ReplayWorld::User;


ORGS_TEST_SUITE(DomainSignInTest, "DomainSignIn", DATABASE);


namespace {


const std::string API("/api/v1");


struct Peers
	/// The name server and the provider, ready before the host that is configured to use them.
{
	Orgs::Test::DnsServer dnsServer;
	OpenIdProvider provider;
};


HostProcess::Defines configure(Peers& peers, const HostProcess::Defines& extra)
{
	HostProcess::Defines defines{{"orgs.domains.nameservers", peers.dnsServer.nameserver()},
	                             {"orgs.auth.oidc.primary.issuer", peers.provider.issuer(OpenIdProvider::PRIMARY)},
	                             {"orgs.auth.oidc.primary.audience", peers.provider.clientId(OpenIdProvider::PRIMARY)},
	                             {"orgs.auth.tls.caFile", peers.provider.caFile()}};
	for (const auto& kv : extra)
		defines[kv.first] = kv.second;
	return defines;
}


class World : private Peers, public Orgs::Test::ReplayWorld
	/// orgs-host (default preset) on a fresh database, trusting the provider's primary issuer.
{
public:
	explicit World(const HostProcess::Defines& extra = HostProcess::Defines())
	    : ReplayWorld("default", configure(*this, extra))
	{
	}

	OpenIdProvider& provider() { return Peers::provider; }

	void verified(const User& owner, const std::string& org, const std::string& domain, const std::string& mode,
	              const std::string& role)
		/// Claims, publishes and verifies domain for org, with the join mode and role.
	{
		Response r = client().post(API + "/orgs/" + org + "/domains", json({{"domain", domain}}), owner.token);
		ASSERT_STATUS(r, 201);
		Poco::JSON::Object::Ptr challenge = r.json()->getObject("challenge");
		dnsServer.setTxt(challenge->getValue<std::string>("name"), {challenge->getValue<std::string>("value")});
		ASSERT_STATUS(client().post(API + "/orgs/" + org + "/domains/" + domain + "/verify", "", owner.token), 200);
		ASSERT_STATUS(client().patch(API + "/orgs/" + org + "/domains/" + domain,
		                             json({{"join_mode", mode}, {"join_role", role}}), owner.token),
		              200);
	}

	std::string idToken(const std::string& prefix, const std::string& email, bool emailVerified)
		/// Adds a user of its own to the provider (the provider is shared by every suite) and
		/// returns an ID token of a real sign-in.
	{
		OpenIdProvider::User u;
		u.sub = prefix + "-" + random();
		u.email = email;
		u.emailVerified = emailVerified;
		u.name = "Test " + prefix;
		u.preferredUsername = prefix;
		provider().setUser(u);
		return provider().signIn(OpenIdProvider::PRIMARY, u.sub).idToken;
	}

	std::string role(const User& owner, const std::string& org, const std::string& username)
		/// Returns the member's role, or "" if username is not a member.
	{
		Response r = client().get(API + "/orgs/" + org + "/members/" + username, "", owner.token);
		return r.status == 200 ? r.json()->getValue<std::string>("role") : std::string();
	}

	static std::string random()
	{
		Poco::RandomInputStream in;
		std::string s;
		for (int i = 0; i < 6; ++i)
			s += Poco::NumberFormatter::formatHex(static_cast<unsigned>(in.get()) & 0xffu, 2);
		return s;
	}
};


std::string usernameOf(const Response& me)
{
	return me.json()->getObject("account")->getValue<std::string>("username");
}


} // namespace


void DomainSignInTest::testAutoJoinAtFirstSignIn()
{
	World w;
	const User ada = w.signUp("ada");
	w.organization(ada, "acme");
	w.verified(ada, "acme", "acme.test", "auto", "admin");

	// The first sign-in provisions the account and joins it, with the domain's role.
	const std::string token = w.idToken("cy", "cy-" + World::random() + "@Acme.test", true);
	Response me = w.client().get(API + "/me", "", token);
	ASSERT_STATUS(me, 200);
	const std::string cy = usernameOf(me);
	CPPUNIT_ASSERT_EQUAL(std::string("admin"), w.role(ada, "acme", cy));
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), me.json()->getArray("organizations")->size());
	// The token works as a member's.
	ASSERT_STATUS(w.client().get(API + "/orgs/acme/members", "", token), 200);

	// An email the provider did not verify joins nothing, and signs in all the same.
	const std::string other = w.idToken("dee", "dee-" + World::random() + "@acme.test", false);
	me = w.client().get(API + "/me", "", other);
	ASSERT_STATUS(me, 200);
	CPPUNIT_ASSERT_EQUAL(std::string(), w.role(ada, "acme", usernameOf(me)));
	CPPUNIT_ASSERT(me.json()->getArray("suggested_organizations")->size() == 0);
}


void DomainSignInTest::testSuggestAfterSignIn()
{
	World w;
	const User ada = w.signUp("ada");
	w.organization(ada, "acme");
	w.verified(ada, "acme", "acme.test", "suggest", "member");
	const std::string token = w.idToken("eve", "eve-" + World::random() + "@acme.test", true);
	Response me = w.client().get(API + "/me", "", token);
	ASSERT_STATUS(me, 200);
	const std::string eve = usernameOf(me);
	CPPUNIT_ASSERT_EQUAL(std::string(), w.role(ada, "acme", eve)); // suggested, not joined
	Poco::JSON::Array::Ptr suggested = me.json()->getArray("suggested_organizations");
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), suggested->size());
	CPPUNIT_ASSERT_EQUAL(std::string("acme"), suggested->getObject(0)->getValue<std::string>("username"));
	ASSERT_STATUS(w.client().post(API + "/me/suggested-organizations/acme/join", "", token), 201);
	CPPUNIT_ASSERT_EQUAL(std::string("member"), w.role(ada, "acme", eve));
}


void DomainSignInTest::testSeatsUnderConcurrentFirstSignIns()
{
	// The free plan of 3: the owner and two more; six people of the domain sign in at once.
	World w(HostProcess::Defines{{"orgs.plans.free.maxMembers", "3"}});
	const User ada = w.signUp("ada");
	w.organization(ada, "acme");
	w.verified(ada, "acme", "acme.test", "auto", "member");
	std::vector<std::string> tokens;
	for (int i = 0; i < 6; ++i)
		tokens.push_back(w.idToken("racer" + std::to_string(i),
		                           "racer" + std::to_string(i) + "-" + World::random() + "@acme.test", true));
	std::atomic<int> signedIn(0);
	std::vector<std::thread> threads;
	for (const std::string& token : tokens)
	{
		threads.emplace_back([&, token]() {
			HttpClient client(w.host().baseUrl());
			if (client.get(API + "/me", "", token).status == 200)
				++signedIn;
		});
	}
	for (auto& t : threads)
		t.join();
	// Every sign-in succeeded; two of them joined.
	CPPUNIT_ASSERT_EQUAL(6, signedIn.load());
	Response r = w.client().get(API + "/orgs/acme/members", "", ada.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(3), r.json()->getArray("items")->size());
	r = w.client().get(API + "/orgs/acme/audit?action=domain.joined", "", ada.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), r.json()->getArray("items")->size());
}
