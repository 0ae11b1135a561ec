//
// HostProcess.cpp
//
// Library: OrgsTestSupport
// Package: Support
// Module:  HostProcess
//


#include "support/HostProcess.h"
#include "Poco/Environment.h"
#include "Poco/Exception.h"
#include "Poco/NumberFormatter.h"
#include "Poco/NumberParser.h"
#include "Poco/Timestamp.h"
#include <atomic>
#include <cerrno>
#include <iostream>
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>


namespace Orgs {
namespace Test {


const std::string HostProcess::LISTENING_PREFIX("Orgs host listening on http://");


namespace {


std::atomic<int> sanitizerReportCount(0);


std::string fromEnv(const std::string& value, const std::string& variable)
{
	if (!value.empty())
		return value;
	std::string result = Poco::Environment::get(variable, "");
	if (result.empty())
		throw Poco::IOException("environment variable " + variable + " is not set");
	return result;
}


} // namespace


HostProcess::HostProcess() : _port(0), _listening(false), _exited(false), _exitCode(-1)
{
	start(Defines(), std::string(), std::string());
}


HostProcess::HostProcess(const Defines& defines, const std::string& executable, const std::string& config)
    : _port(0), _listening(false), _exited(false), _exitCode(-1)
{
	start(defines, executable, config);
}


HostProcess::HostProcess(std::initializer_list<Defines::value_type> defines)
    : _port(0), _listening(false), _exited(false), _exitCode(-1)
{
	start(Defines(defines), std::string(), std::string());
}


void HostProcess::start(const Defines& defines, const std::string& executable, const std::string& config)
{
	const std::string command = fromEnv(executable, "ORGS_HOST_EXECUTABLE");
	Poco::Process::Args args;
	args.push_back("--config=" + fromEnv(config, "ORGS_HOST_CONFIG"));
	args.push_back("--define=http.port=0");
	for (const auto& define : defines)
		args.push_back("--define=" + define.first + "=" + define.second);

	_pHandle.reset(new Poco::ProcessHandle(Poco::Process::launch(command, args, nullptr, &_outPipe, &_errPipe)));
	_outThread.setName("HostProcess-stdout");
	_errThread.setName("HostProcess-stderr");
	_outThread.startFunc([this]() { drain(_outPipe, _out, true); });
	_errThread.startFunc([this]() { drain(_errPipe, _err, false); });

	Poco::Timestamp started;
	while (true)
	{
		{
			Poco::FastMutex::ScopedLock lock(_mutex);
			if (_listening)
				return;
		}
		bool exited = reap(0);
		if (exited || started.isElapsed(START_TIMEOUT_MS * 1000))
		{
			if (!exited)
			{
				::kill(static_cast<pid_t>(pid()), SIGKILL);
				reap(STOP_TIMEOUT_MS);
			}
			joinReaders();
			checkSanitizerReport();
			std::string message =
			    exited ? "exited with code " + Poco::NumberFormatter::format(_exitCode) + " before listening"
			           : "did not report \"" + LISTENING_PREFIX + "...\" within 30 s";
			throw Poco::IOException(command + " " + message + "; its output:\n" + output());
		}
		Poco::Thread::sleep(10);
	}
}


HostProcess::~HostProcess()
{
	try
	{
		stop();
	}
	catch (...)
	{
	}
}


void HostProcess::drain(Poco::Pipe& pipe, std::string& buffer, bool watchForAddress)
{
	char chunk[4096];
	std::string::size_type lineStart = 0;
	while (true)
	{
		int n = 0;
		try
		{
			n = pipe.readBytes(chunk, sizeof(chunk));
		}
		catch (...)
		{
			n = 0;
		}
		if (n <= 0)
			break;
		Poco::FastMutex::ScopedLock lock(_mutex);
		buffer.append(chunk, static_cast<std::string::size_type>(n));
		if (watchForAddress && !_listening)
		{
			std::string::size_type eol;
			while (!_listening && (eol = buffer.find('\n', lineStart)) != std::string::npos)
			{
				_listening = parseListeningLine(buffer.substr(lineStart, eol - lineStart));
				lineStart = eol + 1;
			}
		}
	}
}


bool HostProcess::parseListeningLine(const std::string& line)
{
	std::string::size_type pos = line.find(LISTENING_PREFIX);
	if (pos == std::string::npos)
		return false;
	std::string rest = line.substr(pos + LISTENING_PREFIX.size());
	std::string::size_type end = rest.find_first_of("/ \r\t");
	if (end != std::string::npos)
		rest.resize(end);
	std::string::size_type colon = rest.rfind(':');
	if (colon == std::string::npos || colon == 0)
		return false;
	unsigned port = 0;
	if (!Poco::NumberParser::tryParseUnsigned(rest.substr(colon + 1), port) || port == 0 || port > 65535)
		return false;
	std::string host = rest.substr(0, colon);
	if (host.size() > 2 && host.front() == '[' && host.back() == ']')
		host = host.substr(1, host.size() - 2);
	_host = host;
	_port = static_cast<Poco::UInt16>(port);
	return true;
}


int HostProcess::exitCode(int waitStatus) const
{
	if (WIFEXITED(waitStatus))
		return WEXITSTATUS(waitStatus);
	if (WIFSIGNALED(waitStatus))
		return 128 + WTERMSIG(waitStatus);
	return -1;
}


bool HostProcess::reap(long timeoutMilliseconds)
{
	if (_exited)
		return true;
	Poco::Timestamp started;
	while (true)
	{
		int status = 0;
		pid_t rc = ::waitpid(static_cast<pid_t>(pid()), &status, WNOHANG);
		if (rc > 0)
		{
			_exited = true;
			_exitCode = exitCode(status);
			return true;
		}
		if (rc < 0 && errno != EINTR)
		{
			// Someone else reaped it; the exit code is lost.
			_exited = true;
			return true;
		}
		if (started.isElapsed(timeoutMilliseconds * 1000))
			return false;
		Poco::Thread::sleep(10);
	}
}


void HostProcess::joinReaders()
{
	// The pipes reach end of file once the host (and any child holding them) is gone.
	if (_outThread.isRunning())
		_outThread.tryJoin(5000);
	if (_errThread.isRunning())
		_errThread.tryJoin(5000);
}


int HostProcess::stop()
{
	if (!_pHandle)
		return _exitCode;
	if (!reap(0))
	{
		::kill(static_cast<pid_t>(pid()), SIGTERM);
		if (!reap(STOP_TIMEOUT_MS))
		{
			::kill(static_cast<pid_t>(pid()), SIGKILL);
			reap(STOP_TIMEOUT_MS);
		}
	}
	joinReaders();
	checkSanitizerReport();
	return _exitCode;
}


void HostProcess::checkSanitizerReport()
{
	if (_reportChecked)
		return;
	_reportChecked = true;
	const std::string err = errorOutput();
	// UndefinedBehaviorSanitizer writes "<file>:<line>:<col>: runtime error: ..." and, with
	// -fno-sanitize-recover, ends the process without a summary line.
	if (err.find(": runtime error: ") != std::string::npos)
	{
		++sanitizerReportCount;
		std::cerr << "\n*** orgs-host (pid " << pid() << ") reported undefined behaviour; its standard error:\n"
		          << err << std::endl;
		return;
	}
	// Each other sanitizer ends its report with a "SUMMARY: <Name>Sanitizer: ..." line; with
	// -fno-sanitize-recover the process ends right after it.
	for (std::string::size_type summary = err.find("SUMMARY: "); summary != std::string::npos;
	     summary = err.find("SUMMARY: ", summary + 1))
	{
		const std::string::size_type eol = err.find('\n', summary);
		const std::string line = err.substr(summary, eol == std::string::npos ? std::string::npos : eol - summary);
		if (line.find("Sanitizer") != std::string::npos)
		{
			++sanitizerReportCount;
			std::cerr << "\n*** orgs-host (pid " << pid() << ") reported a sanitizer finding; its standard error:\n"
			          << err << std::endl;
			return;
		}
	}
}


int HostProcess::sanitizerReports()
{
	return sanitizerReportCount.load();
}


bool HostProcess::running()
{
	return _pHandle && !reap(0);
}


std::string HostProcess::baseUrl() const
{
	if (_host.find(':') != std::string::npos)
		return "http://[" + _host + "]:" + Poco::NumberFormatter::format(_port);
	return "http://" + _host + ":" + Poco::NumberFormatter::format(_port);
}


Poco::Process::PID HostProcess::pid() const
{
	return _pHandle->id();
}


std::string HostProcess::output() const
{
	Poco::FastMutex::ScopedLock lock(_mutex);
	return _out + _err;
}


std::string HostProcess::standardOutput() const
{
	Poco::FastMutex::ScopedLock lock(_mutex);
	return _out;
}


std::string HostProcess::errorOutput() const
{
	Poco::FastMutex::ScopedLock lock(_mutex);
	return _err;
}


} // namespace Test
} // namespace Orgs
