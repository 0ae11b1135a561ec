//
// DedicatedSessionTest.cpp
//
// Library: OrgsTests
// Package: Data
// Module:  DedicatedSessionTest
//


#include "DedicatedSessionTest.h"
#include "support/Suites.h"
#include "data/DedicatedSession.h"
#include "support/TestRuntime.h"
#include "Poco/Data/Session.h"


using namespace Orgs;
using namespace Poco::Data::Keywords;
using Orgs::Data::DedicatedSession;
using Orgs::Test::TestRuntime;


ORGS_TEST_SUITE(DedicatedSessionTest, "DedicatedSession", DATABASE);


namespace {


struct Fixture
	/// A row to claim, compare-and-set on its value, and a sender's session.
{
	Fixture() : session(rt.runtime().database())
	{
		Poco::Data::Session s = rt.database().session();
		s << "CREATE TABLE claims (id INT NOT NULL PRIMARY KEY, v INT NOT NULL)", now;
		s << "INSERT INTO claims (id, v) VALUES (1, 0)", now;
	}

	bool claim(int seen)
		/// Takes the row if its value is seen: sets it to seen + 1.
	{
		return session.claim([&](Poco::Data::Session& s) {
			// A lock held by another writer is given up on after a second, not a minute.
			if (rt.database().isMySQL())
				s << "SET SESSION innodb_lock_wait_timeout = 1", now;
			else
				s << "PRAGMA busy_timeout = 300", now;
			return rt.runtime().database().execute(s, "UPDATE claims SET v = ? WHERE id = 1 AND v = ?",
			                                       {Poco::Int64(seen + 1), Poco::Int64(seen)}) == 1;
		});
	}

	TestRuntime rt;
	DedicatedSession session;
};


} // namespace


void DedicatedSessionTest::testClaimHeldByAnotherWriterIsLost()
{
	Fixture f;
	{
		// Another sender's transaction holds the row (on a Galera cluster the same claim would
		// lose at certification instead).
		Poco::Data::Session holder = f.rt.database().session();
		if (f.rt.database().isMySQL())
		{
			holder << "START TRANSACTION", now;
			holder << "UPDATE claims SET v = v WHERE id = 1", now;
		}
		else
		{
			holder << "BEGIN IMMEDIATE", now;
			holder << "UPDATE claims SET v = v WHERE id = 1", now;
		}
		CPPUNIT_ASSERT(!f.claim(0));
		holder << "ROLLBACK", now;
	}
	// The row stayed as it was: the next pass takes it, once.
	CPPUNIT_ASSERT(f.claim(0));
	CPPUNIT_ASSERT(!f.claim(0));
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), f.rt.scalar("SELECT v FROM claims WHERE id = ?", 1));
}


void DedicatedSessionTest::testOtherFailuresStillThrow()
{
	// A claim that fails for any other reason is an error the sender logs.
	Fixture f;
	CPPUNIT_ASSERT_THROW(f.session.claim([&](Poco::Data::Session& s) {
		return f.rt.runtime().database().execute(s, "UPDATE no_such_table SET v = 1 WHERE id = 1", {}) == 1;
	}),
	                     Poco::Exception);
}
