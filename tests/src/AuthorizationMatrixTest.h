//
// AuthorizationMatrixTest.h
//
// Library: OrgsTests
// Package: EndToEnd
// Module:  AuthorizationMatrixTest
//
// Every endpoint × {anonymous, non-member, member, admin, owner} → the status the roles
// file implies, against the real orgs-host.
//


#ifndef Orgs_AuthorizationMatrixTest_INCLUDED
#define Orgs_AuthorizationMatrixTest_INCLUDED


#include <cppunit/extensions/HelperMacros.h>
#include <string>


class AuthorizationMatrixTest : public CppUnit::TestFixture
	/// The test holds a table: for each route of the API what it requires (nothing, a signed-in
	/// account, membership, a permission, or ownership) and how to build a request that can
	/// succeed. The expected status of every cell is computed from that requirement and from the
	/// shipped config/roles.properties, so a route the table does not know, a route without its
	/// check, or a role that grants more or less than the file says fails the suite.
{
	CPPUNIT_TEST_SUITE(AuthorizationMatrixTest);
	CPPUNIT_TEST(testTableMatchesServerRoutes);
	CPPUNIT_TEST(testAnonymous);
	CPPUNIT_TEST(testNonMember);
	CPPUNIT_TEST(testMember);
	CPPUNIT_TEST(testAdmin);
	CPPUNIT_TEST(testOwner);
	CPPUNIT_TEST(testEveryChangeIsAudited);
	CPPUNIT_TEST(testEveryChangePropagates);
	CPPUNIT_TEST_SUITE_END();

public:
	void testTableMatchesServerRoutes();
		/// Every route the server has is in the table, and every route in the table is on the
		/// server, with the same authentication (public or signed in).

	void testAnonymous();
		/// No credentials: 401 everywhere but on public routes.

	void testNonMember();
		/// A signed-in account outside the organization: 404 on everything under /orgs/{org}.

	void testMember();
		/// Role "member": success where its permissions suffice, 403 elsewhere.

	void testAdmin();
		/// Role "admin": success where its permissions suffice, 403 on owner-only routes.

	void testOwner();
		/// The owner: success everywhere (leaving excepted: the owner must transfer first).

	void testEveryChangeIsAudited();
		/// Every route that changes something writes its audit event (auditedActions()), made by
		/// its actor; a route of the server missing from auditedActions() fails the test too.

	void testEveryChangePropagates();
		/// Every route that changes something (auditedActions()), made to succeed against a
		/// runtime of this process with warm caches, and the other ways in and out (signing up
		/// with an invitation or an invite link, the purge): right after each, every cached
		/// grant and organization of what the cell made answers as the database does, and
		/// acl_version moved (by one) exactly in the organizations whose access-deciding rows
		/// changed. A write path that records no change fails it.

private:
	void runMatrix(const std::string& who);
		/// Starts the host (once) and checks every route for who: "anonymous", "non-member",
		/// "owner" or an organization role name.
};


#endif // Orgs_AuthorizationMatrixTest_INCLUDED
