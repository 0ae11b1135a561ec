//
// TargetPolicy.cpp
//
// Library: OrgsPlugin
// Package: Events
// Module:  TargetPolicy
//


#include "events/TargetPolicy.h"
#include "Orgs/Errors.h"
#include "Poco/Net/DNS.h"
#include "Poco/Net/HostEntry.h"
#include <cstring>


namespace Orgs {
namespace Events {


namespace {


bool refusedIPv4(const unsigned char* b)
{
	return b[0] == 0                                  // 0.0.0.0/8, "this network" and unspecified
	       || b[0] == 10                              // 10.0.0.0/8
	       || b[0] == 127                             // loopback
	       || (b[0] == 100 && (b[1] & 0xC0) == 64)    // 100.64.0.0/10, CGNAT
	       || (b[0] == 169 && b[1] == 254)            // link-local
	       || (b[0] == 172 && (b[1] & 0xF0) == 16)    // 172.16.0.0/12
	       || (b[0] == 192 && b[1] == 168)            // 192.168.0.0/16
	       || (b[0] == 192 && b[1] == 0 && b[2] == 0) // 192.0.0.0/24, protocol assignments
	       || b[0] >= 224;                            // multicast, reserved, broadcast
}


} // namespace


TargetPolicy::TargetPolicy(bool allowPrivate) : _allowPrivate(allowPrivate) {}


bool TargetPolicy::refused(const Poco::Net::IPAddress& address)
{
	const auto* b = static_cast<const unsigned char*>(address.addr());
	if (address.family() == Poco::Net::IPAddress::IPv4)
		return refusedIPv4(b);
	static const unsigned char ZERO[10] = {0};
	// ::ffff:a.b.c.d and the deprecated ::a.b.c.d carry an IPv4 address.
	if (std::memcmp(b, ZERO, 10) == 0 && ((b[10] == 0xFF && b[11] == 0xFF) || (b[10] == 0 && b[11] == 0)))
	{
		if (b[10] == 0 && b[11] == 0 && b[12] == 0 && b[13] == 0 && b[14] == 0 && b[15] <= 1)
			return true; // :: and ::1
		return refusedIPv4(b + 12);
	}
	return (b[0] & 0xFE) == 0xFC                                              // fc00::/7, unique local
	       || (b[0] == 0xFE && (b[1] & 0xC0) == 0x80)                         // fe80::/10, link-local
	       || (b[0] == 0xFE && (b[1] & 0xC0) == 0xC0)                         // fec0::/10, site-local (deprecated)
	       || b[0] == 0xFF                                                    // multicast
	       || (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B); // 64:ff9b::/96, NAT64
}


Poco::URI TargetPolicy::checkUrl(const std::string& url) const
{
	if (url.empty() || url.size() > 2000)
		throw InvalidInputException("url: an https:// URL of at most 2000 characters", "invalid_url");
	Poco::URI uri;
	try
	{
		uri = Poco::URI(url);
	}
	catch (Poco::Exception&)
	{
		throw InvalidInputException("url: not a valid URL", "invalid_url");
	}
	const std::string scheme = uri.getScheme();
	if (scheme != "https" && !(scheme == "http" && _allowPrivate))
		throw InvalidInputException("url: must be https://", "invalid_url");
	if (uri.getHost().empty() || !uri.getUserInfo().empty() || !uri.getFragment().empty())
		throw InvalidInputException("url: needs a host, and neither user info nor a fragment", "invalid_url");
	Poco::Net::IPAddress literal;
	if (!_allowPrivate && Poco::Net::IPAddress::tryParse(uri.getHost(), literal) && refused(literal))
		throw InvalidInputException("url: loopback, private, link-local and similar addresses are refused",
		                            "refused_address");
	const std::string& host = uri.getHost();
	const bool localhost =
	    host == "localhost" || (host.size() > 10 && host.compare(host.size() - 10, 10, ".localhost") == 0);
	if (!_allowPrivate && localhost)
		throw InvalidInputException("url: loopback, private, link-local and similar addresses are refused",
		                            "refused_address");
	return uri;
}


Poco::Net::SocketAddress TargetPolicy::resolve(const Poco::URI& url) const
{
	Poco::Net::IPAddress literal;
	std::vector<Poco::Net::IPAddress> candidates;
	if (Poco::Net::IPAddress::tryParse(url.getHost(), literal))
		candidates.push_back(literal);
	else
		candidates = Poco::Net::DNS::hostByName(url.getHost()).addresses();
	for (const auto& address : candidates)
	{
		if (_allowPrivate || !refused(address))
			return Poco::Net::SocketAddress(address, url.getPort());
	}
	throw RefusedAddress(url.getHost() + " resolves only to refused addresses");
}


} // namespace Events
} // namespace Orgs
