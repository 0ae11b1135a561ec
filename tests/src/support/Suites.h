//
// Suites.h
//
// Library: OrgsTests
// Package: Support
// Module:  Suites
//
// The suites of orgs-tests, each registered with where it runs.
//


#ifndef Orgs_Suites_INCLUDED
#define Orgs_Suites_INCLUDED


#include <cppunit/extensions/HelperMacros.h>
#include <map>
#include <string>


namespace Orgs {
namespace Test {


class Suites
	/// Every suite of orgs-tests registers with ORGS_TEST_SUITE, which names it and says where
	/// it runs:
	///
	///     ORGS_TEST_SUITE(HttpApiTest, "HttpApi", DATABASE);
	///
	///     UNIT      no database: ctest entry unit.<Name>
	///     DATABASE  sqlite.<Name> and mariadb.<Name>
	///     SQLITE    sqlite.<Name> only (host-level behaviour that does not depend on the database)
	///     MARIADB   mariadb.<Name> only (a MariaDB server's own behaviour, such as a restart)
	///     GALERA    galera.<Name> only, on the private Galera cluster (a cluster's own behaviour:
	///               hosts on several nodes, a node killed and rejoining)
	///
	/// DATABASE suites named in ORGS_GALERA_SUITES (tests/CMakeLists.txt) also run once on the
	/// cluster as galera.<Name>.
	///
	/// tests/CMakeLists.txt reads these registrations from the sources and makes the ctest
	/// entries from them, so a suite cannot be left out of ctest; the entry suites.registered
	/// runs "orgs-tests --expect FILE" to check at test time that the suites compiled in are
	/// exactly those the entries were made for.
{
public:
	enum Kind
	{
		UNIT,
		DATABASE,
		SQLITE,
		MARIADB,
		GALERA
	};

	static bool add(const std::string& name, Kind kind);
		/// Notes a suite; called by ORGS_TEST_SUITE. Returns true.

	static const std::map<std::string, Kind>& all();
		/// Returns every suite noted, by name.

	static std::string kindName(Kind kind);
		/// Returns "UNIT", "DATABASE", "SQLITE", "MARIADB" or "GALERA".
};


} // namespace Test
} // namespace Orgs


#define ORGS_TEST_SUITE(Fixture, name, kind)                                                                           \
	CPPUNIT_TEST_SUITE_NAMED_REGISTRATION(Fixture, name);                                                              \
	[[maybe_unused]] static const bool Orgs_Suite_##Fixture##_registered =                                             \
	    Orgs::Test::Suites::add(name, Orgs::Test::Suites::kind)


#endif // Orgs_Suites_INCLUDED
