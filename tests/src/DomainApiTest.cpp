//
// DomainApiTest.cpp
//
// Library: OrgsTests
// Package: EndToEnd
// Module:  DomainApiTest
//


#include "DomainApiTest.h"
#include "support/DnsServer.h"
#include "support/HttpAssert.h"
#include "support/ReplayWorld.h"
#include "support/Suites.h"
#include "Poco/Data/Session.h"
#include "Poco/JSON/Array.h"
#include "Poco/JSON/Object.h"
#include "Poco/Net/DatagramSocket.h"
#include "Poco/Net/SocketAddress.h"
#include "Poco/Timestamp.h"
#include <atomic>
#include <string>
#include <thread>
#include <vector>


using Orgs::Test::HostProcess;
using Orgs::Test::HttpClient;
using Orgs::Test::json;
using Response = Orgs::Test::HttpClient::Response;
using User = Orgs::Test::ReplayWorld::User;


ORGS_TEST_SUITE(DomainApiTest, "DomainApi", DATABASE);


namespace {


const std::string API("/api/v1");


struct DnsHolder
	/// The name server, started before the host that is configured to ask it.
{
	Orgs::Test::DnsServer dnsServer;
};


HostProcess::Defines withNameServer(const std::string& nameserver, const HostProcess::Defines& extra)
{
	HostProcess::Defines defines{{"orgs.domains.nameservers", nameserver}, {"orgs.domains.dnsTimeoutSeconds", "1"}};
	for (const auto& kv : extra)
		defines[kv.first] = kv.second;
	return defines;
}


class World : private DnsHolder, public Orgs::Test::ReplayWorld
	/// orgs-host (default preset) on a fresh database, asking a dnsmasq of its own; and the
	/// steps of the tests.
{
public:
	explicit World(const HostProcess::Defines& extra = HostProcess::Defines())
	    : ReplayWorld("default", withNameServer(dnsServer.nameserver(), extra))
	{
	}

	Orgs::Test::DnsServer& dns() { return dnsServer; }

	Poco::JSON::Object::Ptr claim(const User& actor, const std::string& org, const std::string& domain)
		/// Claims domain for org and returns the answer (201).
	{
		Response r = client().post(API + "/orgs/" + org + "/domains", json({{"domain", domain}}), actor.token);
		ASSERT_STATUS(r, 201);
		return r.json();
	}

	Response verify(const User& actor, const std::string& org, const std::string& domain)
	{
		return client().post(API + "/orgs/" + org + "/domains/" + domain + "/verify", "", actor.token);
	}

	void publish(const Poco::JSON::Object::Ptr& claimed)
		/// Publishes the claim's challenge as its TXT record.
	{
		Poco::JSON::Object::Ptr challenge = claimed->getObject("challenge");
		dns().setTxt(challenge->getValue<std::string>("name"), {challenge->getValue<std::string>("value")});
	}

	Poco::JSON::Object::Ptr verified(const User& actor, const std::string& org, const std::string& domain,
	                                 const std::string& joinMode = std::string(),
	                                 const std::string& joinRole = std::string())
		/// Claims, publishes and verifies domain for org, then sets the join mode and role if given.
	{
		publish(claim(actor, org, domain));
		Response r = verify(actor, org, domain);
		ASSERT_STATUS(r, 200);
		if (joinMode.empty())
			return r.json();
		Poco::JSON::Object::Ptr body = object();
		body->set("join_mode", joinMode);
		if (!joinRole.empty())
			body->set("join_role", joinRole);
		r = client().patch(API + "/orgs/" + org + "/domains/" + domain, stringify(body), actor.token);
		ASSERT_STATUS(r, 200);
		return r.json();
	}

	void verifyEmail(const User& user)
		/// Marks the account's email as verified by an identity provider, as a sign-in through one
		/// does.
	{
		Poco::Data::Session s = database().session();
		Poco::Int64 id = user.id;
		s << "UPDATE accounts SET email_verified = 1 WHERE id = ?", Poco::Data::Keywords::use(id),
		    Poco::Data::Keywords::now;
	}

	std::vector<std::string> suggested(const User& user)
		/// Returns the usernames of GET /me's suggested_organizations.
	{
		Response r = client().get(API + "/me", "", user.token);
		ASSERT_STATUS(r, 200);
		Poco::JSON::Array::Ptr list = r.json()->getArray("suggested_organizations");
		CPPUNIT_ASSERT_MESSAGE(r.describe(), !list.isNull());
		std::vector<std::string> names;
		for (std::size_t i = 0; i < list->size(); ++i)
			names.push_back(list->getObject(static_cast<unsigned>(i))->getValue<std::string>("username"));
		return names;
	}

	std::size_t events(const User& actor, const std::string& org, const std::string& action)
	{
		Response r = client().get(API + "/orgs/" + org + "/audit?action=" + action, "", actor.token);
		ASSERT_STATUS(r, 200);
		return r.json()->getArray("items")->size();
	}

	bool member(const User& owner, const std::string& org, const User& user)
	{
		return client().get(API + "/orgs/" + org + "/members/" + user.username, "", owner.token).status == 200;
	}
};


std::string detail(const Response& r)
{
	return r.json()->optValue<std::string>("detail", "");
}


} // namespace


void DomainApiTest::testClaimAndVerify()
{
	World w;
	const User ada = w.signUp("ada");
	const Poco::Int64 acme = w.organization(ada, "acme");

	// A claim in any case is stored in lower case, with its challenge.
	Response r = w.client().post(API + "/orgs/acme/domains", json({{"domain", "Acme.Test."}}), ada.token);
	ASSERT_STATUS(r, 201);
	Poco::JSON::Object::Ptr d = r.json();
	CPPUNIT_ASSERT_EQUAL(std::string("acme.test"), d->getValue<std::string>("domain"));
	CPPUNIT_ASSERT_EQUAL(acme, d->getValue<Poco::Int64>("organization_id"));
	CPPUNIT_ASSERT(!d->getValue<bool>("verified"));
	CPPUNIT_ASSERT(d->isNull("verified_at"));
	CPPUNIT_ASSERT_EQUAL(std::string("off"), d->getValue<std::string>("join_mode"));
	Poco::JSON::Object::Ptr challenge = d->getObject("challenge");
	CPPUNIT_ASSERT_EQUAL(std::string("TXT"), challenge->getValue<std::string>("type"));
	CPPUNIT_ASSERT_EQUAL(std::string("_orgs-challenge.acme.test"), challenge->getValue<std::string>("name"));
	const std::string value = challenge->getValue<std::string>("value");
	CPPUNIT_ASSERT(value.size() >= 32);
	CPPUNIT_ASSERT(r.header("Location").find("/orgs/acme/domains/acme.test") != std::string::npos);

	// A second claim has another challenge.
	const std::string other =
	    w.claim(ada, "acme", "acme2.test")->getObject("challenge")->getValue<std::string>("value");
	CPPUNIT_ASSERT(other != value);

	// Read back, alone and listed; in any case.
	r = w.client().get(API + "/orgs/acme/domains/ACME.test", "", ada.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(value, r.json()->getObject("challenge")->getValue<std::string>("value"));
	r = w.client().get(API + "/orgs/acme/domains", "", ada.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), r.json()->getArray("items")->size());
	ASSERT_PROBLEM(w.client().get(API + "/orgs/acme/domains/other.test", "", ada.token), 404, "domain_not_found");

	// The record published among others, the domain verifies.
	w.dns().setTxt("_orgs-challenge.acme.test", {"v=spf1 -all", value});
	r = w.verify(ada, "acme", "acme.test");
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT(r.json()->getValue<bool>("verified"));
	CPPUNIT_ASSERT(!r.json()->isNull("verified_at"));
	const std::string verifiedAt = r.json()->getValue<std::string>("verified_at");

	// Verifying again changes nothing, even once the record is gone.
	w.dns().removeTxt("_orgs-challenge.acme.test");
	r = w.verify(ada, "acme", "acme.test");
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(verifiedAt, r.json()->getValue<std::string>("verified_at"));

	CPPUNIT_ASSERT_EQUAL(std::size_t(2), w.events(ada, "acme", "domain.added"));
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), w.events(ada, "acme", "domain.verified"));
	// The resolver asked the server, over the port it was given.
	CPPUNIT_ASSERT(w.dns().log().find("_orgs-challenge.acme.test") != std::string::npos);
}


void DomainApiTest::testWrongValueAndNoRecord()
{
	World w;
	const User ada = w.signUp("ada");
	w.organization(ada, "acme");
	const Poco::JSON::Object::Ptr d = w.claim(ada, "acme", "acme.test");
	const std::string value = d->getObject("challenge")->getValue<std::string>("value");

	// No record at all: the name does not exist.
	Response r = w.verify(ada, "acme", "acme.test");
	ASSERT_PROBLEM(r, 409, "domain_verification_failed");
	CPPUNIT_ASSERT_MESSAGE(r.describe(), detail(r).find("_orgs-challenge.acme.test") != std::string::npos);
	CPPUNIT_ASSERT_MESSAGE(r.describe(), detail(r).find(value) != std::string::npos);
	CPPUNIT_ASSERT_MESSAGE(r.describe(), detail(r).find("no TXT record") != std::string::npos);

	// A TXT record of the domain itself is not the challenge's.
	w.dns().setTxt("acme.test", {"v=spf1 -all"});
	ASSERT_PROBLEM(w.verify(ada, "acme", "acme.test"), 409, "domain_verification_failed");

	// A wrong value: the answer says what was found.
	w.dns().setTxt("_orgs-challenge.acme.test", {"orgs-verify-wrong"});
	r = w.verify(ada, "acme", "acme.test");
	ASSERT_PROBLEM(r, 409, "domain_verification_failed");
	CPPUNIT_ASSERT_MESSAGE(r.describe(), detail(r).find("\"orgs-verify-wrong\"") != std::string::npos);
	CPPUNIT_ASSERT_MESSAGE(r.describe(), detail(r).find(value) != std::string::npos);

	// Still not verified, nothing audited; then the right value verifies.
	r = w.client().get(API + "/orgs/acme/domains/acme.test", "", ada.token);
	CPPUNIT_ASSERT(!r.json()->getValue<bool>("verified"));
	CPPUNIT_ASSERT_EQUAL(std::size_t(0), w.events(ada, "acme", "domain.verified"));
	w.dns().setTxt("_orgs-challenge.acme.test", {value});
	ASSERT_STATUS(w.verify(ada, "acme", "acme.test"), 200);
	// Not claimed: nothing to verify.
	ASSERT_PROBLEM(w.verify(ada, "acme", "other.test"), 404, "domain_not_found");
}


void DomainApiTest::testAnswerTooLargeForUdp()
{
	// Twelve records of 250 bytes: over 3 KB, far beyond a plain UDP answer (512 bytes), so the
	// server sets TC and the resolver must ask again over TCP to see the challenge, last.
	World w;
	const User ada = w.signUp("ada");
	w.organization(ada, "acme");
	const Poco::JSON::Object::Ptr d = w.claim(ada, "acme", "acme.test");
	std::vector<std::string> values;
	for (int i = 0; i < 12; ++i)
		values.push_back("filler-" + std::to_string(i) + "-" + std::string(240, 'x'));
	values.push_back(d->getObject("challenge")->getValue<std::string>("value"));
	w.dns().setTxt("_orgs-challenge.acme.test", values);
	Response r = w.verify(ada, "acme", "acme.test");
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT(r.json()->getValue<bool>("verified"));
}


void DomainApiTest::testClaimedTwice()
{
	World w;
	const User ada = w.signUp("ada");
	const User bob = w.signUp("bob");
	w.organization(ada, "acme");
	w.organization(bob, "globex");

	// Both claim it before anyone verifies: allowed; both challenges are published.
	const Poco::JSON::Object::Ptr mine = w.claim(ada, "acme", "acme.test");
	const Poco::JSON::Object::Ptr theirs = w.claim(bob, "globex", "acme.test");
	w.dns().setTxt("_orgs-challenge.acme.test", {mine->getObject("challenge")->getValue<std::string>("value"),
	                                             theirs->getObject("challenge")->getValue<std::string>("value")});
	ASSERT_STATUS(w.verify(ada, "acme", "acme.test"), 200);
	// The second to verify is refused, whatever DNS says.
	ASSERT_PROBLEM(w.verify(bob, "globex", "acme.test"), 409, "domain_claimed");
	// Nor can anyone claim it any more; the organization that has it cannot claim it twice.
	const User cy = w.signUp("cy");
	w.organization(cy, "initech");
	ASSERT_PROBLEM(w.client().post(API + "/orgs/initech/domains", json({{"domain", "ACME.test"}}), cy.token), 409,
	               "domain_claimed");
	ASSERT_PROBLEM(w.client().post(API + "/orgs/acme/domains", json({{"domain", "acme.test"}}), ada.token), 409,
	               "domain_exists");
	// Once acme lets it go, globex verifies it.
	ASSERT_STATUS(w.client().del(API + "/orgs/acme/domains/acme.test", "", ada.token), 204);
	ASSERT_STATUS(w.verify(bob, "globex", "acme.test"), 200);
}


void DomainApiTest::testPublicAndMalformedDomains()
{
	World w(HostProcess::Defines{{"orgs.domains.publicDomains", "gmail.com, Mail.Example"}});
	const User ada = w.signUp("ada");
	w.organization(ada, "acme");
	for (const char* d : {"gmail.com", "GMAIL.COM", "eu.gmail.com", "mail.example"})
		ASSERT_PROBLEM(w.client().post(API + "/orgs/acme/domains", json({{"domain", d}}), ada.token), 400,
		               "public_domain");
	for (const std::string& d : std::vector<std::string>{"", "localhost", "192.168.1.10", "-acme.test", "acme-.test",
	                                                     "ac me.test", "acme..test", "acme_x.test",
	                                                     "b\xc3\xbc"
	                                                     "cher.test",
	                                                     std::string(64, 'a') + ".test", "@acme.test", "acme.test/x"})
		ASSERT_PROBLEM(w.client().post(API + "/orgs/acme/domains", json({{"domain", d}}), ada.token), 400,
		               "invalid_domain");
	// Not in the configured list: outlook.com is anyone's here.
	w.claim(ada, "acme", "outlook.com");
	ASSERT_PROBLEM(w.client().post(API + "/orgs/acme/domains", "{\"domain\":\"a.test\",\"x\":1}", ada.token), 400,
	               "unknown_field");
	ASSERT_PROBLEM(w.client().post(API + "/orgs/acme/domains", "{}", ada.token), 400, "missing_field");

	// The shipped list refuses the big mail providers.
	World shipped;
	const User bob = shipped.signUp("bob");
	shipped.organization(bob, "globex");
	for (const char* d : {"gmail.com", "outlook.com", "hotmail.com", "yahoo.com", "icloud.com", "proton.me"})
		ASSERT_PROBLEM(shipped.client().post(API + "/orgs/globex/domains", json({{"domain", d}}), bob.token), 400,
		               "public_domain");
}


void DomainApiTest::testWhoManagesDomains()
{
	World w;
	const User ada = w.signUp("ada");
	const User adm = w.signUp("adm");
	const User mem = w.signUp("mem");
	const User out = w.signUp("out");
	w.organization(ada, "acme");
	ASSERT_STATUS(
	    w.client().post(API + "/orgs/acme/members", json({{"username", "adm"}, {"role", "admin"}}), ada.token), 201);
	ASSERT_STATUS(w.client().post(API + "/orgs/acme/members", json({{"username", "mem"}}), ada.token), 201);
	w.claim(adm, "acme", "acme.test"); // admins hold domains.manage through "*"
	ASSERT_PROBLEM(w.client().get(API + "/orgs/acme/domains", "", mem.token), 403, "permission_denied");
	ASSERT_PROBLEM(w.client().post(API + "/orgs/acme/domains/acme.test/verify", "", mem.token), 403,
	               "permission_denied");
	ASSERT_PROBLEM(w.client().get(API + "/orgs/acme/domains", "", out.token), 404, "organization_not_found");
	ASSERT_PROBLEM(w.client().del(API + "/orgs/acme/domains/acme.test", "", out.token), 404, "organization_not_found");
	ASSERT_PROBLEM(w.client().get(API + "/orgs/acme/domains", "", ""), 401, "unauthenticated");
}


void DomainApiTest::testNameServersDoNotAnswer()
{
	// A UDP socket that never reads: the question is never answered.
	Poco::Net::DatagramSocket silent(Poco::Net::SocketAddress("127.0.0.1", 0), true);
	World w(HostProcess::Defines{{"orgs.domains.nameservers", silent.address().toString()},
	                             {"orgs.domains.dnsTimeoutSeconds", "1"},
	                             {"orgs.domains.dnsAttempts", "1"}});
	const User ada = w.signUp("ada");
	w.organization(ada, "acme");
	w.claim(ada, "acme", "acme.test");
	Poco::Timestamp started;
	Response r = w.verify(ada, "acme", "acme.test");
	ASSERT_PROBLEM(r, 503, "dns_unavailable");
	CPPUNIT_ASSERT_MESSAGE("took " + std::to_string(started.elapsed() / 1000) + " ms", started.elapsed() < 4000000);
	CPPUNIT_ASSERT_MESSAGE(r.describe(), detail(r).find("127.0.0.1") == std::string::npos); // no address in answers
	r = w.client().get(API + "/orgs/acme/domains/acme.test", "", ada.token);
	CPPUNIT_ASSERT(!r.json()->getValue<bool>("verified"));
	// The server answers again: verification works (another world: a port nobody listens on
	// is refused at once, not timed out).
	Poco::Net::DatagramSocket closed(Poco::Net::SocketAddress("127.0.0.1", 0), true);
	const std::string nobody = closed.address().toString();
	closed.close();
	World refused(HostProcess::Defines{{"orgs.domains.nameservers", nobody}, {"orgs.domains.dnsAttempts", "1"}});
	const User bob = refused.signUp("bob");
	refused.organization(bob, "globex");
	refused.claim(bob, "globex", "globex.test");
	started.update();
	ASSERT_PROBLEM(refused.verify(bob, "globex", "globex.test"), 503, "dns_unavailable");
	CPPUNIT_ASSERT(started.elapsed() < 4000000);
}


void DomainApiTest::testJoinModes()
{
	World w;
	const User ada = w.signUp("ada");
	const User adm = w.signUp("adm");
	w.organization(ada, "acme");
	ASSERT_STATUS(
	    w.client().post(API + "/orgs/acme/members", json({{"username", "adm"}, {"role", "admin"}}), ada.token), 201);
	const Poco::JSON::Object::Ptr d = w.claim(ada, "acme", "acme.test");
	const std::string path = API + "/orgs/acme/domains/acme.test";

	// Not verified: no joining by it; "off" is what it is.
	ASSERT_PROBLEM(w.client().patch(path, json({{"join_mode", "suggest"}}), ada.token), 409, "domain_not_verified");
	ASSERT_PROBLEM(w.client().patch(path, json({{"join_mode", "auto"}}), ada.token), 409, "domain_not_verified");
	ASSERT_STATUS(w.client().patch(path, json({{"join_mode", "off"}}), ada.token), 200);
	ASSERT_PROBLEM(w.client().patch(path, json({{"join_mode", "always"}}), ada.token), 400, "invalid_join_mode");
	ASSERT_PROBLEM(w.client().patch(path, json({{"join_role", "emperor"}}), ada.token), 400, "unknown_role");
	ASSERT_PROBLEM(w.client().patch(path, json({{"colour", "red"}}), ada.token), 400, "unknown_field");

	w.publish(d);
	ASSERT_STATUS(w.verify(ada, "acme", "acme.test"), 200);
	Response r = w.client().patch(path, json({{"join_mode", "suggest"}, {"join_role", "admin"}}), ada.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(std::string("suggest"), r.json()->getValue<std::string>("join_mode"));
	CPPUNIT_ASSERT_EQUAL(std::string("admin"), r.json()->getValue<std::string>("join_role"));
	r = w.client().patch(path, json({{"join_mode", "auto"}}), adm.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(std::string("auto"), r.json()->getValue<std::string>("join_mode"));
	CPPUNIT_ASSERT_EQUAL(std::string("admin"), r.json()->getValue<std::string>("join_role"));
	// Ownership is no role to join with. (No shipped role exceeds an admin's, so the
	// role_exceeds_own check of the service is the same Guard::requireWithin as invite links'.)
	ASSERT_PROBLEM(w.client().patch(path, json({{"join_role", "owner"}}), adm.token), 400, "unknown_role");
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), w.events(ada, "acme", "domain.updated"));
	// Unchanged: no event.
	ASSERT_STATUS(w.client().patch(path, json({{"join_mode", "auto"}}), ada.token), 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), w.events(ada, "acme", "domain.updated"));
}


void DomainApiTest::testSuggestAndJoin()
{
	World w;
	const User ada = w.signUp("ada");
	const User bob = w.signUp("bob");
	w.organization(ada, "acme");
	w.organization(bob, "globex");
	w.verified(ada, "acme", "acme.test", "suggest", "admin");
	w.verified(bob, "globex", "globex.test"); // join mode off

	const User cy = w.signUp("cy", "Cy@Acme.Test");
	const User dee = w.signUp("dee", "dee@acme.test");
	const User eve = w.signUp("eve", "eve@globex.test");

	// An email no identity provider verified: nothing suggested, nothing to join.
	CPPUNIT_ASSERT(w.suggested(cy).empty());
	ASSERT_PROBLEM(w.client().post(API + "/me/suggested-organizations/acme/join", "", cy.token), 404,
	               "organization_not_found");
	w.verifyEmail(cy);
	w.verifyEmail(eve);
	// Verified: acme is suggested, with its domain and role; globex (off) is not.
	Response r = w.client().get(API + "/me", "", cy.token);
	ASSERT_STATUS(r, 200);
	Poco::JSON::Array::Ptr list = r.json()->getArray("suggested_organizations");
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), list->size());
	Poco::JSON::Object::Ptr s = list->getObject(0);
	CPPUNIT_ASSERT_EQUAL(std::string("acme"), s->getValue<std::string>("username"));
	CPPUNIT_ASSERT_EQUAL(std::string("acme.test"), s->getValue<std::string>("domain"));
	CPPUNIT_ASSERT_EQUAL(std::string("admin"), s->getValue<std::string>("role"));
	CPPUNIT_ASSERT(w.suggested(eve).empty());
	CPPUNIT_ASSERT(w.suggested(dee).empty());
	CPPUNIT_ASSERT(w.suggested(ada).empty()); // a member

	// One call joins, with the domain's role; the suggestion is gone then.
	r = w.client().post(API + "/me/suggested-organizations/acme/join", "", cy.token);
	ASSERT_STATUS(r, 201);
	CPPUNIT_ASSERT_EQUAL(std::string("admin"), r.json()->getValue<std::string>("role"));
	CPPUNIT_ASSERT(w.member(ada, "acme", cy));
	CPPUNIT_ASSERT(w.suggested(cy).empty());
	ASSERT_PROBLEM(w.client().post(API + "/me/suggested-organizations/acme/join", "", cy.token), 404,
	               "organization_not_found");
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), w.events(ada, "acme", "domain.joined"));
	// Not suggested: an organization of another domain, or one whose mode is off.
	ASSERT_PROBLEM(w.client().post(API + "/me/suggested-organizations/globex/join", "", eve.token), 404,
	               "organization_not_found");
	ASSERT_PROBLEM(w.client().post(API + "/me/suggested-organizations/nowhere/join", "", eve.token), 404,
	               "organization_not_found");

	// The admission policy holds: allowed email domains that leave acme.test out refuse.
	w.verifyEmail(dee);
	ASSERT_STATUS(w.client().patch(API + "/orgs/acme", "{\"allowed_email_domains\":[\"example.com\"]}", ada.token),
	              200);
	ASSERT_PROBLEM(w.client().post(API + "/me/suggested-organizations/acme/join", "", dee.token), 403,
	               "domain_not_allowed");
	ASSERT_STATUS(w.client().patch(API + "/orgs/acme", "{\"allowed_email_domains\":[]}", ada.token), 200);
	// By id too; mode off withdraws the suggestion.
	const std::string acmeId = std::to_string(s->getValue<Poco::Int64>("id"));
	ASSERT_STATUS(w.client().patch(API + "/orgs/acme/domains/acme.test", json({{"join_mode", "off"}}), ada.token), 200);
	CPPUNIT_ASSERT(w.suggested(dee).empty());
	ASSERT_PROBLEM(w.client().post(API + "/me/suggested-organizations/" + acmeId + "/join", "", dee.token), 404,
	               "organization_not_found");
	ASSERT_STATUS(w.client().patch(API + "/orgs/acme/domains/acme.test", json({{"join_mode", "suggest"}}), ada.token),
	              200);
	ASSERT_STATUS(w.client().post(API + "/me/suggested-organizations/" + acmeId + "/join", "", dee.token), 201);
	// A deleted organization suggests nothing.
	const User fay = w.signUp("fay", "fay@acme.test");
	w.verifyEmail(fay);
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), w.suggested(fay).size());
	ASSERT_STATUS(w.client().del(API + "/orgs/acme", "", ada.token), 204);
	CPPUNIT_ASSERT(w.suggested(fay).empty());
}


void DomainApiTest::testRemove()
{
	World w;
	const User ada = w.signUp("ada");
	w.organization(ada, "acme");
	w.verified(ada, "acme", "acme.test", "suggest");
	const User cy = w.signUp("cy", "cy@acme.test");
	w.verifyEmail(cy);
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), w.suggested(cy).size());
	ASSERT_STATUS(w.client().del(API + "/orgs/acme/domains/acme.test", "", ada.token), 204);
	ASSERT_PROBLEM(w.client().del(API + "/orgs/acme/domains/acme.test", "", ada.token), 404, "domain_not_found");
	ASSERT_PROBLEM(w.client().get(API + "/orgs/acme/domains/acme.test", "", ada.token), 404, "domain_not_found");
	CPPUNIT_ASSERT(w.suggested(cy).empty());
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), w.events(ada, "acme", "domain.removed"));
	// Claimed again, it has a new challenge and must be verified again.
	Poco::JSON::Object::Ptr again = w.claim(ada, "acme", "acme.test");
	CPPUNIT_ASSERT(!again->getValue<bool>("verified"));
	CPPUNIT_ASSERT_EQUAL(std::string("off"), again->getValue<std::string>("join_mode"));
}


void DomainApiTest::testSeatsUnderConcurrentJoins()
{
	// The free plan of 3: the owner and two more.
	World w(HostProcess::Defines{{"orgs.plans.free.maxMembers", "3"}});
	const User ada = w.signUp("ada");
	w.organization(ada, "acme");
	w.verified(ada, "acme", "acme.test", "suggest");
	std::vector<User> racers;
	for (int i = 0; i < 6; ++i)
	{
		racers.push_back(w.signUp("racer" + std::to_string(i), "racer" + std::to_string(i) + "@acme.test"));
		w.verifyEmail(racers.back());
	}
	std::atomic<int> joined(0);
	std::atomic<int> refused(0);
	std::vector<std::thread> threads;
	for (const User& racer : racers)
	{
		threads.emplace_back([&, racer]() {
			HttpClient client(w.host().baseUrl());
			const Response answer = client.post(API + "/me/suggested-organizations/acme/join", "", racer.token);
			if (answer.status == 201)
				++joined;
			else if (answer.status == 409 && answer.body.find("seat_limit") != std::string::npos)
				++refused;
		});
	}
	for (auto& t : threads)
		t.join();
	CPPUNIT_ASSERT_EQUAL(2, joined.load());
	CPPUNIT_ASSERT_EQUAL(4, refused.load());
	Response r = w.client().get(API + "/orgs/acme/members", "", ada.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(3), r.json()->getArray("items")->size());
}


void DomainApiTest::testListingPages()
{
	World w;
	const User ada = w.signUp("ada");
	w.organization(ada, "acme");
	for (const char* d : {"a.test", "b.test", "c.test"})
		w.claim(ada, "acme", d);
	Response r = w.client().get(API + "/orgs/acme/domains?limit=2", "", ada.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), r.json()->getArray("items")->size());
	const std::string cursor = r.json()->getValue<std::string>("next_cursor");
	r = w.client().get(API + "/orgs/acme/domains?limit=2&cursor=" + cursor, "", ada.token);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), r.json()->getArray("items")->size());
	CPPUNIT_ASSERT_EQUAL(std::string("c.test"),
	                     r.json()->getArray("items")->getObject(0)->getValue<std::string>("domain"));
	CPPUNIT_ASSERT(r.json()->isNull("next_cursor"));
	ASSERT_PROBLEM(w.client().get(API + "/orgs/acme/domains?limit=0", "", ada.token), 400, "invalid_limit");
	ASSERT_PROBLEM(w.client().get(API + "/orgs/acme/domains?cursor=zz", "", ada.token), 400, "invalid_cursor");
}
