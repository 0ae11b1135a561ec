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
//   orgs-tests --list           prints every suite with where it runs ("HttpApi DATABASE")
//   orgs-tests --expect FILE    fails unless the suites are exactly those FILE lists, one
//                               "Name KIND" a line (tests/CMakeLists.txt writes it; see Suites)
//


#include "support/ExchangeLog.h"
#include "support/HostProcess.h"
#include "support/Suites.h"
#include "support/TestRuntime.h"
#include "Poco/FileStream.h"
#include <cppunit/BriefTestProgressListener.h>
#include <cppunit/CompilerOutputter.h>
#include <cppunit/TestResult.h>
#include <cppunit/TestListener.h>
#include <cppunit/TestResultCollector.h>
#include <cppunit/TestRunner.h>
#include <cppunit/extensions/TestFactoryRegistry.h>
#include <iostream>
#include <map>
#include <sstream>


namespace {


class ExchangeNamer : public CppUnit::TestListener
	/// Names the running test in the recorded HTTP exchanges (ExchangeLog).
{
public:
	void startTest(CppUnit::Test* pTest) override { Orgs::Test::ExchangeLog::setCurrentTest(pTest->getName()); }
};


int listSuites()
{
	for (const auto& suite : Orgs::Test::Suites::all())
		std::cout << suite.first << " " << Orgs::Test::Suites::kindName(suite.second) << std::endl;
	return 0;
}


int expectSuites(const std::string& file)
	/// Compares the suites compiled in with those ctest has entries for.
{
	std::map<std::string, std::string> expected;
	Poco::FileInputStream in(file);
	std::string line;
	while (std::getline(in, line))
	{
		std::istringstream words(line);
		std::string name;
		std::string kind;
		if (words >> name >> kind)
			expected[name] = kind;
	}
	int problems = 0;
	for (const auto& suite : Orgs::Test::Suites::all())
	{
		const std::string kind = Orgs::Test::Suites::kindName(suite.second);
		const auto it = expected.find(suite.first);
		if (it == expected.end() || it->second != kind)
		{
			std::cerr << "suite " << suite.first << " (" << kind << ") has no ctest entry of that kind: re-run cmake"
			          << std::endl;
			++problems;
		}
	}
	for (const auto& suite : expected)
	{
		if (Orgs::Test::Suites::all().count(suite.first) == 0)
		{
			std::cerr << "ctest has entries for " << suite.first << ", which orgs-tests does not register" << std::endl;
			++problems;
		}
	}
	std::cout << Orgs::Test::Suites::all().size() << " suites registered, " << expected.size() << " with entries"
	          << std::endl;
	return problems == 0 ? 0 : 1;
}


} // namespace


int main(int argc, char** argv)
{
	if (argc < 2)
	{
		std::cerr << "usage: " << argv[0] << " Suite [Suite...] | --list | --expect FILE" << std::endl;
		return 2;
	}
	if (std::string(argv[1]) == "--list")
		return listSuites();
	if (std::string(argv[1]) == "--expect" && argc == 3)
		return expectSuites(argv[2]);
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
	ExchangeNamer namer;
	controller.addListener(&namer);
	runner.run(controller);

	CppUnit::CompilerOutputter outputter(&result, std::cerr);
	outputter.write();
	// A host's sanitizer finding fails the run even when every assertion held.
	const int reports = Orgs::Test::HostProcess::sanitizerReports();
	if (reports > 0)
		std::cerr << reports << " orgs-host process(es) reported sanitizer findings (see above)" << std::endl;
	return result.wasSuccessful() && reports == 0 ? 0 : 1;
}
