//
// PluginTest.h
//
// Library: OrgsTests
// Package: Plugin
// Module:  PluginTest
//


#ifndef Orgs_PluginTest_INCLUDED
#define Orgs_PluginTest_INCLUDED


#include <cppunit/extensions/HelperMacros.h>


class PluginTest : public CppUnit::TestFixture
	/// The test is a host: it loads libOrgsPlugin.so with Poco::ClassLoader, gives it a
	/// PluginContext, serves its routes with a real Poco HTTPServer, calls the services it
	/// publishes in-process, and stops and unloads it.
{
	CPPUNIT_TEST_SUITE(PluginTest);
	CPPUNIT_TEST(testManifestExportsOnePlugin);
	CPPUNIT_TEST(testServicesArePublishedAndWithdrawn);
	CPPUNIT_TEST(testHostAuthenticatorProvisionsAccounts);
	CPPUNIT_TEST(testHostMailerDeliversTheOutbox);
	CPPUNIT_TEST(testBadConfigurationStopsStart);
	CPPUNIT_TEST(testBodylessPostAnswersOnPlainPocoServer);
	CPPUNIT_TEST_SUITE_END();

public:
	void testManifestExportsOnePlugin();
	void testServicesArePublishedAndWithdrawn();
	void testHostAuthenticatorProvisionsAccounts();
	void testHostMailerDeliversTheOutbox();
	void testBadConfigurationStopsStart();
	void testBodylessPostAnswersOnPlainPocoServer();
};


#endif // Orgs_PluginTest_INCLUDED
