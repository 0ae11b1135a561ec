//
// FederatedSignInTest.cpp
//
// Library: OrgsTests
// Package: Identity
// Module:  FederatedSignInTest
//


#include "FederatedSignInTest.h"
#include "identity/FederatedSignIn.h"
#include "support/Suites.h"
#include "support/TestRuntime.h"
#include "Orgs/Errors.h"
#include "Poco/String.h"
#include "Poco/Thread.h"
#include "Poco/UUIDGenerator.h"
#include <vector>


ORGS_TEST_SUITE(FederatedSignInTest, "FederatedSignIn", DATABASE);


using Orgs::Federation::FederatedSignIn;
using Orgs::Federation::SignIn;
using Orgs::Test::OpenIdProvider;
using Orgs::Test::TestRuntime;


namespace {


class RecordingStep : public Orgs::Federation::SignInStep
	/// Notes every sign-in; refuses the subjects it is told to.
{
public:
	struct Seen
	{
		std::string subject;
		Orgs::Id accountId;
		Orgs::Id identityId;
		bool accountCreated;
		bool identityCreated;
		bool emailVerified;
		std::string email;
		std::vector<std::string> groups;
	};

	void signedIn(const SignIn& s) override
	{
		seen.push_back({s.token.subject, s.accountId, s.identityId, s.accountCreated, s.identityCreated,
		                s.emailVerified, s.email, s.token.groups});
		if (s.token.subject == refuse)
			throw Orgs::ForbiddenException("SSO is enforced for this account", "sso_required");
	}

	std::vector<Seen> seen;
	std::string refuse;
};


class ConnectionIssuers : public Orgs::Federation::IssuerSource
	/// The issuers SSO connections would name: here, the provider's other issuer.
{
public:
	explicit ConnectionIssuers(const OpenIdProvider& provider) : _provider(provider) {}

	Poco::Nullable<Orgs::Federation::IssuerSpec> findIssuer(const std::string& issuer) override
	{
		++asked;
		if (issuer != _provider.issuer(OpenIdProvider::OTHER))
			return Poco::Nullable<Orgs::Federation::IssuerSpec>();
		Orgs::Federation::IssuerSpec spec;
		spec.name = "looks-configured"; // the verifier must not believe it
		spec.issuer = issuer;
		spec.audiences = {_provider.clientId(OpenIdProvider::OTHER)};
		return spec;
	}

	int asked = 0;

private:
	const OpenIdProvider& _provider;
};


TestRuntime::Settings settings(const OpenIdProvider& provider, bool link = false)
{
	return TestRuntime::Settings{{"orgs.mail.deliver", "false"},
	                             {"orgs.auth.oidc.primary.issuer", provider.issuer(OpenIdProvider::PRIMARY)},
	                             {"orgs.auth.oidc.primary.audience", provider.clientId(OpenIdProvider::PRIMARY)},
	                             {"orgs.auth.tls.caFile", provider.caFile()},
	                             {"orgs.auth.linkVerifiedEmail", link ? "true" : "false"}};
}


FederatedSignIn& pipelineOf(TestRuntime& rt)
{
	FederatedSignIn* p = dynamic_cast<FederatedSignIn*>(rt.runtime().signIn().get());
	CPPUNIT_ASSERT(p != nullptr);
	return *p;
}


std::string reasonOf(FederatedSignIn& pipeline, const std::string& jwt)
{
	try
	{
		pipeline.authenticate(jwt);
	}
	catch (Orgs::OrgsException& exc)
	{
		return exc.reason();
	}
	return "accepted";
}


} // namespace


void FederatedSignInTest::setUp()
{
	_pProvider.reset(new OpenIdProvider);
}


void FederatedSignInTest::tearDown()
{
	_pProvider.reset();
}


std::string FederatedSignInTest::newUser(const std::string& prefix, const std::string& email)
{
	OpenIdProvider::User u;
	u.sub = prefix + "-" + Poco::UUIDGenerator::defaultGenerator().createRandom().toString().substr(0, 8);
	u.email = email.empty() ? u.sub + "@acme.test" : email;
	u.emailVerified = true;
	u.preferredUsername = u.sub;
	u.groups = {"eng-admins"};
	_pProvider->setUser(u);
	return u.sub;
}


void FederatedSignInTest::testStepsRunOncePerToken()
{
	TestRuntime rt(settings(*_pProvider));
	FederatedSignIn& pipeline = pipelineOf(rt);
	RecordingStep first;
	RecordingStep second;
	pipeline.addStep(first);
	pipeline.addStep(second);
	const std::string sub = newUser("step");
	const std::string jwt = _pProvider->idToken(OpenIdProvider::PRIMARY, sub);

	const FederatedSignIn::Result r = pipeline.authenticate(jwt);
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), first.seen.size());
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), second.seen.size());
	const RecordingStep::Seen& s = first.seen.front();
	CPPUNIT_ASSERT_EQUAL(sub, s.subject);
	CPPUNIT_ASSERT_EQUAL(r.accountId, s.accountId);
	CPPUNIT_ASSERT_EQUAL(r.identityId, s.identityId);
	CPPUNIT_ASSERT(r.identityId != 0);
	CPPUNIT_ASSERT(s.accountCreated && s.identityCreated);
	CPPUNIT_ASSERT(s.emailVerified); // a configured issuer verified the account's email
	CPPUNIT_ASSERT_EQUAL(sub + "@acme.test", s.email);
	CPPUNIT_ASSERT(s.groups == std::vector<std::string>({"eng-admins"}));
	CPPUNIT_ASSERT_EQUAL(sub, r.pToken->subject);

	// The same token again: remembered, no step runs.
	const FederatedSignIn::Result again = pipeline.authenticate(jwt);
	CPPUNIT_ASSERT_EQUAL(r.accountId, again.accountId);
	CPPUNIT_ASSERT(r.pToken == again.pToken);
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), first.seen.size());

	// A new token of the same identity is a new sign-in: the steps run, nothing is created.
	pipeline.authenticate(_pProvider->idToken(OpenIdProvider::PRIMARY, sub));
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), first.seen.size());
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), second.seen.size());
	CPPUNIT_ASSERT(!first.seen.back().accountCreated && !first.seen.back().identityCreated);
	CPPUNIT_ASSERT_EQUAL(r.accountId, first.seen.back().accountId);
	CPPUNIT_ASSERT(first.seen.back().emailVerified);
}


void FederatedSignInTest::testStepRefusesTheSignIn()
{
	TestRuntime rt(settings(*_pProvider));
	FederatedSignIn& pipeline = pipelineOf(rt);
	RecordingStep step;
	RecordingStep after;
	pipeline.addStep(step);
	pipeline.addStep(after);
	const std::string sub = newUser("refused");
	step.refuse = sub;
	const std::string jwt = _pProvider->idToken(OpenIdProvider::PRIMARY, sub);
	CPPUNIT_ASSERT_EQUAL(std::string("sso_required"), reasonOf(pipeline, jwt));
	CPPUNIT_ASSERT(after.seen.empty()); // the steps after a refusal do not run
	// Not remembered: the same token is judged again, and passes once the step lets it.
	CPPUNIT_ASSERT_EQUAL(std::string("sso_required"), reasonOf(pipeline, jwt));
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), step.seen.size());
	CPPUNIT_ASSERT(step.seen.front().accountCreated && !step.seen.back().accountCreated);
	step.refuse.clear();
	CPPUNIT_ASSERT_EQUAL(std::string("accepted"), reasonOf(pipeline, jwt));
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), after.seen.size());
}


void FederatedSignInTest::testConnectionIssuerNeverLinksByEmail()
{
	TestRuntime rt(settings(*_pProvider, true));
	FederatedSignIn& pipeline = pipelineOf(rt);
	ConnectionIssuers issuers(*_pProvider);
	RecordingStep step;
	pipeline.setIssuerSource(&issuers);
	pipeline.addStep(step);
	const std::string handle = "vic-" + Poco::UUIDGenerator::defaultGenerator().createRandom().toString().substr(0, 8);
	const Orgs::Account victim = rt.account(handle);

	// The configured issuer's verified email signs in to the account with that email
	// (orgs.auth.linkVerifiedEmail is on) and verifies the account's email.
	const std::string owner = newUser("owner", victim.email);
	const FederatedSignIn::Result linked = pipeline.authenticate(_pProvider->idToken(OpenIdProvider::PRIMARY, owner));
	CPPUNIT_ASSERT_EQUAL(victim.id, linked.accountId);
	CPPUNIT_ASSERT(!step.seen.back().accountCreated && step.seen.back().identityCreated);
	CPPUNIT_ASSERT(step.seen.back().emailVerified);
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), rt.scalar("SELECT email_verified FROM accounts WHERE id = ?", victim.id));

	// The other issuer is trusted through the source, but the same verified email neither
	// signs in to that account nor counts as verified for the account it gets.
	const std::string sub = newUser("attacker", victim.email);
	const FederatedSignIn::Result r = pipeline.authenticate(_pProvider->idToken(OpenIdProvider::OTHER, sub));
	CPPUNIT_ASSERT(issuers.asked > 0);
	CPPUNIT_ASSERT(r.accountId != victim.id);
	CPPUNIT_ASSERT(r.pToken->issuerName.empty());
	CPPUNIT_ASSERT(r.pToken->emailVerified);         // what the token says...
	CPPUNIT_ASSERT(!step.seen.back().emailVerified); // ...is not what the account gets
	CPPUNIT_ASSERT(step.seen.back().accountCreated);
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(0), rt.scalar("SELECT email_verified FROM accounts WHERE id = ?", r.accountId));
	// An issuer neither configured nor named by a connection is refused.
	pipeline.setIssuerSource(nullptr);
	CPPUNIT_ASSERT_EQUAL(std::string("token_issuer_unknown"),
	                     reasonOf(pipeline, _pProvider->idToken(OpenIdProvider::OTHER, sub)));
}


void FederatedSignInTest::testLinkingNeedsOneAccount()
{
	TestRuntime rt(settings(*_pProvider, true));
	FederatedSignIn& pipeline = pipelineOf(rt);
	const std::string tag = Poco::UUIDGenerator::defaultGenerator().createRandom().toString().substr(0, 8);
	const std::string email = "shared-" + tag + "@acme.test";
	// Two accounts with one email: choosing either would be a guess, so neither is taken.
	Orgs::AccountSpec spec;
	spec.email = email;
	spec.username = "first-" + tag;
	const Orgs::Account first = rt.accounts().createAccount(spec);
	spec.username = "second-" + tag;
	spec.email = Poco::toUpper(email);
	const Orgs::Account second = rt.accounts().createAccount(spec);
	const FederatedSignIn::Result r =
	    pipeline.authenticate(_pProvider->idToken(OpenIdProvider::PRIMARY, newUser("shared", email)));
	CPPUNIT_ASSERT(r.accountId != first.id && r.accountId != second.id);
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(0), rt.scalar("SELECT email_verified FROM accounts WHERE id = ?", first.id));
}


void FederatedSignInTest::testPublishedService()
{
	TestRuntime rt(settings(*_pProvider));
	const std::string sub = newUser("svc");
	const Orgs::Account a = rt.runtime().signIn()->signIn(_pProvider->idToken(OpenIdProvider::PRIMARY, sub));
	CPPUNIT_ASSERT_EQUAL(sub, a.username);
	CPPUNIT_ASSERT_EQUAL(sub + "@acme.test", a.email);
	CPPUNIT_ASSERT_EQUAL(a.id, rt.accounts().findAccount(sub).id);
	CPPUNIT_ASSERT_THROW(rt.runtime().signIn()->signIn("a.b.c"), Orgs::UnauthenticatedException);
}


void FederatedSignInTest::testIdentityRows()
{
	TestRuntime rt(settings(*_pProvider));
	FederatedSignIn& pipeline = pipelineOf(rt);
	const std::string sub = newUser("row");
	const FederatedSignIn::Result r = pipeline.authenticate(_pProvider->idToken(OpenIdProvider::PRIMARY, sub));
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(1),
	                     rt.scalar("SELECT COUNT(*) FROM external_identities WHERE account_id = ?", r.accountId));
	CPPUNIT_ASSERT_EQUAL(r.identityId,
	                     rt.scalar("SELECT id FROM external_identities WHERE account_id = ?", r.accountId));
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(1),
	                     rt.scalar("SELECT email_verified FROM external_identities WHERE id = ?", r.identityId));
	// The sign-in and the account's creation are audited as account-level events.
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), rt.scalar("SELECT COUNT(*) FROM audit_events WHERE actor_account_id = ? "
	                                               "AND action = 'account.identity_linked'",
	                                               r.accountId));
	// A later sign-in records its time.
	const Poco::Int64 first = rt.scalar("SELECT last_sign_in_at FROM external_identities WHERE id = ?", r.identityId);
	Poco::Thread::sleep(5);
	pipeline.authenticate(_pProvider->idToken(OpenIdProvider::PRIMARY, sub));
	CPPUNIT_ASSERT(rt.scalar("SELECT last_sign_in_at FROM external_identities WHERE id = ?", r.identityId) > first);
}
