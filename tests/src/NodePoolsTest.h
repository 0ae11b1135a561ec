//
// NodePoolsTest.h
//
// Library: OrgsTests
// Package: Data
// Module:  NodePoolsTest
//


#ifndef Orgs_NodePoolsTest_INCLUDED
#define Orgs_NodePoolsTest_INCLUDED


#include <cppunit/extensions/HelperMacros.h>


class NodePoolsTest : public CppUnit::TestFixture
	/// The connection strings of a cluster's nodes and what its errors mean (no server: the
	/// cluster suites run on one).
{
	CPPUNIT_TEST_SUITE(NodePoolsTest);
	CPPUNIT_TEST(testNodeReplacesHostAndPort);
	CPPUNIT_TEST(testEveryOtherKeyIsKept);
	CPPUNIT_TEST(testOneNodeWithoutAList);
	CPPUNIT_TEST(testClusterErrorsAreClassified);
	CPPUNIT_TEST_SUITE_END();

public:
	void testNodeReplacesHostAndPort();
	void testEveryOtherKeyIsKept();
	void testOneNodeWithoutAList();
	void testClusterErrorsAreClassified();
};


#endif // Orgs_NodePoolsTest_INCLUDED
