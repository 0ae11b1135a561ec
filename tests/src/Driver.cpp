//
// Driver.cpp
//
// Library: OrgsTests
// Package: Driver
// Module:  Driver
//
// Runs CppUnit suites by name: orgs-tests Suite [Suite...].
// The database the data-layer suites use is chosen by ORGS_TEST_CONNECTOR (SQLite, MySQL).
//


#include "support/HostProcess.h"
#include "support/TestRuntime.h"
#include <cppunit/BriefTestProgressListener.h>
#include <cppunit/CompilerOutputter.h>
#include <cppunit/TestResult.h>
#include <cppunit/TestResultCollector.h>
#include <cppunit/TestRunner.h>
#include <cppunit/extensions/TestFactoryRegistry.h>
#include <iostream>


int main(int argc, char** argv)
{
	if (argc < 2)
	{
		std::cerr << "usage: " << argv[0] << " Suite [Suite...]" << std::endl;
		return 2;
	}
	CppUnit::TestRunner runner;
	for (int i = 1; i < argc; ++i)
	{
		// An unknown name yields an empty registry, which CppUnit would report as a success.
		CppUnit::Test* pSuite = CppUnit::TestFactoryRegistry::getRegistry(argv[i]).makeTest();
		if (pSuite->countTestCases() == 0)
		{
			std::cerr << "no test suite named " << argv[i] << std::endl;
			delete pSuite;
			return 2;
		}
		runner.addTest(pSuite);
	}

	std::cout << "Database connector: " << Orgs::Test::TestRuntime::connector() << std::endl;
	CppUnit::TestResult controller;
	CppUnit::TestResultCollector result;
	controller.addListener(&result);
	CppUnit::BriefTestProgressListener progress;
	controller.addListener(&progress);
	runner.run(controller);

	CppUnit::CompilerOutputter outputter(&result, std::cerr);
	outputter.write();
	// A host's sanitizer finding fails the run even when every assertion held.
	const int reports = Orgs::Test::HostProcess::sanitizerReports();
	if (reports > 0)
		std::cerr << reports << " orgs-host process(es) reported sanitizer findings (see above)" << std::endl;
	return result.wasSuccessful() && reports == 0 ? 0 : 1;
}
