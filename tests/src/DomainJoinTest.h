//
// DomainJoinTest.h
//
// Library: OrgsTests
// Package: Identity
// Module:  DomainJoinTest
//
// The join mode "auto": the sign-in step that joins an account by its verified email's domain.
//


#ifndef Orgs_DomainJoinTest_INCLUDED
#define Orgs_DomainJoinTest_INCLUDED


#include <cppunit/extensions/HelperMacros.h>


class DomainJoinTest : public CppUnit::TestFixture
	/// The verified domains' sign-in step in a runtime of this process (served over HTTP for
	/// the set-up, with a real dnsmasq for the verification): an account whose verified email
	/// is in a domain with join mode "auto" joins at its first sign-in with the domain's role;
	/// nothing happens for an unverified email, a later sign-in, another mode or domain, or a
	/// member; a full organization refuses the join without refusing the sign-in.
{
	CPPUNIT_TEST_SUITE(DomainJoinTest);
	CPPUNIT_TEST(testAutoJoinAtFirstSignIn);
	CPPUNIT_TEST(testNoJoin);
	CPPUNIT_TEST(testFullOrganization);
	CPPUNIT_TEST(testNormalize);
	CPPUNIT_TEST_SUITE_END();

public:
	void testAutoJoinAtFirstSignIn();
	void testNoJoin();
	void testFullOrganization();
	void testNormalize();
};


#endif // Orgs_DomainJoinTest_INCLUDED
