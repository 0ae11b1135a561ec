//
// AccountServiceTest.cpp
//
// Library: OrgsTests
// Package: Service
// Module:  AccountServiceTest
//


#include "AccountServiceTest.h"
#include "support/Suites.h"
#include "Orgs/Errors.h"
#include "support/ManualClock.h"
#include "support/Expect.h"
#include "Poco/Data/Session.h"
#include "Poco/Thread.h"


using namespace Orgs;
using Orgs::Test::ManualClock;
using namespace Poco::Data::Keywords;
using Orgs::Test::TestRuntime;

using Orgs::Test::reasonOf;


ORGS_TEST_SUITE(AccountServiceTest, "AccountService", DATABASE);


void AccountServiceTest::setUp()
{
	_pRuntime.reset(new TestRuntime);
}


void AccountServiceTest::tearDown()
{
	_pRuntime.reset();
}


void AccountServiceTest::testCreateAndFind()
{
	Account ada = _pRuntime->account("ada");
	CPPUNIT_ASSERT(ada.id > 0);
	CPPUNIT_ASSERT_EQUAL(std::string("ada@example.com"), ada.email);
	CPPUNIT_ASSERT_EQUAL(ada.id, _pRuntime->accounts().findAccount("ada").id);
	CPPUNIT_ASSERT_EQUAL(std::string("ada"), _pRuntime->accounts().findAccount(std::to_string(ada.id)).username);
	CPPUNIT_ASSERT_EQUAL(std::string("ada"), _pRuntime->accounts().getAccount(ada.id).username);
	CPPUNIT_ASSERT_EQUAL(std::string("account_not_found"),
	                     reasonOf<NotFoundException>([&] { _pRuntime->accounts().findAccount("nobody"); }));
	CPPUNIT_ASSERT_EQUAL(std::string("account_not_found"),
	                     reasonOf<NotFoundException>([&] { _pRuntime->accounts().getAccount(ada.id + 1000); }));
}


void AccountServiceTest::testUsernamesShareOneNamespace()
{
	Account ada = _pRuntime->account("ada");
	CPPUNIT_ASSERT_EQUAL(std::string("username_taken"),
	                     reasonOf<ConflictException>([&] { _pRuntime->account("ada"); }));
	_pRuntime->organization(ada, "acme");
	CPPUNIT_ASSERT_EQUAL(std::string("username_taken"),
	                     reasonOf<ConflictException>([&] { _pRuntime->account("acme"); }));
	CPPUNIT_ASSERT_EQUAL(std::string("username_taken"),
	                     reasonOf<ConflictException>([&] { _pRuntime->organization(ada, "ada"); }));
}


void AccountServiceTest::testInvalidAccountsAreRefused()
{
	auto create = [&](const std::string& username, const std::string& email, const std::string& name) {
		AccountSpec spec;
		spec.username = username;
		spec.email = email;
		spec.name = name;
		_pRuntime->accounts().createAccount(spec);
	};
	CPPUNIT_ASSERT_EQUAL(std::string("invalid_username"),
	                     reasonOf<InvalidInputException>([&] { create("Ada", "a@b.co", ""); }));
	CPPUNIT_ASSERT_EQUAL(std::string("invalid_email"),
	                     reasonOf<InvalidInputException>([&] { create("ada", "nope", ""); }));
	CPPUNIT_ASSERT_EQUAL(std::string("invalid_name"),
	                     reasonOf<InvalidInputException>([&] { create("ada", "a@b.co", std::string(201, 'x')); }));
	// Nothing was half-written: the username is still free.
	create("ada", "a@b.co", "Ada");
}


void AccountServiceTest::testSignUpIssuesAWorkingToken()
{
	AccountSpec spec;
	spec.username = "grace";
	spec.email = "grace@example.com";
	SignUp s = _pRuntime->accounts().signUp(spec, "cli");
	CPPUNIT_ASSERT_EQUAL(0u, static_cast<unsigned>(s.token.secret.find("orgs_pat_")));
	CPPUNIT_ASSERT(s.token.secret.size() >= 40);
	CPPUNIT_ASSERT_EQUAL(s.token.secret.substr(0, s.token.token.prefix.size()), s.token.token.prefix);
	Id who = 0;
	CPPUNIT_ASSERT(_pRuntime->accounts().authenticateToken(s.token.secret, who));
	CPPUNIT_ASSERT_EQUAL(s.account.id, who);
	CPPUNIT_ASSERT(!_pRuntime->accounts().authenticateToken(s.token.secret + "x", who));
	CPPUNIT_ASSERT(!_pRuntime->accounts().authenticateToken("orgs_pat_", who));
	CPPUNIT_ASSERT(!_pRuntime->accounts().authenticateToken("", who));
}


void AccountServiceTest::testTokensAreStoredHashed()
{
	Account ada = _pRuntime->account("ada");
	IssuedToken t = _pRuntime->accounts().createToken(ada.id, "laptop");
	Poco::Data::Session s = _pRuntime->database().session();
	std::vector<std::string> stored;
	s << "SELECT token_hash FROM access_tokens", into(stored), now;
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), stored.size());
	CPPUNIT_ASSERT_EQUAL(std::size_t(64), stored[0].size());
	CPPUNIT_ASSERT(stored[0].find(t.secret) == std::string::npos);
	CPPUNIT_ASSERT(t.secret.find(stored[0]) == std::string::npos);
	int plain = 0;
	s << "SELECT COUNT(*) FROM access_tokens WHERE token_hash = ? OR prefix = ?", bind(t.secret), bind(t.secret),
	    into(plain), now;
	CPPUNIT_ASSERT_EQUAL(0, plain);

	std::vector<AccessToken> listed = _pRuntime->accounts().listTokens(ada.id, PageRequest()).items;
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), listed.size());
	CPPUNIT_ASSERT_EQUAL(std::string("laptop"), listed[0].name);
}


void AccountServiceTest::testRevokedTokenStopsWorking()
{
	Account ada = _pRuntime->account("ada");
	IssuedToken a = _pRuntime->accounts().createToken(ada.id, "a");
	IssuedToken b = _pRuntime->accounts().createToken(ada.id, "b");
	Id who = 0;
	CPPUNIT_ASSERT(_pRuntime->accounts().authenticateToken(a.secret, who)); // now remembered
	CPPUNIT_ASSERT(_pRuntime->accounts().authenticateToken(a.secret, who));
	_pRuntime->accounts().revokeToken(ada.id, a.token.id);
	CPPUNIT_ASSERT(!_pRuntime->accounts().authenticateToken(a.secret, who)); // at once
	CPPUNIT_ASSERT(_pRuntime->accounts().authenticateToken(b.secret, who));
	std::vector<AccessToken> listed = _pRuntime->accounts().listTokens(ada.id, PageRequest()).items;
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), listed.size());
	CPPUNIT_ASSERT_EQUAL(b.token.id, listed[0].id);
	CPPUNIT_ASSERT_EQUAL(std::string("token_not_found"),
	                     reasonOf<NotFoundException>([&] { _pRuntime->accounts().revokeToken(ada.id, a.token.id); }));
	CPPUNIT_ASSERT_EQUAL(std::string("invalid_name"),
	                     reasonOf<InvalidInputException>([&] { _pRuntime->accounts().createToken(ada.id, ""); }));
}


void AccountServiceTest::testTokenOfAnotherAccountCannotBeRevoked()
{
	Account ada = _pRuntime->account("ada");
	Account eve = _pRuntime->account("eve");
	IssuedToken t = _pRuntime->accounts().createToken(ada.id, "a");
	CPPUNIT_ASSERT_EQUAL(std::string("token_not_found"),
	                     reasonOf<NotFoundException>([&] { _pRuntime->accounts().revokeToken(eve.id, t.token.id); }));
	Id who = 0;
	CPPUNIT_ASSERT(_pRuntime->accounts().authenticateToken(t.secret, who));
}


void AccountServiceTest::testLastUsedIsRecorded()
{
	Poco::SharedPtr<ManualClock> pClock = new ManualClock;
	_pRuntime.reset(new TestRuntime(TestRuntime::Settings(), pClock));
	Account ada = _pRuntime->account("ada");
	IssuedToken t = _pRuntime->accounts().createToken(ada.id, "a");
	CPPUNIT_ASSERT(_pRuntime->accounts().listTokens(ada.id, PageRequest()).items[0].lastUsedAt.isNull());
	Id who = 0;
	CPPUNIT_ASSERT(_pRuntime->accounts().authenticateToken(t.secret, who));
	const Poco::Timestamp first = _pRuntime->accounts().listTokens(ada.id, PageRequest()).items[0].lastUsedAt.value();
	pClock->advance(10 * Poco::Timestamp::resolution());
	CPPUNIT_ASSERT(_pRuntime->accounts().authenticateToken(t.secret, who));
	CPPUNIT_ASSERT(
	    first ==
	    _pRuntime->accounts().listTokens(ada.id, PageRequest()).items[0].lastUsedAt.value()); // within touchSeconds
	pClock->advance(61 * Poco::Timestamp::resolution());
	CPPUNIT_ASSERT(_pRuntime->accounts().authenticateToken(t.secret, who));
	CPPUNIT_ASSERT(first < _pRuntime->accounts().listTokens(ada.id, PageRequest()).items[0].lastUsedAt.value());
}


void AccountServiceTest::testTokenRevokedElsewhereStopsWithinTheStalenessBound()
{
	// Another host revokes (here: the same UPDATE, with no cache of this process told).
	auto revokeElsewhere = [](TestRuntime& rt, Id tokenId) {
		Poco::Data::Session s = rt.database().session();
		s << "UPDATE access_tokens SET revoked_at = 1 WHERE id = ?", bind(tokenId), now;
	};
	Id who = 0;
	{
		// The staleness time moves with the runtime's clock, not by sleeping.
		ManualClock::Ptr pClock = new ManualClock;
		TestRuntime rt(TestRuntime::Settings{{"orgs.access.maxStaleness", "30"}}, pClock);
		Account ada = rt.account("ada");
		IssuedToken t = rt.accounts().createToken(ada.id, "a");
		CPPUNIT_ASSERT(rt.accounts().authenticateToken(t.secret, who));
		revokeElsewhere(rt, t.token.id);
		CPPUNIT_ASSERT_MESSAGE("within the bound the token is answered from memory",
		                       rt.accounts().authenticateToken(t.secret, who));
		pClock->advance(Poco::Timespan(25, 0));
		CPPUNIT_ASSERT_MESSAGE("still within the bound", rt.accounts().authenticateToken(t.secret, who));
		pClock->advance(Poco::Timespan(5, 0));
		CPPUNIT_ASSERT_MESSAGE("past the bound the revocation is seen",
		                       !rt.accounts().authenticateToken(t.secret, who));
	}
	{
		TestRuntime rt(TestRuntime::Settings{{"orgs.access.maxStaleness", "0"}});
		Account ada = rt.account("ada");
		IssuedToken t = rt.accounts().createToken(ada.id, "a");
		CPPUNIT_ASSERT(rt.accounts().authenticateToken(t.secret, who));
		revokeElsewhere(rt, t.token.id);
		CPPUNIT_ASSERT_MESSAGE("maxStaleness 0 checks every time", !rt.accounts().authenticateToken(t.secret, who));
	}
}


void AccountServiceTest::testProvisionIsIdempotent()
{
	AccountSpec spec;
	spec.username = "sso-user";
	spec.email = "sso@example.com";
	Account a = _pRuntime->accounts().provisionAccount("idp|123", spec);
	Account b = _pRuntime->accounts().provisionAccount("idp|123", spec);
	CPPUNIT_ASSERT_EQUAL(a.id, b.id);
	spec.username = "other";
	Account c = _pRuntime->accounts().provisionAccount("idp|456", spec);
	CPPUNIT_ASSERT(c.id != a.id);
	CPPUNIT_ASSERT_EQUAL(std::string("invalid_subject"),
	                     reasonOf<InvalidInputException>([&] { _pRuntime->accounts().provisionAccount("", spec); }));
}


void AccountServiceTest::testUnicodeRoundTrips()
{
	AccountSpec spec;
	spec.username = "zoe";
	spec.email = "zoe@example.com";
	spec.name = "Zoë 🚀 李";
	_pRuntime->accounts().createAccount(spec);
	CPPUNIT_ASSERT_EQUAL(spec.name, _pRuntime->accounts().findAccount("zoe").name);
}
