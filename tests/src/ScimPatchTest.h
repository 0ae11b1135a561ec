//
// ScimPatchTest.h
//
// Library: OrgsTests
// Package: Scim
// Module:  ScimPatchTest
//


#ifndef Orgs_ScimPatchTest_INCLUDED
#define Orgs_ScimPatchTest_INCLUDED


#include <cppunit/extensions/HelperMacros.h>


class ScimPatchTest : public CppUnit::TestFixture
	/// SCIM PATCH (RFC 7644 §3.5.2) as Entra ID and Okta send it, value coercion and the decoding
	/// of POST/PUT bodies, without a database. The request bodies marked "Entra" and "Okta" are
	/// those of the vendors' public SCIM documentation.
{
	CPPUNIT_TEST_SUITE(ScimPatchTest);
	CPPUNIT_TEST(testEntraUserUpdates);
	CPPUNIT_TEST(testEntraDisableWithStringBoolean);
	CPPUNIT_TEST(testEntraReplaceWithoutPath);
	CPPUNIT_TEST(testEntraGroupMembers);
	CPPUNIT_TEST(testFilteredPathMatchingNothing);
	CPPUNIT_TEST(testNullClears);
	CPPUNIT_TEST(testOktaDeactivate);
	CPPUNIT_TEST(testOktaGroupRenameRepeatsId);
	CPPUNIT_TEST(testOktaGroupMembers);
	CPPUNIT_TEST(testMultiValuedAttributes);
	CPPUNIT_TEST(testComplexAttributes);
	CPPUNIT_TEST(testExtensionAttributes);
	CPPUNIT_TEST(testIgnoredAttributes);
	CPPUNIT_TEST(testMutability);
	CPPUNIT_TEST(testErrors);
	CPPUNIT_TEST(testMemberChanges);
	CPPUNIT_TEST(testValueCoercion);
	CPPUNIT_TEST(testNormalizeBodies);
	CPPUNIT_TEST_SUITE_END();

public:
	void testEntraUserUpdates();
	void testEntraDisableWithStringBoolean();
		/// "value": "False" (Entra without its aadOptscim062020 flag) and false both deactivate.
	void testEntraReplaceWithoutPath();
		/// No path, an object whose members are plain, dotted, filtered and URN-qualified paths.
	void testEntraGroupMembers();
	void testFilteredPathMatchingNothing();
		/// emails[type eq "work"].value on a user without a work email adds one.
	void testNullClears();
	void testOktaDeactivate();
	void testOktaGroupRenameRepeatsId();
	void testOktaGroupMembers();
	void testMultiValuedAttributes();
		/// add appends what is new, replace replaces, remove by filter or by values; primary.
	void testComplexAttributes();
	void testExtensionAttributes();
		/// The extension object and its URN in "schemas" come and go with its attributes.
	void testIgnoredAttributes();
	void testMutability();
	void testErrors();
	void testMemberChanges();
	void testValueCoercion();
	void testNormalizeBodies();
		/// POST/PUT bodies: canonical names, readOnly and unknown members dropped, required ones.
};


#endif // Orgs_ScimPatchTest_INCLUDED
