//
// DnsTxtResolver.h
//
// Library: OrgsPlugin
// Package: Identity
// Module:  DnsTxtResolver
//
// Looks TXT records up in DNS, within a bounded time.
//


#ifndef Orgs_DnsTxtResolver_INCLUDED
#define Orgs_DnsTxtResolver_INCLUDED


#include "Poco/Net/SocketAddress.h"
#include <string>
#include <vector>


namespace Orgs {
namespace Federation {


class DnsTxtResolver
	/// Asks name servers for the TXT records of a name, with libresolv (res_nquery on a
	/// resolver state of its own per lookup, so lookups of several threads do not interfere).
	///
	/// The name servers are the configured ones (orgs.domains.nameservers: IPv4 address and
	/// port), or the system's (/etc/resolv.conf) when none is configured. Each server is tried
	/// attempts times, the first try waiting timeoutSeconds for an answer and each later one
	/// twice as long as the one before (libresolv's back-off), so a lookup never blocks its
	/// thread for longer than about nameservers * timeoutSeconds * (2^attempts - 1). A
	/// truncated answer is asked again over TCP (libresolv does it).
{
public:
	DnsTxtResolver(const std::vector<std::string>& nameservers, int timeoutSeconds, int attempts);
		/// nameservers as Config::DomainSettings checked them ("127.0.0.1:5353"; port 53 if
		/// none); empty for the system's.

	std::vector<std::string> lookup(const std::string& name) const;
		/// Returns the values of the TXT records of name (the character strings of each record
		/// joined, as RFC 7208 reads them), in the order of the answer; empty if the name does
		/// not exist or has no TXT record.
		/// Throws UnavailableException ("dns_unavailable") if no server answered in time, or
		/// every one failed (SERVFAIL, REFUSED, a malformed answer).

	std::string describeServers() const;
		/// Returns the servers asked ("127.0.0.1:5353, ..." or "the system's"), for messages
		/// and the log.

private:
	std::vector<Poco::Net::SocketAddress> _servers;
	int _timeoutSeconds;
	int _attempts;
};


} // namespace Federation
} // namespace Orgs


#endif // Orgs_DnsTxtResolver_INCLUDED
