//
// TargetPolicy.h
//
// Library: OrgsPlugin
// Package: Events
// Module:  TargetPolicy
//
// Which webhook URLs and addresses the server may send to (the SSRF guard).
//


#ifndef Orgs_Events_TargetPolicy_INCLUDED
#define Orgs_Events_TargetPolicy_INCLUDED


#include "Poco/Net/IPAddress.h"
#include "Poco/Net/SocketAddress.h"
#include "Poco/URI.h"
#include <string>


namespace Orgs {
namespace Events {


class TargetPolicy
	/// Webhook URLs are https:// (http:// only while private targets are allowed, for tests and
	/// development). Unless orgs.webhooks.allowPrivateTargets is true, no delivery goes to a
	/// loopback, link-local, private (RFC 1918, fc00::/7), unspecified, multicast, broadcast,
	/// "this network" or CGNAT (100.64.0.0/10) address, nor to an IPv4 one of these written as
	/// IPv6 (::ffff:a.b.c.d). The check is made on the address a delivery connects to, resolved
	/// at delivery time, so a name that later resolves elsewhere is caught too.
{
public:
	explicit TargetPolicy(bool allowPrivate);

	Poco::URI checkUrl(const std::string& url) const;
		/// Returns the parsed URL if it may be an endpoint. Throws InvalidInputException
		/// ("invalid_url") for a URL that is not absolute http(s) with a host, no user info and
		/// at most 2000 characters, and ("refused_address") for a literal refused address.

	Poco::Net::SocketAddress resolve(const Poco::URI& url) const;
		/// Resolves the URL's host and returns the first address that is not refused, with the
		/// URL's port. Throws Poco::Net::HostNotFoundException if the name does not resolve and
		/// RefusedAddress if every address is refused.

	static bool refused(const Poco::Net::IPAddress& address);
		/// Returns true for the addresses listed above.

	class RefusedAddress : public Poco::Exception
		/// A delivery's only addresses are refused.
	{
	public:
		explicit RefusedAddress(const std::string& message) : Poco::Exception(message) {}
	};

private:
	bool _allowPrivate;
};


} // namespace Events
} // namespace Orgs


#endif // Orgs_Events_TargetPolicy_INCLUDED
