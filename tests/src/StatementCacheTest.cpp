//
// StatementCacheTest.cpp
//
// Library: OrgsTests
// Package: Data
// Module:  StatementCacheTest
//


#include "StatementCacheTest.h"
#include "support/Suites.h"
#include "data/Database.h"
#include "data/Rows.h"
#include "support/TestRuntime.h"
#include "Poco/Data/Session.h"


using namespace Orgs;
using namespace Poco::Data::Keywords;
using Orgs::Data::Database;
using Orgs::Data::Param;
using Orgs::Test::TestRuntime;


ORGS_TEST_SUITE(StatementCacheTest, "StatementCache", DATABASE);


namespace {


const std::string BY_ID_AND_NAME =
    "SELECT id, username, name FROM accounts WHERE id >= ? AND username <> ? ORDER BY id";


std::vector<std::string> usernames(Poco::Data::RecordSet& rs)
{
	Data::Rows rows(rs);
	std::vector<std::string> result;
	for (std::size_t i = 0; i < rows.count(); ++i)
		result.push_back(rows.text(i, 1));
	return result;
}


std::string joined(const std::vector<std::string>& v)
{
	std::string s;
	for (const auto& x : v)
		s += (s.empty() ? "" : ",") + x;
	return s;
}


} // namespace


void StatementCacheTest::testOneStatementServesEveryValue()
{
	TestRuntime rt;
	const Account ada = rt.account("ada");
	const Account bob = rt.account("bob");
	rt.account("cy");
	Database& db = rt.runtime().database();
	db.withSession([&](Poco::Data::Session& session) {
		{
			Poco::Data::RecordSet rs = db.select(session, BY_ID_AND_NAME, {ada.id, ""});
			CPPUNIT_ASSERT_EQUAL(std::string("ada,bob,cy"), joined(usernames(rs)));
		}
		// Counted on this session's connection: the account created below takes another one,
		// and its own statements are cached there.
		const std::size_t prepared = db.statementsCached(session);
		// New values, texts longer and shorter than before: the same statement, right rows.
		{
			Poco::Data::RecordSet rs =
			    db.select(session, BY_ID_AND_NAME, {bob.id, "a-much-longer-text-than-before-" + std::string(200, 'x')});
			CPPUNIT_ASSERT_EQUAL(std::string("bob,cy"), joined(usernames(rs)));
		}
		{
			Poco::Data::RecordSet rs = db.select(session, BY_ID_AND_NAME, {ada.id, "cy"});
			CPPUNIT_ASSERT_EQUAL(std::string("ada,bob"), joined(usernames(rs)));
		}
		{
			Poco::Data::RecordSet rs = db.select(session, BY_ID_AND_NAME, {bob.id + 100, "x"});
			CPPUNIT_ASSERT_EQUAL(std::size_t(0), rs.rowCount());
		}
		CPPUNIT_ASSERT_EQUAL(prepared, db.statementsCached(session));
		// Rows written since are seen: nothing but the statement is kept.
		rt.account("dee");
		{
			Poco::Data::RecordSet rs = db.select(session, BY_ID_AND_NAME, {bob.id, ""});
			CPPUNIT_ASSERT_EQUAL(std::string("bob,cy,dee"), joined(usernames(rs)));
		}
		CPPUNIT_ASSERT_EQUAL(prepared, db.statementsCached(session));
	});
}


void StatementCacheTest::testEachConnectionPreparesItsOwn()
{
	TestRuntime rt;
	const Account ada = rt.account("ada");
	Database& db = rt.runtime().database();
	Poco::Data::Session one = db.session();
	Poco::Data::Session two = db.session(); // held at once: two connections
	// Counted on these two connections: background work may prepare statements on others.
	auto cached = [&] { return db.statementsCached(one) + db.statementsCached(two); };
	const std::size_t before = cached();
	{
		Poco::Data::RecordSet rs = db.select(one, BY_ID_AND_NAME, {ada.id, ""});
		CPPUNIT_ASSERT_EQUAL(std::string("ada"), joined(usernames(rs)));
	}
	{
		Poco::Data::RecordSet rs = db.select(two, BY_ID_AND_NAME, {ada.id, "ada"});
		CPPUNIT_ASSERT_EQUAL(std::size_t(0), rs.rowCount());
	}
	CPPUNIT_ASSERT_EQUAL(before + 2, cached());
	{
		Poco::Data::RecordSet rs = db.select(one, BY_ID_AND_NAME, {ada.id, "bob"});
		CPPUNIT_ASSERT_EQUAL(std::string("ada"), joined(usernames(rs)));
	}
	CPPUNIT_ASSERT_EQUAL(before + 2, cached());
}


void StatementCacheTest::testFailuresAreNotCached()
{
	TestRuntime rt;
	const Account ada = rt.account("ada");
	Database& db = rt.runtime().database();
	db.withSession([&](Poco::Data::Session& session) {
		const std::size_t before = db.statementsCached(session);
		CPPUNIT_ASSERT_THROW(db.select(session, "SELECT no_such_column FROM accounts WHERE id = ?", {ada.id}),
		                     Poco::Exception);
		CPPUNIT_ASSERT_EQUAL(before, db.statementsCached(session));
		// The same SQL text with parameters of other types: prepared afresh, right answer.
		const std::string sql = "SELECT username FROM accounts WHERE id = ? OR username = ?";
		{
			Poco::Data::RecordSet rs = db.select(session, sql, {ada.id, "nobody"});
			CPPUNIT_ASSERT_EQUAL(std::size_t(1), rs.rowCount());
			CPPUNIT_ASSERT_EQUAL(std::string("ada"), Data::Rows(rs).text(0, 0));
		}
		{
			Poco::Data::RecordSet rs = db.select(session, sql, {"0", "ada"});
			CPPUNIT_ASSERT_EQUAL(std::size_t(1), rs.rowCount());
		}
		CPPUNIT_ASSERT_EQUAL(before + 1, db.statementsCached(session));
	});
}


void StatementCacheTest::testWorksInsideTransactions()
{
	TestRuntime rt;
	const Account ada = rt.account("ada");
	Database& db = rt.runtime().database();
	const std::string sql = "SELECT name FROM accounts WHERE id = ?";
	auto nameOf = [&](Poco::Data::Session& session) {
		Poco::Data::RecordSet rs = db.select(session, sql, {ada.id});
		return Data::Rows(rs).text(0, 0);
	};
	// A cached statement sees the transaction's own writes, and a rollback undoes them.
	try
	{
		db.transact([&](Poco::Data::Session& session) {
			const std::string before = nameOf(session);
			session << "UPDATE accounts SET name = 'Changed' WHERE id = ?", bind(ada.id), now;
			CPPUNIT_ASSERT_EQUAL(std::string("Changed"), nameOf(session));
			throw Poco::RuntimeException(before);
		});
	}
	catch (Poco::RuntimeException& exc)
	{
		CPPUNIT_ASSERT(exc.message() != "Changed");
	}
	const std::string name = db.withSession(nameOf);
	CPPUNIT_ASSERT(name != "Changed");
	db.transact([&](Poco::Data::Session& session) {
		session << "UPDATE accounts SET name = 'Committed' WHERE id = ?", bind(ada.id), now;
	});
	CPPUNIT_ASSERT_EQUAL(std::string("Committed"), db.withSession(nameOf));
}
