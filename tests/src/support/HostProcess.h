//
// HostProcess.h
//
// Library: OrgsTestSupport
// Package: Support
// Module:  HostProcess
//
// Runs the real orgs-host executable for end-to-end tests.
//


#ifndef Orgs_HostProcess_INCLUDED
#define Orgs_HostProcess_INCLUDED


#include "Poco/Mutex.h"
#include "Poco/Pipe.h"
#include "Poco/Process.h"
#include "Poco/SharedPtr.h"
#include "Poco/Thread.h"
#include "Poco/Types.h"
#include <initializer_list>
#include <map>
#include <memory>
#include <string>


namespace Orgs {
namespace Test {


class HostProcess
	/// Starts orgs-host as a child process and waits until it listens.
	///
	/// The executable is taken from the environment variable ORGS_HOST_EXECUTABLE and the
	/// configuration file from ORGS_HOST_CONFIG (or from the constructor). The host is run as
	///
	///     orgs-host --config=<config> --define=http.port=0 [--define=key=value ...]
	///
	/// and is expected to print the line "Orgs host listening on http://HOST:PORT" on its
	/// standard output (and flush it). Its standard output and error are drained by background
	/// threads for as long as it runs, so its pipes never fill; output() returns what was read.
{
public:
	using Ptr = Poco::SharedPtr<HostProcess>;
	using Defines = std::map<std::string, std::string>;

	static const long START_TIMEOUT_MS = 30000;
	static const long STOP_TIMEOUT_MS = 15000;

	HostProcess();
		/// Starts the host without configuration overrides (see below).

	explicit HostProcess(const Defines& defines, const std::string& executable = std::string(),
	                     const std::string& config = std::string());
		/// Starts the host with the given configuration overrides (each becomes --define=key=value)
		/// and waits up to 30 s for the "listening" line. Empty executable and config are taken from
		/// ORGS_HOST_EXECUTABLE and ORGS_HOST_CONFIG.
		///
		/// Throws Poco::IOException if a variable is unset, or if the host exits or does not
		/// report its address in time; the message then contains everything the host printed.

	HostProcess(std::initializer_list<Defines::value_type> defines);
		/// Same as HostProcess(Defines(defines)), so that HostProcess host({{"key", "value"}})
		/// is not ambiguous.

	~HostProcess();
		/// Stops the host if it is still running. Never throws.

	int stop();
		/// Sends SIGTERM, waits up to 15 s (then sends SIGKILL), and returns the exit code
		/// (128 + signal number if a signal ended it). Returns the saved code if already stopped.

	bool running();
		/// Returns true while the process has not exited.

	const std::string& host() const;
		/// Returns the host name or address from the "listening" line.

	Poco::UInt16 port() const;
		/// Returns the port from the "listening" line.

	std::string baseUrl() const;
		/// Returns "http://HOST:PORT".

	Poco::Process::PID pid() const;
		/// Returns the process id.

	std::string output() const;
		/// Returns what the host wrote so far: its standard output, then its standard error.

	std::string standardOutput() const;
		/// Returns what the host wrote to standard output so far.

	std::string errorOutput() const;
		/// Returns what the host wrote to standard error so far.

	static const std::string LISTENING_PREFIX;

	static int sanitizerReports();
		/// Returns how many hosts of this process reported a sanitizer finding (AddressSanitizer,
		/// LeakSanitizer, UndefinedBehaviorSanitizer) on their standard error. Each report is
		/// written to this process's standard error as soon as the host is found to have
		/// exited; the test driver fails the run if any was seen, since a host's finding would
		/// otherwise go unnoticed (the host is stopped after its test has passed).

private:
	HostProcess(const HostProcess&) = delete;
	HostProcess& operator=(const HostProcess&) = delete;

	void start(const Defines& defines, const std::string& executable, const std::string& config);
	void drain(Poco::Pipe& pipe, std::string& buffer, bool watchForAddress);
	bool parseListeningLine(const std::string& line);
	int exitCode(int waitStatus) const;
	bool reap(long timeoutMilliseconds);
	void joinReaders();
	void checkSanitizerReport();

	std::unique_ptr<Poco::ProcessHandle> _pHandle;
	Poco::Pipe _outPipe;
	Poco::Pipe _errPipe;
	Poco::Thread _outThread;
	Poco::Thread _errThread;
	mutable Poco::FastMutex _mutex;
	std::string _out;
	std::string _err;
	std::string _host;
	Poco::UInt16 _port;
	bool _listening;
	bool _exited;
	int _exitCode;
	bool _reportChecked = false;
};


//
// inlines
//
inline const std::string& HostProcess::host() const
{
	return _host;
}


inline Poco::UInt16 HostProcess::port() const
{
	return _port;
}


} // namespace Test
} // namespace Orgs


#endif // Orgs_HostProcess_INCLUDED
