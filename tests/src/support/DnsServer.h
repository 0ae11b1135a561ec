//
// DnsServer.h
//
// Library: OrgsTestSupport
// Package: Support
// Module:  DnsServer
//
// A real DNS server for tests: Debian's dnsmasq on a free loopback port, serving TXT records.
//


#ifndef Orgs_DnsServer_INCLUDED
#define Orgs_DnsServer_INCLUDED


#include "Poco/Process.h"
#include "Poco/Timespan.h"
#include "Poco/Types.h"
#include <map>
#include <memory>
#include <string>
#include <vector>


namespace Orgs {
namespace Test {


class DnsServer
	/// Runs dnsmasq (Debian package dnsmasq-base: the program alone, no service; another path can
	/// be given in the environment variable ORGS_DNSMASQ) as a child process that answers UDP and
	/// TCP queries on 127.0.0.1 on a free port. It forwards nothing and reads neither /etc/hosts nor
	/// /etc/resolv.conf: it answers the TXT records set here, and NXDOMAIN for every other name.
	/// Its configuration, pid file and log live in a new folder under the current directory (ctest
	/// runs the tests in the build tree); the destructor stops it and removes the folder.
	///
	/// dnsmasq reads txt-record lines only at start (SIGHUP does not reload them), so each change
	/// rewrites the configuration and restarts it on the same port before returning.
{
public:
	DnsServer();
		/// Starts the server with no records and waits until it answers.
		/// Throws Poco::IOException if dnsmasq is missing or does not come up in 10 s.

	~DnsServer();
		/// Stops the server and removes its folder. Never throws.

	void setTxt(const std::string& name, const std::vector<std::string>& values);
		/// Serves one TXT record per value for name (replacing what name had; no values removes
		/// it), e.g. setTxt("_orgs-challenge.acme.test", {"orgs-verification=abc"}). Returns once
		/// the restarted server answers. Throws Poco::InvalidArgumentException for a name that is
		/// not a DNS name or a value longer than 255 bytes or holding a line break.

	void removeTxt(const std::string& name);
		/// Stops serving the TXT records of name.

	void clear();
		/// Stops serving every record.

	std::vector<std::string> queryTxt(const std::string& name) const;
		/// Asks the server over UDP for the TXT records of name, as a resolver would, and returns
		/// their texts (the strings of one record joined); none for NXDOMAIN. For checking what is
		/// served. Throws Poco::TimeoutException if the server does not answer in 2 s and
		/// Poco::IOException for any answer code other than NOERROR and NXDOMAIN.

	std::string nameserver() const;
		/// Returns "127.0.0.1:<port>", the form orgs.domains.nameservers takes.

	Poco::UInt16 port() const;

	std::string host() const;
		/// Returns "127.0.0.1".

	void restart();
		/// Stops the server and starts it again on the same port with the current records.

	bool running() const;

	std::string log() const;
		/// Returns what dnsmasq logged (it logs every query).

	static std::string executable();
		/// Returns ORGS_DNSMASQ or /usr/sbin/dnsmasq.

private:
	DnsServer(const DnsServer&) = delete;
	DnsServer& operator=(const DnsServer&) = delete;

	bool launch();
	void stop();
	std::vector<std::string> query(const std::string& name, const Poco::Timespan& timeout) const;
	void writeConfiguration() const;

	std::string _folder;
	Poco::UInt16 _port;
	std::map<std::string, std::vector<std::string>> _records;
	std::unique_ptr<Poco::ProcessHandle> _pHandle;
};


inline Poco::UInt16 DnsServer::port() const
{
	return _port;
}


} // namespace Test
} // namespace Orgs


#endif // Orgs_DnsServer_INCLUDED
