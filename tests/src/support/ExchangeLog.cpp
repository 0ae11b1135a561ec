//
// ExchangeLog.cpp
//
// Library: OrgsTestSupport
// Package: Support
// Module:  ExchangeLog
//


#include "support/ExchangeLog.h"
#include "Poco/Environment.h"
#include "Poco/File.h"
#include "Poco/JSON/Object.h"
#include "Poco/Mutex.h"
#include "Poco/NumberFormatter.h"
#include "Poco/Path.h"
#include "Poco/Process.h"
#include <fstream>
#include <memory>
#include <sstream>


namespace Orgs {
namespace Test {


namespace {


struct State
{
	Poco::FastMutex mutex;
	bool opened = false;
	std::unique_ptr<std::ofstream> pOut;
	std::string test;
	std::string connector;
};


State& state()
{
	static State s;
	return s;
}


std::ofstream* output(State& s)
	/// Opens this process's file on first use: <dir>/<pid>.jsonl, so that processes running in
	/// parallel never share one.
{
	if (!s.opened)
	{
		s.opened = true;
		const std::string dir = Poco::Environment::get("ORGS_TEST_EXCHANGES_DIR", "");
		if (!dir.empty())
		{
			Poco::File(dir).createDirectories();
			Poco::Path file(Poco::Path::forDirectory(dir));
			file.setFileName(Poco::NumberFormatter::format(Poco::Process::id()) + ".jsonl");
			s.pOut.reset(new std::ofstream(file.toString(), std::ios::out | std::ios::app));
			s.connector = Poco::Environment::get("ORGS_TEST_CONNECTOR", "SQLite");
		}
	}
	return s.pOut.get();
}


} // namespace


void ExchangeLog::setCurrentTest(const std::string& name)
{
	State& s = state();
	Poco::FastMutex::ScopedLock lock(s.mutex);
	s.test = name;
}


void ExchangeLog::record(const std::string& method, const std::string& target, const std::string& requestContentType,
                         int status, const std::string& contentType, const std::string& body)
{
	try
	{
		State& s = state();
		Poco::FastMutex::ScopedLock lock(s.mutex);
		std::ofstream* pOut = output(s);
		if (!pOut)
			return;
		Poco::JSON::Object line;
		line.set("test", s.test);
		line.set("connector", s.connector);
		line.set("method", method);
		line.set("target", target);
		line.set("request_content_type", requestContentType);
		line.set("status", status);
		line.set("content_type", contentType);
		line.set("body", body);
		std::ostringstream text;
		line.stringify(text);
		*pOut << text.str() << '\n';
		pOut->flush();
	}
	catch (...)
	{
	}
}


} // namespace Test
} // namespace Orgs
